//! The overall approach (rules.md §4.0): active surveillance, and best supportive care alone.

use super::criteria::Ctx;
use super::outcome::{Criterion, Draft, Kind, Outcome};
use super::tempo::{course, Course};
use crate::grading::Category;
use crate::knowledge::{CriterionText, PreferenceText};
use crate::model::{Differentiation, Field, OptionId, Progression, Syndrome, Tag};

/// Stable disease on imaging, an indication of either branch of surveillance (`which`: the
/// branch's sentence).
fn stable(ctx: &Ctx, which: CriterionText) -> Criterion {
    ctx.criterion(
        which,
        Kind::Indication,
        Outcome::from(ctx.p.progression.map(|p| p == Progression::Stable)),
        ctx.value(Field::Progression),
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
    d.contraindication(ctx.criterion(
        CriterionText::CourseUnderWay,
        Kind::Contraindication,
        Outcome::from(under_way),
        ctx.value(Field::Current),
        &[],
    ));
    match ctx.category() {
        Category::NetG1 | Category::NetG2 => watch_and_wait(ctx, &mut d),
        Category::Nec => after_platinum(ctx, &mut d),
        // NET G3: neither branch. High-grade: the differentiation decides (rules.md §4.5),
        // settled by the hypotheses.
        Category::NetG3 | Category::HighGrade => d.indication(ctx.criterion(
            CriterionText::LowGradeOrNecAfterPlatinum,
            Kind::Indication,
            ctx.nec(),
            ctx.grade_value(),
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
    d.indication(ctx.criterion(
        if thoracic {
            CriterionText::Ki67LowThoracic
        } else {
            CriterionText::Ki67LowAny
        },
        Kind::Indication,
        ki67,
        ctx.value(Field::Ki67),
        &[Field::Ki67],
    ));
    d.indication(stable(ctx, CriterionText::StableLowGrade));
    d.indication(ctx.criterion(
        CriterionText::NoSyndrome,
        Kind::Indication,
        Outcome::from(ctx.p.syndrome.map(|s| s == Syndrome::None)),
        ctx.value(Field::Syndrome),
        &[Field::Syndrome],
    ));
    d.contraindication(ctx.criterion(
        CriterionText::Bulky,
        Kind::Contraindication,
        Outcome::from(ctx.bulky()),
        ctx.value(Field::LiverBurden),
        &[Field::LiverBurden],
    ));
    let continuous = OptionId::ALL
        .iter()
        .filter(|id| id.is(Tag::Backbone) || id.is(Tag::ContinuousDrug))
        .map(|id| Outcome::from(on_it(ctx, *id)))
        .fold(Outcome::NotMet, Outcome::or);
    d.contraindication(
        ctx.criterion(
            CriterionText::OnTreatment,
            Kind::Contraindication,
            continuous,
            ctx.value(Field::Current)
                .or_else(|| ctx.value(Field::Prior)),
            &[Field::Current, Field::Prior],
        ),
    );
    d.contraindication(ctx.criterion(
        CriterionText::ResectableActiveSurveillance,
        Kind::Contraindication,
        Outcome::from(Ctx::yes(ctx.p.resectable)),
        ctx.value(Field::Resectable),
        &[Field::Resectable],
    ));
    d.contraindication(ctx.criterion(
        CriterionText::TumourSymptoms,
        Kind::Contraindication,
        Outcome::from(Ctx::yes(ctx.p.tumour_symptoms)),
        ctx.value(Field::TumourSymptoms),
        &[Field::TumourSymptoms],
    ));
    d.prefer(Outcome::NotMet, "", &[]);
    d.note_if_eligible("surveillance.alternative");
}

/// Branch (b): NEC after a course of platinum–etoposide, stable (ENETS 2023).
fn after_platinum(ctx: &Ctx, d: &mut Draft) {
    d.indication(ctx.criterion(
        CriterionText::Nec,
        Kind::Indication,
        Outcome::Met,
        ctx.grade_value(),
        &[Field::Differentiation],
    ));
    d.indication(ctx.after_platinum());
    d.indication(stable(ctx, CriterionText::StableNec));
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
    d.contraindication(
        ctx.criterion(
            if maintenance {
                CriterionText::LaterLineInProgressMaintenance
            } else {
                CriterionText::LaterLineInProgressLaterLine
            },
            Kind::Contraindication,
            later,
            ctx.value(Field::Current)
                .or_else(|| ctx.value(Field::Prior)),
            &[Field::Current],
        ),
    );
    match OptionId::tagged(Tag::Platinum).find_map(|id| course(ctx, id)) {
        Some(Course::Finished) => {
            let stopped_later =
                OptionId::tagged(Tag::LaterNecLine).any(|id| ctx.p.had(id) == Some(true));
            if stopped_later {
                d.note("surveillance.after_stopped_line");
                d.prefer(Outcome::NotMet, "", &[]);
            } else {
                d.prefer(
                    Outcome::Met,
                    ctx.text(|| ctx.k.note("surveillance.after_course").text.into_owned()),
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
    d.indication(ctx.criterion(
        CriterionText::PoorPerformance,
        Kind::Indication,
        Outcome::from(poor).or(liver_branch),
        ctx.value(Field::Ecog),
        &[Field::Ecog, Field::LiverFunction],
    ));
    // Recommended at the worst ECOG without a syndrome and outside chemotherapy-naive NEC:
    // either may make the decline reversible (D-3).
    let worst = Outcome::from(ecog.map(|e| e >= perf.ecog_systemic_limit.value));
    let no_syndrome = Outcome::from(ctx.p.syndrome.map(|s| s == Syndrome::None));
    let naive_nec = match ctx.nec() {
        Outcome::Met => Outcome::from(ctx.had_platinum().map(|h| !h)),
        other => other,
    };
    let preferred = worst.and(no_syndrome).and(naive_nec.negate());
    d.prefer(
        preferred,
        ctx.preference(PreferenceText::BestSupportiveCareNoTreatmentFollows),
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
