//! Eligibility: each option's indications and contraindications evaluated to met / not-met /
//! unknown, and the status that follows (shared/clinical/rules.md §3–§4).

mod approach;
mod criteria;
mod liver;
mod local;
mod outcome;
pub mod plan;
mod symptoms;
mod systemic;
mod tempo;

pub use criteria::{Ctx, Detail};
pub use outcome::{Criterion, Decision, Kind, Outcome, Status, Verdict};

use crate::grading::{Category, Grade};
use crate::knowledge::{CriterionText, Knowledge, Phrase};
use crate::model::{Field, OptionId, Patient, Syndrome, Tag};
use outcome::Draft;

/// The options of the approach, local, liver-directed and systemic stages, in pathway order
/// (the order of data/options.toml).
pub const CORE_OPTIONS: [OptionId; OptionId::CORE.len()] = OptionId::CORE;

/// Evaluates every core option for a patient, with everything that explains each verdict.
pub fn assess(p: &Patient, g: &Grade, k: &Knowledge) -> Vec<Verdict> {
    let ctx = Ctx::new(p, g, k, Detail::Full);
    let mut verdicts = each_core_option(|id, earlier| {
        let verdict = explained(id, &ctx, earlier);
        (verdict.status, verdict)
    });
    surveillance_beside_ssa(&mut verdicts, k);
    verdicts
}

/// The decision on every core option, without the texts that explain it (a cohort's table):
/// the same status rule as [`assess`], many times cheaper.
pub fn decide(p: &Patient, g: &Grade, k: &Knowledge) -> Vec<Decision> {
    let ctx = Ctx::new(p, g, k, Detail::Statuses);
    each_core_option(|id, earlier| {
        let decision = decided(id, &ctx, earlier);
        (decision.status, decision)
    })
}

/// Evaluates the core options in pathway order. Resection comes before the systemic options:
/// when it is recommended with curative intent, antiproliferative options are capped (rules.md
/// §4.3) — resection's own rule, so it is named; platinum comes before first-line immunotherapy
/// in small-cell lung carcinoma (§4.5), whichever option is tagged `platinum`.
fn each_core_option<T>(mut evaluate: impl FnMut(OptionId, Earlier) -> (Status, T)) -> Vec<T> {
    let mut all = Vec::with_capacity(CORE_OPTIONS.len());
    let mut earlier = Earlier::default();
    for id in CORE_OPTIONS {
        let (status, one) = evaluate(id, earlier);
        if id == OptionId::Resection {
            earlier.resection = Some(status);
        } else if id.is(Tag::Platinum) {
            earlier.platinum = Some(status);
        }
        all.push(one);
    }
    all
}

/// With surveillance eligible beside SSA, the report says they are alternatives (rules.md §4.0,
/// §4.3).
fn surveillance_beside_ssa(verdicts: &mut [Verdict], k: &Knowledge) {
    let eligible = |v: &Verdict| matches!(v.status, Status::Recommended | Status::Consider);
    let surveillance = verdicts
        .iter()
        .any(|v| v.id == OptionId::ActiveSurveillance && eligible(v));
    if !surveillance {
        return;
    }
    if let Some(ssa) = verdicts
        .iter_mut()
        .find(|v| v.id == OptionId::Ssa && eligible(v))
    {
        let note = k.note("ssa.surveillance_alternative");
        ssa.note_sources.push(note.source);
        ssa.notes.push(note.into_cited());
    }
}

/// The symptom-control options for the patient's syndrome (empty without one).
pub fn assess_symptoms(p: &Patient, g: &Grade, k: &Knowledge) -> Vec<Verdict> {
    symptoms::assess(&Ctx::new(p, g, k, Detail::Full))
}

/// The statuses of earlier options that later ones depend on: resection (the adjuvant cap and
/// sequencing) and platinum (first-line immunotherapy in small-cell lung carcinoma).
#[derive(Debug, Clone, Copy, Default)]
struct Earlier {
    resection: Option<Status>,
    platinum: Option<Status>,
}

