//! The knowledge base: data/*.toml, parsed and checked at build time (`build.rs`), embedded, and
//! optionally overridden by an institution's file. Rules read numbers and texts only from here.

pub mod embedded;
mod overrides;
pub mod schema;
mod texts;

pub use embedded::{Citation, Evidence, OptionInfo};
pub use overrides::Override;
pub use schema::{SiteSet, Threshold, Thresholds};
pub use texts::number;

use crate::model::patient::FieldSet;
use crate::model::{Field, OptionId, Primary};
use schema::Core;
use serde::Serialize;
use std::collections::BTreeMap;

/// The numeric part of the knowledge base in binary form (texts are static data).
const CORE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/knowledge.bin"));
/// The thresholds as text: an institution's overrides are applied to this table.
const THRESHOLDS: &str = include_str!("../../data/thresholds.toml");

/// The knowledge-base version, as written in data/knowledge.toml (read at build time).
pub const VERSION: &str = env!("NETRIAGE_KNOWLEDGE_VERSION");

/// A note, warning or work-up item with its placeholders filled, and its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    /// Its key in data/*.toml (`section.key`); a brief record names warnings by it.
    #[serde(skip)]
    pub id: &'static str,
    pub text: String,
    pub source: &'static str,
}

impl Note {
    /// The note as shown: its text, then its source id in brackets.
    pub fn into_cited(self) -> String {
        let mut text = self.text;
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Correction {
    pub id: &'static str,
    pub seed: &'static str,
    pub evidence: String,
    pub source: &'static str,
}

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
            key: key.into(),
            value: value.into(),
            message: message.into(),
        }
    }
}

impl SiteSet {
    /// Whether the site is in this set.
    pub fn contains(&self, site: Primary) -> bool {
        self.sites.iter().any(|s| s == site.name())
    }
}

/// Everything the rules and renderers know, with any institutional overrides applied.
#[derive(Debug, Clone)]
pub struct Knowledge {
    pub version: String,
    pub classification: String,
    pub thoracic_classification: String,
    pub disclaimer: String,
    pub thresholds: Thresholds,
    pub citations: &'static [Citation],
    pub options: &'static [OptionInfo],
    pub overrides: Vec<Override>,
    stages: BTreeMap<String, String>,
    /// Every numeric threshold in force, by `section.key`, for `{section.key}` placeholders.
    /// Each option's position in `options`, by `OptionId` (looked up once, at load).
    option_slots: [Option<u8>; OptionId::ALL.len()],
    /// Each option's safety-critical answers, by `OptionId`.
    safety: [FieldSet; OptionId::ALL.len()],
    /// `None`: the built-in values (static data); `Some`: with an institution's overrides.
    numbers: Option<BTreeMap<String, f64>>,
    threshold_sources: Option<Vec<(String, String)>>,
}

fn core() -> Result<Core, KnowledgeError> {
    postcard::from_bytes(CORE).map_err(|e| {
        KnowledgeError::new(
            "data",
            "",
            "",
            format!("embedded knowledge unreadable: {e}"),
        )
    })
}

impl Knowledge {
    /// The built-in knowledge base (checked by the build and by `cargo test`; see `validate`).
    pub fn builtin() -> Result<Self, KnowledgeError> {
        Ok(Self::from_core(core()?, Vec::new()))
    }

    /// The built-in knowledge base with an institution's overrides (`--knowledge FILE`),
    /// validated as a whole.
    pub fn with_overrides(file: &str, text: &str) -> Result<Self, KnowledgeError> {
        let builtin: toml::Table = schema::parse("data/thresholds.toml", THRESHOLDS)
            .map_err(|(f, m)| KnowledgeError::new(&f, "", "", m))?;
        let (table, overrides) = overrides::apply(builtin, file, text)?;
        schema::check_ranges(&table).map_err(|e| {
            KnowledgeError::new(
                file,
                &e.key,
                &number(e.value),
                format!("expected {}", e.expected),
            )
        })?;
        let mut core = core()?;
        core.thresholds =
            schema::thresholds(&table).map_err(|(_, m)| KnowledgeError::new(file, "", "", m))?;
        let mut knowledge = Self::from_core(core, overrides);
        knowledge.numbers = Some(schema::numbers(&table));
        knowledge.threshold_sources = Some(schema::threshold_sources(&table));
        // Whatever fails now (an ordering, a source) was caused by the institution's file; keep
        // the place inside the data (e.g. the threshold whose source does not resolve).
        knowledge.validate().map_err(|e| KnowledgeError {
            file: if e.file == "thresholds" {
                file.to_owned()
            } else {
                format!("{file} ({})", e.file)
            },
            ..e
        })?;
        Ok(knowledge)
    }

