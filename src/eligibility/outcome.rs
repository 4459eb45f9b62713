//! Criteria, verdicts and the status rule: one place decides how criteria become a status.

use super::criteria::Ctx;
use crate::knowledge::{Evidence, Knowledge};
use crate::model::patient::FieldSet;
use crate::model::{Field, OptionId};
use serde::Serialize;
use std::borrow::Cow;

/// The result of one criterion. For a contraindication, `Met` means present.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    Met,
    NotMet,
    Unknown,
}

impl From<Option<bool>> for Outcome {
    fn from(known: Option<bool>) -> Self {
        match known {
            Some(true) => Outcome::Met,
            Some(false) => Outcome::NotMet,
            None => Outcome::Unknown,
        }
    }
}

impl From<bool> for Outcome {
    fn from(met: bool) -> Self {
        Outcome::from(Some(met))
    }
}

impl Outcome {
    /// "and": met only when both are met; not met when either is not met.
    #[must_use]
    pub fn and(self, other: Outcome) -> Outcome {
        match (self, other) {
            (Outcome::NotMet, _) | (_, Outcome::NotMet) => Outcome::NotMet,
            (Outcome::Met, Outcome::Met) => Outcome::Met,
            _ => Outcome::Unknown,
        }
    }

    /// "or": met when either is met; not met only when both are not met.
    #[must_use]
    pub fn or(self, other: Outcome) -> Outcome {
        match (self, other) {
            (Outcome::Met, _) | (_, Outcome::Met) => Outcome::Met,
            (Outcome::NotMet, Outcome::NotMet) => Outcome::NotMet,
            _ => Outcome::Unknown,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Outcome::Met => "met",
            Outcome::NotMet => "not-met",
            Outcome::Unknown => "unknown",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Indication,
    Contraindication,
}

/// An option's status at its stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Recommended,
    Consider,
    Undetermined,
    NotRecommended,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Recommended,
        Status::Consider,
        Status::Undetermined,
        Status::NotRecommended,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Status::Recommended => "recommended",
            Status::Consider => "consider",
            Status::Undetermined => "undetermined",
            Status::NotRecommended => "not-recommended",
        }
    }
}

/// One indication or contraindication, evaluated.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Criterion {
    pub id: &'static str,
    pub kind: Kind,
    pub text: Cow<'static, str>,
    pub result: Outcome,
    /// The patient's answer this criterion read, when given.
    pub value: Option<String>,
    pub source: Cow<'static, str>,
    /// The answers that would settle it when unknown.
    #[serde(skip)]
    pub settles: &'static [Field],
    /// Unknown → the option is capped at `consider` and this is listed first to confirm.
    #[serde(skip)]
    pub safety_critical: bool,
}

impl Criterion {
    pub fn new(
        id: &'static str,
        kind: Kind,
        text: impl Into<Cow<'static, str>>,
        result: Outcome,
        value: Option<String>,
        source: impl Into<Cow<'static, str>>,
        settles: &'static [Field],
    ) -> Self {
        Self {
            id,
            kind,
            text: text.into(),
            result,
            value,
            source: source.into(),
            settles,
            safety_critical: false,
        }
    }

    /// Whether this criterion rules the option out.
    pub fn fails(&self) -> bool {
        match self.kind {
            Kind::Indication => self.result == Outcome::NotMet,
            Kind::Contraindication => self.result == Outcome::Met,
        }
    }
}

/// The decision on one option, with everything that explains it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdict {
    pub id: OptionId,
    pub name: &'static str,
    pub status: Status,
    pub criteria: Vec<Criterion>,
    pub evidence: &'static [Evidence],
    pub notes: Vec<String>,
    pub missing: Vec<Field>,
    pub to_confirm: Vec<Field>,
    /// Seed corrections that touch this option (data/corrections.toml ids).
    #[serde(skip)]
    pub corrections: Vec<&'static str>,
    /// The sources of the notes (criteria and evidence carry their own).
    #[serde(skip)]
    pub note_sources: Vec<&'static str>,
    /// The answers that would settle an `undetermined` option (its `missing` as a set), built
    /// at every detail: a cohort's table names them without building texts.
    #[serde(skip)]
    pub settled_by: FieldSet,
}

