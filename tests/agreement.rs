//! Every sentence of a report agrees with the thresholds in force. An institution's file
//! (`--knowledge FILE`) sets every numeric threshold of data/thresholds.toml to a random value
//! within its declared `range`, and some site lists to random lists (keeping the sites they must
//! keep); random patients (the strategy of tests/properties.rs) are assessed in-process with that
//! knowledge. Then, in every text of the JSON report that a reader takes for the rule:
//!
//! - a number stated as a cut-off (after "below", "at most", "at least"…, before "or worse",
//!   "or more"…, or a Ki-67 range) is never the built-in value of a threshold the file changed,
//!   unless some threshold in force has that value too (a note may add the built-in value as
//!   "(institution file; built-in N)", which is the point of it);
//! - a criterion whose answer is one number and whose text states one cut-off is met exactly
//!   when the answer meets that cut-off;
//! - the grade line ("Ki-67 4 % → G2") follows the grade cut-offs in force;
//! - a criterion or preference on a site list names exactly the sites of the list in force, in
//!   the reader's words, and is met exactly when it names the patient's primary (with
//!   `sunitinib_sites = ["pancreas", "duodenum"]` it reads "pancreatic or duodenal primary", and a
//!   duodenal primary must not read "pancreatic primary: met").
//!
//! Evidence (a trial's own figures, with their source) and the seed article's quotes keep their
//! numbers whatever an institution sets, and so do the few sentences in `FIXED_FIGURES`.

use crate::common::builtin;
use netriage::knowledge::schema::Entry;
use netriage::knowledge::Knowledge;
use netriage::model::{Patient, Primary};
use proptest::prelude::*;
use serde_json::Value;
use std::fmt::Write as _;

/// Sentences that state a published figure equal to a threshold's built-in value: the figure is
/// the trial's or the guideline's, not the rule in force, so it stays when the threshold moves.
const FIXED_FIGURES: &[&str] = &[
    // CLARINET's inclusion criterion (S29), beside the institution's SSA ceiling.
    "CLARINET enrolled < 10 %",
    // The NEC second-line temozolomide series (S48).
    "best with Ki-67 < 55 %",
    // NETTER-1's inclusion criterion (S38): a Karnofsky score, not an age.
    "NETTER-1 required KPS ≥ 60",
    // NETTER-2's inclusion criteria (S114): time since diagnosis and prior SSA, not thresholds.
    "≤ 6 months from diagnosis with ≤ 1 month of prior SSA",
    // The seed correction on SSA in G3 (S29, S40): CLARINET's and NETTER-2's inclusion ranges.
    "CLARINET Ki-67 < 10 %",
    "Ki-67 10–55 % first-line PRRT now has phase-3 support (NETTER-2",
];

/// A threshold the file changed: its key, built-in value and value in force.
#[derive(Debug, Clone)]
struct Changed {
    key: String,
    builtin: f64,
    value: f64,
}

/// An institution's file: its text, and what it changed.
#[derive(Debug, Clone)]
struct Institution {
    text: String,
    numbers: Vec<Changed>,
}

/// Threshold id → (built-in value, value in the file).
type Values = std::collections::BTreeMap<String, (f64, f64)>;

/// A value within `[lo, hi]` from a pick: a whole number or a value with one decimal, as
/// institutions write them.
fn within([lo, hi]: [f64; 2], whole: bool, fraction: f64) -> f64 {
    if whole && lo.ceil() <= hi.floor() {
        lo.ceil() + ((hi.floor() - lo.ceil()) * fraction).round()
    } else {
        ((lo + (hi - lo) * fraction) * 10.0)
            .round()
            .clamp(lo * 10.0, hi * 10.0)
            / 10.0
    }
}

/// The built-in threshold entries, as (section, key, entry).
fn entries() -> Vec<(&'static str, &'static str, Entry<'static>)> {
    builtin().thresholds.entries().collect()
}

