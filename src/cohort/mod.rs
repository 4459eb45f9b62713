//! `batch`: a cohort streamed one record at a time — read a row, validate, assess, write its
//! record, forget it. A bad row becomes an error record and the others go on; the run fails
//! with exit 65 at the end when any row was refused.

mod bounded;
mod csv_cells;
mod csv_input;
mod csv_output;
mod interrupt;
mod jsonl_input;
mod jsonl_output;
mod progress;
mod row;

pub use csv_output::defuse;
pub use row::{Checked, Row, RowError};

use crate::config::Env;
use crate::eligibility::Detail;
use crate::error::Error;
use crate::knowledge::Knowledge;
use crate::pathway::Statuses;
use crate::report::Report;
use clap::ValueEnum;
use std::io::{self, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc;

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

/// One patient's result, as much of it as the output needs.
pub enum Assessment {
    Report(Box<Report>),
    Statuses(Statuses),
}

/// Where one cohort's records go.
pub trait Sink {
    /// How much of each assessment this output shows.
    fn detail(&self) -> Detail;
    fn start(&mut self) -> io::Result<()>;
    fn assessed(&mut self, row: &Checked, assessment: &Assessment) -> io::Result<()>;
    fn refused(&mut self, row: &Checked, error: &RowError) -> io::Result<()>;
    /// Pushes out every whole record written so far.
    fn flush(&mut self) -> io::Result<()>;
    fn finish(&mut self) -> io::Result<()>;
}

/// What `batch` was asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Batch {
    /// `None` (or `-`) reads standard input.
    pub file: Option<PathBuf>,
    pub input: Option<CohortInput>,
    pub output: CohortOutput,
    /// JSON Lines: brief records, or the full report (standard and full).
    pub detail: crate::render::Detail,
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

/// What the reading thread tells the loop.
enum Event {
    /// The header (if any) is read and accepted: records follow.
    Started,
    /// The input as a whole is refused (e.g. a CSV header).
    Failed(Error),
    /// Records in input order (a read error ends the batch and the input).
    Rows(Vec<io::Result<Checked>>),
    End,
    /// A signal arrived (see `interrupt`).
    Wake,
}

/// Batches of records read ahead of the one being assessed.
const QUEUE: usize = 8;

/// Records handed from the reading thread to the loop at a time, at most.
const BATCH: usize = 64;

/// Bytes read from a cohort file at a time.
const READ_BUFFER: usize = 64 * 1024;

/// The records of a cohort read from `input` exactly as `batch` reads them (the same readers,
/// no assessment): the parsing entry point for the fuzz targets and the arbitrary-bytes tests.
/// `Err` when a CSV header is refused (the whole file fails, exit 65).
pub fn read_rows<'a>(
    format: CohortInput,
    input: impl Read + 'a,
    name: &str,
) -> Result<Box<dyn Rows + 'a>, Error> {
    // Large reads: a cohort file is read in few system calls.
    let input = BufReader::with_capacity(READ_BUFFER, input);
    Ok(match format {
        CohortInput::Csv => Box::new(csv_input::CsvRows::new(input, name)?),
        CohortInput::Jsonl => Box::new(jsonl_input::JsonlRows::new(input)),
    })
}

/// The records of a cohort, one at a time.
pub trait Rows: Iterator<Item = io::Result<Row>> {
    /// Whether more input is already in memory, so that the next record will not wait on the
    /// source (a slow pipe): records are handed on in batches only while this holds.
    fn buffered(&self) -> bool;
}

/// A reader that can tell whether it holds unread input.
pub trait Buffered {
    fn has_buffered(&self) -> bool;
}

impl<R: Read> Buffered for BufReader<R> {
    fn has_buffered(&self) -> bool {
        !self.buffer().is_empty()
    }
}

