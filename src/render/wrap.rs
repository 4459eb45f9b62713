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
    // Most lines fit as they are: written without looking at their words.
    let text = text.trim_matches(' ');
    if indent + columns(text) <= width {
        if !text.is_empty() {
            out.write_all(&SPACES.as_bytes()[..indent.min(SPACES.len())])?;
        }
        out.write_all(text.as_bytes())?;
        return out.write_all(b"\n");
    }
    wrap(width, indent, hang, text, |line| {
        out.write_all(line.as_bytes())?;
        out.write_all(b"\n")
    })
}

/// Indentation, sliced rather than built.
const SPACES: &str = "                                                                ";

/// The wrapped lines of `text`, each with its leading spaces.
pub fn lines(width: usize, indent: usize, hang: usize, text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let _ = wrap(width, indent, hang, text, |l| {
        lines.push(l.to_owned());
        Ok(())
    });
    lines
}

/// Hands each wrapped line to `emit`. Runs of spaces inside a line are kept (they align
/// columns); at a break, and at the end of a line, they go.
fn wrap(
    width: usize,
    indent: usize,
    hang: usize,
    text: &str,
    mut emit: impl FnMut(&str) -> io::Result<()>,
) -> io::Result<()> {
    let mut line = String::with_capacity(width + 64);
    line.extend(std::iter::repeat(' ').take(indent));
    let mut used = indent;
    let mut empty = true;
    // Extra spaces between words, written only when a word follows on the same line.
    let mut spaces = 0;
    let bytes = text.as_bytes();
    let mut start = 0;
    let ends = memchr::memchr_iter(b' ', bytes).chain(std::iter::once(bytes.len()));
    for end in ends {
        // A space is one byte: the pieces between spaces are whole characters.
        let word = text.get(start..end).unwrap_or_default();
        start = end + 1;
        if word.is_empty() {
            spaces += usize::from(!empty);
            continue;
        }
        let len = columns(word);
        // One empty piece per space beyond the first.
        let gap = spaces + 1;
        if !empty && used + gap + len > width {
            emit(&line)?;
            line.clear();
            line.extend(std::iter::repeat(' ').take(hang));
            used = hang;
            empty = true;
        }
        if !empty {
            line.extend(std::iter::repeat(' ').take(gap));
            used += gap;
        }
        line.push_str(word);
        used += len;
        empty = false;
        spaces = 0;
    }
    if empty {
        line.clear();
    }
    emit(&line)
}

/// The columns a word takes on a terminal: its characters, escape sequences (colour) aside.
/// (The texts are in Latin script and symbols one column wide.)
fn columns(word: &str) -> usize {
    if !word.contains('\u{1b}') {
        return word.chars().count();
    }
    let mut count = 0;
    let mut chars = word.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // CSI: ESC [ parameters… final byte (@ to ~).
            if chars.next() == Some('[') {
                for c in chars.by_ref() {
                    if ('@'..='~').contains(&c) {
                        break;
                    }
                }
            }
        } else {
            count += 1;
        }
    }
    count
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
    fn a_line_that_fits_is_written_as_it_is() {
        let mut out = Vec::new();
        write(&mut out, 20, 2, 4, "a  b ").unwrap();
        write(&mut out, 20, 2, 4, "").unwrap();
        write(&mut out, 8, 2, 4, "alpha beta").unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "  a  b\n\n  alpha\n    beta\n"
        );
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
        assert_eq!(columns(red), 3);
        assert_eq!(columns("✔ré"), 3);
    }
}
