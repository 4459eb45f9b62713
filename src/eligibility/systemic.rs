//! Systemic therapy: somatostatin analogues, targeted drugs, chemotherapy, PRRT and
//! immunotherapy (rules.md §4, "Systemic therapy").

use super::criteria::Ctx;
use super::outcome::{Criterion, Draft, Kind, Outcome};
use crate::grading::{Category, Thoracic};
use crate::knowledge::{number, INSTITUTION};
use crate::model::{Field, OptionId, Primary, Sstr, Syndrome};

/// Prior systemic therapies other than SSA that open cabozantinib (CABINET; EU label).
const CABOZANTINIB_PRIOR: [OptionId; 7] = [
    OptionId::Everolimus,
    OptionId::Sunitinib,
    OptionId::Surufatinib,
    OptionId::CapecitabineTemozolomide,
    OptionId::Streptozocin,
    OptionId::PlatinumEtoposide,
    OptionId::Prrt,
];

fn sstr_negative(ctx: &Ctx) -> Outcome {
    Outcome::from(ctx.p.sstr.map(|s| s == Sstr::Negative))
}

fn prior_value(ctx: &Ctx) -> Option<String> {
    ctx.value(Field::Prior)
}

pub(super) fn ssa<'k>(ctx: &Ctx<'k>) -> Draft<'k> {
    let max = &ctx.t().ssa.ki67_max;
    let mut d = Draft::new(OptionId::Ssa, ctx);
    d.indication(ctx.well_differentiated());
    d.indication(ctx.sstr_positive());
    // G1 counts as Ki-67 within the CLARINET range even when Ki-67 itself is not given.
    let within = if ctx.category() == Category::NetG1 {
        Outcome::Met
    } else {
        Outcome::from(ctx.ki67_at_most(max.value))
    };
    d.prefer(
        Outcome::from(ctx.low_grade()).and(within),
        ctx.text(|| {
            format!(
                "low grade with Ki-67 at most {} % (CLARINET)",
                number(max.value)
            )
        }),
        &[Field::Ki67],
    );
    if ctx.p.ki67.is_some_and(|v| v > max.value) {
        d.note("ssa.ki67_high");
    }
    if ctx.g.category.is_grade_3() {
        d.correction("ssa_g3");
    }
    d
}

pub(super) fn everolimus<'k>(ctx: &Ctx<'k>) -> Draft<'k> {
    let t = &ctx.t().targeted;
    let mut d = Draft::new(OptionId::Everolimus, ctx);
    d.indication(ctx.well_differentiated());
    let extrapolated = ctx.primary_in(&t.everolimus_extrapolated_sites);
    let in_trials = ctx.primary_in(&t.everolimus_sites);
    d.indication(Criterion::new(
        "primary-site",
        Kind::Indication,
        if [&t.everolimus_sites, &t.everolimus_extrapolated_sites]
            .iter()
            .any(|set| set.source == INSTITUTION)
        {
            ctx.text(|| {
                format!(
                    "primary among {}, or extrapolated among {}",
                    t.everolimus_sites.sites.join(", "),
                    t.everolimus_extrapolated_sites.sites.join(", ")
                )
            })
        } else {
            "primary in the trial populations (pancreas, GI, lung, thymus, unknown; other extrapolated)"
                .into()
        },
        Outcome::from(in_trials.zip(extrapolated).map(|(a, b)| a || b)),
        ctx.value(Field::Primary),
        ctx.src(if t.everolimus_extrapolated_sites.source == INSTITUTION {
            INSTITUTION
        } else {
            &t.everolimus_sites.source
        }),
        &[Field::Primary],
    ));
    if extrapolated == Some(true) {
        d.cap("everolimus.extrapolated");
    }
    if ctx.p.syndrome == Some(Syndrome::Carcinoid) {
        d.cap("everolimus.carcinoid_syndrome");
    }
    if ctx.category() == Category::NetG3 {
        d.note("everolimus.net_g3");
    }
    let lung_atypical = match (ctx.p.primary, ctx.g.thoracic) {
        (Some(Primary::Lung), Some(Thoracic::Atypical)) => Outcome::Met,
        (Some(Primary::Lung), Some(Thoracic::Carcinoid)) => Outcome::Unknown,
        _ => Outcome::NotMet,
    };
    d.prefer(
        Outcome::from(ctx.low_grade())
            .and(sstr_negative(ctx))
            .and(Outcome::from(ctx.progressive()))
            .or(lung_atypical),
        "low grade, SSTR-negative and progressive, or a lung atypical carcinoid",
        // Typical vs atypical needs the mitotic count and necrosis (rules.md §1, lung).
        &[
            Field::Sstr,
            Field::Progression,
            Field::Mitoses,
            Field::Necrosis,
        ],
    );
    if ctx.thoracic() == Some(true) {
        d.note("everolimus.lung");
    }
    d.correction("everolimus_first_line");
    d
}

