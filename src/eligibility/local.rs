//! Local treatment with curative intent: resection, ablation, transplantation (rules.md §4).

use super::criteria::Ctx;
use super::outcome::{Criterion, Draft, Kind, Outcome};
use crate::grading::Category;
use crate::knowledge::number;
use crate::model::{Field, OptionId, Pattern, Progression};

pub(super) fn resection<'k>(ctx: &Ctx<'k>) -> Draft<'k> {
    let mut d = Draft::new(OptionId::Resection, ctx);
    d.indication(ctx.well_differentiated());
    if ctx.category() == Category::NetG3 {
        d.cap("resection.net_g3");
    }
    d.indication(Criterion::new(
        "resectable",
        Kind::Indication,
        "all liver disease resectable with an adequate remnant",
        Outcome::from(Ctx::yes(ctx.p.resectable)),
        ctx.value(Field::Resectable),
        "S11",
        &[Field::Resectable],
    ));
    // Extrahepatic disease does not fail the criterion: curative only if it is removable too.
    let extrahepatic = Ctx::yes(ctx.p.extrahepatic);
    d.indication(Criterion::new(
        "no-extrahepatic-disease",
        Kind::Indication,
        "no extrahepatic disease, or extrahepatic disease removable too",
        Outcome::from(extrahepatic.map(|_| true)),
        ctx.value(Field::Extrahepatic),
        "S11",
        &[Field::Extrahepatic],
    ));
    if extrahepatic == Some(true) {
        d.cap("resection.extrahepatic");
    }
    d.contraindication(ctx.poor_performance());
    d.contraindication(ctx.impaired_liver("S65"));
    d.prefer(
        Outcome::from(ctx.low_grade()).and(Outcome::from(extrahepatic.map(|e| !e))),
        "low grade and no extrahepatic disease",
        &[Field::Extrahepatic],
    );
    if let Some(note) = pattern_note(ctx) {
        d.note(note);
    }
    if Ctx::yes(ctx.p.primary_resected) == Some(false) {
        d.note("resection.primary_in_place");
    }
    d.correction("ablation_size");
    d
}

/// The Frilling pattern as a note on surgery (never a gate): one lesion is type I.
fn pattern_note(ctx: &Ctx) -> Option<&'static str> {
    let pattern = if ctx.p.lesions == Some(1) {
        Some(Pattern::Simple)
    } else {
        ctx.p.pattern
    };
    pattern.map(|p| match p {
        Pattern::Simple => "pattern.simple",
        Pattern::Complex => "pattern.complex",
        Pattern::Diffuse => "pattern.diffuse",
    })
}

pub(super) fn ablation<'k>(ctx: &Ctx<'k>) -> Draft<'k> {
    let a = &ctx.t().ablation;
    let mut d = Draft::new(OptionId::Ablation, ctx);
    d.indication(ctx.well_differentiated());
    d.indication(Criterion::new(
        "largest-lesion-size",
        Kind::Indication,
        ctx.text(|| format!("largest lesion at most {} cm", number(a.max_cm.value))),
        Outcome::from(ctx.p.largest_cm.map(|cm| cm <= a.max_cm.value)),
        ctx.shown(|| ctx.p.largest_cm.map(|cm| format!("{} cm", number(cm)))),
        ctx.src(&a.max_cm.source),
        &[Field::LargestCm],
    ));
    d.indication(ctx.no_extrahepatic("S11"));
    d.contraindication(ctx.poor_performance());
    d.prefer(Outcome::NotMet, "", &[]);
    d.note("ablation.reliable");
    if ctx
        .p
        .largest_cm
        .is_some_and(|cm| cm > a.reliable_cm.value && cm <= a.max_cm.value)
    {
        d.note("ablation.large");
    }
    if ctx
        .p
        .lesions
        .is_some_and(|n| f64::from(n) > a.adjunct_only_lesions_above.value)
    {
        d.note("ablation.adjunct");
    }
    d.correction("ablation_size");
    d
}

