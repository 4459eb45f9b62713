//! The brief record: what a cohort keeps of each report (`batch --format jsonl` by default, or
//! `--format json --detail brief`): the grade, each option's status and why (the one-line reason
//! of an option still open, the id of the criterion that rules one out, the answers that would
//! settle an undetermined one), what to confirm, and the warnings by id. Under 2 kB a patient.

use crate::eligibility::{Status, Verdict};
use crate::model::Field;
use crate::report::{Report, Stage, SCHEMA_VERSION};
use schemars::JsonSchema;
use serde::Serialize;

#[derive(Debug, Serialize, JsonSchema)]
pub struct Brief<'a> {
    pub schema_version: u32,
    /// Always "brief": the full report has no such field.
    pub detail: &'static str,
    pub knowledge_version: &'a str,
    pub grade: BriefGrade<'a>,
    /// Stage id → option id → status and why, in pathway order.
    #[serde(serialize_with = "by_stage")]
    #[schemars(
        with = "std::collections::BTreeMap<String, std::collections::BTreeMap<String, BriefOption<'static>>>"
    )]
    pub stages: &'a [Stage],
    /// The answers that would settle the `undetermined` options, in contract order.
    pub missing: Vec<Field>,
    /// Unknown contraindications and cautions of the options still open, in contract order.
    pub to_confirm: Vec<Field>,
    /// The grade's and the patient's warnings by data id (data/notes.toml).
    pub warnings: &'a [&'static str],
    /// Thresholds an institution's `--knowledge` file changed (absent when none).
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub overrides: &'a [crate::knowledge::Override],
    /// The institution's `--knowledge` file in force (absent when none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub knowledge_file: Option<&'a str>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct BriefGrade<'a> {
    pub category: &'static str,
    pub label: &'a str,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct BriefOption<'a> {
    pub status: Status,
    /// `recommended` and `consider`: the one-line reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// `not-recommended`: the id of the first criterion that failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failed: Option<&'static str>,
    /// `undetermined`: the answers that would settle it.
    #[serde(skip_serializing_if = "<[Field]>::is_empty")]
    pub missing: &'a [Field],
}

impl<'a> BriefOption<'a> {
    fn new(v: &'a Verdict) -> Self {
        let open = matches!(v.status, Status::Recommended | Status::Consider);
        // The short reason: a brief record stays under 2 kB (a `recommended` option's
        // `because`, else the first indication met).
        let reason = crate::summary::reason;
        Self {
            status: v.status,
            reason: open.then(|| reason(v)),
            failed: (v.status == Status::NotRecommended)
                .then(|| v.criteria.iter().find(|c| c.fails()).map(|c| c.id))
                .flatten(),
            missing: if v.status == Status::Undetermined {
                &v.missing
            } else {
                &[]
            },
        }
    }
}

impl<'a> Brief<'a> {
    pub fn new(r: &'a Report) -> Self {
        let in_order = |pick: &dyn Fn(&Verdict) -> &[Field]| {
            Field::ALL
                .into_iter()
                .filter(|f| r.options().any(|(_, v)| pick(v).contains(f)))
                .collect::<Vec<_>>()
        };
        let missing = in_order(&|v| {
            if v.status == Status::Undetermined {
                &v.missing
            } else {
                &[]
            }
        });
        let to_confirm = in_order(&|v| {
            if v.status == Status::NotRecommended {
                &[]
            } else {
                &v.to_confirm
            }
        });
        Self {
            schema_version: SCHEMA_VERSION,
            detail: "brief",
            knowledge_version: &r.knowledge_version,
            grade: BriefGrade {
                category: r.grade.category.name(),
                label: &r.grade.label,
            },
            stages: &r.stages,
            missing,
            to_confirm,
            warnings: &r.warning_ids,
            overrides: &r.overrides,
            knowledge_file: r.knowledge_file.as_deref(),
        }
    }
}

fn by_stage<S: serde::Serializer>(stages: &[Stage], serializer: S) -> Result<S::Ok, S::Error> {
    struct Options<'a>(&'a [Verdict]);
    impl Serialize for Options<'_> {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_map(self.0.iter().map(|v| (v.id, BriefOption::new(v))))
        }
    }
    serializer.collect_map(stages.iter().map(|s| (s.id, Options(&s.options))))
}
