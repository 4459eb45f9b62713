//! The patient: every answer optional (unknown is a value), each validated when it is set.

use super::field::{self, Field, FieldError, RawValue};
use super::values::{
    Differentiation, LiverFunction, OptionId, Pattern, Primary, Progression, Sstr, Syndrome, YesNo,
};
use serde::Serialize;

// Input ranges of the contract (shared/contract.md, "Patient flags"): the domain of each answer,
// not clinical thresholds (those live in data/thresholds.toml).
const PERCENT_MAX: f64 = 100.0;
const AGE_MAX: u32 = 120;
const ECOG_MAX: u32 = 4;

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

    /// Adds every field of `other`.
    pub fn union(&mut self, other: FieldSet) {
        self.0 |= other.0;
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    fn bit(field: Field) -> u32 {
        // `Field::ALL` lists the fields in declaration order.
        1 << (field as u32)
    }
}

/// A patient's answers. `None` means the answer was not given.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
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
    pub biliary_anastomosis: Option<YesNo>,
    pub portal_vein_thrombosis: Option<YesNo>,
    pub liver_function: Option<LiverFunction>,
}

impl Patient {
    /// Validates `raw` for `field` and records it: the only way a raw answer enters a patient.
    pub fn set(&mut self, field: Field, raw: &RawValue) -> Result<(), FieldError> {
        use field::{bounded, number, whole, word, yes_no};
        match field {
            Field::Ki67 => self.ki67 = Some(bounded(field, raw, 0.0, PERCENT_MAX, false)?),
            Field::Mitoses => self.mitoses = Some(bounded(field, raw, 0.0, f64::MAX, false)?),
            Field::Differentiation => {
                self.differentiation = Some(word(field, raw, Differentiation::parse)?);
            }
            Field::Primary => self.primary = Some(word(field, raw, Primary::parse)?),
            Field::Necrosis => self.necrosis = Some(yes_no(field, raw)?),
            Field::PrimaryResected => self.primary_resected = Some(yes_no(field, raw)?),
            Field::Extrahepatic => self.extrahepatic = Some(yes_no(field, raw)?),
            Field::Lesions => self.lesions = Some(whole(field, raw, 1, u32::MAX)?),
            Field::LargestCm => self.largest_cm = Some(bounded(field, raw, 0.0, f64::MAX, true)?),
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
                let months = number(field, raw)?;
                if months < 0.0 {
                    return Err(FieldError::new(field, raw));
                }
                self.stable_months = Some(months);
            }
            Field::Prior => self.prior = Some(field::prior(raw)?),
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
            Field::Prior => self.prior.as_ref().map(|ids| {
                if ids.is_empty() {
                    text("none")
                } else {
                    RawValue::List(ids.iter().map(ToString::to_string).collect())
                }
            }),
            Field::BiliaryAnastomosis => self.biliary_anastomosis.map(text),
            Field::PortalVeinThrombosis => self.portal_vein_thrombosis.map(text),
            Field::LiverFunction => self.liver_function.map(text),
        }
    }

    /// Every answer given in `other` replaces this one's (flags over a profile).
    pub fn overlay(&mut self, other: &Patient) {
        for field in Field::ALL {
            if let Some(value) = other.get(field) {
                // Values read back from a valid patient are valid.
                let _ = self.set(field, &value);
            }
        }
    }

    /// Whether there is anything to grade (`assess` and `grade` need it).
    pub fn has_grading_input(&self) -> bool {
        self.ki67.is_some()
            || self.mitoses.is_some()
            || self.differentiation == Some(Differentiation::Poor)
    }

    /// The primary site when given and not "unknown primary".
    pub fn is_thoracic(&self) -> bool {
        matches!(self.primary, Some(Primary::Lung | Primary::Thymus))
    }

    /// Whether `id` is listed in `--prior`: `None` when the prior treatments are unknown.
    pub fn had(&self, id: OptionId) -> Option<bool> {
        self.prior.as_ref().map(|p| p.contains(&id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn get_then_set_round_trips_every_field() {
        let mut p = Patient::default();
        let answers = [
            (Field::Ki67, "12.5"),
            (Field::Mitoses, "3"),
            (Field::Differentiation, "well"),
            (Field::Primary, "small-intestine"),
            (Field::Necrosis, "no"),
            (Field::PrimaryResected, "yes"),
            (Field::Extrahepatic, "no"),
            (Field::Lesions, "4"),
            (Field::LargestCm, "2.5"),
            (Field::LiverBurden, "30"),
            (Field::Bilobar, "yes"),
            (Field::Pattern, "complex"),
            (Field::Resectable, "no"),
            (Field::Age, "50"),
            (Field::Ecog, "1"),
            (Field::Sstr, "positive"),
            (Field::Syndrome, "carcinoid"),
            (Field::Progression, "progressive"),
            (Field::StableMonths, "0"),
            (Field::Prior, "ssa,tace"),
            (Field::BiliaryAnastomosis, "no"),
            (Field::PortalVeinThrombosis, "no"),
            (Field::LiverFunction, "normal"),
        ];
        for (f, v) in answers {
            p.set(f, &RawValue::Text(v.into())).unwrap();
        }
        let mut copy = Patient::default();
        copy.overlay(&p);
        assert_eq!(copy, p);
        copy.clear(Field::Ki67);
        assert_eq!(copy.ki67, None);
        assert_eq!(copy.mitoses, Some(3.0));
    }

    #[test]
    fn ranges_are_enforced() {
        let mut p = Patient::default();
        for (f, v) in [
            (Field::Ki67, "100.1"),
            (Field::Ki67, "-1"),
            (Field::Mitoses, "-2"),
            (Field::Lesions, "0"),
            (Field::LargestCm, "0"),
            (Field::LiverBurden, "101"),
            (Field::Age, "121"),
            (Field::Ecog, "5"),
            (Field::StableMonths, "-1"),
            (Field::Primary, "liver"),
            (Field::Bilobar, "maybe"),
        ] {
            let err = p.set(f, &RawValue::Text(v.into())).unwrap_err();
            assert_eq!(err.field, f);
            assert_eq!(err.value, v);
        }
        assert_eq!(p, Patient::default());
    }
}