impl Buffered for &[u8] {
    fn has_buffered(&self) -> bool {
        !self.is_empty()
    }
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
            Box::new(io::stdin()) as Box<dyn Read + Send>,
            progress::Bar::hidden(),
        ),
        Some(path) => {
            let file = crate::input::open(path)?;
            let size = file.metadata().map_or(0, |m| m.len());
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
    let (tx, events) = mpsc::sync_channel(QUEUE);
    let wake = tx.clone();
    // Before the reading thread starts, so that it too leaves the signals to the watcher.
    interrupt::watch(move || {
        let _ = wake.try_send(Event::Wake);
    });
    let thread_name = name.clone();
    // The reader runs on its own thread so that a signal can end the loop even while the input
    // (a pipe, a terminal) has nothing to give; it is left behind when the loop ends early.
    std::thread::spawn(move || read_all(format, reader, &thread_name, &tx));
    loop {
        if let Some(e) = interrupt::stopped() {
            return Err(e);
        }
        match events.recv() {
            Ok(Event::Started) => break,
            Ok(Event::Failed(e)) => return Err(e),
            Ok(Event::Wake) => {}
            Ok(Event::Rows(_) | Event::End) | Err(_) => {
                return Err(Error::Data(format!("{name}: the input ended unexpectedly")));
            }
        }
    }
    let mut sink: Box<dyn Sink + '_> = match batch.output {
        CohortOutput::Jsonl => Box::new(jsonl_output::JsonlRecords::new(out, batch.detail)),
        CohortOutput::Csv => Box::new(csv_output::CsvTable::new(out, knowledge)),
    };
    let tally = stream(&events, knowledge, sink.as_mut(), &bar, &name)?;
    bar.finish();
    if let Some((row, field)) = tally.first_refused {
        let place = field.map_or_else(|| format!("row {row}"), |f| format!("row {row}, field {f}"));
        return Err(Error::Data(format!(
            "{name}: {} of {} rows refused (first: {place}; see their error records)",
            tally.refused, tally.total
        )));
    }
    Ok(())
}

/// The reading thread: the rows of `reader`, one event each, then `End`.
fn read_all(
    format: CohortInput,
    reader: Box<dyn Read + Send>,
    name: &str,
    tx: &mpsc::SyncSender<Event>,
) {
    let rows = match read_rows(format, reader, name) {
        Ok(rows) => rows,
        Err(e) => {
            let _ = tx.send(Event::Failed(e));
            return;
        }
    };
    if tx.send(Event::Started).is_err() {
        return;
    }
    let mut rows = rows;
    let mut batch = Vec::with_capacity(BATCH);
    while let Some(row) = rows.next() {
        let failed = row.is_err();
        batch.push(row.map(Checked::from));
        // Hand records on in batches (few wake-ups), but never hold one back while the source
        // makes us wait: a slow pipe sees each result at once.
        if batch.len() == BATCH || failed || !rows.buffered() {
            let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
            if tx.send(Event::Rows(full)).is_err() || failed {
                return;
            }
        }
    }
    if !batch.is_empty() && tx.send(Event::Rows(batch)).is_err() {
        return;
    }
    let _ = tx.send(Event::End);
}

/// How a cohort went.
struct Tally {
    total: u64,
    refused: u64,
    /// The first refused row and the column to blame, if any.
    first_refused: Option<(u64, Option<String>)>,
}

/// The loop: one record in memory at a time, checked for a signal between records.
fn stream(
    events: &mpsc::Receiver<Event>,
    knowledge: &Knowledge,
    sink: &mut dyn Sink,
    bar: &progress::Bar,
    name: &str,
) -> Result<Tally, Error> {
    let read_error = |source| Error::Open {
        path: name.into(),
        source,
    };
    let mut tally = Tally {
        total: 0,
        refused: 0,
        first_refused: None,
    };
    sink.start()?;
    loop {
        if let Some(e) = interrupt::stopped() {
            // Every record so far was written whole; push them out and stop.
            sink.finish()?;
            return Err(e);
        }
        let event = match events.try_recv() {
            Ok(event) => event,
            Err(mpsc::TryRecvError::Empty) => {
                // The input makes us wait: let the reader downstream have what is done.
                sink.flush()?;
                match events.recv() {
                    Ok(event) => event,
                    Err(_) => break,
                }
            }
            Err(mpsc::TryRecvError::Disconnected) => break,
        };
        let rows = match event {
            Event::Rows(rows) => rows,
            Event::Wake | Event::Started => continue,
            Event::Failed(e) => return Err(e),
            Event::End => break,
        };
        for row in rows {
            if let Some(e) = interrupt::stopped() {
                // Every record so far was written whole; push them out and stop.
                sink.finish()?;
                return Err(e);
            }
            let row = row.map_err(read_error)?;
            tally.total += 1;
            match row.assess(knowledge, sink.detail()) {
                Ok(assessment) => sink.assessed(&row, &assessment)?,
                Err(error) => {
                    tally.refused += 1;
                    if tally.first_refused.is_none() {
                        tally.first_refused = Some((row.number, error.field.clone()));
                    }
                    sink.refused(&row, &error)?;
                }
            }
        }
        bar.counted(tally.total);
    }
    sink.finish()?;
    Ok(tally)
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
            detail: crate::render::Detail::Brief,
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
            detail: crate::render::Detail::Brief,
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
