//! `sources`: every citation of the knowledge base, as an aligned list or as JSON.

use crate::knowledge::Citation;
use clap::ValueEnum;
use serde::Serialize;
use std::io::{self, Write};

/// Output formats of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

#[derive(Serialize)]
struct Entry<'a> {
    id: &'a str,
    reference: &'a str,
    /// `null` when the reference has no single year.
    year: Option<u16>,
}

#[derive(Serialize)]
struct Sources<'a> {
    knowledge_version: &'a str,
    sources: Vec<Entry<'a>>,
}

/// One line per citation: id, year (or `-`), reference.
pub fn text(citations: &[Citation], out: &mut dyn Write) -> io::Result<()> {
    let width = citations.iter().map(|c| c.id.len()).max().unwrap_or(0);
    for c in citations {
        let year = c.year.map_or_else(|| "-".to_owned(), |y| y.to_string());
        writeln!(out, "{:width$}  {year:>4}  {}", c.id, c.reference)?;
    }
    Ok(())
}

/// `{"knowledge_version": …, "sources": [{"id", "reference", "year"}]}`.
pub fn json(version: &str, citations: &[Citation], out: &mut dyn Write) -> io::Result<()> {
    let view = Sources {
        knowledge_version: version,
        sources: citations
            .iter()
            .map(|c| Entry {
                id: c.id,
                reference: c.reference,
                year: c.year,
            })
            .collect(),
    };
    super::json::write(&view, out)
}
