//! TOML read strictly (profiles, knowledge overrides): numbers only in plain decimal, parser
//! messages on one line with the line number and without long echoed text.

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt::{self, Write as _};
use toml::Spanned;

/// A TOML document reduced to where its numbers are.
enum Node {
    Number,
    Table(Vec<(String, Spanned<Node>)>),
    Array(Vec<Spanned<Node>>),
    Other,
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a TOML value")
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Node, E> {
        Ok(Node::Number)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Node, E> {
        Ok(Node::Number)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Node, E> {
        Ok(Node::Number)
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Node, E> {
        Ok(Node::Other)
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Node, E> {
        Ok(Node::Other)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<Node>>()? {
            items.push(item);
        }
        Ok(Node::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            entries.push((key, map.next_value::<Spanned<Node>>()?));
        }
        Ok(Node::Table(entries))
    }
}

/// Refuses a number not written in plain decimal (`0x10`, `inf`, `nan`) or too large for a
/// double (`1e309`): returns the message naming the key and its line.
pub fn check_numbers(text: &str) -> Result<(), String> {
    // A document that does not parse is reported by the real parse that follows.
    let Ok(root) = toml::from_str::<Node>(text) else {
        return Ok(());
    };
    walk(text, "", &root)
}

fn walk(text: &str, path: &str, node: &Node) -> Result<(), String> {
    let child = |key: &str| {
        if path.is_empty() {
            key.to_owned()
        } else {
            format!("{path}.{key}")
        }
    };
    match node {
        Node::Table(entries) => entries.iter().try_for_each(|(key, value)| {
            let path = child(key);
            check_leaf(text, &path, value)?;
            walk(text, &path, value.get_ref())
        }),
        Node::Array(items) => items.iter().try_for_each(|item| {
            check_leaf(text, path, item)?;
            walk(text, path, item.get_ref())
        }),
        Node::Number | Node::Other => Ok(()),
    }
}

fn check_leaf(text: &str, path: &str, value: &Spanned<Node>) -> Result<(), String> {
    if !matches!(value.get_ref(), Node::Number) {
        return Ok(());
    }
    let span = value.span();
    let raw = text.get(span.clone()).unwrap_or_default().trim();
    let plain = raw
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E' | b'_'));
    let finite = raw
        .replace('_', "")
        .parse::<f64>()
        .is_ok_and(f64::is_finite);
    if plain && finite {
        return Ok(());
    }
    let why = if plain {
        "too large"
    } else {
        "not a plain decimal number (no hex, octal, binary, inf or nan)"
    };
    Err(format!(
        "{} (line {}): '{}' is {why}",
        shorten(path),
        line_of(text, span.start),
        shorten(raw)
    ))
}

/// The 1-based line of byte `offset`.
pub fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset).map_or(0, |t| t.matches('\n').count()) + 1
}

/// A place in a file, as messages name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub line: usize,
    pub column: usize,
}

impl Place {
    /// The place of byte `offset`: 1-based line and column (in characters).
    pub fn of(text: &str, offset: usize) -> Self {
        let before = text.get(..offset).unwrap_or_default();
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Self {
            line: line_of(text, offset),
            column: before[line_start..].chars().count() + 1,
        }
    }
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}, column {}", self.line, self.column)
    }
}

/// Where the value at `path` (keys from the top of the document) starts, if the document parses
/// and holds it.
pub fn locate(text: &str, path: &[&str]) -> Option<Place> {
    let root = toml::from_str::<Node>(text).ok()?;
    let mut node = &root;
    let mut start = None;
    for key in path {
        let Node::Table(entries) = node else {
            return None;
        };
        let (_, value) = entries.iter().find(|(k, _)| k == key)?;
        start = Some(value.span().start);
        node = value.get_ref();
    }
    start.map(|offset| Place::of(text, offset))
}

/// The sections of a document and the keys of each, in the order they are written (a parsed
/// table is sorted by key, which would scatter what the author grouped).
pub fn sections_in_order(text: &str) -> Vec<(String, Vec<String>)> {
    let Ok(Node::Table(sections)) = toml::from_str::<Node>(text) else {
        return Vec::new();
    };
    sections
        .into_iter()
        .map(|(section, body)| {
            let keys = match body.into_inner() {
                Node::Table(entries) => entries.into_iter().map(|(k, _)| k).collect(),
                _ => Vec::new(),
            };
            (section, keys)
        })
        .collect()
}

/// The line on which the key at `path` is written (the line its value starts on).
pub fn line_of_key(text: &str, path: &[&str]) -> Option<usize> {
    locate(text, path).map(|p| p.line)
}

