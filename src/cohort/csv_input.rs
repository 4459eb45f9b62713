//! Reads a cohort from CSV: a header of flag names (plus an optional `id`), one patient a row.
//! Tolerates a UTF-8 byte-order mark and CRLF line ends (spreadsheet exports); bounded: see
//! `bounded` for records and `input::FIELD_MAX` for cells.

use super::bounded::{self, Read};
use super::csv_cells::Cells;
use super::row::{Answers, Row, RowError};
use crate::error::Error;
use crate::input::{BOM, FIELD_MAX, FIELD_MAX_SHOWN, LINE_MAX_SHOWN};
use crate::model::{aliases, Field, RawValue};
use std::io::{self, BufRead};

/// What one header column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Id,
    Answer(Field),
}

/// The rows of a CSV cohort, read one bounded record at a time (the `csv` crate alone would
/// buffer a whole record, however long an unclosed quote makes it).
pub struct CsvRows<R: BufRead> {
    input: R,
    columns: Vec<Column>,
    record: Cells,
    number: u64,
}

fn column(name: &str) -> Option<Column> {
    if name.trim().eq_ignore_ascii_case("id") {
        Some(Column::Id)
    } else {
        aliases::column(name).map(Column::Answer)
    }
}

impl<R: BufRead> CsvRows<R> {
    /// Reads the header; an unknown or repeated column refuses the whole file (exit 65).
    pub fn new(mut input: R, name: &str) -> Result<Self, Error> {
        let mut record = Cells::new();
        let open = |source| Error::Open {
            path: name.into(),
            source,
        };
        // A spreadsheet's byte-order mark is not part of the first column's name.
        if bounded::fill(&mut input).map_err(open)?.starts_with(BOM) {
            input.consume(BOM.len());
        }
        let read = record.read(&mut input).map_err(open)?;
        let refuse = |why: &str| Err(Error::Data(format!("{name}: the header {why}")));
        match read {
            // No header, no columns: nothing can be read as a cohort, and an empty file is more
            // likely an export that failed than a cohort of nobody.
            None => return refuse("is missing: the file is empty"),
            Some(Read::Record) => {
                if record.iter().any(|cell| memchr::memchr(0, cell).is_some()) {
                    return refuse("contains a NUL byte (not a CSV file?)");
                }
            }
            Some(Read::TooLong { .. }) => {
                return refuse(&format!(
                    "is longer than {LINE_MAX_SHOWN} (not a CSV file?)"
                ));
            }
            Some(Read::Unclosed) => return refuse("has a quote that is never closed"),
        }
        let mut columns = Vec::with_capacity(record.len());
        for (i, title) in record.iter().enumerate() {
            let Ok(title) = std::str::from_utf8(title) else {
                return refuse(&format!("is not valid UTF-8 (column {})", i + 1));
            };
            let Some(c) = column(title) else {
                return Err(Error::Data(format!(
                    "{name}: unknown column '{}' in the header (column {}): {}",
                    super::row::shorten(title.trim()),
                    i + 1,
                    super::row::column_hint(title)
                )));
            };
            if columns.contains(&c) {
                return Err(Error::Data(format!(
                    "{name}: column '{}' appears twice in the header (column {})",
                    super::row::shorten(title.trim()),
                    i + 1
                )));
            }
            columns.push(c);
        }
        Ok(Self {
            input,
            columns,
            record,
            number: 0,
        })
    }

    fn column_name(&self, i: usize) -> String {
        match self.columns.get(i) {
            Some(Column::Id) => "id".to_owned(),
            Some(Column::Answer(field)) => field.name().to_owned(),
            None => format!("column {}", i + 1),
        }
    }

    /// The row's cells as text, or the first cell that is not text (or too long).
    fn cells(&self) -> Result<Vec<&str>, RowError> {
        let mut cells = Vec::with_capacity(self.record.len());
        for (i, cell) in self.record.iter().enumerate() {
            let why = if cell.len() > FIELD_MAX {
                format!("is longer than {FIELD_MAX_SHOWN}")
            } else if memchr::memchr(0, cell).is_some() {
                "contains a NUL byte".to_owned()
            } else if let Ok(text) = std::str::from_utf8(cell) {
                cells.push(text.trim());
                continue;
            } else {
                "is not valid UTF-8".to_owned()
            };
            let name = self.column_name(i);
            return Err(RowError {
                message: format!("the value of {name} {why}"),
                field: Some(name),
                value: None,
                expected: None,
            });
        }
        Ok(cells)
    }

