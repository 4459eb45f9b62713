//! `batch`: a cohort streamed one record at a time — read a row, validate, assess, write its
//! record, forget it. A bad row becomes an error record and the others go on; the run fails
//! with exit 65 at the end when any row was refused.

mod bounded;
mod csv_cells;
mod csv_input;
mod csv_output;
mod fhir_input;
mod fhir_output;
mod jsonl_input;
mod jsonl_output;
mod progress;
mod row;

pub use csv_output::defuse;
pub use jsonl_output::{AnyRecord, Record};
pub use row::{Checked, Row, RowError};

use crate::config::Env;
use crate::eligibility::Detail;
use crate::error::Error;
use crate::knowledge::Knowledge;
use crate::pathway::Statuses;
use crate::report::Report;
use crate::signals;
use clap::ValueEnum;
use std::fmt::Write as _;
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
    /// One FHIR resource per line: a QuestionnaireResponse or a Bundle of Observations
    FhirNdjson,
}

/// How the cohort's results are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CohortOutput {
    /// One compact JSON record per input record (the full report, or the error)
    Jsonl,
    /// One table row per patient: grade and each option's status (for a spreadsheet)
    Csv,
    /// One FHIR Bundle per line (an OperationOutcome for a refused record)
    FhirNdjson,
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

    /// The input format: as given, else from the extension; `None` on standard input, where
    /// the first line tells (see [`sniff`]).
    fn input_format(&self) -> Result<Option<CohortInput>, Error> {
        if let Some(input) = self.input {
            return Ok(Some(input));
        }
        let Some(path) = self.file() else {
            return Ok(None);
        };
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("csv") => Ok(Some(CohortInput::Csv)),
            Some("jsonl" | "ndjson" | "json") => Ok(Some(CohortInput::Jsonl)),
            _ => Err(Error::Usage(format!(
                "cannot tell the format of {} from its name: give --input csv or --input jsonl",
                crate::input::shown(path)
            ))),
        }
    }
}

/// The format of standard input from its first bytes: CSV when the first line is a header (it
/// does not open a JSON object or list, and has a comma or names a column, quoted or not), else
/// JSON Lines.
pub(super) fn sniff(start: &[u8]) -> CohortInput {
    let start = start.strip_prefix(crate::input::BOM).unwrap_or(start);
    let start = start.trim_ascii_start();
    let line = start.split(|&b| b == b'\n').next().unwrap_or_default();
    let line = String::from_utf8_lossy(line);
    let header = !line.starts_with(['{', '['])
        && (line.contains(',') || row::column_name_known(line.trim().trim_matches('"')));
    if header {
        CohortInput::Csv
    } else {
        CohortInput::Jsonl
    }
}

/// What the reading thread tells the loop.
enum Event {
    /// The header (if any) is read and accepted: records follow.
    Started,
    /// The input as a whole is refused (e.g. a CSV header).
    Failed(Error),
    /// Records in input order (a read error ends the batch and the input).
    Rows(Vec<io::Result<Ready>>),
    End,
    /// A signal arrived (see `interrupt`).
    Wake,
}

/// A record as the reading thread hands it on: validated, and already assessed when that
/// thread had time to spare (see [`hand_on`]).
struct Ready {
    row: Checked,
    assessment: Option<Result<Assessment, RowError>>,
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
    open_rows(Some(format), input, name)
}

/// [`read_rows`], the format told by the first line when not given.
fn open_rows<'a>(
    format: Option<CohortInput>,
    input: impl Read + 'a,
    name: &str,
) -> Result<Box<dyn Rows + 'a>, Error> {
    // Large reads: a cohort file is read in few system calls.
    let mut input = BufReader::with_capacity(READ_BUFFER, input);
    // A read error here is met again, and reported, by the first read of a record.
    let format =
        format.unwrap_or_else(|| sniff(io::BufRead::fill_buf(&mut input).unwrap_or_default()));
    Ok(match format {
        CohortInput::Csv => Box::new(csv_input::CsvRows::new(input, name)?),
        CohortInput::Jsonl => Box::new(jsonl_input::JsonlRows::new(input)),
        CohortInput::FhirNdjson => Box::new(jsonl_input::JsonlRows::fhir(input)),
    })
}

/// The records of a cohort, one at a time.
pub trait Rows: Iterator<Item = io::Result<Row>> {
    /// Whether more input is already in memory, so that the next record will not wait on the
    /// source (a slow pipe): records are handed on in batches only while this holds.
    fn buffered(&self) -> bool;

