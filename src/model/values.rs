//! The answers a patient can have: closed vocabularies with stable kebab-case names.

use clap::ValueEnum;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Declares a closed vocabulary: the enum, its stable names, and parsing from text.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, ValueEnum, Serialize, Deserialize, JsonSchema)]
        #[serde(rename_all = "kebab-case")]
        pub enum $name {
            $($(#[$vmeta])* #[value(name = $text)] $variant),+
        }

        impl $name {
            /// Every value, in the order the contract lists them.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The stable name used in flags, files and JSON.
            pub fn name(self) -> &'static str {
                match self { $(Self::$variant => $text),+ }
            }

            /// Parses a name, ignoring case and surrounding space.
            pub fn parse(text: &str) -> Option<Self> {
                let text = text.trim();
                Self::ALL.iter().copied().find(|v| v.name().eq_ignore_ascii_case(text))
            }

            /// The valid names, for messages: `a, b, c`.
            pub fn choices() -> String {
                Self::ALL.iter().map(|v| v.name()).collect::<Vec<_>>().join(", ")
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.name())
            }
        }
    };
}

vocabulary!(
    /// Morphology: well-differentiated NET, or poorly differentiated carcinoma (`poor`: cell type
    /// not given; `small-cell` / `large-cell`: carcinoma of that cell type).
    Differentiation {
        Well => "well",
        Poor => "poor",
        SmallCell => "small-cell",
        LargeCell => "large-cell",
    }
);

vocabulary!(
    /// Primary site of the tumour.
    Primary {
        Pancreas => "pancreas",
        Stomach => "stomach",
        Duodenum => "duodenum",
        SmallIntestine => "small-intestine",
        Appendix => "appendix",
        Colon => "colon",
        Rectum => "rectum",
        Lung => "lung",
        Thymus => "thymus",
        Other => "other",
        /// The primary site is unknown (cancer of unknown primary), not unanswered.
        Unknown => "unknown",
    }
);

vocabulary!(
    /// A yes/no answer.
    YesNo { Yes => "yes", No => "no" }
);

vocabulary!(
    /// Frilling pattern of liver metastases.
    Pattern { Simple => "simple", Complex => "complex", Diffuse => "diffuse" }
);

vocabulary!(
    /// Somatostatin-receptor imaging result.
    Sstr { Positive => "positive", Negative => "negative" }
);

vocabulary!(
    /// Hormonal syndrome.
    Syndrome {
        None => "none",
        Carcinoid => "carcinoid",
        Insulinoma => "insulinoma",
        Gastrinoma => "gastrinoma",
        Glucagonoma => "glucagonoma",
        Vipoma => "vipoma",
        Other => "other",
    }
);

vocabulary!(
    /// Course on imaging over the last 6–12 months.
    Progression { Stable => "stable", Progressive => "progressive" }
);

vocabulary!(
    /// Bilirubin and synthetic liver function.
    LiverFunction { Normal => "normal", Impaired => "impaired" }
);

vocabulary!(
    /// Carcinoid heart disease on echocardiography (severe = moderate or severe right-sided valve
    /// disease, or right heart failure).
    HeartDisease { None => "none", Mild => "mild", Severe => "severe" }
);

vocabulary!(
    /// Every treatment option, with the stable id used in JSON, `--prior` and files.
    OptionId {
        Resection => "resection",
        Ablation => "ablation",
        Transplant => "transplant",
        Tace => "tace",
        Tare => "tare",
        Ssa => "ssa",
        Everolimus => "everolimus",
        Sunitinib => "sunitinib",
        Surufatinib => "surufatinib",
        Cabozantinib => "cabozantinib",
        CapecitabineTemozolomide => "capecitabine-temozolomide",
        Streptozocin => "streptozocin",
        PlatinumEtoposide => "platinum-etoposide",
        NecSecondLine => "nec-second-line",
        Prrt => "prrt",
        ImmunotherapyTrial => "immunotherapy-trial",
        Telotristat => "telotristat",
        Diazoxide => "diazoxide",
        Ppi => "ppi",
        // Added with the approach stage: listed last so that cohort table columns keep their
        // places.
        ActiveSurveillance => "active-surveillance",
        BestSupportiveCare => "best-supportive-care",
    }
);

vocabulary!(
    /// Output formats of a single report.
    Format { Text => "text", Json => "json", Markdown => "markdown", Fhir => "fhir" }
);

vocabulary!(
    /// When to colour text output.
    ColorChoice { Auto => "auto", Always => "always", Never => "never" }
);

