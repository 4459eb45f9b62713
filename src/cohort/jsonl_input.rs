//! Reads a cohort from JSON Lines: one object a line, keyed by flag names (plus an optional
//! `id`); values may be strings, numbers, booleans, or a list (for `prior`). Blank lines are
//! skipped; a line that is not a JSON object is an error record, and the next line goes on.

use super::bounded::{self, NextLine};
use super::row::{shorten, Checked, Row, RowError};
use crate::input::{FIELD_MAX, FIELD_MAX_SHOWN};
use crate::model::aliases;
use crate::model::patient::FieldSet;
use crate::model::{Field, FieldError, Patient, RawValue};
use serde::de::value::MapAccessDeserializer;
use serde::de::{
    self, Deserialize, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor,
};
use serde_json::{Number, Value};
use std::borrow::Cow;
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
        match Field::from_exact_name(key) {
            Some(field) => Key::Field(field),
            None => Key::Other(key.to_owned()),
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

/// A value of a line, as `serde_json::Value` holds it but for its texts, borrowed from the line
/// where they hold no escape (nearly always): a text is copied only where it is kept.
#[derive(Debug, Clone, PartialEq)]
enum Val<'a> {
    Null,
    Bool(bool),
    Number(Number),
    Text(Cow<'a, str>),
    List(Vec<Val<'a>>),
    /// No answer takes an object: it is kept whole only to be shown.
    Object(Value),
}

impl Val<'_> {
    /// The value as `serde_json::Value` holds it (to show it as JSON text).
    fn to_value(&self) -> Value {
        match self {
            Val::Null => Value::Null,
            Val::Bool(b) => Value::Bool(*b),
            Val::Number(n) => Value::Number(n.clone()),
            Val::Text(s) => Value::String(s.as_ref().to_owned()),
            Val::List(items) => Value::Array(items.iter().map(Val::to_value).collect()),
            Val::Object(object) => object.clone(),
        }
    }
}

impl<'de> Deserialize<'de> for Val<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ValVisitor)
    }
}

/// Reads a value as `serde_json::Value`'s own visitor does, case for case (a non-finite number
/// becomes null), so that a line reads, and fails, exactly as it would into a `Value`.
struct ValVisitor;

