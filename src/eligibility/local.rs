//! Local treatment with curative intent: resection, ablation, transplantation (rules.md §4.1).

use super::criteria::Ctx;
use super::outcome::{Criterion, Draft, Kind, Outcome};
use crate::grading::Category;
use crate::knowledge::{number, CriterionText, Phrase, PreferenceText};
use crate::model::{Field, HeartDisease, OptionId, Pattern, Primary, Progression};

/// Carcinoid heart disease: severe is a caution; mild a note (rules.md §3.4). Shared by the
/// procedures and PRRT.
/// The peri-procedural plan for the syndrome and site (rules.md §4.7), on the procedures and
/// PRRT while they are not ruled out.
pub(super) fn plan(ctx: &Ctx, d: &mut Draft) {
    if let Some(note) = super::plan::procedure_plan(ctx.p, ctx.g, ctx.k) {
        d.note_unless_ruled_out(note);
    }
}

pub(super) fn heart(ctx: &Ctx, d: &mut Draft) {
    // Unknown and not relevant (no carcinoid syndrome, no crisis-prone primary): no effect.
    if ctx.p.carcinoid_heart_disease.is_none() && !ctx.chd_relevant {
        return;
    }
    d.caution(
        ctx.criterion(
            CriterionText::SevereCarcinoidHeartDisease,
            Kind::Caution,
            Outcome::from(
                ctx.p
                    .carcinoid_heart_disease
                    .map(|h| h == HeartDisease::Severe),
            ),
            ctx.value(Field::CarcinoidHeartDisease),
            &[Field::CarcinoidHeartDisease],
        ),
        "heart.severe",
    );
    if ctx.p.carcinoid_heart_disease == Some(HeartDisease::Mild) {
        d.note("heart.mild");
    }
}

pub(super) fn resection<'k>(ctx: &Ctx<'k>) -> Draft<'k> {
    let mut d = Draft::new(OptionId::Resection, ctx);
    d.indication(ctx.well_differentiated());
    if ctx.category() == Category::NetG3 {
        d.cap("resection.net_g3");
    }
    d.indication(ctx.criterion(
        CriterionText::ResectableResection,
        Kind::Indication,
        Outcome::from(Ctx::yes(ctx.p.resectable)),
        ctx.value(Field::Resectable),
        &[Field::Resectable],
    ));
    // Extrahepatic disease does not fail the criterion: curative only if it is removable too.
    let extrahepatic = Ctx::yes(ctx.p.extrahepatic);
    d.indication(ctx.criterion(
        CriterionText::NoExtrahepaticDiseaseResection,
        Kind::Indication,
        Outcome::from(extrahepatic.map(|_| true)),
        ctx.value(Field::Extrahepatic),
        &[Field::Extrahepatic],
    ));
    if extrahepatic == Some(true) {
        d.cap("resection.extrahepatic");
    }
    d.contraindication(ctx.poor_performance());
    d.contraindication(ctx.impaired_liver(CriterionText::ImpairedLiverFunctionResection));
    heart(ctx, &mut d);
    plan(ctx, &mut d);
    d.prefer(
        Outcome::from(ctx.low_grade()).and(Outcome::from(extrahepatic.map(|e| !e))),
        ctx.preference(PreferenceText::ResectionCurative),
        &[Field::Extrahepatic],
    );
    if let Some(note) = pattern_note(ctx) {
        d.note(note);
    }
    if Ctx::yes(ctx.p.primary_resected) == Some(false) {
        d.note("resection.primary_in_place");
    }
    d.note_if_eligible("resection.adjuvant");
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

/// A bilio-enteric anastomosis: abscess risk after ablation or radioembolisation (a caution).
pub(super) fn anastomosis_caution(
    ctx: &Ctx,
    d: &mut Draft,
    which: CriterionText,
    note: &'static str,
) {
    d.caution(
        ctx.criterion(
            which,
            Kind::Caution,
            Outcome::from(Ctx::yes(ctx.p.biliary_anastomosis)),
            ctx.value(Field::BiliaryAnastomosis),
            &[Field::BiliaryAnastomosis],
        ),
        note,
    );
}

pub(super) fn ablation<'k>(ctx: &Ctx<'k>) -> Draft<'k> {
    let a = &ctx.t().ablation;
    let mut d = Draft::new(OptionId::Ablation, ctx);
    d.indication(ctx.well_differentiated());
    d.indication(ctx.criterion(
        CriterionText::LargestLesionSize,
        Kind::Indication,
        Outcome::from(ctx.p.largest_cm.map(|cm| cm <= a.max_cm.value)),
        ctx.shown(|| ctx.p.largest_cm.map(|cm| format!("{} cm", number(cm)))),
        &[Field::LargestCm],
    ));
    d.indication(ctx.no_extrahepatic(CriterionText::NoExtrahepaticDiseaseAblation));
    d.contraindication(ctx.poor_performance());
    anastomosis_caution(
        ctx,
        &mut d,
        CriterionText::BiliaryAnastomosisAblation,
        "ablation.anastomosis",
    );
    heart(ctx, &mut d);
    plan(ctx, &mut d);
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
    d
}

