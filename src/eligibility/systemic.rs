//! Systemic therapy: somatostatin analogues, targeted drugs, chemotherapy, PRRT and
//! immunotherapy (rules.md §4.3).

use super::approach::small_cell_lung;
use super::criteria::{Ctx, Forms, SyndromeForm};
use super::local::{heart, plan};
use super::outcome::{Draft, Kind, Outcome, Status};
use super::tempo::reason_to_treat;
use crate::grading::{Category, Thoracic};
use crate::knowledge::{number, CriterionText, PreferenceText};
use crate::model::{Field, OptionId, Primary, Progression, Sstr, Syndrome, Tag};

/// Progression alone: the trials of the targeted drugs enrolled progressive disease (W1).
const PROGRESSION: Forms = Forms {
    progression: true,
    syndrome: SyndromeForm::No,
    bulky: false,
    symptoms: false,
    netter2: None,
};

/// Progression, bulk, a syndrome or tumour symptoms: low-grade chemotherapy (ENETS 2016).
const TEMPO: Forms = Forms {
    progression: true,
    syndrome: SyndromeForm::Any,
    bulky: true,
    symptoms: true,
    netter2: None,
};

fn sstr_negative(ctx: &Ctx) -> Outcome {
    Outcome::from(ctx.p.sstr.map(|s| s == Sstr::Negative))
}

fn insulinoma(ctx: &Ctx) -> bool {
    ctx.p.syndrome == Some(Syndrome::Insulinoma)
}

pub(super) fn ssa<'k>(ctx: &Ctx<'k>) -> Draft<'k> {
    let t = &ctx.t().ssa;
    let max = &t.ki67_max;
    let mut d = Draft::new(OptionId::Ssa, ctx);
    d.indication(ctx.well_differentiated());
    d.indication(ctx.sstr_positive());
    let g3_max = &t.net_g3_ki67_max;
    d.contraindication(
        ctx.criterion(
            CriterionText::NetG3HighKi67,
            Kind::Contraindication,
            ctx.net_g3()
                .and(Outcome::from(ctx.p.ki67.map(|v| v > g3_max.value))),
            ctx.value(Field::Ki67),
            &[Field::Ki67, Field::Differentiation],
        ),
    );
    // D1: SSA can worsen hypoglycaemia in insulinoma, in every stage.
    if insulinoma(ctx) {
        d.cap("ssa.insulinoma");
    }
    // G1 counts as Ki-67 within the CLARINET range even when Ki-67 itself is not given.
    let within = if ctx.category() == Category::NetG1 {
        Outcome::Met
    } else {
        Outcome::from(ctx.ki67_at_most(max.value))
    };
    d.prefer(
        Outcome::from(ctx.low_grade()).and(within),
        ctx.preference(PreferenceText::SsaClarinet),
        &[Field::Ki67],
    );
    if ctx.p.ki67.is_some_and(|v| v > max.value) {
        d.note("ssa.ki67_high");
    }
    if ctx.thoracic() == Some(true) {
        d.note("ssa.spinet");
    }
    d
}

