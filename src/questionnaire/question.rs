//! Each question in the clinician's words (its label is `Field::label`), and whether it is a choice or typed.

use crate::knowledge::Knowledge;
use crate::model::{Domain, Field, Patient, RawValue, YesNo};

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

/// How `field` is answered: a choice for every closed vocabulary (yes/no included), typed
/// text otherwise.
pub fn kind(field: Field) -> Kind {
    match field.domain() {
        Domain::Choice(names) => Kind::Choice(names),
        Domain::YesNo => Kind::Choice(YesNo::ALL.iter().map(|v| v.name()).collect()),
        Domain::Decimal { .. } | Domain::Whole { .. } | Domain::Treatments => Kind::Typed,
    }
}

/// A question asked only when an earlier answer calls for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Condition {
    /// The earlier question.
    pub on: Field,
    pub test: Test,
}

/// What the earlier answer must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Test {
    /// One of these words.
    OneOf(&'static [&'static str]),
    /// A number greater than this.
    MoreThan(u32),
    /// Any number but 1, or not answered.
    NotOne,
    /// A list of treatments that names at least one (not `none`).
    Treated,
    /// A primary classified by the WHO thoracic criteria (the sites are data: `sites.thoracic`).
    Thoracic,
    /// Carcinoid syndrome, or the syndrome not given with a crisis-prone primary (rules.md §3,
    /// A-9; the sites are data, so the knowledge base decides).
    CarcinoidHeartRelevant,
}

/// When `field` is asked (`None`: always). The terminal questionnaire and the FHIR
/// Questionnaire's `enableWhen` both read this table.
pub fn condition(field: Field) -> Option<Condition> {
    let when = |on, test| Some(Condition { on, test });
    match field {
        // Necrosis separates typical from atypical carcinoid: thoracic classification only.
        Field::Necrosis => when(Field::Primary, Test::Thoracic),
        // A single lesion is simple by definition.
        Field::Pattern => when(Field::Lesions, Test::MoreThan(1)),
        // One lesion lies in one lobe.
        Field::Bilobar => when(Field::Lesions, Test::NotOne),
        Field::StableMonths => when(Field::Progression, Test::OneOf(&["stable"])),
        // What is being given now matters only once something was given.
        Field::Current => when(Field::Prior, Test::Treated),
        Field::CarcinoidHeartDisease => when(Field::Syndrome, Test::CarcinoidHeartRelevant),
        _ => None,
    }
}

impl Condition {
    /// Whether the patient's answers call for the question (an unanswered one does not).
    pub fn holds(self, patient: &Patient, k: &Knowledge) -> bool {
        match self.test {
            Test::Treated => return patient.prior.as_ref().is_some_and(|p| !p.is_empty()),
            Test::CarcinoidHeartRelevant => {
                return crate::eligibility::plan::carcinoid_heart_disease_relevant(patient, k)
            }
            Test::Thoracic => return k.thoracic(patient.primary),
            Test::NotOne => return patient.get(self.on) != Some(RawValue::Number(1.0)),
            Test::OneOf(_) | Test::MoreThan(_) => {}
        }
        match (self.test, patient.get(self.on)) {
            (Test::OneOf(words), Some(RawValue::Text(t))) => words.contains(&t.as_str()),
            (Test::MoreThan(n), Some(RawValue::Number(v))) => v > f64::from(n),
            _ => false,
        }
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
    fn necrosis_is_asked_exactly_for_thoracic_primaries() {
        for site in crate::model::Primary::ALL {
            let mut p = Patient::default();
            p.set(Field::Primary, &RawValue::Text(site.to_string()))
                .unwrap();
            let k = Knowledge::builtin().unwrap();
            let asked = condition(Field::Necrosis).is_some_and(|c| c.holds(&p, &k));
            let thoracic = matches!(
                site,
                crate::model::Primary::Lung | crate::model::Primary::Thymus
            );
            assert_eq!(asked, thoracic, "{site}");
        }
    }

    #[test]
    fn necrosis_follows_an_institution_s_thoracic_sites() {
        let k = Knowledge::with_overrides(
            "site.toml",
            "[sites]\nthoracic = [\"lung\", \"thymus\", \"unknown\"]\n",
        )
        .unwrap();
        let mut p = Patient::default();
        p.set(Field::Primary, &RawValue::Text("unknown".to_owned()))
            .unwrap();
        assert!(condition(Field::Necrosis).is_some_and(|c| c.holds(&p, &k)));
    }

    #[test]
    fn every_field_is_asked_exactly_once() {
        let mut order = order();
        order.sort();
        assert_eq!(order, Field::ALL.to_vec());
    }
}
