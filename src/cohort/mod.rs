//! `batch`: a cohort streamed one record at a time — read a row, validate, assess, write its
//! record, forget it. A bad row becomes an error record and the others go on; the run fails
//! with exit 65 at the end when any row was refused.

mod csv_input;
mod csv_output;
mod jsonl_input;
mod jsonl_output;
mod progress;
mod row;

pub use csv_output::defuse;
pub use row::{Row, RowError};

use crate::config::Env;
use crate::error::Error;
use crate::knowledge::Knowledge;
use crate::report::Report;
use clap::ValueEnum;
use std::io::{self, BufReader, Read, Write};
use std::path::{Path, PathBuf};

/// How a cohort file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CohortInput {
    /// Comma-separated values with a header row of flag names
    Csv,
    /// One JSON object per line, keyed by flag names
    Jsonl,
}

/// How the cohort's results are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CohortOutput {
    /// One compact JSON record per input record (the full report, or the error)
    Jsonl,
    /// One table row per patient: grade and each option's status (for a spreadsheet)
    Csv,
}

/// Where one cohort's records go.
pub trait Sink {
    fn start(&mut self) -> io::Result<()>;
    fn assessed(&mut self, row: &Row, report: &Report) -> io::Result<()>;
    fn refused(&mut self, row: &Row, error: &RowError) -> io::Result<()>;
    fn finish(&mut self) -> io::Result<()>;
}

/// What `batch` was asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Batch {
    /// `None` (or `-`) reads standard input.
    pub file: Option<PathBuf>,
    pub input: Option<CohortInput>,
    pub output: CohortOutput,
}

const STDIN: &str = "standard input";

impl Batch {
    fn file(&self) -> Option<&Path> {
        self.file.as_deref().filter(|p| *p != Path::new("-"))
    }

    /// The input format: as given, else from the extension; JSON Lines on standard input.
    fn input_format(&self) -> Result<CohortInput, Error> {
        if let Some(input) = self.input {
            return Ok(input);
        }
        let Some(path) = self.file() else {
            return Ok(CohortInput::Jsonl);
        };
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("csv") => Ok(CohortInput::Csv),
            Some("jsonl" | "ndjson" | "json") => Ok(CohortInput::Jsonl),
            _ => Err(Error::Usage(format!(
                "cannot tell the format of {} from its name: give --input csv or --input jsonl",
                path.display()
            ))),
        }
    }
}

/// The records of a cohort read from `input` exactly as `batch` reads them (the same readers,
/// no assessment): the parsing entry point for the fuzz targets and the arbitrary-bytes tests.
/// `Err` when a CSV header is refused (the whole file fails, exit 65).
pub fn read_rows<'a>(
    format: CohortInput,
    input: impl Read + 'a,
    name: &str,
) -> Result<Box<dyn Iterator<Item = io::Result<Row>> + 'a>, Error> {
    Ok(match format {
        CohortInput::Csv => Box::new(csv_input::CsvRows::new(input, name)?),
        CohortInput::Jsonl => Box::new(jsonl_input::JsonlRows::new(BufReader::new(input))),
    })
}

/// Runs a cohort: every record of the input, in order, to `out`.
pub fn run(
    batch: &Batch,
    knowledge: &Knowledge,
    env: &Env,
    out: &mut dyn Write,
) -> Result<(), Error> {
    if batch.file.is_none() && env.stdin_tty {
        // Nothing piped in: waiting on the keyboard for JSON would look like a hang.
        return Err(Error::Usage(
            "batch reads a cohort: give a FILE (CSV or JSON Lines), or pipe one in (`-` reads the terminal)"
                .to_owned(),
        ));
    }
    let (name, reader, bar) = match batch.file() {
        // Standard input is read here, not passed down from `main`: `run`'s signature is shared
        // by every command, and only a cohort reads it.
        None => (
            STDIN.to_owned(),
            Box::new(io::stdin().lock()) as Box<dyn Read>,
            progress::Bar::hidden(),
        ),
        Some(path) => {
            let open_error = |source| Error::Open {
                path: path.to_owned(),
                source,
            };
            let file = std::fs::File::open(path).map_err(open_error)?;
            let size = file.metadata().map_err(open_error)?.len();
            // A progress bar only for a file (its size is known) on a terminal.
            let bar = if env.stderr_tty {
                progress::Bar::new(size)
            } else {
                progress::Bar::hidden()
            };
            let reader = bar.wrap(file);
            (path.display().to_string(), reader, bar)
        }
    };
    let format = batch.input_format()?;
    let rows: Box<dyn Iterator<Item = io::Result<Row>>> = match format {
        CohortInput::Csv => Box::new(csv_input::CsvRows::new(reader, &name)?),
        CohortInput::Jsonl => Box::new(jsonl_input::JsonlRows::new(BufReader::new(reader))),
    };
    let mut sink: Box<dyn Sink + '_> = match batch.output {
        CohortOutput::Jsonl => Box::new(jsonl_output::JsonlRecords::new(out)),
        CohortOutput::Csv => Box::new(csv_output::CsvTable::new(out, knowledge)),
    };
    let (total, refused) = stream(rows, knowledge, sink.as_mut(), &bar, &name)?;
    bar.finish();
    if refused > 0 {
        return Err(Error::Data(format!(
            "{name}: {refused} of {total} rows refused (see their error records)"
        )));
    }
    Ok(())
}

/// The loop: one record in memory at a time. Returns (rows, rows refused).
fn stream(
    rows: impl Iterator<Item = io::Result<Row>>,
    knowledge: &Knowledge,
    sink: &mut dyn Sink,
    bar: &progress::Bar,
    name: &str,
) -> Result<(u64, u64), Error> {
    let read_error = |source| Error::Open {
        path: name.into(),
        source,
    };
    let mut total = 0;
    let mut refused = 0;
    sink.start()?;
    for row in rows {
        let row = row.map_err(read_error)?;
        total += 1;
        match row.assess(knowledge) {
            Ok(report) => sink.assessed(&row, &report)?,
            Err(error) => {
                refused += 1;
                sink.refused(&row, &error)?;
            }
        }
        bar.counted(total);
    }
    sink.finish()?;
    Ok((total, refused))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_file_on_a_terminal_is_a_usage_error_not_a_wait() {
        let batch = Batch {
            file: None,
            input: None,
            output: CohortOutput::Jsonl,
        };
        let env = Env {
            stdin_tty: true,
            ..Env::default()
        };
        let k = Knowledge::builtin().unwrap();
        let mut out = Vec::new();
        assert!(matches!(
            run(&batch, &k, &env, &mut out),
            Err(Error::Usage(_))
        ));
        assert!(out.is_empty());
    }

    #[test]
    fn the_input_format_follows_the_flag_then_the_extension() {
        let batch = |file: Option<&str>, input| Batch {
            file: file.map(PathBuf::from),
            input,
            output: CohortOutput::Jsonl,
        };
        let cases = [
            (None, None, Some(CohortInput::Jsonl)),
            (Some("-"), None, Some(CohortInput::Jsonl)),
            (Some("a.CSV"), None, Some(CohortInput::Csv)),
            (Some("a.ndjson"), None, Some(CohortInput::Jsonl)),
            (
                Some("a.txt"),
                Some(CohortInput::Csv),
                Some(CohortInput::Csv),
            ),
            (
                Some("a.csv"),
                Some(CohortInput::Jsonl),
                Some(CohortInput::Jsonl),
            ),
            (Some("a.txt"), None, None),
        ];
        for (file, input, expected) in cases {
            assert_eq!(batch(file, input).input_format().ok(), expected, "{file:?}");
        }
    }
}
