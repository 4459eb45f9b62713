//! Liver-directed therapy: trans-arterial embolisation and radioembolisation (rules.md §4).

use super::criteria::Ctx;
use super::outcome::{Criterion, Draft, Kind, Outcome};
use crate::grading::Category;
use crate::knowledge::number;
use crate::model::{Field, OptionId};

/// Both need a well-differentiated tumour and either unresectable disease or a syndrome.
fn indications(ctx: &Ctx, d: &mut Draft) {
    d.indication(ctx.well_differentiated());
    let unresectable = Outcome::from(Ctx::yes(ctx.p.resectable).map(|r| !r));
    let syndrome = Outcome::from(ctx.syndrome());
    let value = ctx.shown(|| {
        let given = [Field::Resectable, Field::Syndrome]
            .iter()
            .filter_map(|f| ctx.value(*f).map(|v| format!("{f} {v}")))
            .collect::<Vec<_>>();
        (!given.is_empty()).then(|| given.join(", "))
    });
    d.indication(Criterion::new(
        "unresectable-or-syndrome",
        Kind::Indication,
        "liver disease not resectable, or a hormonal syndrome to control",
        unresectable.or(syndrome),
        value,
        "S24",
        &[Field::Resectable, Field::Syndrome],
    ));
    if ctx.category() == Category::Nec {
        d.note("embolisation.nec");
    }
    if Ctx::yes(ctx.p.extrahepatic) == Some(true) {
        d.note("embolisation.extrahepatic");
    }
}

fn burden_limit(ctx: &Ctx) -> Criterion {
    let limit = &ctx.t().embolisation.liver_burden_limit;
    Criterion::new(
        "liver-burden-limit",
        Kind::Contraindication,
        ctx.text(|| format!("liver involvement {} % or more", number(limit.value))),
        Outcome::from(ctx.p.liver_burden.map(|b| b >= limit.value)),
        ctx.shown(|| ctx.p.liver_burden.map(|b| format!("{} %", number(b)))),
        ctx.src(&limit.source),
        &[Field::LiverBurden],
    )
}

pub(super) fn tace<'k>(ctx: &Ctx<'k>) -> Draft<'k> {
    let mut d = Draft::new(OptionId::Tace, ctx);
    indications(ctx, &mut d);
    d.contraindication(Criterion::new(
        "biliary-anastomosis",
        Kind::Contraindication,
        "bilio-enteric anastomosis or biliary stent (liver-abscess risk)",
        Outcome::from(Ctx::yes(ctx.p.biliary_anastomosis)),
        ctx.value(Field::BiliaryAnastomosis),
        "S26",
        &[Field::BiliaryAnastomosis],
    ));
    d.contraindication(Criterion::new(
        "portal-vein-thrombosis",
        Kind::Contraindication,
        "main portal vein thrombosis",
        Outcome::from(Ctx::yes(ctx.p.portal_vein_thrombosis)),
        ctx.value(Field::PortalVeinThrombosis),
        "S26b",
        &[Field::PortalVeinThrombosis],
    ));
    d.contraindication(ctx.impaired_liver("S26b"));
    d.contraindication(burden_limit(ctx));
    d.contraindication(ctx.poor_performance());
    let e = &ctx.t().embolisation;
    let reason = Outcome::from(ctx.progressive())
        .or(Outcome::from(ctx.syndrome()))
        .or(Outcome::from(
            ctx.p
                .liver_burden
                .map(|b| b >= e.liver_burden_preferred_from.value),
        ))
        .or(Outcome::from(ctx.p.lesions.map(|n| n > 1)));
    d.prefer(
        Outcome::from(Ctx::yes(ctx.p.resectable).map(|r| !r))
            .and(Outcome::from(Ctx::yes(ctx.p.extrahepatic).map(|x| !x)))
            .and(reason),
        ctx.text(|| format!(
            "not resectable, no extrahepatic disease, and progressive, a syndrome, liver burden at least {} % or several lesions",
            number(e.liver_burden_preferred_from.value)
        )),
        &[
            Field::Resectable,
            Field::Extrahepatic,
            Field::Progression,
            Field::Syndrome,
            Field::LiverBurden,
            Field::Lesions,
        ],
    );
    // One of the facts the seed leaves out (facts.md §8, item 7).
    d.note("embolisation.caudate");
    d.correction("tace_figures");
    d
}

pub(super) fn tare<'k>(ctx: &Ctx<'k>) -> Draft<'k> {
    let mut d = Draft::new(OptionId::Tare, ctx);
    indications(ctx, &mut d);
    d.contraindication(ctx.impaired_liver("S27"));
    d.contraindication(ctx.poor_performance());
    d.contraindication(burden_limit(ctx));
    // A bilio-enteric anastomosis is a warning for radioembolisation, not a contraindication;
    // while unknown it is still confirmed first (safety_critical in data/options.toml).
    if Ctx::yes(ctx.p.biliary_anastomosis) == Some(true) {
        d.note("embolisation.tare_biliary");
    }
    if Ctx::yes(ctx.p.portal_vein_thrombosis) == Some(true) {
        d.note("embolisation.tare_pvt");
    }
    if ctx.p.had(OptionId::Prrt) == Some(true) {
        d.note("embolisation.tare_after_prrt");
    }
    d.prefer(Outcome::NotMet, "", &[]);
    d
}
