//! The progress line of a cohort on a terminal. The loop thread is its one owner: it draws the
//! line on stderr between batches of records (at most ten times a second), and clears it at the
//! end. The reading thread only counts the bytes it reads, so no thread ever waits on another's
//! use of the terminal. Silent when stderr is not a terminal, so scripts see nothing.

use std::io::{Read, Write};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Time between two drawings of the line, at least.
const EVERY: Duration = Duration::from_millis(100);

/// Cells of the bar drawn for a file.
const CELLS: u64 = 20;

/// Moves to the start of the line and erases it.
const CLEAR: &str = "\r\x1b[2K";

/// The progress line, or nothing.
pub struct Progress<'a>(Option<Line<'a>>);

struct Line<'a> {
    err: &'a mut dyn Write,
    /// Size of the input file in bytes (`None` for standard input: no percentage then).
    size: Option<u64>,
    /// Bytes read so far, counted by the reading thread.
    read: Arc<AtomicU64>,
    /// Columns of the terminal: the line is cut to fit, never wrapped.
    width: usize,
    start: Instant,
    drawn: Instant,
    rows: u64,
}

impl<'a> Progress<'a> {
    pub fn hidden() -> Self {
        Self(None)
    }

    /// A progress line on `err` (a terminal `width` columns wide, 0 if unknown) over an input of `size` bytes
    /// (`None`: of unknown size); drawn at once, so that the user sees the run has started.
    pub fn shown(err: &'a mut dyn Write, size: Option<u64>, width: usize) -> Self {
        let now = Instant::now();
        let mut line = Line {
            err,
            size: size.filter(|&s| s > 0),
            read: Arc::new(AtomicU64::new(0)),
            width: if width == 0 { 80 } else { width },
            start: now,
            drawn: now,
            rows: 0,
        };
        line.draw(now);
        Self(Some(line))
    }

    /// `input`, its bytes counted for the percentage as the reading thread reads them.
    pub fn count<R: Read + Send + 'static>(&self, input: R) -> Box<dyn Read + Send> {
        match &self.0 {
            Some(line) if line.size.is_some() => Box::new(Counted {
                input,
                read: Arc::clone(&line.read),
            }),
            _ => Box::new(input),
        }
    }

    /// `rows` records are done: redrawn if the last drawing is old enough.
    pub fn advance(&mut self, rows: u64) {
        if let Some(line) = &mut self.0 {
            line.rows = rows;
            let now = Instant::now();
            if now.duration_since(line.drawn) >= EVERY {
                line.draw(now);
            }
        }
    }

    /// Shows the final count, then clears the line: the terminal is left as it was.
    pub fn finish(&mut self) {
        if let Some(mut line) = self.0.take() {
            line.draw(Instant::now());
            line.clear();
        }
    }
}

impl Drop for Progress<'_> {
    /// An early end (an error, a signal) clears the line too.
    fn drop(&mut self) {
        if let Some(line) = &mut self.0 {
            line.clear();
        }
    }
}

impl Line<'_> {
    fn draw(&mut self, now: Instant) {
        self.drawn = now;
        let read = self.read.load(Ordering::Relaxed);
        let mut text = describe(self.rows, read, self.size, now.duration_since(self.start));
        text.truncate(self.width.saturating_sub(1));
        // A failing stderr must not stop the cohort; the records still go to stdout.
        let _ = write!(self.err, "{CLEAR}{text}").and_then(|()| self.err.flush());
    }

    fn clear(&mut self) {
        let _ = write!(self.err, "{CLEAR}").and_then(|()| self.err.flush());
    }
}

/// The text of the line: rows done and rate, and for a file of known size a bar, the percentage
/// read and the time left at the rate so far. ASCII only, so that cutting it is safe.
pub fn describe(rows: u64, read: u64, size: Option<u64>, elapsed: Duration) -> String {
    let seconds = elapsed.as_secs_f64();
    #[allow(clippy::cast_precision_loss)] // a rate to show, not to compute with
    let rate = if seconds > 0.0 {
        format!("{:.0} rows/s", rows as f64 / seconds)
    } else {
        "- rows/s".to_owned()
    };
    let counted = format!("{rows} rows, {rate}");
    let Some(size) = size else {
        return counted;
    };
    let read = read.min(size);
    let filled = read * CELLS / size;
    let bar: String = (0..CELLS)
        .map(|cell| if cell < filled { '#' } else { '-' })
        .collect();
    let percent = read * 100 / size;
    let left = if read == 0 {
        String::new()
    } else {
        #[allow(clippy::cast_precision_loss)]
        let remaining = seconds * (size - read) as f64 / read as f64;
        format!(", {} left", duration(remaining))
    };
    format!("[{bar}] {percent:>3}%  {counted}{left}")
}

/// Seconds as a person reads them: "4 s", "2 min 5 s", "1 h 3 min".
fn duration(seconds: f64) -> String {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // finite, at least 0
    let s = seconds.ceil().clamp(0.0, 1e9) as u64;
    match s {
        0..=59 => format!("{s} s"),
        60..=3599 => format!("{} min {} s", s / 60, s % 60),
        _ => format!("{} h {} min", s / 3600, s % 3600 / 60),
    }
}

/// A reader that adds every byte it reads to a shared count.
struct Counted<R> {
    input: R,
    read: Arc<AtomicU64>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.input.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_shows_rows_rate_percentage_and_time_left() {
        let s = Duration::from_secs;
        assert_eq!(describe(0, 0, None, s(0)), "0 rows, - rows/s");
        assert_eq!(describe(500, 9, None, s(2)), "500 rows, 250 rows/s");
        assert_eq!(
            describe(1000, 250, Some(1000), s(10)),
            "[#####---------------]  25%  1000 rows, 100 rows/s, 30 s left"
        );
        assert_eq!(
            describe(10, 1, Some(1000), s(10)),
            "[--------------------]   0%  10 rows, 1 rows/s, 2 h 46 min left"
        );
        assert_eq!(
            describe(7, 2000, Some(1000), s(1)),
            "[####################] 100%  7 rows, 7 rows/s, 0 s left"
        );
        assert_eq!(duration(61.2), "1 min 2 s");
    }

    #[test]
    fn the_line_is_drawn_at_once_finished_and_cleared() {
        let mut err = Vec::new();
        let mut progress = Progress::shown(&mut err, Some(100), 40);
        progress.advance(5);
        progress.finish();
        drop(progress);
        let text = String::from_utf8(err).unwrap();
        assert!(text.starts_with("\r\x1b[2K[----"), "{text:?}");
        assert!(text.contains("%  5 rows"), "{text:?}");
        assert!(text.ends_with(CLEAR), "{text:?}");
        // Cut to the terminal's width, never wrapped.
        assert!(text.split(CLEAR).all(|line| line.len() < 40), "{text:?}");
    }
}
