//! Criteria, verdicts and the status rule: one place decides how criteria become a status.

use super::criteria::Ctx;
use crate::knowledge::{Evidence, Knowledge, Phrase, INSTITUTION};
use crate::model::patient::FieldSet;
use crate::model::{Field, OptionId};
use schemars::JsonSchema;
use serde::Serialize;
use std::borrow::Cow;

/// The result of one criterion. For a contraindication, `Met` means present.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
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

    /// "not": met ↔ not met; unknown stays unknown.
    #[must_use]
    pub fn negate(self) -> Outcome {
        match self {
            Outcome::Met => Outcome::NotMet,
            Outcome::NotMet => Outcome::Met,
            Outcome::Unknown => Outcome::Unknown,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Indication,
    Contraindication,
    /// Present → the option is held at `consider` with a note (rules.md §3, v2).
    Caution,
}

/// An option's status at its stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
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
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
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
            Kind::Caution => false,
        }
    }

    /// A contraindication or caution: something whose presence is checked.
    pub fn is_against(&self) -> bool {
        self.kind != Kind::Indication
    }
}

/// The decision on one option, with everything that explains it.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Verdict {
    pub id: OptionId,
    pub name: &'static str,
    pub status: Status,
    pub criteria: Vec<Criterion>,
    pub evidence: &'static [Evidence],
    pub notes: Vec<String>,
    pub missing: Vec<Field>,
    pub to_confirm: Vec<Field>,
    /// The preference that made the option `recommended` (absent otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub because: Option<String>,
    /// The sources of the notes (criteria and evidence carry their own).
    #[serde(skip)]
    pub note_sources: Vec<&'static str>,
    /// Its `missing` as a set, built at every detail: a cohort's table names those of the
    /// `undetermined` options without building texts.
    #[serde(skip)]
    pub settled_by: FieldSet,
}

impl Verdict {
    /// The one-line reason a clinician reads first. Written into one string (a report asks for
    /// it once or twice an option).
    pub fn reason(&self) -> String {
        let mut out = String::with_capacity(128);
        match self.status {
            Status::NotRecommended => {
                let failing = || self.criteria.iter().filter(|c| c.fails());
                let not_met = failing().any(|c| c.kind == Kind::Indication);
                let present = failing().any(|c| c.kind != Kind::Indication);
                out.push_str(match (not_met, present) {
                    (true, false) => "not met: ",
                    (false, true) => "contraindicated: ",
                    _ => "ruled out: ",
                });
                push_list(&mut out, failing());
            }
            Status::Undetermined => {
                out.push_str("needs: ");
                for (i, field) in self.missing.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(field.name());
                }
            }
            Status::Recommended if self.because.as_ref().is_some_and(|b| !b.is_empty()) => {
                out.push_str(self.because.as_deref().unwrap_or_default());
            }
            Status::Recommended | Status::Consider => {
                push_list(
                    &mut out,
                    self.criteria
                        .iter()
                        .filter(|c| c.kind == Kind::Indication && c.result == Outcome::Met),
                );
                if out.is_empty() {
                    out.push_str(self.notes.first().map_or("", String::as_str));
                }
            }
        }
        out
    }
}

/// Appends the criteria as a reason lists them: each text, "institution file" where an
/// institution set the threshold that decides (its policy, said where it decides), and the
/// patient's value; `; ` between them.
fn push_list<'c>(out: &mut String, criteria: impl Iterator<Item = &'c Criterion>) {
    for (i, c) in criteria.enumerate() {
        if i > 0 {
            out.push_str("; ");
        }
        out.push_str(&c.text);
        if c.source == INSTITUTION {
            out.push_str(", institution file");
        }
        if let Some(value) = &c.value {
            out.push_str(" (");
            out.push_str(value);
            out.push(')');
        }
    }
}

/// The answers `c` reads that were not given.
fn unanswered(c: &Criterion, answered: FieldSet) -> Vec<Field> {
    c.settles
        .iter()
        .copied()
        .filter(|f| !answered.contains(*f))
        .collect()
}

/// Adds `field` to `list` unless it is there.
fn push(list: &mut Vec<Field>, field: Field) {
    if !list.contains(&field) {
        list.push(field);
    }
}

