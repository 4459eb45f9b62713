//! `thresholds`: the thresholds in force, written as an override file (`--knowledge FILE`), each
//! entry with its note, unit, allowed values and source as comments, so that an institution
//! starts its file from it. Given back as `--knowledge`, it changes nothing.

use crate::knowledge::schema::as_number;
use crate::knowledge::Knowledge;
use crate::knowledge::INSTITUTION;
use crate::model::Primary;
use crate::toml_text::{number, quoted};
use std::fmt::Write as _;
use std::io::{self, Write};

/// Where the thresholds in force come from, for the heading.
pub struct Origin<'a> {
    /// The override file (`--knowledge`), if any.
    pub file: Option<&'a str>,
    /// The built-in table, to mark what the file changed.
    pub builtin: &'a toml::Table,
    /// Sections and keys in the order of the built-in file.
    pub order: &'a [(String, Vec<String>)],
}

/// Writes `table` (the thresholds in force) as an override file.
pub fn write(
    knowledge: &Knowledge,
    table: &toml::Table,
    origin: &Origin,
    out: &mut dyn Write,
) -> io::Result<()> {
    let from = match origin.file {
        Some(file) => format!("the built-in values with the overrides of {file}"),
        None => "the built-in values".to_owned(),
    };
    writeln!(
        out,
        "# netriage thresholds in force (knowledge {}): {from}.",
        knowledge.version
    )?;
    // The example cites the built-in source of the entry it shows.
    let example = &crate::knowledge::embedded::THRESHOLDS
        .transplant
        .age_limit
        .source;
    for line in [
        "# This is the format of a --knowledge file: keep only the entries your institution changes",
        "# and run `netriage --knowledge FILE …`. An entry may also be a table, to change its note",
        &format!(
            "# or source too: age_limit = {{ value = 65, source = \"{example}\", note = \"local protocol\" }}."
        ),
        "# The unit of a threshold cannot change; a source is a citation id (`netriage sources`).",
    ] {
        writeln!(out, "{line}")?;
    }
    for (section, keys) in origin.order {
        let Some(entries) = table.get(section).and_then(toml::Value::as_table) else {
            continue;
        };
        writeln!(out, "\n[{section}]")?;
        for key in keys {
            let Some(entry) = entries.get(key).and_then(toml::Value::as_table) else {
                continue;
            };
            let builtin = origin
                .builtin
                .get(section)
                .and_then(|s| s.get(key))
                .and_then(toml::Value::as_table);
            write_entry(knowledge, (section, key), entry, builtin, out)?;
        }
    }
    Ok(())
}

fn text<'a>(entry: &'a toml::Table, key: &str) -> &'a str {
    entry
        .get(key)
        .and_then(toml::Value::as_str)
        .unwrap_or_default()
}

fn write_entry(
    knowledge: &Knowledge,
    (section, key): (&str, &str),
    entry: &toml::Table,
    builtin: Option<&toml::Table>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let note = text(entry, "note");
    let mut source = text(entry, "source");
    // A changed value is cited as the institution's in reports; the file keeps the citation it
    // gave, or the built-in one, so that it reads back as it was written.
    if source == INSTITUTION {
        let id = format!("{section}.{key}");
        source = knowledge
            .overrides
            .iter()
            .find(|o| o.id == id)
            .and_then(|o| o.source.as_deref())
            .unwrap_or_else(|| builtin.map_or("", |b| text(b, "source")));
    }
    if !note.is_empty() {
        writeln!(out, "# {}", one_line(note))?;
    }
    let (own, described) = if entry.contains_key("sites") {
        let mut allowed = format!(
            "allowed: a list of primary sites among {}",
            Primary::choices()
        );
        // Sites an entry must keep, when the data name them (`required = [...]`).
        if let Some(required) = entry.get("required").and_then(toml::Value::as_array) {
            let names: Vec<&str> = required.iter().filter_map(toml::Value::as_str).collect();
            let _ = write!(allowed, "; must include {}", names.join(", "));
        }
        ("sites", allowed)
    } else {
        // Every numeric entry declares its range (checked when the data are built).
        let allowed = range(entry).unwrap_or_default();
        (
            "value",
            format!("unit: {}; allowed: {allowed}", text(entry, "unit")),
        )
    };
    let value = entry.get(own).map(toml_value).unwrap_or_default();
    writeln!(out, "#   {described}")?;
    let reference = knowledge
        .citation(source)
        .map(|c| c.reference)
        .unwrap_or_default();
    writeln!(out, "#   source: {source} {}", one_line(reference))?;
    let was = builtin.and_then(|b| b.get(own)).map(toml_value);
    if let Some(was) = was.filter(|was| *was != value) {
        writeln!(out, "#   built-in: {was}")?;
    }
    // Source and note changed too: the table form keeps them, so the file gives back exactly
    // what is in force.
    let same_texts = builtin.map_or(true, |b| {
        text(b, "source") == source && text(b, "note") == note
    });
    if same_texts {
        writeln!(out, "{key} = {value}")
    } else {
        writeln!(
            out,
            "{key} = {{ {own} = {value}, source = {}, note = {} }}",
            quoted(source),
            quoted(note)
        )
    }
}

/// An entry's own allowed range (`range = [min, max]`), when the data give one.
fn range(entry: &toml::Table) -> Option<String> {
    let items = entry.get("range")?.as_array()?;
    let [low, high] = items.as_slice() else {
        return None;
    };
    Some(format!(
        "{} to {}",
        number(as_number(low)?),
        number(as_number(high)?)
    ))
}

/// A threshold's value as TOML: a number as written in data files, a list of quoted sites.
fn toml_value(value: &toml::Value) -> String {
    match value {
        toml::Value::Array(items) => format!(
            "[{}]",
            items
                .iter()
                .map(|i| quoted(i.as_str().unwrap_or_default()))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        other => as_number(other).map(number).unwrap_or_default(),
    }
}

/// Text for a comment: a line break in it (an override's note may hold one) would end the
/// comment and break the file.
fn one_line(text: &str) -> String {
    text.replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn printed(entry: &str) -> String {
        let table: toml::Table = toml::from_str(&format!("[s]\nk = {entry}\n")).unwrap();
        let order = vec![("s".to_owned(), vec!["k".to_owned()])];
        let origin = Origin {
            file: None,
            builtin: &table,
            order: &order,
        };
        let mut out = Vec::new();
        write(&Knowledge::builtin().unwrap(), &table, &origin, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn an_entrys_own_range_and_required_sites_are_shown() {
        let own = printed(
            "{ value = 50.0, unit = \"%\", range = [10, 90], source = \"S1\", note = \"n\" }",
        );
        assert!(own.contains("#   unit: %; allowed: 10 to 90\n"), "{own}");
        let sites =
            printed("{ sites = [\"lung\"], required = [\"lung\"], source = \"S1\", note = \"n\" }");
        assert!(sites.contains("; must include lung\n"), "{sites}");
        assert!(sites.contains("\nk = [\"lung\"]\n"), "{sites}");
    }
}
