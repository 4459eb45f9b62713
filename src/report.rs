//! The report: the one pure value every renderer draws from. Its JSON form is the contract
//! (`schema_version` changes only when a field is removed or changes meaning).

use crate::eligibility::Verdict;
use crate::grading::Grade;
use crate::knowledge::{Citation, Correction, Note, Override};
use crate::model::Patient;
use crate::summary::Summary;
use schemars::JsonSchema;
use serde::{Serialize, Serializer};

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
/// One stage of the pathway. Select a stage by its `id`, never by its position: the `symptoms`
/// stage comes after `approach` and only when a syndrome is given.
pub struct Stage {
    /// `approach`, `symptoms`, `local`, `liver-directed` or `systemic`.
    pub id: &'static str,
    pub title: String,
    /// Every option of the stage, once each, in pathway order; each with its one-line `reason`
    /// in JSON (`summary::reason`).
    #[serde(serialize_with = "with_reasons")]
    pub options: Vec<Verdict>,
    /// Context for the whole stage (e.g. the line of systemic therapy), each with its source id
    /// in brackets.
    #[serde(serialize_with = "cited_notes")]
    #[schemars(with = "Vec<String>")]
    pub notes: Vec<Note>,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
/// A full assessment: `assess`, `ask` and each `batch` report.
pub struct Report {
    /// Changes only when a field is removed or changes meaning.
    pub schema_version: u32,
    pub knowledge_version: String,
    /// Every answer, `null` when unknown (keys in snake_case; elsewhere answers are named by
    /// their flag, in kebab-case).
    pub patient: Patient,
    pub grade: Grade,
    /// The decision first: recommended, consider, before any of it, would change the most,
    /// ruled out.
    pub summary: Summary,
    /// The stages, each selected by its `id` (their number and order vary).
    pub stages: Vec<Stage>,
    /// Investigations still worth doing, each with its source.
    pub workup: Vec<Note>,
    /// Each warning as one line, its source in brackets.
    pub warnings: Vec<String>,
    /// The same warnings, in the same order, as text and source apart.
    pub warnings_detail: Vec<Note>,
    /// The data ids of the grade's and the patient's warnings (brief records name them).
    #[serde(skip)]
    pub warning_ids: Vec<&'static str>,
    /// Where the seed article is wrong or out of date, for what touches this patient.
    pub corrections: Vec<Correction>,
    /// The institution's `--knowledge` file in force, if any (null: the built-in values).
    pub knowledge_file: Option<String>,
    /// Thresholds an institution's `--knowledge` file changed from the built-in values.
    pub overrides: Vec<Override>,
    pub sources: Vec<Citation>,
    pub disclaimer: String,
}

/// `grade` alone.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct GradeReport {
    /// Changes only when a field is removed or changes meaning.
    pub schema_version: u32,
    pub knowledge_version: String,
    /// Every answer, `null` when unknown.
    pub patient: Patient,
    pub grade: Grade,
    /// Each warning as one line, its source in brackets.
    pub warnings: Vec<String>,
    /// The same warnings, in the same order, as text and source apart.
    pub warnings_detail: Vec<Note>,
    pub corrections: Vec<Correction>,
    pub knowledge_file: Option<String>,
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
    pub knowledge_file: Option<&'a str>,
    pub overrides: &'a [Override],
    pub sources: &'a [Citation],
    pub disclaimer: &'a str,
}

macro_rules! closing {
    ($report:ty) => {
        impl $report {
            pub fn closing(&self) -> Closing<'_> {
                Closing {
                    warnings: &self.warnings,
                    corrections: &self.corrections,
                    knowledge_file: self.knowledge_file.as_deref(),
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

/// Stage notes as JSON has them: each text with its source id in brackets.
fn cited_notes<S: Serializer>(notes: &[Note], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(notes.iter().map(Note::cited))
}

fn with_reasons<S: Serializer>(options: &[Verdict], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(options.iter().map(|verdict| WithReason {
        verdict,
        reason: crate::summary::reason(verdict),
    }))
}
