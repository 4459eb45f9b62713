//! The shape of data/*.toml, shared with `build.rs`: the build parses and checks the TOML once
//! and embeds a compact binary form, so a run starts without parsing text. This file depends on
//! nothing but serde and toml, because the build script compiles it too.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A number a rule compares with, and where it comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Threshold {
    pub value: f64,
    pub unit: String,
    pub source: String,
    pub note: String,
    /// The values an institution may set, `[min, max]` inclusive (the built-in value too).
    pub range: [f64; 2],
    /// Why the range stops where it does (shown when an override is refused).
    #[serde(default)]
    pub why: Option<String>,
}

/// A set of primary sites a rule tests membership of (names as in `--primary`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteSet {
    pub sites: Vec<String>,
    pub source: String,
    pub note: String,
    /// Sites an institution's list must keep.
    #[serde(default)]
    pub required: Vec<String>,
    /// Why those sites must stay (shown when an override is refused).
    #[serde(default)]
    pub why: Option<String>,
}

/// The source of a threshold whose value an institution's file set: its own policy, not the
/// guideline's (never shown under the guideline's name).
pub const INSTITUTION: &str = "institution";

macro_rules! section {
    ($name:ident { $($field:ident : $ty:ty),+ $(,)? }) => {
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name { $(pub $field: $ty),+ }
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

/// All of data/thresholds.toml.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Thresholds {
    pub grade: Grade,
    pub lung: Lung,
    pub performance: Performance,
    pub ablation: Ablation,
    pub transplant: Transplant,
    pub embolisation: Embolisation,
    pub tempo: Tempo,
    pub surveillance: Surveillance,
    pub best_supportive_care: BestSupportiveCare,
    pub ssa: Ssa,
    pub prrt: Prrt,
    pub sclc: Sclc,
    pub immunotherapy: Immunotherapy,
    pub crisis: Crisis,
    pub chemotherapy: Chemotherapy,
    pub targeted: Targeted,
    pub sites: Sites,
    pub imaging: Imaging,
    pub symptoms: Symptoms,
}

impl Thresholds {
    /// Every site set, by `section.key`, for checking the site names.
    pub fn site_sets(&self) -> [(&'static str, &SiteSet); 14] {
        [
            ("transplant.portal_drained", &self.transplant.portal_drained),
            ("prrt.netter1_sites", &self.prrt.netter1_sites),
            (
                "chemotherapy.captem_not_standard_sites",
                &self.chemotherapy.captem_not_standard_sites,
            ),
            (
                "chemotherapy.streptozocin_sites",
                &self.chemotherapy.streptozocin_sites,
            ),
            ("targeted.sunitinib_sites", &self.targeted.sunitinib_sites),
            ("targeted.everolimus_sites", &self.targeted.everolimus_sites),
            (
                "targeted.everolimus_extrapolated_sites",
                &self.targeted.everolimus_extrapolated_sites,
            ),
            ("sites.gep", &self.sites.gep),
            ("sites.thoracic", &self.sites.thoracic),
            ("sites.whipple_likely", &self.sites.whipple_likely),
            ("sites.hereditary_screen", &self.sites.hereditary_screen),
            ("sites.brain_mri", &self.sites.brain_mri),
            (
                "immunotherapy.standard_sites",
                &self.immunotherapy.standard_sites,
            ),
            ("crisis.sites", &self.crisis.sites),
        ]
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    pub id: String,
    pub reference: String,
    #[serde(default)]
    pub year: Option<u16>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CitationFile {
    citation: Vec<Citation>,
}

/// A figure shown to users, with its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    pub text: String,
    pub source: String,
}

/// A note, warning or work-up item, with its source.
pub type Note = Evidence;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionInfo {
    /// The contract's option id.
    pub id: String,
    pub stage: String,
    /// Its place among the option columns of the cohort CSV, from 1 (also the order of
    /// `OptionId::ALL`).
    pub column: u32,
    /// Its classes (`Tag` names): what the rules ask of it.
    pub tags: Vec<String>,
    pub name: String,
    /// Patient fields whose unknown answer caps the option at `consider` and is confirmed
    /// first (rules.md §3, "safety-critical").
    #[serde(default)]
    pub safety_critical: Vec<String>,
    pub evidence: Vec<Evidence>,
    /// Evidence about a hormonal syndrome, by `--syndrome` value: shown instead of `evidence`
    /// when the option is offered in the symptom stage for that syndrome (rules.md §4.6, L6).
    #[serde(default)]
    pub symptom_evidence: BTreeMap<String, Vec<Evidence>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OptionFile {
    option: Vec<OptionInfo>,
}

/// What the seed article said and what the evidence says instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    #[serde(default)]
    pub id: String,
    /// The row of facts.md §8: the order in a report.
    pub row: u32,
    /// When the correction bears on the patient (grammar in data/corrections.toml).
    pub when: String,
    pub seed: String,
    pub evidence: String,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    pub version: String,
    pub classification: String,
    pub thoracic_classification: String,
    pub disclaimer: String,
    pub stages: BTreeMap<String, String>,
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
}

/// The numeric part of data/: embedded in binary form, replaced in part by overrides.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Core {
    pub meta: Meta,
    pub thresholds: Thresholds,
}

/// Everything in data/, parsed and typed. The texts are embedded as static Rust data.
#[derive(Debug, Clone, PartialEq)]
pub struct Compiled {
    pub core: Core,
    /// Every numeric threshold by `section.key` (for `{section.key}` placeholders).
    pub numbers: BTreeMap<String, f64>,
    /// Every threshold's source by `section.key`.
    pub threshold_sources: Vec<(String, String)>,
    pub citations: Vec<Citation>,
    pub options: Vec<OptionInfo>,
    pub notes: BTreeMap<String, BTreeMap<String, Note>>,
    pub corrections: BTreeMap<String, Correction>,
    pub workup: BTreeMap<String, Note>,
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

/// Every `(section.key, entry)` of a thresholds table.
fn entries(table: &toml::Table) -> impl Iterator<Item = (String, &toml::Table)> {
    table.iter().flat_map(|(section, entries)| {
        entries.as_table().into_iter().flat_map(move |entries| {
            entries
                .iter()
                .filter_map(move |(key, e)| e.as_table().map(|e| (format!("{section}.{key}"), e)))
        })
    })
}

/// Every numeric threshold by `section.key`.
pub fn numbers(table: &toml::Table) -> BTreeMap<String, f64> {
    entries(table)
        .filter_map(|(id, e)| e.get("value").and_then(as_number).map(|v| (id, v)))
        .collect()
}

/// Every threshold's source by `section.key`.
pub fn threshold_sources(table: &toml::Table) -> Vec<(String, String)> {
    entries(table)
        .filter_map(|(id, e)| {
            e.get("source")
                .and_then(toml::Value::as_str)
                .map(|s| (id, s.to_owned()))
        })
        .collect()
}

/// Typed thresholds from a (possibly overridden) table.
pub fn thresholds(table: &toml::Table) -> Result<Thresholds, ParseError> {
    table
        .clone()
        .try_into()
        .map_err(|e: toml::de::Error| ("thresholds".to_owned(), e.message().trim().to_owned()))
}

/// Parses every data file.
pub fn compile(files: &DataFiles) -> Result<Compiled, ParseError> {
    let table: toml::Table = parse("data/thresholds.toml", files.thresholds)?;
    check_ranges(&table).map_err(|e| {
        (
            "data/thresholds.toml".to_owned(),
            format!("{} = {}: {}", e.key, e.value, e.message),
        )
    })?;
    let meta: Meta = parse("data/knowledge.toml", files.knowledge)?;
    let options = parse::<OptionFile>("data/options.toml", files.options)?.option;
    super::classes::check(&options, &meta.stages)?;
    Ok(Compiled {
        core: Core {
            meta,
            thresholds: thresholds(&table)
                .map_err(|(_, m)| ("data/thresholds.toml".to_owned(), m))?,
        },
        numbers: numbers(&table),
        threshold_sources: threshold_sources(&table),
        citations: parse::<CitationFile>("data/citations.toml", files.citations)?.citation,
        options,
        notes: parse("data/notes.toml", files.notes)?,
        corrections: parse("data/corrections.toml", files.corrections)?,
        workup: parse("data/workup.toml", files.workup)?,
    })
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
/// a percentage at most 100; every site list keeps its `required` sites.
pub fn check_ranges(table: &toml::Table) -> Result<(), RangeError> {
    for (key, entry) in entries(table) {
        let why = entry
            .get("why")
            .and_then(toml::Value::as_str)
            .map_or_else(String::new, |w| format!("; {w}"));
        if let Some(sites) = entry.get("sites").and_then(toml::Value::as_array) {
            let required = entry.get("required").and_then(toml::Value::as_array);
            if let Some(missing) = required
                .into_iter()
                .flatten()
                .find(|site| !sites.contains(site))
            {
                return Err(RangeError {
                    value: list(sites),
                    message: format!("must keep {}{why}", missing.as_str().unwrap_or_default()),
                    key,
                });
            }
            continue;
        }
        let Some(value) = entry.get("value").and_then(as_number) else {
            continue;
        };
        let unit = entry
            .get("unit")
            .and_then(toml::Value::as_str)
            .unwrap_or("");
        let range = entry
            .get("range")
            .and_then(toml::Value::as_array)
            .and_then(|r| match r.as_slice() {
                [min, max] => Some((as_number(min)?, as_number(max)?)),
                _ => None,
            });
        let ceiling = if unit == "%" { 100.0 } else { f64::MAX };
        let Some((min, max)) =
            range.filter(|&(min, max)| 0.0 <= min && min <= max && max <= ceiling)
        else {
            return Err(RangeError {
                value: shortest(value),
                message: format!(
                    "needs `range = [min, max]` with 0 <= min <= max{}",
                    if unit == "%" { " <= 100" } else { "" }
                ),
                key,
            });
        };
        if !(min..=max).contains(&value) {
            let unit = if unit.is_empty() {
                String::new()
            } else {
                format!(" ({unit})")
            };
            return Err(RangeError {
                value: shortest(value),
                message: format!(
                    "outside the allowed range {} to {}{unit}{why}",
                    shortest(min),
                    shortest(max)
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

fn list(items: &[toml::Value]) -> String {
    let names: Vec<&str> = items.iter().filter_map(toml::Value::as_str).collect();
    format!("[{}]", names.join(", "))
}

/// Rust source for the static texts (`embedded.rs` includes it): every string a literal.
pub fn texts_source(c: &Compiled) -> String {
    use std::fmt::Write;
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
    let mut index: Vec<(&str, usize)> = c
        .citations
        .iter()
        .enumerate()
        .map(|(i, x)| (x.id.as_str(), i))
        .collect();
    index.sort_unstable();
    out.push_str("];\npub static NUMBERS: &[(&str, f64)] = &[\n");
    for (key, value) in &c.numbers {
        let _ = writeln!(out, "    ({key:?}, {value:?}),");
    }
    out.push_str("];\npub static THRESHOLD_SOURCES: &[(&str, &str)] = &[\n");
    for (key, source) in &c.threshold_sources {
        let _ = writeln!(out, "    ({key:?}, {source:?}),");
    }
    out.push_str("];\npub static CITATION_INDEX: &[(&str, u16)] = &[\n");
    for (id, i) in index {
        let _ = writeln!(out, "    ({id:?}, {i}),");
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
            "    OptionInfo {{ id: {:?}, stage: {:?}, name: {:?}, safety_critical: &{:?}, evidence: &[{}], symptom_evidence: &[{by_syndrome}] }},",
            o.id,
            o.stage,
            o.name,
            o.safety_critical,
            evidence(&o.evidence)
        );
    }
    let mut notes: Vec<(String, &Note)> = c
        .notes
        .iter()
        .flat_map(|(s, keys)| keys.iter().map(move |(k, n)| (format!("{s}.{k}"), n)))
        .collect();
    notes.sort_by(|a, b| a.0.cmp(&b.0));
    let texts = |name: &str, list: &[(String, &Note)], out: &mut String| {
        let _ = writeln!(out, "];\npub static {name}: &[Text] = &[");
        for (key, n) in list {
            let _ = writeln!(
                out,
                "    Text {{ key: {key:?}, text: {:?}, source: {:?} }},",
                n.text, n.source
            );
        }
    };
    texts("NOTES", &notes, &mut out);
    let workup: Vec<(String, &Note)> = c.workup.iter().map(|(k, n)| (k.clone(), n)).collect();
    texts("WORKUP", &workup, &mut out);
    out.push_str("];\npub static CORRECTIONS: &[SeedCorrection] = &[\n");
    // In the order of facts.md §8, the order a report shows them in.
    let mut corrections: Vec<(&String, &Correction)> = c.corrections.iter().collect();
    corrections.sort_by_key(|(key, x)| (x.row, *key));
    for (key, x) in corrections {
        let _ = writeln!(
            out,
            "    SeedCorrection {{ key: {key:?}, when: {:?}, seed: {:?}, evidence: {:?}, source: {:?} }},",
            x.when, x.seed, x.evidence, x.source
        );
    }
    out.push_str("];\n");
    out
}
