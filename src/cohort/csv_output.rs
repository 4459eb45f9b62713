//! Writes a cohort as a CSV table a registry can open in a spreadsheet: one row per patient —
//! row, id, grade, the status of every option of the local, liver-directed and systemic stages,
//! the answers that would settle the undetermined ones, the error of a refused row, and the
//! knowledge each row was assessed with (a column rather than a line above the header, so that
//! every spreadsheet and CSV reader still sees one header and every row, copied anywhere, still
//! says which thresholds decided it). Cells that a spreadsheet would run as a formula are
//! defused.

use super::row::{Checked, RowError};
use super::{Assessment, Sink};
use crate::eligibility::{Detail, Status};
use crate::knowledge::Knowledge;
use crate::model::patient::FieldSet;
use crate::model::{Field, OptionId};
use std::collections::HashMap;
use std::io::{self, Write};

/// The stage listed only when a syndrome is given; its options are not table columns.
const SYMPTOMS: &str = "symptoms";

/// A cell a spreadsheet would read as a formula (OWASP "CSV injection") gets a leading `'`:
/// one that starts with a formula sign, a tab or a carriage return, also after the white space
/// (a no-break space, a newline…) a spreadsheet trims, and with the full-width signs some
/// spreadsheets read as their ASCII forms.
pub fn defuse(cell: &str) -> std::borrow::Cow<'_, str> {
    const SIGNS: [char; 10] = ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'];
    // A letter or digit first (nearly every id) is neither a sign nor white space.
    if cell
        .as_bytes()
        .first()
        .is_some_and(u8::is_ascii_alphanumeric)
    {
        return cell.into();
    }
    if cell.starts_with(SIGNS) || cell.trim_start().starts_with(SIGNS) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// The CSV table on `out`.
pub struct CsvTable<'w> {
    out: &'w mut dyn Write,
    options: Vec<OptionId>,
    /// The record being built: written whole, so a stop between records leaves no half line.
    line: Vec<u8>,
    /// The `knowledge` cell, quoted and defused once for every row.
    knowledge: Vec<u8>,
    /// The cells from grade to `would_settle`, written once for each distinct outcome (see
    /// [`Outcome`]) and copied for the rows that share it: most rows of a cohort share a few
    /// hundred. The first [`SEGMENTS_MAX`] are kept, so memory stays flat whatever the cohort.
    segments: HashMap<Outcome, Vec<u8>>,
}

/// Distinct outcomes whose cells are kept.
const SEGMENTS_MAX: usize = 512;

/// What a row's cells from grade to `would_settle` show: the grade category and each option's
/// status (three bits each, in one number), and the answers that would settle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Outcome {
    statuses: u128,
    missing: FieldSet,
}

// Three bits for the category and for each option's status fit in the number.
const _: () = assert!(3 * (OptionId::ALL.len() + 1) <= 128);

/// The three bits of a status cell (0: the assessment does not list the option).
fn status_code(status: Option<Status>) -> u128 {
    match status {
        None => 0,
        Some(Status::Recommended) => 1,
        Some(Status::Consider) => 2,
        Some(Status::Undetermined) => 3,
        Some(Status::NotRecommended) => 4,
    }
}

/// The `knowledge` cell: the knowledge-base version, and the institution's file in force.
pub fn knowledge_cell(knowledge: &Knowledge) -> String {
    match knowledge.in_force() {
        Some(in_force) => format!("{} with {in_force}", knowledge.version),
        None => format!("{} (built-in)", knowledge.version),
    }
}

/// Appends one cell as RFC 4180 wants it: quoted (quotes doubled) when it holds a comma, a
/// quote or a line break; a cell a spreadsheet would run as a formula is defused first.
fn push_cell(line: &mut Vec<u8>, cell: &str) {
    let cell = defuse(cell);
    if cell
        .bytes()
        .any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'))
    {
        line.push(b'"');
        for byte in cell.bytes() {
            if byte == b'"' {
                line.push(b'"');
            }
            line.push(byte);
        }
        line.push(b'"');
    } else {
        line.extend_from_slice(cell.as_bytes());
    }
}

