//! Writes a cohort as JSON Lines: one compact object per input record, in input order —
//! `{"row": 1, "id": …, "knowledge": …, "report": {…}}` or `{"row": 2, "id": …, "knowledge": …,
//! "error": {…}}`; `knowledge` (the version and any institution file in force) is on every
//! record, refused ones too, so that a record read alone still says what decided it.

use super::row::{Checked, RowError};
use super::{Assessment, Sink};
use crate::eligibility::Detail;
use crate::knowledge::Knowledge;
use crate::render::json::write_line;
use crate::report::Report;
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct Assessed<'a> {
    row: u64,
    id: Option<&'a str>,
    knowledge: &'a str,
    report: &'a Report,
}

#[derive(Serialize)]
struct Refused<'a> {
    row: u64,
    id: Option<&'a str>,
    knowledge: &'a str,
    error: &'a RowError,
}

/// JSON Lines records on `out`.
pub struct JsonlRecords<'w> {
    out: &'w mut dyn Write,
    knowledge: String,
}

impl<'w> JsonlRecords<'w> {
    pub fn new(out: &'w mut dyn Write, knowledge: &Knowledge) -> Self {
        Self {
            out,
            knowledge: super::csv_output::knowledge_cell(knowledge),
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
        let record = Assessed {
            row: row.number,
            id: row.id.as_deref(),
            knowledge: &self.knowledge,
            report,
        };
        write_line(&record, self.out)
    }

    fn refused(&mut self, row: &Checked, error: &RowError) -> io::Result<()> {
        let record = Refused {
            row: row.number,
            id: row.id.as_deref(),
            knowledge: &self.knowledge,
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
