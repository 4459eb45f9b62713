//! Word wrapping for text output: lines fit the width with a hanging indent, and a word is never
//! broken (a word longer than the line stands alone). Styled words are measured without their
//! escape codes.

use std::io::{self, Write};

/// Writes `text` from column `indent`, continuation lines from column `hang`, within `width`.
pub fn write(
    out: &mut dyn Write,
    width: usize,
    indent: usize,
    hang: usize,
    text: &str,
) -> io::Result<()> {
    for line in lines(width, indent, hang, text) {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// The wrapped lines of `text`, each with its leading spaces. Runs of spaces inside a line are
/// kept (they align columns); at a break they go.
pub fn lines(width: usize, indent: usize, hang: usize, text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = " ".repeat(indent);
    let mut used = indent;
    let mut empty = true;
    for word in text.split(' ') {
        if empty && word.is_empty() {
            continue;
        }
        let len = console::measure_text_width(word);
        if !empty && !word.is_empty() && used + 1 + len > width {
            lines.push(std::mem::replace(&mut line, " ".repeat(hang)));
            used = hang;
            empty = true;
        }
        if !empty {
            line.push(' ');
            used += 1;
        }
        line.push_str(word);
        used += len;
        empty = false;
    }
    lines.push(line);
    // Spaces kept before a break would trail.
    lines.into_iter().map(|l| l.trim_end().to_owned()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_word_boundaries_with_a_hanging_indent() {
        let text = "alpha beta gamma delta epsilon";
        assert_eq!(
            lines(16, 2, 4, text),
            ["  alpha beta", "    gamma delta", "    epsilon"]
        );
    }

    #[test]
    fn a_word_longer_than_the_line_is_never_broken() {
        let long = "x".repeat(30);
        let text = format!("a {long} b");
        assert_eq!(lines(10, 0, 2, &text), ["a", &format!("  {long}"), "  b"]);
    }

    #[test]
    fn runs_of_spaces_inside_a_line_are_kept() {
        assert_eq!(lines(40, 2, 4, "a    b  c"), ["  a    b  c"]);
        assert_eq!(lines(5, 0, 1, "abc    de"), ["abc", " de"]);
    }

    #[test]
    fn escape_codes_take_no_columns() {
        let red = "\u{1b}[31mred\u{1b}[0m";
        let text = format!("{red} {red} {red}");
        assert_eq!(lines(11, 0, 0, &text).len(), 1);
    }
}
