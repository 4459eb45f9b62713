//! JSON output: the report as the contract defines it.

use serde::Serialize;
use std::io::{self, Write};

/// Writes `value` as pretty JSON and a final newline. Built in memory first: serde_json writes
/// in many small pieces, each of which would otherwise be a call through `dyn Write` (a report
/// is some 60 kB).
pub fn write(value: &impl Serialize, out: &mut dyn Write) -> io::Result<()> {
    let mut text = Vec::with_capacity(64 << 10);
    serde_json::to_writer_pretty(&mut text, value).map_err(io::Error::from)?;
    text.push(b'\n');
    out.write_all(&text)
}

/// Writes `value` as one JSON line (cohorts).
pub fn write_line(value: &impl Serialize, out: &mut dyn Write) -> io::Result<()> {
    // In memory first, as above: one write a record.
    let mut text = Vec::with_capacity(4 << 10);
    serde_json::to_writer(&mut text, value).map_err(io::Error::from)?;
    text.push(b'\n');
    out.write_all(&text)
}
