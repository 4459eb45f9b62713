//! The patient: every answer optional (unknown is a value), each validated when it is set.

use super::field::{self, Field, FieldError, RawValue};
use super::values::{
    Differentiation, HeartDisease, LiverFunction, OptionId, Pattern, Primary, Progression, Sstr,
    Syndrome, YesNo,
};
use schemars::JsonSchema;
use serde::Serialize;

// Input ranges (shared/contract.md, "Patient flags"): the domain of each answer, not clinical
// thresholds (those live in data/thresholds.toml). The maxima of counts and sizes are bounds of
// plausibility, far beyond any real patient, so that a typing slip (`1e308`, `4294967295`) is
// refused with the field's range rather than assessed; `Field::expected` states them.
pub(crate) const PERCENT_MAX: f64 = 100.0;
pub(crate) const AGE_MAX: u32 = 120;
pub(crate) const ECOG_MAX: u32 = 4;
/// Mitoses per 2 mm²: the most mitotic carcinomas count a few hundred.
pub(crate) const MITOSES_MAX: f64 = 1000.0;
/// Liver metastases: beyond a few hundred they are not counted (the pattern is diffuse).
pub(crate) const LESIONS_MAX: u32 = 1000;
/// Largest liver metastasis, cm: a whole liver spans about 30 cm.
pub(crate) const LARGEST_CM_MAX: f64 = 50.0;
/// Months of stable disease: a lifetime (the age maximum) in months.
pub(crate) const STABLE_MONTHS_MAX: f64 = 1440.0;

/// A set of fields, as bits (there are fewer than 32 fields).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FieldSet(u32);

impl FieldSet {
    /// The fields the patient answered.
    pub fn answered(p: &Patient) -> Self {
        let mut set = FieldSet::default();
        for field in Field::ALL {
            if p.is_answered(field) {
                set.insert(field);
            }
        }
        set
    }

    pub fn contains(self, field: Field) -> bool {
        self.0 & Self::bit(field) != 0
    }

    pub fn insert(&mut self, field: Field) {
        self.0 |= Self::bit(field);
    }

    pub fn remove(&mut self, field: Field) {
        self.0 &= !Self::bit(field);
    }

    /// Adds every field of `other`.
    pub fn union(&mut self, other: FieldSet) {
        self.0 |= other.0;
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The fields of `self` not in `other`.
    #[must_use]
    pub fn without(self, other: FieldSet) -> FieldSet {
        FieldSet(self.0 & !other.0)
    }

    /// The fields, in the order of `Field::ALL`.
    pub fn fields(self) -> impl Iterator<Item = Field> {
        Field::ALL.into_iter().filter(move |f| self.contains(*f))
    }

    fn bit(field: Field) -> u32 {
        // `Field::ALL` lists the fields in declaration order.
        1 << (field as u32)
    }
}

/// A patient's answers. `None` means the answer was not given.
#[derive(Debug, Clone, Default, PartialEq, Serialize, JsonSchema)]
pub struct Patient {
    pub ki67: Option<f64>,
    pub mitoses: Option<f64>,
    pub differentiation: Option<Differentiation>,
    pub primary: Option<Primary>,
    pub necrosis: Option<YesNo>,
    pub primary_resected: Option<YesNo>,
    pub extrahepatic: Option<YesNo>,
    pub lesions: Option<u32>,
    pub largest_cm: Option<f64>,
    pub liver_burden: Option<f64>,
    pub bilobar: Option<YesNo>,
    pub pattern: Option<Pattern>,
    pub resectable: Option<YesNo>,
    pub age: Option<u32>,
    pub ecog: Option<u32>,
    pub sstr: Option<Sstr>,
    pub syndrome: Option<Syndrome>,
    pub progression: Option<Progression>,
    pub stable_months: Option<f64>,
    /// `Some(empty)` = known to be untreated (`none`); `None` = unknown.
    pub prior: Option<Vec<OptionId>>,
    /// Treatments being given now (a course under way, a drug continued): `Some(empty)` =
    /// nothing under way; `None` = unknown. A current treatment counts as given (`had`).
    pub current: Option<Vec<OptionId>>,
    /// Pain, early satiety or compression from tumour bulk (not hormonal).
    pub tumour_symptoms: Option<YesNo>,
    pub biliary_anastomosis: Option<YesNo>,
    pub portal_vein_thrombosis: Option<YesNo>,
    pub liver_function: Option<LiverFunction>,
    pub carcinoid_heart_disease: Option<HeartDisease>,
}

impl Patient {
    /// Validates `raw` for `field` and records it: the only way a raw answer enters a patient.
    pub fn set(&mut self, field: Field, raw: &RawValue) -> Result<(), FieldError> {
        use field::{bounded, whole, word, yes_no};
        match field {
            Field::Ki67 => self.ki67 = Some(bounded(field, raw, 0.0, PERCENT_MAX, false)?),
            Field::Mitoses => self.mitoses = Some(bounded(field, raw, 0.0, MITOSES_MAX, false)?),
            Field::Differentiation => {
                self.differentiation = Some(word(field, raw, Differentiation::parse)?);
            }
            Field::Primary => self.primary = Some(word(field, raw, Primary::parse)?),
            Field::Necrosis => self.necrosis = Some(yes_no(field, raw)?),
            Field::PrimaryResected => self.primary_resected = Some(yes_no(field, raw)?),
            Field::Extrahepatic => self.extrahepatic = Some(yes_no(field, raw)?),
            Field::Lesions => self.lesions = Some(whole(field, raw, 1, LESIONS_MAX)?),
            Field::LargestCm => {
                self.largest_cm = Some(bounded(field, raw, 0.0, LARGEST_CM_MAX, true)?);
            }
            Field::LiverBurden => {
                self.liver_burden = Some(bounded(field, raw, 0.0, PERCENT_MAX, false)?);
            }
            Field::Bilobar => self.bilobar = Some(yes_no(field, raw)?),
            Field::Pattern => self.pattern = Some(word(field, raw, Pattern::parse)?),
            Field::Resectable => self.resectable = Some(yes_no(field, raw)?),
            Field::Age => self.age = Some(whole(field, raw, 0, AGE_MAX)?),
            Field::Ecog => self.ecog = Some(whole(field, raw, 0, ECOG_MAX)?),
            Field::Sstr => self.sstr = Some(word(field, raw, Sstr::parse)?),
            Field::Syndrome => self.syndrome = Some(word(field, raw, Syndrome::parse)?),
            Field::Progression => self.progression = Some(word(field, raw, Progression::parse)?),
            Field::StableMonths => {
                self.stable_months = Some(bounded(field, raw, 0.0, STABLE_MONTHS_MAX, false)?);
            }
            Field::Prior => {
                let prior = field::treatments(field, raw)?;
                if prior.is_empty() && self.current.as_ref().is_some_and(|c| !c.is_empty()) {
                    return Err(untreated_but_current(field, raw));
                }
                self.prior = Some(prior);
            }
            Field::Current => {
                let current = field::treatments(field, raw)?;
                if !current.is_empty() && self.prior.as_ref().is_some_and(Vec::is_empty) {
                    return Err(untreated_but_current(field, raw));
                }
                self.current = Some(current);
            }
            Field::TumourSymptoms => self.tumour_symptoms = Some(yes_no(field, raw)?),
            Field::CarcinoidHeartDisease => {
                self.carcinoid_heart_disease = Some(word(field, raw, HeartDisease::parse)?);
            }
            Field::BiliaryAnastomosis => self.biliary_anastomosis = Some(yes_no(field, raw)?),
            Field::PortalVeinThrombosis => {
                self.portal_vein_thrombosis = Some(yes_no(field, raw)?);
            }
            Field::LiverFunction => {
                self.liver_function = Some(word(field, raw, LiverFunction::parse)?);
            }
        }
        Ok(())
    }

