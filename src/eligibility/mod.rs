//! Eligibility: each option's indications and contraindications evaluated to met / not-met /
//! unknown, and the status that follows (shared/clinical/rules.md §3–§4).

mod criteria;
mod liver;
mod local;
mod outcome;
mod symptoms;
mod systemic;

pub use criteria::{Ctx, Detail};
pub use outcome::{Criterion, Kind, Outcome, Status, Verdict};

use crate::grading::{Category, Grade};
use crate::knowledge::Knowledge;
use crate::model::{Field, OptionId, Patient, Progression};
use outcome::Draft;

/// The options of the local, liver-directed and systemic stages, in pathway order.
pub const CORE_OPTIONS: [OptionId; 16] = [
    OptionId::Resection,
    OptionId::Ablation,
    OptionId::Transplant,
    OptionId::Tace,
    OptionId::Tare,
    OptionId::Ssa,
    OptionId::Everolimus,
    OptionId::Sunitinib,
    OptionId::Surufatinib,
    OptionId::Cabozantinib,
    OptionId::CapecitabineTemozolomide,
    OptionId::Streptozocin,
    OptionId::PlatinumEtoposide,
    OptionId::NecSecondLine,
    OptionId::Prrt,
    OptionId::ImmunotherapyTrial,
];

/// Evaluates every core option for a patient. Resection comes first: when it is recommended with
/// curative intent, antiproliferative options are capped.
pub fn assess(p: &Patient, g: &Grade, k: &Knowledge, detail: Detail) -> Vec<Verdict> {
    let mut verdicts = Vec::with_capacity(CORE_OPTIONS.len());
    let mut resection_recommended = false;
    let ctx = Ctx::new(p, g, k, detail);
    for id in CORE_OPTIONS {
        let verdict = evaluate(id, &ctx, resection_recommended);
        if id == OptionId::Resection {
            resection_recommended = verdict.status == Status::Recommended;
        }
        verdicts.push(verdict);
    }
    verdicts
}

/// The symptom-control options for the patient's syndrome (empty without one).
pub fn assess_symptoms(p: &Patient, g: &Grade, k: &Knowledge) -> Vec<Verdict> {
    symptoms::assess(&Ctx::new(p, g, k, Detail::Full))
}

fn evaluate(id: OptionId, ctx: &Ctx, resection_recommended: bool) -> Verdict {
    let verdict = evaluate_as(id, ctx, resection_recommended);
    let g = ctx.g;
    if g.category != Category::HighGrade || verdict.status == Status::NotRecommended {
        return verdict;
    }
    if !ctx.full() && verdict.status == Status::Undetermined {
        // Undetermined whatever the hypotheses say; only a full report names what settles it.
        return verdict;
    }
    // High-grade (differentiation unknown): where NET G3 and NEC would differ, the answer that
    // settles it is the differentiation (rules.md §4, "high-grade").
    let status_as = |category| {
        let g = with_category(g, category);
        let hypothesis = ctx.hypothesis(&g);
        evaluate_as(id, &hypothesis, resection_recommended).status
    };
    let (as_net, as_nec) = (status_as(Category::NetG3), status_as(Category::Nec));
    if as_net == as_nec {
        return verdict;
    }
    let mut verdict = verdict;
    verdict.status = Status::Undetermined;
    verdict.missing.retain(|f| *f != Field::Differentiation);
    verdict.missing.insert(0, Field::Differentiation);
    verdict.settled_by.insert(Field::Differentiation);
    if ctx.full() {
        verdict.notes.insert(
            0,
            format!(
                "Differentiation decides: as NET G3 {}, as NEC {}",
                as_net.name(),
                as_nec.name()
            ),
        );
    }
    verdict
}

fn with_category(g: &Grade, category: Category) -> Grade {
    Grade {
        category,
        ..g.clone()
    }
}