impl Verdict {
    /// The one-line reason a clinician reads first.
    pub fn reason(&self) -> String {
        let list = |crit: &mut dyn Iterator<Item = &Criterion>| {
            crit.map(|c| match &c.value {
                Some(v) => format!("{} ({v})", c.text),
                None => c.text.to_string(),
            })
            .collect::<Vec<_>>()
            .join("; ")
        };
        match self.status {
            Status::NotRecommended => {
                let mut failing = self.criteria.iter().filter(|c| c.fails());
                let why = list(&mut failing);
                let (not_met, present): (Vec<_>, Vec<_>) = self
                    .criteria
                    .iter()
                    .filter(|c| c.fails())
                    .partition(|c| c.kind == Kind::Indication);
                match (not_met.is_empty(), present.is_empty()) {
                    (false, true) => format!("not met: {why}"),
                    (true, false) => format!("contraindicated: {why}"),
                    _ => format!("ruled out: {why}"),
                }
            }
            Status::Undetermined => format!("needs: {}", names(&self.missing)),
            Status::Recommended | Status::Consider => {
                let mut met = self
                    .criteria
                    .iter()
                    .filter(|c| c.kind == Kind::Indication && c.result == Outcome::Met);
                let why = list(&mut met);
                if why.is_empty() {
                    self.notes.first().cloned().unwrap_or_default()
                } else {
                    why
                }
            }
        }
    }
}

/// `a, b, c` from field names.
pub fn names(fields: &[Field]) -> String {
    fields
        .iter()
        .map(|f| f.name())
        .collect::<Vec<_>>()
        .join(", ")
}

/// An option being evaluated: criteria, preference and caps collected, then decided once.
#[derive(Debug, Clone)]
pub(crate) struct Draft<'k> {
    pub id: OptionId,
    k: &'k Knowledge,
    /// Whether texts (notes, preference) are built: see `Detail`.
    full: bool,
    name: &'static str,
    criteria: Vec<Criterion>,
    /// Met → `recommended`; not met → `consider`; unknown → `consider` naming what would raise it.
    preferred: Outcome,
    preference_settles: Vec<Field>,
    preference_text: Cow<'static, str>,
    /// Reasons the option is held at `consider` at most (empty texts when not shown).
    caps: Vec<String>,
    note_sources: Vec<&'static str>,
    /// Safety-critical answers (data/options.toml): unknown → capped at `consider` and
    /// confirmed before any other, whether or not a criterion reads them.
    safety: FieldSet,
    notes: Vec<String>,
    evidence: &'static [Evidence],
    corrections: Vec<&'static str>,
    /// The patient's answers: only unanswered fields can be "missing".
    answered: FieldSet,
    /// What the criteria add up to, kept as they come (enough to decide the status).
    summary: Summary,
}

/// What an option's criteria add up to.
#[derive(Debug, Clone, Default)]
struct Summary {
    /// An indication not met or a contraindication present.
    fails: bool,
    unknown_indication: bool,
    /// A safety-critical contraindication still unknown.
    safety_unknown: bool,
    /// Held at `consider` at most.
    capped: bool,
    contraindication_reads: FieldSet,
    /// The unanswered fields of the unknown indications (all their fields when every one is
    /// answered): what `missing` names.
    settled_by: FieldSet,
}

