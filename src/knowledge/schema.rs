//! The shape of data/*.toml, shared with `build.rs`: the build parses and checks the TOML once
//! and writes it out as Rust statics of these very types (`rust_source`), so a run starts without
//! parsing anything, and an institution's overrides change the same values. This file depends on
//! nothing but serde and toml, because the build script compiles it too.

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Text of the knowledge base: borrowed from the binary, owned once an institution's file sets it.
pub type Text = Cow<'static, str>;

/// A list of primary site names (as in `--primary`).
pub type SiteList = Cow<'static, [Text]>;

/// A number a rule compares with, and where it comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Threshold {
    pub value: f64,
    pub unit: Text,
    pub source: Text,
    pub note: Text,
    /// The values an institution may set, `[min, max]` inclusive (the built-in value too).
    pub range: [f64; 2],
    /// Why the range stops where it does (shown when an override is refused).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<Text>,
}

/// A set of primary sites a rule tests membership of (names as in `--primary`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteSet {
    pub sites: SiteList,
    pub source: Text,
    pub note: Text,
    /// Sites an institution's list must keep.
    #[serde(default, skip_serializing_if = "<[Text]>::is_empty")]
    pub required: SiteList,
    /// Why those sites must stay (shown when an override is refused).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<Text>,
}

/// One entry of the thresholds: a number or a site list.
#[derive(Debug, Clone, Copy)]
pub enum Entry<'a> {
    Number(&'a Threshold),
    Sites(&'a SiteSet),
}

/// One entry of the thresholds, to change.
#[derive(Debug)]
pub enum EntryMut<'a> {
    Number(&'a mut Threshold),
    Sites(&'a mut SiteSet),
}

/// What an entry of a section is: a number or a site list.
pub trait AsEntry {
    fn entry(&self) -> Entry<'_>;
    fn entry_mut(&mut self) -> EntryMut<'_>;
    /// Rust source that builds it.
    fn rust(&self, out: &mut String);
}

/// Rust source for a piece of text.
fn text_rust(text: &str) -> String {
    format!("Cow::Borrowed({text:?})")
}

fn texts_rust(list: &[Text]) -> String {
    let items: Vec<String> = list.iter().map(|t| text_rust(t)).collect();
    format!("Cow::Borrowed(&[{}])", items.join(", "))
}

fn why_rust(why: Option<&Text>) -> String {
    why.map_or_else(|| "None".to_owned(), |w| format!("Some({})", text_rust(w)))
}

impl AsEntry for Threshold {
    fn entry(&self) -> Entry<'_> {
        Entry::Number(self)
    }
    fn entry_mut(&mut self) -> EntryMut<'_> {
        EntryMut::Number(self)
    }
    fn rust(&self, out: &mut String) {
        let _ = write!(
            out,
            "Threshold {{ value: {:?}, unit: {}, source: {}, note: {}, range: [{:?}, {:?}], why: {} }}",
            self.value,
            text_rust(&self.unit),
            text_rust(&self.source),
            text_rust(&self.note),
            self.range[0],
            self.range[1],
            why_rust(self.why.as_ref())
        );
    }
}

impl AsEntry for SiteSet {
    fn entry(&self) -> Entry<'_> {
        Entry::Sites(self)
    }
    fn entry_mut(&mut self) -> EntryMut<'_> {
        EntryMut::Sites(self)
    }
    fn rust(&self, out: &mut String) {
        let _ = write!(
            out,
            "SiteSet {{ sites: {}, source: {}, note: {}, required: {}, why: {} }}",
            texts_rust(&self.sites),
            text_rust(&self.source),
            text_rust(&self.note),
            texts_rust(&self.required),
            why_rust(self.why.as_ref())
        );
    }
}

impl<'a> Entry<'a> {
    /// The entry's source: a citation id, or `institution`.
    pub fn source(self) -> &'a str {
        match self {
            Entry::Number(t) => &t.source,
            Entry::Sites(s) => &s.source,
        }
    }
}

/// The source of a threshold whose value an institution's file set: its own policy, not the
/// guideline's (never shown under the guideline's name).
pub const INSTITUTION: &str = "institution";

/// A section of the thresholds: its entries by key, in the order of data/thresholds.toml.
macro_rules! section {
    ($name:ident { $($field:ident : $ty:ty),+ $(,)? }) => {
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name { $(pub $field: $ty),+ }

        impl $name {
            /// The keys, in the order of data/thresholds.toml.
            pub const KEYS: &'static [&'static str] = &[$(stringify!($field)),+];

            pub fn entry(&self, key: &str) -> Option<Entry<'_>> {
                match key {
                    $(stringify!($field) => Some(self.$field.entry()),)+
                    _ => None,
                }
            }

            pub fn entry_mut(&mut self, key: &str) -> Option<EntryMut<'_>> {
                match key {
                    $(stringify!($field) => Some(self.$field.entry_mut()),)+
                    _ => None,
                }
            }

            fn rust(&self, out: &mut String) {
                out.push_str(concat!("schema::", stringify!($name), " { "));
                $(
                    out.push_str(concat!(stringify!($field), ": "));
                    self.$field.rust(out);
                    out.push_str(", ");
                )+
                out.push('}');
            }
        }
    };
}

/// All of data/thresholds.toml: its sections, in the order of the file.
macro_rules! sections {
    ($($field:ident : $ty:ident),+ $(,)?) => {
        /// All of data/thresholds.toml.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct Thresholds { $(pub $field: $ty),+ }

        impl Thresholds {
            /// Every section and its keys, in the order of data/thresholds.toml.
            pub const ORDER: &'static [(&'static str, &'static [&'static str])] =
                &[$((stringify!($field), $ty::KEYS)),+];

            /// The entry `key` of `section`.
            pub fn entry(&self, section: &str, key: &str) -> Option<Entry<'_>> {
                match section {
                    $(stringify!($field) => self.$field.entry(key),)+
                    _ => None,
                }
            }

            /// The entry `key` of `section`, to change.
            pub fn entry_mut(&mut self, section: &str, key: &str) -> Option<EntryMut<'_>> {
                match section {
                    $(stringify!($field) => self.$field.entry_mut(key),)+
                    _ => None,
                }
            }

            /// Rust source that builds the thresholds (with `Cow`, `schema`, `Threshold` and `SiteSet` in
            /// scope).
            pub fn rust(&self) -> String {
                let mut out = String::from("Thresholds { ");
                $(
                    out.push_str(concat!(stringify!($field), ": "));
                    self.$field.rust(&mut out);
                    out.push_str(", ");
                )+
                out.push('}');
                out
            }
        }
    };
}

