//! Text output: the decision first (grade, its warnings, the summary), then the staged pathway,
//! wrapped to the width with hanging indents. How much is shown follows the `Detail` level.

use super::view::{self, OptionView, Reason};
use super::{wrap, Detail, Layout, Painted, Palette, WORKUP_STAGE};
use crate::eligibility::Status;
use crate::grading::Grade;
use crate::knowledge::Evidence;
use crate::model::Field;
use crate::report::{Closing, GradeReport, Report};
use crate::summary::{self, Caution, Summary};
use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};

/// Where an option's details start in a full report: under its name, past the status column.
const DETAIL_COLUMN: usize = 23;
/// Where they start in a standard report: a short indent leaves the width to the text.
const SHORT_DETAIL_COLUMN: usize = 6;
/// Where a summary entry starts, past its heading.
const SUMMARY_COLUMN: usize = 20;

fn mark(status: Status, c: &Palette) -> Painted<&'static str> {
    let (symbol, style) = match status {
        Status::Recommended => ("✔ recommended    ", &c.recommended),
        Status::Consider => ("● consider       ", &c.consider),
        Status::Undetermined => ("? undetermined   ", &c.undetermined),
        Status::NotRecommended => ("✘ not recommended", &c.not_recommended),
    };
    style.apply_to(symbol)
}

struct Page<'a> {
    out: &'a mut dyn Write,
    width: usize,
    c: &'a Palette,
    /// Where a formatted paragraph is put together before it is wrapped (one buffer for all).
    scratch: String,
}

impl<'a> Page<'a> {
    fn new(out: &'a mut dyn Write, width: usize, c: &'a Palette) -> Self {
        Self {
            out,
            width,
            c,
            scratch: String::with_capacity(256),
        }
    }

    /// One paragraph from column `indent`, continuing at `hang`.
    fn para(&mut self, indent: usize, hang: usize, text: &str) -> io::Result<()> {
        wrap::write(self.out, self.width, indent, hang, text)
    }

    /// A formatted paragraph, as `para`.
    fn fmt(&mut self, indent: usize, hang: usize, args: std::fmt::Arguments) -> io::Result<()> {
        let mut text = std::mem::take(&mut self.scratch);
        text.clear();
        let _ = text.write_fmt(args);
        let written = wrap::write(self.out, self.width, indent, hang, &text);
        self.scratch = text;
        written
    }

    fn heading(&mut self, text: &str) -> io::Result<()> {
        writeln!(self.out, "\n{}", self.c.heading.apply_to(text))
    }

    fn blank(&mut self) -> io::Result<()> {
        writeln!(self.out)
    }

    /// A summary entry: its heading in the first column, the text past it.
    fn entry(&mut self, head: &str, text: &str) -> io::Result<()> {
        if head.is_empty() {
            return self.para(SUMMARY_COLUMN, SUMMARY_COLUMN, text);
        }
        let pad = SUMMARY_COLUMN.saturating_sub(2 + head.chars().count());
        let c = self.c;
        self.fmt(
            2,
            SUMMARY_COLUMN,
            format_args!(
                "{}{:pad$} {text}",
                c.heading.apply_to(head),
                "",
                pad = pad.saturating_sub(1)
            ),
        )
    }
}