pub(super) fn transplant<'k>(ctx: &Ctx<'k>) -> Draft<'k> {
    let t = &ctx.t().transplant;
    let mut d = Draft::new(OptionId::Transplant, ctx);
    d.indication(Criterion::new(
        "low-grade",
        Kind::Indication,
        "low-grade NET (G1/G2)",
        Outcome::from(ctx.low_grade()),
        ctx.grade_value(),
        "S15",
        &[Field::Differentiation],
    ));
    if ctx.low_grade() {
        match ctx.p.ki67 {
            Some(ki67) if ki67 >= t.ki67_milan_below.value => {
                d.note("transplant.ki67_band");
            }
            None => d.note("transplant.ki67_unknown"),
            Some(_) => {}
        }
    }
    d.indication(Criterion::new(
        "portal-drained-primary",
        Kind::Indication,
        ctx.sites_text(
            "primary drained by the portal system (other or unknown primary: a primary must be removed)",
            "primary",
            &t.portal_drained,
        ),
        Outcome::from(ctx.primary_in(&t.portal_drained)),
        ctx.value(Field::Primary),
        ctx.src(&t.portal_drained.source),
        &[Field::Primary],
    ));
    d.indication(Criterion::new(
        "primary-resected",
        Kind::Indication,
        "primary removed before transplantation",
        Outcome::from(Ctx::yes(ctx.p.primary_resected)),
        ctx.value(Field::PrimaryResected),
        "S15",
        &[Field::PrimaryResected],
    ));
    d.indication(ctx.no_extrahepatic("S15"));
    d.indication(Criterion::new(
        "liver-burden",
        Kind::Indication,
        ctx.text(|| {
            format!(
                "liver involvement at most {} %",
                number(t.liver_burden_max.value)
            )
        }),
        Outcome::from(ctx.p.liver_burden.map(|b| b <= t.liver_burden_max.value)),
        ctx.shown(|| ctx.p.liver_burden.map(|b| format!("{} %", number(b)))),
        ctx.src(&t.liver_burden_max.source),
        &[Field::LiverBurden],
    ));
    d.indication(stability(ctx));
    d.indication(age(ctx));
    let age = ctx.p.age.map(f64::from);
    if age.is_some_and(|a| a > t.age_milan_max.value && a < t.age_limit.value) {
        d.note("transplant.age_us");
    }
    d.indication(Criterion::new(
        "not-resectable",
        Kind::Indication,
        "liver disease not resectable (otherwise resection first)",
        Outcome::from(Ctx::yes(ctx.p.resectable).map(|r| !r)),
        ctx.value(Field::Resectable),
        "S15",
        &[Field::Resectable],
    ));
    d.prefer(Outcome::NotMet, "", &[]);
    d.note("transplant.centre");
    d.correction("transplant_age");
    d.correction("transplant_survival");
    d
}

/// Stable for at least the required months; progression fails it; "stable" without months is
/// taken as met (rules.md §4, transplant).
fn stability(ctx: &Ctx) -> Criterion {
    let min = &ctx.t().transplant.stable_months_min;
    let result = match (ctx.p.progression, ctx.p.stable_months) {
        (Some(Progression::Progressive), _) => Outcome::NotMet,
        (_, Some(months)) => Outcome::from(months >= min.value),
        (Some(Progression::Stable), None) => Outcome::Met,
        (None, None) => Outcome::Unknown,
    };
    let value = ctx.shown(|| match (ctx.p.progression, ctx.p.stable_months) {
        (Some(c), Some(m)) => Some(format!("{c}, {} months", number(m))),
        (Some(c), None) => Some(c.to_string()),
        (None, Some(m)) => Some(format!("{} months", number(m))),
        (None, None) => None,
    });
    Criterion::new(
        "stable-disease",
        Kind::Indication,
        ctx.text(|| format!("stable disease for at least {} months", number(min.value))),
        result,
        value,
        ctx.src(&min.source),
        &[Field::Progression, Field::StableMonths],
    )
}

fn age(ctx: &Ctx) -> Criterion {
    let t = &ctx.t().transplant;
    Criterion::new(
        "age",
        Kind::Indication,
        ctx.text(|| {
            format!(
                "age at most {} (Milan, relative) and below {} (US)",
                number(t.age_milan_max.value),
                number(t.age_limit.value)
            )
        }),
        Outcome::from(ctx.p.age.map(|a| f64::from(a) < t.age_limit.value)),
        ctx.value(Field::Age),
        ctx.src(&t.age_milan_max.source),
        &[Field::Age],
    )
}