/// The verdict on `id`, explained.
fn explained(id: OptionId, ctx: &Ctx, earlier: Earlier) -> Verdict {
    let draft = evaluate_as(id, ctx, earlier);
    let decision = draft.decision();
    let split = differentiation_decides(id, ctx, earlier, decision.status);
    // Explained as decided under the grade as it is; then, where the differentiation decides,
    // undetermined.
    let mut verdict = draft.explain(decision);
    if let Some((as_net, as_nec)) = split {
        verdict.status = Status::Undetermined;
        verdict.missing.retain(|f| *f != Field::Differentiation);
        verdict.missing.insert(0, Field::Differentiation);
        verdict.settled_by.insert(Field::Differentiation);
        verdict.notes.insert(
            0,
            Phrase::DifferentiationDecides
                .with(&[("as_net", as_net.name()), ("as_nec", as_nec.name())]),
        );
    }
    verdict
}

/// The decision on `id`, without texts.
fn decided(id: OptionId, ctx: &Ctx, earlier: Earlier) -> Decision {
    let mut decision = evaluate_as(id, ctx, earlier).decision();
    // Undetermined whatever the hypotheses say: they would only add the differentiation to what
    // settles it, which a cohort table names for every such high-grade row (`pathway::statuses`).
    let open = decision.status == Status::Undetermined;
    if !open && differentiation_decides(id, ctx, earlier, decision.status).is_some() {
        decision.status = Status::Undetermined;
        decision.settled_by.insert(Field::Differentiation);
    }
    decision
}

/// High-grade (differentiation unknown): where NET G3 and NEC would differ, the answer that
/// settles it is the differentiation (rules.md §4, "high-grade"). The statuses as NET G3 and
/// as NEC when they differ.
fn differentiation_decides(
    id: OptionId,
    ctx: &Ctx,
    earlier: Earlier,
    status: Status,
) -> Option<(Status, Status)> {
    let g = ctx.g;
    if g.category != Category::HighGrade || status == Status::NotRecommended {
        return None;
    }
    let status_as = |category| {
        let g = with_category(g, category);
        let hypothesis = ctx.hypothesis(&g);
        evaluate_as(id, &hypothesis, earlier).decision().status
    };
    let (as_net, as_nec) = (status_as(Category::NetG3), status_as(Category::Nec));
    (as_net != as_nec).then_some((as_net, as_nec))
}

fn with_category(g: &Grade, category: Category) -> Grade {
    Grade {
        category,
        ..g.clone()
    }
}

fn evaluate_as<'k>(id: OptionId, ctx: &Ctx<'k>, earlier: Earlier) -> Draft<'k> {
    let resection = earlier.resection;
    let mut draft = match id {
        OptionId::ActiveSurveillance => approach::active_surveillance(ctx),
        OptionId::BestSupportiveCare => approach::best_supportive_care(ctx),
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
        OptionId::ImmunotherapyTrial => systemic::immunotherapy_trial(ctx, earlier.platinum),
        OptionId::Telotristat | OptionId::Diazoxide | OptionId::Ppi => Draft::new(id, ctx),
    };
    if id.is_treatment() {
        tempo::treatment_history(&mut draft, ctx);
    }
    performance(&mut draft, ctx);
    let systemic_line = id.is(Tag::SystemicLine);
    // After curative resection no systemic option has proven adjuvant benefit, SSA included
    // (facts.md §5.6): capped, and said only where the cap lowered a `recommended` (L5).
    if resection == Some(Status::Recommended) && systemic_line {
        draft.cap_quietly("systemic.adjuvant");
    }
    // L16: with a potentially curative resection open, the board decides the sequence.
    let curative_open = matches!(resection, Some(Status::Recommended | Status::Consider))
        && Ctx::yes(ctx.p.resectable) == Some(true)
        && Ctx::yes(ctx.p.extrahepatic) == Some(false);
    if curative_open && is_first_line_systemic(id, ctx) {
        draft.note_if_eligible("systemic.sequencing");
    }
    draft
}

