//! Text output: the staged pathway a clinician reads at a glance.

use super::Palette;
use crate::eligibility::{Status, Verdict};
use crate::grading::Grade;
use crate::model::Field;
use crate::report::{Closing, GradeReport, Report};
use std::io::{self, Write};

fn mark(status: Status, c: &Palette) -> String {
    let (symbol, style) = match status {
        Status::Recommended => ("✔ recommended    ", &c.recommended),
        Status::Consider => ("● consider       ", &c.consider),
        Status::Undetermined => ("? undetermined   ", &c.undetermined),
        Status::NotRecommended => ("✘ not recommended", &c.not_recommended),
    };
    style.apply_to(symbol).to_string()
}

fn fields(list: &[Field]) -> String {
    list.iter()
        .map(|f| format!("--{f}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn grade(g: &Grade, c: &Palette, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "{} {}  {}",
        c.heading.apply_to("Grade:"),
        c.heading.apply_to(&g.label),
        c.dim.apply_to(format_args!(
            "({}, {})",
            g.category.name(),
            g.classification
        ))
    )?;
    writeln!(out, "  {}", g.basis)?;
    // Grade warnings sit with the grade (rules.md §1, L1).
    for w in &g.warnings {
        writeln!(out, "  {} {}", c.warning.apply_to("!"), w.cited())?;
    }
    Ok(())
}

fn option(v: &Verdict, c: &Palette, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "  {}  {} {}",
        mark(v.status, c),
        v.name,
        c.dim.apply_to(format_args!("[{}]", v.id))
    )?;
    let indent = "                       ";
    writeln!(out, "{indent}{}", v.reason())?;
    if v.status == Status::NotRecommended {
        return Ok(());
    }
    if !v.to_confirm.is_empty() {
        writeln!(
            out,
            "{indent}{} {}",
            c.warning.apply_to("to confirm:"),
            fields(&v.to_confirm)
        )?;
    }
    if v.status != Status::Undetermined && !v.missing.is_empty() {
        writeln!(out, "{indent}would settle: {}", fields(&v.missing))?;
    }
    for note in &v.notes {
        writeln!(out, "{indent}note: {note}")?;
    }
    for e in v.evidence {
        writeln!(
            out,
            "{indent}{}",
            c.dim
                .apply_to(format_args!("evidence: {} [{}]", e.text, e.source))
        )?;
    }
    Ok(())
}

fn footer(closing: Closing, c: &Palette, out: &mut dyn Write) -> io::Result<()> {
    let Closing {
        warnings,
        corrections,
        knowledge_file,
        overrides,
        sources,
        disclaimer,
    } = closing;
    if !warnings.is_empty() {
        writeln!(out, "\n{}", c.heading.apply_to("Warnings"))?;
        for w in warnings {
            writeln!(out, "  {} {w}", c.warning.apply_to("!"))?;
        }
    }
    if !corrections.is_empty() {
        writeln!(
            out,
            "\n{}",
            c.heading.apply_to("Where the seed article is out of date")
        )?;
        for x in corrections {
            writeln!(out, "  - The seed says: \"{}\".", x.seed)?;
            writeln!(out, "    Evidence: {} [{}]", x.evidence, x.source)?;
        }
    }
    if let Some(file) = knowledge_file {
        writeln!(
            out,
            "\n{}",
            c.heading.apply_to(format_args!(
                "Institution overrides in force ({})",
                crate::model::field::escape(file)
            ))
        )?;
        if overrides.is_empty() {
            writeln!(out, "  None: every threshold has its built-in value.")?;
        }
        for o in overrides {
            writeln!(out, "  {}: {}", o.id, super::override_text(o))?;
        }
    }
    if !sources.is_empty() {
        writeln!(out, "\n{}", c.heading.apply_to("Sources"))?;
        for s in sources {
            writeln!(
                out,
                "  {} {}",
                c.dim.apply_to(format_args!("[{}]", s.id)),
                s.reference
            )?;
        }
    }
    writeln!(out, "\n{}", c.dim.apply_to(disclaimer))
}

/// Writes the full staged pathway.
pub fn report(r: &Report, c: &Palette, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "{}  {}\n",
        c.heading.apply_to("netriage — NET liver metastases"),
        c.dim.apply_to(super::knowledge_label(
            &r.knowledge_version,
            r.knowledge_file.as_deref()
        ))
    )?;
    grade(&r.grade, c, out)?;
    let mut number = 1;
    writeln!(
        out,
        "\n{}",
        c.heading
            .apply_to(format_args!("{number}. Confirm and stage"))
    )?;
    if r.workup.is_empty() {
        writeln!(out, "  Nothing missing for the options below.")?;
    }
    for w in &r.workup {
        writeln!(
            out,
            "  - {} {}",
            w.text,
            c.dim.apply_to(format_args!("[{}]", w.source))
        )?;
    }
    for stage in &r.stages {
        number += 1;
        writeln!(
            out,
            "\n{}",
            c.heading
                .apply_to(format_args!("{number}. {}", stage.title))
        )?;
        for note in &stage.notes {
            writeln!(out, "  {}", c.dim.apply_to(note))?;
        }
        for v in &stage.options {
            option(v, c, out)?;
        }
    }
    footer(r.closing(), c, out)
}

/// Writes the grade alone.
pub fn grade_report(r: &GradeReport, c: &Palette, out: &mut dyn Write) -> io::Result<()> {
    grade(&r.grade, c, out)?;
    footer(r.closing(), c, out)
}
