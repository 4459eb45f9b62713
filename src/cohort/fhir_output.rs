//! Writes a cohort as FHIR NDJSON: one Bundle per assessed record, one OperationOutcome per
//! refused one, in input order (one line per input record, as with JSON Lines).

use super::row::{Checked, RowError};
use super::{Assessment, Sink};
use crate::eligibility::Detail;
use crate::fhir::{self, Stamp};
use crate::render::json::write_line;
use serde_json::json;
use std::io::{self, Write};

pub struct FhirRecords<'w> {
    out: &'w mut dyn Write,
    recorded: u64,
}

impl<'w> FhirRecords<'w> {
    pub fn new(out: &'w mut dyn Write, recorded: u64) -> Self {
        Self { out, recorded }
    }
}

impl Sink for FhirRecords<'_> {
    fn detail(&self) -> Detail {
        Detail::Full
    }

    fn start(&mut self) -> io::Result<()> {
        Ok(())
    }

    fn assessed(&mut self, row: &Checked, assessment: &Assessment) -> io::Result<()> {
        let Assessment::Report(report) = assessment else {
            // Asked for in full (see `detail`).
            return Ok(());
        };
        let stamp = Stamp {
            recorded: self.recorded,
            row: row.number,
        };
        fhir::write_report_line(report, stamp, self.out)
    }

    fn refused(&mut self, row: &Checked, error: &RowError) -> io::Result<()> {
        let mut issue = json!({
            "severity": "error",
            "code": "invalid",
            "diagnostics": format!("row {}: {}", row.number, error.message),
        });
        if let Some(field) = &error.field {
            // The answer at fault, in netriage's observation CodeSystem (its flag name).
            issue["details"] = json!({
                "coding": [fhir::codes::coding(&fhir::codes::system("observation"), field, "")],
                "text": field,
            });
        }
        let outcome = json!({ "resourceType": "OperationOutcome", "issue": [issue] });
        write_line(&outcome, self.out)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
