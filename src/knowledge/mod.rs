//! The knowledge base: data/*.toml, parsed and checked at build time (`build.rs`), embedded, and
//! optionally overridden by an institution's file. Rules read numbers and texts only from here.

pub mod classes;
pub mod embedded;
mod overrides;
pub mod schema;
pub mod sentences;
mod texts;
pub mod when;

pub(crate) use overrides::show;
pub use overrides::Override;
pub use schema::{Citation, Evidence, OptionInfo};
pub use schema::{SiteSet, Threshold, Thresholds, INSTITUTION};
pub use sentences::{CriterionText, Phrase, PreferenceText};
pub use texts::number;

use crate::model::patient::FieldSet;
use crate::model::{Field, OptionId, Primary};
use schemars::JsonSchema;
use serde::Serialize;
use std::borrow::Cow;

/// Where every error in an override file sends the reader: the command that prints the
/// thresholds, in the format the file must have.
pub const SEE_THRESHOLDS: &str = " (see `netriage thresholds`)";

/// The knowledge-base version, as written in data/knowledge.toml (read at build time).
pub const VERSION: &str = env!("NETRIAGE_KNOWLEDGE_VERSION");

/// A note, warning or work-up item with its placeholders filled, and its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Note {
    /// Its key in data/*.toml (`section.key`); a brief record names warnings by it.
    #[serde(skip)]
    pub id: &'static str,
    // Borrowed from the data when it has no placeholder to fill (most notes): no allocation.
    pub text: Cow<'static, str>,
    /// The same in one line, shown by a standard report (data `brief`); absent when the text
    /// is short already.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub brief: Option<Cow<'static, str>>,
    pub source: &'static str,
}

impl Note {
    /// What a standard report shows: the brief, else the text.
    pub fn brief_or_text(&self) -> &str {
        self.brief.as_deref().unwrap_or(&self.text)
    }

    /// The note as shown: its text, then its source id in brackets.
    pub fn into_cited(self) -> String {
        let mut text = self.text.into_owned();
        if !self.source.is_empty() {
            text.push_str(" [");
            text.push_str(self.source);
            text.push(']');
        }
        text
    }

    pub fn cited(&self) -> String {
        self.clone().into_cited()
    }
}

/// What the seed article said, and what the evidence says instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Correction {
    pub id: &'static str,
    pub seed: &'static str,
    // Borrowed from the data when it has no placeholder to fill.
    pub evidence: Cow<'static, str>,
    /// The same in one line that reads on its own (a standard report shows it).
    pub brief: Cow<'static, str>,
    pub source: &'static str,
}

/// A knowledge file that does not parse or does not hold together: names the file, the key and
/// the value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}{}: {}{message}", at(*line, *column), place(key, value))]
pub struct KnowledgeError {
    pub file: String,
    /// Where in the file, 1-based; 0 when not known.
    pub line: u32,
    pub column: u32,
    pub key: String,
    pub value: String,
    pub message: String,
}

/// ` (line L, column C)`, ` (line L)` or nothing.
fn at(line: u32, column: u32) -> String {
    match (line, column) {
        (0, _) => String::new(),
        (l, 0) => format!(" (line {l})"),
        (l, c) => format!(" (line {l}, column {c})"),
    }
}

/// `key = value: ` (or `key: `, or nothing when the whole file is at fault).
fn place(key: &str, value: &str) -> String {
    match (key.is_empty(), value.is_empty()) {
        (true, _) => String::new(),
        (false, true) => format!("{}: ", crate::toml_text::shorten(key)),
        (false, false) => format!(
            "{} = {}: ",
            crate::toml_text::shorten(key),
            crate::toml_text::shorten(value)
        ),
    }
}

impl KnowledgeError {
    pub(crate) fn new(file: &str, key: &str, value: &str, message: impl Into<String>) -> Self {
        Self {
            file: file.into(),
            line: 0,
            column: 0,
            key: key.into(),
            value: value.into(),
            message: message.into(),
        }
    }

