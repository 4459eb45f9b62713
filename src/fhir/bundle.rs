//! A report as a FHIR R4 Bundle (`collection`): an Observation per answer given, a Condition
//! for the neoplasm, the pathway as a RequestGroup, and a Provenance naming netriage.

use super::codes::{self, coding, system};
use super::ids::Ids;
use crate::eligibility::Verdict;
use crate::grading::Grade;
use crate::knowledge::{Citation, Override};
use crate::model::{Domain, Field, Patient, RawValue};
use crate::questionnaire::question;
use crate::report::{GradeReport, Report};
use serde_json::{json, Value};

/// The subject of every resource: netriage records no identity, so the receiving system links
/// its own Patient in place of this placeholder.
fn subject() -> Value {
    json!({
        "reference": "Patient/placeholder",
        "display": "the patient assessed (identity not recorded by netriage)",
    })
}

/// When and as what the Bundle is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    /// Seconds since 1970 (UTC): the Provenance's `recorded` and the Bundle's `timestamp`.
    pub recorded: u64,
    /// The cohort row, or 0: keeps the ids of two patients' Bundles apart.
    pub row: u64,
}

/// The resources gathered so far, each with its `urn:uuid:` full URL.
struct Entries {
    ids: Ids,
    list: Vec<(String, Value)>,
}

impl Entries {
    fn add(&mut self, mut resource: Value) -> String {
        let url = self.ids.next();
        resource["id"] = Value::String(url.trim_start_matches("urn:uuid:").to_owned());
        self.list.push((url.clone(), resource));
        url
    }
}

/// The full report as a Bundle.
pub fn report(r: &Report, stamp: Stamp) -> Value {
    let mut entries = start(&r.patient, stamp);
    let observations = observations(&r.patient, &mut entries);
    let condition = entries.add(condition(&r.patient, &r.grade, &observations));
    entries.add(pathway(r, &condition));
    finish(entries, stamp, &r.knowledge_version, &r.overrides)
}

/// The grade alone as a Bundle (no pathway).
pub fn grade(r: &GradeReport, stamp: Stamp) -> Value {
    let mut entries = start(&r.patient, stamp);
    let observations = observations(&r.patient, &mut entries);
    entries.add(condition(&r.patient, &r.grade, &observations));
    finish(entries, stamp, &r.knowledge_version, &r.overrides)
}

fn start(patient: &Patient, stamp: Stamp) -> Entries {
    let seed = serde_json::to_string(patient).unwrap_or_default();
    Entries {
        ids: Ids::new(&seed, stamp),
        list: Vec::new(),
    }
}

/// One Observation per answer given, in the contract's order; returns (field, full URL).
fn observations(patient: &Patient, entries: &mut Entries) -> Vec<(Field, String)> {
    let mut made = Vec::new();
    for field in Field::ALL {
        let Some(value) = patient.get(field) else {
            continue;
        };
        let label = field.label();
        let mut resource = json!({
            "resourceType": "Observation",
            "status": "final",
            "code": { "coding": codes::observation(field, label), "text": label },
            "subject": subject(),
        });
        set_value(&mut resource, field, &value);
        made.push((field, entries.add(resource)));
    }
    made
}

/// Sets an Observation's `value[x]` (and, for a list of treatments, its components).
fn set_value(resource: &mut Value, field: Field, value: &RawValue) {
    let number = |v: &RawValue| match v {
        RawValue::Number(n) => *n,
        _ => 0.0,
    };
    let quantity = |n: Value, unit: crate::model::Unit| match unit.ucum {
        Some(code) => {
            json!({ "value": n, "unit": unit.shown, "system": codes::UCUM, "code": code })
        }
        None => json!({ "value": n, "unit": unit.shown }),
    };
    match (field.domain(), value) {
        (Domain::Decimal { unit, .. }, v) => {
            resource["valueQuantity"] = quantity(json!(number(v)), unit);
        }
        (Domain::Whole { unit, .. }, v) => {
            // Whole numbers in range (validated), so the conversion is exact.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let n = json!(number(v) as u64);
            match unit {
                Some(unit) => resource["valueQuantity"] = quantity(n, unit),
                None => resource["valueInteger"] = n,
            }
        }
        (Domain::YesNo, v) => resource["valueBoolean"] = json!(v.to_string() == "yes"),
        (Domain::Choice(_), v) => {
            let name = v.to_string();
            resource["valueCodeableConcept"] = json!({
                "coding": codes::word(field, &name, ""),
                "text": name,
            });
        }
        (Domain::Treatments, RawValue::List(ids)) => {
            resource["valueBoolean"] = json!(true);
            resource["component"] = ids
                .iter()
                .map(|id| {
                    json!({
                        "code": { "coding": [coding(&system("option"), id, "")], "text": id },
                        "valueBoolean": true,
                    })
                })
                .collect();
        }
        // `none`: known to be untreated.
        (Domain::Treatments, _) => resource["valueBoolean"] = json!(false),
    }
}

