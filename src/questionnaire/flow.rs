//! Question order and branching as plain code over the `Prompter`: what is asked and what is
//! skipped, re-asking refused values, the grade right after pathology, and the review loop.

use super::question::{self, Kind, SECTIONS};
use super::{Interrupted, Nav, Prompter, BACK, SKIP};
use crate::grading;
use crate::knowledge::Knowledge;
use crate::model::{Field, OptionId, Patient, RawValue, Tag};
use std::fmt::Write as _;

const NOTHING_TO_GRADE: &str =
    "Nothing can be graded yet: give the Ki-67 index, the mitotic count, \
or poor differentiation. Back to the pathology questions.";

/// Where a question leaves the flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Answered (or left unknown): on to the next.
    Done,
    /// Esc or "← back": back one question.
    Back,
}

/// Asks every question not answered in `prefilled` (flags, profile), then lets the user review
/// and change any answer; returns once the answers can be graded. Esc goes back one question;
/// at the first one it asks whether to quit.
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
    p.show(
        "Answer what you know; anything left unknown is marked as undetermined, not refused. \
Esc goes back one question.",
    )?;
    let order: Vec<(usize, Field)> = SECTIONS
        .iter()
        .enumerate()
        .flat_map(|(i, (_, fields))| fields.iter().map(move |f| (i, *f)))
        .filter(|(_, f)| !given.contains(f))
        .collect();
    // The positions answered, to go back through.
    let mut asked: Vec<usize> = Vec::new();
    let mut heading: Option<usize> = None;
    // The grade is shown as soon as the pathology section (the first) is behind.
    let mut graded = false;
    let mut pos = 0;
    while let Some(&(section, field)) = order.get(pos) {
        if section > 0 && !graded {
            show_grade(p, &patient, k)?;
            graded = true;
        }
        if !relevant(&patient, field, k) {
            pos += 1;
            continue;
        }
        if heading != Some(section) {
            p.show(&format!("\n{}", SECTIONS[section].0))?;
            heading = Some(section);
        }
        match ask(p, k, &mut patient, field)? {
            Step::Done => {
                asked.push(pos);
                pos += 1;
            }
            Step::Back => match asked.pop() {
                Some(previous) => {
                    pos = previous;
                    graded &= order[previous].0 > 0;
                }
                None if confirm_quit(p) => return Err(Interrupted),
                None => {}
            },
        }
    }
    if !graded {
        show_grade(p, &patient, k)?;
    }
    let last = asked.last().map(|&i| order[i].1);
    review(p, k, &mut patient, &given, last)?;
    Ok(patient)
}

/// Esc at the first question: quit only when the user says so.
fn confirm_quit(p: &mut dyn Prompter) -> bool {
    let items = [
        "no, go on".to_owned(),
        "yes, quit without a report".to_owned(),
    ];
    match p.choose("quit", "Quit the questionnaire?", &items, 0) {
        Ok(chosen) => chosen == 1,
        Err(Nav::Back) => false,
        Err(Nav::Quit) => true,
    }
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
    format!(
        "{} [{}; Enter = unknown, Esc = back]",
        field.label(),
        field.expected()
    )
}

/// Turns a navigation key into a step: Esc is back, anything else ends the questionnaire.
fn nav(n: Nav) -> Result<Step, Interrupted> {
    match n {
        Nav::Back => Ok(Step::Back),
        Nav::Quit => Err(Interrupted),
    }
}

/// A value the rules flag as implausible, and what was probably meant: a Ki-67 between 0 and
/// `grade.ki67_fraction_below` looks like a fraction typed for a percentage (rules.md §1, the
/// grade's own warning).
fn implausible(patient: &Patient, field: Field, k: &Knowledge) -> Option<(String, String)> {
    let number = crate::knowledge::number;
    let below = k.thresholds.grade.ki67_fraction_below.value;
    match field {
        Field::Ki67 => patient
            .ki67
            .filter(|v| *v > 0.0 && *v < below)
            .map(|v| (number(v), number(v * 100.0))),
        _ => None,
    }
}