section!(Grade {
    ki67_g2_from: Threshold,
    ki67_g3_above: Threshold,
    mitoses_g2_from: Threshold,
    mitoses_g3_above: Threshold,
    ki67_fraction_below: Threshold,
    ki67_nec_typical: Threshold,
});
section!(Lung {
    mitoses_atypical_from: Threshold,
    mitoses_carcinoma_above: Threshold,
});
section!(Performance {
    ecog_limit: Threshold,
    ecog_cytotoxic_limit: Threshold,
    ecog_systemic_limit: Threshold,
});
section!(Ablation {
    max_cm: Threshold,
    reliable_cm: Threshold,
    adjunct_only_lesions_above: Threshold,
});
section!(Transplant {
    ki67_milan_below: Threshold,
    liver_burden_max: Threshold,
    stable_months_min: Threshold,
    age_milan_max: Threshold,
    age_limit: Threshold,
    relative_exclusions_max: Threshold,
    ecog_note_from: Threshold,
    portal_drained: SiteSet,
});
section!(Embolisation {
    liver_burden_limit: Threshold,
    liver_burden_preferred_from: Threshold,
});
section!(Tempo {
    bulky_liver_burden_from: Threshold
});
section!(Surveillance {
    ki67_below: Threshold,
    reimage_months: Threshold,
});
section!(BestSupportiveCare {
    liver_ecog_from: Threshold
});
section!(Ssa {
    ki67_max: Threshold,
    net_g3_ki67_max: Threshold,
});
section!(Prrt {
    ki67_max: Threshold,
    netter2_ki67_from: Threshold,
    netter1_sites: SiteSet,
    compose_ki67_from: Threshold,
    ssa_washout_weeks: Threshold,
    short_acting_stop_hours: Threshold,
    salvage_pfs_months: Threshold,
});
section!(Sclc {
    rechallenge_free_interval_days: Threshold
});
section!(Immunotherapy {
    standard_sites: SiteSet
});
section!(Crisis { sites: SiteSet });
section!(Chemotherapy {
    platinum_ki67_above: Threshold,
    captem_net_g3_ki67_max: Threshold,
    captem_not_standard_sites: SiteSet,
    streptozocin_sites: SiteSet,
});
section!(Targeted {
    sunitinib_sites: SiteSet,
    everolimus_sites: SiteSet,
    everolimus_extrapolated_sites: SiteSet,
});
section!(Sites {
    gep: SiteSet,
    thoracic: SiteSet,
    whipple_likely: SiteSet,
    hereditary_screen: SiteSet,
    brain_mri: SiteSet,
});
section!(Imaging {
    fdg_pet_ki67_from: Threshold
});
section!(Symptoms {
    telotristat_stools_from: Threshold
});

sections! {
    grade: Grade,
    lung: Lung,
    performance: Performance,
    ablation: Ablation,
    transplant: Transplant,
    embolisation: Embolisation,
    tempo: Tempo,
    surveillance: Surveillance,
    best_supportive_care: BestSupportiveCare,
    ssa: Ssa,
    prrt: Prrt,
    sclc: Sclc,
    immunotherapy: Immunotherapy,
    crisis: Crisis,
    chemotherapy: Chemotherapy,
    targeted: Targeted,
    sites: Sites,
    imaging: Imaging,
    symptoms: Symptoms,
}

impl Thresholds {
    /// Every entry as `(section, key, entry)`, in the order of data/thresholds.toml.
    pub fn entries(&self) -> impl Iterator<Item = (&'static str, &'static str, Entry<'_>)> {
        Self::ORDER.iter().flat_map(move |(section, keys)| {
            keys.iter()
                .filter_map(move |key| Some((*section, *key, self.entry(section, key)?)))
        })
    }

    /// A numeric threshold's value by `section.key`.
    pub fn number(&self, id: &str) -> Option<f64> {
        let (section, key) = id.split_once('.')?;
        match self.entry(section, key)? {
            Entry::Number(t) => Some(t.value),
            Entry::Sites(_) => None,
        }
    }

    /// Every site set, by `section.key`, for checking the site names.
    pub fn site_sets(&self) -> impl Iterator<Item = (String, &SiteSet)> {
        self.entries()
            .filter_map(|(section, key, entry)| match entry {
                Entry::Sites(set) => Some((format!("{section}.{key}"), set)),
                Entry::Number(_) => None,
            })
    }

    /// Pairs that must stay strictly ordered (lower, higher), whatever an institution overrides.
    /// The ECOG limits are not ordered: where two apply, the stricter decides (rules.md §3.2).
    pub fn ordered_pairs(&self) -> [(&'static str, f64, &'static str, f64); 8] {
        [
            (
                "grade.ki67_g2_from",
                self.grade.ki67_g2_from.value,
                "grade.ki67_g3_above",
                self.grade.ki67_g3_above.value,
            ),
            (
                "grade.mitoses_g2_from",
                self.grade.mitoses_g2_from.value,
                "grade.mitoses_g3_above",
                self.grade.mitoses_g3_above.value,
            ),
            (
                "lung.mitoses_atypical_from",
                self.lung.mitoses_atypical_from.value,
                "lung.mitoses_carcinoma_above",
                self.lung.mitoses_carcinoma_above.value,
            ),
            (
                "ablation.reliable_cm",
                self.ablation.reliable_cm.value,
                "ablation.max_cm",
                self.ablation.max_cm.value,
            ),
            (
                "transplant.age_milan_max",
                self.transplant.age_milan_max.value,
                "transplant.age_limit",
                self.transplant.age_limit.value,
            ),
            (
                "tempo.bulky_liver_burden_from",
                self.tempo.bulky_liver_burden_from.value,
                "embolisation.liver_burden_limit",
                self.embolisation.liver_burden_limit.value,
            ),
            (
                "prrt.netter2_ki67_from",
                self.prrt.netter2_ki67_from.value,
                "prrt.ki67_max",
                self.prrt.ki67_max.value,
            ),
            (
                "prrt.compose_ki67_from",
                self.prrt.compose_ki67_from.value,
                "prrt.ki67_max",
                self.prrt.ki67_max.value,
            ),
        ]
    }
}

/// Text of the knowledge base that no override changes: a literal in the binary. (An alias, so
/// that serde does not take the field for one borrowed from its input.)
pub type Literal = &'static str;

/// Text read by the build and kept for the life of the process: the build writes it out as a
/// literal, so only the build script (and the test that the statics are fresh) ever reads it this
/// way, once.
fn leak<'de, D: Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    String::deserialize(d).map(|s| &*Box::leak(s.into_boxed_str()))
}

/// An optional text read by the build, kept likewise.
#[allow(clippy::unnecessary_wraps)] // serde's `deserialize_with` signature
fn leak_some<'de, D: Deserializer<'de>>(d: D) -> Result<Option<&'static str>, D::Error> {
    leak(d).map(Some)
}

/// A list read by the build, kept likewise.
fn leak_list<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<&'static [T], D::Error> {
    Vec::<T>::deserialize(d).map(|v| &*Box::leak(v.into_boxed_slice()))
}

