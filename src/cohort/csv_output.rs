//! Writes a cohort as a CSV table a registry can open in a spreadsheet: one row per patient —
//! row, id, grade, the status of every option of the local, liver-directed and systemic stages,
//! and the error of a refused row. Cells that a spreadsheet would run as a formula are defused.

use super::row::{Checked, RowError};
use super::{Assessment, Sink};
use crate::eligibility::Detail;
use crate::knowledge::Knowledge;
use crate::model::OptionId;
use std::io::{self, Write};

/// The stage listed only when a syndrome is given; its options are not table columns.
const SYMPTOMS: &str = "symptoms";

/// A cell a spreadsheet would read as a formula (OWASP "CSV injection") gets a leading `'`.
pub fn defuse(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// The CSV table on `out`.
pub struct CsvTable<'w> {
    out: csv::Writer<&'w mut dyn Write>,
    options: Vec<OptionId>,
}

impl<'w> CsvTable<'w> {
    pub fn new(out: &'w mut dyn Write, knowledge: &Knowledge) -> Self {
        let options = OptionId::ALL
            .iter()
            .copied()
            .filter(|id| knowledge.option(*id).is_some_and(|o| o.stage != SYMPTOMS))
            .collect();
        Self {
            out: csv::WriterBuilder::new().from_writer(out),
            options,
        }
    }

    fn write(&mut self, cells: &[&str]) -> io::Result<()> {
        for cell in cells {
            self.out
                .write_field(defuse(cell).as_bytes())
                .map_err(io_error)?;
        }
        self.out.write_record(None::<&[u8]>).map_err(io_error)
    }
}

impl Sink for CsvTable<'_> {
    fn start(&mut self) -> io::Result<()> {
        let mut header = vec!["row", "id", "grade"];
        header.extend(self.options.iter().map(|id| id.name()));
        header.push("error");
        self.write(&header)
    }

    fn detail(&self) -> Detail {
        Detail::Statuses
    }

    fn assessed(&mut self, row: &Checked, assessment: &Assessment) -> io::Result<()> {
        let number = row.number.to_string();
        let (category, status): (_, Box<dyn Fn(OptionId) -> &'static str + '_>) = match assessment {
            Assessment::Statuses(s) => (
                s.category,
                Box::new(|id| {
                    s.options
                        .iter()
                        .find(|(option, _)| *option == id)
                        .map_or("", |(_, status)| status.name())
                }),
            ),
            Assessment::Report(report) => (
                report.grade.category,
                Box::new(|id| {
                    report
                        .options()
                        .find(|(stage, verdict)| stage.id != SYMPTOMS && verdict.id == id)
                        .map_or("", |(_, verdict)| verdict.status.name())
                }),
            ),
        };
        let mut cells = vec![
            number.as_str(),
            row.id.as_deref().unwrap_or(""),
            category.name(),
        ];
        cells.extend(self.options.iter().map(|id| status(*id)));
        cells.push("");
        self.write(&cells)
    }

    fn refused(&mut self, row: &Checked, error: &RowError) -> io::Result<()> {
        let number = row.number.to_string();
        let mut cells = vec![number.as_str(), row.id.as_deref().unwrap_or(""), ""];
        cells.extend(self.options.iter().map(|_| ""));
        cells.push(&error.message);
        self.write(&cells)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// The I/O error inside a CSV error, kind kept (a closed pipe must stay a closed pipe).
fn io_error(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_defused_and_others_kept() {
        for (cell, shown) in [
            ("=1+1", "'=1+1"),
            ("+1", "'+1"),
            ("-1", "'-1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("p-1", "p-1"),
            ("", ""),
        ] {
            assert_eq!(defuse(cell), shown);
        }
    }
}
