//! Renderers: one per output format, each writing a finished report to a `Write`.

pub mod citations;
pub mod json;
pub mod markdown;
pub mod text;

/// Writes a full report in the chosen format.
pub fn report(
    r: &crate::report::Report,
    format: crate::model::Format,
    palette: &Palette,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    use crate::model::Format;
    match format {
        Format::Text => text::report(r, palette, out),
        Format::Json => json::write(r, out),
        Format::Markdown => markdown::report(r, out),
    }
}

/// Text styles, plain when colour is off.
#[derive(Debug, Clone)]
pub struct Palette {
    pub heading: console::Style,
    pub recommended: console::Style,
    pub consider: console::Style,
    pub undetermined: console::Style,
    pub not_recommended: console::Style,
    pub dim: console::Style,
    pub warning: console::Style,
}

impl Palette {
    pub fn new(color: bool) -> Self {
        let style = || console::Style::new().force_styling(color);
        Self {
            heading: style().bold(),
            recommended: style().green().bold(),
            consider: style().yellow().bold(),
            undetermined: style().cyan(),
            not_recommended: style().red(),
            dim: style().dim(),
            warning: style().yellow(),
        }
    }
}
