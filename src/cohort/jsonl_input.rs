//! Reads a cohort from JSON Lines: one object a line, keyed by flag names (plus an optional
//! `id`); values may be strings, numbers, booleans, or a list (for `prior`). Blank lines are
//! skipped; a line that is not a JSON object is an error record, and the next line goes on.

use super::bounded::{self, NextLine};
use super::row::{shorten, Answers, Row, RowError};
use crate::input::{FIELD_MAX, FIELD_MAX_SHOWN};
use crate::model::aliases;
use crate::model::patient::FieldSet;
use crate::model::{Field, RawValue};
use serde::de::{
    self, Deserialize, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor,
};
use serde_json::Value;
use std::fmt;
use std::io::{self, BufRead};

/// A key of a record: `id` or a field's own name (nearly every key, kept without allocating),
/// or any other text. Two keys are equal exactly when their texts are.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Id,
    Field(Field),
    Other(String),
}

impl Key {
    fn new(key: &str) -> Self {
        if key == "id" {
            return Key::Id;
        }
        match Field::from_name(key) {
            Some(field) if field.name() == key => Key::Field(field),
            _ => Key::Other(key.to_owned()),
        }
    }

    fn text(&self) -> &str {
        match self {
            Key::Id => "id",
            Key::Field(field) => field.name(),
            Key::Other(key) => key,
        }
    }
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl Visitor<'_> for KeyVisitor {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Key, E> {
        Ok(Key::new(v))
    }
}

/// A line's entries, in order, duplicates kept (a JSON map would keep only the last of two
/// equal keys, silently).
type Entries = Vec<(Key, Value)>;

/// Reads a line into `entries` (kept from line to line, so that a record allocates no list):
/// whether the line is a JSON object.
struct LineSeed<'a>(&'a mut Entries);

impl<'de> DeserializeSeed<'de> for LineSeed<'_> {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for LineSeed<'_> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        while let Some(key) = map.next_key::<Key>()? {
            self.0.push((key, map.next_value::<Value>()?));
        }
        Ok(true)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(false)
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_unit<E: de::Error>(self) -> Result<bool, E> {
        Ok(false)
    }
}

/// Reads `line` into `entries`, as `serde_json::from_str` reads a value (nothing may follow
/// it): whether it is an object.
fn parse(line: &str, entries: &mut Entries) -> serde_json::Result<bool> {
    entries.clear();
    let mut reader = serde_json::Deserializer::from_str(line);
    let object = LineSeed(entries).deserialize(&mut reader)?;
    reader.end()?;
    Ok(object)
}

/// A text value no answer may hold: too long, or with a NUL character.
fn bad_text(key: &str, value: &Value) -> Option<RowError> {
    let Value::String(s) = value else {
        return None;
    };
    let why = if s.len() > FIELD_MAX {
        format!("is longer than {FIELD_MAX_SHOWN}")
    } else if s.contains('\0') {
        "contains a NUL character".to_owned()
    } else {
        return None;
    };
    let name = shorten(key);
    Some(RowError {
        message: format!("the value of {name} {why}"),
        field: Some(name),
        value: None,
        expected: None,
    })
}

/// The rows of a JSON Lines cohort, read one line at a time.
pub struct JsonlRows<R: BufRead> {
    input: R,
    line: Vec<u8>,
    number: u64,
    /// Lines of FHIR resources (NDJSON) rather than of patient objects.
    fhir: bool,
    /// Lines read so far, blank ones included.
    line_number: u64,
    /// The entries of the line being read (the list is kept for the next line).
    entries: Entries,
}

impl<R: BufRead> JsonlRows<R> {
    pub fn new(input: R) -> Self {
        Self {
            input,
            line: Vec::new(),
            number: 0,
            fhir: false,
            line_number: 0,
            entries: Vec::new(),
        }
    }