    fn from_core(c: Core, overrides: Vec<Override>) -> Self {
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
            version: c.meta.version,
            classification: c.meta.classification,
            thoracic_classification: c.meta.thoracic_classification,
            disclaimer: c.meta.disclaimer,
            stages: c.meta.stages,
            thresholds: c.thresholds,
            citations: embedded::CITATIONS,
            options: embedded::OPTIONS,
            numbers: None,
            threshold_sources: None,
            overrides,
        }
    }

    /// Replaces every `{section.key}` in `template` with the threshold in force.
    pub fn fill(&self, template: &str) -> String {
        texts::fill(template, |key| self.number_of(key))
    }

    /// A threshold's value by `section.key`.
    pub fn number_of(&self, key: &str) -> Option<f64> {
        match &self.numbers {
            Some(numbers) => numbers.get(key).copied(),
            None => embedded::NUMBERS
                .binary_search_by(|(k, _)| (*k).cmp(key))
                .ok()
                .map(|i| embedded::NUMBERS[i].1),
        }
    }

    fn filled(&self, found: Option<&embedded::Text>, id: &str) -> Note {
        // An id missing from the data (a test guards against it) shows as itself.
        found.map_or_else(
            || Note {
                id: "",
                text: id.to_owned(),
                source: "",
            },
            |t| Note {
                id: t.key,
                text: self.fill(t.text),
                source: t.source,
            },
        )
    }

    /// A note by `section.key` (data/notes.toml), placeholders filled.
    pub fn note(&self, id: &str) -> Note {
        self.filled(embedded::find(embedded::NOTES, id), id)
    }

    /// The source of a note, without filling its text.
    pub fn note_source(&self, id: &str) -> &'static str {
        embedded::find(embedded::NOTES, id).map_or("", |t| t.source)
    }

    /// A work-up item by key (data/workup.toml).
    pub fn workup_item(&self, id: &str) -> Note {
        self.filled(embedded::find(embedded::WORKUP, id), id)
    }

    /// A seed correction by key (data/corrections.toml), placeholders filled.
    pub fn correction(&self, id: &str) -> Option<Correction> {
        embedded::CORRECTIONS
            .iter()
            .find(|c| c.key == id)
            .map(|c| Correction {
                id: c.key,
                seed: c.seed,
                evidence: self.fill(c.evidence),
                source: c.source,
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
    /// build time).
    pub fn citation_index(&self, id: &str) -> Option<usize> {
        embedded::CITATION_INDEX
            .binary_search_by(|(key, _)| (*key).cmp(id))
            .ok()
            .map(|i| usize::from(embedded::CITATION_INDEX[i].1))
    }

    /// Every note id (`section.key`), for the test that code and data agree.
    pub fn note_ids(&self) -> Vec<String> {
        embedded::NOTES.iter().map(|t| t.key.to_owned()).collect()
    }

    /// Every work-up id, for the same test.
    pub fn workup_ids(&self) -> Vec<String> {
        embedded::WORKUP.iter().map(|t| t.key.to_owned()).collect()
    }

    /// Every correction id, for the same test.
    pub fn correction_ids(&self) -> Vec<String> {
        embedded::CORRECTIONS
            .iter()
            .map(|c| c.key.to_owned())
            .collect()
    }

    /// Every (place, source id) pair in the data, for validation.
    fn sources(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = match &self.threshold_sources {
            Some(list) => list
                .iter()
                .map(|(key, source)| (format!("thresholds {key}"), source.clone()))
                .collect(),
            None => embedded::THRESHOLD_SOURCES
                .iter()
                .map(|(key, source)| (format!("thresholds {key}"), (*source).to_owned()))
                .collect(),
        };
        for o in self.options {
            for e in o.evidence {
                out.push((format!("options {}", o.id), e.source.to_owned()));
            }
        }
        for (file, list) in [("notes", embedded::NOTES), ("workup", embedded::WORKUP)] {
            for t in list {
                out.push((format!("{file} {}", t.key), t.source.to_owned()));
            }
        }
        for c in embedded::CORRECTIONS {
            out.push((format!("corrections {}", c.key), c.source.to_owned()));
        }
        out
    }

    /// Checks that the data hold together: ids unique, sources resolve, every option present,
    /// site names valid, placeholders resolve, thresholds ordered. The build checks the shape and
    /// the ranges; `cargo test` runs this on the built-in data, and every override runs it.
    pub fn validate(&self) -> Result<(), KnowledgeError> {
        let mut seen = std::collections::BTreeSet::new();
        for c in self.citations {
            if !seen.insert(c.id) {
                return Err(KnowledgeError::new(
                    "data/citations.toml",
                    c.id,
                    "",
                    "duplicate citation id",
                ));
            }
        }
        for (place, source) in self.sources() {
            if self.citation(&source).is_none() {
                return Err(KnowledgeError::new(
                    &place,
                    "source",
                    &source,
                    "no such citation",
                ));
            }
        }
        for (key, set) in self.thresholds.site_sets() {
            if let Some(bad) = set.sites.iter().find(|s| Primary::parse(s).is_none()) {
                return Err(KnowledgeError::new(
                    "thresholds",
                    key,
                    bad,
                    format!("expected sites among {}", Primary::choices()),
                ));
            }
        }
        for o in self.options {
            if OptionId::parse(o.id).is_none() || !self.stages.contains_key(o.stage) {
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
        let templates = embedded::NOTES
            .iter()
            .chain(embedded::WORKUP)
            .map(|t| (t.key, t.text))
            .chain(embedded::CORRECTIONS.iter().map(|c| (c.key, c.evidence)));
        for (key, template) in templates {
            if let Some(missing) = texts::unresolved(template, |key| self.number_of(key)) {
                return Err(KnowledgeError::new(
                    key,
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
        ]
        .map(|f| std::fs::read_to_string(format!("data/{f}.toml")).unwrap())
        .to_vec()
    }

    #[test]
    fn the_embedded_form_is_the_data_folder() {
        let t = files();
        let fresh = schema::compile(&schema::DataFiles {
            knowledge: &t[0],
            thresholds: &t[1],
            citations: &t[2],
            options: &t[3],
            notes: &t[4],
            corrections: &t[5],
            workup: &t[6],
        })
        .unwrap();
        assert_eq!(core().unwrap(), fresh.core);
        assert_eq!(
            schema::texts_source(&fresh),
            include_str!(concat!(env!("OUT_DIR"), "/knowledge_texts.rs"))
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
