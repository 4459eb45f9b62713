//! An institution's overrides of thresholds (`--knowledge FILE`): the same format as
//! data/thresholds.toml, restricted to entries that exist, type-checked, and recorded so that
//! every report names what differs from the built-in values.

use super::schema::{as_number, INSTITUTION};
use super::texts::number;
use super::KnowledgeError;
use crate::model::Primary;
use crate::suggest::did_you_mean;
use schemars::JsonSchema;
use serde::Serialize;

/// One threshold changed by an institution: its value (compared exactly, never by a rounded
/// rendering), its source or its note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Override {
    /// `section.key`, as in data/thresholds.toml.
    pub id: String,
    /// The built-in value (a number in its shortest exact form, or the sites).
    pub builtin: String,
    /// The value in force.
    pub value: String,
    /// What the file changed: `value` (a number or the sites), `source`, `note`.
    pub changed: Vec<&'static str>,
    /// The source the file names, if it names one. A changed value is shown with the source
    /// `institution` wherever it decides, never under the guideline's.
    pub source: Option<String>,
    /// The note the file gives, if it gives one.
    pub note: Option<String>,
}

impl Override {
    /// Whether the value itself (not only its source or note) differs from the built-in one.
    pub fn changes_value(&self) -> bool {
        self.changed.contains(&"value")
    }
}

/// Whether two values of a threshold are the same: numbers exactly, site lists as sets.
fn same(a: &toml::Value, b: &toml::Value) -> bool {
    match (a, b) {
        (toml::Value::Array(x), toml::Value::Array(y)) => {
            fn set(list: &[toml::Value]) -> std::collections::BTreeSet<&str> {
                list.iter().filter_map(toml::Value::as_str).collect()
            }
            set(x) == set(y)
        }
        _ => as_number(a)
            .zip(as_number(b))
            .map_or(a == b, |(x, y)| x == y),
    }
}

pub(crate) fn show(value: &toml::Value) -> String {
    match value {
        toml::Value::Float(f) => number(*f),
        toml::Value::Integer(i) => i.to_string(),
        toml::Value::String(s) => s.clone(),
        toml::Value::Array(items) => items.iter().map(show).collect::<Vec<_>>().join(", "),
        other => other.type_str().to_owned(),
    }
}

fn as_sites(value: &toml::Value) -> Option<Vec<toml::Value>> {
    let items = value.as_array()?;
    items
        .iter()
        .map(|v| {
            let site = Primary::parse(v.as_str()?)?;
            Some(toml::Value::String(site.name().to_owned()))
        })
        .collect()
}

