//! The staged pathway: grade and verdicts ordered into stages, with the work-up still missing,
//! the warnings, the seed corrections that touch the patient, and the sources cited.

use crate::eligibility::{self, Detail, Status, Verdict};
use crate::grading::{self, Category, Grade, NothingToGrade};
use crate::knowledge::{Citation, Correction, Knowledge, Note};
use crate::model::patient::FieldSet;
use crate::model::{OptionId, Patient, Pattern, Progression, Syndrome, YesNo};
use crate::report::{GradeReport, Report, Stage, SCHEMA_VERSION};
use std::collections::BTreeSet;

/// The stages every report has, in pathway order (symptom control comes first when present).
const CORE_STAGES: [&str; 3] = ["local", "liver-directed", "systemic"];

/// Builds the full report for a patient.
pub fn assess(p: &Patient, k: &Knowledge) -> Result<Report, NothingToGrade> {
    let grade = grading::grade(p, k)?;
    let verdicts = eligibility::assess(p, &grade, k, Detail::Full);
    let symptoms = eligibility::assess_symptoms(p, &grade, k);
    let status = |id: OptionId| verdicts.iter().find(|v| v.id == id).map(|v| v.status);

    let workup = workup(p, &grade, k, &status);
    let mut warnings: Vec<Note> = grade.warnings.clone();
    warnings.extend(patient_warnings(p, k));

    let mut correction_ids: Vec<&str> = Vec::new();
    if grade.category.is_grade_3() {
        correction_ids.push("g3_is_not_nec");
    }
    if p.extrahepatic == Some(YesNo::Yes) {
        correction_ids.push("systemic_essential");
    }
    for v in verdicts.iter().chain(&symptoms) {
        correction_ids.extend(v.corrections.iter().copied());
    }
    let corrections = unique_corrections(k, &correction_ids);

    let mut stages = Vec::new();
    if !symptoms.is_empty() {
        stages.push(stage(k, "symptoms", symptoms, Vec::new()));
    }
    // Each verdict moves to its stage (in pathway order, as data/options.toml lists them).
    let mut buckets: [Vec<Verdict>; 3] = Default::default();
    for v in verdicts {
        let stage = k.option(v.id).map_or("", |o| o.stage);
        if let Some(i) = CORE_STAGES.iter().position(|s| *s == stage) {
            buckets[i].push(v);
        }
    }
    for (id, options) in CORE_STAGES.into_iter().zip(buckets) {
        let notes = if id == "systemic" {
            vec![line_of_therapy(p)]
        } else {
            Vec::new()
        };
        stages.push(stage(k, id, options, notes));
    }

    let summary = crate::summary::summarize(&stages, &grade, &warnings[grade.warnings.len()..], k);
    let mut cited = Cited::new(k);
    for v in stages.iter().flat_map(|s| &s.options) {
        cited.mark_all(v.criteria.iter().map(|c| c.source.as_ref()));
        cited.mark_all(v.evidence.iter().map(|e| e.source));
        cited.mark_all(v.note_sources.iter().copied());
    }
    cited.mark_all(workup.iter().map(|w| w.source));
    cited.mark_all(warnings.iter().map(|w| w.source));
    cited.mark_all(corrections.iter().map(|c| c.source));

    Ok(Report {
        schema_version: SCHEMA_VERSION,
        knowledge_version: k.version.clone(),
        patient: p.clone(),
        grade,
        summary,
        stages,
        workup,
        warning_ids: warnings.iter().map(|w| w.id).collect(),
        warnings: warnings.iter().map(Note::cited).collect(),
        corrections,
        overrides: k.overrides.clone(),
        sources: cited.citations(),
        disclaimer: k.disclaimer.clone(),
    })
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
    let verdicts = eligibility::assess(p, &grade, k, Detail::Statuses);
    let mut missing = FieldSet::default();
    for v in &verdicts {
        missing.union(v.settled_by);
    }
    // High-grade, differentiation unknown: it settles the grade itself, and with it what is
    // undetermined (the table skips the NET G3 / NEC hypotheses that would name it per option).
    let open = verdicts.iter().any(|v| v.status == Status::Undetermined);
    if grade.category == Category::HighGrade && open {
        missing.insert(crate::model::Field::Differentiation);
    }
    Ok(Statuses {
        category: grade.category,
        options: verdicts.into_iter().map(|v| (v.id, v.status)).collect(),
        missing,
    })
}

/// Builds the grade-only report.
pub fn grade_only(p: &Patient, k: &Knowledge) -> Result<GradeReport, NothingToGrade> {
    let grade = grading::grade(p, k)?;
    let corrections = if grade.category.is_grade_3() {
        unique_corrections(k, &["g3_is_not_nec"])
    } else {
        Vec::new()
    };
    let mut cited = Cited::new(k);
    cited.mark_all(grade.warnings.iter().map(|w| w.source));
    cited.mark(if grade.thoracic.is_some() { "S8" } else { "S1" });
    cited.mark_all(corrections.iter().map(|c| c.source));
    Ok(GradeReport {
        schema_version: SCHEMA_VERSION,
        knowledge_version: k.version.clone(),
        patient: p.clone(),
        warnings: grade.warnings.iter().map(Note::cited).collect(),
        grade,
        corrections,
        overrides: k.overrides.clone(),
        sources: cited.citations(),
        disclaimer: k.disclaimer.clone(),
    })
}