/// The neoplasm: the primary site, and the WHO category and grade as its stage.
fn condition(patient: &Patient, grade: &Grade, observations: &[(Field, String)]) -> Value {
    let name = "Neuroendocrine neoplasm with liver metastases";
    let mut resource = json!({
        "resourceType": "Condition",
        "code": {
            "coding": [coding(&system("condition"), "neuroendocrine-neoplasm-liver-metastases", name)],
            "text": name,
        },
        "subject": subject(),
        "stage": [{
            "summary": {
                "coding": [coding(&system("grade"), grade.category.name(), &grade.label)],
                "text": grade.label,
            },
            "type": {
                "coding": [coding(&system("observation"), "who-grade", "WHO grade")],
                "text": grade.classification,
            },
        }],
        "note": [{ "text": format!("{} ({})", grade.basis, grade.classification) }],
    });
    if let Some(site) = patient.primary {
        resource["bodySite"] = json!([{
            "coding": codes::word(Field::Primary, site.name(), ""),
            "text": format!("primary site: {site}"),
        }]);
    }
    let pathology: Vec<Value> = observations
        .iter()
        .filter(|(f, _)| question::SECTIONS[0].1.contains(f))
        .map(|(_, url)| json!({ "reference": url }))
        .collect();
    if !pathology.is_empty() {
        let mut evidence = json!({});
        evidence["detail"] = Value::Array(pathology);
        resource["evidence"] = Value::Array(vec![evidence]);
    }
    resource
}

/// The pathway: a proposal (RequestGroup) whose actions are the stages, each holding its
/// options with their status, one-line reason and sources.
fn pathway(r: &Report, condition: &str) -> Value {
    let stages: Vec<Value> = r
        .stages
        .iter()
        .map(|stage| {
            let mut action = json!({
                "title": stage.title,
                "code": [{ "coding": [coding(&system("stage"), stage.id, &stage.title)] }],
            });
            action["action"] = stage
                .options
                .iter()
                .map(|v| option(v, &r.sources))
                .collect();
            if !stage.notes.is_empty() {
                let notes: Vec<String> = stage
                    .notes
                    .iter()
                    .map(crate::knowledge::Note::cited)
                    .collect();
                action["description"] = json!(notes.join(" "));
            }
            action
        })
        .collect();
    let mut resource = json!({
        "resourceType": "RequestGroup",
        "status": "draft",
        "intent": "proposal",
        "subject": subject(),
        "reasonReference": [{ "reference": condition }],
        "note": [{ "text": r.disclaimer }],
    });
    resource["action"] = Value::Array(stages);
    resource
}

fn option(v: &Verdict, citations: &[Citation]) -> Value {
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
    let documentation: Vec<Value> = sources
        .iter()
        .map(|id| {
            let reference = citations
                .iter()
                .find(|c| c.id == *id)
                .map_or(*id, |c| c.reference);
            json!({ "type": "citation", "label": id, "citation": reference })
        })
        .collect();
    let mut action = json!({
        "title": v.name,
        "description": v.reason(),
        "code": [
            { "coding": [coding(&system("option"), v.id.name(), v.name)] },
            { "coding": [coding(&system("status"), v.status.name(), "")], "text": v.status.name() },
        ],
    });
    if !documentation.is_empty() {
        action["documentation"] = Value::Array(documentation);
    }
    action
}

/// Adds the Provenance and wraps everything in the Bundle.
fn finish(mut entries: Entries, stamp: Stamp, knowledge: &str, overrides: &[Override]) -> Value {
    let recorded = super::instant(stamp.recorded);
    let targets: Vec<Value> = entries
        .list
        .iter()
        .map(|(url, _)| json!({ "reference": url }))
        .collect();
    let mut sources = vec![json!({
        "role": "source",
        "what": { "display": format!("netriage knowledge base {knowledge}") },
    })];
    // Worded as the text and Markdown reports word it: an unchanged value, a changed note or
    // source are told apart.
    sources.extend(overrides.iter().map(|o| {
        json!({
            "role": "source",
            "what": { "display": format!(
                "institution override in force: {} = {}",
                o.id,
                crate::render::override_text(o)
            ) },
        })
    }));
    let mut provenance = json!({
        "resourceType": "Provenance",
        "recorded": recorded,
        "agent": [{ "who": { "display": format!("netriage {}", crate::cli::VERSION) } }],
    });
    provenance["target"] = Value::Array(targets);
    provenance["entity"] = Value::Array(sources);
    entries.add(provenance);
    let entry: Vec<Value> = entries
        .list
        .into_iter()
        .map(|(url, resource)| {
            let mut e = json!({ "fullUrl": url });
            e["resource"] = resource;
            e
        })
        .collect();
    let mut bundle = json!({
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": recorded,
    });
    bundle["entry"] = Value::Array(entry);
    bundle
}
