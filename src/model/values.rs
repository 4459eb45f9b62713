//! The answers a patient can have: closed vocabularies with stable kebab-case names.

use clap::ValueEnum;
use serde::{Deserialize, Serialize};

/// Declares a closed vocabulary: the enum, its stable names, and parsing from text.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, ValueEnum, Serialize, Deserialize)]
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
    /// Morphology: well-differentiated NET or poorly differentiated carcinoma.
    Differentiation { Well => "well", Poor => "poor" }
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
    }
);

vocabulary!(
    /// Output formats of a single report.
    Format { Text => "text", Json => "json", Markdown => "markdown" }
);

vocabulary!(
    /// When to colour text output.
    ColorChoice { Auto => "auto", Always => "always", Never => "never" }
);

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

/// Other names for a treatment, accepted wherever option ids are (`--prior`, profiles, cohorts,
/// the questionnaire): drug and brand names, and common abbreviations. Lower case; a space in
/// what is typed counts as a hyphen.
pub const OPTION_ALIASES: &[(&str, OptionId)] = &[
    ("hepatectomy", OptionId::Resection),
    ("liver-resection", OptionId::Resection),
    ("rfa", OptionId::Ablation),
    ("mwa", OptionId::Ablation),
    ("liver-transplant", OptionId::Transplant),
    ("tae", OptionId::Tace),
    ("deb-tace", OptionId::Tace),
    ("chemoembolisation", OptionId::Tace),
    ("chemoembolization", OptionId::Tace),
    ("sirt", OptionId::Tare),
    ("y-90", OptionId::Tare),
    ("y90", OptionId::Tare),
    ("radioembolisation", OptionId::Tare),
    ("radioembolization", OptionId::Tare),
    ("octreotide", OptionId::Ssa),
    ("octreotide-lar", OptionId::Ssa),
    ("lanreotide", OptionId::Ssa),
    ("sandostatin", OptionId::Ssa),
    ("somatuline", OptionId::Ssa),
    ("afinitor", OptionId::Everolimus),
    ("sutent", OptionId::Sunitinib),
    ("sulfatinib", OptionId::Surufatinib),
    ("cabometyx", OptionId::Cabozantinib),
    ("captem", OptionId::CapecitabineTemozolomide),
    ("stz", OptionId::Streptozocin),
    ("streptozotocin", OptionId::Streptozocin),
    ("cisplatin-etoposide", OptionId::PlatinumEtoposide),
    ("carboplatin-etoposide", OptionId::PlatinumEtoposide),
    ("folfiri", OptionId::NecSecondLine),
    ("folfox", OptionId::NecSecondLine),
    ("177lu-dotatate", OptionId::Prrt),
    ("lu-177-dotatate", OptionId::Prrt),
    ("lutetium-dotatate", OptionId::Prrt),
    ("lutathera", OptionId::Prrt),
    ("177lu-edotreotide", OptionId::Prrt),
    ("xermelo", OptionId::Telotristat),
];

impl OptionId {
    /// Reads an option id or one of its other names (`OPTION_ALIASES`), ignoring case.
    pub fn from_name_or_alias(text: &str) -> Option<Self> {
        if let Some(id) = Self::parse(text) {
            return Some(id);
        }
        let typed = text.trim().to_lowercase().replace(' ', "-");
        OPTION_ALIASES
            .iter()
            .find(|(alias, _)| *alias == typed)
            .map(|(_, id)| *id)
    }

    /// This option's other names, for help texts and the questionnaire.
    pub fn aliases(self) -> impl Iterator<Item = &'static str> {
        OPTION_ALIASES
            .iter()
            .filter(move |(_, id)| *id == self)
            .map(|(alias, _)| *alias)
    }

    /// Drugs given continuously until progression: progression on one rules it out.
    pub fn is_continuous_drug(self) -> bool {
        matches!(
            self,
            Self::Everolimus
                | Self::Sunitinib
                | Self::Surufatinib
                | Self::Cabozantinib
                | Self::CapecitabineTemozolomide
                | Self::Streptozocin
                | Self::PlatinumEtoposide
                | Self::NecSecondLine
                | Self::ImmunotherapyTrial
        )
    }

    /// Treatments that can be repeated after progression, with a re-treatment note.
    pub fn is_repeatable(self) -> bool {
        matches!(
            self,
            Self::Resection | Self::Ablation | Self::Tace | Self::Tare | Self::Prrt
        )
    }

    /// Systemic anticancer therapy other than SSA (the CABINET/EU "prior therapy" and the
    /// NETTER-2 "untreated" test).
    pub fn is_non_ssa_systemic(self) -> bool {
        self.is_continuous_drug() || self == Self::Prrt
    }

    /// Antiproliferative drugs capped by poor performance status or after curative resection.
    pub fn is_antiproliferative(self) -> bool {
        self.is_non_ssa_systemic()
    }

    /// Cytotoxic chemotherapy, ruled out at the worst performance status.
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
