//! TOML read strictly (profiles, knowledge overrides): numbers only in plain decimal, parser
//! messages on one line with the line number and without long echoed text.

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;
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

pub use crate::model::field::shorten;

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
    let line = line_of(text, span.start);
    let hint = if text.lines().nth(line - 1).is_some_and(has_decimal_comma) {
        " (a decimal comma? use a decimal point, e.g. 12.5)"
    } else {
        ""
    };
    format!("{message} (line {line}){hint}")
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
    fn parse_errors_give_the_line_and_a_decimal_comma_hint() {
        let text = "a = 1\nki67 = 12,5\n";
        let e = toml::from_str::<toml::Table>(text).unwrap_err();
        let message = parse_error(text, &e);
        assert!(message.contains("(line 2)"), "{message}");
        assert!(message.contains("decimal point"), "{message}");
        let long = "x".repeat(100);
        let text = format!("{long} = 1\n{long} = 2\n");
        let e = toml::from_str::<toml::Table>(&text).unwrap_err();
        assert!(!parse_error(&text, &e).contains(&long));
    }
}