pub(super) fn everolimus<'k>(ctx: &Ctx<'k>) -> Draft<'k> {
    let t = &ctx.t().targeted;
    let mut d = Draft::new(OptionId::Everolimus, ctx);
    d.indication(ctx.well_differentiated());
    let extrapolated = ctx.primary_in(&t.everolimus_extrapolated_sites);
    let in_trials = ctx.primary_in(&t.everolimus_sites);
    d.indication(ctx.criterion(
        CriterionText::PrimarySite,
        Kind::Indication,
        Outcome::from(in_trials.zip(extrapolated).map(|(a, b)| a || b)),
        ctx.value(Field::Primary),
        &[Field::Primary],
    ));
    reason_to_treat(
        &mut d,
        ctx,
        Forms {
            syndrome: SyndromeForm::Insulinoma,
            ..PROGRESSION
        },
    );
    if extrapolated == Some(true) {
        d.cap("everolimus.extrapolated");
    }
    if ctx.p.syndrome == Some(Syndrome::Carcinoid) {
        d.cap("everolimus.carcinoid_syndrome");
    }
    if ctx.category() == Category::NetG3 {
        d.note("everolimus.net_g3");
    }
    if Ctx::impaired(ctx.p.liver_function) == Some(true) {
        d.note("everolimus.liver_dose");
    }
    let thoracic = ctx.thoracic() == Some(true);
    let atypical = match (thoracic, ctx.g.thoracic) {
        (true, Some(Thoracic::Atypical)) => Outcome::Met,
        (true, Some(Thoracic::Carcinoid)) => Outcome::Unknown,
        _ => Outcome::NotMet,
    };
    let progressive = Outcome::from(ctx.progressive());
    d.prefer(
        Outcome::from(ctx.low_grade())
            .and(sstr_negative(ctx))
            .and(progressive),
        ctx.preference(PreferenceText::EverolimusRadiant),
        &[Field::Sstr, Field::Progression],
    );
    // L8: mitoses and necrosis are asked only for thoracic primaries.
    d.prefer(
        atypical.and(progressive),
        ctx.preference(PreferenceText::EverolimusAtypicalCarcinoid),
        if thoracic {
            &[Field::Progression, Field::Mitoses, Field::Necrosis]
        } else {
            &[]
        },
    );
    if thoracic {
        d.note("everolimus.lung");
    }
    d
}

pub(super) fn sunitinib<'k>(ctx: &Ctx<'k>) -> Draft<'k> {
    let mut d = Draft::new(OptionId::Sunitinib, ctx);
    d.indication(ctx.well_differentiated());
    d.indication(ctx.primary_criterion(
        CriterionText::PancreaticPrimarySunitinib,
        &ctx.t().targeted.sunitinib_sites,
    ));
    reason_to_treat(&mut d, ctx, PROGRESSION);
    d.prefer(Outcome::NotMet, "", &[]);
    if ctx.p.sstr == Some(Sstr::Positive) && ctx.p.primary == Some(Primary::Pancreas) {
        d.note("sunitinib.oclurandom");
    }
    d
}

pub(super) fn surufatinib<'k>(ctx: &Ctx<'k>) -> Draft<'k> {
    let mut d = Draft::new(OptionId::Surufatinib, ctx);
    d.indication(ctx.well_differentiated());
    reason_to_treat(&mut d, ctx, PROGRESSION);
    d.prefer(Outcome::NotMet, "", &[]);
    d.note("surufatinib.approval");
    d
}

pub(super) fn cabozantinib<'k>(ctx: &Ctx<'k>) -> Draft<'k> {
    let mut d = Draft::new(OptionId::Cabozantinib, ctx);
    d.indication(ctx.well_differentiated());
    let listed = OptionId::tagged(Tag::CabozantinibPrior)
        .map(|id| Outcome::from(ctx.p.had(id)))
        .fold(Outcome::NotMet, Outcome::or);
    d.indication(ctx.criterion(
        CriterionText::PriorSystemicTherapy,
        Kind::Indication,
        listed,
        ctx.value(Field::Prior),
        &[Field::Prior],
    ));
    reason_to_treat(&mut d, ctx, PROGRESSION);
    d.prefer(Outcome::NotMet, "", &[]);
    d.note("cabozantinib.prior");
    d
}

