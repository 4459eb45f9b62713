//! An institution's overrides of thresholds (`--knowledge FILE`): the same format as
//! data/thresholds.toml, restricted to entries that exist, type-checked, and recorded so that
//! every report names what differs from the built-in values.

use super::schema::as_number;
use super::texts::number;
use super::KnowledgeError;
use crate::model::Primary;
use crate::suggest::did_you_mean;
use schemars::JsonSchema;
use serde::Serialize;

/// One threshold changed by an institution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Override {
    /// `section.key`, as in data/thresholds.toml.
    pub id: String,
    pub builtin: String,
    pub value: String,
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
            let (field, new) = if let toml::Value::Table(t) = &given {
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
                for k in ["source", "note"] {
                    if let Some(v) = t.get(k) {
                        if !v.is_str() {
                            return Err(KnowledgeError::new(
                                file,
                                &format!("{id}.{k}"),
                                &show(v),
                                "expected text",
                            ));
                        }
                        entry.insert(k.to_owned(), v.clone());
                    }
                }
                match t.get(own) {
                    Some(v) => (own, v.clone()),
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
                (own, given)
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
            let old = entry.get(field).map(show).unwrap_or_default();
            let value = show(&checked);
            entry.insert(field.to_owned(), checked);
            if old != value {
                overrides.retain(|o: &Override| o.id != id);
                overrides.push(Override {
                    id,
                    builtin: old,
                    value,
                });
            }
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
