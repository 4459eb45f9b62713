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
    wrap(width, indent, hang, text.trim_matches(' '), |pad, line| {
        write_spaces(out, pad)?;
        out.write_all(line.as_bytes())?;
        out.write_all(b"\n")
    })
}

/// Indentation, sliced rather than built.
const SPACES: &str = "                                                                ";

fn write_spaces(out: &mut dyn Write, mut n: usize) -> io::Result<()> {
    while n > 0 {
        let run = n.min(SPACES.len());
        out.write_all(&SPACES.as_bytes()[..run])?;
        n -= run;
    }
    Ok(())
}

/// The wrapped lines of `text`, each with its leading spaces.
pub fn lines(width: usize, indent: usize, hang: usize, text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let _ = wrap(width, indent, hang, text, |pad, line| {
        let mut padded = Vec::with_capacity(pad + line.len());
        write_spaces(&mut padded, pad)?;
        padded.extend_from_slice(line.as_bytes());
        lines.push(String::from_utf8_lossy(&padded).into_owned());
        Ok(())
    });
    lines
}

/// Hands each wrapped line to `emit` as (its indent, its text). A line is a slice of `text`, so
/// runs of spaces inside a line are kept (they align columns); at a break, and at the ends of
/// a line, they go. An empty text is one empty line.
fn wrap(
    width: usize,
    indent: usize,
    hang: usize,
    text: &str,
    mut emit: impl FnMut(usize, &str) -> io::Result<()>,
) -> io::Result<()> {
    let bytes = text.as_bytes();
    let after_spaces = |from: usize| {
        bytes
            .get(from..)
            .and_then(|rest| rest.iter().position(|b| *b != b' '))
            .map_or(bytes.len(), |skip| from + skip)
    };
    let mut pad = indent;
    let mut first = after_spaces(0);
    if first == bytes.len() {
        return emit(0, "");
    }
    // A line at a time: a character takes at least a byte and at most four, so the bytes of a
    // text bound its columns, and characters are counted only when the bytes cannot decide.
    loop {
        let rest = text.get(first..).unwrap_or_default().trim_end_matches(' ');
        let room = width.saturating_sub(pad);
        // Beyond four bytes a column only escape codes (colour) can still fit: count then.
        let fits = |line: &str| {
            line.len() <= room
                || ((line.len() <= 4 * room || memchr::memchr(0x1b, line.as_bytes()).is_some())
                    && columns(line) <= room)
        };
        if fits(rest) {
            return emit(pad, rest);
        }
        let rest_bytes = rest.as_bytes();
        // The last space within `room` bytes ends a line that surely fits; failing one, the
        // first word is longer than the line and stands alone.
        let mut end = rest_bytes
            .get(..=room.min(rest_bytes.len() - 1))
            .and_then(|head| memchr::memrchr(b' ', head))
            .unwrap_or_else(|| memchr::memchr(b' ', rest_bytes).unwrap_or(rest_bytes.len()));
        // Wide characters leave room for more words: take each that still fits.
        loop {
            let next = rest_bytes
                .get(end..)
                .and_then(|tail| tail.iter().position(|b| *b != b' '))
                .map(|skip| end + skip);
            let Some(start) = next else { break };
            let next_end = memchr::memchr(b' ', rest_bytes.get(start..).unwrap_or_default())
                .map_or(rest_bytes.len(), |len| start + len);
            if !fits(rest.get(..next_end).unwrap_or_default()) {
                break;
            }
            end = next_end;
        }
        emit(
            pad,
            rest.get(..end).unwrap_or_default().trim_end_matches(' '),
        )?;
        pad = hang;
        first = after_spaces(first + end);
        if first >= bytes.len() {
            return Ok(());
        }
    }
}

/// The columns a text takes on a terminal: its characters, escape sequences (colour) aside.
/// (The texts are in Latin script and symbols one column wide.)
fn columns(text: &str) -> usize {
    let bytes = text.as_bytes();
    if memchr::memchr(0x1b, bytes).is_none() {
        return text.chars().count();
    }
    let mut count = 0;
    let mut chars = text.chars();
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
    fn characters_not_bytes_decide_the_break() {
        // "→" is three bytes and one column.
        assert_eq!(lines(6, 0, 0, "ab→ cd"), ["ab→ cd"]);
        assert_eq!(lines(5, 0, 0, "ab→ cd"), ["ab→", "cd"]);
        let red = "\u{1b}[31mred\u{1b}[0m";
        assert_eq!(
            lines(7, 0, 2, &format!("{red} {red} x")),
            [format!("{red} {red}"), "  x".to_owned()]
        );
        // Escape codes can make a line many times longer in bytes than in columns.
        let styled = "\u{1b}[1m\u{1b}[2m\u{1b}[3m\u{1b}[4ma\u{1b}[0m";
        assert_eq!(
            lines(3, 0, 0, &format!("{styled} b")),
            [format!("{styled} b")]
        );
    }

    /// Greedy wrapping word by word, as plainly as it can be written: what `wrap` must equal.
    fn reference(width: usize, indent: usize, hang: usize, text: &str) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        let mut line = String::new();
        let mut pad = indent;
        let mut gap = String::new();
        for piece in text.split(' ') {
            if piece.is_empty() {
                if !line.is_empty() {
                    gap.push(' ');
                }
                continue;
            }
            let sep = if line.is_empty() {
                String::new()
            } else {
                format!(" {gap}")
            };
            let candidate = format!("{line}{sep}{piece}");
            if !line.is_empty() && pad + columns(&candidate) > width {
                lines.push(format!("{}{line}", " ".repeat(pad)));
                pad = hang;
                line = piece.to_owned();
            } else {
                line = candidate;
            }
            gap.clear();
        }
        if line.is_empty() {
            lines.push(String::new());
        } else {
            lines.push(format!("{}{line}", " ".repeat(pad)));
        }
        lines
    }

    proptest::proptest! {
        #[test]
        fn wrapping_is_greedy_word_by_word(
            words in proptest::collection::vec("[a-z→é]{0,12}", 0..30),
            width in 1usize..40,
            indent in 0usize..6,
            hang in 0usize..6,
        ) {
            let text = words.join(" ");
            proptest::prop_assert_eq!(
                lines(width, indent, hang, &text),
                reference(width, indent, hang, &text)
            );
        }
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