pub use crate::model::field::shorten;

/// A number as TOML: whole numbers as integers (while exact), others as floats.
pub fn number(n: f64) -> String {
    // Beyond 2^53 an f64 is no longer an exact integer, and an i64 literal may overflow.
    const EXACT: f64 = 9_007_199_254_740_992.0;
    if n.fract() == 0.0 && n.abs() < EXACT {
        format!("{n}")
    } else {
        format!("{n:?}")
    }
}

/// A TOML basic string.
pub fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A TOML parser error on one line: its message (long `quoted` parts shortened), the line, and
/// a hint when the line holds a decimal comma. Never the offending text itself.
pub fn parse_error(text: &str, e: &toml::de::Error) -> String {
    let message: Vec<String> = e
        .message()
        .split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                shorten(part)
            } else {
                part.to_owned()
            }
        })
        .collect();
    let message = message
        .join("`")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("; ");
    let Some(span) = e.span() else {
        return message;
    };
    let place = Place::of(text, span.start);
    let hint = if text
        .lines()
        .nth(place.line - 1)
        .is_some_and(has_decimal_comma)
    {
        " (a decimal comma? use a decimal point, e.g. 12.5)"
    } else {
        ""
    };
    format!("{message} ({place}){hint}")
}

/// Whether a `key = value` line's value is digits, a comma, digits (e.g. `12,5`).
fn has_decimal_comma(line: &str) -> bool {
    let Some((_, value)) = line.split_once('=') else {
        return false;
    };
    let value = value.split('#').next().unwrap_or_default().trim();
    let value = value.trim_start_matches(['-', '+']);
    value.split_once(',').is_some_and(|(a, b)| {
        !a.is_empty()
            && !b.is_empty()
            && a.bytes().all(|c| c.is_ascii_digit())
            && b.bytes().all(|c| c.is_ascii_digit())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_must_be_plain_decimal_and_finite() {
        assert!(check_numbers("a = 1\nb = -0\nc = 1.5e3\nd = 1_000\n[s]\nx = [1, 2]\n").is_ok());
        for (text, needle) in [
            ("a = 0x10", "a (line 1): '0x10' is not a plain"),
            ("\n[s]\nb = inf", "s.b (line 3): 'inf'"),
            ("a = nan", "'nan'"),
            ("a = { value = 0o7 }", "a.value"),
        ] {
            let err = check_numbers(text).unwrap_err();
            assert!(err.contains(needle), "{text}: {err}");
        }
        // Beyond a double the parser itself refuses the number (reported by `parse_error`).
        assert!(toml::from_str::<toml::Table>("a = 1e309").is_err());
    }

    #[test]
    fn strings_are_escaped() {
        assert_eq!(quoted("a\"b\\c\n"), "\"a\\\"b\\\\c\\u000A\"");
    }

    #[test]
    fn values_are_located_by_their_path() {
        let text = "a = 1\n\n[transplant]\nage_limit = { value = 65 }\nsites = [\"x\"]\n";
        assert_eq!(locate(text, &["a"]), Some(Place { line: 1, column: 5 }));
        assert_eq!(line_of_key(text, &["transplant", "age_limit"]), Some(4));
        assert_eq!(
            locate(text, &["transplant", "age_limit", "value"]),
            Some(Place {
                line: 4,
                column: 23
            })
        );
        assert_eq!(line_of_key(text, &["transplant", "sites"]), Some(5));
        assert_eq!(locate(text, &["nope"]), None);
        assert_eq!(
            sections_in_order("[b]\nz = 1\ny = 2\n[a]\nx = 3\n"),
            [
                ("b".to_owned(), vec!["z".to_owned(), "y".to_owned()]),
                ("a".to_owned(), vec!["x".to_owned()])
            ]
        );
        assert_eq!(Place::of("ab\nçd", 5).to_string(), "line 2, column 2");
    }

    #[test]
    fn parse_errors_give_the_line_and_a_decimal_comma_hint() {
        let text = "a = 1\nki67 = 12,5\n";
        let e = toml::from_str::<toml::Table>(text).unwrap_err();
        let message = parse_error(text, &e);
        assert!(message.contains("(line 2, column "), "{message}");
        assert!(message.contains("decimal point"), "{message}");
        let long = "x".repeat(100);
        let text = format!("{long} = 1\n{long} = 2\n");
        let e = toml::from_str::<toml::Table>(&text).unwrap_err();
        assert!(!parse_error(&text, &e).contains(&long));
    }
}
