//! JSON output: the report as the contract defines it.

use serde::Serialize;
use std::io::{self, Write};

/// Writes `value` as pretty JSON and a final newline.
pub fn write(value: &impl Serialize, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(io::Error::from)?;
    writeln!(out)
}

/// Writes `value` as one JSON line (cohorts).
pub fn write_line(value: &impl Serialize, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value).map_err(io::Error::from)?;
    writeln!(out)
}