/// A list of texts read by the build, kept likewise.
fn leak_texts<'de, D: Deserializer<'de>>(d: D) -> Result<&'static [&'static str], D::Error> {
    let list = Vec::<String>::deserialize(d)?;
    let texts: Vec<&'static str> = list
        .into_iter()
        .map(|s| &*Box::leak(s.into_boxed_str()))
        .collect();
    Ok(Box::leak(texts.into_boxed_slice()))
}

/// Evidence by syndrome read by the build, kept likewise (sorted by syndrome).
fn leak_by_syndrome<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<&'static [(&'static str, &'static [Evidence])], D::Error> {
    let map = BTreeMap::<String, Vec<Evidence>>::deserialize(d)?;
    let pairs: Vec<(&'static str, &'static [Evidence])> = map
        .into_iter()
        .map(|(k, v)| {
            (
                &*Box::leak(k.into_boxed_str()),
                &*Box::leak(v.into_boxed_slice()),
            )
        })
        .collect();
    Ok(Box::leak(pairs.into_boxed_slice()))
}

/// The JSON Schema of a knowledge-base type as netriage writes it (in reports), not as the data
/// file is read: what the file refuses (unknown keys) and what it may leave out are the build's
/// concern, not a reader's.
fn as_written(schema: &mut schemars::Schema) {
    schema.remove("additionalProperties");
    if let Some(properties) = schema
        .get_mut("properties")
        .and_then(serde_json::Value::as_object_mut)
    {
        for property in properties.values_mut() {
            if let Some(property) = property.as_object_mut() {
                property.remove("default");
            }
        }
    }
}

/// A source cited by the knowledge base.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = as_written)]
pub struct Citation {
    #[serde(deserialize_with = "leak")]
    pub id: Literal,
    #[serde(deserialize_with = "leak")]
    pub reference: Literal,
    #[serde(default)]
    pub year: Option<u16>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CitationFile {
    citation: Vec<Citation>,
}

/// A figure shown with an option, with its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = as_written)]
pub struct Evidence {
    #[serde(deserialize_with = "leak")]
    pub text: Literal,
    #[serde(deserialize_with = "leak")]
    pub source: Literal,
}

/// A note, warning or work-up item, its text possibly holding `{section.key}` placeholders,
/// with its source: the form `build.rs` parses and checks. The binary holds one type for it,
/// `knowledge::Note` (generated by [`Note::rust`] with its key, its texts borrowed), which
/// `build.rs` cannot name: it compiles this file alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    #[serde(deserialize_with = "leak")]
    pub text: Literal,
    /// The same in one line, for a standard report (the full text stays in JSON and at
    /// `--detail full`); `None` when the text is short already.
    #[serde(default, deserialize_with = "leak_some")]
    pub brief: Option<Literal>,
    #[serde(deserialize_with = "leak")]
    pub source: Literal,
}

impl Note {
    /// Rust source that builds it as a `knowledge::Note` keyed `key`, its texts borrowed.
    fn rust(&self, key: &str) -> String {
        let brief = self.brief.map_or_else(
            || "None".to_owned(),
            |b| format!("Some(Cow::Borrowed({b:?}))"),
        );
        format!(
            "Note {{ id: {key:?}, text: Cow::Borrowed({:?}), brief: {brief}, source: {:?} }}",
            self.text, self.source
        )
    }
}

/// The longest brief, with its source id in brackets: one line of a report at 100 columns, past
/// the item's indent.
pub const BRIEF_MAX: usize = 94;

/// One treatment option's data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionInfo {
    /// The contract's option id.
    #[serde(deserialize_with = "leak")]
    pub id: Literal,
    #[serde(deserialize_with = "leak")]
    pub stage: Literal,
    /// Its place among the option columns of the cohort CSV, from 1 (also the order of
    /// `OptionId::ALL`).
    pub column: u32,
    /// Its classes (`Tag` names): what the rules ask of it.
    #[serde(deserialize_with = "leak_texts")]
    pub tags: &'static [&'static str],
    #[serde(deserialize_with = "leak")]
    pub name: Literal,
    /// Other names people write for it (drug names, abbreviations), accepted wherever a
    /// treatment is named: lower case, `-` between words.
    #[serde(default, deserialize_with = "leak_texts")]
    pub aliases: &'static [&'static str],
    /// Patient fields whose unknown answer caps the option at `consider` and is confirmed
    /// first (rules.md §3, "safety-critical").
    #[serde(default, deserialize_with = "leak_texts")]
    pub safety_critical: &'static [&'static str],
    #[serde(deserialize_with = "leak_list")]
    pub evidence: &'static [Evidence],
    /// Evidence about a hormonal syndrome, by `--syndrome` value: shown instead of `evidence`
    /// when the option is offered in the symptom stage for that syndrome (rules.md §4.6, L6).
    #[serde(default, deserialize_with = "leak_by_syndrome")]
    pub symptom_evidence: &'static [(&'static str, &'static [Evidence])],
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OptionFile {
    option: Vec<OptionInfo>,
}

/// Where the seed article is wrong or out of date: what it said and what the evidence says
/// instead (placeholders unfilled), as `build.rs` parses and checks it. The binary holds it as a
/// `knowledge::Correction` (its texts borrowed, its `when` parsed into `CORRECTION_WHEN`), which
/// `build.rs` cannot name: it compiles this file alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedCorrection {
    /// Its key in data/corrections.toml.
    #[serde(skip)]
    pub key: Literal,
    /// The row of facts.md §8: the order in a report.
    pub row: u32,
    /// When the correction bears on the patient (grammar in data/corrections.toml).
    #[serde(deserialize_with = "leak")]
    pub when: Literal,
    #[serde(deserialize_with = "leak")]
    pub seed: Literal,
    #[serde(deserialize_with = "leak")]
    pub evidence: Literal,
    /// The correction in one line that reads on its own, for a standard report.
    #[serde(deserialize_with = "leak")]
    pub brief: Literal,
    #[serde(deserialize_with = "leak")]
    pub source: Literal,
}

/// data/knowledge.toml: the version, classification names, disclaimer and stage titles.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    pub version: Text,
    pub classification: Text,
    /// The citation of the classification (the grade's source).
    pub classification_source: Text,
    pub thoracic_classification: Text,
    pub thoracic_classification_source: Text,
    pub disclaimer: Text,
    /// The disclaimer in one line, for a brief or standard report.
    pub disclaimer_brief: Text,
    /// Stage titles by stage id, sorted by id.
    #[serde(deserialize_with = "pairs")]
    pub stages: Cow<'static, [(Text, Text)]>,
}

/// A table of texts as `(key, text)` pairs, sorted by key.
fn pairs<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Cow<'static, [(Text, Text)]>, D::Error> {
    let map = BTreeMap::<String, String>::deserialize(d)?;
    Ok(map
        .into_iter()
        .map(|(k, v)| (Text::Owned(k), Text::Owned(v)))
        .collect())
}

