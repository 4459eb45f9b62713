//! Renderers: one per output format, each writing a finished report to a `Write`.

pub mod brief;
pub mod citations;
pub mod json;
pub mod markdown;
pub mod text;
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

/// The width text wraps to when stdout is not a terminal.
pub const DEFAULT_WIDTH: usize = 100;

/// Writes a full report in the chosen format. `detail` defaults (`None`) to standard for text
/// and Markdown and to the full report for JSON, which scripts rely on.
pub fn report(
    r: &crate::report::Report,
    format: crate::model::Format,
    detail: Option<Detail>,
    width: usize,
    palette: &Palette,
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
    }
}

/// Writes the grade alone in the chosen format.
pub fn grade_report(
    r: &crate::report::GradeReport,
    format: crate::model::Format,
    width: usize,
    palette: &Palette,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    use crate::model::Format;
    match format {
        Format::Text => text::grade_report(r, width, palette, out),
        Format::Json => json::write(r, out),
        Format::Markdown => markdown::grade_report(r, out),
    }
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