fn stage(k: &Knowledge, id: &'static str, options: Vec<Verdict>, notes: Vec<String>) -> Stage {
    Stage {
        id,
        title: k.stage_title(id),
        options,
        notes,
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

fn unique_corrections(k: &Knowledge, ids: &[&str]) -> Vec<Correction> {
    let mut seen = BTreeSet::new();
    ids.iter()
        .filter(|id| seen.insert(**id))
        .filter_map(|id| k.correction(id))
        .collect()
}

/// Which line of systemic therapy this is, from `--prior`.
fn line_of_therapy(p: &Patient) -> String {
    match &p.prior {
        None => "Prior treatment not given: the line of systemic therapy is unknown".to_owned(),
        Some(prior) => {
            let systemic = prior
                .iter()
                .filter(|id| **id == OptionId::Ssa || id.is_non_ssa_systemic())
                .count();
            if systemic == 0 {
                "First line of systemic therapy (none given before)".to_owned()
            } else {
                format!(
                    "Line {} of systemic therapy ({systemic} given before)",
                    systemic + 1
                )
            }
        }
    }
}

fn patient_warnings(p: &Patient, k: &Knowledge) -> Vec<Note> {
    let mut out = Vec::new();
    if p.lesions == Some(1) && matches!(p.pattern, Some(Pattern::Complex | Pattern::Diffuse)) {
        out.push(k.note("pattern.single_lesion_conflict"));
    }
    if p.lesions.is_some_and(|n| n > 1) && p.pattern == Some(Pattern::Simple) {
        out.push(k.note("pattern.simple_multiple_conflict"));
    }
    if p.pattern == Some(Pattern::Complex) && p.bilobar == Some(YesNo::No) {
        out.push(k.note("pattern.complex_not_bilobar"));
    }
    let whipple_site = p
        .primary
        .is_some_and(|s| k.thresholds.sites.whipple_likely.contains(s));
    if whipple_site && p.primary_resected == Some(YesNo::Yes) && p.biliary_anastomosis.is_none() {
        out.push(k.note("symptoms.whipple"));
    }
    if p.biliary_anastomosis == Some(YesNo::Yes) {
        // TACE is ruled out; radioembolisation stays possible, with this caution (rules.md §4).
        out.push(k.note("embolisation.tare_biliary"));
    }
    if p.syndrome == Some(Syndrome::Insulinoma) {
        out.push(k.note("symptoms.insulinoma_ssa"));
    }
    let progressive = p.progression == Some(Progression::Progressive);
    if progressive && p.stable_months.is_some_and(|m| m > 0.0) {
        out.push(k.note("symptoms.stability_conflict"));
    }
    if progressive && p.prior.as_ref().is_some_and(|prior| !prior.is_empty()) {
        out.push(k.note("systemic.prior_ambiguous"));
    }
    // Every patient here has liver metastases, the risk factor for a carcinoid crisis.
    out.push(k.note("symptoms.crisis"));
    out
}

fn workup(
    p: &Patient,
    g: &Grade,
    k: &Knowledge,
    status: &dyn Fn(OptionId) -> Option<Status>,
) -> Vec<Note> {
    let open = |id: OptionId| status(id).is_some_and(|s| s != Status::NotRecommended);
    let nec_typical = k.thresholds.grade.ki67_nec_typical.value;
    let mut items = Vec::new();
    let pathology = p.differentiation.is_none()
        || (p.ki67.is_none() && p.mitoses.is_none())
        || g.category.is_grade_3()
        || (g.category == Category::Nec && p.ki67.is_some_and(|v| v < nec_typical))
        || (g.category == Category::NetG3 && p.ki67.is_some_and(|v| v > nec_typical));
    if pathology {
        items.push("pathology_review");
    }
    if p.is_thoracic() && (p.mitoses.is_none() || p.necrosis.is_none()) {
        items.push("thoracic_pathology");
    }
    if p.sstr.is_none() {
        items.push("sstr_pet");
    }
    if open(OptionId::Transplant) {
        items.push("transplant_staging");
    }
    let high_g2 = g.category == Category::NetG2
        && p.ki67
            .is_some_and(|v| v >= k.thresholds.imaging.fdg_pet_ki67_from.value);
    if g.category.is_grade_3() || high_g2 {
        items.push("fdg_pet");
    }
    if p.lesions.is_none() || p.largest_cm.is_none() || p.liver_burden.is_none() {
        items.push("liver_mri");
    }
    match p.syndrome {
        Some(Syndrome::Carcinoid) => items.extend(["carcinoid_markers", "echocardiogram"]),
        Some(Syndrome::None) | None => {}
        Some(_) => items.push("syndrome_hormones"),
    }
    let liver_directed = open(OptionId::Tace) || open(OptionId::Tare);
    if p.biliary_anastomosis.is_none() && liver_directed {
        items.push("biliary_history");
    }
    if open(OptionId::Tare) {
        items.push("shunt_study");
    }
    if open(OptionId::Prrt) {
        items.push("prrt_labs");
    }
    if p.liver_function.is_none()
        && (liver_directed || open(OptionId::Resection) || open(OptionId::Prrt))
    {
        items.push("liver_function");
    }
    items.into_iter().map(|id| k.workup_item(id)).collect()
}