    fn row(&self) -> Row {
        let mut id = None;
        let mut answers = Answers::default();
        let cells = match self.cells() {
            Ok(cells) => cells,
            // The id still names the row, when its own cell is text.
            Err(e) => {
                return Row {
                    id: self.id_cell(),
                    ..self.refused(e)
                }
            }
        };
        let mut result = Ok(());
        if cells.len() != self.columns.len() {
            result = Err(RowError::malformed(format!(
                "{} cells where the header has {} columns",
                cells.len(),
                self.columns.len()
            )));
        }
        for (column, cell) in self.columns.iter().zip(cells) {
            match column {
                Column::Id => id = (!cell.is_empty()).then(|| cell.to_owned()),
                // An empty cell is an unknown answer, like a flag not given.
                Column::Answer(_) if cell.is_empty() => {}
                Column::Answer(field) => {
                    if result.is_ok() {
                        result = answers.add(*field, RawValue::Text(cell.to_owned()));
                    }
                }
            }
        }
        Row {
            number: self.number,
            line: None,
            id,
            answers: result.map(|()| answers.into_vec()),
        }
    }

    /// The id cell of the current record, if it is text.
    fn id_cell(&self) -> Option<String> {
        let at = self.columns.iter().position(|c| *c == Column::Id)?;
        let cell = self.record.iter().nth(at)?;
        if cell.len() > FIELD_MAX || memchr::memchr(0, cell).is_some() {
            return None;
        }
        let text = std::str::from_utf8(cell).ok()?.trim();
        (!text.is_empty()).then(|| text.to_owned())
    }

    fn refused(&self, error: RowError) -> Row {
        Row {
            number: self.number,
            line: None,
            id: None,
            answers: Err(error),
        }
    }
}

impl<R: BufRead + super::Buffered> super::Rows for CsvRows<R> {
    fn buffered(&self) -> bool {
        self.input.has_buffered()
    }
}

impl<R: BufRead> Iterator for CsvRows<R> {
    type Item = io::Result<Row>;

    fn next(&mut self) -> Option<Self::Item> {
        let read = match self.record.read(&mut self.input) {
            Ok(read) => read?,
            Err(e) => return Some(Err(e)),
        };
        self.number += 1;
        let why = match read {
            Read::Record => return Some(Ok(self.row())),
            Read::TooLong { unclosed } => format!(
                "the row is longer than {LINE_MAX_SHOWN}{}; skipped",
                if unclosed {
                    " (a quote opened in it is never closed)"
                } else {
                    ""
                }
            ),
            Read::Unclosed => "a quote opened in the row is never closed".to_owned(),
        };
        Some(Ok(self.refused(RowError::malformed(why))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<Row> {
        CsvRows::new(text.as_bytes(), "t.csv")
            .unwrap()
            .map(Result::unwrap)
            .collect()
    }

    #[test]
    fn reads_bom_crlf_and_both_spellings() {
        let got = rows("\u{feff}id,Ki67,largest_cm\r\np1,12,2.5\r\np2,,\r\n");
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].id.as_deref(), Some("p1"));
        assert_eq!(
            got[0].answers,
            Ok(vec![
                (Field::Ki67, RawValue::Text("12".into())),
                (Field::LargestCm, RawValue::Text("2.5".into()))
            ])
        );
        assert_eq!(got[1].answers, Ok(vec![]));
        assert_eq!(got[1].number, 2);
    }

    #[test]
    fn unknown_or_repeated_header_columns_refuse_the_file() {
        for (text, needle) in [
            ("ki67,weight\n", "unknown column 'weight'"),
            ("ki67,largest-cm,largest_cm\n", "appears twice"),
        ] {
            let Err(Error::Data(message)) = CsvRows::new(text.as_bytes(), "t.csv") else {
                panic!("{text} accepted");
            };
            assert!(message.contains(needle), "{message}");
        }
    }

    #[test]
    fn a_short_row_is_an_error_record() {
        let got = rows("ki67,age\n12\n");
        assert!(got[0]
            .answers
            .as_ref()
            .unwrap_err()
            .message
            .contains("1 cells"));
    }
}
