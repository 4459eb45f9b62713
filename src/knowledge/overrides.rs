//! An institution's overrides of thresholds (`--knowledge FILE`): the same format as
//! data/thresholds.toml, restricted to entries that exist, type-checked, and recorded so that
//! every report names what differs from the built-in values.

use super::schema::{as_number, EntryMut, Text, Thresholds, INSTITUTION};
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

pub(crate) fn show(value: &toml::Value) -> String {
    match value {
        toml::Value::Float(f) => number(*f),
        toml::Value::Integer(i) => i.to_string(),
        toml::Value::String(s) => s.clone(),
        toml::Value::Array(items) => items.iter().map(show).collect::<Vec<_>>().join(", "),
        other => other.type_str().to_owned(),
    }
}

/// The sites of a list as given, each a `--primary` value (in its own spelling).
fn as_sites(value: &toml::Value) -> Option<Vec<Text>> {
    let items = value.as_array()?;
    items
        .iter()
        .map(|v| Some(Text::Borrowed(Primary::parse(v.as_str()?)?.name())))
        .collect()
}

/// Whether two site lists hold the same sites.
fn same_sites(a: &[Text], b: &[Text]) -> bool {
    let set = |list: &[Text]| {
        list.iter()
            .cloned()
            .collect::<std::collections::BTreeSet<_>>()
    };
    set(a) == set(b)
}

/// The names of `names`, sorted, for suggestions.
fn sorted<'a>(names: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut names: Vec<&str> = names.collect();
    names.sort_unstable();
    names
}

