//! CSV records read by one csv-core parser, straight from the input's buffer into cells: the
//! only CSV grammar in the program. Bounded: a record never holds more than [`LINE_MAX`] bytes
//! of input; a longer one is read to its end, unkept, and reported as too long (an unclosed
//! quote runs to the end of the input and becomes one refused record).

use super::bounded::{fill, Read};
use crate::input::LINE_MAX;
use csv_core::ReadRecordResult;
use std::io::{self, BufRead};

/// Where a record too long to keep is parsed to, a piece at a time.
const DISCARD: usize = 4096;

/// The parser, and the cells of the last record read.
pub struct Cells {
    core: csv_core::Reader,
    fields: Vec<u8>,
    ends: Vec<usize>,
    /// Cell ends and output bytes written for the record being read.
    len: usize,
    out: usize,
    /// Input bytes the record has taken so far; past [`LINE_MAX`] it is no longer kept.
    taken: usize,
}

impl Cells {
    pub fn new() -> Self {
        Self {
            core: csv_core::Reader::new(),
            fields: vec![0; 256],
            ends: vec![0; 16],
            len: 0,
            out: 0,
            taken: 0,
        }
    }

    /// Reads the next record (blank lines are skipped); `None` at the end of the input.
    pub fn read<R: BufRead>(&mut self, input: &mut R) -> io::Result<Option<Read>> {
        (self.len, self.out, self.taken) = (0, 0, 0);
        loop {
            let data = fill(input)?;
            if data.is_empty() {
                return Ok(self.finish());
            }
            let (result, used) = self.step(data);
            input.consume(used);
            if result == ReadRecordResult::Record {
                return Ok(Some(self.outcome(false)));
            }
        }
    }

    /// At the end of the input: a line end settles whether a quote is still open (it is then
    /// part of the quoted cell, and the record goes on).
    fn finish(&mut self) -> Option<Read> {
        match self.step(b"\n").0 {
            ReadRecordResult::Record => Some(self.outcome(false)),
            _ => match self.step(b"").0 {
                ReadRecordResult::Record => Some(self.outcome(true)),
                _ => None,
            },
        }
    }

    fn outcome(&self, unclosed: bool) -> Read {
        match (self.taken > LINE_MAX, unclosed) {
            (true, unclosed) => Read::TooLong { unclosed },
            (false, true) => Read::Unclosed,
            (false, false) => Read::Record,
        }
    }

    /// Parses `data` until it is used up or a record ends: (the result, the bytes used). The
    /// buffers grow as the record needs, until it is too long to keep.
    fn step(&mut self, mut data: &[u8]) -> (ReadRecordResult, usize) {
        let mut used = 0;
        loop {
            let keep = self.taken <= LINE_MAX;
            let (result, nin, nout, nend) = if keep {
                self.core.read_record(
                    data,
                    &mut self.fields[self.out..],
                    &mut self.ends[self.len..],
                )
            } else {
                // Only a record past the cap pays for these (zeroed at each piece).
                let mut discard = [0u8; DISCARD];
                let mut discard_ends = [0usize; 16];
                self.core.read_record(data, &mut discard, &mut discard_ends)
            };
            (data, used, self.taken) = (&data[nin..], used + nin, self.taken + nin);
            if keep {
                (self.out, self.len) = (self.out + nout, self.len + nend);
            }
            match result {
                ReadRecordResult::OutputFull if keep => {
                    // Unquoting only shrinks a record: what is kept never passes LINE_MAX.
                    let grown = (self.fields.len() * 2).min(LINE_MAX + 1);
                    self.fields.resize(grown.max(self.fields.len() + 1), 0);
                }
                ReadRecordResult::OutputEndsFull if keep => {
                    self.ends.resize(self.ends.len() * 2, 0);
                }
                ReadRecordResult::OutputFull | ReadRecordResult::OutputEndsFull => {}
                ReadRecordResult::InputEmpty | ReadRecordResult::Record | ReadRecordResult::End => {
                    return (result, used);
                }
            }
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    /// The cells, as bytes.
    pub fn iter(&self) -> impl Iterator<Item = &[u8]> {
        let mut start = 0;
        self.ends[..self.len].iter().map(move |&end| {
            let cell = &self.fields[start..end];
            start = end;
            cell
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every record of `text` read through a small buffer (records span reads), with its cells.
    fn records(text: &[u8]) -> Vec<(Read, Vec<String>)> {
        let mut input = io::BufReader::with_capacity(7, text);
        let mut cells = Cells::new();
        let mut got = Vec::new();
        while let Some(r) = cells.read(&mut input).unwrap() {
            let shown = cells
                .iter()
                .map(|c| String::from_utf8_lossy(c).into_owned())
                .collect();
            got.push((r, shown));
        }
        got
    }

    fn strings(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn records_respect_quotes_and_skip_blank_lines() {
        let got = records(b"a,\"b\nc\",d\r\n\r\n\"x\"\"y\",,z\nlast");
        assert_eq!(
            got,
            [
                (Read::Record, strings(&["a", "b\nc", "d"])),
                (Read::Record, strings(&["x\"y", "", "z"])),
                (Read::Record, strings(&["last"])),
            ]
        );
    }

    #[test]
    fn a_quote_never_closed_is_one_record_to_the_end() {
        let got = records(b"a,b\n\"open,c\nd\n");
        assert_eq!(got[0], (Read::Record, strings(&["a", "b"])));
        assert_eq!(got[1].0, Read::Unclosed);
        assert_eq!(got.len(), 2);
        // A quote inside an unquoted cell is a character (as the csv crate reads it).
        assert_eq!(records(b"a\"b")[0], (Read::Record, strings(&["a\"b"])));
    }

    #[test]
    fn a_record_over_the_cap_is_skipped_whole() {
        let mut text = b"a,\"".to_vec();
        text.extend(std::iter::repeat(b'x').take(LINE_MAX + 10));
        text.extend(b"\"\nb\n");
        let got = records(&text);
        assert_eq!(got[0].0, Read::TooLong { unclosed: false });
        assert_eq!(got[1], (Read::Record, strings(&["b"])));
        let mut text = b"a,\"".to_vec();
        text.extend(std::iter::repeat(b'x').take(LINE_MAX + 10));
        assert_eq!(records(&text)[0].0, Read::TooLong { unclosed: true });
    }

    #[test]
    fn many_cells_grow_the_buffers() {
        let text = vec![b','; 5000];
        let got = records(&text);
        assert_eq!(got[0].1.len(), 5001);
        assert!(got[0].1.iter().all(String::is_empty));
    }
}
