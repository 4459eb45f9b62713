//! Records read within bounds: a JSON line or a CSV record never holds more than
//! [`LINE_MAX`] bytes in memory; a longer one is skipped to its end and reported as too long
//! (an unclosed CSV quote runs to the end of the input and becomes one refused record).

use crate::input::LINE_MAX;
use std::io::{self, BufRead};

/// What one read produced (the record's bytes are in the caller's buffer).
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
fn fill<R: BufRead>(input: &mut R) -> io::Result<&[u8]> {
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

/// Where the CSV scanner is within a record (RFC 4180 quoting, as the `csv` crate reads it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// At the start of a field.
    Start,
    /// Inside an unquoted field.
    Plain,
    /// Inside a quoted field.
    Quoted,
    /// Just after a quote inside a quoted field: the end of the quote, or an escaped `""`.
    QuoteInQuoted,
}

/// Reads one CSV record (up to an unquoted line end, which is dropped) into `record`, skipping
/// blank lines; `None` at the end of the input.
pub fn csv_record<R: BufRead>(input: &mut R, record: &mut Vec<u8>) -> io::Result<Option<Read>> {
    record.clear();
    let mut state = State::Start;
    let mut over = false;
    let mut any = false;
    loop {
        let data = fill(input)?;
        if data.is_empty() {
            if !any {
                return Ok(None);
            }
            let unclosed = state == State::Quoted;
            return Ok(Some(if over {
                Read::TooLong { unclosed }
            } else if unclosed {
                Read::Unclosed
            } else {
                Read::Record
            }));
        }
        any = true;
        let (used, end) = scan(data, &mut state);
        let take = end.unwrap_or(used);
        if !over {
            if record.len() + take > LINE_MAX {
                over = true;
                record.clear();
            } else {
                record.extend_from_slice(&data[..take]);
            }
        }
        input.consume(used);
        if end.is_some() {
            if !over && record.is_empty() {
                // A blank line (or the `\n` of a `\r\n`): not a record.
                any = false;
                state = State::Start;
                continue;
            }
            return Ok(Some(if over {
                Read::TooLong { unclosed: false }
            } else {
                Read::Record
            }));
        }
    }
}

/// Scans `data` from `state`: returns the bytes used and, when the record ended, where its
/// terminator is (the terminator itself is used).
fn scan(data: &[u8], state: &mut State) -> (usize, Option<usize>) {
    let mut i = 0;
    while i < data.len() {
        if *state == State::Quoted {
            match memchr::memchr(b'"', &data[i..]) {
                Some(k) => {
                    i += k + 1;
                    *state = State::QuoteInQuoted;
                }
                None => i = data.len(),
            }
            continue;
        }
        match (*state, data[i]) {
            (_, b'\n' | b'\r') => {
                *state = State::Start;
                return (i + 1, Some(i));
            }
            (_, b',') => *state = State::Start,
            (State::Start | State::QuoteInQuoted, b'"') => *state = State::Quoted,
            _ => {
                *state = State::Plain;
                if let Some(k) = memchr::memchr3(b',', b'\n', b'\r', &data[i + 1..]) {
                    i += k;
                } else {
                    i = data.len() - 1;
                }
            }
        }
        i += 1;
    }
    (i, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(text: &[u8]) -> Vec<(Read, String)> {
        let mut input = io::BufReader::with_capacity(7, text);
        let mut buf = Vec::new();
        let mut got = Vec::new();
        while let Some(r) = csv_record(&mut input, &mut buf).unwrap() {
            got.push((r, String::from_utf8_lossy(&buf).into_owned()));
        }
        got
    }

    #[test]
    fn csv_records_respect_quotes_and_skip_blank_lines() {
        let got = records(b"a,\"b\nc\",d\r\n\r\n\"x\"\"y\",z\n\"open");
        assert_eq!(
            got,
            [
                (Read::Record, "a,\"b\nc\",d".to_owned()),
                (Read::Record, "\"x\"\"y\",z".to_owned()),
                (Read::Unclosed, "\"open".to_owned()),
            ]
        );
    }

    #[test]
    fn a_record_over_the_cap_is_skipped_whole() {
        let mut text = b"a,\"".to_vec();
        text.extend(std::iter::repeat(b'x').take(LINE_MAX + 10));
        text.extend(b"\"\nb\n");
        let got = records(&text);
        assert_eq!(got[0].0, Read::TooLong { unclosed: false });
        assert_eq!(got[1], (Read::Record, "b".to_owned()));
        let mut text = b"a,\"".to_vec();
        text.extend(std::iter::repeat(b'x').take(LINE_MAX + 10));
        assert_eq!(records(&text)[0].0, Read::TooLong { unclosed: true });
    }

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
