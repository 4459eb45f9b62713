//! The criteria several options share, read from the patient, the grade and the thresholds.

use super::outcome::{Criterion, Kind, Outcome};
use crate::grading::{Category, Grade};
use crate::knowledge::{
    number, CriterionText, Knowledge, Phrase, PreferenceText, SiteSet, Thresholds,
};
use crate::model::patient::FieldSet;
use crate::model::{
    Field, LiverFunction, OptionId, Patient, Progression, RawValue, Sstr, Syndrome, Tag, YesNo,
};
use std::borrow::Cow;

/// How much of each verdict to build: everything a report shows, or only what decides the
/// statuses (a cohort's table needs no texts; skipping them makes it many times faster).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    Full,
    Statuses,
}

/// What every rule reads: the patient, the grade and the knowledge base.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    pub p: &'a Patient,
    pub g: &'a Grade,
    pub k: &'a Knowledge,
    pub detail: Detail,
    /// The patient's answered fields (computed once per patient).
    pub answered: FieldSet,
    /// Carcinoid syndrome, or the syndrome not given with a crisis-prone primary: where
    /// carcinoid heart disease matters (rules.md §3, A-9). Computed once per patient.
    pub chd_relevant: bool,
}

impl<'a> Ctx<'a> {
    pub fn new(p: &'a Patient, g: &'a Grade, k: &'a Knowledge, detail: Detail) -> Self {
        Self {
            p,
            g,
            k,
            detail,
            answered: FieldSet::answered(p),
            chd_relevant: super::plan::carcinoid_heart_disease_relevant(p, k),
        }
    }

