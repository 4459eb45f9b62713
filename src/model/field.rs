//! Raw answers and how they are read: the readers of numbers, words and treatment lists that
//! each field's row in the `fields!` table (`fields.rs`) uses, and the error that names the
//! field, the value and what is valid. Flags, profiles, cohort rows and the questionnaire all
//! parse through here.

pub use super::fields::Field;
use super::values::{OptionId, YesNo};
use std::fmt;

impl Field {
    /// Answers as a report names them: the questions' labels, joined by `; ` (some labels hold
    /// commas).
    pub fn labels(list: &[Field]) -> String {
        list.iter()
            .map(|f| f.label())
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// Finds a field by its kebab-case name; the snake_case spelling of the JSON report is
    /// accepted too, so a report's `patient` object can be fed back as a cohort row.
    pub fn from_name(name: &str) -> Option<Field> {
        // The exact spelling is the common case (cohort headers and keys): one match, no scan.
        let exact = Field::from_exact_name(name);
        if exact.is_some() {
            return exact;
        }
        let name = name.trim();
        Field::ALL.into_iter().find(|f| {
            let n = f.name();
            n.eq_ignore_ascii_case(name)
                || (n.len() == name.len()
                    && n.bytes()
                        .zip(name.bytes())
                        .all(|(a, b)| a.eq_ignore_ascii_case(&b) || (a == b'-' && b == b'_')))
        })
    }
}

impl serde::Serialize for Field {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl schemars::JsonSchema for Field {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Field".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let names: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
        schemars::json_schema!({
            "description": "A patient answer, named as its flag (kebab-case, without `--`)",
            "type": "string",
            "enum": names,
        })
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A raw answer as it arrives from a flag, a profile, a cohort row or a prompt.
#[derive(Debug, Clone, PartialEq)]
pub enum RawValue {
    Text(String),
    Number(f64),
    Bool(bool),
    List(Vec<String>),
}

impl fmt::Display for RawValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RawValue::Text(t) => f.write_str(t),
            RawValue::Number(n) => f.write_str(&exact(*n)),
            RawValue::Bool(b) => write!(f, "{b}"),
            RawValue::List(items) => f.write_str(&items.join(",")),
        }
    }
}

/// Shows a number exactly as it reads back: `3`, `2.5`, `2.999`, `3.001` — the shortest form
/// that parses to the same value, never rounded (a rounded figure could state the other side of
/// a threshold). Very large or very small magnitudes use an exponent (`1e-30`). Every number a
/// report or message shows goes through here.
pub fn exact(value: f64) -> String {
    // Whole numbers are the common case (thresholds, counts): skip float formatting.
    if value.fract() == 0.0 && value.abs() < 1e15 {
        // Integral and well within i64, so the conversion is exact.
        #[allow(clippy::cast_possible_truncation)]
        let whole = value as i64;
        return itoa::Buffer::new().format(whole).to_owned();
    }
    let plain = format!("{value}");
    if plain.len() > 24 {
        format!("{value:e}")
    } else {
        plain
    }
}

/// A value refused at the boundary: names the field, the value and what is valid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid value '{value}' for {field}: expected {expected}{hint}")]
pub struct FieldError {
    pub field: Field,
    pub value: String,
    pub expected: String,
    /// Extra help, already formatted with its leading separator (or empty).
    pub hint: String,
}

impl FieldError {
    pub fn new(field: Field, value: &RawValue) -> Self {
        Self::with_hint(field, value, "")
    }

    pub fn with_hint(field: Field, value: &RawValue, hint: &str) -> Self {
        Self {
            field,
            value: shorten(&value.to_string()),
            expected: field.expected(),
            hint: if hint.is_empty() {
                String::new()
            } else {
                format!(" ({hint})")
            },
        }
    }

    /// The message without the field name, for clap (which names the flag itself).
    pub fn expectation(&self) -> String {
        format!("expected {}{}", self.expected, self.hint)
    }
}

/// Longest key or value echoed back in a message.
const SHOWN_MAX: usize = 40;

/// A key or value as echoed in a message: never unbounded (it may be a whole pasted line that
/// identifies a patient), and never acting on the terminal (see [`escape`]). Every message that
/// quotes input goes through here.
pub fn shorten(text: &str) -> String {
    if text.chars().count() > SHOWN_MAX {
        escape(&text.chars().take(SHOWN_MAX).collect::<String>()).into_owned() + "…"
    } else {
        escape(text).into_owned()
    }
}

