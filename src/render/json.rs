//! JSON output: the report as the contract defines it.

mod serializer;

use serde::Serialize;
use serializer::Layout;
use std::io::{self, Write};

/// Writes `value` as pretty JSON (two-space indent, as `serde_json::to_writer_pretty`) and a
/// final newline. Built in memory first, then handed to `out` in one piece: a report is some
/// 60 kB, and a buffered `out` passes a piece that large straight on rather than copying it.
pub fn write(value: &impl Serialize, out: &mut dyn Write) -> io::Result<()> {
    // Room for the largest report (a full FHIR Bundle is some 64 kB): never regrown.
    let mut text = Vec::with_capacity(128 << 10);
    serializer::write(value, Layout::Pretty, &mut text)?;
    text.push(b'\n');
    out.write_all(&text)
}

/// Writes `value` as one JSON line (cohorts), as `serde_json::to_writer` and a newline.
pub fn write_line(value: &impl Serialize, out: &mut dyn Write) -> io::Result<()> {
    write_line_in(value, 4 << 10, out)
}

/// As `write_line`, in a buffer made for `room` bytes: a record larger than 4 kB (a FHIR
/// Bundle, some 30 kB) would otherwise be copied at each doubling.
pub fn write_line_in(value: &impl Serialize, room: usize, out: &mut dyn Write) -> io::Result<()> {
    // In memory first, as above: one write a record.
    let mut text = Vec::with_capacity(room);
    serializer::write(value, Layout::Compact, &mut text)?;
    text.push(b'\n');
    out.write_all(&text)
}
