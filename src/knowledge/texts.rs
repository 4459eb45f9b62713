//! Numbers in texts: how a number is shown, and the `{section.key}` placeholders that keep numbers
//! in notes equal to the thresholds in force.

/// Shows a number as a clinician writes it: `3`, `2.5`, `0.25`.
pub fn number(value: f64) -> String {
    // Whole numbers are the common case (thresholds, counts): skip float formatting.
    if value.fract() == 0.0 && value.abs() < 1e15 {
        // Integral and well within i64, so the conversion is exact.
        #[allow(clippy::cast_possible_truncation)]
        let whole = value as i64;
        return whole.to_string();
    }
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_owned()
    } else {
        text.to_owned()
    }
}

/// The pieces of a template: literal text, or the key of a `{key}` placeholder.
enum Piece<'a> {
    Text(&'a str),
    Key(&'a str),
}

fn pieces(template: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        out.push(Piece::Text(&rest[..open]));
        out.push(Piece::Key(&after[..close]));
        rest = &after[close + 1..];
    }
    out.push(Piece::Text(rest));
    out
}

pub(super) fn fill(template: &str, numbers: impl Fn(&str) -> Option<f64>) -> String {
    let mut out = String::with_capacity(template.len());
    for piece in pieces(template) {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Key(key) => {
                if let Some(v) = numbers(key) {
                    out.push_str(&number(v));
                } else {
                    out.push('{');
                    out.push_str(key);
                    out.push('}');
                }
            }
        }
    }
    out
}

/// The first placeholder in `template` that names no threshold.
/// The first `{section.key}` placeholder that names no threshold. A key without a section
/// (`{ki67}`) is the patient's own value, filled by the rule that shows the text.
pub(super) fn unresolved(template: &str, numbers: impl Fn(&str) -> Option<f64>) -> Option<String> {
    pieces(template).into_iter().find_map(|p| match p {
        Piece::Key(key) if key.contains('.') && numbers(key).is_none() => Some(key.to_owned()),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_shown_without_trailing_zeros() {
        assert_eq!(number(3.0), "3");
        assert_eq!(number(2.5), "2.5");
        assert_eq!(number(0.25), "0.25");
        assert_eq!(number(-0.0), "0");
    }

    #[test]
    fn placeholders_are_filled_and_unknown_ones_reported() {
        let map = std::collections::BTreeMap::from([("a.b", 5.0)]);
        let numbers = |key: &str| map.get(key).copied();
        assert_eq!(fill("up to {a.b} cm", numbers), "up to 5 cm");
        assert_eq!(fill("{x.y} and {a.b}", numbers), "{x.y} and 5");
        assert_eq!(unresolved("{a.b} {x.y}", numbers), Some("x.y".to_owned()));
        assert_eq!(unresolved("no braces", numbers), None);
    }
}