    /// The error placed in `text` (an override file) by its key: the line of a key at fault, the
    /// line and column of a value at fault; and sent to `netriage thresholds`, which prints
    /// what the file may hold.
    fn located(mut self, text: &str) -> Self {
        let exact = |key: &str| {
            let path: Vec<&str> = key.split('.').collect();
            crate::toml_text::locate(text, &path)
        };
        // The key at fault, else a threshold the message names that the file gives (an ordering
        // broken by the other threshold of the pair), else the nearest table the file has.
        let named = self
            .message
            .split([' ', '(', ')'])
            .filter(|w| w.contains('.'))
            .find_map(exact);
        let path: Vec<&str> = self.key.split('.').collect();
        let enclosing = (1..path.len())
            .rev()
            .find_map(|n| crate::toml_text::locate(text, &path[..n]));
        let exact_place = (!self.key.is_empty()).then(|| exact(&self.key)).flatten();
        if let Some(place) = exact_place {
            self.line = u32::try_from(place.line).unwrap_or(0);
            if !self.value.is_empty() {
                self.column = u32::try_from(place.column).unwrap_or(0);
            }
        } else if let Some(place) = named.or(enclosing).filter(|_| !self.key.is_empty()) {
            self.line = u32::try_from(place.line).unwrap_or(0);
        }
        if !self.message.ends_with(SEE_THRESHOLDS) {
            self.message.push_str(SEE_THRESHOLDS);
        }
        self
    }
}

impl SiteSet {
    /// Whether the site is in this set.
    pub fn contains(&self, site: Primary) -> bool {
        self.sites.iter().any(|s| s == site.name())
    }
}

/// The title of a stage by id (data/knowledge.toml `[stages]`; the id itself if it has none).
/// Titles are not among the overrides, so they need no knowledge base in hand.
pub fn stage_title(id: &str) -> &str {
    embedded::META.stage(id).map_or(id, AsRef::as_ref)
}

/// The disclaimer in one line, closing a brief or standard report (data/knowledge.toml).
pub fn disclaimer_brief() -> &'static str {
    &embedded::META.disclaimer_brief
}

impl Knowledge {
    /// Whether a primary is graded and treated by the thoracic criteria: the one list every rule
    /// reads (`sites.thoracic`), so that an institution's list is applied everywhere alike.
    pub fn thoracic(&self, primary: Option<Primary>) -> bool {
        primary.is_some_and(|p| self.thresholds.sites.thoracic.contains(p))
    }
}

/// Everything the rules and renderers know, with any institutional overrides applied.
#[derive(Debug, Clone)]
pub struct Knowledge {
    pub version: &'static str,
    pub classification: &'static str,
    /// The citations of the classifications (a grade's source).
    pub classification_source: &'static str,
    pub thoracic_classification: &'static str,
    pub thoracic_classification_source: &'static str,
    pub disclaimer: &'static str,
    /// The thresholds in force: the built-in ones, with an institution's overrides applied.
    pub thresholds: Thresholds,
    pub citations: &'static [Citation],
    pub options: &'static [OptionInfo],
    pub overrides: Vec<Override>,
    /// The institution's knowledge file in force (`--knowledge`), as named on the command line.
    pub file: Option<String>,
    /// Each option's position in `options`, by `OptionId` (looked up once, at load).
    option_slots: [Option<u8>; OptionId::ALL.len()],
    /// Each option's safety-critical answers, by `OptionId`.
    safety: [FieldSet; OptionId::ALL.len()],
}

/// The built-in threshold table (`section → key → entry`).
pub fn builtin_threshold_table() -> Result<toml::Table, KnowledgeError> {
    table(&embedded::THRESHOLDS)
}