pub(super) fn capecitabine_temozolomide<'k>(ctx: &Ctx<'k>) -> Draft<'k> {
    let c = &ctx.t().chemotherapy;
    let mut d = Draft::new(OptionId::CapecitabineTemozolomide, ctx);
    let after_platinum = Outcome::from(ctx.had_platinum());
    d.indication(ctx.criterion(
        CriterionText::WellDifferentiatedOrNecAfterPlatinum,
        Kind::Indication,
        ctx.well().or(ctx.nec().and(after_platinum)),
        ctx.grade_value(),
        &[Field::Differentiation, Field::Prior],
    ));
    // Low grade: P, B, S or T; NET G3 is treated at diagnosis; NEC after platinum: P (L17).
    match ctx.category() {
        Category::NetG1 | Category::NetG2 => reason_to_treat(&mut d, ctx, TEMPO),
        Category::Nec => reason_to_treat(&mut d, ctx, PROGRESSION),
        Category::NetG3 | Category::HighGrade => {}
    }
    let midgut = if ctx.low_grade() {
        Outcome::from(ctx.primary_in(&c.captem_not_standard_sites))
    } else {
        Outcome::NotMet
    };
    d.contraindication(ctx.criterion(
        CriterionText::LowGradeMidgut,
        Kind::Contraindication,
        midgut,
        ctx.value(Field::Primary),
        &[Field::Primary],
    ));
    let max = &c.captem_net_g3_ki67_max;
    d.prefer(
        ctx.net_g3()
            .and(Outcome::from(ctx.ki67_at_most(max.value)))
            .and(sstr_negative(ctx)),
        ctx.preference(PreferenceText::CapecitabineTemozolomideNetG3),
        &[Field::Ki67, Field::Sstr],
    );
    match ctx.category() {
        Category::NetG1 | Category::NetG2 => match ctx.p.primary {
            Some(Primary::Pancreas) => d.note("captem.pancreas"),
            Some(Primary::Lung | Primary::Thymus) => d.note("captem.thoracic"),
            Some(site) if c.captem_not_standard_sites.contains(site) => {
                d.note("captem.midgut");
            }
            Some(_) => d.note("captem.other_site"),
            None => {}
        },
        Category::NetG3 => d.note("captem.net_g3"),
        Category::Nec => d.note("captem.nec"),
        Category::HighGrade => {}
    }
    d.note_if_eligible("captem.mgmt");
    d
}

pub(super) fn streptozocin<'k>(ctx: &Ctx<'k>) -> Draft<'k> {
    let mut d = Draft::new(OptionId::Streptozocin, ctx);
    d.indication(ctx.primary_criterion(
        CriterionText::PancreaticPrimaryStreptozocin,
        &ctx.t().chemotherapy.streptozocin_sites,
    ));
    d.indication(ctx.low_grade_criterion());
    if ctx.low_grade() {
        reason_to_treat(&mut d, ctx, TEMPO);
    }
    d.prefer(Outcome::NotMet, "", &[]);
    d.note_if_eligible("streptozocin.response");
    d.note_if_eligible("streptozocin.seqtor");
    d
}

pub(super) fn platinum_etoposide<'k>(ctx: &Ctx<'k>) -> Draft<'k> {
    let c = &ctx.t().chemotherapy;
    let above = c.platinum_ki67_above.value;
    let mut d = Draft::new(OptionId::PlatinumEtoposide, ctx);
    let high_ki67 = Outcome::from(ctx.p.ki67.map(|v| v > above));
    d.indication(ctx.criterion(
        CriterionText::NecOrNetG3HighKi67,
        Kind::Indication,
        ctx.nec().or(ctx.net_g3().and(high_ki67)),
        ctx.grade_value(),
        &[Field::Differentiation, Field::Ki67],
    ));
    d.prefer(
        ctx.nec(),
        ctx.preference(PreferenceText::PlatinumEtoposideNec),
        &[Field::Differentiation],
    );
    match ctx.category() {
        Category::NetG3 => {
            if high_ki67 == Outcome::Met {
                d.note("platinum.net_g3_high");
            } else {
                d.note("platinum.net_g3_low");
            }
        }
        Category::Nec
            if ctx
                .p
                .ki67
                .is_some_and(|v| v < ctx.t().grade.ki67_nec_typical.value) =>
        {
            d.note("platinum.nec_low_ki67");
        }
        _ => {}
    }
    if small_cell_lung(ctx) {
        d.note_if_eligible("platinum.with_immunotherapy");
    }
    d
}

