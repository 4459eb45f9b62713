//! The criteria several options share, read from the patient, the grade and the thresholds.

use super::outcome::{Criterion, Kind, Outcome};
use crate::grading::{Category, Grade};
use crate::knowledge::{number, Knowledge, SiteSet, Thresholds, INSTITUTION};
use crate::model::patient::FieldSet;
use crate::model::{Field, LiverFunction, Patient, Progression, Sstr, Syndrome, YesNo};
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
}

impl<'a> Ctx<'a> {
    pub fn new(p: &'a Patient, g: &'a Grade, k: &'a Knowledge, detail: Detail) -> Self {
        Self {
            p,
            g,
            k,
            detail,
            answered: FieldSet::answered(p),
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

    pub fn full(&self) -> bool {
        self.detail == Detail::Full
    }

    /// A text built only when verdicts are shown in full.
    pub fn text(&self, build: impl FnOnce() -> String) -> Cow<'static, str> {
        if self.full() {
            Cow::Owned(build())
        } else {
            Cow::Borrowed("")
        }
    }

    /// A criterion's shown value, built only when verdicts are shown in full.
    pub fn shown(&self, build: impl FnOnce() -> Option<String>) -> Option<String> {
        if self.full() {
            build()
        } else {
            None
        }
    }

    /// A source id owned by the thresholds (which an institution may change).
    pub fn src(&self, source: &str) -> Cow<'static, str> {
        self.text(|| source.to_owned())
    }

    /// The answer to a field as typed, for a criterion's `value`.
    pub fn value(&self, field: Field) -> Option<String> {
        self.shown(|| self.p.get(field).map(|v| v.to_string()))
    }

    /// A yes/no answer.
    pub fn yes(field: Option<YesNo>) -> Option<bool> {
        field.map(YesNo::is_yes)
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

    /// The text of a criterion on a site list: the built-in wording, or, once an institution
    /// changed the list, `lead` and the sites in force (a sentence never names sites the rule no
    /// longer uses).
    pub fn sites_text(
        &self,
        builtin: &'static str,
        lead: &'static str,
        set: &SiteSet,
    ) -> Cow<'static, str> {
        if set.source == INSTITUTION {
            self.text(|| {
                let sites = if set.sites.is_empty() {
                    "none".to_owned()
                } else {
                    set.sites.join(", ")
                };
                format!("{lead} among {sites}")
            })
        } else {
            Cow::Borrowed(builtin)
        }
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

    // Shared criteria.

    pub fn well_differentiated(&self) -> Criterion {
        Criterion::new(
            "well-differentiated",
            Kind::Indication,
            "well-differentiated NET (G1–G3)",
            self.well(),
            self.grade_value(),
            "S1",
            &[Field::Differentiation],
        )
    }

    pub fn low_grade_criterion(&self) -> Criterion {
        Criterion::new(
            "low-grade",
            Kind::Indication,
            "low-grade NET (G1/G2)",
            Outcome::from(self.low_grade()),
            self.grade_value(),
            "S1",
            &[Field::Differentiation],
        )
    }

    pub fn sstr_positive(&self) -> Criterion {
        Criterion::new(
            "sstr-positive",
            Kind::Indication,
            "SSTR imaging positive",
            Outcome::from(self.p.sstr.map(|s| s == Sstr::Positive)),
            self.value(Field::Sstr),
            "SSTR-ALGORITHM",
            &[Field::Sstr],
        )
    }

    pub fn no_extrahepatic(&self, source: &'static str) -> Criterion {
        Criterion::new(
            "no-extrahepatic-disease",
            Kind::Indication,
            "no extrahepatic disease",
            Outcome::from(Self::yes(self.p.extrahepatic).map(|e| !e)),
            self.value(Field::Extrahepatic),
            source,
            &[Field::Extrahepatic],
        )
    }

    pub fn primary_criterion(
        &self,
        id: &'static str,
        text: &'static str,
        set: &SiteSet,
    ) -> Criterion {
        Criterion::new(
            id,
            Kind::Indication,
            self.sites_text(text, "primary", set),
            Outcome::from(self.primary_in(set)),
            self.value(Field::Primary),
            self.src(&set.source),
            &[Field::Primary],
        )
    }

    /// ECOG at or above the performance limit.
    pub fn poor_performance(&self) -> Criterion {
        let limit = &self.t().performance.ecog_limit;
        Criterion::new(
            "poor-performance-status",
            Kind::Contraindication,
            self.text(|| format!("ECOG {} or worse", number(limit.value))),
            Outcome::from(self.p.ecog.map(|e| f64::from(e) >= limit.value)),
            self.value(Field::Ecog),
            self.src(&limit.source),
            &[Field::Ecog],
        )
    }

    pub fn impaired_liver(&self, source: &'static str) -> Criterion {
        Criterion::new(
            "impaired-liver-function",
            Kind::Contraindication,
            "impaired liver function",
            Outcome::from(self.p.liver_function.map(|f| f == LiverFunction::Impaired)),
            self.value(Field::LiverFunction),
            source,
            &[Field::LiverFunction],
        )
    }
}