impl Meta {
    /// The title of a stage.
    pub fn stage(&self, id: &str) -> Option<&Text> {
        self.stages.iter().find(|(k, _)| k == id).map(|(_, v)| v)
    }

    /// Rust source that builds it.
    pub fn rust(&self) -> String {
        let stages: Vec<String> = self
            .stages
            .iter()
            .map(|(k, v)| format!("({}, {})", text_rust(k), text_rust(v)))
            .collect();
        format!(
            "Meta {{ version: {}, classification: {}, classification_source: {}, thoracic_classification: {}, thoracic_classification_source: {}, disclaimer: {}, disclaimer_brief: {}, stages: Cow::Borrowed(&[{}]) }}",
            text_rust(&self.version),
            text_rust(&self.classification),
            text_rust(&self.classification_source),
            text_rust(&self.thoracic_classification),
            text_rust(&self.thoracic_classification_source),
            text_rust(&self.disclaimer),
            text_rust(&self.disclaimer_brief),
            stages.join(", ")
        )
    }
}

/// The texts of data/*.toml, by file name.
pub struct DataFiles<'a> {
    pub knowledge: &'a str,
    pub thresholds: &'a str,
    pub citations: &'a str,
    pub options: &'a str,
    pub notes: &'a str,
    pub corrections: &'a str,
    pub workup: &'a str,
    pub criteria: &'a str,
}

/// Everything in data/, parsed, typed and checked; embedded as static Rust data.
#[derive(Debug, Clone, PartialEq)]
pub struct Compiled {
    pub meta: Meta,
    pub thresholds: Thresholds,
    pub citations: Vec<Citation>,
    pub options: Vec<OptionInfo>,
    /// Every note by `section.key`, sorted by key.
    pub notes: Vec<(String, Note)>,
    /// Every work-up item by key, sorted by key.
    pub workup: Vec<(String, Note)>,
    /// The seed corrections in the order a report shows them (facts.md §8).
    pub corrections: Vec<SeedCorrection>,
    /// The sentences of the eligibility rules (data/criteria.toml).
    pub sentences: Sentences,
}

/// A file that does not parse: (file, message with line).
pub type ParseError = (String, String);

pub fn parse<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<T, ParseError> {
    toml::from_str(text).map_err(|e| {
        let line = e
            .span()
            .and_then(|s| text.get(..s.start))
            .map_or(0, |t| t.lines().count().max(1));
        (
            file.to_owned(),
            format!("{} (line {line})", e.message().trim()),
        )
    })
}

pub fn as_number(value: &toml::Value) -> Option<f64> {
    match value {
        toml::Value::Float(f) if f.is_finite() => Some(*f),
        // Thresholds are small; the conversion is exact for any sensible value.
        #[allow(clippy::cast_precision_loss)]
        toml::Value::Integer(i) => Some(*i as f64),
        _ => None,
    }
}

/// Parses every data file.
pub fn compile(files: &DataFiles) -> Result<Compiled, ParseError> {
    let thresholds: Thresholds = parse("data/thresholds.toml", files.thresholds)?;
    check_ranges(&thresholds).map_err(|e| {
        (
            "data/thresholds.toml".to_owned(),
            format!("{} = {}: {}", e.key, e.value, e.message),
        )
    })?;
    let meta: Meta = parse("data/knowledge.toml", files.knowledge)?;
    let options = parse::<OptionFile>("data/options.toml", files.options)?.option;
    super::classes::check(&options, &meta)?;
    let mut notes: Vec<(String, Note)> =
        parse::<BTreeMap<String, BTreeMap<String, Note>>>("data/notes.toml", files.notes)?
            .into_iter()
            .flat_map(|(s, keys)| keys.into_iter().map(move |(k, n)| (format!("{s}.{k}"), n)))
            .collect();
    // Sorted by the whole key, for the binary search (`section.key`, `-` sorts before `.`).
    notes.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(Compiled {
        meta,
        thresholds,
        citations: citations(files.citations)?,
        options,
        notes,
        workup: parse::<BTreeMap<String, Note>>("data/workup.toml", files.workup)?
            .into_iter()
            .collect(),
        corrections: corrections(parse("data/corrections.toml", files.corrections)?),
        sentences: sentences(files.criteria)?,
    })
    .and_then(|compiled| {
        for x in &compiled.corrections {
            if let Err(message) = when_source(x.when, &compiled.options) {
                return Err((
                    "data/corrections.toml".to_owned(),
                    format!("{}.when: {message}", x.key),
                ));
            }
        }
        check_sources(&compiled)?;
        check_placeholders(&compiled)?;
        check_briefs(&compiled)?;
        check_sentences(&compiled)?;
        Ok(compiled)
    })
}

/// Every source names a citation (data/citations.toml).
fn check_sources(c: &Compiled) -> Result<(), ParseError> {
    let known: std::collections::BTreeSet<&str> = c.citations.iter().map(|x| x.id).collect();
    // (file, entry, source)
    let mut sources: Vec<(&str, String, &str)> = c
        .thresholds
        .entries()
        .map(|(section, key, entry)| ("thresholds", format!("{section}.{key}"), entry.source()))
        .collect();
    for (key, source) in [
        ("classification_source", &c.meta.classification_source),
        (
            "thoracic_classification_source",
            &c.meta.thoracic_classification_source,
        ),
    ] {
        sources.push(("knowledge", key.to_owned(), source));
    }
    for o in &c.options {
        let by_syndrome = o.symptom_evidence.iter().flat_map(|(_, list)| list.iter());
        for e in o.evidence.iter().chain(by_syndrome) {
            sources.push(("options", format!("option {}", o.id), e.source));
        }
    }
    for (file, list) in [("notes", &c.notes), ("workup", &c.workup)] {
        for (key, n) in list {
            sources.push((file, key.clone(), n.source));
        }
    }
    for x in &c.corrections {
        sources.push(("corrections", x.key.to_owned(), x.source));
    }
    match sources
        .into_iter()
        .find(|(_, _, source)| !known.contains(source))
    {
        Some((file, entry, source)) => Err((
            format!("data/{file}.toml"),
            format!("{entry}: source `{source}` is not in data/citations.toml"),
        )),
        None => Ok(()),
    }
}

/// A text cut at its first `{key}` placeholder: (before, key, after).
pub fn split_placeholder(text: &str) -> Option<(&str, &str, &str)> {
    // memchr: most texts have no placeholder, and the search runs for every note of a report.
    let open = memchr::memchr(b'{', text.as_bytes())?;
    let after_open = text.get(open + 1..)?;
    let close = memchr::memchr(b'}', after_open.as_bytes())?;
    Some((
        text.get(..open)?,
        after_open.get(..close)?,
        after_open.get(close + 1..)?,
    ))
}