impl<'de> Visitor<'de> for ValVisitor {
    type Value = Val<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any valid JSON value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Val<'de>, E> {
        Ok(Val::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Val<'de>, E> {
        Ok(Val::Number(v.into()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Val<'de>, E> {
        Ok(Val::Number(v.into()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Val<'de>, E> {
        Ok(Number::from_f64(v).map_or(Val::Null, Val::Number))
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Val<'de>, E> {
        Ok(Val::Text(Cow::Borrowed(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Val<'de>, E> {
        Ok(Val::Text(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Val<'de>, E> {
        Ok(Val::Text(Cow::Owned(v)))
    }
    fn visit_none<E: de::Error>(self) -> Result<Val<'de>, E> {
        Ok(Val::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Val<'de>, D::Error> {
        Val::deserialize(d)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Val<'de>, E> {
        Ok(Val::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Val<'de>, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Val::List(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Val<'de>, A::Error> {
        Value::deserialize(MapAccessDeserializer::new(map)).map(Val::Object)
    }
}

/// A line's entries, in order, duplicates kept (a JSON map would keep only the last of two
/// equal keys, silently).
type Entries<'a> = Vec<(Key, Val<'a>)>;

/// An empty list of entries for a new line, in the allocation the last line left (an emptied
/// list collected into one of the same layout keeps its allocation): a record allocates no list.
fn recycle<'a>(spare: &mut Entries<'_>) -> Entries<'a> {
    spare.clear();
    std::mem::take(spare)
        .into_iter()
        .map(|_| (Key::Id, Val::Null))
        .collect()
}

/// Reads a line into `entries`: whether the line is a JSON object.
struct LineSeed<'a, 'de>(&'a mut Entries<'de>);

impl<'de> DeserializeSeed<'de> for LineSeed<'_, 'de> {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for LineSeed<'_, 'de> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        while let Some(key) = map.next_key::<Key>()? {
            self.0.push((key, map.next_value::<Val<'de>>()?));
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
fn parse<'a>(line: &'a str, entries: &mut Entries<'a>) -> serde_json::Result<bool> {
    entries.clear();
    let mut reader = serde_json::Deserializer::from_str(line);
    let object = LineSeed(entries).deserialize(&mut reader)?;
    reader.end()?;
    Ok(object)
}

/// A text value no answer may hold: too long, or with a NUL character.
fn bad_text(key: &str, value: &Val) -> Option<RowError> {
    let Val::Text(s) = value else {
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
    /// The list the entries of the last line were read into (kept for the next line).
    entries: Entries<'static>,
    /// The text of the answer being validated (kept for the next one: see [`set`]).
    text: String,
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
            text: String::new(),
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

fn shown(value: &Val) -> String {
    match value {
        Val::Text(s) => shorten(s),
        other => shorten(&other.to_value().to_string()),
    }
}

/// A raw answer, its text still borrowed from the line.
enum Answer<'a> {
    Text(Cow<'a, str>),
    Other(RawValue),
}

impl Answer<'_> {
    fn into_raw(self) -> RawValue {
        match self {
            Answer::Text(s) => RawValue::Text(s.into_owned()),
            Answer::Other(raw) => raw,
        }
    }
}

/// A JSON value as a raw answer; `None` when it says "unknown" (null or empty text).
fn raw(field: Field, value: Val) -> Result<Option<Answer>, RowError> {
    Ok(match value {
        Val::Null => None,
        Val::Text(s)
            if s.bytes().all(|b| b.is_ascii_whitespace())
                || (!s.is_ascii() && s.trim().is_empty()) =>
        {
            None
        }
        Val::Text(s) => Some(Answer::Text(s)),
        Val::Number(n) => match n.as_f64() {
            Some(n) => Some(Answer::Other(RawValue::Number(n))),
            None => return Err(RowError::wrong_type(field, "a number out of range")),
        },
        Val::Bool(b) => Some(Answer::Other(RawValue::Bool(b))),
        Val::List(items) => {
            let mut list = Vec::with_capacity(items.len());
            for item in items {
                match item {
                    Val::Text(s) => list.push(s.into_owned()),
                    Val::Number(n) => list.push(n.to_string()),
                    _ => {
                        return Err(RowError::wrong_type(
                            field,
                            "a list holding a non-text item",
                        ))
                    }
                }
            }
            Some(Answer::Other(RawValue::List(list)))
        }
        Val::Object(_) => return Err(RowError::wrong_type(field, "an object")),
    })
}

/// Validates `answer` into `patient` (through [`Patient::set`], the one validation point). A
/// text goes in `text`'s allocation, kept from answer to answer: no copy of it is made.
fn set(
    patient: &mut Patient,
    field: Field,
    answer: Answer,
    text: &mut String,
) -> Result<(), FieldError> {
    let raw = match answer {
        Answer::Text(s) => {
            let mut kept = std::mem::take(text);
            kept.clear();
            kept.push_str(&s);
            RawValue::Text(kept)
        }
        Answer::Other(raw) => raw,
    };
    let set = patient.set(field, &raw);
    if let RawValue::Text(kept) = raw {
        *text = kept;
    }
    set
}

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

/// Reads a record's entries: its id, and each answer, in order, handed to `add`, until one is
/// refused (then the reason).
fn answers<'a>(
    object: &mut Entries<'a>,
    add: &mut dyn FnMut(Field, Answer<'a>),
) -> (Option<String>, Result<(), RowError>) {
    let mut id = None;
    let mut given = FieldSet::default();
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
                Val::Null => None,
                Val::Text(s) if s.len() > FIELD_MAX => None,
                Val::Text(s) => Some(s.into_owned()),
                other => Some(other.to_value().to_string()),
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
            // The same answer given twice (e.g. `largest-cm` and `largest_cm`).
            Ok(Some(_)) if given.contains(field) => Err(RowError::twice(field)),
            Ok(Some(answer)) => {
                given.insert(field);
                add(field, answer);
                Ok(())
            }
            Ok(None) => Ok(()),
            Err(e) => Err(e),
        };
    }
    (id, result)
}

impl<R: BufRead> JsonlRows<R> {
    /// The record on the line just read: its id, and what `finish` makes of its entries (or
    /// why the line is not a record).
    fn record<T>(
        &mut self,
        finish: impl FnOnce(&mut Entries<'_>, &mut String) -> (Option<String>, Result<T, RowError>),
    ) -> (Option<String>, Result<T, RowError>) {
        let mut line = self.line.as_slice();
        if self.number == 1 {
            line = line.strip_prefix("\u{feff}".as_bytes()).unwrap_or(line);
        }
        let malformed = |message: String| (None, Err(RowError::malformed(message)));
        if memchr::memchr(0, line).is_some() {
            return malformed("the line contains a NUL byte".to_owned());
        }
        // Checked once as a whole: serde_json then reads its strings without checking each.
        let Ok(line) = std::str::from_utf8(line) else {
            return malformed("the line is not valid UTF-8".to_owned());
        };
        // serde_json's messages give line and column, never the text itself; its recursion
        // limit turns a deeply nested line into an error, not a stack overflow.
        let mut entries = recycle(&mut self.entries);
        let parsed = parse(line, &mut entries)
            .map(|object| object.then(|| finish(&mut entries, &mut self.text)));
        // A hostile line's many keys are not kept for the next line.
        entries.shrink_to(PAIRWISE_MAX);
        self.entries = recycle(&mut entries);
        match parsed {
            Ok(Some(record)) => record,
            Ok(None) => malformed("the line is not a JSON object".to_owned()),
            Err(e) => {
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

    /// The record on the line just read, its answers as given.
    fn row(&mut self) -> Row {
        let (id, answers) = self.record(|entries, _| {
            let mut list = Vec::with_capacity(entries.len().min(Field::ALL.len()));
            let (id, read) = answers(entries, &mut |field, answer| {
                list.push((field, answer.into_raw()));
            });
            (id, read.map(|()| list))
        });
        Row {
            number: self.number,
            line: Some(self.line_number),
            id,
            answers,
        }
    }

    /// The record on the line just read, validated: as `Checked::from(self.row())`, without
    /// the list of answers and their copies in between.
    fn checked(&mut self) -> Checked {
        let (id, patient) = self.record(|entries, text| {
            let mut patient = Patient::default();
            // The first answer refused, in order; reported only when every entry was read (a
            // record's own errors come first, as when its answers are listed then validated).
            let mut invalid = None;
            let (id, read) = answers(entries, &mut |field, answer| {
                if invalid.is_none() {
                    invalid = set(&mut patient, field, answer, text).err();
                }
            });
            let checked = match (read, invalid) {
                (Err(e), _) => Err(e),
                (Ok(()), Some(e)) => Err(RowError::from(e)),
                (Ok(()), None) => Ok(patient),
            };
            (id, checked)
        });
        Checked {
            number: self.number,
            line: Some(self.line_number),
            id,
            patient,
        }
    }

    /// Reads the next line: whether it fits under the cap (else it is skipped); `None` at the
    /// end.
    fn advance(&mut self) -> Option<io::Result<bool>> {
        let read = bounded::next_line(
            &mut self.input,
            &mut self.line,
            &mut self.number,
            &mut self.line_number,
        );
        match read {
            Ok(NextLine::End) => None,
            Ok(NextLine::Line) => Some(Ok(true)),
            Ok(NextLine::TooLong) => Some(Ok(false)),
            Err(e) => Some(Err(e)),
        }
    }
}

impl<R: BufRead + super::Buffered> super::Rows for JsonlRows<R> {
    fn buffered(&self) -> bool {
        self.input.has_buffered()
    }

    fn next_checked(&mut self) -> Option<io::Result<Checked>> {
        if self.fhir {
            return self.next().map(|row| row.map(Checked::from));
        }
        Some(match self.advance()? {
            Err(e) => Err(e),
            Ok(true) => Ok(self.checked()),
            Ok(false) => Ok(Checked {
                number: self.number,
                line: Some(self.line_number),
                id: None,
                patient: Err(RowError::too_long()),
            }),
        })
    }
}

impl<R: BufRead> Iterator for JsonlRows<R> {
    type Item = io::Result<Row>;

    fn next(&mut self) -> Option<Self::Item> {
        match self.advance()? {
            Err(e) => Some(Err(e)),
            Ok(false) => Some(Ok(Row {
                number: self.number,
                line: Some(self.line_number),
                id: None,
                answers: Err(RowError::too_long()),
            })),
            Ok(true) if self.fhir => {
                let mut row = super::fhir_input::row(&self.line, self.number);
                row.line = Some(self.line_number);
                Some(Ok(row))
            }
            Ok(true) => Some(Ok(self.row())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cohort::Rows as _;
    use proptest::prelude::*;

    /// Each record of `text` validated straight from its line (as `batch` reads), and validated
    /// from its listed answers (as every other reader): they must be the same, error for error.
    fn both_ways(text: &str) -> (Vec<Checked>, Vec<Checked>) {
        let mut straight = Vec::new();
        let mut reader = JsonlRows::new(text.as_bytes());
        while let Some(checked) = reader.next_checked() {
            straight.push(checked.unwrap());
        }
        let listed = rows(text).into_iter().map(Checked::from).collect();
        (straight, listed)
    }

    #[test]
    fn values_no_answer_takes_are_shown_as_json_writes_them() {
        let got = rows(
            "{\"id\": [1, \"a\", {\"b\": null}], \"ki67\": 2}\n{\"id\": 1.5e3, \"weight\": {\"x\": [1, 2.0]}}\n",
        );
        assert_eq!(got[0].id.as_deref(), Some(r#"[1,"a",{"b":null}]"#));
        assert_eq!(got[1].id.as_deref(), Some("1500.0"));
        let error = got[1].answers.as_ref().unwrap_err();
        assert_eq!(error.value.as_deref(), Some(r#"{"x":[1,2.0]}"#));
    }

    #[test]
    fn records_validated_straight_from_the_line_are_those_of_the_listed_answers() {
        let long = "a".repeat(FIELD_MAX + 1);
        let lines = [
            "\u{feff}{\"id\": \"p1\", \"ki67\": 12, \"primary\": \"pancreas\", \"age\": 61}"
                .to_owned(),
            // Escaped texts are not borrowed from the line.
            r#"{"id": "p\u00e9", "ki67": 3, "primary": "\u0070ancreas", "sstr": "positive"}"#
                .to_owned(),
            // A record's own errors come before an invalid answer, whatever their order.
            r#"{"ki67": 140, "weight": 3}"#.to_owned(),
            r#"{"ki67": 140, "age": 5, "age": 6}"#.to_owned(),
            r#"{"ki67": 140, "age": {}}"#.to_owned(),
            r#"{"ki67": 140, "prior": [["ssa"]]}"#.to_owned(),
            r#"{"ki67": 140, "largest-cm": 2, "largest_cm": 3}"#.to_owned(),
            format!(r#"{{"ki67": 140, "primary": "{long}"}}"#),
            r#"{"ki67": 140, "primary": "pan\u0000creas"}"#.to_owned(),
            // The first invalid answer is the one named.
            r#"{"ki67": 140, "age": -1}"#.to_owned(),
            r#"{"age": -1, "ki67": 140}"#.to_owned(),
            r#"{"ki67": 5, "prior": "none", "current": "ssa"}"#.to_owned(),
            r#"{"ki67": 5, "current": "ssa", "prior": []}"#.to_owned(),
            // Unknown answers, both spellings, lists and numbers as text.
            r#"{"largest-cm": null, "largest_cm": 3, "ki67": 2}"#.to_owned(),
            r#"{"primary": "  ", "ki67": "12%", "mitoses": "1.5"}"#.to_owned(),
            r#"{"ki67": 2, "prior": ["ssa", 5]}"#.to_owned(),
            r#"{"ki67": 2, "prior": ["ssa", null]}"#.to_owned(),
            r#"{"ki67": 2, "prior": "ssa, prrt", "current": ["everolimus"]}"#.to_owned(),
            r#"{"ki67": -0, "mitoses": 1e308, "bilobar": true, "ecog": 1.0}"#.to_owned(),
            // Ids of every kind.
            r#"{"id": 7.5, "ki67": 2}"#.to_owned(),
            r#"{"id": true, "ki67": 2}"#.to_owned(),
            r#"{"id": [1, "a", {"b": null}], "ki67": 2}"#.to_owned(),
            r#"{"id": {"a": [1]}, "ki67": 2}"#.to_owned(),
            r#"{"id": null, "ki67": 2}"#.to_owned(),
            r#"{"id": "a", "ki67": 2, " ID ": "b"}"#.to_owned(),
            format!(r#"{{"id": "{long}", "ki67": 2}}"#),
            // Keys that are not a field's own name.
            r#"{"Ki-67 (%)": 4, "weight": [1, {"x": 2}]}"#.to_owned(),
            r#"{"weight": {"x": 2}}"#.to_owned(),
            r#"{"weight": 1.5e3}"#.to_owned(),
            // Lines that are no record.
            r#"{"ki67": 1"#.to_owned(),
            "[1, 2]".to_owned(),
            "\"text\"".to_owned(),
            r#"{"ki67": 1e400}"#.to_owned(),
            "{\"ki67\": \"\u{1}\"}".to_owned(),
            "{}".to_owned(),
            String::new(),
        ];
        let text = lines.join("\n");
        let (straight, listed) = both_ways(&text);
        assert_eq!(straight.len(), lines.len() - 1, "the blank line is skipped");
        assert_eq!(straight, listed);
        // Lines no text can hold: a NUL byte, invalid UTF-8, a line over the cap.
        let mut bytes = b"{\"ki67\": 1}\n{\"ki67\": \x00}\n{\"primary\": \"\xff\"}\n".to_vec();
        bytes.extend(std::iter::repeat_n(b' ', crate::input::LINE_MAX + 1));
        bytes.extend(b"\n{\"ki67\": 2}\n");
        let mut straight = Vec::new();
        let mut reader = JsonlRows::new(bytes.as_slice());
        while let Some(checked) = reader.next_checked() {
            straight.push(checked.unwrap());
        }
        let listed: Vec<Checked> = JsonlRows::new(bytes.as_slice())
            .map(|row| Checked::from(row.unwrap()))
            .collect();
        assert_eq!(straight.len(), 5);
        assert_eq!(straight, listed);
    }

    /// Pieces of records: keys (fields, aliases, `id`, unknown), values of every JSON type, and
    /// punctuation, so that most lines are objects and some are broken.
    fn line() -> impl Strategy<Value = String> {
        let key = prop::sample::select(vec![
            "id",
            "ID",
            "ki67",
            "Ki-67",
            "mitoses",
            "differentiation",
            "primary",
            "lesions",
            "largest-cm",
            "largest_cm",
            "liver-burden",
            "extrahepatic",
            "sstr",
            "age",
            "prior",
            "current",
            "ecog",
            "weight",
        ]);
        let value = prop::sample::select(vec![
            "12",
            "-1",
            "0.5",
            "140",
            "1e308",
            "null",
            "true",
            "\"\"",
            "\" \"",
            "\"well\"",
            "\"poor\"",
            "\"pancreas\"",
            "\"\\u0070ancreas\"",
            "\"yes\"",
            "\"positive\"",
            "\"none\"",
            "\"ssa,prrt\"",
            "[\"ssa\"]",
            "[\"ssa\", 3]",
            "[null]",
            "[]",
            "{}",
            "{\"a\": [1]}",
            "\"12%\"",
            "\"x\\u0000\"",
            "[",
        ]);
        prop::collection::vec((key, value), 0..8).prop_map(|entries| {
            let body: Vec<String> = entries
                .into_iter()
                .map(|(k, v)| format!("\"{k}\": {v}"))
                .collect();
            format!("{{{}}}", body.join(", "))
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn any_record_validates_the_same_either_way(lines in prop::collection::vec(line(), 1..6)) {
            let (straight, listed) = both_ways(&lines.join("\n"));
            prop_assert_eq!(straight, listed);
        }
    }

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