    /// The same patient under another grade, with less detail (a hypothesis to compare).
    pub fn hypothesis<'b>(&self, g: &'b Grade) -> Ctx<'b>
    where
        'a: 'b,
    {
        Ctx {
            g,
            detail: Detail::Statuses,
            ..*self
        }
    }

    pub fn t(&self) -> &Thresholds {
        &self.k.thresholds
    }

    #[inline]
    pub fn full(&self) -> bool {
        self.detail == Detail::Full
    }

    /// A text built only when verdicts are shown in full.
    #[inline]
    pub fn text(&self, build: impl FnOnce() -> String) -> Cow<'static, str> {
        if self.full() {
            Cow::Owned(build())
        } else {
            Cow::Borrowed("")
        }
    }

    /// A criterion's shown value, built only when verdicts are shown in full.
    #[inline]
    pub fn shown(&self, build: impl FnOnce() -> Option<String>) -> Option<String> {
        if self.full() {
            build()
        } else {
            None
        }
    }

    /// The answer to a field as typed, for a criterion's `value`.
    #[inline]
    pub fn value(&self, field: Field) -> Option<String> {
        if self.full() {
            self.answer(field)
        } else {
            None
        }
    }

    fn answer(&self, field: Field) -> Option<String> {
        // Numbers and words directly: `to_string` would format them through a second buffer.
        self.p.get(field).map(|v| match v {
            RawValue::Number(n) => number(n),
            RawValue::Text(t) => t,
            other => other.to_string(),
        })
    }

    /// A yes/no answer.
    pub fn yes(field: Option<YesNo>) -> Option<bool> {
        field.map(YesNo::is_yes)
    }

    /// Whether liver function is impaired.
    pub fn impaired(field: Option<LiverFunction>) -> Option<bool> {
        field.map(|f| f == LiverFunction::Impaired)
    }

    pub fn category(&self) -> Category {
        self.g.category
    }

    pub fn well(&self) -> Outcome {
        match self.g.category {
            Category::NetG1 | Category::NetG2 | Category::NetG3 => Outcome::Met,
            Category::Nec => Outcome::NotMet,
            Category::HighGrade => Outcome::Unknown,
        }
    }

    pub fn nec(&self) -> Outcome {
        match self.g.category {
            Category::Nec => Outcome::Met,
            Category::HighGrade => Outcome::Unknown,
            _ => Outcome::NotMet,
        }
    }

    pub fn net_g3(&self) -> Outcome {
        match self.g.category {
            Category::NetG3 => Outcome::Met,
            Category::HighGrade => Outcome::Unknown,
            _ => Outcome::NotMet,
        }
    }

    pub fn low_grade(&self) -> bool {
        self.g.category.is_low_grade()
    }

    pub fn primary_in(&self, set: &SiteSet) -> Option<bool> {
        self.p.primary.map(|p| set.contains(p))
    }

    pub fn thoracic(&self) -> Option<bool> {
        self.primary_in(&self.t().sites.thoracic)
    }

    pub fn syndrome(&self) -> Option<bool> {
        self.p.syndrome.map(|s| s != Syndrome::None)
    }

    pub fn progressive(&self) -> Option<bool> {
        self.p.progression.map(|c| c == Progression::Progressive)
    }

    pub fn ki67_at_most(&self, max: f64) -> Option<bool> {
        self.p.ki67.map(|v| v <= max)
    }

    pub fn grade_value(&self) -> Option<String> {
        self.shown(|| Some(self.g.label.clone()))
    }

    /// A criterion of data/criteria.toml; its text and source are built only when verdicts are
    /// shown in full.
    #[inline]
    pub fn criterion(
        &self,
        which: CriterionText,
        kind: Kind,
        result: Outcome,
        value: Option<String>,
        settles: &'static [Field],
    ) -> Criterion {
        self.criterion_with(which, &|_| None, kind, result, value, settles)
    }

    /// A criterion whose text has `{name}` placeholders that `rule` fills.
    #[inline]
    pub fn criterion_with(
        &self,
        which: CriterionText,
        rule: &dyn Fn(&str) -> Option<String>,
        kind: Kind,
        result: Outcome,
        value: Option<String>,
        settles: &'static [Field],
    ) -> Criterion {
        if self.full() {
            let said = self.k.criterion_text(which, rule);
            Criterion::new(
                said.id,
                kind,
                said.text,
                result,
                value,
                said.source,
                settles,
            )
        } else {
            Criterion::new(which.template().id, kind, "", result, value, "", settles)
        }
    }

    /// A preference's text (data/criteria.toml), built only when verdicts are shown in full.
    #[inline]
    pub fn preference(&self, which: PreferenceText) -> Cow<'static, str> {
        if self.full() {
            self.k.preference_text(which)
        } else {
            Cow::Borrowed("")
        }
    }

    // Shared criteria.

    pub fn well_differentiated(&self) -> Criterion {
        self.criterion(
            CriterionText::WellDifferentiated,
            Kind::Indication,
            self.well(),
            self.grade_value(),
            &[Field::Differentiation],
        )
    }

    pub fn low_grade_criterion(&self) -> Criterion {
        self.criterion(
            CriterionText::LowGradeAny,
            Kind::Indication,
            Outcome::from(self.low_grade()),
            self.grade_value(),
            &[Field::Differentiation],
        )
    }

    pub fn sstr_positive(&self) -> Criterion {
        self.criterion(
            CriterionText::SstrPositive,
            Kind::Indication,
            Outcome::from(self.p.sstr.map(|s| s == Sstr::Positive)),
            self.value(Field::Sstr),
            &[Field::Sstr],
        )
    }

    /// No extrahepatic disease; `which` is the option's sentence (its source differs).
    pub fn no_extrahepatic(&self, which: CriterionText) -> Criterion {
        self.criterion(
            which,
            Kind::Indication,
            Outcome::from(Self::yes(self.p.extrahepatic).map(|e| !e)),
            self.value(Field::Extrahepatic),
            &[Field::Extrahepatic],
        )
    }

    /// The primary among a site list (the sentence states the list in force).
    pub fn primary_criterion(&self, which: CriterionText, set: &SiteSet) -> Criterion {
        self.criterion(
            which,
            Kind::Indication,
            Outcome::from(self.primary_in(set)),
            self.value(Field::Primary),
            &[Field::Primary],
        )
    }

    /// ECOG at or above the performance limit.
    pub fn poor_performance(&self) -> Criterion {
        let limit = &self.t().performance.ecog_limit;
        self.criterion(
            CriterionText::PoorPerformanceStatus,
            Kind::Contraindication,
            Outcome::from(self.p.ecog.map(|e| f64::from(e) >= limit.value)),
            self.value(Field::Ecog),
            &[Field::Ecog],
        )
    }

    /// Whether a platinum-based option (tag `platinum`) was given: yes when one is named in
    /// `--prior` or `--current`, no when `--prior` names none, unknown otherwise (as
    /// `Patient::had` for one option).
    pub fn had_platinum(&self) -> Option<bool> {
        let names =
            |list: &Option<Vec<OptionId>>| list.iter().flatten().any(|id| id.is(Tag::Platinum));
        if names(&self.p.current) || names(&self.p.prior) {
            return Some(true);
        }
        self.p.prior.as_ref().map(|_| false)
    }

    /// Platinum–etoposide given (NEC second line, surveillance after a course).
    pub fn after_platinum(&self) -> Criterion {
        self.criterion(
            CriterionText::AfterPlatinum,
            Kind::Indication,
            Outcome::from(self.had_platinum()),
            self.value(Field::Prior),
            &[Field::Prior],
        )
    }

    /// Impaired liver function; `which` is the option's sentence (its source differs).
    pub fn impaired_liver(&self, which: CriterionText) -> Criterion {
        self.criterion(
            which,
            Kind::Contraindication,
            Outcome::from(self.p.liver_function.map(|f| f == LiverFunction::Impaired)),
            self.value(Field::LiverFunction),
            &[Field::LiverFunction],
        )
    }
}

