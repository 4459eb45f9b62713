//! One line of a cohort of FHIR resources (NDJSON, as FHIR bulk data writes it; read by the JSON
//! Lines reader): a QuestionnaireResponse to netriage's Questionnaire or a Bundle of
//! Observations. A line that is refused becomes an error record; the next line goes on.

use super::row::{Row, RowError};
use crate::fhir::read;
use serde_json::Value;

/// One line: the answers of the resource it holds, or why it is refused.
pub fn row(line: &[u8], number: u64) -> Row {
    let line = line.strip_prefix(crate::input::BOM).unwrap_or(line);
    let refused = |e: RowError| Row {
        line: None,
        number,
        id: None,
        answers: Err(e),
    };
    // serde_json's recursion limit turns a deeply nested line into an error.
    let resource: Value = match serde_json::from_slice(line) {
        Ok(v) => v,
        Err(_) if std::str::from_utf8(line).is_err() => {
            return refused(RowError::malformed("the line is not valid UTF-8"))
        }
        Err(e) => {
            return refused(RowError::malformed(format!(
                "malformed JSON at column {}",
                e.column()
            )))
        }
    };
    // The resource's own id (not a patient identifier) names the record.
    let id = resource
        .get("id")
        .and_then(Value::as_str)
        .map(crate::model::field::shorten);
    let answers = read::answers(&resource)
        .map(|answers| answers.into_iter().map(|a| (a.field, a.value)).collect())
        .map_err(|e| RowError {
            field: e.field.map(|f| f.name().to_owned()),
            value: e.value,
            expected: e.field.map(crate::model::Field::expected),
            message: e.message,
        });
    Row {
        line: None,
        number,
        id,
        answers,
    }
}