    /// The rows of a cohort of FHIR resources, one a line (see `fhir_input`).
    pub fn fhir(input: R) -> Self {
        Self {
            fhir: true,
            ..Self::new(input)
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
        Value::String(s)
            if s.bytes().all(|b| b.is_ascii_whitespace())
                || (!s.is_ascii() && s.trim().is_empty()) =>
        {
            None
        }
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

/// Keys of a record compared pairwise at most; more go through a set.
const PAIRWISE_MAX: usize = 32;

/// Whether a key is the record's `id` (in any case, spaces around it ignored).
fn is_id(key: &Key) -> bool {
    let key = match key {
        Key::Id => return true,
        Key::Field(_) => return false,
        Key::Other(key) => key,
    };
    if key.eq_ignore_ascii_case("id") {
        return true;
    }
    // Trimmed only when it starts or ends with what may be white space: every other key is
    // read without the scan.
    let space = |b: &u8| !b.is_ascii() || char::from(*b).is_whitespace();
    let bytes = key.as_bytes();
    (bytes.first().is_some_and(space) || bytes.last().is_some_and(space))
        && key.trim().eq_ignore_ascii_case("id")
}

fn answers(object: &mut Entries) -> Record {
    let mut id = None;
    let mut answers = Answers::with_room_for(object.len());
    let mut result = Ok(());
    // Checked in order before any answer is read: a key given twice (a JSON map would keep only
    // the last, silently) and a text no answer may hold; `id` in another case is caught with the
    // id below.
    // Both spellings of one field are caught when the answers are collected. A real record has a
    // few dozen keys: `id` and a field's own name (nearly every key) are marked in a set, any
    // other key compared pairwise, without allocating; past that, a set keeps the check linear
    // however many keys a hostile line holds.
    let mut seen = (object.len() > PAIRWISE_MAX)
        .then(|| std::collections::HashSet::with_capacity(object.len()));
    let mut names_seen = FieldSet::default();
    let mut id_seen = false;
    for (i, (key, value)) in object.iter().enumerate() {
        if result.is_err() {
            break;
        }
        let repeated = match (&mut seen, key) {
            (Some(seen), _) => !seen.insert(key),
            (None, Key::Id) => std::mem::replace(&mut id_seen, true),
            (None, Key::Field(field)) => {
                let repeated = names_seen.contains(*field);
                names_seen.insert(*field);
                repeated
            }
            (None, Key::Other(_)) => object[..i].iter().any(|(k, _)| k == key),
        };
        if repeated {
            result = Err(RowError::key_twice(key.text()));
        } else if let Some(e) = bad_text(key.text(), value) {
            result = Err(e);
        }
    }
    let mut ids = 0;
    for (key, value) in object.drain(..) {
        if is_id(&key) {
            // `id` spelled in another case is the same key given twice.
            ids += 1;
            if ids > 1 && result.is_ok() {
                result = Err(RowError::key_twice(key.text()));
            }
            id = match value {
                Value::Null => None,
                Value::String(s) if s.len() > FIELD_MAX => None,
                Value::String(s) => Some(s),
                other => Some(other.to_string()),
            };
            continue;
        }
        if result.is_err() {
            continue;
        }
        let field = match &key {
            Key::Field(field) => Some(*field),
            _ => aliases::column(key.text()),
        };
        let Some(field) = field else {
            result = Err(RowError::unknown_column(key.text(), &shown(&value)));
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
    fn row(&mut self) -> Row {
        let mut line = self.line.as_slice();
        if self.number == 1 {
            line = line.strip_prefix("\u{feff}".as_bytes()).unwrap_or(line);
        }
        let malformed = |message: String| Row {
            number: self.number,
            line: Some(self.line_number),
            id: None,
            answers: Err(RowError::malformed(message)),
        };
        if memchr::memchr(0, line).is_some() {
            return malformed("the line contains a NUL byte".to_owned());
        }
        // Checked once as a whole: serde_json then reads its strings without checking each.
        let Ok(line) = std::str::from_utf8(line) else {
            return malformed("the line is not valid UTF-8".to_owned());
        };
        // serde_json's messages give line and column, never the text itself; its recursion
        // limit turns a deeply nested line into an error, not a stack overflow.
        let parsed = parse(line, &mut self.entries);
        // A hostile line's many keys are not kept for the next line.
        let kept = |entries: &mut Entries| entries.shrink_to(PAIRWISE_MAX);
        match parsed {
            Ok(true) => {
                let (id, answers) = answers(&mut self.entries);
                kept(&mut self.entries);
                Row {
                    number: self.number,
                    line: Some(self.line_number),
                    id,
                    answers,
                }
            }
            Ok(false) => malformed("the line is not a JSON object".to_owned()),
            Err(e) => {
                self.entries.clear();
                kept(&mut self.entries);
                // A CSV given as JSON Lines (by its extension or `--input`) fails on its header.
                let csv = || super::sniff(line.as_bytes()) == super::CohortInput::Csv;
                let hint = if self.number == 1 && csv() {
                    "; this looks like CSV: add --input csv"
                } else {
                    ""
                };
                malformed(format!(
                    "malformed JSON: {} at column {}{hint}",
                    e.to_string().split(" at line").next().unwrap_or("invalid"),
                    e.column()
                ))
            }
        }
    }
}

impl<R: BufRead + super::Buffered> super::Rows for JsonlRows<R> {
    fn buffered(&self) -> bool {
        self.input.has_buffered()
    }
}

impl<R: BufRead> Iterator for JsonlRows<R> {
    type Item = io::Result<Row>;

    fn next(&mut self) -> Option<Self::Item> {
        let read = bounded::next_line(
            &mut self.input,
            &mut self.line,
            &mut self.number,
            &mut self.line_number,
        );
        match read {
            Err(e) => Some(Err(e)),
            Ok(NextLine::End) => None,
            Ok(NextLine::TooLong) => Some(Ok(Row {
                number: self.number,
                line: Some(self.line_number),
                id: None,
                answers: Err(RowError::too_long()),
            })),
            Ok(NextLine::Line) if self.fhir => {
                let mut row = super::fhir_input::row(&self.line, self.number);
                row.line = Some(self.line_number);
                Some(Ok(row))
            }
            Ok(NextLine::Line) => Some(Ok(self.row())),
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
    fn a_key_given_twice_is_refused_whatever_its_spelling() {
        for (line, key) in [
            ("{\"ki67\": 1, \"primary\": \"ileum\", \"ki67\": 2}", "ki67"),
            ("{\"Ki-67\": 1, \"age\": 50, \"Ki-67\": 2}", "Ki-67"),
            (
                "{\"largest_cm\": 2, \"largest_cm\": 3, \"ki67\": 1}",
                "largest_cm",
            ),
            ("{\"weight\": 80, \"weight\": 81, \"ki67\": 1}", "weight"),
        ] {
            let got = rows(&format!("{line}\n"));
            let error = got[0].answers.as_ref().unwrap_err();
            assert_eq!(
                error.message,
                format!("key '{key}' is given twice"),
                "{line}"
            );
        }
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