/// What the status rule decides for one option: its status, and the answers that would settle
/// it (a cohort table's `would_settle`; the full report's `missing`, as a set).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    pub id: OptionId,
    pub status: Status,
    pub settled_by: FieldSet,
}

/// An option being evaluated: the criteria's outcomes add up to what decides the status; the
/// texts that explain it are collected only when verdicts are shown in full.
#[derive(Debug, Clone)]
pub(crate) struct Draft<'k> {
    pub id: OptionId,
    k: &'k Knowledge,
    /// Met → `recommended`; not met → `consider`; unknown → `consider` naming what would raise
    /// it. Several preferences are alternatives ("or").
    preferred: Outcome,
    /// The answers that would settle an unknown preference (a `consider`'s `missing`).
    preference_settled_by: FieldSet,
    /// Safety-critical answers (data/options.toml): unknown → capped at `consider` and
    /// confirmed before any other, whether or not a criterion reads them.
    safety: FieldSet,
    /// The patient's answers: only unanswered fields can be "missing".
    answered: FieldSet,
    /// What the criteria add up to, kept as they come (enough to decide the status).
    summary: Summary,
    /// What explains the decision: `None` when only statuses are wanted (see `Detail`).
    explanation: Option<Box<Explanation>>,
}

/// The texts of a verdict as its rules add them, in order.
#[derive(Debug, Clone)]
struct Explanation {
    name: &'static str,
    criteria: Vec<Criterion>,
    /// The text of the first preference that is met (JSON `because`).
    because: Option<Cow<'static, str>>,
    /// The texts of the preferences still unknown.
    preference_texts: Vec<Cow<'static, str>>,
    /// The parts of `missing` in order, as [`Draft`] keeps their sets (see
    /// [`Draft::missing_parts`]): the answers of the unknown indications, of the unknown
    /// preferences, and those no indication reads.
    open_indications: Vec<Field>,
    preference_settles: Vec<Field>,
    /// Reasons the option is held at `consider` at most.
    caps: Vec<String>,
    /// Caps whose note is shown only when they lower a `recommended` (rules.md §6: the
    /// adjuvant note goes only on options the cap actually lowered).
    lowering_caps: Vec<&'static str>,
    note_sources: Vec<&'static str>,
    notes: Vec<String>,
    /// Notes shown only while the option is not ruled out (rules.md §6), and whether they also
    /// need it eligible (`recommended` or `consider`), not merely `undetermined`.
    eligible_notes: Vec<(&'static str, bool)>,
    /// Answers to confirm or to give that no criterion reads (form T, course state).
    confirm: Vec<Field>,
    also_missing: Vec<Field>,
    evidence: &'static [Evidence],
}

/// What an option's criteria add up to.
#[derive(Debug, Clone, Copy, Default)]
struct Summary {
    /// An indication not met or a contraindication present.
    fails: bool,
    unknown_indication: bool,
    /// A safety-critical contraindication or caution still unknown.
    safety_unknown: bool,
    /// Held at `consider` at most.
    capped: bool,
    /// The answers contraindications and cautions read.
    against_reads: FieldSet,
    /// The unanswered fields of the unknown indications (all their fields when every one is
    /// answered: it is still unknown, pathology review).
    open_indications: FieldSet,
    /// Answers that would settle the option though no indication reads them ([`Draft::missing`]).
    also_missing: FieldSet,
}

impl Explanation {
    fn criterion(&mut self, kind: Kind, safety_critical: bool, c: Criterion) {
        self.criteria.push(Criterion {
            kind,
            safety_critical,
            ..c
        });
    }

    fn preference(
        &mut self,
        when: Outcome,
        text: Cow<'static, str>,
        settles: &[Field],
        answered: FieldSet,
    ) {
        match when {
            Outcome::Met if self.because.is_none() && !text.is_empty() => {
                self.because = Some(text);
            }
            Outcome::Unknown => {
                self.preference_texts.push(text);
                for f in settles {
                    if !answered.contains(*f) {
                        push(&mut self.preference_settles, *f);
                    }
                }
            }
            _ => {}
        }
    }

    /// The answers of an unknown indication that `missing` names (as `Summary` sets them).
    fn open_indication(&mut self, settles: &[Field], open: bool, answered: FieldSet) {
        for f in settles {
            if !open || !answered.contains(*f) {
                push(&mut self.open_indications, *f);
            }
        }
    }

