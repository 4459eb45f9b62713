//! The knowledge base: data/*.toml embedded at build time, parsed once, validated, and optionally
//! overridden by an institution's file. Rules read numbers only from here.

mod overrides;
mod texts;
mod thresholds;

pub use overrides::Override;
pub use texts::{number, Citation, Correction, Evidence, Note, OptionInfo};
pub use thresholds::{SiteSet, Threshold, Thresholds};

use crate::model::OptionId;
use serde::Deserialize;
use std::collections::BTreeMap;

const KNOWLEDGE: &str = include_str!("../../data/knowledge.toml");
const THRESHOLDS: &str = include_str!("../../data/thresholds.toml");
const CITATIONS: &str = include_str!("../../data/citations.toml");
const OPTIONS: &str = include_str!("../../data/options.toml");
const NOTES: &str = include_str!("../../data/notes.toml");
const CORRECTIONS: &str = include_str!("../../data/corrections.toml");
const WORKUP: &str = include_str!("../../data/workup.toml");

/// The knowledge-base version, as written in data/knowledge.toml (read at build time).
pub const VERSION: &str = env!("NETRIAGE_KNOWLEDGE_VERSION");

/// A knowledge file that does not parse or does not hold together: names the file, the key and
/// the value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {}{message}", place(key, value))]
pub struct KnowledgeError {
    pub file: String,
    pub key: String,
    pub value: String,
    pub message: String,
}

/// `key = value: ` (or `key: `, or nothing when the whole file is at fault).
fn place(key: &str, value: &str) -> String {
    match (key.is_empty(), value.is_empty()) {
        (true, _) => String::new(),
        (false, true) => format!("{key}: "),
        (false, false) => format!("{key} = {value}: "),
    }
}

/// The 1-based line of byte `offset` (a span start) in `text`.
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset).map_or(0, |t| t.matches('\n').count()) + 1
}

