//! Answers in from FHIR: a QuestionnaireResponse to netriage's Questionnaire, or a Bundle of
//! Observations with the codes netriage writes. Anything else is refused, saying what was
//! found; every value then goes through `Patient::set`, like a profile's.

use super::codes::{self, system};
use super::questionnaire::group_id;
use crate::model::{Domain, Field, Patient, RawValue};
use crate::questionnaire::question::SECTIONS;
use serde_json::Value;

/// One answer read, with where it was found (for messages).
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub field: Field,
    pub value: RawValue,
    pub place: String,
}

/// Why a resource was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Refusal {
    pub field: Option<Field>,
    pub value: Option<String>,
    pub message: String,
}

fn refuse(message: impl Into<String>) -> Refusal {
    Refusal {
        field: None,
        value: None,
        message: message.into(),
    }
}

fn text(v: &Value, key: &str) -> String {
    v.get(key).and_then(Value::as_str).unwrap_or("").to_owned()
}

fn shown(v: &Value) -> String {
    crate::model::field::shorten(&v.to_string())
}

/// The answers of a resource, not yet validated.
pub fn answers(resource: &Value) -> Result<Vec<Answer>, Refusal> {
    let kind = text(resource, "resourceType");
    let found = match kind.as_str() {
        "QuestionnaireResponse" => response(resource)?,
        "Bundle" => bundle(resource)?,
        "" => return Err(refuse("not a FHIR resource (no resourceType)")),
        other => {
            return Err(refuse(format!(
                "found a {}; expected a QuestionnaireResponse to {} or a Bundle of Observations",
                crate::model::field::shorten(other),
                codes::questionnaire_url()
            )))
        }
    };
    let mut seen: Vec<Field> = Vec::new();
    for a in &found {
        if seen.contains(&a.field) {
            return Err(Refusal {
                field: Some(a.field),
                value: None,
                message: format!("{} is given twice ({})", a.field, a.place),
            });
        }
        seen.push(a.field);
    }
    Ok(found)
}

/// The patient a resource describes, every value validated as a profile's.
pub fn patient(resource: &Value) -> Result<Patient, Refusal> {
    let mut patient = Patient::default();
    for a in answers(resource)? {
        patient.set(a.field, &a.value).map_err(|e| Refusal {
            field: Some(e.field),
            value: Some(e.value.clone()),
            message: format!("{}: {e}", a.place),
        })?;
    }
    Ok(patient)
}

/// Reads `assess --fhir FILE`: 66 when it cannot be read, 65 for anything wrong inside.
pub fn load(path: &std::path::Path) -> Result<Patient, crate::error::Error> {
    use crate::error::Error;
    let name = format!("FHIR {}", path.display());
    let text = crate::input::read_text(path, &name)?;
    let resource: Value = serde_json::from_str(&text).map_err(|e| {
        Error::Data(format!(
            "{name}: not JSON (line {}, column {})",
            e.line(),
            e.column()
        ))
    })?;
    patient(&resource).map_err(|e| Error::Data(format!("{name}: {e}")))
}

/// Statuses that say a resource must not be used: refused rather than read or skipped.
const WITHDRAWN: [&str; 2] = ["entered-in-error", "cancelled"];

fn response(resource: &Value) -> Result<Vec<Answer>, Refusal> {
    let status = text(resource, "status");
    if WITHDRAWN.contains(&status.as_str()) {
        return Err(refuse(format!(
            "a QuestionnaireResponse with status {status}"
        )));
    }
    let canonical = text(resource, "questionnaire");
    let url = canonical.split('|').next().unwrap_or("");
    if url != codes::questionnaire_url() {
        let named = if url.is_empty() {
            "names no questionnaire".to_owned()
        } else {
            format!("answers {}", crate::model::field::shorten(url))
        };
        return Err(refuse(format!(
            "a QuestionnaireResponse that {named}, not netriage's ({}; see `netriage questionnaire --format fhir`)",
            codes::questionnaire_url()
        )));
    }
    let mut found = Vec::new();
    items(resource.get("item"), &mut found)?;
    Ok(found)
}

