//! Markdown output: a tumour-board note that renders on GitHub and pastes into a ticket —
//! answers given, grade, work-up, the staged pathway as tables, warnings, seed corrections,
//! overrides, sources and the disclaimer.

use super::view::{self, OptionView, Reason};
use super::Detail;
use crate::eligibility::Status;
use crate::grading::Grade;
use crate::model::{Field, Patient};
use crate::report::{Closing, GradeReport, Report, Stage};
use crate::summary::{self, Caution, Summary};
use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};

/// Text made safe for a table cell: `|` would end the cell, a newline the row.
fn cell(text: &str) -> Cow<'_, str> {
    let special = |b: &u8| matches!(b, b'\\' | b'|' | b'\r' | b'\n');
    // Most cells hold none of the four: found with memchr, not byte by byte.
    let bytes = text.as_bytes();
    if memchr::memchr3(b'\\', b'|', b'\n', bytes).is_none()
        && memchr::memchr(b'\r', bytes).is_none()
    {
        return Cow::Borrowed(text);
    }
    let mut safe = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while let Some(at) = rest.bytes().position(|b| special(&b)) {
        let (plain, tail) = rest.split_at(at);
        safe.push_str(plain);
        let (escaped, skip) = match tail.as_bytes() {
            [b'\r', b'\n', ..] => ("<br>", 2),
            [b'\n', ..] => ("<br>", 1),
            [b'\\', ..] => ("\\\\", 1),
            [b'|', ..] => ("\\|", 1),
            // A lone carriage return stays as it was.
            _ => ("\r", 1),
        };
        safe.push_str(escaped);
        rest = tail.get(skip..).unwrap_or_default();
    }
    safe.push_str(rest);
    Cow::Owned(safe)
}

fn status(s: Status) -> &'static str {
    match s {
        Status::Recommended => "**recommended**",
        Status::Consider => "consider",
        Status::Undetermined => "*undetermined*",
        Status::NotRecommended => "not recommended",
    }
}

fn cited(text: &str, source: &str) -> String {
    if source.is_empty() {
        text.to_owned()
    } else {
        format!("{text} [{source}]")
    }
}

fn patient(p: &Patient, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "## Patient\n")?;
    let given: Vec<(Field, String)> = Field::ALL
        .into_iter()
        .filter_map(|f| p.get(f).map(|v| (f, v.to_string())))
        .collect();
    if given.is_empty() {
        return writeln!(out, "No answers given.\n");
    }
    writeln!(out, "| answer | value |\n| --- | --- |")?;
    for (field, value) in given {
        writeln!(out, "| `{field}` | {} |", cell(&value))?;
    }
    writeln!(
        out,
        "\nEvery other answer is unknown; the options that depend on it are undetermined.\n"
    )
}

fn grade(g: &Grade, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "## Grade\n")?;
    writeln!(
        out,
        "**{}** (`{}`, {}): {}\n",
        g.label,
        g.category.name(),
        g.classification,
        g.basis
    )?;
    for w in &g.warnings {
        writeln!(out, "- ⚠ {}", cited(&w.text, w.source))?;
    }
    if !g.warnings.is_empty() {
        writeln!(out)?;
    }
    Ok(())
}

fn summary_section(s: &Summary, detail: Detail, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "## Summary\n")?;
    let picks = |list: &[summary::Pick]| {
        list.iter()
            .map(|p| format!("`{}` ({})", p.label, p.reason))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let recommended = if s.recommended.is_empty() {
        "nothing yet".to_owned()
    } else {
        picks(&s.recommended)
    };
    writeln!(out, "- **Recommended now:** {}", cell(&recommended))?;
    if !s.consider.is_empty() {
        let groups: Vec<String> = summary::by_reason(&s.consider)
            .iter()
            .map(|(reason, labels)| {
                let labels: Vec<String> = labels.iter().map(|l| format!("`{l}`")).collect();
                format!("{} ({reason})", labels.join(", "))
            })
            .collect();
        writeln!(out, "- **Consider:** {}", cell(&groups.join("; ")))?;
    }
    let before: Vec<String> = s
        .before_any
        .iter()
        .map(|c| match c {
            Caution::Confirm { field, options } => format!(
                "{}: unknown, confirm before {}",
                field.label(),
                options.join(", ")
            ),
            Caution::Caution { text, options } => format!("{text} ({})", options.join(", ")),
            Caution::Grade { text } => text.clone(),
            Caution::Warning {
                text,
                brief,
                source,
            } => cited(view::warning_text(text, brief.as_deref(), detail), source),
        })
        .collect();
    if !before.is_empty() {
        writeln!(out, "- **Before any of it:** {}", cell(&before.join("; ")))?;
    }
    let settlers: Vec<String> = s
        .would_change
        .iter()
        .map(|w| {
            format!(
                "{} (`--{}`): settles {}",
                w.field.label(),
                w.field,
                w.settles.join(", ")
            )
        })
        .collect();
    if !settlers.is_empty() {
        writeln!(
            out,
            "- **Would change the most:** {}",
            cell(&settlers.join("; "))
        )?;
    }
    if !s.ruled_out.is_empty() {
        writeln!(out, "- **Ruled out:** {}", s.ruled_out.join(", "))?;
    }
    writeln!(out)
}