/// Applies `text` (an override file) to the thresholds.
pub(super) fn apply(
    thresholds: &mut Thresholds,
    file: &str,
    text: &str,
) -> Result<Vec<Override>, KnowledgeError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let table: toml::Table = toml::from_str(text).map_err(|e| {
        // The line of the span's start: a span at the start of a line is on that line.
        KnowledgeError::new(file, "", "", crate::toml_text::parse_error(text, &e))
    })?;
    let mut overrides = Vec::new();
    for (section, entries) in table {
        let Some(&(_, keys)) = Thresholds::ORDER.iter().find(|(s, _)| *s == section) else {
            let sections = sorted(Thresholds::ORDER.iter().map(|(s, _)| *s));
            return Err(KnowledgeError::new(
                file,
                &section,
                "",
                format!("unknown section{}", did_you_mean(&section, sections)),
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
            let Some(entry) = thresholds.entry_mut(&section, &key) else {
                return Err(KnowledgeError::new(
                    file,
                    &id,
                    "",
                    format!(
                        "unknown threshold{}",
                        did_you_mean(&key, sorted(keys.iter().copied()))
                    ),
                ));
            };
            if let Some(o) = apply_entry(entry, id, given, file)? {
                overrides.push(o);
            }
        }
    }
    Ok(overrides)
}

/// Applies one entry of an override file (`given`) to the threshold `id`: the override, unless
/// it changes nothing.
fn apply_entry(
    mut entry: EntryMut,
    id: String,
    given: toml::Value,
    file: &str,
) -> Result<Option<Override>, KnowledgeError> {
    // A threshold holds a number (`value`) or a list of primary sites (`sites`).
    let (own, unit) = match &entry {
        EntryMut::Number(t) => ("value", Some(t.unit.clone())),
        EntryMut::Sites(_) => ("sites", None),
    };
    let (new, texts) = if let toml::Value::Table(t) = &given {
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
        if let Some(given_unit) = t.get("unit") {
            if unit.is_none() || given_unit.as_str() != unit.as_deref() {
                return Err(KnowledgeError::new(
                    file,
                    &format!("{id}.unit"),
                    &show(given_unit),
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
            Some(v) => (v.clone(), texts),
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
        (given, (None, None))
    };
    let (old_source, old_note) = match &entry {
        EntryMut::Number(t) => (t.source.clone(), t.note.clone()),
        EntryMut::Sites(s) => (s.source.clone(), s.note.clone()),
    };
    // The value in force and the built-in one, as shown; whether the value changes.
    let (builtin, value, value_changed) = match &mut entry {
        EntryMut::Number(t) => {
            let n = as_number(&new)
                .ok_or_else(|| KnowledgeError::new(file, &id, &show(&new), "expected a number"))?;
            (number(t.value), number(n), t.value != n)
        }
        EntryMut::Sites(s) => {
            let sites = as_sites(&new).ok_or_else(|| {
                KnowledgeError::new(
                    file,
                    &id,
                    &show(&new),
                    format!("expected a list of sites: {}", Primary::choices()),
                )
            })?;
            (
                s.sites.join(", "),
                sites.join(", "),
                !same_sites(&s.sites, &sites),
            )
        }
    };
    let (mut source, note) = texts;
    // Citing the built-in source again is no change of source.
    if source.as_deref() == Some(&*old_source) {
        source = None;
    }
    let mut changed = Vec::new();
    if value_changed {
        changed.push("value");
    }
    for (k, text, old) in [("source", &source, &old_source), ("note", &note, &old_note)] {
        if text.as_deref().is_some_and(|text| text != &**old) {
            changed.push(k);
        }
    }
    if changed.is_empty() {
        return Ok(None);
    }
    // A changed value is the institution's policy, whatever it cites; an unchanged one keeps the
    // guideline's figure under the source the file names.
    let in_force = if value_changed {
        Some(INSTITUTION.to_owned())
    } else {
        source.clone()
    };
    match entry {
        EntryMut::Number(t) => {
            if let Some(n) = as_number(&new) {
                t.value = n;
            }
            set_texts(&mut t.source, &mut t.note, in_force, note.clone());
        }
        EntryMut::Sites(s) => {
            if let Some(sites) = as_sites(&new) {
                s.sites = sites.into();
            }
            set_texts(&mut s.source, &mut s.note, in_force, note.clone());
        }
    }
    Ok(Some(Override {
        id,
        builtin,
        value,
        changed,
        source,
        note,
    }))
}

fn set_texts(
    source: &mut Text,
    note: &mut Text,
    new_source: Option<String>,
    new_note: Option<String>,
) {
    if let Some(s) = new_source {
        *source = Text::Owned(s);
    }
    if let Some(n) = new_note {
        *note = Text::Owned(n);
    }
}

/// "Bulky" has one key, `tempo.bulky_liver_burden_from` (rules.md §8, A-13); the former
/// `embolisation.liver_burden_preferred_from` still reads: setting it sets both, and setting the
/// two to different values is refused.
pub(super) fn one_bulky_key(
    thresholds: &mut Thresholds,
    overrides: &[Override],
    file: &str,
) -> Result<(), KnowledgeError> {
    let named = |id: &str| overrides.iter().any(|o| o.id == id);
    let new = thresholds.tempo.bulky_liver_burden_from.value;
    let old = thresholds.embolisation.liver_burden_preferred_from.value;
    // The value moves with its source, so that a changed value is cited as the institution's
    // wherever it decides, whichever key set it.
    let (tempo, embolisation) = (
        &mut thresholds.tempo.bulky_liver_burden_from,
        &mut thresholds.embolisation.liver_burden_preferred_from,
    );
    match (
        named("tempo.bulky_liver_burden_from"),
        named("embolisation.liver_burden_preferred_from"),
    ) {
        (true, true) if new != old => Err(KnowledgeError::new(
            file,
            "embolisation.liver_burden_preferred_from",
            &number(old),
            format!(
                "is the former name of tempo.bulky_liver_burden_from ({}): give one of them, or the same value",
                number(new)
            ),
        )),
        (false, true) => {
            tempo.value = old;
            tempo.source.clone_from(&embolisation.source);
            Ok(())
        }
        (true, false) => {
            embolisation.value = new;
            embolisation.source.clone_from(&tempo.source);
            Ok(())
        }
        _ => Ok(()),
    }
}
