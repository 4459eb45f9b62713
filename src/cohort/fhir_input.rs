//! Reads a cohort of FHIR resources, one a line (NDJSON, as FHIR bulk data writes it): each a
//! QuestionnaireResponse to netriage's Questionnaire or a Bundle of Observations. A line that
//! is refused becomes an error record; the next line goes on.

use super::bounded::{self, Read};
use super::row::{Row, RowError};
use crate::fhir::read;
use crate::input::LINE_MAX_SHOWN;
use serde_json::Value;
use std::io::{self, BufRead};

/// The rows of a FHIR NDJSON cohort, read one line at a time.
pub struct FhirRows<R: BufRead> {
    input: R,
    line: Vec<u8>,
    number: u64,
}

impl<R: BufRead> FhirRows<R> {
    pub fn new(input: R) -> Self {
        Self {
            input,
            line: Vec::new(),
            number: 0,
        }
    }

    fn row(&self) -> Row {
        let line = self
            .line
            .strip_prefix(crate::input::BOM)
            .unwrap_or(&self.line);
        let refused = |e: RowError| Row {
            number: self.number,
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
        match read::answers(&resource) {
            Ok(answers) => Row {
                number: self.number,
                id,
                answers: Ok(answers.into_iter().map(|a| (a.field, a.value)).collect()),
            },
            Err(e) => Row {
                number: self.number,
                id,
                answers: Err(RowError {
                    field: e.field.map(|f| f.name().to_owned()),
                    value: e.value,
                    expected: e.field.map(crate::model::Field::expected),
                    message: e.message,
                }),
            },
        }
    }
}

impl<R: BufRead + super::Buffered> super::Rows for FhirRows<R> {
    fn buffered(&self) -> bool {
        self.input.has_buffered()
    }
}

impl<R: BufRead> Iterator for FhirRows<R> {
    type Item = io::Result<Row>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let read = match bounded::line(&mut self.input, &mut self.line) {
                Ok(read) => read?,
                Err(e) => return Some(Err(e)),
            };
            if let Read::TooLong { .. } = read {
                self.number += 1;
                return Some(Ok(Row {
                    number: self.number,
                    id: None,
                    answers: Err(RowError::malformed(format!(
                        "the line is longer than {LINE_MAX_SHOWN}; skipped"
                    ))),
                }));
            }
            if !self.line.iter().all(u8::is_ascii_whitespace) {
                self.number += 1;
                return Some(Ok(self.row()));
            }
        }
    }
}
