//! Markdown output: a tumour-board note that renders on GitHub and pastes into a ticket —
//! answers given, grade, work-up, the staged pathway as tables, warnings, seed corrections,
//! overrides, sources and the disclaimer.

use crate::eligibility::{Status, Verdict};
use crate::grading::Grade;
use crate::knowledge::Note;
use crate::model::{Field, Patient};
use crate::report::{Closing, GradeReport, Report, Stage};
use std::io::{self, Write};

/// Text made safe for a table cell: `|` would end the cell, a newline the row.
fn cell(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace("\r\n", "<br>")
        .replace('\n', "<br>")
}

fn status(s: Status) -> &'static str {
    match s {
        Status::Recommended => "**recommended**",
        Status::Consider => "consider",
        Status::Undetermined => "*undetermined*",
        Status::NotRecommended => "not recommended",
    }
}

fn flags(fields: &[Field]) -> String {
    fields
        .iter()
        .map(|f| format!("`{f}`"))
        .collect::<Vec<_>>()
        .join(", ")
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
    // Grade warnings sit with the grade (rules.md §1, L1).
    for w in &g.warnings {
        writeln!(out, "- ⚠ {}", w.cited())?;
    }
    if !g.warnings.is_empty() {
        writeln!(out)?;
    }
    Ok(())
}

/// The "why" cell: the reason first, then what to confirm, what would settle it, notes.
fn why(v: &Verdict) -> String {
    let mut parts = vec![v.reason()];
    if v.status != Status::NotRecommended {
        if !v.to_confirm.is_empty() {
            parts.push(format!("To confirm: {}", flags(&v.to_confirm)));
        }
        if v.status != Status::Undetermined && !v.missing.is_empty() {
            parts.push(format!("Would settle: {}", flags(&v.missing)));
        }
        parts.extend(v.notes.iter().map(|n| format!("Note: {n}")));
    }
    parts
        .iter()
        .map(|p| cell(p))
        .collect::<Vec<_>>()
        .join("<br>")
}

fn stage(number: usize, s: &Stage, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "## {number}. {}\n", s.title)?;
    for note in &s.notes {
        writeln!(out, "*{}*\n", note.trim())?;
    }
    writeln!(
        out,
        "| option | status | why | evidence |\n| --- | --- | --- | --- |"
    )?;
    for v in &s.options {
        let evidence = v
            .evidence
            .iter()
            .map(|e| cell(&cited(e.text, e.source)))
            .collect::<Vec<_>>()
            .join("<br>");
        writeln!(
            out,
            "| {} (`{}`) | {} | {} | {} |",
            cell(v.name),
            v.id,
            status(v.status),
            why(v),
            evidence
        )?;
    }
    writeln!(out)
}

fn workup(items: &[Note], out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "## 1. Confirm and stage\n")?;
    if items.is_empty() {
        writeln!(out, "Nothing missing for the options below.")?;
    }
    for item in items {
        writeln!(out, "- {}", cited(&item.text, item.source))?;
    }
    writeln!(out)
}

fn footer(closing: Closing, out: &mut dyn Write) -> io::Result<()> {
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
            writeln!(
                out,
                "- The seed says: \"{}\".<br>Evidence: {} [{}]",
                c.seed, c.evidence, c.source
            )?;
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

/// Writes the full note.
pub fn report(r: &Report, out: &mut dyn Write) -> io::Result<()> {
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
    workup(&r.workup, out)?;
    for (i, s) in r.stages.iter().enumerate() {
        stage(i + 2, s, out)?;
    }
    footer(r.closing(), out)
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
    footer(r.closing(), out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_escape_pipes_and_newlines() {
        assert_eq!(cell("a | b\nc"), "a \\| b<br>c");
        assert_eq!(cell("x\\|"), "x\\\\\\|");
    }
}
