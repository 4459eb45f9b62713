//! A report as a FHIR R4 Bundle (`collection`): an Observation per answer given, a Condition
//! for the neoplasm, the pathway as a RequestGroup, and a Provenance naming netriage.

use super::codes::{self, netriage, Codings};
use super::ids::{Id, Ids};
use super::resources::{
    Agent, Bundle, CodeableConcept, Component, Condition, ConditionStage, Display, Documentation,
    Entity, Entry, Evidence, Note, Number, Observation, OptionAction, Provenance, Quantity,
    Reference, RequestGroup, Resource, StageAction, SUBJECT,
};
use crate::eligibility::Verdict;
use crate::grading::Grade;
use crate::knowledge::Override;
use crate::model::{Domain, Field, Patient, RawValue};
use crate::questionnaire::question;
use crate::report::{GradeReport, Report};
use std::borrow::Cow;
use std::collections::HashMap;

/// When and as what the Bundle is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    /// Seconds since 1970 (UTC): the Provenance's `recorded` and the Bundle's `timestamp`.
    pub recorded: u64,
    /// The cohort row, or 0: keeps the ids of two patients' Bundles apart.
    pub row: u64,
}

/// The resources gathered so far, each under its `urn:uuid:` full URL.
struct Entries<'a> {
    ids: Ids,
    list: Vec<Entry<'a>>,
}

impl<'a> Entries<'a> {
    /// Adds the resource `make` builds with the next id; returns that id.
    fn add(&mut self, make: impl FnOnce(Id) -> Resource<'a>) -> Id {
        let id = self.ids.next();
        self.list.push(Entry {
            full_url: id.url(),
            resource: make(id),
        });
        id
    }
}

/// The full report as a Bundle.
pub fn report(r: &Report, stamp: Stamp) -> Bundle<'_> {
    let mut entries = start(&r.patient, stamp);
    let observations = observations(&r.patient, &mut entries);
    let condition = entries.add(|id| condition(id, &r.patient, &r.grade, &observations));
    entries.add(|id| pathway(id, r, condition));
    finish(entries, stamp, &r.knowledge_version, &r.overrides)
}

/// The grade alone as a Bundle (no pathway).
pub fn grade(r: &GradeReport, stamp: Stamp) -> Bundle<'_> {
    let mut entries = start(&r.patient, stamp);
    let observations = observations(&r.patient, &mut entries);
    entries.add(|id| condition(id, &r.patient, &r.grade, &observations));
    finish(entries, stamp, &r.knowledge_version, &r.overrides)
}

/// The ids are seeded from the answers as compact JSON (the bytes `serde_json::to_string`
/// writes: the ids stay what they were when it wrote them).
fn start<'a>(patient: &Patient, stamp: Stamp) -> Entries<'a> {
    let mut line = Vec::with_capacity(1 << 10);
    let written = crate::render::json::write_line_in(patient, 1 << 10, &mut line);
    let seed = written
        .ok()
        .and_then(|()| line.strip_suffix(b"\n"))
        .and_then(|text| std::str::from_utf8(text).ok())
        .unwrap_or_default();
    Entries {
        ids: Ids::new(seed, stamp),
        // An Observation an answer, the Condition, the RequestGroup, the Provenance.
        list: Vec::with_capacity(Field::ALL.len() + 3),
    }
}

/// One Observation per answer given, in the contract's order; returns (field, id).
fn observations(patient: &Patient, entries: &mut Entries) -> Vec<(Field, Id)> {
    let mut made = Vec::with_capacity(Field::ALL.len());
    for field in Field::ALL {
        let Some(value) = patient.get(field) else {
            continue;
        };
        let label = field.label();
        let id = entries.add(|id| {
            let mut resource = Observation {
                code: CodeableConcept {
                    coding: codes::observation(field, label),
                    text: Some(Cow::Borrowed(label)),
                },
                component: None,
                id,
                resource_type: "Observation",
                status: "final",
                subject: SUBJECT,
                value_boolean: None,
                value_codeable_concept: None,
                value_integer: None,
                value_quantity: None,
            };
            set_value(&mut resource, field, value);
            Resource::Observation(resource)
        });
        made.push((field, id));
    }
    made
}