    fn cap(&mut self, k: &Knowledge, note: &'static str) {
        let note = k.note(note);
        self.note_sources.push(note.source);
        self.caps.push(note.into_cited());
    }

    fn note(&mut self, k: &Knowledge, note: &'static str) {
        let note = k.note(note);
        self.note_sources.push(note.source);
        let text = note.into_cited();
        if !self.notes.contains(&text) {
            self.notes.push(text);
        }
    }
}

impl<'k> Draft<'k> {
    pub fn new(id: OptionId, ctx: &Ctx<'k>) -> Self {
        let mut safety = ctx.k.safety_critical(id);
        // Carcinoid heart disease is safety-critical only where it is relevant (rules.md §3, A-9).
        if !ctx.chd_relevant {
            safety.remove(Field::CarcinoidHeartDisease);
        }
        let explanation = ctx.full().then(|| {
            let info = ctx.k.option(id);
            Box::new(Explanation {
                name: info.map_or(id.name(), |o| o.name),
                criteria: Vec::with_capacity(8),
                because: None,
                preference_texts: Vec::new(),
                open_indications: Vec::new(),
                preference_settles: Vec::new(),
                caps: Vec::new(),
                lowering_caps: Vec::new(),
                note_sources: Vec::new(),
                notes: Vec::new(),
                eligible_notes: Vec::new(),
                confirm: Vec::new(),
                also_missing: Vec::new(),
                evidence: info.map_or(&[], |o| o.evidence),
            })
        });
        Self {
            id,
            k: ctx.k,
            preferred: Outcome::NotMet,
            preference_settled_by: FieldSet::default(),
            safety,
            answered: ctx.answered,
            summary: Summary::default(),
            explanation,
        }
    }

    /// The explanation, when verdicts are shown in full.
    #[inline]
    fn explaining(&mut self) -> Option<&mut Explanation> {
        self.explanation.as_deref_mut()
    }

    // Always inlined, like `contraindication` and `against`: at each of the rules' many call
    // sites the compiler then sees when the criterion's texts are unused (a cohort table), and a
    // table costs about a tenth less.
    #[allow(clippy::inline_always)]
    #[inline(always)]
    pub fn indication(&mut self, c: Criterion) {
        self.summary.fails |= c.result == Outcome::NotMet;
        if c.result == Outcome::Unknown {
            self.summary.unknown_indication = true;
            let answered = self.answered;
            let open = c.settles.iter().any(|f| !answered.contains(*f));
            for &f in c.settles {
                if !open || !answered.contains(f) {
                    self.summary.open_indications.insert(f);
                }
            }
            if let Some(e) = self.explaining() {
                e.open_indication(c.settles, open, answered);
            }
        }
        if let Some(e) = self.explaining() {
            e.criterion(Kind::Indication, false, c);
        }
    }

    /// A contraindication; safety-critical when it reads a safety-critical answer.
    #[allow(clippy::inline_always)]
    #[inline(always)]
    pub fn contraindication(&mut self, c: Criterion) {
        self.summary.fails |= c.result == Outcome::Met;
        self.against(Kind::Contraindication, c);
    }

    /// A caution: present → held at `consider` with `note`; unknown → to confirm, like an
    /// unknown contraindication (rules.md §3).
    #[inline]
    pub fn caution(&mut self, c: Criterion, note: &'static str) {
        if c.result == Outcome::Met {
            self.cap(note);
        }
        self.against(Kind::Caution, c);
    }

    #[allow(clippy::inline_always)]
    #[inline(always)]
    fn against(&mut self, kind: Kind, c: Criterion) {
        let safety_critical = c.settles.iter().any(|f| self.safety.contains(*f));
        self.summary.safety_unknown |= safety_critical && c.result == Outcome::Unknown;
        for f in c.settles {
            self.summary.against_reads.insert(*f);
        }
        if let Some(e) = self.explaining() {
            e.criterion(kind, safety_critical, c);
        }
    }

    /// Safety-critical answers no contraindication reads, still unknown.
    fn safety_unread(&self) -> FieldSet {
        self.safety
            .without(self.answered)
            .without(self.summary.against_reads)
    }