    /// Whether the answer to `field` was given (without building it, unlike `get`).
    pub fn is_answered(&self, field: Field) -> bool {
        match field {
            Field::Ki67 => self.ki67.is_some(),
            Field::Mitoses => self.mitoses.is_some(),
            Field::Differentiation => self.differentiation.is_some(),
            Field::Primary => self.primary.is_some(),
            Field::Necrosis => self.necrosis.is_some(),
            Field::PrimaryResected => self.primary_resected.is_some(),
            Field::Extrahepatic => self.extrahepatic.is_some(),
            Field::Lesions => self.lesions.is_some(),
            Field::LargestCm => self.largest_cm.is_some(),
            Field::LiverBurden => self.liver_burden.is_some(),
            Field::Bilobar => self.bilobar.is_some(),
            Field::Pattern => self.pattern.is_some(),
            Field::Resectable => self.resectable.is_some(),
            Field::Age => self.age.is_some(),
            Field::Ecog => self.ecog.is_some(),
            Field::Sstr => self.sstr.is_some(),
            Field::Syndrome => self.syndrome.is_some(),
            Field::Progression => self.progression.is_some(),
            Field::StableMonths => self.stable_months.is_some(),
            Field::Prior => self.prior.is_some(),
            Field::Current => self.current.is_some(),
            Field::TumourSymptoms => self.tumour_symptoms.is_some(),
            Field::CarcinoidHeartDisease => self.carcinoid_heart_disease.is_some(),
            Field::BiliaryAnastomosis => self.biliary_anastomosis.is_some(),
            Field::PortalVeinThrombosis => self.portal_vein_thrombosis.is_some(),
            Field::LiverFunction => self.liver_function.is_some(),
        }
    }