/// An institution's file overriding every numeric threshold (within its range, never to its
/// built-in value) and about half the site lists.
fn institution() -> impl Strategy<Value = Institution> {
    let n = entries().len();
    (
        prop::collection::vec((any::<bool>(), 0.0..=1.0f64), n),
        prop::collection::vec(prop::option::of(any::<u16>()), n),
    )
        .prop_map(|(numbers, lists)| {
            let mut values = Values::new();
            let mut sites = Vec::new();
            for (((section, key, entry), (whole, fraction)), list) in
                entries().into_iter().zip(numbers).zip(lists)
            {
                match entry {
                    // The former key of `tempo.bulky_liver_burden_from` sets that threshold: it
                    // is not a threshold of its own.
                    Entry::Number(_) if key == "liver_burden_preferred_from" => {}
                    Entry::Number(t) => {
                        let value = within(t.range, whole, fraction);
                        if value != t.value {
                            values.insert(format!("{section}.{key}"), (t.value, value));
                        }
                    }
                    Entry::Sites(set) => {
                        if let Some(bits) = list {
                            let chosen: Vec<&str> = Primary::ALL
                                .iter()
                                .enumerate()
                                .filter(|(i, p)| {
                                    bits & (1 << i) != 0
                                        || set.required.iter().any(|r| r == p.name())
                                })
                                .map(|(_, p)| p.name())
                                .collect();
                            sites.push((section, key, chosen));
                        }
                    }
                }
            }
            // Pairs that must stay strictly ordered (the loader refuses the file otherwise):
            // the lower one keeps its built-in value, or both do.
            let t = &builtin().thresholds;
            let force = |key: &str, values: &Values| {
                values
                    .get(key)
                    .map_or_else(|| t.number(key).unwrap_or(f64::NAN), |v| v.1)
            };
            for _ in 0..t.ordered_pairs().len() {
                for (low, builtin_low, high, _) in t.ordered_pairs() {
                    if force(low, &values) >= force(high, &values) {
                        values.remove(low);
                        if builtin_low >= force(high, &values) {
                            values.remove(high);
                        }
                    }
                }
            }
            let mut by_section = std::collections::BTreeMap::<String, Vec<String>>::new();
            for (id, (_, value)) in &values {
                let (section, key) = id.split_once('.').unwrap();
                by_section
                    .entry(section.to_owned())
                    .or_default()
                    .push(format!("{key} = {value:?}"));
            }
            for (section, key, chosen) in &sites {
                let list: Vec<String> = chosen.iter().map(|s| format!("{s:?}")).collect();
                by_section
                    .entry((*section).to_owned())
                    .or_default()
                    .push(format!("{key} = [{}]", list.join(", ")));
            }
            let mut text = String::new();
            for (section, lines) in by_section {
                let _ = writeln!(text, "[{section}]\n{}", lines.join("\n"));
            }
            Institution {
                text,
                numbers: values
                    .into_iter()
                    .map(|(key, (builtin, value))| Changed {
                        key,
                        builtin,
                        value,
                    })
                    .collect(),
            }
        })
}

/// Every text of a report a reader takes for the rule, with where it is: criteria, reasons,
/// notes, warnings, the work-up, the summary and the seed corrections' evidence. Not the
/// evidence of options (trial figures) nor the seed article's own words.
fn sentences(v: &Value, path: &str, out: &mut Vec<(String, String)>) {
    match v {
        Value::String(s) => out.push((path.to_owned(), s.clone())),
        Value::Array(a) => a.iter().for_each(|x| sentences(x, path, out)),
        Value::Object(o) => {
            for (k, x) in o {
                let skip = matches!(
                    k.as_str(),
                    "evidence" | "seed" | "patient" | "sources" | "overrides" | "source" | "id"
                ) && !(k == "evidence" && path.ends_with("corrections"));
                if !skip {
                    sentences(x, &format!("{path}.{k}"), out);
                }
            }
        }
        _ => {}
    }
}

/// How a stated cut-off compares.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Cmp {
    Below,
    AtMost,
    AtLeast,
    Above,
}

impl Cmp {
    fn holds(self, value: f64, cut: f64) -> bool {
        match self {
            Cmp::Below => value < cut,
            Cmp::AtMost => value <= cut,
            Cmp::AtLeast => value >= cut,
            Cmp::Above => value > cut,
        }
    }
}

/// Words before a number that make it a cut-off (longest first).
const BEFORE: &[(&str, Cmp)] = &[
    ("at or below ", Cmp::AtMost),
    ("at or above ", Cmp::AtLeast),
    ("at least ", Cmp::AtLeast),
    ("at most ", Cmp::AtMost),
    ("more than ", Cmp::Above),
    ("fewer than ", Cmp::Below),
    ("less than ", Cmp::Below),
    ("up to ", Cmp::AtMost),
    ("below ", Cmp::Below),
    ("under ", Cmp::Below),
    ("above ", Cmp::Above),
    ("over ", Cmp::Above),
    ("from ", Cmp::AtLeast),
    ("≥ ", Cmp::AtLeast),
    ("≤ ", Cmp::AtMost),
    ("< ", Cmp::Below),
    ("> ", Cmp::Above),
];

