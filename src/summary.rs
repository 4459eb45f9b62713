//! The summary a clinician reads first (rules.md §6): what is recommended now, what to
//! consider, what to settle before any of it, which unknown answers would change the most, and
//! what is ruled out. Built from the finished stages, so any stage list flows through.

use crate::eligibility::{Criterion, Kind, Outcome, Status, Verdict};
use crate::grading::Grade;
use crate::knowledge::{Evidence, Knowledge, Note};
use crate::model::{Field, OptionId, Patient, Primary};
use crate::report::Stage;
use schemars::JsonSchema;
use serde::Serialize;

/// The stage listed last in the summary, its ids marked "(symptoms)" (rules.md §6, A-16).
pub const SYMPTOMS: &str = "symptoms";

/// The most unknown answers "would change the most" names.
const SETTLERS_MAX: usize = 3;

/// The decision first.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Summary {
    /// `recommended` options, in summary order: the core stages, then symptom control.
    pub recommended: Vec<Pick>,
    /// `consider` options, in the same order.
    pub consider: Vec<Pick>,
    /// What to settle or know before any treatment.
    pub before_any: Vec<Caution>,
    /// The unknown answers that would settle the most `undetermined` options (at most three).
    pub would_change: Vec<Settler>,
    /// Options `not-recommended` in every stage where they appear (stage-qualified labels).
    pub ruled_out: Vec<String>,
}

impl Summary {
    /// Whether "Before any of it" asks to confirm `field`.
    pub fn asks_to_confirm(&self, field: Field) -> bool {
        self.before_any
            .iter()
            .any(|c| matches!(c, Caution::Confirm { field: f, .. } if *f == field))
    }
}

/// An option in the summary.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Pick {
    pub id: OptionId,
    pub stage: &'static str,
    /// The id, stage-qualified where it appears in two stages ("ssa (symptoms)").
    pub label: String,
    pub reason: String,
}

/// One thing to settle before any treatment.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Caution {
    /// A safety-critical answer still unknown, and the options it holds at `consider`.
    Confirm { field: Field, options: Vec<String> },
    /// A caution present for this patient, and the options it concerns.
    Caution { text: String, options: Vec<String> },
    /// A warning about the grading inputs.
    Grade { text: String },
    /// A warning about this patient's answers (a conflict, a syndrome's risk), and its source;
    /// `brief`, when the text is longer than a line: the same in one line, which the text and
    /// Markdown summaries show below `--detail full`.
    Warning {
        text: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        brief: Option<String>,
        source: &'static str,
    },
}

/// An unknown answer and the `undetermined` options it would settle.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Settler {
    pub field: Field,
    pub settles: Vec<String>,
}

/// The stages in summary order: every core stage as the report orders them, symptoms last.
fn in_order(stages: &[Stage]) -> impl Iterator<Item = &Stage> {
    let core = stages.iter().filter(|s| s.id != SYMPTOMS);
    core.chain(stages.iter().filter(|s| s.id == SYMPTOMS))
}

/// How an id is named in the summary: symptom-stage ids always marked, ids shown in two stages
/// always qualified by their stage ("everolimus (antiproliferative)").
pub fn label(stages: &[Stage], stage: &str, id: OptionId) -> String {
    let shown_in = stages
        .iter()
        .filter(|s| s.options.iter().any(|o| o.id == id))
        .count();
    if stage == SYMPTOMS {
        format!("{id} (symptoms)")
    } else if shown_in > 1 {
        let qualifier = if stage == "systemic" {
            "antiproliferative"
        } else {
            stage
        };
        format!("{id} ({qualifier})")
    } else {
        id.to_string()
    }
}

/// Whether `id` is `recommended` or `consider` in the symptom stage.
pub fn kept_for_symptoms(stages: &[Stage], id: OptionId) -> bool {
    stages
        .iter()
        .filter(|s| s.id == SYMPTOMS)
        .flat_map(|s| &s.options)
        .any(|o| o.id == id && matches!(o.status, Status::Recommended | Status::Consider))
}

fn cited(c: &Criterion) -> String {
    match &c.value {
        Some(v) => format!("{} ({v})", c.text),
        None => c.text.to_string(),
    }
}