pub(super) fn sunitinib<'k>(ctx: &Ctx<'k>) -> Draft<'k> {
    let mut d = Draft::new(OptionId::Sunitinib, ctx);
    d.indication(ctx.well_differentiated());
    d.indication(ctx.primary_criterion(
        "pancreatic-primary",
        "pancreatic primary",
        &ctx.t().targeted.sunitinib_sites,
    ));
    d.prefer(Outcome::NotMet, "", &[]);
    d.correction("everolimus_first_line");
    d
}

pub(super) fn surufatinib<'k>(ctx: &Ctx<'k>) -> Draft<'k> {
    let mut d = Draft::new(OptionId::Surufatinib, ctx);
    d.indication(ctx.well_differentiated());
    d.prefer(Outcome::NotMet, "", &[]);
    d.note("surufatinib.approval");
    d.correction("surufatinib_name");
    d
}

pub(super) fn cabozantinib<'k>(ctx: &Ctx<'k>) -> Draft<'k> {
    let mut d = Draft::new(OptionId::Cabozantinib, ctx);
    d.indication(ctx.well_differentiated());
    let note = "cabozantinib.prior";
    d.indication(Criterion::new(
        "prior-systemic-therapy",
        Kind::Indication,
        "at least one prior systemic therapy other than SSA",
        Outcome::from(
            ctx.p
                .prior
                .as_ref()
                .map(|prior| CABOZANTINIB_PRIOR.iter().any(|id| prior.contains(id))),
        ),
        prior_value(ctx),
        ctx.k.note_source(note),
        &[Field::Prior],
    ));
    d.prefer(Outcome::NotMet, "", &[]);
    d.note(note);
    d
}

pub(super) fn capecitabine_temozolomide<'k>(ctx: &Ctx<'k>) -> Draft<'k> {
    let c = &ctx.t().chemotherapy;
    let mut d = Draft::new(OptionId::CapecitabineTemozolomide, ctx);
    let after_platinum = Outcome::from(ctx.p.had(OptionId::PlatinumEtoposide));
    d.indication(Criterion::new(
        "well-differentiated-or-nec-after-platinum",
        Kind::Indication,
        "well-differentiated NET, or NEC after platinum–etoposide",
        ctx.well().or(ctx.nec().and(after_platinum)),
        ctx.grade_value(),
        "S43c",
        &[Field::Differentiation, Field::Prior],
    ));
    let midgut = if ctx.low_grade() {
        Outcome::from(ctx.primary_in(&c.captem_not_standard_sites))
    } else {
        Outcome::NotMet
    };
    d.contraindication(Criterion::new(
        "low-grade-midgut",
        Kind::Contraindication,
        ctx.sites_text(
            "low-grade small-intestinal or appendiceal NET (not standard)",
            "low-grade NET, primary",
            &c.captem_not_standard_sites,
        ),
        midgut,
        ctx.value(Field::Primary),
        ctx.src(&c.captem_not_standard_sites.source),
        &[Field::Primary],
    ));
    let max = &c.captem_net_g3_ki67_max;
    d.prefer(
        ctx.net_g3()
            .and(Outcome::from(ctx.ki67_at_most(max.value)))
            .and(sstr_negative(ctx)),
        ctx.text(|| {
            format!(
                "NET G3 with Ki-67 at most {} % that is SSTR-negative",
                number(max.value)
            )
        }),
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
    d.correction("temozolomide_site");
    d
}

pub(super) fn streptozocin<'k>(ctx: &Ctx<'k>) -> Draft<'k> {
    let mut d = Draft::new(OptionId::Streptozocin, ctx);
    d.indication(ctx.primary_criterion(
        "pancreatic-primary",
        "pancreatic primary",
        &ctx.t().chemotherapy.streptozocin_sites,
    ));
    d.indication(ctx.low_grade_criterion());
    d.prefer(Outcome::NotMet, "", &[]);
    d.correction("streptozocin_site");
    d
}

pub(super) fn platinum_etoposide<'k>(ctx: &Ctx<'k>) -> Draft<'k> {
    let c = &ctx.t().chemotherapy;
    let above = c.platinum_ki67_above.value;
    let mut d = Draft::new(OptionId::PlatinumEtoposide, ctx);
    let high_ki67 = Outcome::from(ctx.p.ki67.map(|v| v > above));
    d.indication(Criterion::new(
        "nec-or-net-g3-high-ki67",
        Kind::Indication,
        ctx.text(|| format!("NEC, or NET G3 with Ki-67 above {} %", number(above))),
        ctx.nec().or(ctx.net_g3().and(high_ki67)),
        ctx.grade_value(),
        ctx.src(&c.platinum_ki67_above.source),
        &[Field::Differentiation, Field::Ki67],
    ));
    d.prefer(
        ctx.nec(),
        "NEC (whatever the Ki-67, ENETS 2023)",
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
    if ctx.g.category.is_grade_3() {
        d.correction("platinum_ki67");
    }
    d
}

