//! The staged pathway: grade and verdicts ordered into stages, with the work-up still missing,
//! the warnings, the seed corrections that touch the patient, and the sources cited.

mod corrections;
mod warnings;
mod workup;

pub use workup::confirms;

use crate::eligibility::{self, Status, Verdict};
use crate::grading::{self, Category, Grade, NothingToGrade};
use crate::knowledge::{Citation, Knowledge, Note};
use crate::model::patient::FieldSet;
use crate::model::{OptionId, Patient, Primary, Tag};
use crate::report::{GradeReport, Report, Stage, SCHEMA_VERSION};

use crate::knowledge::classes::CORE_STAGES;

/// Builds the full report for a patient.
pub fn assess(p: &Patient, k: &Knowledge) -> Result<Report, NothingToGrade> {
    let grade = grading::grade(p, k)?;
    let verdicts = eligibility::assess(p, &grade, k);
    let mut symptoms = eligibility::assess_symptoms(p, &grade, k);
    let status = |id: OptionId| verdicts.iter().find(|v| v.id == id).map(|v| v.status);

    let workup = workup::items(p, &grade, k, &status);
    // Grade warnings stay with the grade (`grade.warnings`, rules.md §1, L1).
    let warnings = warnings::report_warnings(p, &grade, k, &status);
    let corrections = corrections::bearing_on(p, &grade, k, &status);

    let mut stages = Vec::new();
    // Each verdict moves to its stage (in pathway order, as data/options.toml lists them).
    let mut buckets: [Vec<Verdict>; 4] = Default::default();
    for v in verdicts {
        let stage = k.option(v.id).map_or("", |o| o.stage);
        if let Some(i) = CORE_STAGES.iter().position(|s| *s == stage) {
            buckets[i].push(v);
        }
    }
    let mut stage_notes: Vec<Note> = Vec::new();
    for (id, options) in CORE_STAGES.into_iter().zip(buckets) {
        let notes = if id == "systemic" {
            systemic_notes(p, &grade, k)
        } else {
            Vec::new()
        };
        stages.push(stage(k, id, options, &notes));
        stage_notes.extend(notes);
        // Symptom control follows the overall approach (rules.md §6 report order).
        if id == "approach" && !symptoms.is_empty() {
            // `--syndrome` takes one value (M15, not resolved): say so where it matters.
            let notes = vec![k.note("symptoms.one_syndrome")];
            stages.push(stage(k, "symptoms", std::mem::take(&mut symptoms), &notes));
            stage_notes.extend(notes);
        }
    }

    let summary = crate::summary::summarize(&stages, &grade, &warnings, k);
    let mut cited = Cited::new(k);
    for v in stages.iter().flat_map(|s| &s.options) {
        cited.mark_all(v.criteria.iter().map(|c| c.source.as_ref()));
        cited.mark_all(v.evidence.iter().map(|e| e.source));
        cited.mark_all(v.note_sources.iter().copied());
    }
    cited.mark_all(stage_notes.iter().map(|n| n.source));
    cited.mark_all(workup.iter().map(|w| w.source));
    cited.mark_all(grade.warnings.iter().map(|w| w.source));
    cited.mark_all(warnings.iter().map(|w| w.source));
    cited.mark_all(corrections.iter().map(|c| c.source));

    // Brief records name the grade's warnings too (a Ki-67 typed as a fraction, L1).
    let warning_ids = grade
        .warnings
        .iter()
        .chain(&warnings)
        .map(|w| w.id)
        .collect();
    Ok(Report {
        schema_version: SCHEMA_VERSION,
        knowledge_version: k.version.to_owned(),
        patient: p.clone(),
        grade,
        warning_ids,
        summary,
        stages,
        workup,
        warnings: warnings.iter().map(Note::cited).collect(),
        warnings_detail: warnings,
        corrections,
        knowledge_file: k.file.clone(),
        overrides: k.overrides.clone(),
        sources: cited.citations(),
        disclaimer: k.disclaimer.to_owned(),
    })
}

/// The status of each core option once decided, for the parts of a report that follow from
/// them (work-up, warnings, seed corrections).
type StatusOf<'a> = dyn Fn(OptionId) -> Option<Status> + 'a;

/// "Not ruled out" (rules.md §4, A-11): any status but `not-recommended`.
fn not_ruled_out(status: &StatusOf, id: OptionId) -> bool {
    status(id).is_some_and(|s| s != Status::NotRecommended)
}

/// "Eligible" (rules.md §4, A-11): `recommended` or `consider`.
fn eligible(status: &StatusOf, id: OptionId) -> bool {
    matches!(status(id), Some(Status::Recommended | Status::Consider))
}

/// Patients and statuses for the unit tests of the parts that follow from the verdicts.
#[cfg(test)]
pub(crate) mod testing {
    use crate::eligibility::Status;
    use crate::model::{Field, OptionId, Patient, RawValue};

    /// A patient with these answers (each valid).
    pub fn patient(answers: &[(Field, &str)]) -> Patient {
        let mut p = Patient::default();
        for (field, value) in answers {
            p.set(*field, &RawValue::Text((*value).to_owned())).unwrap();
        }
        p
    }