/// Words after a number (and its unit) that make it a cut-off.
const AFTER: &[(&str, Cmp)] = &[
    ("or worse", Cmp::AtLeast),
    ("or more", Cmp::AtLeast),
    ("or above", Cmp::AtLeast),
    ("or higher", Cmp::AtLeast),
    ("or less", Cmp::AtMost),
    ("or below", Cmp::AtMost),
];

/// A number a sentence states as a cut-off.
#[derive(Debug, Clone, Copy)]
struct Cut {
    value: f64,
    cmp: Option<Cmp>,
}

/// The cut-offs a sentence states. The built-in value a note adds beside the value in force
/// ("(institution file; built-in N)") is the institution's label, not a cut-off.
fn cuts(sentence: &str) -> Vec<Cut> {
    let mut text = sentence.to_owned();
    while let Some(at) = text.find(" (institution file; built-in ") {
        let end = text[at..].find(')').map_or(text.len(), |e| at + e + 1);
        text.replace_range(at..end, "");
    }
    for fixed in FIXED_FIGURES {
        text = text.replace(fixed, "");
    }
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let starts = bytes[i].is_ascii_digit() && (i == 0 || !is_word(bytes[i - 1]));
        if !starts {
            i += 1;
            continue;
        }
        let mut end = i;
        while end < bytes.len() && (bytes[end].is_ascii_digit() || bytes[end] == b'.') {
            end += 1;
        }
        let number = text[i..end].trim_end_matches('.');
        let Ok(value) = number.parse::<f64>() else {
            i = end;
            continue;
        };
        let before = &text[..i];
        let after = text[i + number.len()..].trim_start();
        let after = after
            .split_once(' ')
            .filter(|(unit, _)| {
                [
                    "%", "cm", "months", "weeks", "hours", "days", "years", "lesions",
                ]
                .contains(unit)
            })
            .map_or(after, |(_, rest)| rest);
        let cmp = BEFORE
            .iter()
            .find(|(w, _)| before.to_lowercase().ends_with(w))
            .or_else(|| AFTER.iter().find(|(w, _)| after.starts_with(w)))
            .map(|(_, c)| *c);
        // A Ki-67 range ("Ki-67 10–55 %") states both ends.
        let range = before.ends_with("Ki-67 ") && text[end..].starts_with('–')
            || before.strip_suffix('–').is_some_and(|b| {
                b.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.')
                    .ends_with("Ki-67 ")
            });
        if cmp.is_some() || range {
            out.push(Cut { value, cmp });
        }
        i = end;
    }
    out
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'.' || b == b'-' || b == b'/'
}

/// The disagreements between one report and the thresholds in force.
fn disagreements(report: &Value, k: &Knowledge, changed: &[Changed], p: &Patient) -> Vec<String> {
    let in_force: Vec<f64> = k
        .thresholds
        .entries()
        .filter_map(|(_, _, e)| match e {
            Entry::Number(t) => Some(t.value),
            Entry::Sites(_) => None,
        })
        .collect();
    let mut found = Vec::new();
    let mut texts = Vec::new();
    sentences(report, "", &mut texts);
    for (path, sentence) in &texts {
        for cut in cuts(sentence) {
            if in_force.contains(&cut.value) {
                continue;
            }
            let stale: Vec<String> = changed
                .iter()
                .filter(|c| c.builtin == cut.value)
                .map(|c| format!("{} (now {})", c.key, c.value))
                .collect();
            if !stale.is_empty() {
                found.push(format!(
                    "{path}: \"{sentence}\" states {}, the built-in value of {}, and no \
                     threshold in force has that value",
                    cut.value,
                    stale.join(", ")
                ));
            }
        }
    }
    for stage in report["stages"].as_array().into_iter().flatten() {
        for option in stage["options"].as_array().into_iter().flatten() {
            for criterion in option["criteria"].as_array().into_iter().flatten() {
                found.extend(criterion_disagreement(option, criterion, p, k));
            }
        }
    }
    found.extend(preference_site_disagreements(&texts, k));
    found.extend(grade_disagreement(report, k));
    found
}

