//! The shapes of what a report's Bundle holds: typed, borrowing the report's texts, written by
//! the JSON writer as they are (no tree of maps built first).
//!
//! Field order: every struct declares its fields in the byte order of their JSON names
//! (`code` < `id` < `resourceType` < `status` < `subject` < `valueBoolean`…), and leaves out
//! an absent one (`skip_serializing_if`) rather than writing `null`. The Bundle was first
//! written from serde_json `Value` maps, which sort their keys; kept in that order, it stays
//! byte for byte what it was, and so do the ids (the tests compare with serde_json's sorted
//! maps).

use super::codes::Codings;
use super::ids::{Id, Url};
use serde::Serialize;
use std::borrow::Cow;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Bundle<'a> {
    pub entry: Vec<Entry<'a>>,
    pub resource_type: &'static str,
    pub timestamp: String,
    pub r#type: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Entry<'a> {
    pub full_url: Url,
    pub resource: Resource<'a>,
}

/// Each resource writes its own `resourceType`: no tag here. Unboxed: a Bundle holds some 15
/// resources, written once; the room they take costs less than an allocation each.
#[allow(clippy::large_enum_variant)]
#[derive(Serialize)]
#[serde(untagged)]
pub enum Resource<'a> {
    Observation(Observation<'a>),
    Condition(Condition<'a>),
    RequestGroup(RequestGroup<'a>),
    Provenance(Provenance),
}

/// One answer. Exactly one `value[x]` is set (and `component` with a list of treatments).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Observation<'a> {
    pub code: CodeableConcept<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub component: Option<Vec<Component<'a>>>,
    pub id: Id,
    pub resource_type: &'static str,
    pub status: &'static str,
    pub subject: Subject,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_boolean: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_codeable_concept: Option<CodeableConcept<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_integer: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_quantity: Option<Quantity>,
}

/// One treatment of a list.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Component<'a> {
    pub code: CodeableConcept<'a>,
    pub value_boolean: bool,
}

/// A measurement; `code` and `system` only where UCUM has a code for the unit.
#[derive(Serialize)]
pub struct Quantity {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub system: Option<&'static str>,
    pub unit: &'static str,
    pub value: Number,
}

/// A quantity's value: a decimal answer, or a whole one (written without a fraction).
#[derive(Serialize)]
#[serde(untagged)]
pub enum Number {
    Decimal(f64),
    Whole(u64),
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Condition<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body_site: Option<[CodeableConcept<'a>; 1]>,
    pub code: CodeableConcept<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<[Evidence; 1]>,
    pub id: Id,
    pub note: [Note<'a>; 1],
    pub resource_type: &'static str,
    pub stage: [ConditionStage<'a>; 1],
    pub subject: Subject,
}

#[derive(Serialize)]
pub struct ConditionStage<'a> {
    pub summary: CodeableConcept<'a>,
    pub r#type: CodeableConcept<'a>,
}

#[derive(Serialize)]
pub struct Evidence {
    pub detail: Vec<Reference>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestGroup<'a> {
    pub action: Vec<StageAction<'a>>,
    pub id: Id,
    pub intent: &'static str,
    pub note: [Note<'a>; 1],
    pub reason_reference: [Reference; 1],
    pub resource_type: &'static str,
    pub status: &'static str,
    pub subject: Subject,
}

/// A stage of the pathway, holding its options.
#[derive(Serialize)]
pub struct StageAction<'a> {
    pub action: Vec<OptionAction<'a>>,
    pub code: [CodeableConcept<'a>; 1],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub title: &'a str,
}

/// An option: its code and its status's code, its reason, its sources.
#[derive(Serialize)]
pub struct OptionAction<'a> {
    pub code: [CodeableConcept<'a>; 2],
    pub description: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub documentation: Vec<Documentation<'a>>,
    pub title: &'a str,
}

/// A source, as a RelatedArtifact.
#[derive(Serialize)]
pub struct Documentation<'a> {
    pub citation: &'a str,
    pub label: &'a str,
    pub r#type: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Provenance {
    pub agent: [Agent; 1],
    pub entity: Vec<Entity>,
    pub id: Id,
    pub recorded: String,
    pub resource_type: &'static str,
    pub target: Vec<Reference>,
}

#[derive(Serialize)]
pub struct Agent {
    pub who: Display,
}

#[derive(Serialize)]
pub struct Entity {
    pub role: &'static str,
    pub what: Display,
}

/// A reference by text alone.
#[derive(Serialize)]
pub struct Display {
    pub display: String,
}

#[derive(Serialize)]
pub struct CodeableConcept<'a> {
    pub coding: Codings<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<Cow<'a, str>>,
}

#[derive(Serialize)]
pub struct Note<'a> {
    pub text: Cow<'a, str>,
}

/// Another resource of the Bundle.
#[derive(Serialize)]
pub struct Reference {
    pub reference: Url,
}

/// The subject of every resource: netriage records no identity, so the receiving system links
/// its own Patient in place of this placeholder.
#[derive(Serialize)]
pub struct Subject {
    display: &'static str,
    reference: &'static str,
}

pub const SUBJECT: Subject = Subject {
    display: "the patient assessed (identity not recorded by netriage)",
    reference: "Patient/placeholder",
};