    /// The status rule of rules.md §3, from what the criteria added up to: the one place a
    /// status is decided, for a full report and a cohort's table alike.
    pub fn decision(&self) -> Decision {
        let summary = &self.summary;
        let status = if summary.fails {
            Status::NotRecommended
        } else if summary.unknown_indication {
            Status::Undetermined
        } else {
            let capped =
                summary.capped || summary.safety_unknown || !self.safety_unread().is_empty();
            match self.preferred {
                Outcome::Met if !capped => Status::Recommended,
                _ => Status::Consider,
            }
        };
        let mut settled_by = FieldSet::default();
        let parts = [
            summary.open_indications,
            self.preference_settled_by,
            summary.also_missing,
        ];
        self.missing_parts(status, parts, |part| settled_by.union(part));
        Decision {
            id: self.id,
            status,
            settled_by,
        }
    }

    /// The answers that would settle the option, by part, in the order `missing` names them:
    /// those of its unknown indications; for a `consider` whose preference is unknown, those
    /// that would make it `recommended`; then those no indication reads. The one rule behind a
    /// report's `missing` (the parts as ordered lists) and a cohort table's `would_settle` (as
    /// sets, without texts or allocation).
    #[inline]
    fn missing_parts<T>(
        &self,
        status: Status,
        [indications, preference, also]: [T; 3],
        mut each: impl FnMut(T),
    ) {
        each(indications);
        if status == Status::Consider && self.preferred == Outcome::Unknown {
            each(preference);
        }
        each(also);
    }

    /// One way to be `recommended` (alternatives add up with "or"): when `when` is met the
    /// option is preferred and `text` says why (JSON `because`); when unknown, `text` says what
    /// it takes and `settles` names the answers.
    // Always inlined, as `indication`: a cohort table then drops the preference's text.
    #[allow(clippy::inline_always)]
    #[inline(always)]
    pub fn prefer(&mut self, when: Outcome, text: impl Into<Cow<'static, str>>, settles: &[Field]) {
        self.preferred = self.preferred.or(when);
        let answered = self.answered;
        if when == Outcome::Unknown {
            for &f in settles {
                if !answered.contains(f) {
                    self.preference_settled_by.insert(f);
                }
            }
        }
        if let Some(e) = self.explaining() {
            e.preference(when, text.into(), settles, answered);
        }
    }

    /// Holds the option at `consider` at most, saying why (a note id of data/notes.toml).
    #[inline]
    pub fn cap(&mut self, note: &'static str) {
        let k = self.k;
        if let Some(e) = self.explaining() {
            e.cap(k, note);
        }
        self.summary.capped = true;
    }

    /// Holds the option at `consider` at most; the note is shown only where the cap lowered a
    /// `recommended`.
    #[inline]
    pub fn cap_quietly(&mut self, note: &'static str) {
        if let Some(e) = self.explaining() {
            e.lowering_caps.push(note);
        }
        self.summary.capped = true;
    }

    /// Adds a note (an id of data/notes.toml), shown when verdicts are shown in full.
    #[inline]
    pub fn note(&mut self, note: &'static str) {
        let k = self.k;
        if let Some(e) = self.explaining() {
            e.note(k, note);
        }
    }

    /// Adds a note shown only while the option is `recommended` or `consider`.
    #[inline]
    pub fn note_if_eligible(&mut self, note: &'static str) {
        if let Some(e) = self.explaining() {
            e.eligible_notes.push((note, true));
        }
    }

    /// Adds a note shown only while the option is not ruled out (`undetermined` included).
    #[inline]
    pub fn note_unless_ruled_out(&mut self, note: &'static str) {
        if let Some(e) = self.explaining() {
            e.eligible_notes.push((note, false));
        }
    }

    /// An answer to confirm that no contraindication reads (e.g. tumour-related symptoms).
    #[inline]
    pub fn confirm(&mut self, field: Field) {
        let answered = self.answered.contains(field);
        if let Some(e) = self.explaining() {
            if !answered && !e.confirm.contains(&field) {
                e.confirm.push(field);
            }
        }
    }

    /// An answer that would settle the option further although no indication reads it (it may
    /// be answered yet too coarse: `poor` differentiation without the cell type).
    #[inline]
    pub fn missing(&mut self, field: Field) {
        self.summary.also_missing.insert(field);
        if let Some(e) = self.explaining() {
            push(&mut e.also_missing, field);
        }
    }