impl<'k> Draft<'k> {
    pub fn new(id: OptionId, ctx: &Ctx<'k>) -> Self {
        let info = ctx.k.option(id);
        Self {
            id,
            k: ctx.k,
            full: ctx.full(),
            name: info.map_or(id.name(), |o| o.name),
            criteria: if ctx.full() {
                Vec::with_capacity(8)
            } else {
                Vec::new()
            },
            preferred: Outcome::NotMet,
            preference_settles: Vec::new(),
            preference_text: Cow::Borrowed(""),
            caps: Vec::new(),
            note_sources: Vec::new(),
            safety: ctx.k.safety_critical(id),
            notes: Vec::new(),
            evidence: if ctx.full() {
                info.map_or(&[], |o| o.evidence)
            } else {
                &[]
            },
            corrections: Vec::new(),
            answered: ctx.answered,
            summary: Summary::default(),
        }
    }

    pub fn indication(&mut self, c: Criterion) {
        self.summary.fails |= c.result == Outcome::NotMet;
        if c.result == Outcome::Unknown {
            self.summary.unknown_indication = true;
            let open = c.settles.iter().any(|f| !self.answered.contains(*f));
            for &f in c.settles {
                if !open || !self.answered.contains(f) {
                    self.summary.settled_by.insert(f);
                }
            }
        }
        if self.full {
            self.criteria.push(Criterion {
                kind: Kind::Indication,
                ..c
            });
        }
    }

    /// A contraindication; safety-critical when it reads a safety-critical answer.
    pub fn contraindication(&mut self, c: Criterion) {
        let safety_critical = c.settles.iter().any(|f| self.safety.contains(*f));
        self.summary.fails |= c.result == Outcome::Met;
        self.summary.safety_unknown |= safety_critical && c.result == Outcome::Unknown;
        for f in c.settles {
            self.summary.contraindication_reads.insert(*f);
        }
        if self.full {
            self.criteria.push(Criterion {
                kind: Kind::Contraindication,
                safety_critical,
                ..c
            });
        }
    }

    /// The status alone (rules.md §3), from what the criteria added up to.
    fn status(&self) -> Status {
        let summary = &self.summary;
        if summary.fails {
            return Status::NotRecommended;
        }
        if summary.unknown_indication {
            return Status::Undetermined;
        }
        // A safety-critical answer no contraindication reads (TARE: a bilio-enteric
        // anastomosis is a warning there), still unknown, caps the option too.
        let safety_unread = Field::ALL.into_iter().any(|f| {
            self.safety.contains(f)
                && !self.answered.contains(f)
                && !summary.contraindication_reads.contains(f)
        });
        let capped = summary.capped || summary.safety_unknown || safety_unread;
        match self.preferred {
            Outcome::Met if !capped => Status::Recommended,
            _ => Status::Consider,
        }
    }

    /// When `when` is met the option is `recommended`; `text` says what that takes.
    pub fn prefer(&mut self, when: Outcome, text: impl Into<Cow<'static, str>>, settles: &[Field]) {
        self.preferred = when;
        if when == Outcome::Unknown {
            self.preference_text = text.into();
            self.preference_settles = settles
                .iter()
                .copied()
                .filter(|f| !self.answered.contains(*f))
                .collect();
        }
    }

    /// Holds the option at `consider` at most, saying why (a note id of data/notes.toml).
    pub fn cap(&mut self, note: &'static str) {
        if self.full {
            let note = self.k.note(note);
            self.note_sources.push(note.source);
            self.caps.push(note.into_cited());
        }
        self.summary.capped = true;
    }

    /// Adds a note (an id of data/notes.toml), shown when verdicts are shown in full.
    pub fn note(&mut self, note: &'static str) {
        if !self.full {
            return;
        }
        let note = self.k.note(note);
        self.note_sources.push(note.source);
        let text = note.into_cited();
        if !self.notes.contains(&text) {
            self.notes.push(text);
        }
    }

    pub fn correction(&mut self, id: &'static str) {
        self.corrections.push(id);
    }