/// Whether a criterion is a caution (neither an indication nor a contraindication: it holds an
/// option at `consider` when present).
fn is_caution(c: &Criterion) -> bool {
    c.kind == Kind::Caution
}

/// The one-line reason of an option (JSON `reason`): for `recommended`, the preference that
/// fired (else every indication met); for `consider`, the first indication met (its text); for `not-recommended`, the
/// first criterion that failed; for `undetermined`, the answers that would settle it.
pub fn reason(v: &Verdict) -> String {
    match v.status {
        Status::NotRecommended => {
            let Some(c) = v.criteria.iter().find(|c| c.fails()) else {
                return v.reason();
            };
            let kind = if c.kind == Kind::Indication {
                "not met"
            } else {
                "contraindicated"
            };
            format!("{kind}: {}", cited(c))
        }
        Status::Undetermined => v.reason(),
        // The preference that fired (`because`), else every indication met.
        Status::Recommended => v.reason(),
        Status::Consider => first_indication(v),
    }
}

/// The first indication met, its text alone (the patient's answer it read is in the report
/// already): the short reason of an option still open.
pub fn first_indication(v: &Verdict) -> String {
    v.criteria
        .iter()
        .find(|c| c.kind == Kind::Indication && c.result == Outcome::Met)
        .map_or_else(|| v.reason(), |c| c.text.to_string())
}

/// Builds the summary from the finished stages, the grade and the patient's warnings.
pub fn summarize(stages: &[Stage], grade: &Grade, warnings: &[Note], k: &Knowledge) -> Summary {
    let pick = |stage: &Stage, v: &Verdict| Pick {
        id: v.id,
        stage: stage.id,
        label: label(stages, stage.id, v.id),
        reason: reason(v),
    };
    let shown = || in_order(stages).flat_map(|s| s.options.iter().map(move |v| (s, v)));
    let with = |status: Status| -> Vec<Pick> {
        shown()
            .filter(|(_, v)| v.status == status)
            .map(|(s, v)| pick(s, v))
            .collect()
    };

    let mut before_any: Vec<Caution> = grade
        .warnings
        .iter()
        .map(|w| Caution::Grade {
            text: w.text.to_string(),
        })
        .collect();
    let mut confirm: Vec<(Field, Vec<String>)> = Vec::new();
    let mut cautions: Vec<(String, Vec<String>)> = Vec::new();
    for (s, v) in shown().filter(|(_, v)| v.status != Status::NotRecommended) {
        let label = label(stages, s.id, v.id);
        let safety = k.safety_critical(v.id);
        for &field in v.to_confirm.iter().filter(|f| safety.contains(**f)) {
            add(&mut confirm, field, &label);
        }
        for c in v
            .criteria
            .iter()
            .filter(|c| is_caution(c) && c.result == Outcome::Met)
        {
            add(&mut cautions, c.text.to_string(), &label);
        }
    }
    before_any.extend(
        confirm
            .into_iter()
            .map(|(field, options)| Caution::Confirm { field, options }),
    );
    before_any.extend(
        cautions
            .into_iter()
            .map(|(text, options)| Caution::Caution { text, options }),
    );
    before_any.extend(warnings.iter().map(|w| Caution::Warning {
        text: w.text.to_string(),
        brief: w.brief.as_deref().map(str::to_owned),
        source: w.source,
    }));

    let mut settlers: Vec<(Field, Vec<String>)> = Vec::new();
    for (s, v) in shown().filter(|(_, v)| v.status == Status::Undetermined) {
        let label = label(stages, s.id, v.id);
        for &field in &v.missing {
            add(&mut settlers, field, &label);
        }
    }
    // Most options settled first; ties keep the order in which the report meets them.
    settlers.sort_by_key(|(_, options)| std::cmp::Reverse(options.len()));
    settlers.truncate(SETTLERS_MAX);

    let ruled_out = shown()
        .filter(|(_, v)| v.status == Status::NotRecommended)
        .filter(|(_, v)| !kept_for_symptoms(stages, v.id))
        .filter(|(_, v)| {
            // Out in every stage where it appears.
            stages
                .iter()
                .flat_map(|s| &s.options)
                .all(|o| o.id != v.id || o.status == Status::NotRecommended)
        })
        .map(|(s, v)| label(stages, s.id, v.id))
        .collect();

    Summary {
        recommended: with(Status::Recommended),
        consider: with(Status::Consider),
        before_any,
        would_change: settlers
            .into_iter()
            .map(|(field, settles)| Settler { field, settles })
            .collect(),
        ruled_out,
    }
}

