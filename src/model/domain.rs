//! Each answer's domain as data: a number with its range and unit, a word from a vocabulary,
//! yes/no, or a list of treatments. The questionnaire, the JSON Schemas and the FHIR
//! Questionnaire read it; a test holds it to `Patient::set`, the one validation point. Each
//! field's domain is in its row of the `fields!` table (`fields.rs`).

use super::values::{OptionId, YesNo};

/// A unit of measure: its UCUM code where one exists, and how people write it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unit {
    /// The UCUM code (`None`: UCUM has no plain code for it).
    pub ucum: Option<&'static str>,
    pub shown: &'static str,
}

pub(crate) const PERCENT: Unit = Unit {
    ucum: Some("%"),
    shown: "%",
};
pub(crate) const CM: Unit = Unit {
    ucum: Some("cm"),
    shown: "cm",
};
pub(crate) const YEARS: Unit = Unit {
    ucum: Some("a"),
    shown: "years",
};
pub(crate) const MONTHS: Unit = Unit {
    ucum: Some("mo"),
    shown: "months",
};
pub(crate) const PER_2_MM2: Unit = Unit {
    ucum: None,
    shown: "per 2 mm²",
};

/// What a valid answer is.
#[derive(Debug, Clone, PartialEq)]
pub enum Domain {
    /// A number from `min` (exclusive when `min_exclusive`) to `max` (inclusive; none: unbounded).
    Decimal {
        min: f64,
        min_exclusive: bool,
        max: Option<f64>,
        unit: Unit,
    },
    /// A whole number from `min` to `max` (inclusive; none: unbounded).
    Whole {
        min: u32,
        max: Option<u32>,
        unit: Option<Unit>,
    },
    /// One word of a closed vocabulary (the stable names).
    Choice(Vec<&'static str>),
    /// Yes or no.
    YesNo,
    /// Option ids (a list), or `none`.
    Treatments,
}

impl Domain {
    /// What a valid value looks like, in the words every error message uses.
    pub fn expected(&self) -> String {
        match self {
            Domain::Decimal {
                min,
                min_exclusive,
                max,
                unit,
            } => {
                let range = match (max, min_exclusive) {
                    (Some(max), true) => format!("greater than {min}, at most {max}"),
                    (Some(max), false) => format!("from {min} to {max}"),
                    (None, true) => format!("greater than {min}"),
                    (None, false) => format!("of at least {min}"),
                };
                format!("a number {range} ({})", unit.shown)
            }
            Domain::Whole { min, max, unit } => {
                let range = match max {
                    Some(max) => format!("from {min} to {max}"),
                    None => format!("of at least {min}"),
                };
                let unit = unit.map(|u| format!(" ({})", u.shown)).unwrap_or_default();
                format!("a whole number {range}{unit}")
            }
            Domain::Choice(names) => format!("one of {}", names.join(", ")),
            Domain::YesNo => format!("one of {}", YesNo::choices()),
            Domain::Treatments => format!(
                "none, or a comma list of treatment ids: {}",
                OptionId::treatment_choices()
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Field, Patient, RawValue};

    #[test]
    fn expectations_read_as_the_contract_words_them() {
        let cases = [
            (Field::Ki67, "a number from 0 to 100 (%)"),
            (
                Field::LiverBurden,
                "a number from 0 to 100 (% of liver volume)",
            ),
            (Field::Mitoses, "a number from 0 to 1000 (per 2 mm²)"),
            (Field::StableMonths, "a number from 0 to 1440 (months)"),
            (Field::LargestCm, "a number greater than 0, at most 50 (cm)"),
            (Field::Lesions, "a whole number from 1 to 1000"),
            (Field::Age, "a whole number from 0 to 120 (years)"),
            (Field::Ecog, "a whole number from 0 to 4"),
            (Field::Bilobar, "one of yes, no"),
            (Field::Sstr, "one of positive, negative"),
        ];
        for (field, expected) in cases {
            assert_eq!(field.expected(), expected);
        }
        assert!(Field::Prior
            .expected()
            .starts_with("none, or a comma list of treatment ids: resection, "));
    }

    #[allow(clippy::needless_pass_by_value)] // reads better at the many call sites
    fn accepts(field: Field, raw: RawValue) -> bool {
        Patient::default().set(field, &raw).is_ok()
    }

    /// The domain says exactly what `Patient::set` accepts, at every edge.
    #[test]
    fn every_domain_matches_the_validation() {
        for field in Field::ALL {
            match field.domain() {
                Domain::Decimal {
                    min,
                    min_exclusive,
                    max,
                    ..
                } => {
                    assert_eq!(
                        accepts(field, RawValue::Number(min)),
                        !min_exclusive,
                        "{field}"
                    );
                    assert!(accepts(field, RawValue::Number(min + 0.5)), "{field}");
                    assert!(!accepts(field, RawValue::Number(min - 0.5)), "{field}");
                    match max {
                        Some(max) => {
                            assert!(accepts(field, RawValue::Number(max)), "{field}");
                            assert!(!accepts(field, RawValue::Number(max + 0.1)), "{field}");
                        }
                        None => assert!(accepts(field, RawValue::Number(1e9)), "{field}"),
                    }
                }
                Domain::Whole { min, max, .. } => {
                    let n = |v: u32| RawValue::Number(f64::from(v));
                    assert!(accepts(field, n(min)), "{field}");
                    assert!(
                        !accepts(field, RawValue::Number(f64::from(min) - 1.0)),
                        "{field}"
                    );
                    assert!(
                        !accepts(field, RawValue::Number(f64::from(min) + 0.5)),
                        "{field}"
                    );
                    match max {
                        Some(max) => {
                            assert!(accepts(field, n(max)), "{field}");
                            assert!(!accepts(field, n(max + 1)), "{field}");
                        }
                        None => assert!(accepts(field, n(1_000_000)), "{field}"),
                    }
                }
                Domain::Choice(names) => {
                    for name in &names {
                        assert!(
                            accepts(field, RawValue::Text((*name).into())),
                            "{field} {name}"
                        );
                    }
                    assert!(
                        !accepts(field, RawValue::Text("no-such-word".into())),
                        "{field}"
                    );
                    assert_eq!(field.expected(), format!("one of {}", names.join(", ")));
                }
                Domain::YesNo => {
                    for word in ["yes", "no"] {
                        assert!(accepts(field, RawValue::Text(word.into())), "{field}");
                    }
                    assert!(accepts(field, RawValue::Bool(true)), "{field}");
                    assert!(!accepts(field, RawValue::Text("maybe".into())), "{field}");
                }
                Domain::Treatments => {
                    // Every treatment is accepted; the approach options are not treatments.
                    for id in OptionId::ALL {
                        assert_eq!(
                            accepts(field, RawValue::List(vec![id.to_string()])),
                            id.is_treatment(),
                            "{id}"
                        );
                    }
                    assert!(accepts(field, RawValue::Text("none".into())), "{field}");
                    assert!(!accepts(field, RawValue::Text("chemo".into())), "{field}");
                }
            }
        }
    }
}