/// The "why" cell: the reason first, then what to confirm, what would settle it, notes.
fn why(view: &OptionView) -> String {
    // One cell: its lines joined by <br>, each escaped as it is appended.
    let mut cell_text = String::with_capacity(256);
    let mut line = |text: &str| {
        if !cell_text.is_empty() {
            cell_text.push_str("<br>");
        }
        cell_text.push_str(&cell(text));
    };
    match &view.reason {
        Reason::Needs(missing) => line(&format!("needs: {}", Field::labels(missing))),
        Reason::Because(text) => line(text),
    }
    if view.kept_for_syndrome {
        line("Keep it for the syndrome");
    }
    if !view.to_confirm.is_empty() {
        line(&format!("To confirm: {}", Field::labels(view.to_confirm)));
    }
    if !view.would_settle.is_empty() {
        line(&format!(
            "Would settle: {}",
            Field::labels(view.would_settle)
        ));
    }
    for note in view.notes {
        line(&format!("Note: {note}"));
    }
    cell_text
}

fn stage(
    number: usize,
    s: &Stage,
    r: &Report,
    detail: Detail,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out, "## {number}. {}\n", s.title)?;
    for note in &s.notes {
        let note = view::cited_note(note, detail);
        writeln!(out, "*{}*\n", note.trim())?;
    }
    writeln!(
        out,
        "| option | status | why | evidence |\n| --- | --- | --- | --- |"
    )?;
    for v in &s.options {
        let view = OptionView::new(v, &r.stages, &r.patient, detail);
        let mut evidence = String::new();
        for e in &view.evidence {
            if !evidence.is_empty() {
                evidence.push_str("<br>");
            }
            let _ = write!(evidence, "{} [{}]", cell(e.text), e.source);
        }
        writeln!(
            out,
            "| {} (`{}`) | {} | {} | {} |",
            cell(v.name),
            v.id,
            status(v.status),
            why(&view),
            evidence
        )?;
    }
    writeln!(out)
}

fn workup(r: &Report, detail: Detail, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "## 1. {}\n",
        crate::knowledge::stage_title(super::WORKUP_STAGE)
    )?;
    let mut shown = view::workup(r, detail).peekable();
    if r.workup.is_empty() {
        writeln!(out, "Nothing missing for the options below.")?;
    } else if shown.peek().is_none() {
        writeln!(out, "Nothing beyond the confirmations in the summary.")?;
    }
    for item in shown {
        let text = if detail == Detail::Full {
            &item.text
        } else {
            item.brief_or_text()
        };
        writeln!(out, "- {}", cited(text, item.source))?;
    }
    writeln!(out)
}

fn footer(closing: Closing, detail: Detail, out: &mut dyn Write) -> io::Result<()> {
    let Closing {
        warnings,
        corrections,
        knowledge_file,
        overrides,
        sources,
        disclaimer,
    } = closing;
    if !warnings.is_empty() {
        writeln!(out, "## Warnings\n")?;
        for w in warnings {
            writeln!(out, "- ⚠ {w}")?;
        }
        writeln!(out)?;
    }
    if !corrections.is_empty() {
        writeln!(out, "## Where the seed article is out of date\n")?;
        for c in corrections {
            if detail == Detail::Full {
                writeln!(
                    out,
                    "- The seed says: \"{}\".<br>Evidence: {} [{}]",
                    c.seed, c.evidence, c.source
                )?;
            } else {
                writeln!(out, "- {} [{}]", c.brief, c.source)?;
            }
        }
        writeln!(out)?;
    }
    if let Some(file) = knowledge_file {
        writeln!(
            out,
            "## Institution overrides in force\n\nFrom {}.\n",
            cell(&crate::model::field::escape(file))
        )?;
        if overrides.is_empty() {
            writeln!(out, "None: every threshold has its built-in value.\n")?;
        } else {
            writeln!(out, "| threshold | in force |\n| --- | --- |")?;
            for o in overrides {
                writeln!(out, "| `{}` | {} |", o.id, cell(&super::override_text(o)))?;
            }
            writeln!(out)?;
        }
    }
    if !sources.is_empty() {
        writeln!(out, "## Sources\n")?;
        for s in sources {
            writeln!(out, "- **{}** {}", s.id, s.reference)?;
        }
        writeln!(out)?;
    }
    writeln!(out, "---\n\n*{}*", disclaimer.trim())
}

/// Writes the note at the given level of detail (the sources are listed in full at every level).
pub fn report(r: &Report, detail: Detail, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "# Tumour board note: NET liver metastases\n")?;
    writeln!(
        out,
        "*netriage, {}. Decision support, not a prescription.*\n",
        cell(&super::knowledge_label(
            &r.knowledge_version,
            r.knowledge_file.as_deref()
        ))
    )?;
    patient(&r.patient, out)?;
    grade(&r.grade, out)?;
    summary_section(&r.summary, detail, out)?;
    if detail != Detail::Brief {
        workup(r, detail, out)?;
        for (i, s) in r.stages.iter().enumerate() {
            stage(i + 2, s, r, detail, out)?;
        }
    }
    footer(view::closing(r, detail), detail, out)
}

/// Writes the grade alone.
pub fn grade_report(r: &GradeReport, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "# WHO grade\n")?;
    writeln!(
        out,
        "*netriage, {}.*\n",
        cell(&super::knowledge_label(
            &r.knowledge_version,
            r.knowledge_file.as_deref()
        ))
    )?;
    patient(&r.patient, out)?;
    grade(&r.grade, out)?;
    footer(r.closing(), Detail::Full, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_escape_pipes_and_newlines() {
        assert_eq!(cell("a | b\nc"), "a \\| b<br>c");
        assert_eq!(cell("x\\|"), "x\\\\\\|");
        assert_eq!(cell("a\r\nb\rc"), "a<br>b\rc");
        assert_eq!(cell("plain"), "plain");
    }
}