/// Thresholds as a table (`section → key → entry`), as data/thresholds.toml writes them.
fn table(thresholds: &Thresholds) -> Result<toml::Table, KnowledgeError> {
    match toml::Value::try_from(thresholds) {
        Ok(toml::Value::Table(table)) => Ok(table),
        Ok(_) => Err(KnowledgeError::new("thresholds", "", "", "not a table")),
        Err(e) => Err(KnowledgeError::new("thresholds", "", "", e.to_string())),
    }
}

/// Every section of the thresholds and its keys, in the order of data/thresholds.toml.
pub fn threshold_order() -> Vec<(String, Vec<String>)> {
    Thresholds::ORDER
        .iter()
        .map(|(section, keys)| {
            (
                (*section).to_owned(),
                keys.iter().map(|k| (*k).to_owned()).collect(),
            )
        })
        .collect()
}

impl Knowledge {
    /// The built-in knowledge base (checked by the build and by `cargo test`; see `validate`).
    pub fn builtin() -> Result<Self, KnowledgeError> {
        Ok(Self::from_parts(embedded::THRESHOLDS.clone(), Vec::new()))
    }

    /// The built-in knowledge base with an institution's overrides (`--knowledge FILE`),
    /// validated as a whole.
    pub fn with_overrides(file: &str, text: &str) -> Result<Self, KnowledgeError> {
        let mut thresholds = embedded::THRESHOLDS.clone();
        let overrides =
            overrides::apply(&mut thresholds, file, text).map_err(|e| e.located(text))?;
        overrides::one_bulky_key(&mut thresholds, &overrides, file).map_err(|e| e.located(text))?;
        schema::check_ranges(&thresholds)
            .map_err(|e| KnowledgeError::new(file, &e.key, &e.value, e.message).located(text))?;
        let mut knowledge = Self::from_parts(thresholds, overrides);
        knowledge.file = Some(file.to_owned());
        // Whatever fails now (an ordering, a source) was caused by the institution's file; keep
        // the place inside the data (e.g. the threshold whose source does not resolve).
        knowledge.validate().map_err(|e| {
            let (file, key) = if e.file == "thresholds" {
                (file.to_owned(), e.key.clone())
            } else if let Some(id) = e.file.strip_prefix("thresholds ") {
                // A threshold's source that names no citation: the key is that source.
                (file.to_owned(), format!("{id}.{}", e.key))
            } else {
                (format!("{file} ({})", e.file), e.key.clone())
            };
            KnowledgeError { file, key, ..e }.located(text)
        })?;
        Ok(knowledge)
    }

    fn from_parts(thresholds: Thresholds, overrides: Vec<Override>) -> Self {
        let mut option_slots = [None; OptionId::ALL.len()];
        let mut safety = [FieldSet::default(); OptionId::ALL.len()];
        for (slot, id) in OptionId::ALL.iter().enumerate() {
            let found = embedded::OPTIONS.iter().position(|o| o.id == id.name());
            option_slots[slot] = found.and_then(|i| u8::try_from(i).ok());
            for name in found.map_or(&[][..], |i| embedded::OPTIONS[i].safety_critical) {
                if let Some(field) = Field::from_name(name) {
                    safety[slot].insert(field);
                }
            }
        }
        Knowledge {
            option_slots,
            safety,
            version: &embedded::META.version,
            classification: &embedded::META.classification,
            classification_source: &embedded::META.classification_source,
            thoracic_classification: &embedded::META.thoracic_classification,
            thoracic_classification_source: &embedded::META.thoracic_classification_source,
            disclaimer: &embedded::META.disclaimer,
            thresholds,
            citations: embedded::CITATIONS,
            options: embedded::OPTIONS,
            overrides,
            file: None,
        }
    }

    /// The thresholds in force as a table (`section → key → entry`), for `netriage thresholds`.
    pub fn threshold_table(&self) -> Result<toml::Table, KnowledgeError> {
        table(&self.thresholds)
    }