/// Asks one question until the answer is valid or skipped; skipping makes it unknown. Esc (or
/// "← back") leaves the answer as it was and steps back.
pub fn ask(
    p: &mut dyn Prompter,
    k: &Knowledge,
    patient: &mut Patient,
    field: Field,
) -> Result<Step, Interrupted> {
    let current = patient.get(field);
    match question::kind(field) {
        Kind::Choice(names) => {
            let mut items: Vec<String> = names.iter().map(|n| question::item(field, n)).collect();
            items.push(SKIP.to_owned());
            items.push(BACK.to_owned());
            let default = current
                .as_ref()
                .and_then(|v| names.iter().position(|n| *n == v.to_string()))
                .unwrap_or(names.len());
            loop {
                let chosen = match p.choose(field.name(), field.label(), &items, default) {
                    Ok(chosen) => chosen,
                    Err(n) => return nav(n),
                };
                if chosen == names.len() + 1 {
                    return Ok(Step::Back);
                }
                let Some(name) = names.get(chosen) else {
                    patient.clear(field);
                    return Ok(Step::Done);
                };
                match patient.set(field, &RawValue::Text((*name).to_owned())) {
                    Ok(()) => return Ok(Step::Done),
                    Err(e) => p.error(&e.to_string())?,
                }
            }
        }
        Kind::Typed if matches!(field, Field::Prior | Field::Current) => {
            treatments(p, k, patient, field)
        }
        Kind::Typed => {
            let initial = current.map(|v| v.to_string()).unwrap_or_default();
            loop {
                let text = match p.input(field.name(), &prompt(field), &initial) {
                    Ok(text) => text,
                    Err(n) => return nav(n),
                };
                let text = text.trim();
                if is_skip(text) {
                    patient.clear(field);
                    return Ok(Step::Done);
                }
                let before = patient.get(field);
                if let Err(e) = patient.set(field, &RawValue::Text(text.to_owned())) {
                    p.error(&e.to_string())?;
                    continue;
                }
                let Some((given, meant)) = implausible(patient, field, k) else {
                    return Ok(Step::Done);
                };
                let items = [format!("yes, {meant} %"), format!("no, {given} % is right")];
                let question = format!("{given} % — did you mean {meant} %?");
                // Enter keeps the value as typed: a Ki-67 below 1 % is common in G1.
                match p.choose("plausible", &question, &items, 1) {
                    Ok(0) => {
                        // The suggestion is in range whenever the fraction was.
                        let _ = patient.set(field, &RawValue::Text(meant));
                        return Ok(Step::Done);
                    }
                    Ok(_) => return Ok(Step::Done),
                    // Back to the question, with the answer as it was.
                    Err(Nav::Back) => match before {
                        Some(v) => {
                            let _ = patient.set(field, &v);
                        }
                        None => patient.clear(field),
                    },
                    Err(Nav::Quit) => return Err(Interrupted),
                }
            }
        }
    }
}