pub(super) fn nec_second_line<'k>(ctx: &Ctx<'k>) -> Draft<'k> {
    let mut d = Draft::new(OptionId::NecSecondLine, ctx);
    d.indication(ctx.criterion(
        CriterionText::Nec,
        Kind::Indication,
        ctx.nec(),
        ctx.grade_value(),
        &[Field::Differentiation],
    ));
    d.indication(ctx.after_platinum());
    reason_to_treat(&mut d, ctx, PROGRESSION);
    if ctx.p.progression == Some(Progression::Stable)
        && ctx.p.had(OptionId::NecSecondLine) != Some(true)
    {
        d.note("second_line.stable");
    }
    // W2: the second-line evidence is extrapulmonary; thoracic NEC is held at `consider`.
    let thoracic = ctx.thoracic();
    if thoracic == Some(true) {
        d.cap("second_line.thoracic");
    }
    d.prefer(
        Outcome::from(thoracic.map(|t| !t)),
        ctx.preference(PreferenceText::NecSecondLineExtrapulmonary),
        &[Field::Primary],
    );
    d
}

/// PRRT form F: the NETTER-2 first-line population (rules.md §4.3, W-1).
fn netter2(ctx: &Ctx) -> Outcome {
    let t = &ctx.t().prrt;
    let gep = Outcome::from(ctx.primary_in(&ctx.t().sites.gep));
    let ki67 = Outcome::from(
        ctx.p
            .ki67
            .map(|v| v >= t.netter2_ki67_from.value && v <= t.ki67_max.value),
    );
    // A systemic or liver-directed treatment listed rules F out, in `--current` too when
    // `--prior` is absent (rules.md §3.3, A-4).
    let treated = ctx
        .p
        .prior
        .iter()
        .chain(&ctx.p.current)
        .flatten()
        .any(|id| id.is(Tag::Antiproliferative) || id.is(Tag::LiverProcedure));
    if treated {
        return Outcome::NotMet;
    }
    if ctx.p.prior.is_none() {
        return gep.and(ki67).and(Outcome::Unknown);
    }
    let ssa = match (ctx.p.had(OptionId::Ssa), ctx.p.progression) {
        (Some(false), _) => Outcome::Met,
        (_, Some(Progression::Stable)) => Outcome::Met,
        (_, Some(Progression::Progressive)) => Outcome::NotMet,
        _ => Outcome::Unknown,
    };
    gep.and(ki67).and(ssa)
}

pub(super) fn prrt<'k>(ctx: &Ctx<'k>) -> Draft<'k> {
    let t = &ctx.t().prrt;
    let mut d = Draft::new(OptionId::Prrt, ctx);
    d.indication(ctx.well_differentiated());
    d.indication(ctx.sstr_positive());
    d.indication(ctx.criterion(
        CriterionText::Ki67Limit,
        Kind::Indication,
        Outcome::from(ctx.ki67_at_most(t.ki67_max.value)),
        ctx.shown(|| ctx.p.ki67.map(|v| format!("{} %", number(v)))),
        &[Field::Ki67],
    ));
    let f = netter2(ctx);
    reason_to_treat(
        &mut d,
        ctx,
        Forms {
            progression: true,
            syndrome: SyndromeForm::Any,
            bulky: false,
            symptoms: true,
            netter2: Some(f),
        },
    );
    d.contraindication(ctx.impaired_liver(CriterionText::ImpairedLiverFunctionPrrt));
    heart(ctx, &mut d);
    plan(ctx, &mut d);
    let had_ssa = ctx.p.had(OptionId::Ssa);
    let progressive = Outcome::from(ctx.progressive());
    let thoracic = ctx.thoracic() == Some(true);
    let netter1 = Outcome::from(ctx.low_grade())
        .and(Outcome::from(ctx.primary_in(&t.netter1_sites)))
        .and(Outcome::from(had_ssa))
        .and(progressive);
    d.prefer(
        netter1,
        ctx.preference(PreferenceText::PrrtNetter1),
        &[Field::Primary, Field::Prior, Field::Progression],
    );
    let untreated_by_ssa = Outcome::from(had_ssa.map(|h| !h));
    d.prefer(
        f.and(untreated_by_ssa),
        ctx.preference(PreferenceText::PrrtNetter2),
        &[Field::Primary, Field::Ki67, Field::Prior],
    );
    if f == Outcome::Met && had_ssa == Some(true) {
        d.note("prrt.netter2_after_ssa");
    }
    // The population the option opened for, when neither trial population fired (L11, W-5).
    if thoracic {
        d.note("prrt.thoracic");
    } else if progressive == Outcome::Met && netter1 != Outcome::Met {
        match ctx.category() {
            Category::NetG1 | Category::NetG2 => {
                d.note_if_eligible("prrt.compete");
                if ctx.p.primary == Some(Primary::Pancreas) {
                    d.note_if_eligible("prrt.oclurandom");
                }
            }
            Category::NetG3 => d.note_if_eligible("prrt.net_g3"),
            _ => {}
        }
    }
    if ctx
        .p
        .ki67
        .is_some_and(|v| v >= t.compose_ki67_from.value && v <= t.ki67_max.value)
    {
        d.note_if_eligible("prrt.compose");
    }
    // D-5: in insulinoma, the hypoglycaemia plan replaces the SSA washout and LAR lines.
    d.note_if_eligible(if insulinoma(ctx) {
        "prrt.insulinoma"
    } else {
        "prrt.washout"
    });
    if Ctx::yes(ctx.p.extrahepatic) == Some(true) {
        d.note_if_eligible("prrt.marrow");
    }
    d
}

