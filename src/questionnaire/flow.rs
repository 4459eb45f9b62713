//! Question order and branching as plain code over the `Prompter`: what is asked and what is
//! skipped, re-asking refused values, the grade right after pathology, and the review loop.

use super::question::{self, Kind, SECTIONS};
use super::{Interrupted, Prompter, SKIP};
use crate::grading;
use crate::knowledge::Knowledge;
use crate::model::{Field, Patient, RawValue};
use std::fmt::Write as _;

const NOTHING_TO_GRADE: &str =
    "Nothing can be graded yet: give the Ki-67 index, the mitotic count, \
or poor differentiation. Back to the pathology questions.";

/// Asks every question not answered in `prefilled` (flags, profile), then lets the user review
/// and change any answer; returns once the answers can be graded.
pub fn ask_all(
    p: &mut dyn Prompter,
    k: &Knowledge,
    prefilled: Patient,
) -> Result<Patient, Interrupted> {
    let given: Vec<Field> = Field::ALL
        .into_iter()
        .filter(|f| prefilled.get(*f).is_some())
        .collect();
    let mut patient = prefilled;
    p.show("Answer what you know; anything left unknown is marked as undetermined, not refused.")?;
    for (index, (title, fields)) in SECTIONS.iter().enumerate() {
        let mut heading = Some(*title);
        for &field in *fields {
            if given.contains(&field) || !relevant(&patient, field, k) {
                continue;
            }
            if let Some(title) = heading.take() {
                p.show(&format!("\n{title}"))?;
            }
            ask(p, &mut patient, field)?;
        }
        // The first section is pathology: the grade is known as soon as it is answered.
        if index == 0 {
            show_grade(p, &patient, k)?;
        }
    }
    review(p, k, &mut patient, &given)?;
    Ok(patient)
}

/// Whether a question applies, given the answers so far (see `question::condition`).
pub fn relevant(patient: &Patient, field: Field, k: &Knowledge) -> bool {
    question::condition(field).map_or(true, |c| c.holds(patient, k))
}

/// The questions that open or close with `field`'s answer.
fn dependents(field: Field) -> Vec<Field> {
    Field::ALL
        .into_iter()
        .filter(|f| {
            question::condition(*f).is_some_and(|c| {
                c.on == field
                    // The crisis-prone primary opens carcinoid heart disease too.
                    || (c.test == question::Test::CarcinoidHeartRelevant && field == Field::Primary)
            })
        })
        .collect()
}

/// Empty input, or an explicit word, leaves a typed answer unknown.
fn is_skip(text: &str) -> bool {
    text.is_empty()
        || ["skip", "unknown", "?"]
            .iter()
            .any(|w| text.eq_ignore_ascii_case(w))
}

fn prompt(field: Field) -> String {
    let label = question::label(field);
    match field {
        Field::Prior | Field::Current => {
            format!("{label} [none, or treatment ids separated by commas; Enter = unknown]")
        }
        _ => format!("{label} [{}; Enter = unknown]", field.expected()),
    }
}

/// Asks one question until the answer is valid or skipped; skipping makes it unknown.
pub fn ask(p: &mut dyn Prompter, patient: &mut Patient, field: Field) -> Result<(), Interrupted> {
    let current = patient.get(field);
    match question::kind(field) {
        Kind::Choice(names) => {
            let mut items: Vec<String> = names.iter().map(|n| question::item(field, n)).collect();
            items.push(SKIP.to_owned());
            let default = current
                .as_ref()
                .and_then(|v| names.iter().position(|n| *n == v.to_string()))
                .unwrap_or(names.len());
            loop {
                let chosen = p.choose(field.name(), question::label(field), &items, default)?;
                let Some(name) = names.get(chosen) else {
                    patient.clear(field);
                    return Ok(());
                };
                match patient.set(field, &RawValue::Text((*name).to_owned())) {
                    Ok(()) => return Ok(()),
                    Err(e) => p.error(&e.to_string())?,
                }
            }
        }
        Kind::Typed => {
            if matches!(field, Field::Prior | Field::Current) {
                p.show(&format!(
                    "  treatment ids: {}",
                    crate::model::OptionId::treatment_choices()
                ))?;
            }
            let initial = current.map(|v| v.to_string()).unwrap_or_default();
            loop {
                let text = p.input(field.name(), &prompt(field), &initial)?;
                let text = text.trim();
                if is_skip(text) {
                    patient.clear(field);
                    return Ok(());
                }
                match patient.set(field, &RawValue::Text(text.to_owned())) {
                    Ok(()) => return Ok(()),
                    Err(e) => p.error(&e.to_string())?,
                }
            }
        }
    }
}

