//! What a report shows at each level of detail, decided once for text and Markdown alike: the
//! renderers only lay it out (a wrapped line, a table cell).

use super::Detail;
use crate::eligibility::{Status, Verdict};
use crate::knowledge::{Evidence, Note};
use crate::model::{Field, Patient};
use crate::report::{Closing, Report, Stage};
use crate::summary;

/// The line an option reads first.
pub enum Reason<'a> {
    /// Undetermined: the answers that would settle it (a renderer names them by their label).
    Needs(&'a [Field]),
    /// Any other status: why it has it.
    Because(String),
}

/// One option as a report shows it.
pub struct OptionView<'a> {
    pub verdict: &'a Verdict,
    pub reason: Reason<'a>,
    /// Not recommended here but kept for the syndrome (rules.md §6).
    pub kept_for_syndrome: bool,
    /// Safety-critical answers still unknown.
    pub to_confirm: &'a [Field],
    /// Unknown answers that would change a settled status.
    pub would_settle: &'a [Field],
    pub notes: &'a [String],
    pub evidence: Vec<&'static Evidence>,
}

impl<'a> OptionView<'a> {
    /// What `v` shows at `detail` (rules.md §6; issue "decision first" §2): a `not-recommended`
    /// option its failing criterion alone; a shorter report an undetermined option its line
    /// alone (the summary names what to settle first) and a `consider` option its notes and
    /// evidence; a `recommended` option, and every option of a full report, everything.
    pub fn new(v: &'a Verdict, stages: &[Stage], patient: &Patient, detail: Detail) -> Self {
        let reason = match (v.status, detail) {
            (Status::Undetermined, _) => Reason::Needs(&v.missing),
            (_, Detail::Full) => Reason::Because(v.reason()),
            _ => Reason::Because(summary::reason(v)),
        };
        let full = detail == Detail::Full;
        let shows_notes = match v.status {
            Status::NotRecommended => false,
            Status::Undetermined => full,
            Status::Recommended | Status::Consider => true,
        };
        let shows_checks = shows_notes && (full || v.status == Status::Recommended);
        let none: &[Field] = &[];
        Self {
            verdict: v,
            reason,
            kept_for_syndrome: v.status == Status::NotRecommended
                && summary::kept_for_symptoms(stages, v.id),
            to_confirm: if shows_checks { &v.to_confirm } else { none },
            would_settle: if shows_checks && v.status != Status::Undetermined {
                &v.missing
            } else {
                none
            },
            notes: if shows_notes { &v.notes } else { &[] },
            evidence: if shows_notes {
                evidence_shown(v, patient, detail)
            } else {
                Vec::new()
            },
        }
    }
}

/// The evidence rows an option shows at `detail`, the same in text and Markdown: all of them in
/// a full report; in a shorter one, only for an option still open, the two rows most relevant
/// to the patient's population (issue "decision first", §2).
fn evidence_shown(v: &Verdict, patient: &Patient, detail: Detail) -> Vec<&'static Evidence> {
    match (detail, v.status) {
        (Detail::Full, _) => v.evidence.iter().collect(),
        (_, Status::Recommended | Status::Consider) => crate::summary::evidence_for(v, patient, 2),
        _ => Vec::new(),
    }
}

/// A note as `detail` shows it, with its source id: a shorter report shows its brief, when it
/// has one.
pub fn cited_note(note: &Note, detail: Detail) -> String {
    let text = if detail == Detail::Full {
        &note.text
    } else {
        note.brief_or_text()
    };
    if note.source.is_empty() {
        text.to_owned()
    } else {
        format!("{text} [{}]", note.source)
    }
}

/// A warning in the summary at `detail`: its brief below full detail, when it has one. The brief
/// keeps the action (data/notes.toml); the full text is in JSON, in a full report's Warnings,
/// and on each option it concerns that shows its notes.
pub fn warning_text<'a>(text: &'a str, brief: Option<&'a str>, detail: Detail) -> &'a str {
    match brief {
        Some(brief) if detail != Detail::Full => brief,
        _ => text,
    }
}

/// The work-up items `detail` shows: every one in a full report; in a shorter one, not an item
/// that records an answer the summary (just above it) already asks to confirm.
pub fn workup(r: &Report, detail: Detail) -> impl Iterator<Item = &Note> {
    let said_above = move |item: &Note| {
        detail != Detail::Full
            && crate::pathway::confirms(item).is_some_and(|field| r.summary.asks_to_confirm(field))
    };
    r.workup.iter().filter(move |item| !said_above(item))
}

/// What closes a report at `detail`: a shorter report leaves out the warnings (the summary
/// cites each one) and has the one-line disclaimer, a brief one leaves out the seed corrections
/// too.
pub fn closing(r: &Report, detail: Detail) -> Closing<'_> {
    let mut closing = r.closing();
    if detail != Detail::Full {
        closing.warnings = &[];
        closing.disclaimer = crate::knowledge::disclaimer_brief();
    }
    if detail == Detail::Brief {
        closing.corrections = &[];
    }
    closing
}
