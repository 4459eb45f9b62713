//! The report: the one pure value every renderer draws from. Its JSON form is the contract
//! (`schema_version` changes only when a field is removed or changes meaning).

use crate::eligibility::Verdict;
use crate::grading::Grade;
use crate::knowledge::{Citation, Correction, Note, Override};
use crate::model::Patient;
use serde::Serialize;

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stage {
    pub id: &'static str,
    pub title: String,
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
    pub stages: Vec<Stage>,
    pub workup: Vec<Note>,
    pub warnings: Vec<String>,
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
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GradeReport {
    pub schema_version: u32,
    pub knowledge_version: String,
    pub patient: Patient,
    pub grade: Grade,
    pub warnings: Vec<String>,
    pub corrections: Vec<Correction>,
    pub knowledge_file: Option<String>,
    pub overrides: Vec<Override>,
    pub sources: Vec<Citation>,
    pub disclaimer: String,
}

/// What every report ends with: warnings, seed corrections, overrides, sources, disclaimer.
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