fn evaluate_as(id: OptionId, ctx: &Ctx, resection_recommended: bool) -> Verdict {
    let mut draft = match id {
        OptionId::Resection => local::resection(ctx),
        OptionId::Ablation => local::ablation(ctx),
        OptionId::Transplant => local::transplant(ctx),
        OptionId::Tace => liver::tace(ctx),
        OptionId::Tare => liver::tare(ctx),
        OptionId::Ssa => systemic::ssa(ctx),
        OptionId::Everolimus => systemic::everolimus(ctx),
        OptionId::Sunitinib => systemic::sunitinib(ctx),
        OptionId::Surufatinib => systemic::surufatinib(ctx),
        OptionId::Cabozantinib => systemic::cabozantinib(ctx),
        OptionId::CapecitabineTemozolomide => systemic::capecitabine_temozolomide(ctx),
        OptionId::Streptozocin => systemic::streptozocin(ctx),
        OptionId::PlatinumEtoposide => systemic::platinum_etoposide(ctx),
        OptionId::NecSecondLine => systemic::nec_second_line(ctx),
        OptionId::Prrt => systemic::prrt(ctx),
        OptionId::ImmunotherapyTrial => systemic::immunotherapy_trial(ctx),
        OptionId::Telotristat | OptionId::Diazoxide | OptionId::Ppi => Draft::new(id, ctx),
    };
    prior_treatment(&mut draft, ctx);
    if id.is_antiproliferative() {
        performance_caps(&mut draft, ctx);
    }
    // After curative resection no systemic option has proven adjuvant benefit, SSA included
    // (rules.md §4 names only the ECOG cap "not ssa"; facts.md §5.6: surveillance). SSA for
    // syndrome control is a symptom-stage option and stays as it is.
    if resection_recommended && (id.is_antiproliferative() || id == OptionId::Ssa) {
        draft.cap("systemic.adjuvant");
    }
    draft.decide()
}

/// Rules.md §3 "Prior treatment": progression after a continuous drug rules it out; SSA stays a
/// backbone; repeatable treatments are capped with a re-treatment note.
fn prior_treatment(draft: &mut Draft, ctx: &Ctx) {
    let id = draft.id;
    if ctx.p.had(id) != Some(true) {
        return;
    }
    let progressive = ctx.p.progression.map(|c| c == Progression::Progressive);
    if id.is_continuous_drug() {
        let note = "systemic.progressed_on";
        draft.contraindication(Criterion::new(
            "progressed-on-it",
            Kind::Contraindication,
            "progressed on or after it (listed in --prior)",
            Outcome::from(progressive),
            ctx.p.progression.map(|c| c.to_string()),
            ctx.k.note_source(note),
            &[Field::Progression],
        ));
        if id == OptionId::PlatinumEtoposide && progressive == Some(true) {
            draft.note("platinum.rechallenge");
        }
    } else if progressive == Some(true) {
        let note = match id {
            OptionId::Ssa => "ssa.backbone",
            OptionId::Tace => "systemic.embolisation_retreat",
            OptionId::Tare => "systemic.tare_retreat",
            OptionId::Prrt => "prrt.salvage",
            _ => "systemic.local_retreat",
        };
        if id == OptionId::Ssa || id.is_repeatable() {
            draft.cap(note);
        }
    }
}

/// ECOG at or above the limit caps antiproliferative drugs; the worst ECOG rules out cytotoxics.
fn performance_caps(draft: &mut Draft, ctx: &Ctx) {
    let perf = &ctx.k.thresholds.performance;
    let ecog = ctx.p.ecog.map(f64::from);
    if ecog.is_some_and(|e| e >= perf.ecog_limit.value) {
        draft.cap("systemic.ecog");
    }
    if draft.id.is_cytotoxic() {
        let limit = &perf.ecog_cytotoxic_limit;
        draft.contraindication(Criterion::new(
            "ecog-cytotoxic",
            Kind::Contraindication,
            ctx.text(|| {
                format!(
                    "ECOG {} (cytotoxic chemotherapy)",
                    crate::knowledge::number(limit.value)
                )
            }),
            Outcome::from(ecog.map(|e| e >= limit.value)),
            ctx.p.ecog.map(|e| e.to_string()),
            ctx.src(&limit.source),
            &[Field::Ecog],
        ));
    }
}