fn grade(g: &Grade, p: &mut Page) -> io::Result<()> {
    let c = p.c;
    let name = g.category.name();
    let classification = format_args!("({name}, {})", g.classification);
    let source = c.dim.apply_to(classification);
    // The grade, why, and the classification used: one line where they fit ("Grade: ", " — "
    // and two spaces besides the texts), else the reason on a line of its own.
    let columns = |text: &str| text.chars().count();
    let one_line = 7
        + columns(&g.label)
        + 3
        + columns(&g.basis)
        + 2
        + columns(name)
        + columns(&g.classification)
        + 4;
    if one_line <= p.width {
        p.fmt(
            0,
            2,
            format_args!(
                "{} {} — {}  {source}",
                c.heading.apply_to("Grade:"),
                c.heading.apply_to(&g.label),
                g.basis,
            ),
        )?;
    } else {
        p.fmt(
            0,
            2,
            format_args!(
                "{} {}  {source}",
                c.heading.apply_to("Grade:"),
                c.heading.apply_to(&g.label),
            ),
        )?;
        p.para(2, 4, &g.basis)?;
    }
    for w in &g.warnings {
        p.fmt(
            2,
            4,
            format_args!("{} {} [{}]", c.warning.apply_to("!"), w.text, w.source),
        )?;
    }
    Ok(())
}

/// The summary. A warning is cited there, so a standard report need not repeat it at the end.
fn summary_block(s: &Summary, detail: Detail, p: &mut Page) -> io::Result<()> {
    p.heading("Summary")?;
    if s.recommended.is_empty() {
        p.entry("Recommended now", "nothing yet")?;
    }
    for (i, pick) in s.recommended.iter().enumerate() {
        let head = if i == 0 { "Recommended now" } else { "" };
        p.entry(head, &format!("{}: {}", pick.label, pick.reason))?;
    }
    if !s.consider.is_empty() {
        let text = summary::by_reason(&s.consider)
            .iter()
            .map(|(reason, ids)| format!("{} ({reason})", ids.join(", ")))
            .collect::<Vec<_>>()
            .join("; ");
        p.entry("Consider", &text)?;
    }
    let mut grade_warnings = 0;
    let mut first = true;
    // The safety-critical unknowns share one line (each option they hold back is in JSON and
    // on the option's own line): the summary stays a screen.
    let confirm: Vec<String> = s
        .before_any
        .iter()
        .filter_map(|c| match c {
            Caution::Confirm { field, .. } => Some(field.label().to_owned()),
            _ => None,
        })
        .collect();
    if !confirm.is_empty() {
        p.entry(
            "Before any of it",
            &format!("confirm (unknown, safety-critical): {}", confirm.join("; ")),
        )?;
        first = false;
    }
    for caution in &s.before_any {
        let text = match caution {
            Caution::Grade { .. } => {
                grade_warnings += 1;
                continue;
            }
            Caution::Confirm { .. } => continue,
            Caution::Caution { text, options } => format!("{text} ({})", options.join(", ")),
            Caution::Warning {
                text,
                brief,
                source,
            } => {
                let shown = view::warning_text(text, brief.as_deref(), detail);
                if source.is_empty() {
                    shown.to_owned()
                } else {
                    format!("{shown} [{source}]")
                }
            }
        };
        p.entry(if first { "Before any of it" } else { "" }, &text)?;
        first = false;
    }
    if grade_warnings > 0 {
        let text = if grade_warnings == 1 {
            "the grade warning above".to_owned()
        } else {
            format!("the {grade_warnings} grade warnings above")
        };
        p.entry(if first { "Before any of it" } else { "" }, &text)?;
    }
    if detail == Detail::Full {
        for (i, settler) in s.would_change.iter().enumerate() {
            let head = if i == 0 { "Would change most" } else { "" };
            // A long list names the first few: the line stays a line.
            let shown = &settler.settles[..settler.settles.len().min(3)];
            let more = settler.settles.len() - shown.len();
            let mut text = format!("{} → {}", settler.field.label(), shown.join(", "));
            if more > 0 {
                let _ = write!(text, " and {more} more");
            }
            p.entry(head, &text)?;
        }
    } else if !s.would_change.is_empty() {
        // The answers alone, each with how many options it settles: each option's own line
        // names what it needs.
        let mut text = String::new();
        for (i, settler) in s.would_change.iter().enumerate() {
            let count = settler.settles.len();
            let what = match (i, count) {
                (0, 1) => " option",
                (0, _) => " options",
                _ => "",
            };
            let sep = if i == 0 { "" } else { "; " };
            let _ = write!(text, "{sep}{} ({count}{what})", settler.field.label());
        }
        p.entry("Would change most", &text)?;
    }
    if !s.ruled_out.is_empty() {
        p.entry("Ruled out", &s.ruled_out.join(", "))?;
    }
    Ok(())
}