/// Whether a character would act on a terminal or reorder the text around it rather than be
/// seen: control characters (escape sequences, carriage return, backspace, C1) and the
/// bidirectional formatting marks.
fn acts_on_terminal(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

/// Text from outside (a file, its name, a flag) as it may be shown: every character that would
/// act on the terminal written as `\u{1b}`, so that input can never colour, move or rewrite
/// what the user reads.
pub fn escape(text: &str) -> std::borrow::Cow<'_, str> {
    use std::fmt::Write as _;
    if !text.chars().any(acts_on_terminal) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if acts_on_terminal(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out.into()
}

/// Reads a finite number, refusing the spellings that are easy to misread.
pub(crate) fn number(field: Field, raw: &RawValue) -> Result<f64, FieldError> {
    let value = match raw {
        RawValue::Number(n) => *n,
        RawValue::Text(text) => {
            let t = text.trim();
            // What a clinician types for a percentage: `12%`.
            let t = match t.strip_suffix('%') {
                Some(bare) if field.is_percentage() => bare.trim_end(),
                _ => t,
            };
            if t.contains(',') {
                return Err(FieldError::with_hint(
                    field,
                    raw,
                    "use a decimal point, not a comma",
                ));
            }
            let plain = t
                .bytes()
                .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'));
            if t.is_empty() || !plain {
                return Err(FieldError::new(field, raw));
            }
            let value = t.parse::<f64>().map_err(|_| FieldError::new(field, raw))?;
            // A number too small for the machine reads as 0: refuse it rather than assess a
            // value that was not given.
            let mantissa = t.split(['e', 'E']).next().unwrap_or_default();
            if value == 0.0 && mantissa.bytes().any(|b| matches!(b, b'1'..=b'9')) {
                return Err(FieldError::with_hint(
                    field,
                    raw,
                    "too small to tell from 0; write 0 if 0 is meant",
                ));
            }
            value
        }
        RawValue::Bool(_) | RawValue::List(_) => return Err(FieldError::new(field, raw)),
    };
    if value.is_finite() {
        // -0 is 0: keep the sign out of every later display.
        Ok(value + 0.0)
    } else {
        Err(FieldError::new(field, raw))
    }
}

/// Reads a number within `min..=max` (`min` exclusive when `open_min`).
pub(crate) fn bounded(
    field: Field,
    raw: &RawValue,
    min: f64,
    max: f64,
    open_min: bool,
) -> Result<f64, FieldError> {
    let v = number(field, raw)?;
    let low_ok = if open_min { v > min } else { v >= min };
    if low_ok && v <= max {
        Ok(v)
    } else {
        Err(FieldError::new(field, raw))
    }
}

/// Reads a whole number within `min..=max`.
pub(crate) fn whole(field: Field, raw: &RawValue, min: u32, max: u32) -> Result<u32, FieldError> {
    let v = number(field, raw)?;
    if v.fract() != 0.0 || v < f64::from(min) || v > f64::from(max) {
        return Err(FieldError::new(field, raw));
    }
    // In range and integral, so the conversion is exact.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Ok(v as u32)
}

/// Reads a word from a closed vocabulary.
pub(crate) fn word<T>(
    field: Field,
    raw: &RawValue,
    parse: impl Fn(&str) -> Option<T>,
) -> Result<T, FieldError> {
    match raw {
        RawValue::Text(t) => parse(t).ok_or_else(|| FieldError::new(field, raw)),
        _ => Err(FieldError::new(field, raw)),
    }
}

/// Reads yes/no; JSON and TOML booleans are accepted too.
pub(crate) fn yes_no(field: Field, raw: &RawValue) -> Result<YesNo, FieldError> {
    match raw {
        RawValue::Bool(b) => Ok(YesNo::from(*b)),
        _ => word(field, raw, YesNo::parse),
    }
}

/// Reads `--prior` or `--current`: `none`, or treatment ids as a comma list (or a list in a
/// file). The approach options are not treatments and are refused (rules.md §3.3, A-15).
pub(crate) fn treatments(field: Field, raw: &RawValue) -> Result<Vec<OptionId>, FieldError> {
    let items: Vec<&str> = match raw {
        RawValue::Text(t) => t.split(',').map(str::trim).collect(),
        RawValue::List(items) => items.iter().map(|s| s.trim()).collect(),
        _ => return Err(FieldError::new(field, raw)),
    };
    if items.len() == 1 && items[0].eq_ignore_ascii_case("none") {
        return Ok(Vec::new());
    }
    if matches!(raw, RawValue::List(_)) && items.is_empty() {
        return Ok(Vec::new());
    }
    let mut ids = Vec::new();
    for item in items {
        let Some(id) = OptionId::from_name_or_alias(item) else {
            let hint = if item.is_empty() {
                "an empty item".to_owned()
            } else if item.eq_ignore_ascii_case("none") {
                "'none' cannot be listed together with a treatment".to_owned()
            } else {
                format!("'{}' is not a treatment id", shorten(item))
            };
            return Err(FieldError::with_hint(field, raw, &hint));
        };
        if !id.is_treatment() {
            let hint = format!("'{id}' is not a treatment");
            return Err(FieldError::with_hint(field, raw, &hint));
        }
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> RawValue {
        RawValue::Text(s.into())
    }

    #[test]
    fn the_exact_spelling_is_each_fields_name() {
        for f in Field::ALL {
            assert_eq!(Field::from_name(f.name()), Some(f), "{f}");
            assert_eq!(Field::from_name(&f.name().to_uppercase()), Some(f), "{f}");
        }
    }

    #[test]
    fn names_round_trip_in_both_spellings() {
        for f in Field::ALL {
            assert_eq!(Field::from_name(f.name()), Some(f));
            assert_eq!(Field::from_name(&f.name().replace('-', "_")), Some(f));
        }
        assert_eq!(Field::from_name("nope"), None);
    }

    #[test]
    fn numbers_refuse_misreadable_spellings() {
        for bad in ["12,5", "NaN", "inf", "0x10", "1e309", "", "twelve", "1 2"] {
            assert!(number(Field::Ki67, &text(bad)).is_err(), "{bad}");
        }
        assert!(number(Field::Ki67, &text("12,5"))
            .unwrap_err()
            .hint
            .contains("decimal point"));
        assert_eq!(number(Field::Ki67, &text("-0")).unwrap().to_string(), "0");
        assert_eq!(number(Field::Ki67, &text(" 12.5 ")).unwrap(), 12.5);
    }

    #[test]
    fn whole_numbers_refuse_fractions_and_out_of_range() {
        assert_eq!(whole(Field::Ecog, &text("4"), 0, 4).unwrap(), 4);
        assert!(whole(Field::Ecog, &text("5"), 0, 4).is_err());
        assert!(whole(Field::Ecog, &text("1.5"), 0, 4).is_err());
        assert!(whole(Field::Ecog, &text("-1"), 0, 4).is_err());
    }

    #[test]
    fn prior_parses_lists_none_and_refuses_unknown_ids() {
        let prior = |t: &str| treatments(Field::Prior, &text(t));
        assert_eq!(prior("none").unwrap(), vec![]);
        assert_eq!(
            prior("SSA, prrt,ssa").unwrap(),
            vec![OptionId::Ssa, OptionId::Prrt]
        );
        let err = prior("ssa,chemo").unwrap_err();
        assert!(err.to_string().contains("'chemo' is not a treatment id"));
        let err = prior("none,ssa").unwrap_err();
        assert!(err.to_string().contains("'none' cannot be listed together"));
        for id in ["active-surveillance", "best-supportive-care"] {
            let err = treatments(Field::Current, &text(id)).unwrap_err();
            assert!(err.to_string().contains("is not a treatment"), "{err}");
            assert_eq!(err.field, Field::Current);
        }
    }

    #[test]
    fn a_percentage_may_end_in_a_percent_sign_and_nothing_else_may() {
        assert_eq!(number(Field::Ki67, &text("12%")).unwrap(), 12.0);
        assert_eq!(number(Field::LiverBurden, &text(" 30 % ")).unwrap(), 30.0);
        assert!(number(Field::Mitoses, &text("12%")).is_err());
        assert!(number(Field::Ki67, &text("%")).is_err());
        assert!(number(Field::Ki67, &text("12%%")).is_err());
    }

    #[test]
    fn prior_accepts_the_names_of_drugs_for_their_option() {
        assert_eq!(
            treatments(Field::Prior, &text("Octreotide, lanreotide, Lutathera")).unwrap(),
            vec![OptionId::Ssa, OptionId::Prrt]
        );
    }

    #[test]
    fn control_characters_are_never_echoed_raw() {
        assert_eq!(shorten("a\u{1b}[31mb\r\u{7}"), "a\\u{1b}[31mb\\u{d}\\u{7}");
        assert_eq!(shorten("x\u{202e}y\u{9b}"), "x\\u{202e}y\\u{9b}");
        assert_eq!(escape("plain ünïcode"), "plain ünïcode");
    }

    #[test]
    fn long_values_are_not_echoed_whole() {
        let long = "x".repeat(500);
        let err = FieldError::new(Field::Primary, &text(&long));
        assert!(err.value.chars().count() <= 41);
    }
}