impl Differentiation {
    /// Poorly differentiated carcinoma, whatever the cell type.
    pub fn is_poor(self) -> bool {
        self != Self::Well
    }
}

impl YesNo {
    pub fn is_yes(self) -> bool {
        self == Self::Yes
    }
}

impl From<bool> for YesNo {
    fn from(yes: bool) -> Self {
        if yes {
            Self::Yes
        } else {
            Self::No
        }
    }
}

impl OptionId {
    /// Reads an option id or one of its other names (`model::aliases`), ignoring case.
    pub fn from_name_or_alias(text: &str) -> Option<Self> {
        Self::parse(text).or_else(|| super::aliases::option(text))
    }

    /// This option's other names, for help texts and the questionnaire.
    pub fn aliases(self) -> impl Iterator<Item = &'static str> {
        super::aliases::OPTION_ALIASES
            .iter()
            .filter(move |(_, id)| *id == self)
            .map(|(alias, _)| *alias)
    }

    /// Whether the id names a treatment that can be given (`--prior`, `--current`): the
    /// approach options are not treatments (rules.md §3.3, A-15).
    pub fn is_treatment(self) -> bool {
        !matches!(self, Self::ActiveSurveillance | Self::BestSupportiveCare)
    }

    /// The treatment ids, for messages: `a, b, c`.
    pub fn treatment_choices() -> String {
        Self::ALL
            .iter()
            .filter(|id| id.is_treatment())
            .map(|id| id.name())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Drugs given continuously until progression (rules.md §3.3): progression on one rules it
    /// out; stable on one, it is continued rather than switched.
    pub fn is_continuous_drug(self) -> bool {
        matches!(
            self,
            Self::Everolimus
                | Self::Sunitinib
                | Self::Surufatinib
                | Self::Cabozantinib
                | Self::CapecitabineTemozolomide
                | Self::Streptozocin
                | Self::NecSecondLine
                | Self::ImmunotherapyTrial
        )
    }

    /// Fixed-duration courses (platinum–etoposide 4–6 cycles, PRRT 4 cycles): finished, under
    /// way or of unknown state (rules.md §3.3).
    pub fn is_fixed_course(self) -> bool {
        matches!(self, Self::PlatinumEtoposide | Self::Prrt)
    }

    /// Procedures that can be repeated after progression, with a re-treatment note.
    pub fn is_repeatable(self) -> bool {
        matches!(
            self,
            Self::Resection | Self::Ablation | Self::Tace | Self::Tare
        )
    }

    /// Systemic anticancer therapy other than SSA (the NETTER-2 "no systemic therapy but SSA"
    /// test and the line of therapy).
    pub fn is_non_ssa_systemic(self) -> bool {
        self.is_continuous_drug() || self.is_fixed_course()
    }

    /// Antiproliferative options closed at `performance.ecog_systemic_limit` (rules.md §3.2);
    /// systemic `ssa` and `active-surveillance` are handled with them there.
    pub fn is_antiproliferative(self) -> bool {
        self.is_non_ssa_systemic()
    }

    /// Cytotoxic chemotherapy (rules.md §3.2, A-6).
    pub fn is_cytotoxic(self) -> bool {
        matches!(
            self,
            Self::CapecitabineTemozolomide
                | Self::Streptozocin
                | Self::PlatinumEtoposide
                | Self::NecSecondLine
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::aliases::OPTION_ALIASES;

    #[test]
    fn aliases_are_lower_case_unique_and_never_an_id() {
        for (i, (alias, _)) in OPTION_ALIASES.iter().enumerate() {
            assert_eq!(*alias, alias.to_lowercase(), "{alias}");
            assert!(!alias.contains(' '), "{alias}");
            assert!(OptionId::parse(alias).is_none(), "{alias} is an id");
            assert!(
                OPTION_ALIASES[..i].iter().all(|(a, _)| a != alias),
                "{alias} twice"
            );
        }
    }

    #[test]
    fn drug_names_read_as_their_option() {
        for (typed, id) in [
            ("Octreotide", OptionId::Ssa),
            ("lanreotide", OptionId::Ssa),
            ("177Lu-DOTATATE", OptionId::Prrt),
            ("177Lu DOTATATE", OptionId::Prrt),
            ("CAPTEM", OptionId::CapecitabineTemozolomide),
            ("prrt", OptionId::Prrt),
        ] {
            assert_eq!(OptionId::from_name_or_alias(typed), Some(id), "{typed}");
        }
        assert_eq!(OptionId::from_name_or_alias("chemo"), None);
    }
}
