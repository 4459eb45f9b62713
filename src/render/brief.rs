//! The brief record: what a cohort keeps of each report (`batch --format jsonl` by default, or
//! `--format json --detail brief`): the grade, each option's status and one-line reason, the
//! answers that would settle what is undetermined, what to confirm, and the warnings by id.

use crate::eligibility::Status;
use crate::model::{Field, OptionId};
use crate::report::{Report, SCHEMA_VERSION};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct Brief<'a> {
    pub schema_version: u32,
    /// Always "brief": the full report has no such field.
    pub detail: &'static str,
    pub knowledge_version: &'a str,
    pub grade: BriefGrade<'a>,
    pub stages: Vec<BriefStage>,
    /// The answers that would settle the `undetermined` options, in contract order.
    pub missing: Vec<Field>,
    /// Unknown contraindications and cautions of the options still open, in contract order.
    pub to_confirm: Vec<Field>,
    /// The grade's and the patient's warnings by data id (data/notes.toml).
    pub warnings: &'a [&'static str],
}

#[derive(Debug, Serialize)]
pub struct BriefGrade<'a> {
    pub category: &'static str,
    pub label: &'a str,
}

#[derive(Debug, Serialize)]
pub struct BriefStage {
    pub id: &'static str,
    pub options: Vec<BriefOption>,
}

#[derive(Debug, Serialize)]
pub struct BriefOption {
    pub id: OptionId,
    pub status: Status,
    pub reason: String,
}

impl<'a> Brief<'a> {
    pub fn new(r: &'a Report) -> Self {
        let in_order = |pick: &dyn Fn(&crate::eligibility::Verdict) -> &[Field]| {
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
            stages: r
                .stages
                .iter()
                .map(|s| BriefStage {
                    id: s.id,
                    options: s
                        .options
                        .iter()
                        .map(|v| BriefOption {
                            id: v.id,
                            status: v.status,
                            reason: crate::summary::reason(v),
                        })
                        .collect(),
                })
                .collect(),
            missing,
            to_confirm,
            warnings: &r.warning_ids,
        }
    }
}