pub(super) fn nec_second_line<'k>(ctx: &Ctx<'k>) -> Draft<'k> {
    let mut d = Draft::new(OptionId::NecSecondLine, ctx);
    d.indication(Criterion::new(
        "nec",
        Kind::Indication,
        "NEC",
        ctx.nec(),
        ctx.grade_value(),
        "S46",
        &[Field::Differentiation],
    ));
    d.indication(Criterion::new(
        "after-platinum",
        Kind::Indication,
        "platinum–etoposide already given",
        Outcome::from(ctx.p.had(OptionId::PlatinumEtoposide)),
        prior_value(ctx),
        "S46",
        &[Field::Prior],
    ));
    let progressive = ctx.progressive();
    d.indication(Criterion::new(
        "progressive",
        Kind::Indication,
        "progressive disease (stable: surveillance)",
        Outcome::from(progressive),
        ctx.value(Field::Progression),
        "S46",
        &[Field::Progression],
    ));
    if progressive == Some(false) {
        d.note("second_line.stable");
    }
    d.prefer(Outcome::Met, "", &[]);
    if ctx.g.category.is_grade_3() {
        d.correction("nec_second_line");
    }
    d
}

pub(super) fn prrt<'k>(ctx: &Ctx<'k>) -> Draft<'k> {
    let t = &ctx.t().prrt;
    let mut d = Draft::new(OptionId::Prrt, ctx);
    d.indication(ctx.well_differentiated());
    d.indication(ctx.sstr_positive());
    d.indication(Criterion::new(
        "ki67-limit",
        Kind::Indication,
        ctx.text(|| format!("Ki-67 at most {} %", number(t.ki67_max.value))),
        Outcome::from(ctx.ki67_at_most(t.ki67_max.value)),
        ctx.shown(|| ctx.p.ki67.map(|v| format!("{} %", number(v)))),
        ctx.src(&t.ki67_max.source),
        &[Field::Ki67],
    ));
    d.contraindication(ctx.impaired_liver("S56b"));
    d.contraindication(ctx.poor_performance());
    let netter1 = Outcome::from(ctx.low_grade())
        .and(Outcome::from(ctx.primary_in(&t.netter1_sites)))
        .and(Outcome::from(ctx.p.had(OptionId::Ssa)))
        .and(Outcome::from(ctx.progressive()));
    let untreated = Outcome::from(
        ctx.p
            .prior
            .as_ref()
            .map(|prior| !prior.iter().any(|id| id.is_non_ssa_systemic())),
    );
    let netter2 = Outcome::from(ctx.primary_in(&ctx.t().sites.gep))
        .and(Outcome::from(ctx.p.ki67.map(|v| {
            v >= t.netter2_ki67_from.value && v <= t.ki67_max.value
        })))
        .and(untreated);
    let thoracic = ctx.thoracic() == Some(true);
    let preferred = if thoracic {
        Outcome::NotMet
    } else {
        netter1.or(netter2)
    };
    d.prefer(
        preferred,
        ctx.text(|| {
            let (from, max) = (number(t.netter2_ki67_from.value), number(t.ki67_max.value));
            let (netter1, gep) = (&t.netter1_sites, &ctx.t().sites.gep);
            if netter1.source == INSTITUTION || gep.source == INSTITUTION {
                // Site lists an institution changed are named as they are in force.
                format!(
                    "NETTER-1 (low-grade NET of {} progressing on SSA) or NETTER-2 ({}, Ki-67 {from}–{max} %, no systemic therapy but SSA; site lists as in the institution file)",
                    netter1.sites.join(", "),
                    gep.sites.join(", ")
                )
            } else {
                format!(
                    "NETTER-1 (low-grade small-intestinal NET progressing on SSA) or NETTER-2 (GEP, Ki-67 {from}–{max} %, no systemic therapy but SSA)"
                )
            }
        }),
        &[Field::Primary, Field::Prior, Field::Progression, Field::Ki67],
    );
    if thoracic {
        d.note("prrt.thoracic");
    } else if ctx.p.prior.is_none() && preferred == Outcome::Unknown {
        d.note("prrt.first_line");
    }
    d.correction("prrt_chemotherapy");
    d
}

pub(super) fn immunotherapy_trial<'k>(ctx: &Ctx<'k>) -> Draft<'k> {
    let mut d = Draft::new(OptionId::ImmunotherapyTrial, ctx);
    d.indication(Criterion::new(
        "high-grade",
        Kind::Indication,
        "NEC or NET G3 (low grade: outside a trial only)",
        Outcome::from(ctx.g.category.is_grade_3()),
        ctx.grade_value(),
        "S49",
        &[Field::Differentiation],
    ));
    let thoracic = Outcome::from(ctx.thoracic());
    d.prefer(
        ctx.nec().and(thoracic),
        "lung or thymic NEC (standard first line there)",
        &[Field::Differentiation, Field::Primary],
    );
    if ctx.nec() != Outcome::NotMet && thoracic == Outcome::Met {
        d.note("immunotherapy.thoracic_nec");
    } else {
        d.note("immunotherapy.trial");
    }
    d
}
