//! Renderers: one per output format, each writing a finished report to a `Write`.

pub mod brief;
pub mod citations;
pub mod json;
pub mod markdown;
pub mod text;
pub mod thresholds;
pub mod view;
pub mod wrap;

/// How much of a report to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum Detail {
    /// The grade, its warnings and the summary
    Brief,
    /// The summary, then each option in a line or two (text and Markdown default)
    Standard,
    /// Everything: every criterion's note, all evidence, every seed correction (JSON default)
    Full,
}

/// How text is laid out: how much is shown, and the width it wraps to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    pub detail: Detail,
    pub width: usize,
}

/// The id of the first stage, the work-up: its title is data (data/knowledge.toml `[stages]`).
const WORKUP_STAGE: &str = "workup";

/// The width text wraps to when stdout is not a terminal.
pub const DEFAULT_WIDTH: usize = 100;

/// Writes a full report in the chosen format. `detail` defaults (`None`) to standard for text
/// and Markdown and to the full report for JSON, which scripts rely on; `recorded` (seconds
/// since 1970) dates a FHIR Bundle.
pub fn report(
    r: &crate::report::Report,
    format: crate::model::Format,
    detail: Option<Detail>,
    width: usize,
    palette: &Palette,
    recorded: u64,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    use crate::model::Format;
    let layout = |default| Layout {
        detail: detail.unwrap_or(default),
        width,
    };
    match format {
        Format::Text => text::report(r, layout(Detail::Standard), palette, out),
        Format::Json if detail == Some(Detail::Brief) => json::write(&brief::Brief::new(r), out),
        Format::Json => json::write(r, out),
        Format::Markdown => markdown::report(r, layout(Detail::Standard).detail, out),
        Format::Fhir => crate::fhir::write_report(r, stamp(recorded), out),
    }
}

/// Writes the grade alone in the chosen format.
pub fn grade_report(
    r: &crate::report::GradeReport,
    format: crate::model::Format,
    width: usize,
    palette: &Palette,
    recorded: u64,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    use crate::model::Format;
    match format {
        Format::Text => text::grade_report(r, width, palette, out),
        Format::Json => json::write(r, out),
        Format::Markdown => markdown::grade_report(r, out),
        Format::Fhir => crate::fhir::write_grade(r, stamp(recorded), out),
    }
}

fn stamp(recorded: u64) -> crate::fhir::Stamp {
    crate::fhir::Stamp { recorded, row: 0 }
}

/// The knowledge a report was made with, for its first line: the version, and the
/// institution's file when one is in force.
pub fn knowledge_label(version: &str, file: Option<&str>) -> String {
    match file {
        Some(file) => format!(
            "knowledge {version} with institution file {} (see the end)",
            crate::model::field::escape(file)
        ),
        None => format!("knowledge {version}"),
    }
}

/// One institution override as a reader needs it: the value in force, the built-in value,
/// and what else the file changed.
pub fn override_text(o: &crate::knowledge::Override) -> String {
    use std::fmt::Write as _;
    let mut text = if o.changes_value() {
        format!("{} (built-in {}; institution policy)", o.value, o.builtin)
    } else {
        format!("{} (unchanged)", o.value)
    };
    if let Some(source) = o
        .source
        .as_deref()
        .filter(|_| o.changed.contains(&"source"))
    {
        let _ = write!(
            text,
            "; the file cites {}",
            crate::toml_text::shorten(source)
        );
    }
    if let Some(note) = o.note.as_deref().filter(|_| o.changed.contains(&"note")) {
        let _ = write!(text, "; note: {}", crate::toml_text::shorten(note));
    }
    text
}

/// One text style; with colour off it writes the text alone, without asking the terminal.
#[derive(Debug, Clone)]
pub struct Ink {
    style: console::Style,
    on: bool,
}

/// Text in an ink, ready to write.
pub enum Painted<D> {
    Plain(D),
    Styled(console::StyledObject<D>),
}

impl<D: std::fmt::Display> std::fmt::Display for Painted<D> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Painted::Plain(d) => d.fmt(f),
            Painted::Styled(d) => d.fmt(f),
        }
    }
}

impl Ink {
    pub fn apply_to<D>(&self, d: D) -> Painted<D> {
        if self.on {
            Painted::Styled(self.style.apply_to(d))
        } else {
            Painted::Plain(d)
        }
    }
}

/// Text styles, plain when colour is off.
#[derive(Debug, Clone)]
pub struct Palette {
    pub heading: Ink,
    pub recommended: Ink,
    pub consider: Ink,
    pub undetermined: Ink,
    pub not_recommended: Ink,
    pub dim: Ink,
    pub warning: Ink,
}

impl Palette {
    pub fn new(color: bool) -> Self {
        let ink = |style: fn(console::Style) -> console::Style| Ink {
            style: style(console::Style::new().force_styling(true)),
            on: color,
        };
        Self {
            heading: ink(console::Style::bold),
            recommended: ink(|s| s.green().bold()),
            consider: ink(|s| s.yellow().bold()),
            undetermined: ink(console::Style::cyan),
            not_recommended: ink(console::Style::red),
            dim: ink(console::Style::dim),
            warning: ink(console::Style::yellow),
        }
    }
}