pub(super) fn immunotherapy_trial<'k>(ctx: &Ctx<'k>, platinum: Option<Status>) -> Draft<'k> {
    let id = OptionId::ImmunotherapyTrial;
    let mut d = Draft::new(id, ctx);
    d.indication(ctx.criterion(
        CriterionText::HighGrade,
        Kind::Indication,
        Outcome::from(ctx.g.category.is_grade_3()),
        ctx.grade_value(),
        &[Field::Differentiation],
    ));
    let sclc = small_cell_lung(ctx);
    let stable = ctx.p.progression == Some(Progression::Stable);
    let given = ctx.p.had(id) == Some(true);
    // Continuation (§3.1, D-2): the ungated drug continues while stable, or stops for good.
    let mut maintenance = Outcome::NotMet;
    if stable && given {
        match ctx.p.is_current(id) {
            Some(true) if sclc && ctx.had_platinum() == Some(true) => {
                maintenance = Outcome::Met;
            }
            Some(true) => d.cap("tempo.continue"),
            Some(false) => {
                d.contraindication(ctx.criterion(
                    CriterionText::Stopped,
                    Kind::Contraindication,
                    Outcome::Met,
                    ctx.value(Field::Current),
                    &[Field::Current],
                ));
                d.note("tempo.stopped");
            }
            None => {
                d.cap("tempo.continue_if_given");
                d.missing(Field::Current);
            }
        }
    }
    d.prefer(
        maintenance,
        ctx.preference(PreferenceText::ImmunotherapyTrialMaintenance),
        &[],
    );
    if maintenance == Outcome::Met {
        d.note("immunotherapy.maintenance");
    }
    let first_line = sclc && !given && platinum == Some(Status::Recommended);
    d.prefer(
        Outcome::from(first_line),
        ctx.preference(PreferenceText::ImmunotherapyTrialFirstLine),
        &[],
    );
    let lung_nec = ctx.nec() == Outcome::Met && ctx.p.primary == Some(Primary::Lung);
    if sclc {
        d.note("immunotherapy.thoracic_nec");
    } else if lung_nec && ctx.p.differentiation == Some(crate::model::Differentiation::Poor) {
        d.note("immunotherapy.cell_type");
        d.missing(Field::Differentiation);
    } else if ctx.nec() == Outcome::Met {
        d.note("immunotherapy.nec_other");
    } else {
        d.note("immunotherapy.trial");
    }
    d
}
