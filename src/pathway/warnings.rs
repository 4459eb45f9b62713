//! The report-level warnings (rules.md §6): what a clinician must see once, whatever option is
//! chosen. Grade warnings are not here: they belong to the grade (`grade.warnings`, L1).

use super::{not_ruled_out, StatusOf};
use crate::eligibility::plan::procedure_plan;
use crate::grading::Grade;
use crate::knowledge::{Knowledge, Note};
use crate::model::{OptionId, Patient, Pattern, Progression, Syndrome, Tag, YesNo};

pub(super) fn report_warnings(
    p: &Patient,
    g: &Grade,
    k: &Knowledge,
    status: &StatusOf,
) -> Vec<Note> {
    let mut ids: Vec<&'static str> = Vec::new();
    // The peri-procedural plan, once (rules.md §4.7; D2).
    ids.extend(procedure_plan(p, g, k));
    if p.syndrome == Some(Syndrome::Insulinoma) {
        ids.push("ssa.insulinoma");
    }
    let whipple_site = p
        .primary
        .is_some_and(|s| k.thresholds.sites.whipple_likely.contains(s));
    if whipple_site && p.primary_resected == Some(YesNo::Yes) && p.biliary_anastomosis.is_none() {
        ids.push("symptoms.whipple");
    }
    let radioembolisation =
        OptionId::tagged(Tag::Radioembolisation).any(|id| not_ruled_out(status, id));
    if p.biliary_anastomosis == Some(YesNo::Yes) && radioembolisation {
        // TACE is ruled out; radioembolisation stays possible, with this caution (rules.md §4.2).
        ids.push("embolisation.tare_biliary");
    }
    ids.extend(pattern_conflict(p));
    let progressive = p.progression == Some(Progression::Progressive);
    if progressive && p.stable_months.is_some_and(|m| m > 0.0) {
        ids.push("symptoms.stability_conflict");
    }
    let treated = p
        .prior
        .iter()
        .chain(&p.current)
        .any(|list| !list.is_empty());
    if progressive && treated {
        ids.push("systemic.prior_ambiguous");
    }
    ids.into_iter().map(|id| k.note(id)).collect()
}

/// The lesion count and the Frilling pattern given disagree (rules.md §2).
fn pattern_conflict(p: &Patient) -> Option<&'static str> {
    match (p.lesions, p.pattern) {
        // A single lesion is type I: a complex or diffuse pattern is not used.
        (Some(1), Some(Pattern::Complex | Pattern::Diffuse)) => {
            Some("pattern.single_lesion_conflict")
        }
        // Type I is a single metastasis.
        (Some(n), Some(Pattern::Simple)) if n > 1 => Some("pattern.simple_several_lesions"),
        // Type II is bilobar by definition.
        (_, Some(Pattern::Complex)) if p.bilobar == Some(YesNo::No) => {
            Some("pattern.complex_not_bilobar")
        }
        _ => None,
    }
}