pub(super) fn transplant<'k>(ctx: &Ctx<'k>) -> Draft<'k> {
    let t = &ctx.t().transplant;
    let mut d = Draft::new(OptionId::Transplant, ctx);
    // Low grade with a known Ki-67: below the Milan limit it is met; from it to G2's end it is
    // met as a relative exclusion (L12); not given, unknown (rules.md §4.1).
    let ki67_relative = ctx.p.ki67.map(|v| v >= t.ki67_milan_below.value);
    let low_grade = if ctx.low_grade() {
        Outcome::from(ki67_relative.map(|_| true))
    } else {
        Outcome::NotMet
    };
    d.indication(ctx.criterion(
        CriterionText::LowGradeTransplant,
        Kind::Indication,
        low_grade,
        ctx.shown(|| {
            Some(match ctx.p.ki67 {
                Some(v) => format!("{}, Ki-67 {} %", ctx.g.label, number(v)),
                None => format!("{}, {}", ctx.g.label, Phrase::Ki67NotGiven.text()),
            })
        }),
        &[Field::Differentiation, Field::Ki67],
    ));
    if ctx.low_grade() {
        match ki67_relative {
            Some(true) => d.note_unless_ruled_out("transplant.ki67_band"),
            None => d.note_unless_ruled_out("transplant.ki67_unknown"),
            Some(false) => {}
        }
    }
    d.indication(ctx.primary_criterion(CriterionText::PortalDrainedPrimary, &t.portal_drained));
    d.indication(ctx.criterion(
        CriterionText::PrimaryResected,
        Kind::Indication,
        Outcome::from(Ctx::yes(ctx.p.primary_resected)),
        ctx.value(Field::PrimaryResected),
        &[Field::PrimaryResected],
    ));
    d.indication(ctx.no_extrahepatic(CriterionText::NoExtrahepaticDiseaseTransplant));
    d.indication(ctx.criterion(
        CriterionText::LiverBurden,
        Kind::Indication,
        Outcome::from(ctx.p.liver_burden.map(|b| b <= t.liver_burden_max.value)),
        ctx.shown(|| ctx.p.liver_burden.map(|b| format!("{} %", number(b)))),
        &[Field::LiverBurden],
    ));
    d.indication(stability(ctx));
    d.indication(age(ctx));
    let age = ctx.p.age.map(f64::from);
    let age_relative = age.map(|a| a > t.age_milan_max.value && a < t.age_limit.value);
    if age_relative == Some(true) {
        d.note_unless_ruled_out("transplant.age_us");
    }
    d.indication(relative_exclusions(ctx, ki67_relative, age_relative));
    d.indication(ctx.criterion(
        CriterionText::NotResectable,
        Kind::Indication,
        Outcome::from(Ctx::yes(ctx.p.resectable).map(|r| !r)),
        ctx.value(Field::Resectable),
        &[Field::Resectable],
    ));
    d.contraindication(ctx.poor_performance());
    heart(ctx, &mut d);
    plan(ctx, &mut d);
    d.prefer(Outcome::NotMet, "", &[]);
    if ctx.p.ecog.is_some_and(|e| {
        let e = f64::from(e);
        e >= t.ecog_note_from.value && e < ctx.t().performance.ecog_limit.value
    }) {
        d.note_unless_ruled_out("transplant.ecog");
    }
    if ctx.p.primary == Some(Primary::Pancreas) {
        d.note_unless_ruled_out("transplant.pancreas");
    }
    for note in [
        "transplant.comorbidity",
        "transplant.centre",
        "transplant.nlrb",
    ] {
        d.note_unless_ruled_out(note);
    }
    d
}

/// At most `transplant.relative_exclusions_max` relative exclusions (Ki-67 in the band, age
/// between Milan's maximum and the US limit). Unknown answers that could take the count over
/// the limit leave it unknown (rules.md §4.1, L12).
fn relative_exclusions(ctx: &Ctx, ki67: Option<bool>, age: Option<bool>) -> Criterion {
    let max = &ctx.t().transplant.relative_exclusions_max;
    let known = [ki67, age].iter().filter(|r| **r == Some(true)).count();
    let open = [ki67, age].iter().filter(|r| r.is_none()).count();
    #[allow(clippy::cast_precision_loss)]
    let (known, most) = (known as f64, (known + open) as f64);
    let result = if known > max.value {
        Outcome::NotMet
    } else if most > max.value {
        Outcome::Unknown
    } else {
        Outcome::Met
    };
    ctx.criterion(
        CriterionText::RelativeExclusions,
        Kind::Indication,
        result,
        ctx.shown(|| Some(format!("{} of them", number(known)))),
        &[Field::Ki67, Field::Age],
    )
}

/// Stable for at least the required months; progression fails it; "stable" without months is
/// taken as met (rules.md §4.1).
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
    ctx.criterion(
        CriterionText::StableDisease,
        Kind::Indication,
        result,
        value,
        &[Field::Progression, Field::StableMonths],
    )
}

fn age(ctx: &Ctx) -> Criterion {
    let t = &ctx.t().transplant;
    ctx.criterion(
        CriterionText::Age,
        Kind::Indication,
        Outcome::from(ctx.p.age.map(|a| f64::from(a) < t.age_limit.value)),
        ctx.value(Field::Age),
        &[Field::Age],
    )
}
