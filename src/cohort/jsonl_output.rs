//! Writes a cohort as JSON Lines: one compact object per input record, in input order —
//! `{"row": 1, "id": …, "report": {…}}` or `{"row": 2, "id": …, "error": {…}}`.

use super::row::{Checked, RowError};
use super::{Assessment, Sink};
use crate::eligibility::Detail;
use crate::render::json::write_line;
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct Assessed<'a, R> {
    row: u64,
    id: Option<&'a str>,
    report: R,
}

#[derive(Serialize)]
struct Refused<'a> {
    row: u64,
    id: Option<&'a str>,
    error: &'a RowError,
}

/// JSON Lines records on `out`.
pub struct JsonlRecords<'w> {
    out: &'w mut dyn Write,
    /// Brief records, or the full report (`--detail standard` or `full`).
    brief: bool,
}

impl<'w> JsonlRecords<'w> {
    pub fn new(out: &'w mut dyn Write, detail: crate::render::Detail) -> Self {
        Self {
            out,
            brief: detail == crate::render::Detail::Brief,
        }
    }
}

impl Sink for JsonlRecords<'_> {
    fn start(&mut self) -> io::Result<()> {
        Ok(())
    }

    fn detail(&self) -> Detail {
        Detail::Full
    }

    fn assessed(&mut self, row: &Checked, assessment: &Assessment) -> io::Result<()> {
        let Assessment::Report(report) = assessment else {
            // Asked for in full (see `detail`); a summary has no report to write.
            return Ok(());
        };
        let (row, id) = (row.number, row.id.as_deref());
        if self.brief {
            let report = crate::render::brief::Brief::new(report);
            write_line(&Assessed { row, id, report }, self.out)
        } else {
            write_line(&Assessed { row, id, report }, self.out)
        }
    }

    fn refused(&mut self, row: &Checked, error: &RowError) -> io::Result<()> {
        let record = Refused {
            row: row.number,
            id: row.id.as_deref(),
            error,
        };
        write_line(&record, self.out)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