/// The keys of a text's `{key}` placeholders, in order.
pub fn placeholder_keys(template: &str) -> impl Iterator<Item = &str> {
    let mut rest = template;
    std::iter::from_fn(move || {
        let (_, key, after) = split_placeholder(rest)?;
        rest = after;
        Some(key)
    })
}

/// Every `{section.key}` placeholder of a note, work-up item or correction names a threshold (a
/// key without a section, `{ki67}`, is the patient's own value, filled by the rule that shows it).
fn check_placeholders(c: &Compiled) -> Result<(), ParseError> {
    /// Each text of a note list, its brief included.
    fn noted<'a>(
        file: &'static str,
        list: &'a [(String, Note)],
    ) -> impl Iterator<Item = (&'static str, &'a str, &'static str)> {
        list.iter().flat_map(move |(key, n)| {
            std::iter::once(n.text)
                .chain(n.brief)
                .map(move |text| (file, key.as_str(), text))
        })
    }
    let templates = noted("data/notes.toml", &c.notes)
        .chain(noted("data/workup.toml", &c.workup))
        .chain(c.corrections.iter().flat_map(|x| {
            [x.evidence, x.brief].map(|text| ("data/corrections.toml", x.key, text))
        }));
    for (file, key, template) in templates {
        let unknown = placeholder_keys(template)
            .find(|k| k.contains('.') && c.thresholds.number(k).is_none());
        if let Some(unknown) = unknown {
            return Err((
                file.to_owned(),
                format!("{key}: placeholder {{{unknown}}} names no threshold"),
            ));
        }
    }
    Ok(())
}

/// A brief is one line: shorter than its text, and within [`BRIEF_MAX`] with its source, its
/// placeholders holding the built-in thresholds.
fn check_briefs(c: &Compiled) -> Result<(), ParseError> {
    let noted = [
        ("data/notes.toml", &c.notes),
        ("data/workup.toml", &c.workup),
    ]
    .into_iter()
    .flat_map(|(file, list)| {
        list.iter()
            .filter_map(move |(key, n)| Some((file, key.as_str(), n.brief?, n.text, n.source)))
    });
    let corrected = c.corrections.iter().map(|x| {
        (
            "data/corrections.toml",
            x.key,
            x.brief,
            x.evidence,
            x.source,
        )
    });
    // The disclaimer's brief closes a report on a line of its own (100 columns when not a
    // terminal).
    let meta = &c.meta;
    if meta.disclaimer_brief.chars().count() > 100
        || meta.disclaimer_brief.len() >= meta.disclaimer.len()
    {
        return Err((
            "data/knowledge.toml".to_owned(),
            "disclaimer_brief: must be shorter than the disclaimer and fit 100 columns".to_owned(),
        ));
    }
    for (file, key, brief, text, source) in noted.chain(corrected) {
        let columns = filled_width(brief, c) + source.len() + 3;
        if columns > BRIEF_MAX || brief.len() >= text.len() {
            return Err((
                file.to_owned(),
                format!(
                    "{key}: the brief must be shorter than the text and fit {BRIEF_MAX} columns with its source (it takes {columns})"
                ),
            ));
        }
    }
    Ok(())
}

/// The columns `template` takes once its placeholders hold the built-in thresholds.
fn filled_width(template: &str, c: &Compiled) -> usize {
    let mut width = 0;
    let mut rest = template;
    while let Some((before, key, after)) = split_placeholder(rest) {
        let value = c.thresholds.number(key).map(|v| v.to_string());
        width += before.chars().count() + value.map_or(key.len() + 2, |v| v.len());
        rest = after;
    }
    width + rest.chars().count()
}

/// The citations, no two of which share a key.
fn citations(text: &str) -> Result<Vec<Citation>, ParseError> {
    let list = parse::<CitationFile>("data/citations.toml", text)?.citation;
    let mut keys: Vec<(u64, &str)> = list.iter().map(|c| (citation_key(c.id), c.id)).collect();
    keys.sort_unstable();
    if let Some(pair) = keys.windows(2).find(|pair| pair[0].0 == pair[1].0) {
        return Err((
            "data/citations.toml".to_owned(),
            format!(
                "citation ids `{}` and `{}` share a key: rename one",
                pair[0].1, pair[1].1
            ),
        ));
    }
    Ok(list)
}