/// A TOML parser message on one line (it spans several, with the offending text).
pub(crate) fn one_line(message: &str) -> String {
    message
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

impl KnowledgeError {
    pub(crate) fn new(file: &str, key: &str, value: &str, message: impl Into<String>) -> Self {
        Self {
            file: file.into(),
            key: key.into(),
            value: value.into(),
            message: message.into(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Meta {
    version: String,
    classification: String,
    thoracic_classification: String,
    disclaimer: String,
    stages: BTreeMap<String, String>,
}

/// Everything the rules and renderers know, with any institutional overrides applied.
#[derive(Debug, Clone)]
pub struct Knowledge {
    pub version: String,
    pub classification: String,
    pub thoracic_classification: String,
    pub disclaimer: String,
    pub thresholds: Thresholds,
    pub citations: Vec<Citation>,
    pub options: Vec<OptionInfo>,
    pub overrides: Vec<Override>,
    stages: BTreeMap<String, String>,
    notes: BTreeMap<String, BTreeMap<String, Note>>,
    corrections: BTreeMap<String, Correction>,
    workup: BTreeMap<String, Note>,
    /// Every numeric threshold in force, by `section.key`, for `{section.key}` placeholders.
    numbers: BTreeMap<String, f64>,
}

fn parse<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<T, KnowledgeError> {
    toml::from_str(text).map_err(|e| {
        KnowledgeError::new(
            file,
            "",
            "",
            one_line(e.message()) + &span_hint(text, e.span()),
        )
    })
}

fn span_hint(text: &str, span: Option<std::ops::Range<usize>>) -> String {
    span.map_or_else(String::new, |s| {
        let line = line_of(text, s.start);
        format!(" (line {line})")
    })
}

impl Knowledge {
    /// The built-in knowledge base.
    pub fn builtin() -> Result<Self, KnowledgeError> {
        let table: toml::Table = parse("data/thresholds.toml", THRESHOLDS)?;
        Self::assemble(table, Vec::new())
    }

    /// The built-in knowledge base with an institution's overrides (`--knowledge FILE`).
    pub fn with_overrides(file: &str, text: &str) -> Result<Self, KnowledgeError> {
        let builtin: toml::Table = parse("data/thresholds.toml", THRESHOLDS)?;
        let (table, overrides) = overrides::apply(builtin, file, text)?;
        // Whatever fails now (an ordering, a range) was caused by the institution's file.
        // Keep the place inside the data (e.g. the threshold whose source does not resolve).
        Self::assemble(table, overrides).map_err(|e| KnowledgeError {
            file: if e.file == "thresholds" {
                file.to_owned()
            } else {
                format!("{file} ({})", e.file)
            },
            ..e
        })
    }

    fn assemble(table: toml::Table, overrides: Vec<Override>) -> Result<Self, KnowledgeError> {
        let meta: Meta = parse("data/knowledge.toml", KNOWLEDGE)?;
        let numbers = overrides::numbers(&table);
        let threshold_sources = overrides::sources(&table);
        overrides::check_ranges(&table)?;
        let thresholds: Thresholds = table
            .try_into()
            .map_err(|e: toml::de::Error| KnowledgeError::new("thresholds", "", "", e.message()))?;
        let knowledge = Knowledge {
            version: meta.version,
            classification: meta.classification,
            thoracic_classification: meta.thoracic_classification,
            disclaimer: meta.disclaimer,
            stages: meta.stages,
            thresholds,
            citations: parse::<texts::CitationFile>("data/citations.toml", CITATIONS)?.citation,
            options: parse::<texts::OptionFile>("data/options.toml", OPTIONS)?.option,
            notes: parse("data/notes.toml", NOTES)?,
            corrections: parse("data/corrections.toml", CORRECTIONS)?,
            workup: parse("data/workup.toml", WORKUP)?,
            numbers,
            overrides,
        };
        knowledge.validate(&threshold_sources)?;
        Ok(knowledge)
    }

    /// Replaces every `{section.key}` in `template` with the threshold in force.
    pub fn fill(&self, template: &str) -> String {
        texts::fill(template, &self.numbers)
    }

    /// A note by `section.key` (data/notes.toml), placeholders filled. An id missing from the
    /// data (a test guards against it) shows as itself rather than failing.
    pub fn note(&self, id: &str) -> Note {
        let found = id
            .split_once('.')
            .and_then(|(section, key)| self.notes.get(section)?.get(key));
        match found {
            Some(note) => Note {
                text: self.fill(&note.text),
                source: note.source.clone(),
            },
            None => Note {
                text: id.to_owned(),
                source: String::new(),
            },
        }
    }

    /// A work-up item by key (data/workup.toml).
    pub fn workup_item(&self, id: &str) -> Note {
        self.workup.get(id).map_or_else(
            || Note {
                text: id.to_owned(),
                source: String::new(),
            },
            |n| Note {
                text: self.fill(&n.text),
                source: n.source.clone(),
            },
        )
    }

    /// A seed correction by key (data/corrections.toml), placeholders filled.
    pub fn correction(&self, id: &str) -> Option<Correction> {
        self.corrections.get(id).map(|c| Correction {
            id: id.to_owned(),
            seed: c.seed.clone(),
            evidence: self.fill(&c.evidence),
            source: c.source.clone(),
        })
    }

    /// The title of a stage by id.
    pub fn stage_title(&self, id: &str) -> String {
        self.stages
            .get(id)
            .cloned()
            .unwrap_or_else(|| id.to_owned())
    }

    /// The data of one option.
    pub fn option(&self, id: OptionId) -> Option<&OptionInfo> {
        self.options.iter().find(|o| o.id == id)
    }

    /// The display name of an option.
    pub fn option_name(&self, id: OptionId) -> String {
        self.option(id)
            .map_or_else(|| id.name().to_owned(), |o| o.name.clone())
    }

    /// The citation with this id.
    pub fn citation(&self, id: &str) -> Option<&Citation> {
        self.citations.iter().find(|c| c.id == id)
    }

    /// Every note id (`section.key`), for the test that code and data agree.
    pub fn note_ids(&self) -> Vec<String> {
        self.notes
            .iter()
            .flat_map(|(s, keys)| keys.keys().map(move |k| format!("{s}.{k}")))
            .collect()
    }

    /// Every work-up and correction id, for the same test.
    pub fn workup_ids(&self) -> Vec<String> {
        self.workup.keys().cloned().collect()
    }

    pub fn correction_ids(&self) -> Vec<String> {
        self.corrections.keys().cloned().collect()
    }

    /// Every (place, source id) pair in the data, for validation.
    fn sources(&self, threshold_sources: &[(String, String)]) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (key, source) in threshold_sources {
            out.push((format!("thresholds {key}"), source.clone()));
        }
        for o in &self.options {
            for e in &o.evidence {
                out.push((format!("options {}", o.id), e.source.clone()));
            }
        }
        for (section, keys) in &self.notes {
            for (key, n) in keys {
                out.push((format!("notes {section}.{key}"), n.source.clone()));
            }
        }
        for (key, c) in &self.corrections {
            out.push((format!("corrections {key}"), c.source.clone()));
        }
        for (key, w) in &self.workup {
            out.push((format!("workup {key}"), w.source.clone()));
        }
        out
    }

    /// Checks that the data hold together: ids unique, sources resolve, every option present,
    /// placeholders resolve, numbers in range and ordered.
    fn validate(&self, threshold_sources: &[(String, String)]) -> Result<(), KnowledgeError> {
        let mut seen = std::collections::BTreeSet::new();
        for c in &self.citations {
            if !seen.insert(c.id.as_str()) {
                return Err(KnowledgeError::new(
                    "data/citations.toml",
                    &c.id,
                    "",
                    "duplicate citation id",
                ));
            }
        }
        for (place, source) in self.sources(threshold_sources) {
            if self.citation(&source).is_none() {
                return Err(KnowledgeError::new(
                    &place,
                    "source",
                    &source,
                    "no such citation",
                ));
            }
        }
        for id in OptionId::ALL {
            let count = self.options.iter().filter(|o| o.id == *id).count();
            if count != 1 {
                return Err(KnowledgeError::new(
                    "data/options.toml",
                    id.name(),
                    "",
                    format!("listed {count} times, expected once"),
                ));
            }
        }
        let templates = self
            .notes
            .values()
            .flat_map(|s| s.values().map(|n| n.text.as_str()))
            .chain(self.corrections.values().map(|c| c.evidence.as_str()))
            .chain(self.workup.values().map(|n| n.text.as_str()));
        for template in templates {
            if let Some(missing) = texts::unresolved(template, &self.numbers) {
                return Err(KnowledgeError::new(
                    "notes",
                    &missing,
                    "",
                    "placeholder names no threshold",
                ));
            }
        }
        for (low_key, low, high_key, high) in self.thresholds.ordered_pairs() {
            if low >= high {
                return Err(KnowledgeError::new(
                    "thresholds",
                    low_key,
                    &texts::number(low),
                    format!("must be below {high_key} ({})", texts::number(high)),
                ));
            }
        }
        Ok(())
    }
}
