//! Numbers in texts: how a number is shown, and the `{section.key}` placeholders that keep numbers
//! in notes equal to the thresholds in force.

pub use crate::model::field::exact as number;

/// The keys of a template's `{key}` placeholders, in order.
fn keys(template: &str) -> impl Iterator<Item = &str> {
    let mut rest = template;
    std::iter::from_fn(move || {
        let open = rest.find('{')?;
        let after = &rest[open + 1..];
        let close = after.find('}')?;
        rest = &after[close + 1..];
        Some(&after[..close])
    })
}

/// `template` with each `{key}` replaced by the text `numbers` gives for it (a key it does not
/// know stays as written).
pub(super) fn fill(template: &str, numbers: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(template.len() + 8);
    // Walked in place: most texts have no placeholder, and none is worth a list.
    let mut rest = template;
    while let Some(open) = memchr::memchr(b'{', rest.as_bytes()) {
        let after = &rest[open + 1..];
        let Some(close) = memchr::memchr(b'}', after.as_bytes()) else {
            break;
        };
        out.push_str(&rest[..open]);
        let key = &after[..close];
        if let Some(v) = numbers(key) {
            out.push_str(&v);
        } else {
            out.push('{');
            out.push_str(key);
            out.push('}');
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// The first `{section.key}` placeholder that names no threshold. A key without a section
/// (`{ki67}`) is the patient's own value, filled by the rule that shows the text.
pub(super) fn unresolved(template: &str, numbers: impl Fn(&str) -> Option<f64>) -> Option<String> {
    keys(template)
        .find(|key| key.contains('.') && numbers(key).is_none())
        .map(str::to_owned)
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
    fn numbers_are_shown_exactly_as_they_read_back() {
        for (value, shown) in [
            (2.999, "2.999"),
            (3.001, "3.001"),
            (5.004, "5.004"),
            (74.999, "74.999"),
            (0.1 + 0.2, "0.30000000000000004"),
            (1e-12, "0.000000000001"),
            (1e-30, "1e-30"),
        ] {
            assert_eq!(number(value), shown);
            assert_eq!(number(value).parse::<f64>().unwrap(), value);
        }
    }

    #[test]
    fn placeholders_are_filled_and_unknown_ones_reported() {
        let map = std::collections::BTreeMap::from([("a.b", 5.0)]);
        let numbers = |key: &str| map.get(key).copied();
        let texts = |key: &str| numbers(key).map(number);
        assert_eq!(fill("up to {a.b} cm", texts), "up to 5 cm");
        assert_eq!(fill("{x.y} and {a.b}", texts), "{x.y} and 5");
        assert_eq!(unresolved("{a.b} {x.y}", numbers), Some("x.y".to_owned()));
        assert_eq!(unresolved("no braces", numbers), None);
    }
}
