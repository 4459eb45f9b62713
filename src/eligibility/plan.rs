//! The peri-procedural plan (rules.md §4.7): chosen by syndrome and site, it replaces the one
//! carcinoid-crisis warning for everyone. Rows are read top-down; the first match wins.

use crate::grading::{Category, Grade};
use crate::knowledge::Knowledge;
use crate::model::{Patient, Syndrome};

/// The note id (data/notes.toml, `[plan]`) of the plan for this patient, or `None` where there
/// is none: NEC, or no syndrome with a primary outside `crisis.sites`. Shown on resection,
/// ablation, transplant, embolisation and PRRT while they are not ruled out, and once under the
/// warnings.
pub fn procedure_plan(p: &Patient, g: &Grade, k: &Knowledge) -> Option<&'static str> {
    // A well-differentiated NET, or G3 of unknown differentiation, counts for crisis risk.
    let net_or_high_grade = g.category != Category::Nec;
    let crisis_site = p.primary.map(|s| k.thresholds.crisis.sites.contains(s));
    match p.syndrome {
        Some(Syndrome::Carcinoid) => Some("plan.carcinoid_crisis"),
        Some(Syndrome::None) | None if net_or_high_grade && crisis_site == Some(true) => {
            Some("plan.carcinoid_crisis")
        }
        Some(Syndrome::None) if net_or_high_grade && crisis_site.is_none() => {
            Some("plan.carcinoid_crisis_primary_not_given")
        }
        Some(Syndrome::Insulinoma) => Some("plan.insulinoma"),
        Some(Syndrome::Gastrinoma) => Some("plan.gastrinoma"),
        Some(Syndrome::Vipoma) => Some("plan.vipoma"),
        Some(Syndrome::Glucagonoma) => Some("plan.glucagonoma"),
        Some(Syndrome::Other) => Some("plan.other"),
        // NEC, or no syndrome with a primary outside the crisis sites: no plan (L5).
        Some(Syndrome::None) => None,
        None if !net_or_high_grade => None,
        None => Some("plan.syndrome_not_recorded"),
    }
}

/// Whether carcinoid heart disease matters for this patient ("CHD-relevant", rules.md §3, A-9):
/// carcinoid syndrome, or the syndrome not given with a primary in `crisis.sites`.
pub fn carcinoid_heart_disease_relevant(p: &Patient, k: &Knowledge) -> bool {
    match p.syndrome {
        Some(Syndrome::Carcinoid) => true,
        Some(_) => false,
        None => p
            .primary
            .is_some_and(|s| k.thresholds.crisis.sites.contains(s)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Field;
    use crate::pathway::testing::patient;

    fn plan(answers: &[(Field, &str)]) -> Option<&'static str> {
        let k = Knowledge::builtin().unwrap();
        let p = patient(answers);
        let g = crate::grading::grade(&p, &k).unwrap();
        procedure_plan(&p, &g, &k)
    }

    /// Every row of rules.md §4.7, read top-down, with the grades it names.
    #[test]
    fn each_row_of_the_plan_table() {
        use Field::{Differentiation as D, Ki67, Primary as P, Syndrome as S};
        let net = [(D, "well"), (Ki67, "5")];
        let high_grade = [(Ki67, "40")];
        let nec = [(D, "poor"), (Ki67, "80")];
        let with = |grade: &[(Field, &'static str)], more: &[(Field, &'static str)]| {
            plan(&[grade, more].concat())
        };
        let crisis = Some("plan.carcinoid_crisis");
        // Row 1: carcinoid syndrome, whatever the site; or a crisis-prone primary with no
        // syndrome (none or not given), NET or high-grade.
        assert_eq!(with(&net, &[(S, "carcinoid"), (P, "pancreas")]), crisis);
        assert_eq!(with(&net, &[(S, "none"), (P, "small-intestine")]), crisis);
        assert_eq!(with(&net, &[(P, "appendix")]), crisis);
        assert_eq!(with(&high_grade, &[(S, "none"), (P, "lung")]), crisis);
        assert_eq!(with(&net, &[(S, "none"), (P, "unknown")]), crisis);
        assert_eq!(
            with(&net, &[(S, "none")]),
            Some("plan.carcinoid_crisis_primary_not_given")
        );
        // Rows 2–6: the syndrome's own plan.
        for (syndrome, id) in [
            ("insulinoma", "plan.insulinoma"),
            ("gastrinoma", "plan.gastrinoma"),
            ("vipoma", "plan.vipoma"),
            ("glucagonoma", "plan.glucagonoma"),
            ("other", "plan.other"),
        ] {
            assert_eq!(
                with(&net, &[(S, syndrome), (P, "small-intestine")]),
                Some(id),
                "{syndrome}"
            );
            assert_eq!(with(&nec, &[(S, syndrome)]), Some(id), "{syndrome}, NEC");
        }
        // Row 7: NEC without a syndrome, or no syndrome outside the crisis sites: no plan.
        assert_eq!(with(&nec, &[(S, "none"), (P, "small-intestine")]), None);
        assert_eq!(with(&nec, &[(P, "small-intestine")]), None);
        assert_eq!(with(&nec, &[]), None);
        assert_eq!(with(&net, &[(S, "none"), (P, "pancreas")]), None);
        // Row 8: syndrome not given, no row above: record it.
        let record = Some("plan.syndrome_not_recorded");
        assert_eq!(with(&net, &[(P, "pancreas")]), record);
        assert_eq!(with(&net, &[]), record);
        assert_eq!(with(&high_grade, &[(P, "rectum")]), record);
    }

    #[test]
    fn carcinoid_heart_disease_matters_with_the_syndrome_or_a_crisis_site_when_not_given() {
        let k = Knowledge::builtin().unwrap();
        for (answers, relevant) in [
            (
                &[(Field::Syndrome, "carcinoid"), (Field::Primary, "pancreas")][..],
                true,
            ),
            (&[(Field::Syndrome, "carcinoid")][..], true),
            (&[(Field::Primary, "small-intestine")][..], true),
            (&[(Field::Primary, "unknown")][..], true),
            (&[(Field::Primary, "pancreas")][..], false),
            (&[][..], false),
            (
                &[
                    (Field::Syndrome, "none"),
                    (Field::Primary, "small-intestine"),
                ][..],
                false,
            ),
            (
                &[
                    (Field::Syndrome, "insulinoma"),
                    (Field::Primary, "small-intestine"),
                ][..],
                false,
            ),
        ] {
            assert_eq!(
                carcinoid_heart_disease_relevant(&patient(answers), &k),
                relevant,
                "{answers:?}"
            );
        }
    }

    #[test]
    fn the_crisis_sites_are_read_from_the_knowledge_in_force() {
        let k = Knowledge::with_overrides(
            "site.toml",
            "[crisis]\nsites = [\"small-intestine\", \"pancreas\"]\n",
        )
        .unwrap();
        let p = patient(&[
            (Field::Differentiation, "well"),
            (Field::Ki67, "5"),
            (Field::Syndrome, "none"),
            (Field::Primary, "pancreas"),
        ]);
        let g = crate::grading::grade(&p, &k).unwrap();
        assert_eq!(procedure_plan(&p, &g, &k), Some("plan.carcinoid_crisis"));
    }
}