/// A citation id as a number (64-bit FNV-1a), so that looking one up compares numbers rather
/// than strings; the build refuses two ids with one key.
pub fn citation_key(id: &str) -> u64 {
    id.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The Rust name of a data id: `capecitabine-temozolomide` → `CapecitabineTemozolomide`.
pub fn rust_name(id: &str) -> String {
    id.split('-')
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |c| {
                c.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect()
}

/// The kinds of condition a correction's `when` may name, and the Rust they become.
const WHEN_KINDS: [(&str, &str); 4] = [
    ("eligible", "Atom::Eligible(OptionId::"),
    ("not-ruled-out", "Atom::NotRuledOut(OptionId::"),
    ("category", "Atom::Category(Category::"),
    ("primary", "Atom::Primary(Primary::"),
];

/// A correction's `when` (data/corrections.toml): alternatives joined by " or ", each a set of
/// conditions `KIND:VALUE` joined by " and ", as Rust (`&[&[Atom]]`). Option ids are checked
/// against `options`; categories and sites by the compiler, which knows their names.
pub fn when_source(when: &str, options: &[OptionInfo]) -> Result<String, String> {
    let mut alternatives = Vec::new();
    for all in when.split(" or ") {
        let mut atoms = Vec::new();
        for atom in all.split(" and ").map(str::trim) {
            let (kind, value) = atom
                .split_once(':')
                .ok_or_else(|| format!("`{atom}`: expected KIND:VALUE"))?;
            let (_, rust) = WHEN_KINDS.iter().find(|(k, _)| *k == kind).ok_or_else(|| {
                format!("`{atom}`: expected eligible, not-ruled-out, category or primary")
            })?;
            let names_option = rust.contains("OptionId");
            if names_option && !options.iter().any(|o| o.id == value) {
                return Err(format!("`{atom}`: no option {value}"));
            }
            if value.is_empty()
                || !value
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
            {
                return Err(format!("`{atom}`: expected a lowercase name"));
            }
            atoms.push(format!("{rust}{})", rust_name(value)));
        }
        alternatives.push(format!("&[{}]", atoms.join(", ")));
    }
    Ok(format!("&[{}]", alternatives.join(", ")))
}

/// The seed corrections with their keys, in the order of facts.md §8 (the order a report shows
/// them in).
fn corrections(by_key: BTreeMap<String, SeedCorrection>) -> Vec<SeedCorrection> {
    let mut list: Vec<SeedCorrection> = by_key
        .into_iter()
        .map(|(key, c)| SeedCorrection {
            key: Box::leak(key.into_boxed_str()),
            ..c
        })
        .collect();
    list.sort_by_key(|c| (c.row, c.key));
    list
}

/// A threshold outside the range its entry allows.
#[derive(Debug)]
pub struct RangeError {
    pub key: String,
    /// The value as given (shortest form that reads back the same).
    pub value: String,
    pub message: String,
}

/// Every numeric entry lies within its own `range`, which is finite, ordered, at least 0 and for
/// a percentage at most 100; every site list keeps its `required` sites. The entries are checked
/// in the order of their names, so that the first fault named is always the same.
pub fn check_ranges(thresholds: &Thresholds) -> Result<(), RangeError> {
    let mut entries: Vec<_> = thresholds.entries().collect();
    entries.sort_by_key(|(section, key, _)| (*section, *key));
    for (section, key, entry) in entries {
        let key = format!("{section}.{key}");
        let why = |why: Option<&Text>| why.map_or_else(String::new, |w| format!("; {w}"));
        let t = match entry {
            Entry::Sites(set) => {
                if let Some(missing) = set.required.iter().find(|site| !set.sites.contains(site)) {
                    return Err(RangeError {
                        value: format!("[{}]", set.sites.join(", ")),
                        message: format!("must keep {missing}{}", why(set.why.as_ref())),
                        key,
                    });
                }
                continue;
            }
            Entry::Number(t) => t,
        };
        let percent = t.unit == "%";
        let ceiling = if percent { 100.0 } else { f64::MAX };
        let [min, max] = t.range;
        if !(0.0 <= min && min <= max && max <= ceiling) {
            return Err(RangeError {
                value: shortest(t.value),
                message: format!(
                    "needs `range = [min, max]` with 0 <= min <= max{}",
                    if percent { " <= 100" } else { "" }
                ),
                key,
            });
        }
        if !(min..=max).contains(&t.value) {
            let unit = if t.unit.is_empty() {
                String::new()
            } else {
                format!(" ({})", t.unit)
            };
            return Err(RangeError {
                value: shortest(t.value),
                message: format!(
                    "outside the allowed range {} to {}{unit}{}",
                    shortest(min),
                    shortest(max),
                    why(t.why.as_ref())
                ),
                key,
            });
        }
    }
    Ok(())
}

/// A number in the shortest form that reads back as the same value (`3`, `3.001`).
pub fn shortest(value: f64) -> String {
    format!("{value}")
}

/// One sentence of data/criteria.toml: a criterion's or a preference's text, and its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// A criterion's id (JSON `criteria[].id`); a preference's `option.key`.
    pub id: Literal,
    /// Its key in data/criteria.toml, for messages (`impaired-liver-function.tace`).
    pub key: Literal,
    /// The text, with `{section.key}` placeholders (and `{name}` ones its rule fills).
    pub text: Literal,
    /// A citation id, or a threshold's `section.key`: that threshold's source in force.
    pub source: Literal,
}

/// data/criteria.toml: every sentence with the Rust name of its id, the phrases, and the words
/// for primary sites.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sentences {
    /// (Rust name, sentence), sorted by key.
    pub criteria: Vec<(String, Sentence)>,
    pub preferences: Vec<(String, Sentence)>,
    /// (Rust name, key, text), sorted by key.
    pub phrases: Vec<(String, Literal, Literal)>,
    /// (site, words), in reading order.
    pub site_words: Vec<(Literal, Literal)>,
    /// (words, sites): named as the group when every one of its sites is in a list.
    pub site_groups: Vec<(Literal, Vec<Literal>)>,
    /// An empty site list in words.
    pub sites_none: Literal,
}

const CRITERIA_FILE: &str = "data/criteria.toml";

fn criteria_error(message: String) -> ParseError {
    (CRITERIA_FILE.to_owned(), message)
}

/// An id of data/criteria.toml: lowercase words joined by `-`, each starting with a letter (so
/// that it makes a Rust name).
fn is_kebab_id(id: &str) -> bool {
    id.split('-').all(|w| {
        w.starts_with(|c: char| c.is_ascii_lowercase())
            && w.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    })
}

fn leak_str(s: &str) -> Literal {
    Box::leak(s.to_owned().into_boxed_str())
}

/// `{ text = "…", source = "…" }` at `key`, nothing else.
fn sentence_at(id: &str, key: &str, value: &toml::Value) -> Result<Sentence, ParseError> {
    let table = value.as_table().ok_or_else(|| {
        criteria_error(format!(
            "{key}: expected {{ text = \"…\", source = \"…\" }}"
        ))
    })?;
    let field = |name: &str| {
        table
            .get(name)
            .and_then(toml::Value::as_str)
            .filter(|s| !s.trim().is_empty())
            .ok_or_else(|| criteria_error(format!("{key}: needs `{name}`, a text")))
    };
    if let Some(other) = table
        .keys()
        .find(|k| !matches!(k.as_str(), "text" | "source"))
    {
        return Err(criteria_error(format!(
            "{key}: unknown key `{other}` (expected `text` and `source`)"
        )));
    }
    Ok(Sentence {
        id: leak_str(id),
        key: leak_str(key),
        text: leak_str(field("text")?),
        source: leak_str(field("source")?),
    })
}

/// The id's words as a checked key.
fn checked_id<'a>(what: &str, id: &'a str) -> Result<&'a str, ParseError> {
    if is_kebab_id(id) {
        Ok(id)
    } else {
        Err(criteria_error(format!(
            "{what} `{id}`: expected lowercase words joined by `-`, each starting with a letter"
        )))
    }
}