/// Sets an Observation's `value[x]` (and, for a list of treatments, its components).
fn set_value(resource: &mut Observation, field: Field, value: RawValue) {
    let number = match value {
        RawValue::Number(n) => n,
        _ => 0.0,
    };
    let quantity = |value, unit: crate::model::Unit| Quantity {
        code: unit.ucum,
        system: unit.ucum.map(|_| codes::UCUM),
        unit: unit.shown,
        value,
    };
    match (field.domain(), value) {
        (Domain::Decimal { unit, .. }, _) => {
            resource.value_quantity = Some(quantity(Number::Decimal(number), unit));
        }
        (Domain::Whole { unit, .. }, _) => {
            // Whole numbers in range (validated), so the conversion is exact.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let n = number as u64;
            match unit {
                Some(unit) => resource.value_quantity = Some(quantity(Number::Whole(n), unit)),
                None => resource.value_integer = Some(n),
            }
        }
        (Domain::YesNo, v) => {
            resource.value_boolean = Some(matches!(v, RawValue::Text(t) if t == "yes"));
        }
        (Domain::Choice(names), v) => {
            // The vocabulary's own word when it is one (it is: answers are validated).
            let text = v.to_string();
            let name = names
                .into_iter()
                .find(|n| *n == text)
                .map_or(Cow::Owned(text), Cow::Borrowed);
            resource.value_codeable_concept = Some(CodeableConcept {
                coding: codes::word(field, name.clone(), ""),
                text: Some(name),
            });
        }
        (Domain::Treatments, RawValue::List(ids)) => {
            resource.value_boolean = Some(true);
            let components = ids.into_iter().map(|id| Component {
                code: CodeableConcept {
                    coding: Codings::one(netriage("option", id.clone(), "")),
                    text: Some(Cow::Owned(id)),
                },
                value_boolean: true,
            });
            resource.component = Some(components.collect());
        }
        // `none`: known to be untreated.
        (Domain::Treatments, _) => resource.value_boolean = Some(false),
    }
}

/// The neoplasm: the primary site, and the WHO category and grade as its stage.
fn condition<'a>(
    id: Id,
    patient: &Patient,
    grade: &'a Grade,
    observations: &[(Field, Id)],
) -> Resource<'a> {
    let name = "Neuroendocrine neoplasm with liver metastases";
    let body_site = patient.primary.map(|site| {
        [CodeableConcept {
            coding: codes::word(Field::Primary, Cow::Borrowed(site.name()), ""),
            text: Some(Cow::Owned(format!("primary site: {site}"))),
        }]
    });
    let pathology: Vec<Reference> = observations
        .iter()
        .filter(|(f, _)| question::SECTIONS[0].1.contains(f))
        .map(|(_, id)| Reference {
            reference: id.url(),
        })
        .collect();
    Resource::Condition(Condition {
        body_site,
        code: CodeableConcept {
            coding: Codings::one(netriage(
                "condition",
                "neuroendocrine-neoplasm-liver-metastases",
                name,
            )),
            text: Some(Cow::Borrowed(name)),
        },
        evidence: (!pathology.is_empty()).then_some([Evidence { detail: pathology }]),
        id,
        note: [Note {
            text: Cow::Owned(format!("{} ({})", grade.basis, grade.classification)),
        }],
        resource_type: "Condition",
        stage: [ConditionStage {
            summary: CodeableConcept {
                coding: Codings::one(netriage("grade", grade.category.name(), &grade.label)),
                text: Some(Cow::Borrowed(&grade.label)),
            },
            r#type: CodeableConcept {
                coding: Codings::one(netriage("observation", "who-grade", "WHO grade")),
                text: Some(Cow::Borrowed(&grade.classification)),
            },
        }],
        subject: SUBJECT,
    })
}

