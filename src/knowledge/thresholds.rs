//! The typed thresholds of data/thresholds.toml: every number and site list a rule compares with.

use crate::model::Primary;
use serde::Deserialize;

/// A number a rule compares with, and where it comes from.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Threshold {
    pub value: f64,
    pub unit: String,
    pub source: String,
    pub note: String,
}

/// A set of primary sites a rule tests membership of.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteSet {
    pub sites: Vec<Primary>,
    pub source: String,
    pub note: String,
}

impl SiteSet {
    pub fn contains(&self, site: Primary) -> bool {
        self.sites.contains(&site)
    }
}

macro_rules! section {
    ($name:ident { $($field:ident : $ty:ty),+ $(,)? }) => {
        #[derive(Debug, Clone, PartialEq, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name { $(pub $field: $ty),+ }
    };
}

section!(Grade {
    ki67_g2_from: Threshold,
    ki67_g3_above: Threshold,
    mitoses_g2_from: Threshold,
    mitoses_g3_above: Threshold,
    ki67_fraction_below: Threshold,
    ki67_nec_typical: Threshold,
});
section!(Lung {
    mitoses_atypical_from: Threshold,
    mitoses_carcinoma_above: Threshold,
});
section!(Performance {
    ecog_limit: Threshold,
    ecog_cytotoxic_limit: Threshold,
});
section!(Ablation {
    max_cm: Threshold,
    reliable_cm: Threshold,
    adjunct_only_lesions_above: Threshold,
});
section!(Transplant {
    ki67_milan_below: Threshold,
    liver_burden_max: Threshold,
    stable_months_min: Threshold,
    age_milan_max: Threshold,
    age_limit: Threshold,
    portal_drained: SiteSet,
});
section!(Embolisation {
    liver_burden_limit: Threshold,
    liver_burden_preferred_from: Threshold,
});
section!(Ssa {
    ki67_max: Threshold
});
section!(Prrt {
    ki67_max: Threshold,
    netter2_ki67_from: Threshold,
    netter1_sites: SiteSet,
});
section!(Chemotherapy {
    platinum_ki67_above: Threshold,
    captem_net_g3_ki67_max: Threshold,
    captem_not_standard_sites: SiteSet,
    streptozocin_sites: SiteSet,
});
section!(Targeted {
    sunitinib_sites: SiteSet,
    everolimus_sites: SiteSet,
    everolimus_extrapolated_sites: SiteSet,
});
section!(Sites {
    gep: SiteSet,
    thoracic: SiteSet,
    whipple_likely: SiteSet,
});
section!(Imaging {
    fdg_pet_ki67_from: Threshold
});
section!(Symptoms {
    telotristat_stools_from: Threshold
});

/// All of data/thresholds.toml.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Thresholds {
    pub grade: Grade,
    pub lung: Lung,
    pub performance: Performance,
    pub ablation: Ablation,
    pub transplant: Transplant,
    pub embolisation: Embolisation,
    pub ssa: Ssa,
    pub prrt: Prrt,
    pub chemotherapy: Chemotherapy,
    pub targeted: Targeted,
    pub sites: Sites,
    pub imaging: Imaging,
    pub symptoms: Symptoms,
}

impl Thresholds {
    /// Pairs that must stay strictly ordered (lower, higher), whatever an institution overrides.
    pub fn ordered_pairs(&self) -> [(&'static str, f64, &'static str, f64); 8] {
        [
            (
                "grade.ki67_g2_from",
                self.grade.ki67_g2_from.value,
                "grade.ki67_g3_above",
                self.grade.ki67_g3_above.value,
            ),
            (
                "grade.mitoses_g2_from",
                self.grade.mitoses_g2_from.value,
                "grade.mitoses_g3_above",
                self.grade.mitoses_g3_above.value,
            ),
            (
                "lung.mitoses_atypical_from",
                self.lung.mitoses_atypical_from.value,
                "lung.mitoses_carcinoma_above",
                self.lung.mitoses_carcinoma_above.value,
            ),
            (
                "ablation.reliable_cm",
                self.ablation.reliable_cm.value,
                "ablation.max_cm",
                self.ablation.max_cm.value,
            ),
            (
                "transplant.age_milan_max",
                self.transplant.age_milan_max.value,
                "transplant.age_limit",
                self.transplant.age_limit.value,
            ),
            (
                "embolisation.liver_burden_preferred_from",
                self.embolisation.liver_burden_preferred_from.value,
                "embolisation.liver_burden_limit",
                self.embolisation.liver_burden_limit.value,
            ),
            (
                "prrt.netter2_ki67_from",
                self.prrt.netter2_ki67_from.value,
                "prrt.ki67_max",
                self.prrt.ki67_max.value,
            ),
            (
                "performance.ecog_limit",
                self.performance.ecog_limit.value,
                "performance.ecog_cytotoxic_limit",
                self.performance.ecog_cytotoxic_limit.value,
            ),
        ]
    }
}
