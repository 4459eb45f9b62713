//! JSON output: the report as the contract defines it.

use serde::Serialize;
use serde_json::ser::Formatter;
use std::io::{self, Write};

/// Writes `value` as pretty JSON (two-space indent) and a final newline. Built in memory first:
/// serde_json writes in many small pieces, each of which would otherwise be a call through
/// `dyn Write` (a report is some 60 kB).
pub fn write(value: &impl Serialize, out: &mut dyn Write) -> io::Result<()> {
    let mut text = Vec::with_capacity(64 << 10);
    let mut serializer = serde_json::Serializer::with_formatter(&mut text, Indented::default());
    value.serialize(&mut serializer).map_err(io::Error::from)?;
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

/// A line break and the indentation after it, sliced rather than written a level at a time.
const BREAK: &[u8] = b"\n                                                                ";

/// serde_json's pretty layout (two spaces a level), written with one call per line break rather
/// than one per level: the output is byte for byte `serde_json::to_writer_pretty`'s.
#[derive(Default)]
struct Indented {
    depth: usize,
    has_value: bool,
}

impl Indented {
    fn line_break<W: ?Sized + Write>(&self, writer: &mut W) -> io::Result<()> {
        let mut columns = self.depth * 2;
        let first = columns.min(BREAK.len() - 1);
        writer.write_all(&BREAK[..=first])?;
        columns -= first;
        // Deeper than any report nests: the rest a slice at a time.
        while columns > 0 {
            let run = columns.min(BREAK.len() - 1);
            writer.write_all(&BREAK[1..=run])?;
            columns -= run;
        }
        Ok(())
    }

    fn open<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        writer.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.line_break(writer)?;
        }
        writer.write_all(bracket)
    }

    fn item<W: ?Sized + Write>(&self, writer: &mut W, first: bool) -> io::Result<()> {
        if !first {
            writer.write_all(b",")?;
        }
        self.line_break(writer)
    }
}

impl Formatter for Indented {
    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.item(writer, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.item(writer, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_layout_is_serde_jsons_pretty_layout() {
        let deep = (0..40).fold(
            serde_json::json!([]),
            |v, i| serde_json::json!({ "k": [v, i, {}] }),
        );
        let value = serde_json::json!({
            "a": 1, "b": [], "c": {}, "d": [1, [2, [3]], {"e": "f\"\n"}], "deep": deep
        });
        let mut ours = Vec::new();
        write(&value, &mut ours).unwrap();
        let mut theirs = serde_json::to_vec_pretty(&value).unwrap();
        theirs.push(b'\n');
        assert_eq!(
            String::from_utf8(ours).unwrap(),
            String::from_utf8(theirs).unwrap()
        );
    }
}