/// Appends a row number in decimal (without the formatting machinery: once a row).
fn push_number(line: &mut Vec<u8>, number: u64) {
    line.extend_from_slice(itoa::Buffer::new().format(number).as_bytes());
}

/// Appends field names as one cell, a comma list (quoted when it holds more than one). Our own
/// words: nothing to defuse.
fn push_fields(line: &mut Vec<u8>, fields: FieldSet) {
    let names = || Field::ALL.into_iter().filter(|f| fields.contains(*f));
    let quoted = names().nth(1).is_some();
    if quoted {
        line.push(b'"');
    }
    for (i, field) in names().enumerate() {
        if i > 0 {
            line.push(b',');
        }
        line.extend_from_slice(field.name().as_bytes());
    }
    if quoted {
        line.push(b'"');
    }
}

impl<'w> CsvTable<'w> {
    pub fn new(out: &'w mut dyn Write, knowledge: &Knowledge) -> Self {
        let options = OptionId::ALL
            .iter()
            .copied()
            .filter(|id| knowledge.option(*id).is_some_and(|o| o.stage != SYMPTOMS))
            .collect();
        let mut cell = Vec::new();
        push_cell(&mut cell, &knowledge_cell(knowledge));
        Self {
            out,
            options,
            line: Vec::with_capacity(512),
            knowledge: cell,
            segments: HashMap::new(),
        }
    }

    /// Writes one line of `cells`, then the knowledge cell unless it is the header.
    fn write<'c>(
        &mut self,
        cells: impl IntoIterator<Item = &'c str>,
        with_knowledge: bool,
    ) -> io::Result<()> {
        self.line.clear();
        for (i, cell) in cells.into_iter().enumerate() {
            if i > 0 {
                self.line.push(b',');
            }
            push_cell(&mut self.line, cell);
        }
        if with_knowledge {
            self.line.push(b',');
            self.line.extend_from_slice(&self.knowledge);
        }
        self.line.push(b'\n');
        self.out.write_all(&self.line)
    }
}