    /// Option statuses given directly (an option not listed has none).
    pub fn statuses(list: &[(OptionId, Status)]) -> impl Fn(OptionId) -> Option<Status> + '_ {
        move |id| list.iter().find(|(o, _)| *o == id).map(|(_, s)| *s)
    }
}

/// The grade category and the status of every core option, in pathway order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statuses {
    pub category: Category,
    pub options: Vec<(OptionId, Status)>,
    /// The answers that would settle the `undetermined` options.
    pub missing: FieldSet,
}

/// The statuses alone, without the texts of a full report (a cohort's table): the same
/// decisions, many times faster.
pub fn statuses(p: &Patient, k: &Knowledge) -> Result<Statuses, NothingToGrade> {
    let grade = grading::category(p, k)?;
    let decisions = eligibility::decide(p, &grade, k);
    let mut missing = FieldSet::default();
    for d in decisions
        .iter()
        .filter(|d| d.status == Status::Undetermined)
    {
        missing.union(d.settled_by);
    }
    // High-grade, differentiation unknown: it settles the grade itself, and with it what is
    // undetermined (the table skips the NET G3 / NEC hypotheses that would name it per option).
    let open = decisions.iter().any(|d| d.status == Status::Undetermined);
    if grade.category == Category::HighGrade && open {
        missing.insert(crate::model::Field::Differentiation);
    }
    Ok(Statuses {
        category: grade.category,
        options: decisions.iter().map(|d| (d.id, d.status)).collect(),
        missing,
    })
}

/// Builds the grade-only report.
pub fn grade_only(p: &Patient, k: &Knowledge) -> Result<GradeReport, NothingToGrade> {
    let grade = grading::grade(p, k)?;
    let corrections = if grade.category.is_grade_3() {
        k.correction("g3_is_not_nec").into_iter().collect()
    } else {
        Vec::new()
    };
    let mut cited = Cited::new(k);
    cited.mark_all(grade.warnings.iter().map(|w| w.source));
    cited.mark(if grade.thoracic.is_some() {
        k.thoracic_classification_source
    } else {
        k.classification_source
    });
    cited.mark_all(corrections.iter().map(|c| c.source));
    Ok(GradeReport {
        schema_version: SCHEMA_VERSION,
        knowledge_version: k.version.to_owned(),
        patient: p.clone(),
        // Grade warnings are shown with the grade (`grade.warnings`), not repeated here.
        warnings: Vec::new(),
        warnings_detail: Vec::new(),
        grade,
        corrections,
        knowledge_file: k.file.clone(),
        overrides: k.overrides.clone(),
        sources: cited.citations(),
        disclaimer: k.disclaimer.to_owned(),
    })
}

fn stage(k: &Knowledge, id: &'static str, options: Vec<Verdict>, notes: &[Note]) -> Stage {
    Stage {
        id,
        title: k.stage_title(id),
        options,
        notes: notes.to_vec(),
    }
}

/// The citations a report names, kept in the order of the citations file (which follows the
/// dossier).
struct Cited<'k> {
    k: &'k Knowledge,
    marked: Vec<bool>,
}

impl<'k> Cited<'k> {
    fn new(k: &'k Knowledge) -> Self {
        Self {
            k,
            marked: vec![false; k.citations.len()],
        }
    }

    fn mark(&mut self, id: &str) {
        if let Some(i) = self.k.citation_index(id) {
            self.marked[i] = true;
        }
    }

    fn mark_all<'a>(&mut self, ids: impl Iterator<Item = &'a str>) {
        for id in ids {
            self.mark(id);
        }
    }

    fn citations(&self) -> Vec<Citation> {
        self.k
            .citations
            .iter()
            .zip(&self.marked)
            .filter_map(|(c, marked)| marked.then_some(*c))
            .collect()
    }
}

/// The notes shown once under the systemic stage: the line of therapy, and for low-grade disease
/// the sequence a board expects at this site (rules.md §4.4, M13: not a ranking).
fn systemic_notes(p: &Patient, g: &Grade, k: &Knowledge) -> Vec<Note> {
    let mut notes = vec![line_of_therapy(p, k)];
    let site_line = match p.primary {
        _ if !g.category.is_low_grade() => None,
        Some(Primary::SmallIntestine) => Some("lines.small_intestine"),
        Some(Primary::Pancreas) => Some("lines.pancreas"),
        Some(site) if k.thresholds.sites.thoracic.contains(site) => Some("lines.thoracic"),
        _ => None,
    };
    notes.extend(site_line.map(|id| k.note(id)));
    notes
}

/// Which line of systemic therapy this is, from `--prior` and `--current` (a current treatment
/// counts as given, rules.md §3.3).
fn line_of_therapy(p: &Patient, k: &Knowledge) -> Note {
    let systemic = |id: &&OptionId| id.is(Tag::SystemicLine);
    let mut given: Vec<OptionId> = Vec::new();
    for id in p.prior.iter().chain(&p.current).flatten().filter(systemic) {
        if !given.contains(id) {
            given.push(*id);
        }
    }
    if let Some((first, rest)) = given.split_first() {
        let mut note = k.note("lines.later");
        let text = note.text.to_mut();
        text.push(' ');
        text.push_str(first.name());
        for id in rest {
            text.push_str(", ");
            text.push_str(id.name());
        }
        note
    } else if p.prior.is_none() {
        k.note("lines.unknown")
    } else {
        k.note("lines.first")
    }
}