    /// Decides the status and, when verdicts are shown in full, explains it.
    pub fn decide(self) -> Verdict {
        let decision = self.decision();
        self.explain(decision)
    }

    /// The verdict on `decision` (this draft's, see [`Draft::decision`]): its texts, when
    /// verdicts are shown in full.
    pub fn explain(self, decision: Decision) -> Verdict {
        let Decision {
            id,
            status,
            settled_by,
        } = decision;
        let safety_unread = self.safety_unread();
        let mut missing: Vec<Field> = Vec::new();
        if let Some(e) = &self.explanation {
            let parts = [&e.open_indications, &e.preference_settles, &e.also_missing];
            self.missing_parts(status, parts, |part| {
                for f in part {
                    push(&mut missing, *f);
                }
            });
        }
        let Draft {
            k,
            answered,
            preferred,
            explanation,
            ..
        } = self;
        let Some(explanation) = explanation else {
            return Verdict {
                id,
                name: k.option(id).map_or(id.name(), |o| o.name),
                status,
                criteria: Vec::new(),
                evidence: &[],
                notes: Vec::new(),
                missing: Vec::new(),
                to_confirm: Vec::new(),
                because: None,
                note_sources: Vec::new(),
                settled_by,
            };
        };
        let Explanation {
            name,
            criteria,
            because,
            preference_texts,
            preference_settles,
            caps,
            lowering_caps,
            mut note_sources,
            mut notes,
            eligible_notes,
            confirm,
            evidence,
            ..
        } = *explanation;
        let push = |list: &mut Vec<Field>, fields: &[Field]| {
            for f in fields {
                if !list.contains(f) {
                    list.push(*f);
                }
            }
        };
        let mut add_note = |notes: &mut Vec<String>, at: Option<usize>, id: &str| {
            let note = k.note(id);
            note_sources.push(note.source);
            let text = note.into_cited();
            if !notes.contains(&text) {
                match at {
                    Some(i) => notes.insert(i, text),
                    None => notes.push(text),
                }
            }
        };
        if matches!(status, Status::Recommended | Status::Consider) {
            let unknown = preferred == Outcome::Unknown && status == Status::Consider;
            if unknown && !preference_settles.is_empty() {
                let text = preference_texts
                    .iter()
                    .filter(|t| !t.is_empty())
                    .map(AsRef::as_ref)
                    .collect::<Vec<_>>()
                    .join("; or ");
                notes.insert(
                    0,
                    Phrase::RecommendedWhen.with(&[
                        ("when", &text),
                        ("answers", &Field::labels(&preference_settles)),
                    ]),
                );
            }
            // A cap that lowered a `recommended` says so (rules.md §6, adjuvant note).
            if preferred == Outcome::Met && status == Status::Consider {
                for id in lowering_caps {
                    add_note(&mut notes, Some(0), id);
                }
            }
        }
        for (id, strict) in eligible_notes {
            let shown = match status {
                Status::Recommended | Status::Consider => true,
                Status::Undetermined => !strict,
                Status::NotRecommended => false,
            };
            if shown {
                add_note(&mut notes, None, id);
            }
        }
        for cap in caps.into_iter().rev() {
            if !notes.contains(&cap) {
                notes.insert(0, cap);
            }
        }
        let mut to_confirm: Vec<Field> = safety_unread.fields().collect();
        let unknown_against = |safety: bool| {
            criteria.iter().filter(move |c| {
                c.is_against() && c.result == Outcome::Unknown && c.safety_critical == safety
            })
        };
        // Only answers not given are confirmed (a high-grade tumour's unknowns are settled by
        // the differentiation, which `missing` names).
        for c in unknown_against(true).chain(unknown_against(false)) {
            push(&mut to_confirm, &unanswered(c, answered));
        }
        push(&mut to_confirm, &confirm);
        Verdict {
            id,
            name,
            status,
            criteria,
            evidence,
            notes,
            missing,
            to_confirm,
            because: (status == Status::Recommended)
                .then(|| because.map(Cow::into_owned))
                .flatten(),
            note_sources,
            settled_by,
        }
    }
}
