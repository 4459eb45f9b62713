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
use schemars::JsonSchema;
use serde::Serialize;
use std::io::{self, Write};

/// One line of `batch --format jsonl`: the patient's report (brief by default, the full report
/// with `--detail standard` or `full`), or why the record was refused.
#[derive(Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Record<'a, R = &'a Report> {
    Assessed {
        /// The record's position in the input, from 1 (a CSV header is not a record).
        row: u64,
        /// The input's `id` column or key, if any.
        id: Option<&'a str>,
        /// The knowledge base the report was made with (version, and the institution's file).
        knowledge: &'a str,
        /// What `assess --format json` prints (`--detail full`), or its brief form.
        report: R,
    },
    Refused {
        /// The record's position in the input, from 1 (a CSV header is not a record).
        row: u64,
        /// The file line, for JSON Lines input (where blank lines make it differ from `row`).
        #[serde(skip_serializing_if = "Option::is_none")]
        line: Option<u64>,
        /// The input's `id` column or key, if any.
        id: Option<&'a str>,
        /// The knowledge base the record was read with.
        knowledge: &'a str,
        error: &'a RowError,
    },
}

/// Any line of `batch --format jsonl`, for its JSON Schema: a brief record (the default), a
/// full one (`--detail standard` or `full`), or a refused record.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)] // described, never built
pub enum AnyRecord {
    Brief(Record<'static, crate::render::brief::Brief<'static>>),
    Full(Record<'static>),
}

/// JSON Lines records on `out`.
pub struct JsonlRecords<'w> {
    out: &'w mut dyn Write,
    knowledge: String,
    /// Brief records, or the full report (`--detail standard` or `full`).
    brief: bool,
}

impl<'w> JsonlRecords<'w> {
    pub fn new(
        out: &'w mut dyn Write,
        knowledge: &Knowledge,
        detail: crate::render::Detail,
    ) -> Self {
        Self {
            out,
            knowledge: super::csv_output::knowledge_cell(knowledge),
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
        let (row, id, knowledge) = (row.number, row.id.as_deref(), self.knowledge.as_str());
        if self.brief {
            let report = crate::render::brief::Brief::new(report);
            let record: Record<'_, _> = Record::Assessed {
                row,
                id,
                knowledge,
                report,
            };
            write_line(&record, self.out)
        } else {
            let record: Record<'_> = Record::Assessed {
                row,
                id,
                knowledge,
                report,
            };
            write_line(&record, self.out)
        }
    }

    fn refused(&mut self, row: &Checked, error: &RowError) -> io::Result<()> {
        let record: Record<'_> = Record::Refused {
            row: row.number,
            line: row.line,
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
