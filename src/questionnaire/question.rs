//! Each question in the clinician's words: its label, and whether it is a choice or typed.

use crate::model::{
    Differentiation, Field, HeartDisease, LiverFunction, Pattern, Primary, Progression, Sstr,
    Syndrome, YesNo,
};

/// How a field is answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// One of a closed vocabulary (the stable names).
    Choice(Vec<&'static str>),
    /// Typed text, validated like a flag.
    Typed,
}

/// The sections, in the order a clinician thinks, each with its fields in asking order.
pub const SECTIONS: [(&str, &[Field]); 9] = [
    (
        "Pathology",
        &[
            Field::Primary,
            Field::Differentiation,
            Field::Ki67,
            Field::Mitoses,
            Field::Necrosis,
        ],
    ),
    ("Primary tumour", &[Field::PrimaryResected]),
    (
        "Liver metastases",
        &[
            Field::Lesions,
            Field::LargestCm,
            Field::LiverBurden,
            Field::Bilobar,
            Field::Pattern,
            Field::Resectable,
        ],
    ),
    ("Extrahepatic disease", &[Field::Extrahepatic]),
    ("Somatostatin-receptor imaging", &[Field::Sstr]),
    ("Symptoms", &[Field::Syndrome, Field::TumourSymptoms]),
    (
        "Course and treatment so far",
        &[
            Field::Progression,
            Field::StableMonths,
            Field::Prior,
            Field::Current,
        ],
    ),
    ("Patient", &[Field::Age, Field::Ecog]),
    (
        "Safety before procedures",
        &[
            Field::BiliaryAnastomosis,
            Field::PortalVeinThrombosis,
            Field::LiverFunction,
            Field::CarcinoidHeartDisease,
        ],
    ),
];

/// Every field in asking order (the order of the summary).
pub fn order() -> Vec<Field> {
    SECTIONS
        .iter()
        .flat_map(|(_, f)| f.iter().copied())
        .collect()
}

macro_rules! names {
    ($t:ty) => {
        <$t>::ALL.iter().map(|v| v.name()).collect()
    };
}

/// How `field` is answered.
pub fn kind(field: Field) -> Kind {
    match field {
        Field::Differentiation => Kind::Choice(names!(Differentiation)),
        Field::Primary => Kind::Choice(names!(Primary)),
        Field::Pattern => Kind::Choice(names!(Pattern)),
        Field::Sstr => Kind::Choice(names!(Sstr)),
        Field::Syndrome => Kind::Choice(names!(Syndrome)),
        Field::Progression => Kind::Choice(names!(Progression)),
        Field::LiverFunction => Kind::Choice(names!(LiverFunction)),
        Field::CarcinoidHeartDisease => Kind::Choice(names!(HeartDisease)),
        Field::Necrosis
        | Field::PrimaryResected
        | Field::Extrahepatic
        | Field::Bilobar
        | Field::Resectable
        | Field::BiliaryAnastomosis
        | Field::PortalVeinThrombosis
        | Field::TumourSymptoms => Kind::Choice(names!(YesNo)),
        Field::Ki67
        | Field::Mitoses
        | Field::Lesions
        | Field::LargestCm
        | Field::LiverBurden
        | Field::Age
        | Field::Ecog
        | Field::StableMonths
        | Field::Prior
        | Field::Current => Kind::Typed,
    }
}

/// The question for `field`.
pub fn label(field: Field) -> &'static str {
    match field {
        Field::Primary => "Primary site",
        Field::Differentiation => "Differentiation (morphology)",
        Field::Ki67 => "Ki-67 index",
        Field::Mitoses => "Mitotic count",
        Field::Necrosis => "Tumour necrosis",
        Field::PrimaryResected => "Primary tumour already resected",
        Field::Lesions => "Number of liver metastases",
        Field::LargestCm => "Largest liver metastasis",
        Field::LiverBurden => "Liver volume replaced by tumour",
        Field::Bilobar => "Metastases in both liver lobes",
        Field::Pattern => "Liver metastasis pattern",
        Field::Resectable => "All liver disease resectable (surgeon's judgement)",
        Field::Extrahepatic => "Disease outside the liver (besides the primary)",
        Field::Sstr => "Somatostatin-receptor imaging",
        Field::Syndrome => "Hormonal syndrome",
        Field::Progression => "Course on imaging, last 6–12 months",
        Field::StableMonths => "Months of stable disease",
        Field::Prior => "Treatments already given",
        Field::Current => "Treatments being given now",
        Field::TumourSymptoms => "Symptoms of tumour bulk (pain, early satiety, compression)",
        Field::CarcinoidHeartDisease => "Carcinoid heart disease on echocardiography",
        Field::Age => "Age",
        Field::Ecog => "ECOG performance status",
        Field::BiliaryAnastomosis => "Bilio-enteric anastomosis or biliary stent",
        Field::PortalVeinThrombosis => "Main portal vein occluded",
        Field::LiverFunction => "Liver function (bilirubin, synthesis)",
    }
}

/// What a choice item shows: its stable name, with a gloss where the name alone is unclear.
pub fn item(field: Field, name: &str) -> String {
    let gloss = match (field, name) {
        (Field::Differentiation, "well") => "well-differentiated NET",
        (Field::Differentiation, "poor") => "poorly differentiated, NEC, cell type not given",
        (Field::Differentiation, "small-cell") => "NEC, small-cell carcinoma",
        (Field::Differentiation, "large-cell") => "NEC, large-cell carcinoma",
        (Field::CarcinoidHeartDisease, "mild") => "less than moderate right-sided valve disease",
        (Field::CarcinoidHeartDisease, "severe") => {
            "moderate or severe right-sided valve disease, or right heart failure"
        }
        (Field::Primary, "unknown") => "cancer of unknown primary",
        (Field::Pattern, "simple") => "Frilling type I, a single metastasis",
        (Field::Pattern, "complex") => "Frilling type II, one bulk plus smaller deposits",
        (Field::Pattern, "diffuse") => "Frilling type III, disseminated spread",
        _ => "",
    };
    if gloss.is_empty() {
        name.to_owned()
    } else {
        format!("{name} ({gloss})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_is_asked_exactly_once() {
        let mut order = order();
        order.sort();
        assert_eq!(order, Field::ALL.to_vec());
    }
}
