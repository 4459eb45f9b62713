//! Symptom control for a hormonal syndrome (rules.md §4, "Symptom control").

use super::criteria::Ctx;
use super::outcome::{Criterion, Draft, Kind, Outcome, Verdict};
use crate::model::{Field, OptionId, Syndrome};

fn syndrome_criterion(ctx: &Ctx, syndrome: Syndrome) -> Criterion {
    Criterion::new(
        "syndrome",
        Kind::Indication,
        ctx.text(|| format!("{syndrome} syndrome")),
        Outcome::Met,
        ctx.value(Field::Syndrome),
        "S60",
        &[Field::Syndrome],
    )
}

/// One symptom-control option: the syndrome is its indication; `recommended` or `consider`.
fn option<'k>(
    ctx: &Ctx<'k>,
    id: OptionId,
    syndrome: Syndrome,
    recommended: bool,
    note: Option<&'static str>,
) -> Draft<'k> {
    let mut d = Draft::new(id, ctx);
    d.indication(syndrome_criterion(ctx, syndrome));
    d.prefer(Outcome::from(recommended), "", &[]);
    if let Some(note) = note {
        d.note(note);
    }
    d
}

/// SSA where it is only worth it with SSTR-positive disease.
fn ssa_if_positive<'k>(ctx: &Ctx<'k>, syndrome: Syndrome, note: &'static str) -> Draft<'k> {
    let mut d = option(ctx, OptionId::Ssa, syndrome, false, Some(note));
    d.indication(ctx.sstr_positive());
    d
}

pub(super) fn assess(ctx: &Ctx) -> Vec<Verdict> {
    let Some(syndrome) = ctx.p.syndrome else {
        return Vec::new();
    };
    let drafts = match syndrome {
        Syndrome::None => Vec::new(),
        Syndrome::Carcinoid => vec![
            option(ctx, OptionId::Ssa, syndrome, true, Some("ssa.symptom_use")),
            option(
                ctx,
                OptionId::Telotristat,
                syndrome,
                false,
                Some("symptoms.telotristat"),
            ),
        ],
        Syndrome::Insulinoma => vec![
            option(ctx, OptionId::Diazoxide, syndrome, true, None),
            option(
                ctx,
                OptionId::Everolimus,
                syndrome,
                false,
                Some("symptoms.everolimus_insulinoma"),
            ),
            ssa_if_positive(ctx, syndrome, "symptoms.insulinoma_ssa"),
        ],
        Syndrome::Gastrinoma => vec![option(ctx, OptionId::Ppi, syndrome, true, None)],
        Syndrome::Vipoma => vec![option(
            ctx,
            OptionId::Ssa,
            syndrome,
            true,
            Some("symptoms.vipoma"),
        )],
        Syndrome::Glucagonoma => vec![option(
            ctx,
            OptionId::Ssa,
            syndrome,
            true,
            Some("symptoms.glucagonoma"),
        )],
        Syndrome::Other => vec![ssa_if_positive(ctx, syndrome, "symptoms.other")],
    };
    drafts.into_iter().map(Draft::decide).collect()
}