    /// The next record, validated (what `batch` reads): a reader may validate straight from
    /// its input, to the same result.
    fn next_checked(&mut self) -> Option<io::Result<Checked>> {
        self.next().map(|row| row.map(Checked::from))
    }
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

/// Runs a cohort: every record of the input, in order, to `out`; talk (the progress line on a
/// terminal) to `err`, from this thread only.
pub fn run(
    batch: &Batch,
    knowledge: &Knowledge,
    env: &Env,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), Error> {
    if batch.file.is_none() && env.stdin_tty {
        // Nothing piped in: waiting on the keyboard for JSON would look like a hang.
        return Err(Error::Usage(
            "batch reads a cohort: give a FILE (CSV or JSON Lines), or pipe one in (`-` reads the terminal)"
                .to_owned(),
        ));
    }
    let (name, input, size): (_, Box<dyn Read + Send>, _) = match batch.file() {
        // Standard input is read here, not passed down from `main`: `run`'s signature is shared
        // by every command, and only a cohort reads it.
        None if env.stdin_closed => {
            return Err(Error::Open {
                path: STDIN.into(),
                source: io::Error::new(io::ErrorKind::NotFound, "it is closed"),
            });
        }
        None => (STDIN.to_owned(), Box::new(io::stdin()), None),
        Some(path) => {
            let file = crate::input::open(path)?;
            let size = file.metadata().map_or(0, |m| m.len());
            (crate::input::shown(path), Box::new(file), Some(size))
        }
    };
    let format = batch.input_format()?;
    if let Some(in_force) = knowledge.in_force() {
        // Institution policy changes decisions: say so once, before any record.
        let _ = writeln!(err, "netriage: {in_force}");
    }
    // A progress line only on a terminal, never while the user types the cohort into it, and
    // never when the records themselves go to the terminal (they would be written into it).
    let mut progress = if env.stderr_tty && !env.stdout_tty && !(size.is_none() && env.stdin_tty) {
        progress::Progress::shown(err, size, env.stderr_width)
    } else {
        progress::Progress::hidden()
    };
    let reader = progress.count(input);
    let (tx, events) = mpsc::sync_channel(QUEUE);
    let wake = tx.clone();
    // Before the reading thread starts, so that it too leaves the signals to the watcher.
    signals::watch(signals::Watch {
        wake: Box::new(move || {
            let _ = wake.try_send(Event::Wake);
        }),
        restore: Box::new(|| {}),
        terminal: env.stderr_tty,
    });
    let mut sink: Box<dyn Sink + '_> = match batch.output {
        CohortOutput::Jsonl => Box::new(jsonl_output::JsonlRecords::new(
            out,
            knowledge,
            batch.detail,
        )),
        CohortOutput::Csv => Box::new(csv_output::CsvTable::new(out, knowledge)),
        CohortOutput::FhirNdjson => Box::new(fhir_output::FhirRecords::new(out, env.now)),
    };
    let thread_name = name.clone();
    // A table's statuses are small: while the loop is behind, the reading thread assesses the
    // records it holds, so that both cores share the work. A full report per record would hold
    // up to a queue's worth of reports in memory: those are left to the loop.
    let helper = (sink.detail() == Detail::Statuses).then(|| knowledge.clone());
    // The reader runs on its own thread so that a signal can end the loop even while the input
    // (a pipe, a terminal) has nothing to give; it is left behind when the loop ends early. It
    // never touches the terminal: the progress line is drawn here.
    std::thread::spawn(move || read_all(format, reader, &thread_name, &tx, helper.as_ref()));
    loop {
        if let Some(e) = signals::stopped() {
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
    let tally = stream(&events, knowledge, sink.as_mut(), &mut progress, &name)?;
    progress.finish();
    if let Some((row, line, field)) = tally.first_refused {
        let mut place = format!("row {row}");
        if let Some(line) = line {
            let _ = write!(place, " (line {line})");
        }
        if let Some(field) = field {
            let _ = write!(place, ", field {field}");
        }
        return Err(Error::Data(format!(
            "{name}: {} of {} rows refused (first: {place}; see their error records)",
            tally.refused, tally.total
        )));
    }
    Ok(())
}

/// The reading thread: the rows of `reader`, one event each, then `End`. With `helper`, it
/// assesses a table's statuses while the loop is behind (see [`hand_on`]).
fn read_all(
    format: Option<CohortInput>,
    reader: Box<dyn Read + Send>,
    name: &str,
    tx: &mpsc::SyncSender<Event>,
    helper: Option<&Knowledge>,
) {
    let rows = match open_rows(format, reader, name) {
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
    while let Some(row) = rows.next_checked() {
        let failed = row.is_err();
        batch.push(row.map(|row| Ready {
            row,
            assessment: None,
        }));
        // Hand records on in batches (few wake-ups), but never hold one back while the source
        // makes us wait: a slow pipe sees each result at once.
        if batch.len() == BATCH || failed || !rows.buffered() {
            let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
            if hand_on(tx, full, helper).is_err() || failed {
                return;
            }
        }
    }
    if !batch.is_empty() && hand_on(tx, batch, helper).is_err() {
        return;
    }
    let _ = tx.send(Event::End);
}

/// Sends a batch of records to the loop. While the queue is full (the loop is behind) and
/// `helper` is given, assesses the batch's records one at a time between attempts, in input
/// order: the same assessment the loop would make, from the same record, so the output is the
/// same whichever thread makes it. `Err` when the loop is gone.
fn hand_on(
    tx: &mpsc::SyncSender<Event>,
    rows: Vec<io::Result<Ready>>,
    helper: Option<&Knowledge>,
) -> Result<(), ()> {
    let Some(knowledge) = helper else {
        return tx.send(Event::Rows(rows)).map_err(drop);
    };
    let mut rows = rows;
    let mut next = 0;
    loop {
        match tx.try_send(Event::Rows(rows)) {
            Ok(()) => return Ok(()),
            Err(mpsc::TrySendError::Full(Event::Rows(back))) => rows = back,
            Err(_) => return Err(()),
        }
        if !assess_next(&mut rows, &mut next, knowledge) {
            // Everything here is assessed: wait for room.
            return tx.send(Event::Rows(rows)).map_err(drop);
        }
    }
}

/// Assesses the record of `rows` at `next` (a table's statuses, as the loop would) and moves
/// `next` on: whether there was one.
fn assess_next(rows: &mut [io::Result<Ready>], next: &mut usize, knowledge: &Knowledge) -> bool {
    let Some(ready) = rows.get_mut(*next) else {
        return false;
    };
    *next += 1;
    if let Ok(ready) = ready {
        ready.assessment = Some(ready.row.assess(knowledge, Detail::Statuses));
    }
    true
}

/// How a cohort went.
struct Tally {
    total: u64,
    refused: u64,
    /// The first refused row, its file line (if known) and the column to blame, if any.
    first_refused: Option<(u64, Option<u64>, Option<String>)>,
}

/// The loop: one record in memory at a time, checked for a signal between records.
fn stream(
    events: &mpsc::Receiver<Event>,
    knowledge: &Knowledge,
    sink: &mut dyn Sink,
    progress: &mut progress::Progress,
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
    sink.start().map_err(Error::Output)?;
    loop {
        if let Some(e) = signals::stopped() {
            // Every record so far was written whole; push them out and stop.
            sink.finish().map_err(Error::Output)?;
            return Err(e);
        }
        let event = match events.try_recv() {
            Ok(event) => event,
            Err(mpsc::TryRecvError::Empty) => {
                // The input makes us wait: let the reader downstream have what is done.
                sink.flush().map_err(Error::Output)?;
                signals::output_whole(true);
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
        signals::output_whole(false);
        for row in rows {
            if let Some(e) = signals::stopped() {
                // Every record so far was written whole; push them out and stop.
                sink.finish().map_err(Error::Output)?;
                return Err(e);
            }
            let Ready { row, assessment } = row.map_err(read_error)?;
            tally.total += 1;
            let assessment = assessment.unwrap_or_else(|| row.assess(knowledge, sink.detail()));
            match assessment {
                Ok(assessment) => sink.assessed(&row, &assessment).map_err(Error::Output)?,
                Err(error) => {
                    tally.refused += 1;
                    if tally.first_refused.is_none() {
                        tally.first_refused = Some((row.number, row.line, error.field.clone()));
                    }
                    sink.refused(&row, &error).map_err(Error::Output)?;
                }
            }
        }
        progress.advance(tally.total);
    }
    sink.finish().map_err(Error::Output)?;
    Ok(tally)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The records of `text`, as the reading thread holds them before it hands them on.
    fn ready(text: &str) -> Vec<io::Result<Ready>> {
        read_rows(CohortInput::Jsonl, text.as_bytes(), "t")
            .unwrap()
            .map(|row| {
                row.map(|row| Ready {
                    row: Checked::from(row),
                    assessment: None,
                })
            })
            .collect()
    }

    const COHORT: &str = "{\"id\": \"a\", \"ki67\": 12, \"primary\": \"ileum\"}\n\
                          {\"ki67\": 25, \"differentiation\": \"well\", \"primary\": \"pancreas\"}\n\
                          {\"ki67\": 140}\n{\"age\": 50}\n{\"ki67\": 60, \"sstr\": \"positive\"}\n";

    #[test]
    fn records_the_reading_thread_assesses_are_assessed_as_the_loop_would() {
        let k = Knowledge::builtin().unwrap();
        let mut rows = ready(COHORT);
        let mut next = 0;
        while assess_next(&mut rows, &mut next, &k) {}
        assert_eq!(next, 5);
        for ready in rows {
            let Ready { row, assessment } = ready.unwrap();
            match (assessment, row.assess(&k, Detail::Statuses)) {
                (Some(Ok(Assessment::Statuses(got))), Ok(Assessment::Statuses(expected))) => {
                    assert_eq!(got, expected);
                }
                (Some(Err(got)), Err(expected)) => assert_eq!(got, expected),
                _ => panic!("row {}: assessed otherwise than the loop would", row.number),
            }
        }
    }

    #[test]
    fn a_batch_is_handed_on_whole_and_in_order_while_the_loop_is_behind() {
        let k = Knowledge::builtin().unwrap();
        // The queue is full: the reading thread assesses what it holds until there is room.
        let (tx, events) = mpsc::sync_channel(1);
        tx.send(Event::End).unwrap();
        let rows = std::thread::scope(|s| {
            let reader = s.spawn(|| hand_on(&tx, ready(COHORT), Some(&k)));
            assert!(matches!(events.recv(), Ok(Event::End)));
            let Ok(Event::Rows(rows)) = events.recv() else {
                panic!("the batch is handed on");
            };
            assert_eq!(reader.join().unwrap(), Ok(()));
            rows
        });
        let numbers: Vec<u64> = rows
            .iter()
            .map(|r| r.as_ref().unwrap().row.number)
            .collect();
        assert_eq!(numbers, [1, 2, 3, 4, 5]);
        // The loop gone, the reading thread stops.
        drop(events);
        assert_eq!(hand_on(&tx, ready(COHORT), Some(&k)), Err(()));
    }

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
            run(&batch, &k, &env, &mut out, &mut Vec::new()),
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
        let (csv, jsonl) = (Some(CohortInput::Csv), Some(CohortInput::Jsonl));
        let cases = [
            (None, None, Some(None)),
            (Some("-"), None, Some(None)),
            (Some("a.CSV"), None, Some(csv)),
            (Some("a.ndjson"), None, Some(jsonl)),
            (Some("a.txt"), csv, Some(csv)),
            (Some("a.csv"), jsonl, Some(jsonl)),
            (Some("a.txt"), None, None),
        ];
        for (file, input, expected) in cases {
            assert_eq!(batch(file, input).input_format().ok(), expected, "{file:?}");
        }
    }

    #[test]
    fn standard_input_is_csv_when_its_first_line_is_a_header() {
        for csv in [
            &b"ki67,primary\n12,pancreas\n"[..],
            b"\xef\xbb\xbfid;x,ki67\n",
            b"\n\nKi-67 (%)\n12\n",
            b"ki67",
            b"\"id\",\"Ki-67 (%)\"\r\n\"p1\",\"12\"\r\n",
            b"\"ki67\"\n",
        ] {
            assert_eq!(
                sniff(csv),
                CohortInput::Csv,
                "{}",
                String::from_utf8_lossy(csv)
            );
        }
        for jsonl in [
            &b"{\"ki67\": 12}\n"[..],
            b"  \n{\"ki67\": 12, \"primary\": \"pancreas\"}",
            b"[1, 2]\n",
            b"",
            b"hello\n",
            b"\"a string\"\n",
        ] {
            assert_eq!(
                sniff(jsonl),
                CohortInput::Jsonl,
                "{}",
                String::from_utf8_lossy(jsonl)
            );
        }
    }
}
