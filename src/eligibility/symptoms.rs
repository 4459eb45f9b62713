//! Symptom control for a hormonal syndrome (rules.md §4.6). Performance status does not touch
//! this stage: every option keeps its status at any ECOG, everolimus for insulinoma included
//!

use super::criteria::Ctx;
use super::outcome::{Criterion, Draft, Kind, Outcome, Verdict};
use crate::knowledge::CriterionText;
use crate::model::{Field, OptionId, Syndrome};

fn syndrome_criterion(ctx: &Ctx, syndrome: Syndrome) -> Criterion {
    ctx.criterion_with(
        CriterionText::Syndrome,
        &|_| Some(syndrome.name().to_owned()),
        Kind::Indication,
        Outcome::Met,
        ctx.value(Field::Syndrome),
        &[Field::Syndrome],
    )
}

/// How strongly the symptom stage offers an option.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Offer {
    Recommended,
    Consider,
    /// `consider` with SSTR-positive disease; ruled out when negative, undetermined when unknown.
    ConsiderIfSstrPositive,
}

/// One symptom-control option: the syndrome is its indication, its notes follow.
fn option<'k>(
    ctx: &Ctx<'k>,
    id: OptionId,
    syndrome: Syndrome,
    offer: Offer,
    notes: &[&'static str],
) -> Draft<'k> {
    let mut d = Draft::new(id, ctx);
    d.indication(syndrome_criterion(ctx, syndrome));
    if offer == Offer::ConsiderIfSstrPositive {
        d.indication(ctx.sstr_positive());
    }
    d.prefer(Outcome::from(offer == Offer::Recommended), "", &[]);
    // The insulinoma SSA caution goes on every SSA entry (D1).
    if id == OptionId::Ssa && syndrome == Syndrome::Insulinoma {
        d.note("ssa.insulinoma");
    }
    for note in notes {
        d.note(note);
    }
    d
}

/// The options of one syndrome's row (rules.md §4.6), with their notes.
fn row<'k>(ctx: &Ctx<'k>, syndrome: Syndrome) -> Vec<Draft<'k>> {
    use Offer::{Consider, ConsiderIfSstrPositive, Recommended};
    use OptionId::{Diazoxide, Everolimus, Ppi, Ssa, Telotristat};
    let one = |id, offer, notes: &[&'static str]| option(ctx, id, syndrome, offer, notes);
    match syndrome {
        Syndrome::None => Vec::new(),
        Syndrome::Carcinoid => vec![
            one(Ssa, Recommended, &["ssa.symptom_use"]),
            one(Telotristat, Consider, &["symptoms.telotristat"]),
        ],
        Syndrome::Insulinoma => vec![
            one(Diazoxide, Recommended, &["symptoms.insulinoma"]),
            one(Everolimus, Consider, &["symptoms.everolimus_insulinoma"]),
            one(Ssa, ConsiderIfSstrPositive, &[]),
        ],
        Syndrome::Gastrinoma => vec![one(Ppi, Recommended, &["symptoms.gastrinoma"])],
        Syndrome::Vipoma => vec![one(Ssa, Recommended, &["symptoms.vipoma"])],
        Syndrome::Glucagonoma => vec![one(Ssa, Recommended, &["symptoms.glucagonoma"])],
        Syndrome::Other => vec![one(Ssa, ConsiderIfSstrPositive, &["symptoms.other"])],
    }
}

pub(super) fn assess(ctx: &Ctx) -> Vec<Verdict> {
    let Some(syndrome) = ctx.p.syndrome else {
        return Vec::new();
    };
    row(ctx, syndrome)
        .into_iter()
        .map(|d| {
            let mut v = d.decide();
            // The evidence about the syndrome, not about tumour control (L6).
            if let Some(evidence) = ctx.k.symptom_evidence(v.id, syndrome.name()) {
                v.evidence = evidence;
            }
            v
        })
        .collect()
}
