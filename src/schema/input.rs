//! The schemas of the files netriage reads: a profile (keys = the patient fields, values as
//! their domains allow) and an institution's overrides (the built-in threshold table's shape).

use crate::model::{Domain, Field, OptionId, Primary};
use serde_json::{json, Map, Value};

/// A number's bounds as schema keywords.
pub fn bounds(field: Field) -> Vec<(&'static str, Value)> {
    let mut out = Vec::new();
    match field.domain() {
        Domain::Decimal {
            min,
            min_exclusive,
            max,
            ..
        } => {
            out.push((
                if min_exclusive {
                    "exclusiveMinimum"
                } else {
                    "minimum"
                },
                json!(min),
            ));
            if let Some(max) = max {
                out.push(("maximum", json!(max)));
            }
        }
        Domain::Whole { min, max, .. } => {
            out.push(("minimum", json!(min)));
            if let Some(max) = max {
                out.push(("maximum", json!(max)));
            }
        }
        Domain::Choice(_) | Domain::YesNo | Domain::Treatments => {}
    }
    out
}

/// The schema of one answer in a profile.
fn answer(field: Field) -> Value {
    let mut schema = match field.domain() {
        Domain::Decimal { .. } => json!({ "type": "number" }),
        Domain::Whole { .. } => json!({ "type": "integer" }),
        Domain::Choice(names) => json!({ "type": "string", "enum": names }),
        Domain::YesNo => json!({ "anyOf": [
            { "type": "boolean" },
            { "type": "string", "enum": ["yes", "no"] },
        ] }),
        Domain::Treatments => {
            // The treatment ids and the other names they are known by (`model::aliases`).
            let ids: Vec<&str> = OptionId::ALL
                .iter()
                .filter(|id| id.is_treatment())
                .map(|id| id.name())
                .chain(crate::model::OptionId::ALIASES.iter().map(|(a, _)| *a))
                .collect();
            let one = ids.join("|");
            json!({ "anyOf": [
                { "type": "array", "items": { "type": "string", "enum": ids } },
                { "type": "string", "pattern": format!("^(none|({one})(,({one}))*)$") },
            ] })
        }
    };
    if let Value::Object(map) = &mut schema {
        for (k, v) in bounds(field) {
            map.insert(k.into(), v);
        }
        map.insert("description".into(), Value::String(field.expected()));
    }
    schema
}

/// A profile: TOML whose keys are the flag names (the report's snake_case spellings work too).
pub fn profile() -> Value {
    let mut properties = Map::new();
    for field in Field::ALL {
        properties.insert(field.name().to_owned(), answer(field));
        let snake = field.name().replace('-', "_");
        if snake != field.name() {
            let mut alias = answer(field);
            if let Value::Object(map) = &mut alias {
                map.insert(
                    "description".into(),
                    Value::String(format!("the same as `{}`", field.name())),
                );
            }
            properties.insert(snake, alias);
        }
    }
    json!({
        "description": "A patient profile: TOML whose keys are the patient flag names without `--` \
    (values as the flags take them; a key left out is unknown). Keys and words are matched without \
    regard to case; this schema names their canonical spelling.",
        "type": "object",
        "properties": properties,
        "additionalProperties": false,
    })
}

/// An institution's `--knowledge` file: any entry of data/thresholds.toml, as a bare value or
/// a table with `value` (or `sites`), and optionally its `source` and `note`.
pub fn knowledge() -> Value {
    let sites: Vec<&str> = Primary::ALL.iter().map(|p| p.name()).collect();
    let mut sections = Map::new();
    // The table is the embedded data file, checked by the build; a failure leaves it empty.
    let table = crate::knowledge::builtin_threshold_table().unwrap_or_default();
    for (section, entries) in &table {
        let mut properties = Map::new();
        for (key, entry) in entries.as_table().into_iter().flatten() {
            let text = |k: &str| entry.get(k).and_then(toml::Value::as_str).unwrap_or("");
            let (own, value) = if entry.get("sites").is_some() {
                (
                    "sites",
                    json!({ "type": "array", "items": { "type": "string", "enum": sites } }),
                )
            } else {
                let mut number = json!({ "type": "number" });
                // The bounds the loader enforces (data/thresholds.toml `range`).
                let range = entry.get("range").and_then(toml::Value::as_array);
                if let Some([min, max]) = range.map(Vec::as_slice) {
                    if let (Some(min), Some(max)) = (min.as_float(), max.as_float()) {
                        number["minimum"] = json!(min);
                        number["maximum"] = json!(max);
                    }
                }
                ("value", number)
            };
            let mut table_form = json!({
                "type": "object",
                "properties": {
                    own: value,
                    "source": { "type": "string", "description": "a citation id (netriage sources)" },
                    "note": { "type": "string" },
                },
                "required": [own],
                "additionalProperties": false,
            });
            if own == "value" {
                table_form["properties"]["unit"] = json!({
                    "const": text("unit"),
                    "description": "the unit cannot change",
                });
            }
            let built_in = entry
                .get(own)
                .map(crate::knowledge::show)
                .unwrap_or_default();
            properties.insert(
                key.clone(),
                json!({
                    "description": format!(
                        "{} (built-in: {built_in} {}, source {})",
                        text("note"),
                        text("unit"),
                        text("source")
                    ),
                    "anyOf": [value, table_form],
                }),
            );
        }
        sections.insert(
            section.clone(),
            json!({ "type": "object", "properties": properties, "additionalProperties": false }),
        );
    }
    json!({
        "description": "An institution's overrides of the built-in thresholds (`--knowledge FILE`, \
    TOML in the format of data/thresholds.toml): only entries that exist; every change is named in \
    each report it affects.",
        "type": "object",
        "properties": sections,
        "additionalProperties": false,
    })
}
