//! The seed corrections that bear on this patient (rules.md §6, L3): each correction's `when`
//! (data/corrections.toml) read against the grade, the primary and the options' statuses.

use super::{eligible, not_ruled_out, StatusOf};
use crate::grading::Grade;
use crate::knowledge::when::Atom;
use crate::knowledge::{Correction, Knowledge};
use crate::model::Patient;

pub(super) fn bearing_on(
    p: &Patient,
    g: &Grade,
    k: &Knowledge,
    status: &StatusOf,
) -> Vec<Correction> {
    let holds = |atom: Atom| match atom {
        Atom::Eligible(id) => eligible(status, id),
        Atom::NotRuledOut(id) => not_ruled_out(status, id),
        Atom::Category(c) => g.category == c,
        Atom::Primary(site) => p.primary == Some(site),
    };
    k.correction_rules()
        .filter(|(_, when)| when.holds(holds))
        .filter_map(|(id, _)| k.correction(id))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::testing::{patient, statuses as given};
    use super::*;
    use crate::eligibility::Status;
    use crate::model::{Field, OptionId};

    fn shown(answers: &[(Field, &str)], statuses: &[(OptionId, Status)]) -> Vec<&'static str> {
        let k = Knowledge::builtin().unwrap();
        let p = patient(answers);
        let g = crate::grading::grade(&p, &k).unwrap();
        bearing_on(&p, &g, &k, &given(statuses))
            .into_iter()
            .map(|c| c.id)
            .collect()
    }

    type Answers<'a> = &'a [(Field, &'a str)];
    /// (patient, statuses given, correction id, shown)
    type Case<'a> = (Answers<'a>, &'a [(OptionId, Status)], &'a str, bool);

    /// The mapping of rules.md §6 ("Seed corrections"): each correction only where its option
    /// is not ruled out, or where the grade or site concerns it.
    #[test]
    fn each_correction_only_where_it_bears_on_the_patient() {
        use OptionId as O;
        use Status::{Consider, NotRecommended, Recommended, Undetermined};
        let low: &[(Field, &str)] = &[
            (Field::Differentiation, "well"),
            (Field::Ki67, "5"),
            (Field::Primary, "small-intestine"),
        ];
        let net_g3: &[(Field, &str)] = &[(Field::Differentiation, "well"), (Field::Ki67, "30")];
        let nec: &[(Field, &str)] = &[(Field::Differentiation, "poor"), (Field::Ki67, "80")];
        let pancreas: &[(Field, &str)] = &[
            (Field::Differentiation, "well"),
            (Field::Ki67, "5"),
            (Field::Primary, "pancreas"),
        ];
        // (patient, statuses, correction, shown)
        let cases: &[Case] = &[
            (low, &[(O::Surufatinib, Consider)], "surufatinib_name", true),
            (
                low,
                &[(O::Surufatinib, NotRecommended)],
                "surufatinib_name",
                false,
            ),
            (
                low,
                &[(O::Surufatinib, Undetermined)],
                "surufatinib_name",
                false,
            ),
            (
                low,
                &[(O::Transplant, Undetermined)],
                "transplant_age",
                true,
            ),
            (
                low,
                &[(O::Transplant, Consider)],
                "transplant_survival",
                true,
            ),
            (
                low,
                &[(O::Transplant, NotRecommended)],
                "transplant_age",
                false,
            ),
            (
                low,
                &[(O::Transplant, NotRecommended)],
                "transplant_survival",
                false,
            ),
            (low, &[(O::Tace, Recommended)], "tace_figures", true),
            (low, &[(O::Tace, NotRecommended)], "tace_figures", false),
            (low, &[(O::Ablation, Consider)], "ablation_size", true),
            (
                low,
                &[(O::Ablation, NotRecommended)],
                "ablation_size",
                false,
            ),
            (net_g3, &[(O::Ssa, Consider)], "ssa_g3", true),
            (net_g3, &[(O::Ssa, NotRecommended)], "ssa_g3", false),
            (low, &[(O::Ssa, Recommended)], "ssa_g3", false),
            (
                pancreas,
                &[(O::Streptozocin, NotRecommended)],
                "streptozocin_site",
                true,
            ),
            (
                low,
                &[(O::Streptozocin, NotRecommended)],
                "streptozocin_site",
                false,
            ),
            (
                low,
                &[(O::CapecitabineTemozolomide, Consider)],
                "temozolomide_site",
                true,
            ),
            (
                low,
                &[(O::CapecitabineTemozolomide, NotRecommended)],
                "temozolomide_site",
                false,
            ),
            (nec, &[], "platinum_ki67", true),
            (net_g3, &[], "platinum_ki67", true),
            (
                low,
                &[(O::PlatinumEtoposide, Consider)],
                "platinum_ki67",
                false,
            ),
            (nec, &[], "nec_second_line", true),
            (net_g3, &[], "nec_second_line", false),
            (
                low,
                &[(O::Everolimus, Consider)],
                "everolimus_first_line",
                true,
            ),
            (
                low,
                &[(O::Everolimus, NotRecommended)],
                "everolimus_first_line",
                false,
            ),
            (low, &[(O::Prrt, Recommended)], "prrt_chemotherapy", true),
            (
                low,
                &[(O::Prrt, NotRecommended)],
                "prrt_chemotherapy",
                false,
            ),
            (net_g3, &[], "g3_is_not_nec", true),
            (nec, &[], "systemic_essential", true),
            (low, &[], "g3_is_not_nec", false),
            (low, &[], "systemic_essential", false),
        ];
        let mut failures = Vec::new();
        for (patient, statuses, id, expected) in cases {
            let list = shown(patient, statuses);
            if list.contains(id) != *expected {
                failures.push(format!(
                    "{id} shown should be {expected}: {statuses:?} → {list:?}"
                ));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn corrections_follow_the_order_of_the_seed_table() {
        use OptionId as O;
        let list = shown(
            &[(Field::Differentiation, "well"), (Field::Ki67, "30")],
            &[(O::Tace, Status::Consider), (O::Ssa, Status::Consider)],
        );
        assert_eq!(
            list,
            [
                "g3_is_not_nec",
                "tace_figures",
                "systemic_essential",
                "ssa_g3",
                "platinum_ki67"
            ]
        );
    }
}
