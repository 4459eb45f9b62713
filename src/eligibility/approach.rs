//! The overall approach (rules.md §4.0): active surveillance, and best supportive care alone.

use super::criteria::Ctx;
use super::outcome::{Criterion, Draft, Kind, Outcome};
use super::tempo::{course, Course};
use crate::grading::Category;
use crate::knowledge::number;
use crate::model::{Differentiation, Field, OptionId, Progression, Syndrome, Tag};

/// Stable disease on imaging, an indication of either branch of surveillance.
fn stable(ctx: &Ctx, source: &'static str) -> Criterion {
    Criterion::new(
        "stable",
        Kind::Indication,
        "stable disease",
        Outcome::from(ctx.p.progression.map(|p| p == Progression::Stable)),
        ctx.value(Field::Progression),
        source,
        &[Field::Progression],
    )
}

/// Lung small-cell carcinoma: where anti-PD-L1 is standard (first line and maintenance).
pub(super) fn small_cell_lung(ctx: &Ctx) -> bool {
    ctx.p.differentiation == Some(Differentiation::SmallCell)
        && ctx.primary_in(&ctx.t().immunotherapy.standard_sites) == Some(true)
}

/// Whether `id` is (or may be) being given: in `--current`, or in `--prior` when `--current` is
/// not given (rules.md §4.0, W-2 and D-2).
fn on_it(ctx: &Ctx, id: OptionId) -> Option<bool> {
    match ctx.p.is_current(id) {
        Some(current) => Some(current),
        None => ctx.p.had(id),
    }
}

pub(super) fn active_surveillance<'k>(ctx: &Ctx<'k>) -> Draft<'k> {
    let mut d = Draft::new(OptionId::ActiveSurveillance, ctx);
    // Any fixed-duration course under way blocks both branches (D-1).
    let under_way =
        OptionId::tagged(Tag::FixedCourse).any(|id| course(ctx, id) == Some(Course::UnderWay));
    d.contraindication(Criterion::new(
        "course-under-way",
        Kind::Contraindication,
        "a fixed-duration course under way",
        Outcome::from(under_way),
        ctx.value(Field::Current),
        ctx.note_src("course.under_way"),
        &[],
    ));
    match ctx.category() {
        Category::NetG1 | Category::NetG2 => watch_and_wait(ctx, &mut d),
        Category::Nec => after_platinum(ctx, &mut d),
        // NET G3: neither branch. High-grade: the differentiation decides (rules.md §4.5),
        // settled by the hypotheses.
        Category::NetG3 | Category::HighGrade => d.indication(Criterion::new(
            "low-grade-or-nec-after-platinum",
            Kind::Indication,
            "low-grade NET, or NEC after platinum–etoposide",
            ctx.nec(),
            ctx.grade_value(),
            "S77",
            &[Field::Differentiation],
        )),
    }
    d
}

/// Branch (a): stable, asymptomatic, low-grade, low-volume disease (NETPraxis).
fn watch_and_wait(ctx: &Ctx, d: &mut Draft) {
    let s = &ctx.t().surveillance;
    d.indication(ctx.low_grade_criterion());
    // Ki-67 is not applied to thoracic carcinoids (it does not classify them), and the sentence
    // says so: it would read "met" beside a Ki-67 above the cut-off.
    let thoracic = ctx.thoracic() == Some(true);
    let ki67 = if thoracic {
        Outcome::Met
    } else {
        Outcome::from(ctx.p.ki67.map(|v| v < s.ki67_below.value))
    };
    d.indication(Criterion::new(
        "ki67-low",
        Kind::Indication,
        ctx.text(|| {
            let cut = number(s.ki67_below.value);
            if thoracic {
                format!("Ki-67 below {cut} % (not applied to a thoracic carcinoid)")
            } else {
                format!("Ki-67 below {cut} %")
            }
        }),
        ki67,
        ctx.value(Field::Ki67),
        ctx.src(&s.ki67_below.source),
        &[Field::Ki67],
    ));
    d.indication(stable(ctx, "S77"));
    d.indication(Criterion::new(
        "no-syndrome",
        Kind::Indication,
        "no hormonal syndrome",
        Outcome::from(ctx.p.syndrome.map(|s| s == Syndrome::None)),
        ctx.value(Field::Syndrome),
        "S77",
        &[Field::Syndrome],
    ));
    let bulky = &ctx.t().tempo.bulky_liver_burden_from;
    d.contraindication(Criterion::new(
        "bulky",
        Kind::Contraindication,
        ctx.text(|| {
            format!(
                "bulky: liver burden {} % or more (treat)",
                number(bulky.value)
            )
        }),
        Outcome::from(ctx.bulky()),
        ctx.value(Field::LiverBurden),
        ctx.src(&bulky.source),
        &[Field::LiverBurden],
    ));
    let continuous = OptionId::ALL
        .iter()
        .filter(|id| **id == OptionId::Ssa || id.is(Tag::ContinuousDrug))
        .map(|id| Outcome::from(on_it(ctx, *id)))
        .fold(Outcome::NotMet, Outcome::or);
    d.contraindication(Criterion::new(
        "on-treatment",
        Kind::Contraindication,
        "on SSA or another continuous drug and stable: continue it (surveillance is an alternative only before SSA is started)",
        continuous,
        ctx.value(Field::Current).or_else(|| ctx.value(Field::Prior)),
        "S77",
        &[Field::Current, Field::Prior],
    ));
    d.contraindication(Criterion::new(
        "resectable",
        Kind::Contraindication,
        "resectable: resection first",
        Outcome::from(Ctx::yes(ctx.p.resectable)),
        ctx.value(Field::Resectable),
        "S11",
        &[Field::Resectable],
    ));
    d.contraindication(Criterion::new(
        "tumour-symptoms",
        Kind::Contraindication,
        "symptoms of tumour bulk: treat",
        Outcome::from(Ctx::yes(ctx.p.tumour_symptoms)),
        ctx.value(Field::TumourSymptoms),
        "S109",
        &[Field::TumourSymptoms],
    ));
    d.prefer(Outcome::NotMet, "", &[]);
    d.note_if_eligible("surveillance.alternative");
}