/// The pathway: a proposal (RequestGroup) whose actions are the stages, each holding its
/// options with their status, one-line reason and sources.
fn pathway(id: Id, r: &Report, condition: Id) -> Resource<'_> {
    // Each option cites a few of the report's sources, some sixty: found by id in a map.
    let references: HashMap<&str, &str> = r.sources.iter().map(|c| (c.id, c.reference)).collect();
    let stages = r.stages.iter().map(|stage| StageAction {
        action: stage
            .options
            .iter()
            .map(|v| option(v, &references))
            .collect(),
        code: [CodeableConcept {
            coding: Codings::one(netriage("stage", stage.id, &stage.title)),
            text: None,
        }],
        description: (!stage.notes.is_empty()).then(|| {
            let notes: Vec<String> = stage
                .notes
                .iter()
                .map(crate::knowledge::Note::cited)
                .collect();
            notes.join(" ")
        }),
        title: &stage.title,
    });
    Resource::RequestGroup(RequestGroup {
        action: stages.collect(),
        id,
        intent: "proposal",
        note: [Note {
            text: Cow::Borrowed(&r.disclaimer),
        }],
        reason_reference: [Reference {
            reference: condition.url(),
        }],
        resource_type: "RequestGroup",
        status: "draft",
        subject: SUBJECT,
    })
}

fn option<'a>(v: &'a Verdict, references: &HashMap<&str, &'a str>) -> OptionAction<'a> {
    let mut sources: Vec<&str> = Vec::new();
    let all = v
        .criteria
        .iter()
        .map(|c| c.source.as_ref())
        .chain(v.evidence.iter().map(|e| e.source))
        .chain(v.note_sources.iter().copied());
    for id in all {
        if !id.is_empty() && !sources.contains(&id) {
            sources.push(id);
        }
    }
    let documentation = sources.into_iter().map(|id| Documentation {
        citation: references.get(id).copied().unwrap_or(id),
        label: id,
        r#type: "citation",
    });
    let status = v.status.name();
    OptionAction {
        code: [
            CodeableConcept {
                coding: Codings::one(netriage("option", v.id.name(), v.name)),
                text: None,
            },
            CodeableConcept {
                coding: Codings::one(netriage("status", status, "")),
                text: Some(Cow::Borrowed(status)),
            },
        ],
        description: v.reason(),
        documentation: documentation.collect(),
        title: v.name,
    }
}

/// Adds the Provenance and wraps everything in the Bundle.
fn finish<'a>(
    mut entries: Entries<'a>,
    stamp: Stamp,
    knowledge: &str,
    overrides: &[Override],
) -> Bundle<'a> {
    let recorded = super::instant(stamp.recorded);
    let target = entries
        .list
        .iter()
        .map(|e| Reference {
            reference: e.full_url,
        })
        .collect();
    let source = |display| Entity {
        role: "source",
        what: Display { display },
    };
    let mut entity = vec![source(format!("netriage knowledge base {knowledge}"))];
    // Worded as the text and Markdown reports word it: an unchanged value, a changed note or
    // source are told apart.
    entity.extend(overrides.iter().map(|o| {
        source(format!(
            "institution override in force: {} = {}",
            o.id,
            crate::render::override_text(o)
        ))
    }));
    let timestamp = recorded.clone();
    entries.add(|id| {
        Resource::Provenance(Provenance {
            agent: [Agent {
                who: Display {
                    display: format!("netriage {}", crate::cli::VERSION),
                },
            }],
            entity,
            id,
            recorded,
            resource_type: "Provenance",
            target,
        })
    });
    Bundle {
        entry: entries.list,
        resource_type: "Bundle",
        timestamp,
        r#type: "collection",
    }
}
