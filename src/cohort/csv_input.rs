//! Reads a cohort from CSV: a header of flag names (plus an optional `id`), one patient a row.
//! Tolerates a UTF-8 byte-order mark and CRLF line ends (spreadsheet exports).

use super::row::{Answers, Row, RowError};
use crate::error::Error;
use crate::model::{Field, RawValue};
use std::io::{self, Read};

/// What one header column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Id,
    Answer(Field),
}

/// The rows of a CSV cohort, read one at a time.
pub struct CsvRows<R: Read> {
    reader: csv::Reader<R>,
    columns: Vec<Column>,
    record: csv::StringRecord,
    number: u64,
}

fn column(name: &str) -> Option<Column> {
    if name.trim().eq_ignore_ascii_case("id") {
        Some(Column::Id)
    } else {
        Field::from_name(name).map(Column::Answer)
    }
}

impl<R: Read> CsvRows<R> {
    /// Reads the header; an unknown or repeated column refuses the whole file (exit 65).
    pub fn new(input: R, name: &str) -> Result<Self, Error> {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(input);
        let header = match reader.headers() {
            Ok(h) => h.clone(),
            Err(e) => return Err(header_error(name, e)),
        };
        let mut columns = Vec::with_capacity(header.len());
        for (i, title) in header.iter().enumerate() {
            let title = title.trim_start_matches('\u{feff}');
            let Some(c) = column(title) else {
                return Err(Error::Data(format!(
                    "{name}: unknown column '{}' in the header (column {}); columns are id and the patient flag names, e.g. ki67, primary, largest-cm",
                    super::row::shorten(title),
                    i + 1
                )));
            };
            if columns.contains(&c) {
                return Err(Error::Data(format!(
                    "{name}: column '{}' appears twice in the header",
                    super::row::shorten(title)
                )));
            }
            columns.push(c);
        }
        Ok(Self {
            reader,
            columns,
            record: csv::StringRecord::new(),
            number: 0,
        })
    }

    fn row(&self) -> Row {
        let mut id = None;
        let mut answers = Answers::default();
        let mut result = Ok(());
        if self.record.len() != self.columns.len() {
            result = Err(RowError::malformed(format!(
                "{} cells where the header has {} columns",
                self.record.len(),
                self.columns.len()
            )));
        }
        for (column, cell) in self.columns.iter().zip(self.record.iter()) {
            let cell = cell.trim();
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
            id,
            answers: result.map(|()| answers.into_vec()),
        }
    }
}

fn header_error(name: &str, e: csv::Error) -> Error {
    match e.into_kind() {
        csv::ErrorKind::Io(source) => Error::Open {
            path: name.into(),
            source,
        },
        csv::ErrorKind::Utf8 { .. } => {
            Error::Data(format!("{name}: the header is not valid UTF-8"))
        }
        other => Error::Data(format!("{name}: cannot read the header: {other:?}")),
    }
}

impl<R: Read> Iterator for CsvRows<R> {
    type Item = io::Result<Row>;

    fn next(&mut self) -> Option<Self::Item> {
        match self.reader.read_record(&mut self.record) {
            Ok(false) => None,
            Ok(true) => {
                self.number += 1;
                Some(Ok(self.row()))
            }
            Err(e) => {
                self.number += 1;
                match e.into_kind() {
                    csv::ErrorKind::Io(source) => Some(Err(source)),
                    csv::ErrorKind::Utf8 { .. } => Some(Ok(Row {
                        number: self.number,
                        id: None,
                        answers: Err(RowError::malformed("the row is not valid UTF-8")),
                    })),
                    _ => Some(Ok(Row {
                        number: self.number,
                        id: None,
                        answers: Err(RowError::malformed("the row cannot be read as CSV")),
                    })),
                }
            }
        }
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