    /// Forgets an answer (it becomes unknown).
    pub fn clear(&mut self, field: Field) {
        match field {
            Field::Ki67 => self.ki67 = None,
            Field::Mitoses => self.mitoses = None,
            Field::Differentiation => self.differentiation = None,
            Field::Primary => self.primary = None,
            Field::Necrosis => self.necrosis = None,
            Field::PrimaryResected => self.primary_resected = None,
            Field::Extrahepatic => self.extrahepatic = None,
            Field::Lesions => self.lesions = None,
            Field::LargestCm => self.largest_cm = None,
            Field::LiverBurden => self.liver_burden = None,
            Field::Bilobar => self.bilobar = None,
            Field::Pattern => self.pattern = None,
            Field::Resectable => self.resectable = None,
            Field::Age => self.age = None,
            Field::Ecog => self.ecog = None,
            Field::Sstr => self.sstr = None,
            Field::Syndrome => self.syndrome = None,
            Field::Progression => self.progression = None,
            Field::StableMonths => self.stable_months = None,
            Field::Prior => self.prior = None,
            Field::Current => self.current = None,
            Field::TumourSymptoms => self.tumour_symptoms = None,
            Field::CarcinoidHeartDisease => self.carcinoid_heart_disease = None,
            Field::BiliaryAnastomosis => self.biliary_anastomosis = None,
            Field::PortalVeinThrombosis => self.portal_vein_thrombosis = None,
            Field::LiverFunction => self.liver_function = None,
        }
    }

    /// The answer as it would be typed, or `None` when unknown.
    pub fn get(&self, field: Field) -> Option<RawValue> {
        #[allow(clippy::needless_pass_by_value)]
        fn text(s: impl ToString) -> RawValue {
            RawValue::Text(s.to_string())
        }
        fn num(n: f64) -> RawValue {
            RawValue::Number(n)
        }
        match field {
            Field::Ki67 => self.ki67.map(num),
            Field::Mitoses => self.mitoses.map(num),
            Field::Differentiation => self.differentiation.map(text),
            Field::Primary => self.primary.map(text),
            Field::Necrosis => self.necrosis.map(text),
            Field::PrimaryResected => self.primary_resected.map(text),
            Field::Extrahepatic => self.extrahepatic.map(text),
            Field::Lesions => self.lesions.map(|n| num(f64::from(n))),
            Field::LargestCm => self.largest_cm.map(num),
            Field::LiverBurden => self.liver_burden.map(num),
            Field::Bilobar => self.bilobar.map(text),
            Field::Pattern => self.pattern.map(text),
            Field::Resectable => self.resectable.map(text),
            Field::Age => self.age.map(|n| num(f64::from(n))),
            Field::Ecog => self.ecog.map(|n| num(f64::from(n))),
            Field::Sstr => self.sstr.map(text),
            Field::Syndrome => self.syndrome.map(text),
            Field::Progression => self.progression.map(text),
            Field::StableMonths => self.stable_months.map(num),
            Field::Prior => self.prior.as_deref().map(id_list),
            Field::Current => self.current.as_deref().map(id_list),
            Field::TumourSymptoms => self.tumour_symptoms.map(text),
            Field::CarcinoidHeartDisease => self.carcinoid_heart_disease.map(text),
            Field::BiliaryAnastomosis => self.biliary_anastomosis.map(text),
            Field::PortalVeinThrombosis => self.portal_vein_thrombosis.map(text),
            Field::LiverFunction => self.liver_function.map(text),
        }
    }

    /// Every answer given in `other` replaces this one's (flags over a profile). Values read
    /// back from a valid patient are valid; only a contradiction between the two (`--prior none`
    /// over a profile's current treatment, or the reverse) is refused.
    pub fn overlay(&mut self, other: &Patient) -> Result<(), FieldError> {
        // The treatments are replaced together, so that a flag's pair never meets the
        // profile's half-way.
        if other.prior.is_some() {
            self.prior = None;
        }
        if other.current.is_some() {
            self.current = None;
        }
        for field in Field::ALL {
            if let Some(value) = other.get(field) {
                self.set(field, &value)?;
            }
        }
        Ok(())
    }

    /// Whether there is anything to grade (`assess` and `grade` need it).
    pub fn has_grading_input(&self) -> bool {
        self.ki67.is_some()
            || self.mitoses.is_some()
            || self.differentiation.is_some_and(Differentiation::is_poor)
    }

    /// Whether `id` was given: listed in `--prior` or in `--current` (a current treatment
    /// counts as given, rules.md §3.3). `None` when it is not in `--current` and the prior
    /// treatments are unknown.
    pub fn had(&self, id: OptionId) -> Option<bool> {
        if self.is_current(id) == Some(true) {
            return Some(true);
        }
        self.prior.as_ref().map(|p| p.contains(&id))
    }

    /// Whether `id` is being given now: `None` when `--current` was not given.
    pub fn is_current(&self, id: OptionId) -> Option<bool> {
        self.current.as_ref().map(|c| c.contains(&id))
    }
}

fn id_list(ids: &[OptionId]) -> RawValue {
    if ids.is_empty() {
        RawValue::Text("none".to_owned())
    } else {
        RawValue::List(ids.iter().map(ToString::to_string).collect())
    }
}

/// `--prior none` says untreated while `--current` lists a treatment (rules.md §3.3).
fn untreated_but_current(field: Field, raw: &RawValue) -> FieldError {
    let expected = if field == Field::Current {
        "none, since --prior none says untreated"
    } else {
        "the treatments given, which include those in --current"
    };
    FieldError {
        expected: expected.to_owned(),
        ..FieldError::with_hint(
            field,
            raw,
            "`--current` lists a treatment, but `--prior none` says untreated",
        )
    }
}