/// Which forms of the reason to treat an option counts (rules.md §3.1).
#[derive(Debug, Clone, Copy, Default)]
pub struct Forms {
    /// P: progression.
    pub progression: bool,
    /// S: a hormonal syndrome beyond first-line medical control.
    pub syndrome: SyndromeForm,
    /// B: bulky liver disease.
    pub bulky: bool,
    /// T: symptoms of tumour bulk.
    pub symptoms: bool,
    /// F: the NETTER-2 first-line population (PRRT only), as evaluated by the option.
    pub netter2: Option<Outcome>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SyndromeForm {
    #[default]
    No,
    /// Any syndrome but gastrinoma (PPIs control acid in almost all).
    Any,
    /// Only insulinoma counts (everolimus, D-6).
    Insulinoma,
}

/// The reason to treat, evaluated form by form.
#[derive(Debug, Clone, Copy)]
pub struct Gate {
    pub forms: Forms,
    pub p: Outcome,
    pub s: Outcome,
    pub b: Outcome,
    pub t: Outcome,
    pub f: Outcome,
}

impl Gate {
    /// Met if any counted form is met; not met if all are not met; otherwise unknown. Tumour
    /// symptoms not given count as not met: they never make the gate unknown (D-8).
    pub fn result(&self) -> Outcome {
        let t = if self.t == Outcome::Unknown {
            Outcome::NotMet
        } else {
            self.t
        };
        [self.p, self.s, self.b, t, self.f]
            .into_iter()
            .fold(Outcome::NotMet, Outcome::or)
    }

    /// Met through progression or the NETTER-2 population (not only through S, B or T).
    pub fn strong(&self) -> bool {
        self.p == Outcome::Met || self.f == Outcome::Met
    }
}

impl Ctx<'_> {
    /// Liver burden at or above the bulky threshold (form B).
    pub fn bulky(&self) -> Option<bool> {
        let from = self.t().tempo.bulky_liver_burden_from.value;
        self.p.liver_burden.map(|b| b >= from)
    }

    /// The reason to treat, form by form (rules.md §3.1). Forms not counted are not met.
    pub fn gate(&self, forms: Forms) -> Gate {
        let not_counted = Outcome::NotMet;
        let s = match forms.syndrome {
            SyndromeForm::No => not_counted,
            SyndromeForm::Any => Outcome::from(
                self.p
                    .syndrome
                    .map(|s| !matches!(s, Syndrome::None | Syndrome::Gastrinoma)),
            ),
            SyndromeForm::Insulinoma => {
                Outcome::from(self.p.syndrome.map(|s| s == Syndrome::Insulinoma))
            }
        };
        Gate {
            forms,
            p: if forms.progression {
                Outcome::from(self.progressive())
            } else {
                not_counted
            },
            s,
            b: if forms.bulky {
                Outcome::from(self.bulky())
            } else {
                not_counted
            },
            t: if forms.symptoms {
                Outcome::from(Self::yes(self.p.tumour_symptoms))
            } else {
                not_counted
            },
            f: forms.netter2.unwrap_or(not_counted),
        }
    }

    /// What the patient's answers say of each counted form, for the criterion's value.
    #[inline]
    pub fn gate_value(&self, gate: &Gate) -> Option<String> {
        self.shown(|| Some(self.gate_answers(gate)))
    }

    fn gate_answers(&self, gate: &Gate) -> String {
        let mut parts = Vec::new();
        if gate.forms.progression {
            parts.push(match self.p.progression {
                Some(p) => p.to_string(),
                None => Phrase::ProgressionNotGiven.text().to_owned(),
            });
        }
        if gate.forms.syndrome != SyndromeForm::No {
            parts.push(match self.p.syndrome {
                Some(Syndrome::None) => Phrase::NoSyndrome.text().to_owned(),
                Some(s) => Phrase::SyndromeGiven.with(&[("syndrome", s.name())]),
                None => Phrase::SyndromeNotGiven.text().to_owned(),
            });
        }
        if gate.forms.bulky {
            parts.push(
                match self.bulky() {
                    Some(true) => Phrase::Bulky,
                    Some(false) => Phrase::NotBulky,
                    None => Phrase::LiverBurdenNotGiven,
                }
                .text()
                .to_owned(),
            );
        }
        if gate.forms.symptoms {
            parts.push(
                match self.p.tumour_symptoms {
                    Some(YesNo::Yes) => Phrase::TumourSymptoms,
                    Some(YesNo::No) => Phrase::NoTumourSymptoms,
                    None => Phrase::TumourSymptomsNotGiven,
                }
                .text()
                .to_owned(),
            );
        }
        parts.join(", ")
    }
}