/// Branch (b): NEC after a course of platinum–etoposide, stable (ENETS 2023).
fn after_platinum(ctx: &Ctx, d: &mut Draft) {
    d.indication(Criterion::new(
        "nec",
        Kind::Indication,
        "NEC",
        Outcome::Met,
        ctx.grade_value(),
        "S46",
        &[Field::Differentiation],
    ));
    d.indication(ctx.after_platinum());
    d.indication(stable(ctx, "S46"));
    // Maintenance anti-PD-L1 in lung small-cell while it is or may be under way (D-2).
    let maintenance = small_cell_lung(ctx)
        && ctx.p.had(OptionId::ImmunotherapyTrial) == Some(true)
        && ctx.p.is_current(OptionId::ImmunotherapyTrial) != Some(false);
    let later = if maintenance {
        d.note("immunotherapy.maintenance");
        Outcome::Met
    } else {
        OptionId::tagged(Tag::LaterNecLine)
            .map(|id| Outcome::from(on_it(ctx, id)))
            .fold(Outcome::NotMet, Outcome::or)
    };
    d.contraindication(Criterion::new(
        "later-line-in-progress",
        Kind::Contraindication,
        if maintenance {
            "maintenance anti-PD-L1 until progression"
        } else {
            "a later systemic line in progress"
        },
        later,
        ctx.value(Field::Current)
            .or_else(|| ctx.value(Field::Prior)),
        if maintenance { "S112" } else { "S46" },
        &[Field::Current],
    ));
    match course(ctx, OptionId::PlatinumEtoposide) {
        Some(Course::Finished) => {
            let stopped_later =
                OptionId::tagged(Tag::LaterNecLine).any(|id| ctx.p.had(id) == Some(true));
            if stopped_later {
                d.note("surveillance.after_stopped_line");
                d.prefer(Outcome::NotMet, "", &[]);
            } else {
                d.prefer(
                    Outcome::Met,
                    ctx.text(|| ctx.k.note("surveillance.after_course").text),
                    &[],
                );
            }
        }
        Some(Course::Unknown) => {
            d.cap("course.unknown");
            d.missing(Field::Current);
            d.prefer(Outcome::NotMet, "", &[]);
        }
        _ => d.prefer(Outcome::NotMet, "", &[]),
    }
    if ctx.thoracic() == Some(true) {
        d.note_if_eligible("surveillance.thoracic");
    }
}

pub(super) fn best_supportive_care<'k>(ctx: &Ctx<'k>) -> Draft<'k> {
    let perf = &ctx.t().performance;
    let liver_from = &ctx.t().best_supportive_care.liver_ecog_from;
    let mut d = Draft::new(OptionId::BestSupportiveCare, ctx);
    let ecog = ctx.p.ecog.map(f64::from);
    let poor = ecog.map(|e| e >= perf.ecog_limit.value);
    let impaired = Ctx::impaired(ctx.p.liver_function);
    let liver_branch = match ecog {
        Some(e) if e < liver_from.value => Outcome::NotMet,
        Some(_) => Outcome::from(impaired),
        None => Outcome::Unknown,
    };
    d.indication(Criterion::new(
        "poor-performance",
        Kind::Indication,
        ctx.text(|| {
            format!(
                "ECOG {} or worse, or impaired liver function with ECOG {} or worse",
                number(perf.ecog_limit.value),
                number(liver_from.value)
            )
        }),
        Outcome::from(poor).or(liver_branch),
        ctx.value(Field::Ecog),
        ctx.src(&perf.ecog_limit.source),
        &[Field::Ecog, Field::LiverFunction],
    ));
    // Recommended at the worst ECOG without a syndrome and outside chemotherapy-naive NEC:
    // either may make the decline reversible (D-3).
    let worst = Outcome::from(ecog.map(|e| e >= perf.ecog_systemic_limit.value));
    let no_syndrome = Outcome::from(ctx.p.syndrome.map(|s| s == Syndrome::None));
    let naive_nec = match ctx.nec() {
        Outcome::Met => Outcome::from(ctx.p.had(OptionId::PlatinumEtoposide).map(|h| !h)),
        other => other,
    };
    let preferred = worst.and(no_syndrome).and(naive_nec.negate());
    d.prefer(
        preferred,
        ctx.text(|| {
            format!(
                "ECOG {} or worse, no hormonal syndrome and no chemotherapy-naive NEC: no treatment would follow",
                number(perf.ecog_systemic_limit.value)
            )
        }),
        &[Field::Syndrome, Field::Prior],
    );
    if preferred != Outcome::Met {
        d.note_if_eligible("best_supportive_care.reversible");
    }
    if ctx.p.syndrome.is_some_and(|s| s != Syndrome::None) {
        d.note("performance.syndrome_driven");
    }
    d.note("best_supportive_care.palliative");
    d
}