/// Parses data/criteria.toml (its meaning is checked by `check_sentences`).
fn sentences(text: &str) -> Result<Sentences, ParseError> {
    let file: toml::Table = parse(CRITERIA_FILE, text)?;
    let section = |name: &str| -> Result<&toml::Table, ParseError> {
        file.get(name)
            .and_then(toml::Value::as_table)
            .ok_or_else(|| criteria_error(format!("needs a [{name}] table")))
    };
    if let Some(other) = file
        .keys()
        .find(|k| !matches!(k.as_str(), "criterion" | "preference" | "phrase" | "sites"))
    {
        return Err(criteria_error(format!(
            "unknown table [{other}] (expected criterion, preference, phrase, sites)"
        )));
    }
    let mut out = Sentences::default();
    for (id, value) in section("criterion")? {
        let id = checked_id("criterion", id)?;
        let qualified = value.as_table().is_some_and(|t| !t.contains_key("text"));
        if !qualified {
            out.criteria
                .push((rust_name(id), sentence_at(id, id, value)?));
            continue;
        }
        for (qualifier, value) in value.as_table().into_iter().flatten() {
            let qualifier = checked_id("qualifier", qualifier)?;
            let key = format!("{id}.{qualifier}");
            let name = rust_name(id) + &rust_name(qualifier);
            out.criteria.push((name, sentence_at(id, &key, value)?));
        }
    }
    for (option, list) in section("preference")? {
        let option = checked_id("option", option)?;
        let list = list.as_table().ok_or_else(|| {
            criteria_error(format!(
                "preference.{option}: expected a table of preferences"
            ))
        })?;
        for (key, value) in list {
            let key = checked_id("preference", key)?;
            let id = format!("{option}.{key}");
            let name = rust_name(option) + &rust_name(key);
            out.preferences.push((name, sentence_at(&id, &id, value)?));
        }
    }
    for (key, value) in section("phrase")? {
        let key = checked_id("phrase", key)?;
        let text = value
            .as_str()
            .ok_or_else(|| criteria_error(format!("phrase.{key}: expected a text")))?;
        out.phrases
            .push((rust_name(key), leak_str(key), leak_str(text)));
    }
    let sites = section("sites")?;
    let strings = |value: &toml::Value, what: &str| -> Result<Vec<Literal>, ParseError> {
        value
            .as_array()
            .and_then(|list| list.iter().map(|v| v.as_str().map(leak_str)).collect())
            .ok_or_else(|| criteria_error(format!("sites.{what}: expected a list of texts")))
    };
    for pair in sites
        .get("words")
        .and_then(toml::Value::as_array)
        .into_iter()
        .flatten()
    {
        match strings(pair, "words")?.as_slice() {
            [site, words] => out.site_words.push((site, words)),
            _ => {
                return Err(criteria_error(
                    "sites.words: expected [site, words] pairs".to_owned(),
                ))
            }
        }
    }
    for group in sites
        .get("groups")
        .and_then(toml::Value::as_array)
        .into_iter()
        .flatten()
    {
        let words = group.get("words").and_then(toml::Value::as_str);
        let list = group.get("sites").map(|s| strings(s, "groups"));
        match (words, list) {
            (Some(words), Some(list)) => out.site_groups.push((leak_str(words), list?)),
            _ => {
                return Err(criteria_error(
                    "sites.groups: expected { words = \"…\", sites = [...] }".to_owned(),
                ))
            }
        }
    }
    out.sites_none = sites
        .get("none")
        .and_then(toml::Value::as_str)
        .map(leak_str)
        .ok_or_else(|| criteria_error("sites.none: expected a text".to_owned()))?;
    if let Some(other) = sites
        .keys()
        .find(|k| !matches!(k.as_str(), "words" | "groups" | "none"))
    {
        return Err(criteria_error(format!(
            "sites: unknown key `{other}` (expected words, groups, none)"
        )));
    }
    Ok(out)
}

/// data/criteria.toml holds together: a preference names an option; every source is a citation
/// or a threshold; every `{section.key}` names a threshold (a number or a site list); every site
/// of a site list, and of a group, has its words.
fn check_sentences(c: &Compiled) -> Result<(), ParseError> {
    let s = &c.sentences;
    let threshold = |key: &str| {
        key.split_once('.')
            .and_then(|(section, key)| c.thresholds.entry(section, key))
    };
    let citation = |id: &str| c.citations.iter().any(|x| x.id == id);
    for (_, p) in &s.preferences {
        let option = p.id.split_once('.').map_or(p.id, |(o, _)| o);
        if !c.options.iter().any(|o| o.id == option) {
            return Err(criteria_error(format!(
                "preference.{}: no option {option}",
                p.key
            )));
        }
    }
    let sentences = s.criteria.iter().map(|(_, x)| ("criterion", x));
    for (what, x) in sentences.chain(s.preferences.iter().map(|(_, x)| ("preference", x))) {
        if !citation(x.source) && threshold(x.source).is_none() {
            return Err(criteria_error(format!(
                "{what} {}: source `{}` is neither in data/citations.toml nor a threshold",
                x.key, x.source
            )));
        }
    }
    let texts = s
        .criteria
        .iter()
        .chain(&s.preferences)
        .map(|(_, x)| (x.key, x.text))
        .chain(s.phrases.iter().map(|(_, key, text)| (*key, *text)));
    for (key, text) in texts {
        if let Some(unknown) =
            placeholder_keys(text).find(|k| k.contains('.') && threshold(k).is_none())
        {
            return Err(criteria_error(format!(
                "{key}: placeholder {{{unknown}}} names no threshold"
            )));
        }
    }
    if s.site_words.len() > 32 {
        return Err(criteria_error(
            "sites.words: at most 32 sites (a list is read as bits)".to_owned(),
        ));
    }
    let has_words = |site: &str| s.site_words.iter().any(|(w, _)| *w == site);
    let lists = c
        .thresholds
        .site_sets()
        .map(|(key, set)| (key, set.sites.iter().map(|t| &**t).collect::<Vec<&str>>()));
    let groups = s
        .site_groups
        .iter()
        .map(|(words, sites)| (format!("sites.groups {words}"), sites.clone()));
    for (key, sites) in lists.chain(groups) {
        if let Some(site) = sites.iter().find(|site| !has_words(site)) {
            return Err(criteria_error(format!(
                "sites.words: no words for `{site}` (in {key})"
            )));
        }
    }
    Ok(())
}

/// Where a sentence's text takes a threshold in force from (generated: a field access the
/// compiler checks, not a name looked up at run time).
pub type EntryOf = for<'a> fn(&'a Thresholds) -> Entry<'a>;

/// A piece of an embedded sentence, its placeholders resolved by the build.
#[derive(Debug, Clone, Copy)]
pub enum Piece {
    Text(Literal),
    /// A `{section.key}`: a number, or a site list in words.
    Threshold(EntryOf),
    /// A `{name}` its rule fills.
    Rule(Literal),
}

/// What an embedded sentence cites.
#[derive(Debug, Clone, Copy)]
pub enum Cites {
    Citation(Literal),
    /// The source in force of a threshold.
    Threshold(EntryOf),
}

/// A criterion's or preference's sentence as embedded.
#[derive(Debug, Clone, Copy)]
pub struct Template {
    /// A criterion's id (JSON `criteria[].id`).
    pub id: Literal,
    pub pieces: &'static [Piece],
    pub source: Cites,
}

/// Rust for a threshold's entry by `section.key` (checked by `check_sentences`).
fn entry_of(key: &str) -> String {
    format!("|t| t.{key}.entry()")
}

/// Rust for an embedded sentence.
fn template_rust(x: &Sentence, citations: &[Citation]) -> String {
    let mut pieces = Vec::new();
    let mut rest = x.text;
    while let Some((before, key, after)) = split_placeholder(rest) {
        if !before.is_empty() {
            pieces.push(format!("Piece::Text({before:?})"));
        }
        pieces.push(if key.contains('.') {
            format!("Piece::Threshold({})", entry_of(key))
        } else {
            format!("Piece::Rule({key:?})")
        });
        rest = after;
    }
    if !rest.is_empty() {
        pieces.push(format!("Piece::Text({rest:?})"));
    }
    let source = if citations.iter().any(|c| c.id == x.source) {
        format!("Cites::Citation({:?})", x.source)
    } else {
        format!("Cites::Threshold({})", entry_of(x.source))
    };
    format!(
        "Template {{ id: {:?}, pieces: &[{}], source: {source} }}",
        x.id,
        pieces.join(", ")
    )
}

