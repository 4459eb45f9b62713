//! The guided questionnaire as a FHIR Questionnaire (SDC-style), made from the same question
//! table as the terminal one: sections, labels, vocabularies, ranges, units and branching.

use super::codes::{self, netriage};
use crate::model::{Domain, Field, OptionId, Unit};
use crate::questionnaire::question::{self, Test, SECTIONS};
use serde_json::{json, Value};

const MIN_VALUE: &str = "http://hl7.org/fhir/StructureDefinition/minValue";
const MAX_VALUE: &str = "http://hl7.org/fhir/StructureDefinition/maxValue";
const UNIT: &str = "http://hl7.org/fhir/StructureDefinition/questionnaire-unit";

/// The linkId of a section's group: its title in lower case, words joined by `-`.
pub fn group_id(title: &str) -> String {
    title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join("-")
}

/// The whole Questionnaire.
pub fn questionnaire() -> Value {
    let groups: Vec<Value> = SECTIONS
        .iter()
        .map(|(title, fields)| {
            json!({
                "linkId": group_id(title),
                "type": "group",
                "text": title,
                "item": fields.iter().map(|f| item(*f)).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "resourceType": "Questionnaire",
        "url": codes::questionnaire_url(),
        "version": env!("CARGO_PKG_VERSION"),
        "name": "NetriagePatient",
        "title": "netriage: liver metastases from a neuroendocrine tumour",
        "status": "active",
        "subjectType": ["Patient"],
        "description": "The answers netriage assesses. Every item is optional: an answer left out is \
    unknown, and the options that need it are undetermined. Fill it in and give the response to \
    `netriage assess --fhir FILE`.",
        "item": groups,
    })
}

fn unit_extension(unit: Unit) -> Value {
    let coding = match unit.ucum {
        Some(code) => json!({ "system": codes::UCUM, "code": code, "display": unit.shown }),
        None => json!({ "display": unit.shown }),
    };
    json!({ "url": UNIT, "valueCoding": coding })
}

/// One question.
fn item(field: Field) -> Value {
    let label = field.label();
    let mut item = json!({
        "linkId": field.name(),
        "text": label,
        "code": codes::observation(field, label),
    });
    let mut extensions = Vec::new();
    match field.domain() {
        Domain::Decimal {
            min,
            min_exclusive,
            max,
            unit,
        } => {
            item["type"] = json!("decimal");
            // minValue is inclusive: an exclusive minimum is left to netriage's own check.
            if !min_exclusive {
                extensions.push(json!({ "url": MIN_VALUE, "valueDecimal": min }));
            }
            if let Some(max) = max {
                extensions.push(json!({ "url": MAX_VALUE, "valueDecimal": max }));
            }
            extensions.push(unit_extension(unit));
        }
        Domain::Whole { min, max, unit } => {
            item["type"] = json!("integer");
            extensions.push(json!({ "url": MIN_VALUE, "valueInteger": min }));
            if let Some(max) = max {
                extensions.push(json!({ "url": MAX_VALUE, "valueInteger": max }));
            }
            if let Some(unit) = unit {
                extensions.push(unit_extension(unit));
            }
        }
        Domain::Choice(names) => {
            item["type"] = json!("choice");
            item["answerOption"] = names
                .iter()
                .map(|n| {
                    json!({ "valueCoding": netriage(field.name(), *n, &question::item(field, n)) })
                })
                .collect();
        }
        Domain::YesNo => item["type"] = json!("boolean"),
        Domain::Treatments => {
            item["type"] = json!("choice");
            item["repeats"] = json!(true);
            let none = netriage("option", codes::NONE, "none: known to be untreated");
            let mut options = vec![json!({ "valueCoding": none })];
            options.extend(
                OptionId::ALL
                    .iter()
                    .filter(|id| id.is_treatment())
                    .map(|id| json!({ "valueCoding": netriage("option", id.name(), "") })),
            );
            item["answerOption"] = json!(options);
        }
    }
    if !extensions.is_empty() {
        item["extension"] = json!(extensions);
    }
    if let Some(condition) = question::condition(field) {
        let on = condition.on.name();
        let when: Vec<Value> = match condition.test {
            Test::OneOf(words) => words
                .iter()
                .map(|w| {
                    json!({
                        "question": on,
                        "operator": "=",
                        "answerCoding": netriage(on, *w, ""),
                    })
                })
                .collect(),
            // The built-in thoracic sites (an institution's list applies at the terminal).
            Test::Thoracic => crate::knowledge::embedded::THRESHOLDS
                .sites
                .thoracic
                .sites
                .iter()
                .map(|site| {
                    json!({
                        "question": on,
                        "operator": "=",
                        "answerCoding": netriage(on, site.as_ref(), ""),
                    })
                })
                .collect(),
            Test::MoreThan(n) => vec![json!({
                "question": on,
                "operator": ">",
                "answerInteger": n,
            })],
            // Asked unless there is exactly one lesion (not answered counts as not one).
            Test::NotOne => vec![
                json!({
                    "question": on,
                    "operator": "!=",
                    "answerInteger": 1,
                }),
                json!({
                    "question": on,
                    "operator": "exists",
                    "answerBoolean": false,
                }),
            ],
            // Any treatment listed: an answer other than `none`.
            Test::Treated => vec![json!({
                "question": on,
                "operator": "!=",
                "answerCoding": netriage("option", codes::NONE, ""),
            })],
            // The terminal asks it with carcinoid syndrome, or with the syndrome not given and a
            // crisis-prone primary; enableWhen cannot nest "and" in "or", so the FHIR form asks
            // it whenever the syndrome is carcinoid or not given (docs/fhir.md).
            Test::CarcinoidHeartRelevant => vec![
                json!({
                    "question": on,
                    "operator": "=",
                    "answerCoding": netriage(on, "carcinoid", ""),
                }),
                json!({
                    "question": on,
                    "operator": "exists",
                    "answerBoolean": false,
                }),
            ],
        };
        if when.len() > 1 {
            item["enableBehavior"] = json!("any");
        }
        item["enableWhen"] = json!(when);
    }
    item
}