/// The one line an option reads first, in a standard report: what it needs names the first
/// answer (the summary names what settles the most; JSON and `--detail full` all of them).
fn reason_line<'v>(view: &'v OptionView) -> Cow<'v, str> {
    let reason = match &view.reason {
        Reason::Needs(missing) => {
            let more = missing.len().saturating_sub(1);
            let shown = Field::labels(&missing[..missing.len().min(1)]);
            Cow::Owned(if more > 0 {
                format!("needs: {shown} and {more} more")
            } else {
                format!("needs: {shown}")
            })
        }
        Reason::Because(text) => Cow::Borrowed(text.as_str()),
    };
    if view.kept_for_syndrome {
        Cow::Owned(format!("{reason} — keep it for the syndrome"))
    } else {
        reason
    }
}

fn evidence_line(e: &Evidence, column: usize, p: &mut Page) -> io::Result<()> {
    let c = p.c;
    p.fmt(
        column,
        column + 2,
        format_args!(
            "{}",
            c.dim
                .apply_to(format_args!("evidence: {} [{}]", e.text, e.source))
        ),
    )
}

fn option(view: &OptionView, detail: Detail, p: &mut Page) -> io::Result<()> {
    let (c, v) = (p.c, view.verdict);
    let column = if detail == Detail::Full {
        let head = format!(
            "{}  {} {}",
            mark(v.status, c),
            v.name,
            c.dim.apply_to(format_args!("[{}]", v.id))
        );
        p.para(2, DETAIL_COLUMN, &head)?;
        let reason = match &view.reason {
            Reason::Needs(missing) => format!("needs: {}", Field::labels(missing)),
            Reason::Because(text) => text.clone(),
        };
        p.para(DETAIL_COLUMN, DETAIL_COLUMN + 2, &reason)?;
        DETAIL_COLUMN
    } else {
        p.fmt(
            2,
            SHORT_DETAIL_COLUMN,
            format_args!("{}  {}: {}", mark(v.status, c), v.id, reason_line(view)),
        )?;
        SHORT_DETAIL_COLUMN
    };
    if !view.to_confirm.is_empty() {
        let text = format!(
            "{} {}",
            c.warning.apply_to("to confirm:"),
            Field::labels(view.to_confirm)
        );
        p.para(column, column + 2, &text)?;
    }
    if !view.would_settle.is_empty() {
        let text = format!("would settle: {}", Field::labels(view.would_settle));
        p.para(column, column + 2, &text)?;
    }
    for note in view.notes {
        p.fmt(column, column + 2, format_args!("note: {note}"))?;
    }
    for e in &view.evidence {
        evidence_line(e, column, p)?;
    }
    Ok(())
}

fn stages(r: &Report, detail: Detail, p: &mut Page) -> io::Result<()> {
    let mut number = 1;
    p.heading(&format!(
        "{number}. {}",
        crate::knowledge::stage_title(WORKUP_STAGE)
    ))?;
    let mut shown = view::workup(r, detail).peekable();
    if r.workup.is_empty() {
        p.para(2, 4, "Nothing missing for the options below.")?;
    } else if shown.peek().is_none() {
        p.para(2, 4, "Nothing beyond the confirmations in the summary.")?;
    }
    let c = p.c;
    for w in shown {
        let text = if detail == Detail::Full {
            &w.text
        } else {
            w.brief_or_text()
        };
        p.fmt(
            2,
            4,
            format_args!(
                "- {} {}",
                text,
                c.dim.apply_to(format_args!("[{}]", w.source))
            ),
        )?;
    }
    for stage in &r.stages {
        number += 1;
        p.heading(&format!("{number}. {}", stage.title))?;
        for note in &stage.notes {
            let text = view::cited_note(note, detail);
            p.fmt(2, 4, format_args!("{}", c.dim.apply_to(text)))?;
        }
        for v in &stage.options {
            option(
                &OptionView::new(v, &r.stages, &r.patient, detail),
                detail,
                p,
            )?;
        }
    }
    Ok(())
}

