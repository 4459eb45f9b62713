//! Numbers in texts: how a number is shown, and the `{section.key}` placeholders that keep numbers
//! in notes equal to the thresholds in force.

pub use crate::model::field::exact as number;

/// `template` with each `{key}` replaced by the text `numbers` gives for it (a key it does not
/// know stays as written).
pub(super) fn fill(template: &str, numbers: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(template.len() + 8);
    let mut rest = template;
    while let Some((before, key, after)) = super::schema::split_placeholder(rest) {
        out.push_str(before);
        match numbers(key) {
            Some(v) => out.push_str(&v),
            None => push_unfilled(&mut out, key),
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// A placeholder no one fills, left as written.
pub(super) fn push_unfilled(out: &mut String, key: &str) {
    out.push('{');
    out.push_str(key);
    out.push('}');
}

/// After a threshold's value an institution set: says so, with the built-in value beside it, so
/// that a sentence naming a guideline never states the institution's figure as the guideline's.
pub(super) fn push_institution_mark(out: &mut String, builtin: &str) {
    out.push_str(" (institution file; built-in ");
    out.push_str(builtin);
    out.push(')');
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
}
