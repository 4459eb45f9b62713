//! One CSV record's bytes split into cells by a single csv-core parser, built once and reused
//! for every record (the record is already cut at its end by `bounded`).

use csv_core::ReadRecordResult;

/// The cells of the last record parsed.
pub struct Cells {
    core: csv_core::Reader,
    fields: Vec<u8>,
    ends: Vec<usize>,
    len: usize,
}

impl Cells {
    pub fn new() -> Self {
        Self {
            core: csv_core::Reader::new(),
            fields: Vec::new(),
            ends: Vec::new(),
            len: 0,
        }
    }

    /// Splits `record` (without its line end) into cells; `false` when it is not one record.
    pub fn parse(&mut self, record: &[u8]) -> bool {
        self.core.reset();
        self.len = 0;
        // Unquoting only shrinks a record, and every cell but the last ends at a comma.
        self.fields.clear();
        self.fields.resize(record.len() + 1, 0);
        self.ends.clear();
        self.ends
            .resize(memchr::memchr_iter(b',', record).count() + 2, 0);
        let (res, nin, nout, nend) =
            self.core
                .read_record(record, &mut self.fields, &mut self.ends);
        if nin != record.len() || !matches!(res, ReadRecordResult::InputEmpty) {
            return false;
        }
        // The line end the record was cut at; ends are counted from the record's start.
        let (res, _, _, more) =
            self.core
                .read_record(b"\n", &mut self.fields[nout..], &mut self.ends[nend..]);
        if !matches!(res, ReadRecordResult::Record) {
            return false;
        }
        self.len = nend + more;
        true
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

    #[test]
    fn cells_are_unquoted_and_parsers_reused() {
        let mut cells = Cells::new();
        assert!(cells.parse(b"a,\"b,\"\"c\"\"\",,d"));
        let got: Vec<&[u8]> = cells.iter().collect();
        assert_eq!(got, [&b"a"[..], b"b,\"c\"", b"", b"d"]);
        assert!(cells.parse(b"x"));
        assert_eq!(cells.iter().collect::<Vec<_>>(), [&b"x"[..]]);
        assert_eq!(cells.len(), 1);
    }
}
