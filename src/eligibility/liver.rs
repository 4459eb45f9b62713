//! Liver-directed therapy: trans-arterial embolisation and radioembolisation (rules.md §4.2).

use super::criteria::{Ctx, Forms, SyndromeForm};
use super::local::{anastomosis_caution, heart, plan};
use super::outcome::{Criterion, Draft, Kind, Outcome};
use super::tempo::reason_to_treat;
use crate::grading::Category;
use crate::knowledge::number;
use crate::knowledge::{CriterionText, PreferenceText};
use crate::model::{Field, OptionId, Syndrome, Tag};

/// Both need a well-differentiated tumour, unresectable disease or a syndrome other than
/// gastrinoma (L19), and a reason to treat now: P, S, B or T (D4, D-8).
fn indications(ctx: &Ctx, d: &mut Draft) {
    d.indication(ctx.well_differentiated());
    let unresectable = Outcome::from(Ctx::yes(ctx.p.resectable).map(|r| !r));
    let syndrome = Outcome::from(
        ctx.p
            .syndrome
            .map(|s| !matches!(s, Syndrome::None | Syndrome::Gastrinoma)),
    );
    let value = ctx.shown(|| {
        let given = [Field::Resectable, Field::Syndrome]
            .iter()
            .filter_map(|f| ctx.value(*f).map(|v| format!("{f} {v}")))
            .collect::<Vec<_>>();
        (!given.is_empty()).then(|| given.join(", "))
    });
    d.indication(ctx.criterion(
        CriterionText::UnresectableOrSyndrome,
        Kind::Indication,
        unresectable.or(syndrome),
        value,
        &[Field::Resectable, Field::Syndrome],
    ));
    // Bulk is no reason to repeat the same procedure while stable (REPEAT-EMBOLISATION).
    let repeat = ctx.p.had(d.id) == Some(true);
    reason_to_treat(
        d,
        ctx,
        Forms {
            progression: true,
            syndrome: SyndromeForm::Any,
            bulky: !repeat,
            symptoms: true,
            netter2: None,
        },
    );
    if ctx.category() == Category::Nec {
        d.note("embolisation.nec");
    }
    let symptom_branch = syndrome == Outcome::Met || Ctx::yes(ctx.p.tumour_symptoms) == Some(true);
    if Ctx::yes(ctx.p.extrahepatic) == Some(true) && symptom_branch {
        d.note("embolisation.extrahepatic");
    }
    if ctx.p.syndrome == Some(Syndrome::Insulinoma) {
        d.note_if_eligible("embolisation.insulinoma");
    }
}

fn burden_limit(ctx: &Ctx) -> Criterion {
    let limit = &ctx.t().embolisation.liver_burden_limit;
    ctx.criterion(
        CriterionText::LiverBurdenLimit,
        Kind::Contraindication,
        Outcome::from(ctx.p.liver_burden.map(|b| b >= limit.value)),
        ctx.shown(|| ctx.p.liver_burden.map(|b| format!("{} %", number(b)))),
        &[Field::LiverBurden],
    )
}

pub(super) fn tace<'k>(ctx: &Ctx<'k>) -> Draft<'k> {
    let mut d = Draft::new(OptionId::Tace, ctx);
    indications(ctx, &mut d);
    d.contraindication(ctx.criterion(
        CriterionText::BiliaryAnastomosisTace,
        Kind::Contraindication,
        Outcome::from(Ctx::yes(ctx.p.biliary_anastomosis)),
        ctx.value(Field::BiliaryAnastomosis),
        &[Field::BiliaryAnastomosis],
    ));
    d.contraindication(ctx.criterion(
        CriterionText::PortalVeinThrombosis,
        Kind::Contraindication,
        Outcome::from(Ctx::yes(ctx.p.portal_vein_thrombosis)),
        ctx.value(Field::PortalVeinThrombosis),
        &[Field::PortalVeinThrombosis],
    ));
    d.contraindication(ctx.impaired_liver(CriterionText::ImpairedLiverFunctionTace));
    d.contraindication(burden_limit(ctx));
    d.contraindication(ctx.poor_performance());
    heart(ctx, &mut d);
    plan(ctx, &mut d);
    // Recommended only for progressive, liver-only, unresectable disease (D4).
    d.prefer(
        Outcome::from(Ctx::yes(ctx.p.resectable).map(|r| !r))
            .and(Outcome::from(Ctx::yes(ctx.p.extrahepatic).map(|x| !x)))
            .and(Outcome::from(ctx.progressive())),
        ctx.preference(PreferenceText::TaceLiverOnly),
        &[Field::Resectable, Field::Extrahepatic, Field::Progression],
    );
    if Ctx::yes(ctx.p.resectable) == Some(true) {
        d.note("embolisation.resection_first");
    }
    // One of the facts the seed leaves out (facts.md §8, item 7).
    d.note("embolisation.caudate");
    d
}

pub(super) fn tare<'k>(ctx: &Ctx<'k>) -> Draft<'k> {
    let mut d = Draft::new(OptionId::Tare, ctx);
    indications(ctx, &mut d);
    d.contraindication(ctx.impaired_liver(CriterionText::ImpairedLiverFunctionTare));
    d.contraindication(ctx.poor_performance());
    d.contraindication(burden_limit(ctx));
    // A bilio-enteric anastomosis is a caution for radioembolisation, not a contraindication.
    anastomosis_caution(
        ctx,
        &mut d,
        CriterionText::BiliaryAnastomosisTare,
        "embolisation.tare_biliary",
    );
    heart(ctx, &mut d);
    plan(ctx, &mut d);
    if Ctx::yes(ctx.p.portal_vein_thrombosis) == Some(true) {
        d.note("embolisation.tare_pvt");
    }
    if OptionId::tagged(Tag::Radioligand).any(|id| ctx.p.had(id) == Some(true)) {
        d.note("embolisation.tare_after_prrt");
    }
    d.prefer(Outcome::NotMet, "", &[]);
    if Ctx::yes(ctx.p.resectable) == Some(true) {
        d.note("embolisation.resection_first");
    }
    d
}
