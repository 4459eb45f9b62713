//! Records read within bounds: a JSON line never holds more than [`LINE_MAX`] bytes in memory;
//! a longer one is skipped to its end and reported as too long. CSV records are read the same
//! way by `csv_cells`.

use crate::input::LINE_MAX;
use std::io::{self, BufRead};

/// What one read produced (the record is in the caller's buffer).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Read {
    /// A whole record, its terminator removed.
    Record,
    /// A record longer than the cap, skipped; `unclosed` when a quote never closed.
    TooLong { unclosed: bool },
    /// A CSV record whose quote is still open at the end of the input.
    Unclosed,
}

/// `fill_buf`, retrying when a signal interrupted the read.
pub fn fill<R: BufRead>(input: &mut R) -> io::Result<&[u8]> {
    loop {
        match input.fill_buf() {
            Ok(_) => break,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    input.fill_buf()
}

/// Reads one line (up to `\n`, which is dropped) into `line`; `None` at the end of the input.
pub fn line<R: BufRead>(input: &mut R, line: &mut Vec<u8>) -> io::Result<Option<Read>> {
    line.clear();
    let mut over = false;
    let mut any = false;
    loop {
        let data = fill(input)?;
        if data.is_empty() {
            return Ok(any.then_some(if over {
                Read::TooLong { unclosed: false }
            } else {
                Read::Record
            }));
        }
        any = true;
        let (take, used, done) = match memchr::memchr(b'\n', data) {
            Some(i) => (i, i + 1, true),
            None => (data.len(), data.len(), false),
        };
        if !over {
            if line.len() + take > LINE_MAX {
                over = true;
                line.clear();
            } else {
                line.extend_from_slice(&data[..take]);
            }
        }
        input.consume(used);
        if done {
            return Ok(Some(if over {
                Read::TooLong { unclosed: false }
            } else {
                Read::Record
            }));
        }
    }
}

/// What the next non-blank line of a line-per-record input is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NextLine {
    /// A line, in the caller's buffer; `number` counts it.
    Line,
    /// A line longer than the cap, skipped; `number` counts it.
    TooLong,
    End,
}

/// Reads to the next line that is not blank (a lone byte-order mark on the first line is
/// blank too), counting records in `number` and file lines in `lines`: the loop of every
/// line-per-record reader.
pub fn next_line<R: BufRead>(
    input: &mut R,
    line: &mut Vec<u8>,
    number: &mut u64,
    lines: &mut u64,
) -> io::Result<NextLine> {
    loop {
        let Some(read) = self::line(input, line)? else {
            return Ok(NextLine::End);
        };
        *lines += 1;
        if let Read::TooLong { .. } = read {
            *number += 1;
            return Ok(NextLine::TooLong);
        }
        let blank = line.iter().all(u8::is_ascii_whitespace)
            || (*number == 0 && line.trim_ascii() == "\u{feff}".as_bytes());
        if !blank {
            *number += 1;
            return Ok(NextLine::Line);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_over_the_cap_are_skipped_to_their_end() {
        let mut text = vec![b'x'; LINE_MAX + 1];
        text.extend(b"\nok\n");
        let mut input = io::BufReader::new(text.as_slice());
        let mut buf = Vec::new();
        assert_eq!(
            line(&mut input, &mut buf).unwrap(),
            Some(Read::TooLong { unclosed: false })
        );
        assert_eq!(line(&mut input, &mut buf).unwrap(), Some(Read::Record));
        assert_eq!(buf, b"ok");
        assert_eq!(line(&mut input, &mut buf).unwrap(), None);
    }
}