/// Rust source for the sentences: an enum per kind, whose variants index a static table, so
/// that a rule naming a sentence the data lacks does not compile.
fn sentences_source(s: &Sentences, citations: &[Citation], out: &mut String) {
    let tables = [
        (
            "CriterionText",
            "CRITERION_TEXTS",
            "A criterion's text and source (data/criteria.toml `[criterion]`).",
            &s.criteria,
        ),
        (
            "PreferenceText",
            "PREFERENCE_TEXTS",
            "A preference's text and source (data/criteria.toml `[preference]`).",
            &s.preferences,
        ),
    ];
    for (name, table, doc, list) in tables {
        let _ = writeln!(
            out,
            "/// {doc}\n#[derive(Debug, Clone, Copy, PartialEq, Eq)]\npub enum {name} {{"
        );
        for (variant, x) in list {
            let _ = writeln!(out, "    /// `{}`\n    {variant},", x.key);
        }
        let _ = writeln!(
            out,
            "}}\nimpl {name} {{\n    /// Its sentence.\n    pub fn template(self) -> &'static Template {{\n        &{table}[self as usize]\n    }}\n}}\npub static {table}: [Template; {}] = [",
            list.len()
        );
        for (_, x) in list {
            let _ = writeln!(out, "    {},", template_rust(x, citations));
        }
        out.push_str("];\n");
    }
    out.push_str(
        "/// A phrase the rules put together (data/criteria.toml `[phrase]`).\n#[derive(Debug, Clone, Copy, PartialEq, Eq)]\npub enum Phrase {\n",
    );
    for (variant, _, _) in &s.phrases {
        let _ = writeln!(out, "    {variant},");
    }
    let _ = writeln!(
        out,
        "}}\nimpl Phrase {{\n    /// Its text.\n    pub fn text(self) -> &'static str {{\n        PHRASES[self as usize]\n    }}\n}}\npub static PHRASES: [&str; {}] = [",
        s.phrases.len()
    );
    for (_, _, text) in &s.phrases {
        let _ = writeln!(out, "    {text:?},");
    }
    out.push_str("];\n/// Primary sites in words, in reading order.\npub static SITE_WORDS: &[(&str, &str)] = &[\n");
    for (site, words) in &s.site_words {
        let _ = writeln!(out, "    ({site:?}, {words:?}),");
    }
    out.push_str("];\n/// Groups of sites named as one: their words, and their sites as bits of `SITE_WORDS`.\n#[allow(clippy::unreadable_literal)] // bits, not quantities\npub static SITE_GROUPS: &[(&str, u32)] = &[\n");
    for (words, sites) in &s.site_groups {
        let mask = sites
            .iter()
            .filter_map(|site| s.site_words.iter().position(|(w, _)| w == site))
            .fold(0u32, |mask, i| mask | (1 << i));
        let _ = writeln!(out, "    ({words:?}, {mask:#x}),");
    }
    let _ = writeln!(
        out,
        "];\n/// An empty site list in words.\npub static SITES_NONE: &str = {:?};",
        s.sites_none
    );
}

/// Rust source for the knowledge base (`embedded.rs` includes it): every string a literal.
pub fn texts_source(c: &Compiled) -> String {
    let mut out = String::new();
    let evidence = |list: &[Evidence]| {
        list.iter()
            .map(|e| format!("Evidence {{ text: {:?}, source: {:?} }}", e.text, e.source))
            .collect::<Vec<_>>()
            .join(", ")
    };
    out.push_str("pub static CITATIONS: &[Citation] = &[\n");
    for x in &c.citations {
        let year = x
            .year
            .map_or_else(|| "None".to_owned(), |y| format!("Some({y})"));
        let _ = writeln!(
            out,
            "    Citation {{ id: {:?}, reference: {:?}, year: {year} }},",
            x.id, x.reference
        );
    }
    let mut index: Vec<(u64, usize)> = c
        .citations
        .iter()
        .enumerate()
        .map(|(i, x)| (citation_key(x.id), i))
        .collect();
    index.sort_unstable();
    let _ = writeln!(out, "];\npub static META: Meta = {};", c.meta.rust());
    let _ = writeln!(
        out,
        "pub static THRESHOLDS: Thresholds = {};",
        c.thresholds.rust()
    );
    out.push_str(
        "#[allow(clippy::unreadable_literal)] // keys, not quantities\npub static CITATION_INDEX: &[(u64, u16)] = &[\n",
    );
    for (key, i) in index {
        let _ = writeln!(out, "    ({key:#x}, {i}),");
    }
    out.push_str("];\npub static OPTIONS: &[OptionInfo] = &[\n");
    for o in &c.options {
        let by_syndrome = o
            .symptom_evidence
            .iter()
            .map(|(syndrome, list)| format!("({syndrome:?}, &[{}])", evidence(list)))
            .collect::<Vec<_>>()
            .join(", ");
        let _ = writeln!(
            out,
            "    OptionInfo {{ id: {:?}, stage: {:?}, column: {}, tags: &{:?}, name: {:?}, aliases: &{:?}, safety_critical: &{:?}, evidence: &[{}], symptom_evidence: &[{by_syndrome}] }},",
            o.id,
            o.stage,
            o.column,
            o.tags,
            o.name,
            o.aliases,
            o.safety_critical,
            evidence(o.evidence)
        );
    }
    let texts = |name: &str, list: &[(String, Note)], out: &mut String| {
        let _ = writeln!(out, "];\npub static {name}: &[Note] = &[");
        for (key, n) in list {
            let _ = writeln!(out, "    {},", n.rust(key));
        }
    };
    texts("NOTES", &c.notes, &mut out);
    texts("WORKUP", &c.workup, &mut out);
    out.push_str("];\npub static CORRECTIONS: &[Correction] = &[\n");
    for x in &c.corrections {
        let _ = writeln!(
            out,
            "    Correction {{ id: {:?}, seed: {:?}, evidence: Cow::Borrowed({:?}), brief: Cow::Borrowed({:?}), source: {:?} }},",
            x.key, x.seed, x.evidence, x.brief, x.source
        );
    }
    out.push_str(
        "];\n/// Each correction's `when`, parsed at build time (in the order of `CORRECTIONS`).\npub static CORRECTION_WHEN: &[&[&[Atom]]] = &[\n",
    );
    for x in &c.corrections {
        // `compile` has checked every `when`.
        let when = when_source(x.when, &c.options).unwrap_or_default();
        let _ = writeln!(out, "    {when},");
    }
    out.push_str("];\n");
    sentences_source(&c.sentences, &c.citations, &mut out);
    out
}