impl Sink for CsvTable<'_> {
    fn start(&mut self) -> io::Result<()> {
        let names: Vec<&str> = self.options.iter().map(|id| id.name()).collect();
        let header = ["row", "id", "grade"].into_iter().chain(names).chain([
            "would_settle",
            "error",
            "knowledge",
        ]);
        self.write(header, false)
    }

    fn detail(&self) -> Detail {
        Detail::Statuses
    }

    fn assessed(&mut self, row: &Checked, assessment: &Assessment) -> io::Result<()> {
        // Each option's status by its id (the first listed, as a stage may list an option
        // again); an option the assessment does not list has an empty cell.
        let mut statuses = [None; OptionId::ALL.len()];
        let mut missing = FieldSet::default();
        let category = match assessment {
            Assessment::Statuses(s) => {
                for (id, status) in &s.options {
                    statuses[*id as usize].get_or_insert(*status);
                }
                missing = s.missing;
                s.category
            }
            Assessment::Report(report) => {
                for (stage, v) in report.options() {
                    if stage.id != SYMPTOMS {
                        statuses[v.id as usize].get_or_insert(v.status);
                    }
                    if v.status == Status::Undetermined {
                        missing.union(v.settled_by);
                    }
                }
                report.grade.category
            }
        };
        // Only the id comes from the input; the number, grade and statuses are our own words,
        // which never need quoting or defusing.
        self.line.clear();
        push_number(&mut self.line, row.number);
        self.line.push(b',');
        push_cell(&mut self.line, row.id.as_deref().unwrap_or(""));
        self.line.push(b',');
        let outcome = Outcome {
            statuses: self.options.iter().fold(category as u128, |code, id| {
                code << 3 | status_code(statuses[*id as usize])
            }),
            missing,
        };
        if let Some(segment) = self.segments.get(&outcome) {
            self.line.extend_from_slice(segment);
        } else {
            let start = self.line.len();
            self.line.extend_from_slice(category.name().as_bytes());
            for id in &self.options {
                self.line.push(b',');
                if let Some(status) = statuses[*id as usize] {
                    self.line.extend_from_slice(status.name().as_bytes());
                }
            }
            self.line.push(b',');
            push_fields(&mut self.line, missing);
            if self.segments.len() < SEGMENTS_MAX {
                self.segments.insert(outcome, self.line[start..].to_vec());
            }
        }
        self.line.extend_from_slice(b",,");
        self.line.extend_from_slice(&self.knowledge);
        self.line.push(b'\n');
        self.out.write_all(&self.line)
    }

    fn refused(&mut self, row: &Checked, error: &RowError) -> io::Result<()> {
        let number = row.number.to_string();
        let head = [number.as_str(), row.id.as_deref().unwrap_or(""), ""];
        let blanks = std::iter::repeat("").take(self.options.len() + 1);
        self.write(
            head.into_iter()
                .chain(blanks)
                .chain([error.message.as_str()]),
            true,
        )
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_reads_the_same_whether_its_statuses_cells_were_kept_or_not() {
        let k = Knowledge::builtin().unwrap();
        let text = "{\"id\": \"a\", \"ki67\": 12, \"primary\": \"small-intestine\"}\n\
                    {\"id\": \"b\", \"ki67\": 14, \"primary\": \"small-intestine\"}\n\
                    {\"ki67\": 25, \"differentiation\": \"well\", \"primary\": \"pancreas\"}\n\
                    {\"ki67\": 60, \"sstr\": \"positive\"}\n{\"id\": \"a\", \"ki67\": 12, \"primary\": \"small-intestine\"}\n";
        let rows: Vec<Checked> =
            super::super::read_rows(super::super::CohortInput::Jsonl, text.as_bytes(), "t")
                .unwrap()
                .map(|row| Checked::from(row.unwrap()))
                .collect();
        let table = |full: bool| {
            let mut out = Vec::new();
            let mut table = CsvTable::new(&mut out, &k);
            if full {
                // Outcomes no row has (their top bits are never used): no row's cells are kept.
                for i in 0..SEGMENTS_MAX {
                    let outcome = Outcome {
                        statuses: u128::MAX - i as u128,
                        missing: FieldSet::default(),
                    };
                    table.segments.insert(outcome, Vec::new());
                }
            }
            for row in &rows {
                let assessment = row.assess(&k, Detail::Statuses).unwrap();
                table.assessed(row, &assessment).unwrap();
            }
            let kept = table.segments.len();
            (String::from_utf8(out).unwrap(), kept)
        };
        let (written, kept) = table(false);
        let (fresh, full) = table(true);
        assert_eq!(written, fresh);
        assert_eq!(written.lines().count(), 5);
        assert!(
            kept < 5,
            "rows with the same statuses share their cells ({kept} kept)"
        );
        assert_eq!(full, SEGMENTS_MAX, "no more are kept past the cap");
    }

    #[test]
    fn row_numbers_are_written_in_decimal() {
        for number in [0, 7, 10, 99, 1_000_000, u64::MAX] {
            let mut line = Vec::new();
            push_number(&mut line, number);
            assert_eq!(line, number.to_string().as_bytes());
        }
    }

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
            (" =1", "' =1"),
            ("\n=1", "'\n=1"),
            ("\u{a0}+1", "'\u{a0}+1"),
            ("＝1+1", "'＝1+1"),
            ("\u{3000}＠A1", "'\u{3000}＠A1"),
            ("a =1", "a =1"),
        ] {
            assert_eq!(defuse(cell), shown);
        }
    }

    #[test]
    fn cells_are_quoted_as_rfc_4180_wants() {
        let cells = ["plain", "a,b", "say \"hi\"", "two\nlines", "", "=1"];
        let shown: Vec<String> = cells
            .iter()
            .map(|cell| {
                let mut line = Vec::new();
                push_cell(&mut line, cell);
                String::from_utf8(line).unwrap()
            })
            .collect();
        assert_eq!(
            shown,
            [
                "plain",
                "\"a,b\"",
                "\"say \"\"hi\"\"\"",
                "\"two\nlines\"",
                "",
                "'=1"
            ]
        );
    }
}
