//! One cohort record: its number, its id, and its answers or the reason it was refused.

use super::Assessment;
use crate::eligibility::Detail;
use crate::knowledge::Knowledge;
use crate::model::patient::FieldSet;
use crate::model::{Field, FieldError, Patient, RawValue};
use crate::pathway;
use schemars::JsonSchema;
use serde::Serialize;

/// Why a record was refused: the column, its value and what would be valid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct RowError {
    /// The column (flag name), when one is to blame.
    pub field: Option<String>,
    /// The value as given (shortened), when one is to blame.
    pub value: Option<String>,
    /// What a valid value looks like, when the column is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
    pub message: String,
}

impl RowError {
    /// A key given twice in one record (a JSON map would keep only the last, silently).
    pub fn key_twice(key: &str) -> Self {
        let name = shorten(key);
        Self {
            message: format!("key '{name}' is given twice"),
            field: Some(name),
            value: None,
            expected: None,
        }
    }

    /// A record that is not a record at all (a malformed line): nothing to name but the row.
    pub fn malformed(message: impl Into<String>) -> Self {
        Self {
            field: None,
            value: None,
            expected: None,
            message: message.into(),
        }
    }

    /// A column the contract does not know, with the nearest one it does.
    pub fn unknown_column(name: &str, value: &str) -> Self {
        let hint = column_hint(name);
        let name = shorten(name);
        Self {
            message: format!("unknown column '{name}' ({hint})"),
            field: Some(name),
            value: Some(shorten(value)),
            expected: None,
        }
    }

    /// The same answer given twice (e.g. `largest-cm` and `largest_cm`).
    pub fn twice(field: Field) -> Self {
        Self {
            field: Some(field.name().to_owned()),
            value: None,
            expected: None,
            message: format!("{field} is given twice"),
        }
    }

    /// A value of a type no answer takes (an object, a nested list).
    pub fn wrong_type(field: Field, what: &str) -> Self {
        Self {
            field: Some(field.name().to_owned()),
            value: Some(what.to_owned()),
            expected: Some(field.expected()),
            message: format!(
                "invalid value ({what}) for {field}: expected {}",
                field.expected()
            ),
        }
    }

    /// A line over the cap, skipped.
    pub fn too_long() -> Self {
        Self::malformed(format!(
            "the line is longer than {}; skipped",
            crate::input::LINE_MAX_SHOWN
        ))
    }

    fn nothing_to_grade() -> Self {
        Self::malformed(crate::grading::NothingToGrade::message(""))
    }
}

impl From<FieldError> for RowError {
    fn from(e: FieldError) -> Self {
        Self {
            field: Some(e.field.name().to_owned()),
            value: Some(e.value.clone()),
            expected: Some(e.expected.clone()),
            message: e.to_string(),
        }
    }
}

pub use crate::model::field::shorten;

/// Whether `name` is a column a cohort may have (`id`, or a field in any accepted spelling).
pub fn column_name_known(name: &str) -> bool {
    name.eq_ignore_ascii_case("id") || crate::model::aliases::column(name).is_some()
}

/// What to say about an unknown column: the nearest valid one, or what columns are.
pub fn column_hint(name: &str) -> String {
    let names = std::iter::once("id").chain(Field::ALL.iter().map(|f| f.name()));
    match crate::suggest::nearest(name, names) {
        Some(near) => format!("did you mean '{near}'?"),
        None => "expected id or a patient flag name, e.g. ki67, primary, largest-cm".to_owned(),
    }
}

/// One input record as read: its answers, or why it could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// 1-based position among the records (the CSV header is not a record).
    pub number: u64,
    /// The 1-based line of the file the record is on, where records and lines differ (JSON
    /// Lines skips blank lines).
    pub line: Option<u64>,
    pub id: Option<String>,
    pub answers: Result<Vec<(Field, RawValue)>, RowError>,
}

impl Row {
    /// Validates the answers (through [`Patient::set`], the one validation point) and assesses,
    /// in as much detail as the output shows.
    pub fn assess(&self, knowledge: &Knowledge, detail: Detail) -> Result<Assessment, RowError> {
        assess(&self.patient()?, knowledge, detail)
    }

    /// Validates the answers through [`Patient::set`], the one validation point.
    pub fn patient(&self) -> Result<Patient, RowError> {
        let answers = self.answers.as_ref().map_err(Clone::clone)?;
        let mut patient = Patient::default();
        for (field, value) in answers {
            patient.set(*field, value)?;
        }
        Ok(patient)
    }
}

fn assess(
    patient: &Patient,
    knowledge: &Knowledge,
    detail: Detail,
) -> Result<Assessment, RowError> {
    let assessment = match detail {
        Detail::Full => {
            pathway::assess(patient, knowledge).map(|r| Assessment::Report(Box::new(r)))
        }
        Detail::Statuses => pathway::statuses(patient, knowledge).map(Assessment::Statuses),
    };
    assessment.map_err(|_| RowError::nothing_to_grade())
}

/// A record validated into a patient (on the reading thread, so that the loop only assesses).
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    pub number: u64,
    pub line: Option<u64>,
    pub id: Option<String>,
    pub patient: Result<Patient, RowError>,
}

impl From<Row> for Checked {
    fn from(row: Row) -> Self {
        let patient = row.patient();
        Self {
            number: row.number,
            line: row.line,
            id: row.id,
            patient,
        }
    }
}

impl Checked {
    /// Assesses the patient in as much detail as the output shows.
    pub fn assess(&self, knowledge: &Knowledge, detail: Detail) -> Result<Assessment, RowError> {
        assess(
            self.patient.as_ref().map_err(Clone::clone)?,
            knowledge,
            detail,
        )
    }
}

/// Collects answers, refusing a field given twice.
#[derive(Debug)]
pub struct Answers {
    answers: Vec<(Field, RawValue)>,
    seen: FieldSet,
}

impl Default for Answers {
    fn default() -> Self {
        Self {
            // Room for every field: a record never reallocates.
            answers: Vec::with_capacity(Field::ALL.len()),
            seen: FieldSet::default(),
        }
    }
}

impl Answers {
    pub fn add(&mut self, field: Field, value: RawValue) -> Result<(), RowError> {
        if self.seen.contains(field) {
            return Err(RowError::twice(field));
        }
        self.seen.insert(field);
        self.answers.push((field, value));
        Ok(())
    }

    pub fn into_vec(self) -> Vec<(Field, RawValue)> {
        self.answers
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_errors_name_field_value_and_range() {
        let row = Row {
            number: 1,
            line: None,
            id: None,
            answers: Ok(vec![(Field::Ki67, RawValue::Text("140".into()))]),
        };
        let k = Knowledge::builtin().unwrap();
        let err = row.assess(&k, Detail::Full).err().unwrap();
        assert_eq!(err.field.as_deref(), Some("ki67"));
        assert_eq!(err.value.as_deref(), Some("140"));
        assert!(err.message.contains("0 to 100"), "{}", err.message);
    }

    #[test]
    fn a_row_without_grading_input_is_refused() {
        let row = Row {
            number: 1,
            line: None,
            id: None,
            answers: Ok(vec![(Field::Age, RawValue::Number(50.0))]),
        };
        let err = row
            .assess(&Knowledge::builtin().unwrap(), Detail::Statuses)
            .err()
            .unwrap();
        assert!(err.message.contains("nothing to grade"));
    }

    #[test]
    fn echoed_values_are_shortened() {
        let e = RowError::unknown_column(&"x".repeat(100), &"y".repeat(100));
        assert!(e.field.unwrap().chars().count() <= 41);
        assert!(e.value.unwrap().chars().count() <= 41);
    }
}