    /// Replaces every `{section.key}` in `template` with the threshold in force; one an
    /// institution changed is marked as its own, with the built-in value beside it, so that a
    /// sentence naming a guideline never states the institution's figure as the guideline's.
    pub fn fill(&self, template: &str) -> String {
        texts::fill(template, |key| {
            let mut value = number(self.number_of(key)?);
            let changed = self
                .overrides
                .iter()
                .find(|o| o.id == key && o.changes_value());
            if let Some(o) = changed {
                texts::push_institution_mark(&mut value, &o.builtin);
            }
            Some(value)
        })
    }

    /// [`Knowledge::fill`] for a text of the data, borrowed when it has no placeholder.
    fn fill_static(&self, template: &'static str) -> Cow<'static, str> {
        if schema::split_placeholder(template).is_none() {
            Cow::Borrowed(template)
        } else {
            Cow::Owned(self.fill(template))
        }
    }

    /// A threshold's value by `section.key`.
    pub fn number_of(&self, key: &str) -> Option<f64> {
        self.thresholds.number(key)
    }

    fn filled(&self, found: Option<&'static Note>, id: &str) -> Note {
        // An id missing from the data (a test guards against it) shows as itself.
        found.map_or_else(
            || Note {
                id: "",
                text: Cow::Owned(id.to_owned()),
                brief: None,
                source: "",
            },
            |t| Note {
                id: t.id,
                text: self.fill_static(&t.text),
                brief: t.brief.as_ref().map(|b| self.fill_static(b)),
                source: t.source,
            },
        )
    }

    /// A note by `section.key` (data/notes.toml), placeholders filled.
    pub fn note(&self, id: &str) -> Note {
        self.filled(embedded::find(embedded::NOTES, id), id)
    }

    /// A work-up item by key (data/workup.toml).
    pub fn workup_item(&self, id: &str) -> Note {
        self.filled(embedded::find(embedded::WORKUP, id), id)
    }

    /// A seed correction by key (data/corrections.toml), placeholders filled.
    pub fn correction(&self, id: &str) -> Option<Correction> {
        embedded::CORRECTIONS
            .iter()
            .find(|c| c.id == id)
            .map(|c| Correction {
                evidence: self.fill_static(&c.evidence),
                brief: self.fill_static(&c.brief),
                ..c.clone()
            })
    }

    /// Every seed correction's id and `when`, in report order (facts.md §8).
    pub fn correction_rules(&self) -> impl Iterator<Item = (&'static str, when::Condition)> {
        embedded::CORRECTIONS
            .iter()
            .zip(embedded::CORRECTION_WHEN)
            .map(|(c, when)| (c.id, when::Condition(when)))
    }

    /// The evidence about `syndrome` for an option offered in the symptom stage, when the data
    /// has some (rules.md §4.6, L6).
    pub fn symptom_evidence(&self, id: OptionId, syndrome: &str) -> Option<&'static [Evidence]> {
        self.option(id)?
            .symptom_evidence
            .iter()
            .find(|(s, _)| *s == syndrome)
            .map(|(_, list)| *list)
    }

    /// The title of a stage by id.
    pub fn stage_title(&self, id: &str) -> String {
        stage_title(id).to_owned()
    }

