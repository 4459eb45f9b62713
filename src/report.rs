//! The report: the one pure value every renderer draws from. Its JSON form is the contract
//! (`schema_version` changes only when a field is removed or changes meaning).

use crate::eligibility::Verdict;
use crate::grading::Grade;
use crate::knowledge::{Citation, Correction, Note, Override};
use crate::model::Patient;
use crate::summary::Summary;
use serde::{Serialize, Serializer};

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stage {
    pub id: &'static str,
    pub title: String,
    /// Each with its one-line `reason` in JSON (`summary::reason`).
    #[serde(serialize_with = "with_reasons")]
    pub options: Vec<Verdict>,
    /// Context for the whole stage (e.g. the line of systemic therapy).
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub schema_version: u32,
    pub knowledge_version: String,
    pub patient: Patient,
    pub grade: Grade,
    /// The decision first: recommended, consider, before any of it, would change the most,
    /// ruled out.
    pub summary: Summary,
    pub stages: Vec<Stage>,
    pub workup: Vec<Note>,
    pub warnings: Vec<String>,
    /// The data ids of the grade's and the patient's warnings (brief records name them).
    #[serde(skip)]
    pub warning_ids: Vec<&'static str>,
    /// Where the seed article is wrong or out of date, for what touches this patient.
    pub corrections: Vec<Correction>,
    /// Thresholds an institution's `--knowledge` file changed from the built-in values.
    pub overrides: Vec<Override>,
    pub sources: Vec<Citation>,
    pub disclaimer: String,
}

/// `grade` alone.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GradeReport {
    pub schema_version: u32,
    pub knowledge_version: String,
    pub patient: Patient,
    pub grade: Grade,
    pub warnings: Vec<String>,
    pub corrections: Vec<Correction>,
    pub overrides: Vec<Override>,
    pub sources: Vec<Citation>,
    pub disclaimer: String,
}

/// What every report ends with: warnings, seed corrections, overrides, sources, disclaimer.
/// The grade's own warnings are not among them: they stand under the grade.
#[derive(Debug, Clone, Copy)]
pub struct Closing<'a> {
    pub warnings: &'a [String],
    pub corrections: &'a [Correction],
    pub overrides: &'a [Override],
    pub sources: &'a [Citation],
    pub disclaimer: &'a str,
}

macro_rules! closing {
    ($report:ty) => {
        impl $report {
            pub fn closing(&self) -> Closing<'_> {
                // `warnings` lists the grade's warnings first (where it lists them at all).
                let shown_above = self
                    .warnings
                    .iter()
                    .zip(&self.grade.warnings)
                    .take_while(|(w, g)| **w == g.cited())
                    .count();
                Closing {
                    warnings: &self.warnings[shown_above..],
                    corrections: &self.corrections,
                    overrides: &self.overrides,
                    sources: &self.sources,
                    disclaimer: &self.disclaimer,
                }
            }
        }
    };
}

closing!(Report);
closing!(GradeReport);

impl Report {
    /// Every option across the stages.
    pub fn options(&self) -> impl Iterator<Item = (&Stage, &Verdict)> {
        self.stages
            .iter()
            .flat_map(|s| s.options.iter().map(move |o| (s, o)))
    }
}

/// An option as JSON shows it: the verdict and its one-line reason.
#[derive(Serialize)]
struct WithReason<'a> {
    #[serde(flatten)]
    verdict: &'a Verdict,
    reason: String,
}

fn with_reasons<S: Serializer>(options: &[Verdict], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(options.iter().map(|verdict| WithReason {
        verdict,
        reason: crate::summary::reason(verdict),
    }))
}