/// Shows the grade the pathology answers give, and its basis.
fn show_grade(p: &mut dyn Prompter, patient: &Patient, k: &Knowledge) -> Result<(), Interrupted> {
    match grading::grade(patient, k) {
        Ok(g) => {
            p.show(&format!(
                "\nGrade: {} ({}, {})\n  {}",
                g.label,
                g.category.name(),
                g.classification,
                g.basis
            ))?;
            for note in &g.warnings {
                p.show(&format!("  note: {}", note.text))?;
            }
            Ok(())
        }
        Err(_) => p.show(
            "\nGrade: not yet possible (no Ki-67, no mitotic count, not poorly differentiated)",
        ),
    }
}

/// The summary of every answer, in asking order.
pub fn summary(patient: &Patient, given: &[Field], k: &Knowledge) -> String {
    let order = question::order();
    let width = order
        .iter()
        .map(|f| question::label(*f).chars().count())
        .max()
        .unwrap_or(0);
    let mut text = String::from("\nSummary");
    for field in order {
        let value = match patient.get(field) {
            Some(v) if given.contains(&field) => format!("{v}  (given)"),
            Some(v) => v.to_string(),
            None if relevant(patient, field, k) => "unknown".to_owned(),
            None => "not asked".to_owned(),
        };
        let label = question::label(field);
        let pad = width - label.chars().count();
        let _ = write!(text, "\n  {label}{} {value}", " ".repeat(pad));
    }
    text
}

/// Shows the summary until the user is done; any answer can be changed, and the pathway needs
/// something to grade.
fn review(
    p: &mut dyn Prompter,
    k: &Knowledge,
    patient: &mut Patient,
    given: &[Field],
) -> Result<(), Interrupted> {
    let pathology = SECTIONS[0].1;
    loop {
        p.show(&summary(patient, given, k))?;
        let items = ["show the pathway".to_owned(), "change an answer".to_owned()];
        if p.choose("review", "Ready?", &items, 0)? == 0 {
            if patient.has_grading_input() {
                return Ok(());
            }
            p.error(NOTHING_TO_GRADE)?;
            for &field in pathology {
                if relevant(patient, field, k) {
                    ask(p, patient, field)?;
                }
            }
            show_grade(p, patient, k)?;
            continue;
        }
        let order = question::order();
        let mut items = vec!["back to the summary".to_owned()];
        items.extend(order.iter().map(|f| {
            let value = patient
                .get(*f)
                .map_or_else(|| "unknown".to_owned(), |v| v.to_string());
            format!("{}: {value}", f.name())
        }));
        let chosen = p.choose("change", "Which answer?", &items, 0)?;
        let Some(&field) = chosen.checked_sub(1).and_then(|i| order.get(i)) else {
            continue;
        };
        ask(p, patient, field)?;
        for dependent in dependents(field) {
            if !relevant(patient, dependent, k) {
                // An answer that no longer applies (e.g. a pattern for a single lesion) goes.
                if !given.contains(&dependent) {
                    patient.clear(dependent);
                }
            } else if patient.get(dependent).is_none() {
                ask(p, patient, dependent)?;
            }
        }
        if pathology.contains(&field) {
            show_grade(p, patient, k)?;
        }
    }
}