fn items(list: Option<&Value>, found: &mut Vec<Answer>) -> Result<(), Refusal> {
    for item in list.and_then(Value::as_array).into_iter().flatten() {
        let link = text(item, "linkId");
        let field = Field::from_name(&link).filter(|f| f.name() == link);
        match field {
            Some(field) => {
                let answers = item.get("answer").and_then(Value::as_array);
                if let Some(value) = answer(field, answers.map_or(&[][..], Vec::as_slice))? {
                    found.push(Answer {
                        field,
                        value,
                        place: format!("item {link}"),
                    });
                }
                for a in answers.into_iter().flatten() {
                    items(a.get("item"), found)?;
                }
            }
            None if SECTIONS.iter().any(|(title, _)| group_id(title) == link) => {
                items(item.get("item"), found)?;
            }
            None => {
                return Err(refuse(format!(
                    "unknown item '{}' (netriage's items are the patient flag names)",
                    crate::model::field::shorten(&link)
                )))
            }
        }
    }
    Ok(())
}

/// The value of one item's answers (`None`: no answer, unknown).
fn answer(field: Field, answers: &[Value]) -> Result<Option<RawValue>, Refusal> {
    let wrong = |what: String| Refusal {
        field: Some(field),
        value: None,
        message: format!("item {field}: {what}"),
    };
    if field.domain() == Domain::Treatments {
        let mut ids = Vec::new();
        for a in answers {
            match a.get("valueCoding") {
                Some(c) if text(c, "system") == system("option") => ids.push(text(c, "code")),
                _ => return Err(wrong(format!("expected option codes, found {}", shown(a)))),
            }
        }
        return Ok(match ids.as_slice() {
            [] => None,
            [one] if one == codes::NONE => Some(RawValue::Text(codes::NONE.to_owned())),
            _ => Some(RawValue::List(ids)),
        });
    }
    match answers {
        [] => Ok(None),
        [a] => value(field, a).map(Some).map_err(&wrong),
        _ => Err(wrong("more than one answer".to_owned())),
    }
}

