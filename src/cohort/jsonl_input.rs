//! Reads a cohort from JSON Lines: one object a line, keyed by flag names (plus an optional
//! `id`); values may be strings, numbers, booleans, or a list (for `prior`). Blank lines are
//! skipped; a line that is not a JSON object is an error record, and the next line goes on.

use super::row::{shorten, Answers, Row, RowError};
use crate::model::{Field, RawValue};
use serde_json::Value;
use std::io::{self, BufRead};

/// The rows of a JSON Lines cohort, read one line at a time.
pub struct JsonlRows<R: BufRead> {
    input: R,
    line: Vec<u8>,
    number: u64,
}

impl<R: BufRead> JsonlRows<R> {
    pub fn new(input: R) -> Self {
        Self {
            input,
            line: Vec::new(),
            number: 0,
        }
    }
}

fn shown(value: &Value) -> String {
    match value {
        Value::String(s) => shorten(s),
        other => shorten(&other.to_string()),
    }
}

/// A JSON value as a raw answer; `None` when it says "unknown" (null or empty text).
fn raw(field: Field, value: Value) -> Result<Option<RawValue>, RowError> {
    Ok(match value {
        Value::Null => None,
        Value::String(s) if s.trim().is_empty() => None,
        Value::String(s) => Some(RawValue::Text(s)),
        Value::Number(n) => match n.as_f64() {
            Some(n) => Some(RawValue::Number(n)),
            None => return Err(RowError::wrong_type(field, "a number out of range")),
        },
        Value::Bool(b) => Some(RawValue::Bool(b)),
        Value::Array(items) => {
            let mut list = Vec::with_capacity(items.len());
            for item in items {
                match item {
                    Value::String(s) => list.push(s),
                    Value::Number(n) => list.push(n.to_string()),
                    _ => {
                        return Err(RowError::wrong_type(
                            field,
                            "a list holding a non-text item",
                        ))
                    }
                }
            }
            Some(RawValue::List(list))
        }
        Value::Object(_) => return Err(RowError::wrong_type(field, "an object")),
    })
}

/// A record's id and its answers (or why they are refused).
type Record = (Option<String>, Result<Vec<(Field, RawValue)>, RowError>);

fn answers(object: serde_json::Map<String, Value>) -> Record {
    let mut id = None;
    let mut answers = Answers::default();
    let mut result = Ok(());
    for (key, value) in object {
        if key.trim().eq_ignore_ascii_case("id") {
            id = match value {
                Value::Null => None,
                Value::String(s) => Some(s),
                other => Some(other.to_string()),
            };
            continue;
        }
        if result.is_err() {
            continue;
        }
        let Some(field) = Field::from_name(&key) else {
            result = Err(RowError::unknown_column(&key, &shown(&value)));
            continue;
        };
        result = match raw(field, value) {
            Ok(Some(v)) => answers.add(field, v),
            Ok(None) => Ok(()),
            Err(e) => Err(e),
        };
    }
    (id, result.map(|()| answers.into_vec()))
}

impl<R: BufRead> JsonlRows<R> {
    fn row(&self) -> Row {
        let mut line = self.line.as_slice();
        if self.number == 1 {
            line = line.strip_prefix("\u{feff}".as_bytes()).unwrap_or(line);
        }
        let malformed = |message: String| Row {
            number: self.number,
            id: None,
            answers: Err(RowError::malformed(message)),
        };
        // serde_json's messages give line and column, never the text itself.
        match serde_json::from_slice::<Value>(line) {
            Ok(Value::Object(object)) => {
                let (id, answers) = answers(object);
                Row {
                    number: self.number,
                    id,
                    answers,
                }
            }
            Ok(_) => malformed("the line is not a JSON object".to_owned()),
            Err(e) if e.is_data() => malformed("the line is not valid UTF-8".to_owned()),
            Err(e) => malformed(format!(
                "malformed JSON: {} at column {}",
                e.to_string().split(" at line").next().unwrap_or("invalid"),
                e.column()
            )),
        }
    }
}

impl<R: BufRead> Iterator for JsonlRows<R> {
    type Item = io::Result<Row>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            self.line.clear();
            match self.input.read_until(b'\n', &mut self.line) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => return Some(Err(e)),
            }
            let blank = self.line.iter().all(u8::is_ascii_whitespace)
                || (self.number == 0 && self.line.trim_ascii() == "\u{feff}".as_bytes());
            if !blank {
                self.number += 1;
                return Some(Ok(self.row()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<Row> {
        JsonlRows::new(text.as_bytes())
            .map(Result::unwrap)
            .collect()
    }

    #[test]
    fn reads_values_of_every_json_type() {
        let got = rows(
            "\u{feff}{\"id\": 7, \"ki67\": 12, \"bilobar\": true, \"prior\": [\"ssa\"], \"primary\": \"pancreas\", \"age\": null}\r\n\n",
        );
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].id.as_deref(), Some("7"));
        let answers = got[0].answers.as_ref().unwrap();
        assert!(answers.contains(&(Field::Ki67, RawValue::Number(12.0))));
        assert!(answers.contains(&(Field::Bilobar, RawValue::Bool(true))));
        assert!(answers.contains(&(Field::Prior, RawValue::List(vec!["ssa".into()]))));
        assert_eq!(answers.len(), 4);
    }

    #[test]
    fn bad_lines_become_error_records_and_reading_goes_on() {
        let got = rows("{\"ki67\": 1\n[1]\n{\"weight\": 80}\n{\"ki67\": {}}\n{\"ki67\": 3}\n");
        assert_eq!(got.len(), 5);
        let message = |i: usize| got[i].answers.as_ref().unwrap_err().message.clone();
        assert!(message(0).contains("malformed JSON"), "{}", message(0));
        assert!(message(1).contains("not a JSON object"));
        assert!(message(2).contains("unknown column 'weight'"));
        assert!(message(3).contains("an object"));
        assert!(got[4].answers.is_ok());
        assert_eq!(got[4].number, 5);
    }

    #[test]
    fn both_spellings_of_one_field_are_refused() {
        let got = rows("{\"largest-cm\": 2, \"largest_cm\": 3, \"ki67\": 1}\n");
        assert!(got[0]
            .answers
            .as_ref()
            .unwrap_err()
            .message
            .contains("twice"));
    }
}