    /// The data of one option.
    pub fn option(&self, id: OptionId) -> Option<&'static OptionInfo> {
        self.option_slots[id as usize].map(|i| &self.options[usize::from(i)])
    }

    /// The answers whose unknown value caps an option (data/options.toml `safety_critical`).
    pub fn safety_critical(&self, id: OptionId) -> FieldSet {
        self.safety[id as usize]
    }

    /// The citation with this id.
    pub fn citation(&self, id: &str) -> Option<&'static Citation> {
        self.citation_index(id).map(|i| &self.citations[i])
    }

    /// The position of a citation in the citations file (a binary search of an index sorted at
    /// build time, by the id's key).
    pub fn citation_index(&self, id: &str) -> Option<usize> {
        let key = schema::citation_key(id);
        embedded::CITATION_INDEX
            .binary_search_by_key(&key, |(k, _)| *k)
            .ok()
            .map(|i| usize::from(embedded::CITATION_INDEX[i].1))
            // An id that is not a citation may still share a key with one.
            .filter(|i| self.citations.get(*i).is_some_and(|c| c.id == id))
    }

    /// Every note id (`section.key`), for the test that code and data agree.
    pub fn note_ids(&self) -> Vec<String> {
        embedded::NOTES.iter().map(|n| n.id.to_owned()).collect()
    }

    /// Every work-up id, for the same test.
    pub fn workup_ids(&self) -> Vec<String> {
        embedded::WORKUP.iter().map(|n| n.id.to_owned()).collect()
    }

    /// Every correction id, for the same test.
    pub fn correction_ids(&self) -> Vec<String> {
        embedded::CORRECTIONS
            .iter()
            .map(|c| c.id.to_owned())
            .collect()
    }

    /// The (place, source id) pairs an institution's file can change: the thresholds' and the
    /// overrides' own. The rest of the data is static, its sources checked by the build.
    fn sources(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = self
            .thresholds
            .entries()
            .map(|(section, key, entry)| {
                (
                    format!("thresholds {section}.{key}"),
                    entry.source().to_owned(),
                )
            })
            .collect();
        for o in &self.overrides {
            if let Some(source) = &o.source {
                out.push((format!("thresholds {}", o.id), source.clone()));
            }
        }
        out
    }

    /// A sentence on which knowledge is in force, for every report and `batch`'s stderr:
    /// `None` for the built-in knowledge base alone.
    pub fn in_force(&self) -> Option<String> {
        use std::fmt::Write as _;
        let file = self.file.as_deref()?;
        let changed = self.overrides.iter().filter(|o| o.changes_value()).count();
        let others = self.overrides.len() - changed;
        let mut text = format!(
            "institution knowledge file {}: {changed} threshold{} changed from the built-in values",
            crate::model::field::escape(file),
            if changed == 1 { "" } else { "s" }
        );
        if others > 0 {
            let _ = write!(text, ", {others} more with a new source or note only");
        }
        Some(text)
    }

    /// Checks that the data hold together: ids unique, sources resolve, every option present,
    /// site names valid, placeholders resolve, thresholds ordered. The build checks the shape and
    /// the ranges; `cargo test` runs this on the built-in data, and every override runs it.
    pub fn validate(&self) -> Result<(), KnowledgeError> {
        for (place, source) in self.sources() {
            // A value an institution changed is cited as the institution's own.
            let institution = self.file.is_some() && source == INSTITUTION;
            if !institution && self.citation(&source).is_none() {
                return Err(KnowledgeError::new(
                    &place,
                    "source",
                    &source,
                    "no such citation",
                ));
            }
        }
        if let Some(site) = Primary::ALL
            .iter()
            .find(|p| !sentences::words_for(p.name()))
        {
            return Err(KnowledgeError::new(
                "data/criteria.toml",
                "sites.words",
                site.name(),
                "a primary site without its words",
            ));
        }
        for (key, set) in self.thresholds.site_sets() {
            if let Some(bad) = set.sites.iter().find(|s| Primary::parse(s).is_none()) {
                return Err(KnowledgeError::new(
                    "thresholds",
                    &key,
                    bad,
                    format!("expected sites among {}", Primary::choices()),
                ));
            }
        }
        for o in self.options {
            if OptionId::parse(o.id).is_none() || embedded::META.stage(o.stage).is_none() {
                return Err(KnowledgeError::new(
                    "data/options.toml",
                    o.id,
                    o.stage,
                    "unknown option id or stage",
                ));
            }
        }
        for id in OptionId::ALL {
            let count = self.options.iter().filter(|o| o.id == id.name()).count();
            if count != 1 {
                return Err(KnowledgeError::new(
                    "data/options.toml",
                    id.name(),
                    "",
                    format!("listed {count} times, expected once"),
                ));
            }
        }
        for o in self.options {
            if let Some((bad, _)) = o
                .symptom_evidence
                .iter()
                .find(|(s, _)| crate::model::Syndrome::parse(s).is_none())
            {
                return Err(KnowledgeError::new(
                    "data/options.toml",
                    &format!("{}.symptom_evidence", o.id),
                    bad,
                    format!(
                        "expected a syndrome among {}",
                        crate::model::Syndrome::choices()
                    ),
                ));
            }
        }
        for o in self.options {
            for name in o.safety_critical {
                if crate::model::Field::from_name(name).is_none() {
                    return Err(KnowledgeError::new(
                        "data/options.toml",
                        &format!("{}.safety_critical", o.id),
                        name,
                        "not a patient field",
                    ));
                }
            }
        }
        for (low_key, low, high_key, high) in self.thresholds.ordered_pairs() {
            if low >= high {
                return Err(KnowledgeError::new(
                    "thresholds",
                    low_key,
                    &number(low),
                    format!("must be below {high_key} ({})", number(high)),
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> Vec<String> {
        [
            "knowledge",
            "thresholds",
            "citations",
            "options",
            "notes",
            "corrections",
            "workup",
            "criteria",
        ]
        .map(|f| std::fs::read_to_string(format!("data/{f}.toml")).unwrap())
        .to_vec()
    }

    /// Compiles the data files' texts `t` as the build does.
    fn compile(t: &[String]) -> Result<schema::Compiled, schema::ParseError> {
        schema::compile(&schema::DataFiles {
            knowledge: &t[0],
            thresholds: &t[1],
            citations: &t[2],
            options: &t[3],
            notes: &t[4],
            corrections: &t[5],
            workup: &t[6],
            criteria: &t[7],
        })
    }

    #[test]
    fn the_build_refuses_a_source_that_is_no_citation_and_a_placeholder_that_is_no_threshold() {
        let mut t = files();
        t[4] = t[4].replacen("source = \"S", "source = \"X", 1);
        let (file, message) = compile(&t).unwrap_err();
        assert_eq!(file, "data/notes.toml");
        assert!(
            message.contains("is not in data/citations.toml"),
            "{message}"
        );

        let mut t = files();
        t[6] = t[6].replacen("text = \"", "text = \"{ablation.nowhere} ", 1);
        let (file, message) = compile(&t).unwrap_err();
        assert_eq!(file, "data/workup.toml");
        assert!(
            message.contains("{ablation.nowhere} names no threshold"),
            "{message}"
        );
    }

    #[test]
    fn the_build_refuses_a_brief_longer_than_a_line_or_its_text_and_a_placeholder_in_it() {
        let mut t = files();
        t[6] = t[6].replacen("brief = \"", "brief = \"a brief grown past one line ", 1);
        let (file, message) = compile(&t).unwrap_err();
        assert_eq!(file, "data/workup.toml");
        assert!(message.contains("fit 94 columns"), "{message}");

        let mut t = files();
        t[6] = t[6].replacen("brief = \"", "brief = \"{ablation.nowhere} ", 1);
        let (_, message) = compile(&t).unwrap_err();
        assert!(message.contains("names no threshold"), "{message}");

        // A seed correction's brief is required, and one line too.
        let mut t = files();
        t[5] = t[5].replacen("brief = \"", "brief = \"a brief grown past one line ", 1);
        let (file, message) = compile(&t).unwrap_err();
        assert_eq!(file, "data/corrections.toml");
        assert!(message.contains("fit 94 columns"), "{message}");
        let mut t = files();
        t[5] = t[5].replacen("brief = \"", "briefly = \"", 1);
        assert!(compile(&t).is_err());
    }

    #[test]
    fn a_standard_report_shows_the_brief_and_json_keeps_the_text() {
        let k = Knowledge::builtin().unwrap();
        let item = k.workup_item("hereditary_screen");
        let brief = item.brief.as_deref().unwrap();
        assert_eq!(item.brief_or_text(), brief);
        assert!(item.text.len() > brief.len());
        let json = serde_json::to_value(&item).unwrap();
        assert_eq!(json["text"], item.text.as_ref());
        assert_eq!(json["brief"], brief);
    }

    #[test]
    fn the_build_refuses_a_criterion_text_without_its_source_threshold_or_option() {
        for (from, to, message) in [
            (
                "source = \"S65\"",
                "source = \"S650\"",
                "criterion impaired-liver-function.resection: source `S650` is neither in data/citations.toml nor a threshold",
            ),
            (
                "source = \"ablation.max_cm\"",
                "source = \"ablation.max_mm\"",
                "criterion largest-lesion-size: source `ablation.max_mm` is neither",
            ),
            (
                "largest lesion at most {ablation.max_cm} cm",
                "largest lesion at most {ablation.max_mm} cm",
                "largest-lesion-size: placeholder {ablation.max_mm} names no threshold",
            ),
            (
                "{targeted.sunitinib_sites} primary",
                "{targeted.sunitinib_site} primary",
                "pancreatic-primary.sunitinib: placeholder {targeted.sunitinib_site} names no threshold",
            ),
            (
                "[preference.tace]",
                "[preference.tace-x]",
                "preference.tace-x.liver-only: no option tace-x",
            ),
            (
                "[\"thymus\", \"thymic\"],",
                "",
                "sites.words: no words for `thymus`",
            ),
            (
                "age = { text",
                "Age = { text",
                "criterion `Age`: expected lowercase words",
            ),
            (
                "(US)\", source",
                "(US)\", cite",
                "age: unknown key `cite`",
            ),
        ] {
            let mut t = files();
            assert!(t[7].contains(from), "{from}");
            t[7] = t[7].replacen(from, to, 1);
            let Err((file, refused)) = compile(&t) else {
                panic!("accepted {to}");
            };
            assert_eq!(file, "data/criteria.toml");
            assert!(refused.starts_with(message), "{refused}");
        }
    }

    #[test]
    fn the_embedded_form_is_the_data_folder() {
        let fresh = compile(&files()).unwrap();
        assert_eq!(embedded::META, fresh.meta);
        assert_eq!(embedded::THRESHOLDS, fresh.thresholds);
        assert_eq!(
            schema::texts_source(&fresh),
            include_str!(concat!(env!("OUT_DIR"), "/knowledge_texts.rs"))
        );
        assert_eq!(
            classes::source(&fresh.options).unwrap(),
            include_str!(concat!(env!("OUT_DIR"), "/option_ids.rs"))
        );
    }

    #[test]
    fn the_thresholds_are_in_the_order_of_their_file() {
        assert_eq!(
            threshold_order(),
            crate::toml_text::sections_in_order(&files()[1])
        );
    }

    #[test]
    fn the_build_refuses_an_option_without_what_a_rule_needs() {
        for (from, to, message) in [
            (
                "tags = [\"treatment\", \"fixed-course\", \"antiproliferative\", \"cytotoxic\"",
                "tags = [\"treatment\", \"antiproliferative\", \"cytotoxic\"",
                "option platinum-etoposide: tag `antiproliferative` needs `continuous-drug` or `fixed-course`",
            ),
            (
                "tags = [\"treatment\", \"fixed-course\", \"antiproliferative\", \"cytotoxic\"",
                "tags = [\"treatment\", \"fixed-course\", \"antiproliferative\", \"cytotoxc\"",
                "option platinum-etoposide: unknown tag `cytotoxc`",
            ),
            (
                "column = 21\ntags = []",
                "column = 21\ntags = [\"treatment\"]",
                "option best-supportive-care: tag `treatment` is on every option but those of the approach stage",
            ),
            (
                "column = 20\n",
                "column = 21\n",
                "option best-supportive-care: column 21: each option needs its own column",
            ),
            (
                "tags = [\"treatment\", \"procedure\", \"fitness-checked\"]",
                "tags = [\"treatment\", \"fitness-checked\"]",
                "option transplant: tag `procedure` is on exactly the options of the local and liver-directed stages",
            ),
            (
                "\"embolisation\", \"radioembolisation\"",
                "\"radioembolisation\"",
                "option tare: tag `radioembolisation` needs `embolisation`",
            ),
            (
                "\"backbone\", \"systemic-line\"",
                "\"backbone\", \"antiproliferative\", \"continuous-drug\", \"systemic-line\"",
                "option ssa: a backbone stays after progression",
            ),
            (
                "\"later-nec-line\", \"systemic-line\"]",
                "\"later-nec-line\", \"nec-relapse\", \"systemic-line\"]",
                "option immunotherapy-trial: tag `nec-relapse` needs `cytotoxic`",
            ),
            (
                "\"cytotoxic\", \"platinum\"",
                "\"platinum\"",
                "option platinum-etoposide: tag `platinum` needs `cytotoxic`",
            ),
        ] {
            let mut t = files();
            assert!(t[3].contains(from), "{from}");
            t[3] = t[3].replacen(from, to, 1);
            let Err((file, refused)) = compile(&t) else {
                panic!("accepted {to}");
            };
            assert_eq!(file, "data/options.toml");
            assert!(refused.starts_with(message), "{refused}");
        }
    }

    #[test]
    fn the_build_refuses_a_built_in_value_outside_its_own_range() {
        let mut t = files();
        t[1] = t[1].replace("ecog_limit = { value = 3.0", "ecog_limit = { value = 5.0");
        let Err((file, message)) = compile(&t) else {
            panic!("accepted a value outside its range");
        };
        assert_eq!(file, "data/thresholds.toml");
        assert!(
            message.starts_with("performance.ecog_limit = 5: outside the allowed range 2 to 4"),
            "{message}"
        );
    }

    #[test]
    fn builtin_knowledge_validates() {
        let k = Knowledge::builtin().unwrap();
        k.validate().unwrap();
        assert_eq!(k.version, VERSION);
    }

    #[test]
    fn an_override_that_breaks_an_ordering_is_refused_naming_the_file() {
        let err =
            Knowledge::with_overrides("site.toml", "[grade]\nki67_g2_from = 25\n").unwrap_err();
        assert_eq!(err.file, "site.toml");
        assert!(err.to_string().contains("grade.ki67_g2_from"), "{err}");
    }

    #[test]
    fn an_override_is_applied_and_recorded() {
        let k = Knowledge::with_overrides("site.toml", "[transplant]\nage_limit = 65\n").unwrap();
        assert_eq!(k.thresholds.transplant.age_limit.value, 65.0);
        assert_eq!(k.overrides.len(), 1);
        assert_eq!(k.overrides[0].id, "transplant.age_limit");
        assert_eq!(k.overrides[0].builtin, "60");
        assert!(k.note("transplant.age_us").text.contains("65"));
    }

    #[test]
    fn the_former_bulky_key_is_cited_as_the_institution_s_value() {
        let k = Knowledge::with_overrides(
            "site.toml",
            "[embolisation]\nliver_burden_preferred_from = 40\n",
        )
        .unwrap();
        let bulky = &k.thresholds.tempo.bulky_liver_burden_from;
        assert_eq!(bulky.value, 40.0);
        assert_eq!(bulky.source, INSTITUTION);
    }

    #[test]
    fn unknown_keys_and_bad_values_are_refused() {
        for (text, key) in [
            ("[transplant]\nage_limt = 65\n", "transplant.age_limt"),
            ("[transplnt]\nage_limit = 65\n", "transplnt"),
            (
                "[transplant]\nage_limit = \"old\"\n",
                "transplant.age_limit",
            ),
            (
                "[transplant]\nportal_drained = [\"liver\"]\n",
                "transplant.portal_drained",
            ),
            ("[grade]\nki67_g3_above = 120\n", "grade.ki67_g3_above"),
        ] {
            let err = Knowledge::with_overrides("site.toml", text).unwrap_err();
            assert_eq!(err.key, key, "{text}: {err}");
        }
    }
}