/// A FHIR `value[x]` (of an answer or an Observation) as a raw answer.
fn value(field: Field, v: &Value) -> Result<RawValue, String> {
    if let Some(n) = v.get("valueDecimal").or_else(|| v.get("valueInteger")) {
        return n
            .as_f64()
            .map(RawValue::Number)
            .ok_or_else(|| format!("not a number: {}", shown(n)));
    }
    if let Some(b) = v.get("valueBoolean") {
        return b
            .as_bool()
            .map(RawValue::Bool)
            .ok_or_else(|| format!("not a boolean: {}", shown(b)));
    }
    if let Some(s) = v.get("valueString") {
        return s
            .as_str()
            .map(|s| RawValue::Text(s.to_owned()))
            .ok_or_else(|| format!("not text: {}", shown(s)));
    }
    if let Some(q) = v.get("valueQuantity") {
        return quantity(field, q);
    }
    let codings: Vec<&Value> = match (v.get("valueCoding"), v.get("valueCodeableConcept")) {
        (Some(c), _) => vec![c],
        (None, Some(cc)) => cc
            .get("coding")
            .and_then(Value::as_array)
            .map(|list| list.iter().collect())
            .unwrap_or_default(),
        (None, None) => return Err(format!("no value netriage reads in {}", shown(v))),
    };
    codings
        .iter()
        .find_map(|c| codes::word_of(field, &text(c, "system"), &text(c, "code")))
        .map(RawValue::Text)
        .ok_or_else(|| {
            format!(
                "no code netriage knows for {field} ({})",
                codings
                    .iter()
                    .map(|c| shown(c))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })
}

/// A quantity's value, its UCUM unit checked against the field's.
fn quantity(field: Field, q: &Value) -> Result<RawValue, String> {
    let expected = match field.domain() {
        Domain::Decimal { unit, .. } => Some(unit),
        Domain::Whole { unit, .. } => unit,
        _ => None,
    };
    if text(q, "system") == codes::UCUM {
        let code = text(q, "code");
        if expected.and_then(|u| u.ucum) != Some(code.as_str()) {
            let wanted = expected
                .and_then(|u| u.ucum)
                .map_or_else(|| "no UCUM unit".to_owned(), |u| format!("UCUM '{u}'"));
            return Err(format!(
                "unit '{}' where {field} takes {wanted}",
                crate::model::field::shorten(&code)
            ));
        }
    }
    q.get("value")
        .and_then(Value::as_f64)
        .map(RawValue::Number)
        .ok_or_else(|| format!("a quantity without a number: {}", shown(q)))
}

/// netriage's own results, recomputed rather than read back.
const DERIVED: [&str; 3] = ["Condition", "RequestGroup", "Provenance"];

fn bundle(resource: &Value) -> Result<Vec<Answer>, Refusal> {
    let mut found = Vec::new();
    let entries = resource.get("entry").and_then(Value::as_array);
    for (i, entry) in entries.into_iter().flatten().enumerate() {
        let r = entry.get("resource").unwrap_or(&Value::Null);
        let kind = text(r, "resourceType");
        if DERIVED.contains(&kind.as_str()) {
            continue;
        }
        if kind != "Observation" {
            return Err(refuse(format!(
                "entry {}: found a {}; netriage reads Observations (and skips its own Condition, RequestGroup and Provenance)",
                i + 1,
                if kind.is_empty() { "resource without resourceType".to_owned() } else { crate::model::field::shorten(&kind) }
            )));
        }
        let codings = r
            .pointer("/code/coding")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let Some(field) = codings
            .iter()
            .find_map(|c| codes::field_of(&text(c, "system"), &text(c, "code")))
        else {
            return Err(refuse(format!(
                "entry {}: an Observation of a code netriage does not know ({})",
                i + 1,
                codings.iter().map(shown).collect::<Vec<_>>().join(", ")
            )));
        };
        let place = format!("entry {} (Observation {field})", i + 1);
        let status = text(r, "status");
        if WITHDRAWN.contains(&status.as_str()) {
            return Err(Refusal {
                field: Some(field),
                value: None,
                message: format!(
                    "{place} has status {status}: remove it, or give the value that stands"
                ),
            });
        }
        let value = if field.domain() == Domain::Treatments {
            treatments(r)
        } else {
            value(field, r)
        }
        .map_err(|m| Refusal {
            field: Some(field),
            value: None,
            message: format!("{place}: {m}"),
        })?;
        found.push(Answer {
            field,
            value,
            place,
        });
    }
    Ok(found)
}

/// Treatments given: `valueBoolean` false is none; true lists them as components.
fn treatments(r: &Value) -> Result<RawValue, String> {
    match r.get("valueBoolean").and_then(Value::as_bool) {
        Some(false) => Ok(RawValue::Text(codes::NONE.to_owned())),
        Some(true) => {
            let mut ids = Vec::new();
            for c in r
                .get("component")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let coding = c.pointer("/code/coding/0").unwrap_or(&Value::Null);
                if text(coding, "system") != system("option") {
                    return Err(format!("a component that is not an option: {}", shown(c)));
                }
                ids.push(text(coding, "code"));
            }
            if ids.is_empty() {
                // An empty list reads as `none`: the opposite of what `true` says.
                return Err(
                    "valueBoolean true (treated) without a component naming the treatment: \
                     list them, or leave the Observation out (unknown)"
                        .to_owned(),
                );
            }
            Ok(RawValue::List(ids))
        }
        None => Err("expected valueBoolean (any given) and components (which)".to_owned()),
    }
}