/// The treatments already given (`prior`) or being given now (`current`), ticked from a list
/// of names (any treatment the flag takes).
fn treatments(
    p: &mut dyn Prompter,
    k: &Knowledge,
    patient: &mut Patient,
    field: Field,
) -> Result<Step, Interrupted> {
    let ids: Vec<OptionId> = OptionId::tagged(Tag::Treatment).collect();
    let mut items: Vec<String> = ids
        .iter()
        .map(|id| {
            let name = k.option(*id).map_or(id.name(), |o| o.name);
            format!("{name} [{id}]")
        })
        .collect();
    let none = if field == Field::Current {
        "none: nothing being given now"
    } else {
        "none: not treated before"
    };
    let actions = [none.to_owned(), SKIP.to_owned(), BACK.to_owned()];
    items.extend(actions);
    let listed = if field == Field::Current {
        &patient.current
    } else {
        &patient.prior
    };
    let ticked: Vec<usize> = listed.as_ref().map_or_else(Vec::new, |given| {
        ids.iter()
            .enumerate()
            .filter(|(_, id)| given.contains(id))
            .map(|(i, _)| i)
            .collect()
    });
    let prompt = format!("{} (Space ticks, Enter when done)", field.label());
    loop {
        let chosen = match p.choose_many(field.name(), &prompt, &items, ids.len(), &ticked) {
            Ok(chosen) => chosen,
            Err(n) => return nav(n),
        };
        let value = match chosen.first().map(|i| i.checked_sub(ids.len())) {
            // none, unknown, back
            Some(Some(0)) => RawValue::Text("none".to_owned()),
            Some(Some(1)) | None => {
                patient.clear(field);
                return Ok(Step::Done);
            }
            Some(Some(_)) => return Ok(Step::Back),
            Some(None) => RawValue::List(
                chosen
                    .iter()
                    .filter_map(|i| ids.get(*i))
                    .map(|id| id.name().to_owned())
                    .collect(),
            ),
        };
        // A refused list (`none` against a current treatment) is asked again, as any answer.
        match patient.set(field, &value) {
            Ok(()) => return Ok(Step::Done),
            Err(e) => p.error(&e.to_string())?,
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
        .map(|f| f.label().chars().count())
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
        let label = field.label();
        let pad = width - label.chars().count();
        let _ = write!(text, "\n  {label}{} {value}", " ".repeat(pad));
    }
    text
}

/// Shows the summary until the user is done; any answer can be changed, and the pathway needs
/// something to grade. Esc at "Ready?" goes back to the last question asked; Esc in the "change
/// an answer" menu or at a question opened from it returns to the summary.
fn review(
    p: &mut dyn Prompter,
    k: &Knowledge,
    patient: &mut Patient,
    given: &[Field],
    last: Option<Field>,
) -> Result<(), Interrupted> {
    let pathology = SECTIONS[0].1;
    loop {
        p.show(&summary(patient, given, k))?;
        let items = ["show the pathway".to_owned(), "change an answer".to_owned()];
        let field = match p.choose("review", "Ready?", &items, 0) {
            Ok(0) => {
                if patient.has_grading_input() {
                    return Ok(());
                }
                p.error(NOTHING_TO_GRADE)?;
                for &field in pathology {
                    if relevant(patient, field, k) && ask(p, k, patient, field)? == Step::Back {
                        break;
                    }
                }
                show_grade(p, patient, k)?;
                continue;
            }
            Ok(_) => match change_menu(p, patient)? {
                Some(field) => field,
                None => continue,
            },
            Err(Nav::Back) => match last {
                Some(field) => field,
                None if confirm_quit(p) => return Err(Interrupted),
                None => continue,
            },
            Err(Nav::Quit) => return Err(Interrupted),
        };
        if ask(p, k, patient, field)? == Step::Back {
            continue;
        }
        for dependent in dependents(field) {
            if !relevant(patient, dependent, k) {
                // An answer that no longer applies (e.g. a pattern for a single lesion) goes.
                if !given.contains(&dependent) {
                    patient.clear(dependent);
                }
            } else if patient.get(dependent).is_none() {
                ask(p, k, patient, dependent)?;
            }
        }
        if pathology.contains(&field) {
            show_grade(p, patient, k)?;
        }
    }
}

/// The "change an answer" menu, in the summary's words; `None` back to the summary.
fn change_menu(p: &mut dyn Prompter, patient: &Patient) -> Result<Option<Field>, Interrupted> {
    let order = question::order();
    let mut items = vec!["back to the summary".to_owned()];
    items.extend(order.iter().map(|f| {
        let value = patient
            .get(*f)
            .map_or_else(|| "unknown".to_owned(), |v| v.to_string());
        format!("{}: {value}", f.label())
    }));
    match p.choose("change", "Which answer?", &items, 0) {
        Ok(chosen) => Ok(chosen.checked_sub(1).and_then(|i| order.get(i)).copied()),
        Err(Nav::Back) => Ok(None),
        Err(Nav::Quit) => Err(Interrupted),
    }
}
