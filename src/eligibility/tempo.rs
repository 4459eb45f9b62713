//! The reason to treat now (rules.md §3.1) and what the treatment history changes (§3.3):
//! progression on a drug, fixed-duration courses under way or finished, continuation of a drug
//! that is working.

use super::criteria::{Ctx, Forms, Gate};
use super::outcome::{Draft, Kind, Outcome};
use crate::knowledge::{CriterionText, Phrase};
use crate::model::{Field, OptionId, Progression, Tag};

/// Where a fixed-duration course stands (rules.md §3.3, D-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Course {
    UnderWay,
    Finished,
    Unknown,
}

/// The state of `id`'s course, when `id` is a fixed-duration course that was given.
pub fn course(ctx: &Ctx, id: OptionId) -> Option<Course> {
    if !id.is(Tag::FixedCourse) || ctx.p.had(id) != Some(true) {
        return None;
    }
    Some(match ctx.p.is_current(id) {
        Some(true) => Course::UnderWay,
        Some(false) => Course::Finished,
        None => Course::Unknown,
    })
}

fn stable(ctx: &Ctx) -> bool {
    ctx.p.progression == Some(Progression::Stable)
}

/// The answers that settle an unknown gate: progression first, then the other counted forms
/// (rules.md §3.1).
fn settles(forms: Forms) -> &'static [Field] {
    let syndrome = forms.syndrome != super::criteria::SyndromeForm::No;
    match (syndrome, forms.bulky, forms.netter2.is_some()) {
        (false, false, false) => &[Field::Progression],
        (true, false, false) => &[Field::Progression, Field::Syndrome],
        (true, true, _) => &[Field::Progression, Field::Syndrome, Field::LiverBurden],
        // Form F also reads the primary and the Ki-67 (the NETTER-2 population).
        (true, false, true) => &[
            Field::Progression,
            Field::Syndrome,
            Field::Prior,
            Field::Ki67,
            Field::Primary,
        ],
        (false, true, _) => &[Field::Progression, Field::LiverBurden],
        (false, false, true) => &[
            Field::Progression,
            Field::Prior,
            Field::Ki67,
            Field::Primary,
        ],
    }
}

/// Adds the reason-to-treat indication, with its caps and notes; `continuous` options get the
/// continuation rule, fixed-duration courses under way count as met.
pub fn reason_to_treat(d: &mut Draft, ctx: &Ctx, forms: Forms) {
    let id = d.id;
    let gate = ctx.gate(forms);
    let mut result = gate.result();
    // Whether a rule of the treatment history settled the gate (no S/B/T cap then).
    let mut settled = false;
    if stable(ctx) {
        if matches!(course(ctx, id), Some(Course::UnderWay | Course::Unknown)) {
            result = Outcome::Met;
            settled = true;
        } else if id.is(Tag::ContinuousDrug) && ctx.p.had(id) == Some(true) {
            match ctx.p.is_current(id) {
                Some(true) => {
                    result = Outcome::Met;
                    settled = true;
                    d.cap("tempo.continue");
                }
                Some(false) => {
                    if result != Outcome::Met {
                        d.note("tempo.stopped");
                    }
                }
                None => {
                    result = Outcome::Met;
                    settled = true;
                    d.cap("tempo.continue_if_given");
                    d.missing(Field::Current);
                }
            }
        }
    }
    d.indication(ctx.criterion_with(
        CriterionText::ReasonToTreat,
        &|_| Some(gate_text(forms)),
        Kind::Indication,
        result,
        ctx.gate_value(&gate),
        settles(forms),
    ));
    match result {
        Outcome::Met if !settled && !gate.strong() => weak_gate_caps(d, ctx, &gate),
        Outcome::Met => {}
        Outcome::NotMet => {
            let procedure = id.is(Tag::Embolisation);
            if procedure && ctx.p.had(id) == Some(true) {
                d.note("embolisation.repeat");
            }
            d.note(if procedure {
                "tempo.no_reason_local"
            } else {
                "tempo.no_reason_drug"
            });
            if continuing_another(ctx, id) {
                d.note("tempo.no_switch");
            }
        }
        Outcome::Unknown => d.note("tempo.answer_progression"),
    }
    if forms.symptoms {
        d.confirm(Field::TumourSymptoms);
    }
}

/// Met only through a syndrome, bulk or tumour symptoms: held at `consider`, saying which.
fn weak_gate_caps(d: &mut Draft, ctx: &Ctx, gate: &Gate) {
    if gate.s == Outcome::Met {
        if d.id == OptionId::Everolimus {
            d.cap("everolimus.insulinoma");
        } else {
            d.cap("tempo.syndrome");
        }
    }
    if gate.b == Outcome::Met {
        d.cap(if ctx.p.progression.is_none() {
            "tempo.bulky_progression_unknown"
        } else {
            "tempo.bulky"
        });
    }
    if gate.t == Outcome::Met {
        d.cap("tempo.symptoms");
    }
}