/// Adds `option` to the list kept for `key`, keeping first-seen order.
fn add<K: PartialEq>(list: &mut Vec<(K, Vec<String>)>, key: K, option: &str) {
    match list.iter_mut().find(|(k, _)| *k == key) {
        Some((_, options)) => {
            if !options.iter().any(|o| o == option) {
                options.push(option.to_owned());
            }
        }
        None => list.push((key, vec![option.to_owned()])),
    }
}

/// The words by which an evidence row names the population of a primary site (a word of the
/// row starting with one of them: "pancreatic" matches, "extrapancreatic" does not).
fn site_words(site: Primary) -> &'static [&'static str] {
    match site {
        Primary::Pancreas => &["pancrea"],
        Primary::SmallIntestine => &["midgut", "small-intestin", "ileal"],
        Primary::Stomach
        | Primary::Duodenum
        | Primary::Appendix
        | Primary::Colon
        | Primary::Rectum => &["gep", "gi", "gastro", "extrapancrea"],
        Primary::Lung | Primary::Thymus => &["lung", "thoracic", "thym", "bronch"],
        Primary::Other | Primary::Unknown => &[],
    }
}

/// The evidence rows a short report shows, at most `limit`: those naming the patient's
/// population, else the first row (data lists the pivotal trial first).
pub fn evidence_for(v: &Verdict, p: &Patient, limit: usize) -> Vec<&'static Evidence> {
    let matching = population_evidence(v, p, limit);
    if matching.is_empty() {
        v.evidence.iter().take(1).collect()
    } else {
        matching
    }
}

/// The evidence rows naming the patient's population, at most `limit`.
pub fn population_evidence(v: &Verdict, p: &Patient, limit: usize) -> Vec<&'static Evidence> {
    let words = p.primary.map_or(&[][..], site_words);
    v.evidence
        .iter()
        .filter(|e| words.iter().any(|w| names(e.text, w)))
        .take(limit)
        .collect()
}

/// Whether `text` has a word that starts with the site word `stem` (any case): `pancrea` names
/// "Pancreatic". A stem of two letters (`gi`) must be the whole word, or it would name "given".
fn names(text: &str, stem: &str) -> bool {
    let (text, stem) = (text.as_bytes(), stem.as_bytes());
    let Some(&first) = stem.first() else {
        return false;
    };
    let in_word = |b: &u8| b.is_ascii_alphanumeric() || *b == b'-';
    // Found by its first letter: this runs for every evidence row of every option shown.
    memchr::memchr2_iter(first, first.to_ascii_uppercase(), text).any(|at| {
        let starts_word = at == 0 || text.get(at - 1).is_some_and(|b| !in_word(b));
        let after = at + stem.len();
        starts_word
            && text
                .get(at..after)
                .is_some_and(|w| w.eq_ignore_ascii_case(stem))
            && (stem.len() > 2 || !text.get(after).is_some_and(u8::is_ascii_alphabetic))
    })
}

/// `consider` options grouped by their reason, in summary order: options that share a reason
/// share a line.
pub fn by_reason(picks: &[Pick]) -> Vec<(&str, Vec<&str>)> {
    let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
    for pick in picks {
        match groups.iter_mut().find(|(r, _)| *r == pick.reason) {
            Some((_, labels)) => labels.push(&pick.label),
            None => groups.push((&pick.reason, vec![&pick.label])),
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::names;

    #[test]
    fn a_site_word_names_words_that_start_with_it() {
        assert!(names("Pancreatic NET: 5-year survival", "pancrea"));
        assert!(names("(pancreas or duodenum)", "pancrea"));
        assert!(!names("extrapancreatic NET", "pancrea"));
        assert!(names("small-intestinal NET", "small-intestin"));
        assert!(names("GEP-NET after SSA", "gep"));
    }

    #[test]
    fn a_two_letter_site_word_is_a_whole_word() {
        assert!(names("GI NET, any site", "gi"));
        assert!(names("GI-NET", "gi"));
        assert!(!names("given with SSA", "gi"));
        assert!(!names("", "gi"));
    }
}