/// The systemic options not opened by a prior treatment (rules.md §4, A-11).
fn is_first_line_systemic(id: OptionId, ctx: &Ctx) -> bool {
    if id.is(Tag::LaterLine) || (id.is(Tag::NecRelapse) && ctx.nec() == Outcome::Met) {
        return false;
    }
    id.is(Tag::SystemicLine)
}

/// The performance-status rows of rules.md §3.2; where two apply, the stricter decides.
fn performance(d: &mut Draft, ctx: &Ctx) {
    let id = d.id;
    let perf = &ctx.t().performance;
    let ecog = ctx.p.ecog.map(f64::from);
    let at = |limit: f64| ecog.map(|e| e >= limit);
    let poor = at(perf.ecog_limit.value);
    let mut touched = false;
    // Row 1 (ECOG 3): the procedures read it as a contraindication in their own rules.
    if id.is(Tag::Radioligand) {
        if poor == Some(true) {
            d.cap("prrt.ecog3");
            touched = true;
        }
    } else if id.is(Tag::Antiproliferative) && poor == Some(true) {
        d.cap(if id.is(Tag::Cytotoxic) {
            "systemic.ecog_cytotoxic"
        } else {
            "systemic.ecog"
        });
        touched = true;
    }
    // Second-or-later-line cytotoxics for NEC at ECOG 3 or worse (W-3).
    let nec_relapse =
        id.is(Tag::NecRelapse) && (id.is(Tag::LaterLine) || ctx.nec() == Outcome::Met);
    if nec_relapse {
        touched |= poor == Some(true);
        d.contraindication(ctx.criterion(
            CriterionText::EcogRelapse,
            Kind::Contraindication,
            Outcome::from(poor),
            ctx.value(Field::Ecog),
            &[Field::Ecog],
        ));
    }
    // Rows 2 and 3 (ECOG 4): cytotoxics, then every antiproliferative option, close; first-line
    // platinum for a chemotherapy-naive NEC stays open at `consider` (D-3).
    // Systemic SSA and surveillance close too; the symptom stage is never closed.
    let antiproliferative = id.is(Tag::SystemicLine) || id == OptionId::ActiveSurveillance;
    let limits = [
        (
            id.is(Tag::Cytotoxic),
            &perf.ecog_cytotoxic_limit,
            CriterionText::EcogCytotoxic,
        ),
        (
            antiproliferative,
            &perf.ecog_systemic_limit,
            CriterionText::EcogSystemic,
        ),
    ];
    let nec_platinum = id.is(Tag::Platinum) && ctx.nec() == Outcome::Met;
    let mut exception_added = false;
    for (applies, limit, criterion) in limits {
        if !applies {
            continue;
        }
        let reached = at(limit.value);
        if nec_platinum && reached == Some(true) {
            touched = true;
            if exception_added {
                // Both ECOG-4 rows reached: the one exception is said once.
                continue;
            }
            exception_added = true;
            d.indication(ctx.criterion(
                CriterionText::ChemotherapyNaive,
                Kind::Indication,
                Outcome::from(ctx.p.had(id).map(|h| !h)),
                ctx.value(Field::Prior),
                &[Field::Prior],
            ));
            d.cap("platinum.ps4");
            continue;
        }
        touched |= reached == Some(true);
        d.contraindication(ctx.criterion(
            criterion,
            Kind::Contraindication,
            Outcome::from(reached),
            ctx.value(Field::Ecog),
            &[Field::Ecog],
        ));
    }
    touched |= id.is(Tag::Procedure) && poor == Some(true);
    // L13: a syndrome may be what keeps the patient in bed.
    if touched && ctx.p.syndrome.is_some_and(|s| s != Syndrome::None) {
        d.note("performance.syndrome_driven");
    }
}