/// Stable on another continuous drug that is (or may be) still given: no reason to switch.
fn continuing_another(ctx: &Ctx, id: OptionId) -> bool {
    stable(ctx)
        && ctx
            .p
            .prior
            .iter()
            .flatten()
            .chain(ctx.p.current.iter().flatten())
            .any(|other| {
                *other != id
                    && other.is(Tag::ContinuousDrug)
                    && ctx.p.is_current(*other) != Some(false)
            })
}

/// The forms of the reason to treat counted, in words: "a, b or c".
fn gate_text(forms: Forms) -> String {
    let mut named = Vec::new();
    if forms.progression {
        named.push(Phrase::FormProgression);
    }
    match forms.syndrome {
        super::criteria::SyndromeForm::No => {}
        super::criteria::SyndromeForm::Any => named.push(Phrase::FormSyndrome),
        super::criteria::SyndromeForm::Insulinoma => named.push(Phrase::FormInsulinoma),
    }
    if forms.bulky {
        named.push(Phrase::FormBulky);
    }
    if forms.symptoms {
        named.push(Phrase::FormSymptoms);
    }
    if forms.netter2.is_some() {
        named.push(Phrase::FormNetter2);
    }
    match named.split_last() {
        None => String::new(),
        Some((last, [])) => last.text().to_owned(),
        Some((last, rest)) => {
            let rest: Vec<&str> = rest.iter().map(|p| p.text()).collect();
            format!("{} or {}", rest.join(", "), last.text())
        }
    }
}

/// What the treatment history changes for option `d.id` (rules.md §3.3).
pub fn treatment_history(d: &mut Draft, ctx: &Ctx) {
    let id = d.id;
    if ctx.p.had(id) != Some(true) {
        return;
    }
    let course = course(ctx, id);
    match ctx.p.progression {
        Some(Progression::Progressive) => progressed(d, ctx, course),
        Some(Progression::Stable) => match course {
            Some(Course::UnderWay) => {
                d.prefer(Outcome::Met, ctx.k.note("course.under_way").text, &[]);
            }
            Some(Course::Finished) => {
                d.contraindication(ctx.criterion(
                    CriterionText::CourseGiven,
                    Kind::Contraindication,
                    Outcome::Met,
                    ctx.value(Field::Current),
                    &[Field::Current],
                ));
                d.note("course.finished");
                d.note(if id.is(Tag::Radioligand) {
                    "prrt.salvage_only"
                } else {
                    "platinum.rechallenge_long"
                });
            }
            Some(Course::Unknown) => {
                d.cap("course.unknown");
                d.missing(Field::Current);
            }
            None => {}
        },
        None => match course {
            Some(state) => {
                d.indication(ctx.criterion(
                    CriterionText::CourseRestaging,
                    Kind::Indication,
                    Outcome::Unknown,
                    None,
                    &[Field::Progression],
                ));
                d.note(if state == Course::UnderWay {
                    "course.restage_under_way"
                } else {
                    "course.restage"
                });
            }
            None if id.is(Tag::Backbone) => d.note("ssa.progression_unknown"),
            None => {}
        },
    }
}

/// Progression with `d.id` given (rules.md §3.3): closed when it is a continuous drug or
/// platinum; SSA stays a backbone; procedures and radioligands may be repeated, capped.
fn progressed(d: &mut Draft, ctx: &Ctx, course: Option<Course>) {
    let id = d.id;
    if id.is(Tag::ContinuousDrug) || id.is(Tag::Platinum) {
        d.contraindication(ctx.criterion(
            CriterionText::ProgressedOnIt,
            Kind::Contraindication,
            Outcome::Met,
            ctx.value(Field::Progression),
            &[Field::Progression],
        ));
        if id.is(Tag::Platinum) {
            d.note(if course == Some(Course::UnderWay) {
                "platinum.refractory"
            } else if super::approach::small_cell_lung(ctx) {
                "platinum.rechallenge_sclc"
            } else {
                "platinum.rechallenge"
            });
        }
        return;
    }
    match id {
        _ if id.is(Tag::Backbone) => {
            // A backbone, e.g. with PRRT or for syndrome control; said only where SSA is
            // eligible (rules.md §6, L9).
            d.cap_quietly("ssa.backbone");
            d.note_if_eligible("ssa.backbone");
        }
        _ if id.is(Tag::Radioligand) && course == Some(Course::UnderWay) => {
            d.contraindication(ctx.criterion(
                CriterionText::ProgressingDuringPrrt,
                Kind::Contraindication,
                Outcome::Met,
                ctx.value(Field::Current),
                &[Field::Current],
            ));
            d.note("prrt.progressing_during");
        }
        _ if id.is(Tag::Radioligand) => {
            d.cap("prrt.salvage");
            if course == Some(Course::Unknown) {
                d.note("prrt.if_under_way_stop");
                d.missing(Field::Current);
            }
        }
        _ if id.is(Tag::Embolisation) => d.cap(if id.is(Tag::Radioembolisation) {
            "systemic.tare_retreat"
        } else {
            "systemic.embolisation_retreat"
        }),
        _ if id.is(Tag::Repeatable) => d.cap("systemic.local_retreat"),
        _ => {}
    }
}