fn footer(closing: Closing, detail: Detail, p: &mut Page) -> io::Result<()> {
    let Closing {
        warnings,
        corrections,
        knowledge_file,
        overrides,
        sources,
        disclaimer,
    } = closing;
    let c = p.c;
    if !warnings.is_empty() {
        p.heading("Warnings")?;
        for w in warnings {
            p.fmt(2, 4, format_args!("{} {w}", c.warning.apply_to("!")))?;
        }
    }
    if !corrections.is_empty() {
        p.heading("Where the seed article is out of date")?;
        for x in corrections {
            if detail == Detail::Full {
                p.fmt(2, 4, format_args!("- The seed says: \"{}\".", x.seed))?;
                p.fmt(
                    4,
                    4,
                    format_args!("Evidence: {} [{}]", x.evidence, x.source),
                )?;
            } else {
                p.fmt(2, 4, format_args!("- {} [{}]", x.brief, x.source))?;
            }
        }
    }
    if let Some(file) = knowledge_file {
        p.heading(&format!(
            "Institution overrides in force ({})",
            crate::model::field::escape(file)
        ))?;
        if overrides.is_empty() {
            p.para(2, 4, "None: every threshold has its built-in value.")?;
        }
        for o in overrides {
            p.fmt(2, 4, format_args!("{}: {}", o.id, super::override_text(o)))?;
        }
    }
    if detail == Detail::Full {
        if !sources.is_empty() {
            p.heading("Sources")?;
            for s in sources {
                let text = format!(
                    "{} {}",
                    c.dim.apply_to(format_args!("[{}]", s.id)),
                    s.reference
                );
                p.para(2, 4, &text)?;
            }
        }
    } else if detail == Detail::Standard && !sources.is_empty() {
        // One closing paragraph with the disclaimer below it.
        p.blank()?;
        p.para(
            0,
            2,
            "Sources: the ids in brackets; `netriage sources` lists every reference.",
        )?;
        let text = c.dim.apply_to(disclaimer).to_string();
        return p.para(0, 0, &text);
    }
    p.blank()?;
    let text = c.dim.apply_to(disclaimer).to_string();
    p.para(0, 0, &text)
}

/// Writes the report at the layout's level of detail.
pub fn report(r: &Report, layout: Layout, c: &Palette, out: &mut dyn Write) -> io::Result<()> {
    let mut p = Page::new(out, layout.width, c);
    let header = format!(
        "{}  {}",
        c.heading.apply_to("netriage — NET liver metastases"),
        c.dim.apply_to(super::knowledge_label(
            &r.knowledge_version,
            r.knowledge_file.as_deref()
        ))
    );
    p.para(0, 2, &header)?;
    grade(&r.grade, &mut p)?;
    summary_block(&r.summary, layout.detail, &mut p)?;
    if layout.detail == Detail::Brief {
        p.blank()?;
        p.para(
            0,
            2,
            "Each option: --detail standard; everything: --detail full.",
        )?;
    } else {
        stages(r, layout.detail, &mut p)?;
    }
    footer(view::closing(r, layout.detail), layout.detail, &mut p)
}

/// Writes the grade alone.
pub fn grade_report(
    r: &GradeReport,
    width: usize,
    c: &Palette,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut p = Page::new(out, width, c);
    grade(&r.grade, &mut p)?;
    footer(r.closing(), Detail::Full, &mut p)
}