/// Applies `text` (an override file) to the built-in threshold table.
pub(super) fn apply(
    mut builtin: toml::Table,
    file: &str,
    text: &str,
) -> Result<(toml::Table, Vec<Override>), KnowledgeError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let table: toml::Table = toml::from_str(text).map_err(|e| {
        // The line of the span's start: a span at the start of a line is on that line.
        KnowledgeError::new(file, "", "", crate::toml_text::parse_error(text, &e))
    })?;
    let mut overrides = Vec::new();
    for (section, entries) in table {
        let sections: Vec<String> = builtin.keys().cloned().collect();
        let Some(toml::Value::Table(builtin_section)) = builtin.get_mut(&section) else {
            return Err(KnowledgeError::new(
                file,
                &section,
                "",
                format!(
                    "unknown section{}",
                    did_you_mean(&section, sections.iter().map(String::as_str))
                ),
            ));
        };
        let toml::Value::Table(entries) = entries else {
            return Err(KnowledgeError::new(
                file,
                &section,
                &show(&entries),
                "expected a section of thresholds",
            ));
        };
        for (key, given) in entries {
            let id = format!("{section}.{key}");
            let keys: Vec<String> = builtin_section.keys().cloned().collect();
            let Some(toml::Value::Table(entry)) = builtin_section.get_mut(&key) else {
                return Err(KnowledgeError::new(
                    file,
                    &id,
                    "",
                    format!(
                        "unknown threshold{}",
                        did_you_mean(&key, keys.iter().map(String::as_str))
                    ),
                ));
            };
            // A threshold holds a number (`value`) or a list of primary sites (`sites`).
            let own = if entry.contains_key("sites") {
                "sites"
            } else {
                "value"
            };
            let (field, new, texts) = if let toml::Value::Table(t) = &given {
                for k in t.keys() {
                    // The other kind's key would be ignored silently: refuse it.
                    if k != own && !matches!(k.as_str(), "source" | "note" | "unit") {
                        return Err(KnowledgeError::new(
                            file,
                            &format!("{id}.{k}"),
                            "",
                            format!(
                                "unknown key (expected {own}, source, note){}",
                                did_you_mean(k, [own, "source", "note", "unit"])
                            ),
                        ));
                    }
                }
                if let Some(unit) = t.get("unit") {
                    if entry.get("unit") != Some(unit) {
                        return Err(KnowledgeError::new(
                            file,
                            &format!("{id}.unit"),
                            &show(unit),
                            "the unit of a threshold cannot change",
                        ));
                    }
                }
                let given_text = |k: &str| match t.get(k) {
                    None => Ok(None),
                    Some(toml::Value::String(v)) => Ok(Some(v.clone())),
                    Some(v) => Err(KnowledgeError::new(
                        file,
                        &format!("{id}.{k}"),
                        &show(v),
                        "expected text",
                    )),
                };
                let texts = (given_text("source")?, given_text("note")?);
                match t.get(own) {
                    Some(v) => (own, v.clone(), texts),
                    None => {
                        return Err(KnowledgeError::new(
                            file,
                            &format!("{id}.{own}"),
                            "",
                            "missing",
                        ))
                    }
                }
            } else {
                (own, given, (None, None))
            };
            let checked = if field == "sites" {
                as_sites(&new).map(toml::Value::Array).ok_or_else(|| {
                    KnowledgeError::new(
                        file,
                        &id,
                        &show(&new),
                        format!("expected a list of sites: {}", Primary::choices()),
                    )
                })?
            } else {
                let n = as_number(&new).ok_or_else(|| {
                    KnowledgeError::new(file, &id, &show(&new), "expected a number")
                })?;
                toml::Value::Float(n)
            };
            let (mut source, note) = texts;
            // Citing the built-in source again is no change of source.
            if source.as_deref() == entry.get("source").and_then(toml::Value::as_str) {
                source = None;
            }
            let mut changed = Vec::new();
            let old = entry.get(field).cloned();
            if !old.as_ref().is_some_and(|old| same(old, &checked)) {
                changed.push("value");
            }
            for (k, text) in [("source", &source), ("note", &note)] {
                if let Some(text) = text {
                    if entry.get(k).and_then(toml::Value::as_str) != Some(text.as_str()) {
                        changed.push(k);
                    }
                }
            }
            if changed.is_empty() {
                continue;
            }
            if let Some(note) = &note {
                entry.insert("note".to_owned(), toml::Value::String(note.clone()));
            }
            // A changed value is the institution's policy, whatever it cites; an unchanged one
            // keeps the guideline's figure under the source the file names.
            let in_force = if changed.contains(&"value") {
                Some(INSTITUTION.to_owned())
            } else {
                source.clone()
            };
            if let Some(in_force) = in_force {
                entry.insert("source".to_owned(), toml::Value::String(in_force));
            }
            let value = show(&checked);
            entry.insert(field.to_owned(), checked);
            overrides.push(Override {
                id,
                builtin: old.as_ref().map(show).unwrap_or_default(),
                value,
                changed,
                source,
                note,
            });
        }
    }
    Ok((builtin, overrides))
}

/// "Bulky" has one key, `tempo.bulky_liver_burden_from` (rules.md §8, A-13); the former
/// `embolisation.liver_burden_preferred_from` still reads: setting it sets both, and setting the
/// two to different values is refused.
pub(super) fn one_bulky_key(
    table: &mut toml::Table,
    overrides: &[Override],
    file: &str,
) -> Result<(), KnowledgeError> {
    const NEW: (&str, &str) = ("tempo", "bulky_liver_burden_from");
    const OLD: (&str, &str) = ("embolisation", "liver_burden_preferred_from");
    let named =
        |(section, key): (&str, &str)| overrides.iter().any(|o| o.id == format!("{section}.{key}"));
    let value = |table: &toml::Table, (section, key): (&str, &str)| {
        table
            .get(section)
            .and_then(|s| s.get(key))
            .and_then(|e| e.get("value"))
            .and_then(as_number)
    };
    let (from, to) = match (named(NEW), named(OLD)) {
        (true, true) => {
            let (new, old) = (value(table, NEW), value(table, OLD));
            if new != old {
                return Err(KnowledgeError::new(
                    file,
                    "embolisation.liver_burden_preferred_from",
                    &old.map(number).unwrap_or_default(),
                    format!(
                        "is the former name of tempo.bulky_liver_burden_from ({}): give one of them, or the same value",
                        new.map(number).unwrap_or_default()
                    ),
                ));
            }
            return Ok(());
        }
        (false, true) => (OLD, NEW),
        (true, false) => (NEW, OLD),
        (false, false) => return Ok(()),
    };
    if let Some(v) = value(table, from) {
        if let Some(toml::Value::Table(entry)) = table.get_mut(to.0).and_then(|s| s.get_mut(to.1)) {
            entry.insert("value".to_owned(), toml::Value::Float(v));
        }
    }
    Ok(())
}