/// The criteria on site lists: option, criterion id and the lists their sentence states.
const SITE_CRITERIA: &[(&str, &str, &[&str])] = &[
    (
        "sunitinib",
        "pancreatic-primary",
        &["targeted.sunitinib_sites"],
    ),
    (
        "streptozocin",
        "pancreatic-primary",
        &["chemotherapy.streptozocin_sites"],
    ),
    (
        "everolimus",
        "primary-site",
        &[
            "targeted.everolimus_sites",
            "targeted.everolimus_extrapolated_sites",
        ],
    ),
    (
        "capecitabine-temozolomide",
        "low-grade-midgut",
        &["chemotherapy.captem_not_standard_sites"],
    ),
    (
        "transplant",
        "portal-drained-primary",
        &["transplant.portal_drained"],
    ),
];

/// The preferences on site lists: the words before and after the list, and the list.
const SITE_PREFERENCES: &[(&str, &str, &str)] = &[
    (
        "NETTER-1 population: low-grade ",
        " NET progressing",
        "prrt.netter1_sites",
    ),
    (
        "NETTER-2 population: first line, ",
        " NET with",
        "sites.gep",
    ),
];

/// The sites of the lists `keys` in force, sorted.
fn sites_in_force(k: &Knowledge, keys: &[&str]) -> Vec<Primary> {
    let mut sites: Vec<Primary> = keys
        .iter()
        .flat_map(|key| {
            let (section, name) = key.split_once('.').unwrap();
            match k.thresholds.entry(section, name) {
                Some(Entry::Sites(set)) => set.sites.to_vec(),
                _ => panic!("{key} is no site list"),
            }
        })
        .map(|site| Primary::parse(&site).unwrap())
        .collect();
    sites.sort_by_key(|p| p.name());
    sites.dedup();
    sites
}

/// A sentence on a site list names exactly the sites in force (built-in or the institution's),
/// in the reader's words.
fn site_disagreement(sentence: &str, k: &Knowledge, keys: &[&str]) -> Option<String> {
    let mut named = sites_named(sentence);
    named.sort_by_key(|p| p.name());
    named.dedup();
    let in_force = sites_in_force(k, keys);
    (named != in_force).then(|| {
        format!("\"{sentence}\" names {named:?}, the lists {keys:?} in force are {in_force:?}")
    })
}

/// Every preference on a site list in the report names the sites in force.
fn preference_site_disagreements(texts: &[(String, String)], k: &Knowledge) -> Vec<String> {
    let mut found = Vec::new();
    for (path, sentence) in texts {
        for (before, after, key) in SITE_PREFERENCES {
            let Some((_, rest)) = sentence.split_once(before) else {
                continue;
            };
            let list = rest.split_once(after).map_or(rest, |(list, _)| list);
            if let Some(wrong) = site_disagreement(list, k, &[key]) {
                found.push(format!("{path}: {wrong} (in \"{sentence}\")"));
            }
        }
    }
    found
}

/// A criterion whose answer is one number and whose text states one cut-off: met exactly when
/// the answer meets it. A criterion on site lists: names exactly the sites in force, and is met
/// exactly when it names the patient's primary.
fn criterion_disagreement(
    option: &Value,
    criterion: &Value,
    p: &Patient,
    k: &Knowledge,
) -> Option<String> {
    let text = criterion["text"].as_str()?;
    let result = criterion["result"].as_str()?;
    let where_ = format!("{} / {}", option["id"], criterion["id"]);
    let lists = SITE_CRITERIA
        .iter()
        .find(|(o, c, _)| option["id"] == *o && criterion["id"] == *c);
    if let Some((_, _, keys)) = lists {
        if let Some(wrong) = site_disagreement(text, k, keys) {
            return Some(format!("{where_}: {wrong}"));
        }
    }
    if result == "unknown" {
        return None;
    }
    let met = result == "met";
    let value = criterion["value"].as_str()?;
    if let Some(primary) = p.primary.filter(|p| p.name() == value) {
        let (_, _, keys) = lists?;
        // A sentence on the site alone decides on it alone; one that adds a condition
        // ("low-grade … NET") is met only with the site among those it names.
        let named_primary = sites_in_force(k, keys).contains(&primary);
        let agrees = if text.starts_with("low-grade") {
            named_primary || !met
        } else {
            named_primary == met
        };
        return (!agrees)
            .then(|| format!("{where_}: \"{text}\" is {result} for a primary {value}"));
    }
    let number = value
        .trim_end_matches(|c: char| c.is_alphabetic() || c == '%' || c == ' ')
        .parse::<f64>()
        .ok()?;
    // Only a sentence that is the cut-off alone ("ECOG 3 or worse", "age below 60 (US)"): one
    // that adds a condition ("NET G3 with Ki-67 above 55 %") decides on more than the answer.
    // A sentence that says its cut-off is not applied to this patient decides without it.
    if ["NET", "NEC", " with ", ", ", " and ", "not applied"]
        .iter()
        .any(|w| text.contains(w))
    {
        return None;
    }
    let cuts = cuts(text);
    let [Cut {
        value: cut,
        cmp: Some(cmp),
    }] = cuts.as_slice()
    else {
        return None;
    };
    (cmp.holds(number, *cut) != met).then(|| {
        format!("{where_}: \"{text}\" is {result} for the answer {value} (cut-off {cut}, {cmp:?})")
    })
}