    /// Applies the status rule of rules.md §3, and explains it when verdicts are shown in full.
    pub fn decide(self) -> Verdict {
        let status = self.status();
        let settled_by = if status == Status::Undetermined {
            self.summary.settled_by
        } else {
            FieldSet::default()
        };
        if !self.full {
            return Verdict {
                id: self.id,
                name: self.name,
                status,
                criteria: Vec::new(),
                evidence: &[],
                notes: Vec::new(),
                missing: Vec::new(),
                to_confirm: Vec::new(),
                corrections: Vec::new(),
                note_sources: Vec::new(),
                settled_by,
            };
        }
        let Draft {
            id,
            name,
            criteria,
            preferred,
            preference_settles,
            preference_text,
            caps,
            note_sources,
            safety,
            mut notes,
            evidence,
            corrections,
            k: _,
            full,
            answered,
            summary: _,
        } = self;
        let unknown_indications: Vec<&Criterion> = criteria
            .iter()
            .filter(|c| c.kind == Kind::Indication && c.result == Outcome::Unknown)
            .collect();
        let mut missing: Vec<Field> = Vec::new();
        let push = |list: &mut Vec<Field>, fields: &[Field]| {
            for f in fields {
                if !list.contains(f) {
                    list.push(*f);
                }
            }
        };
        // `missing` names answers still to give: a criterion that reads several answers (NEC
        // after platinum: differentiation and prior) names only those not given. Where every
        // answer is given and the criterion is still unknown (a thoracic carcinoid with
        // elevated mitoses, "well" yet high-grade), its answers stay named: pathology review.
        let settle = |list: &mut Vec<Field>, c: &Criterion| {
            let open: Vec<Field> = c
                .settles
                .iter()
                .copied()
                .filter(|f| !answered.contains(*f))
                .collect();
            push(list, if open.is_empty() { c.settles } else { &open });
        };
        // Safety-critical answers no contraindication reads (TARE: a bilio-enteric anastomosis
        // is a warning there), still unknown.
        let confirm_first: Vec<Field> = Field::ALL
            .into_iter()
            .filter(|f| safety.contains(*f) && !answered.contains(*f))
            .filter(|f| {
                !criteria
                    .iter()
                    .any(|c| c.kind == Kind::Contraindication && c.settles.contains(f))
            })
            .collect();
        let status = if criteria.iter().any(Criterion::fails) {
            for c in &unknown_indications {
                settle(&mut missing, c);
            }
            Status::NotRecommended
        } else if !unknown_indications.is_empty() {
            for c in &unknown_indications {
                settle(&mut missing, c);
            }
            Status::Undetermined
        } else {
            let safety_unknown = criteria
                .iter()
                .any(|c| c.safety_critical && c.result == Outcome::Unknown)
                || !confirm_first.is_empty();
            let base = match preferred {
                Outcome::Met => Status::Recommended,
                Outcome::NotMet => Status::Consider,
                Outcome::Unknown => {
                    push(&mut missing, &preference_settles);
                    if full {
                        notes.insert(
                            0,
                            format!(
                                "Recommended when {preference_text}: answer {} to settle it",
                                names(&preference_settles)
                            ),
                        );
                    }
                    Status::Consider
                }
            };
            if base == Status::Recommended && (!caps.is_empty() || safety_unknown) {
                Status::Consider
            } else {
                base
            }
        };
        for cap in caps.into_iter().rev().filter(|_| full) {
            if !notes.contains(&cap) {
                notes.insert(0, cap);
            }
        }
        let mut to_confirm = confirm_first;
        let unknown_contra = |safety: bool| {
            criteria.iter().filter(move |c| {
                c.kind == Kind::Contraindication
                    && c.result == Outcome::Unknown
                    && c.safety_critical == safety
            })
        };
        for c in unknown_contra(true).chain(unknown_contra(false)) {
            push(&mut to_confirm, c.settles);
        }
        Verdict {
            id,
            name,
            status,
            criteria,
            evidence,
            notes,
            missing,
            to_confirm,
            corrections,
            note_sources,
            settled_by,
        }
    }
}