/// The sites a sentence names, in the reader's words or as ids.
fn sites_named(text: &str) -> Vec<Primary> {
    let lower = text.to_lowercase();
    let words: &[(&str, &[Primary])] = &[
        ("pancrea", &[Primary::Pancreas]),
        ("stomach", &[Primary::Stomach]),
        (
            "gep",
            &[
                Primary::Pancreas,
                Primary::Stomach,
                Primary::Duodenum,
                Primary::SmallIntestine,
                Primary::Appendix,
                Primary::Colon,
                Primary::Rectum,
            ],
        ),
        ("gastric", &[Primary::Stomach]),
        ("duoden", &[Primary::Duodenum]),
        ("small-intestin", &[Primary::SmallIntestine]),
        ("small intestin", &[Primary::SmallIntestine]),
        // data/criteria.toml's group (S38's population as the site list can hold it).
        ("midgut", &[Primary::SmallIntestine, Primary::Appendix]),
        ("append", &[Primary::Appendix]),
        ("colon", &[Primary::Colon]),
        ("rect", &[Primary::Rectum]),
        ("lung", &[Primary::Lung]),
        ("thym", &[Primary::Thymus]),
        ("unknown", &[Primary::Unknown]),
        ("other", &[Primary::Other]),
    ];
    let mut named = Vec::new();
    for (word, sites) in words {
        if lower.contains(word) {
            named.extend_from_slice(sites);
        }
    }
    named
}

/// "Ki-67 4 % → G2" and "mitoses 3 per 2 mm² → G2" follow the grade cut-offs in force.
fn grade_disagreement(report: &Value, k: &Knowledge) -> Vec<String> {
    let g = &k.thresholds.grade;
    let basis = report["grade"]["basis"].as_str().unwrap_or_default();
    let mut found = Vec::new();
    for part in basis.split("; ") {
        let (measure, from, above) = if let Some(rest) = part.strip_prefix("Ki-67 ") {
            (rest, g.ki67_g2_from.value, g.ki67_g3_above.value)
        } else if let Some(rest) = part.strip_prefix("mitoses ") {
            (rest, g.mitoses_g2_from.value, g.mitoses_g3_above.value)
        } else {
            continue;
        };
        let Some((number, grade)) = measure.split_once(" → G") else {
            continue;
        };
        let Ok(n) = number.split(' ').next().unwrap_or_default().parse::<f64>() else {
            continue;
        };
        let expected = if n < from {
            '1'
        } else if n <= above {
            '2'
        } else {
            '3'
        };
        if !grade.starts_with(expected) {
            found.push(format!(
                "grade: \"{part}\" with the G2 floor {from} and the G3 floor above {above}"
            ));
        }
    }
    found
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_sentence_agrees_with_the_thresholds_in_force(
        institution in institution(),
        patients in prop::collection::vec(crate::properties::patient(), 4),
    ) {
        let k = Knowledge::with_overrides("institution.toml", &institution.text);
        let k = match k {
            Ok(k) => k,
            Err(e) => panic!("a file within the declared ranges is refused: {e}\n{}", institution.text),
        };
        for p in &patients {
            let Ok(report) = netriage::pathway::assess(p, &k) else { continue };
            let report = serde_json::to_value(&report).unwrap();
            let found = disagreements(&report, &k, &institution.numbers, p);
            prop_assert!(found.is_empty(), "{}\nwith\n{}", found.join("\n"), institution.text);
        }
    }
}
