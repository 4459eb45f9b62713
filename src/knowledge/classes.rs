//! What an option is, as data: its stage, its column in the cohort CSV and its class tags
//! (data/options.toml). The tags are a closed vocabulary the rules ask about; the build checks
//! that every option carries what the rules need and emits the option ids, their pathway order
//! and their tags as Rust (`OptionId`, `OptionId::CORE`, a bitset per option), so that asking
//! costs one bit test. Shared with `build.rs`: depends on nothing but `schema`.

use super::schema::{rust_name, Meta, OptionInfo, ParseError};
use std::fmt::Write as _;

const FILE: &str = "data/options.toml";

/// The stage of the overall approach: its options are not treatments (rules.md §3.3, A-15).
pub const APPROACH: &str = "approach";
/// The stage of the symptom options, evaluated apart from the others (rules.md §4.6).
pub const SYMPTOMS: &str = "symptoms";
/// The stages every report has, in pathway order (symptom control, when present, follows the
/// overall approach). Their options are the core options, evaluated in the order of the file.
pub const CORE_STAGES: [&str; 4] = [APPROACH, "local", "liver-directed", SYSTEMIC];
const SYSTEMIC: &str = "systemic";
/// The stages of procedures on the liver: exactly the options tagged `procedure`.
const PROCEDURE_STAGES: [&str; 2] = ["local", "liver-directed"];

macro_rules! tags {
    ($($(#[$meta:meta])* $variant:ident => $name:literal),+ $(,)?) => {
        /// A class of treatment options (data/options.toml `tags`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Tag {
            $($(#[$meta])* $variant),+
        }

        impl Tag {
            /// Every tag, in the order of their bits.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The name written in data/options.toml.
            pub fn name(self) -> &'static str {
                match self { $(Self::$variant => $name),+ }
            }
        }
    };
}

tags! {
    /// Can be given, so it can be named in `--prior` and `--current`; an approach option cannot
    /// (rules.md §3.3, A-15).
    Treatment => "treatment",
    /// A drug given continuously until progression: progression on it rules it out; stable on
    /// it, it is continued rather than switched (rules.md §3.3).
    ContinuousDrug => "continuous-drug",
    /// A fixed-duration course (platinum–etoposide 4–6 cycles, PRRT 4 cycles): finished, under
    /// way or of unknown state (rules.md §3.3).
    FixedCourse => "fixed-course",
    /// A procedure that can be repeated after progression, with a re-treatment note.
    Repeatable => "repeatable",
    /// Systemic anticancer therapy other than SSA: a line of therapy, the NETTER-2 "no systemic
    /// therapy but SSA" test, and the options closed at `performance.ecog_systemic_limit`
    /// (rules.md §3.2). Exactly the continuous drugs and the fixed courses.
    Antiproliferative => "antiproliferative",
    /// Cytotoxic chemotherapy (rules.md §3.2, A-6).
    Cytotoxic => "cytotoxic",
    /// Contains a fluoropyrimidine: a DPD test comes first (rules.md §5).
    Fluoropyrimidine => "fluoropyrimidine",
    /// A prior systemic therapy other than SSA that opens cabozantinib (CABINET; EU label).
    CabozantinibPrior => "cabozantinib-prior",
    /// Opened only by a prior treatment: never a first-line systemic option (rules.md §4, A-11).
    LaterLine => "later-line",
    /// A later systemic line after platinum for a NEC: in progress, it keeps surveillance closed
    /// (rules.md §4.0, surveillance branch b).
    LaterNecLine => "later-nec-line",
    /// ECOG and liver function are recorded before it (rules.md §5).
    FitnessChecked => "fitness-checked",
    /// Ablation or embolisation in the liver: a bilio-enteric anastomosis matters (rules.md §5),
    /// and it counts as prior liver-directed therapy for NETTER-2 (rules.md §4.3).
    LiverProcedure => "liver-procedure",
    /// A line of systemic anticancer therapy: SSA and every antiproliferative option. It counts
    /// as a line (rules.md §4.4), is capped after a curative resection (no adjuvant benefit,
    /// §4.3), and, given, makes later work-up a work-up after first line (§5).
    SystemicLine => "systemic-line",
    /// A radioligand (PRRT): capped at ECOG 3 rather than closed (rules.md §3.2), salvage-only
    /// once a course is finished (§3.3), renal function and blood counts before it (§5), and a
    /// note on radioembolisation after it (§4.2).
    Radioligand => "radioligand",
    /// A procedure (the local and liver-directed stages): ECOG 3 closes it in its own rule
    /// (rules.md §3.2), so a syndrome that may keep the patient in bed is noted (L13).
    Procedure => "procedure",
    /// A transarterial embolisation (TACE, TARE): without a reason to treat, a procedure's note
    /// rather than a drug's, with a note on repeating it when given before (rules.md §3.1); after
    /// progression on it, re-treatment is capped with the embolisation note (§3.3).
    Embolisation => "embolisation",
    /// Radioembolisation (TARE): a lung-shunt study before it (rules.md §5), a caution rather
    /// than a rule-out with a bilio-enteric anastomosis (§4.2), its own re-treatment note (§3.3).
    Radioembolisation => "radioembolisation",
    /// A somatostatin analogue given continuously: progression on it keeps it as a backbone
    /// rather than ruling it out (rules.md §3.3, §6 L9), given now it is a treatment in progress
    /// for surveillance (§4.0), and given with progression unknown it asks for it.
    Backbone => "backbone",
    /// Platinum-based chemotherapy for a NEC (rules.md §4.5): progression on it closes it, with
    /// the rechallenge notes; a finished course may be rechallenged late; chemotherapy-naive NEC
    /// stays open at ECOG 4 (D-3); first-line immunotherapy in small-cell lung carcinoma goes
    /// with it.
    Platinum => "platinum",
    /// A cytotoxic line that, in a NEC, follows platinum: a second or later line there (not a
    /// first-line systemic option, rules.md §4, A-11), with the relapse ECOG criterion (W-3).
    NecRelapse => "nec-relapse",
}

impl Tag {
    /// The tag's bit in an option's tag set.
    pub const fn bit(self) -> u32 {
        1 << self as u32
    }

    /// The tag named `name`.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|t| t.name() == name)
    }
}

/// What a tag needs beside it, and why: `(tag, needs one of, reason)`.
const NEEDS: [(Tag, &[Tag], &str); 22] = [
    (
        Tag::ContinuousDrug,
        &[Tag::Antiproliferative],
        "a continuous drug is an antiproliferative line",
    ),
    (
        Tag::FixedCourse,
        &[Tag::Antiproliferative],
        "a fixed course is an antiproliferative line",
    ),
    (
        Tag::Antiproliferative,
        &[Tag::ContinuousDrug, Tag::FixedCourse],
        "an antiproliferative option is given continuously or as a fixed course",
    ),
    (
        Tag::Cytotoxic,
        &[Tag::Antiproliferative],
        "chemotherapy is an antiproliferative line",
    ),
    (
        Tag::Fluoropyrimidine,
        &[Tag::Cytotoxic],
        "a fluoropyrimidine is cytotoxic",
    ),
    (
        Tag::FitnessChecked,
        &[Tag::Treatment],
        "only a treatment is checked for fitness",
    ),
    (
        Tag::Repeatable,
        &[Tag::Treatment],
        "only a treatment is repeated",
    ),
    (
        Tag::CabozantinibPrior,
        &[Tag::Antiproliferative],
        "it names a prior systemic line",
    ),
    (
        Tag::LaterLine,
        &[Tag::Antiproliferative],
        "it names a systemic line",
    ),
    (
        Tag::LaterNecLine,
        &[Tag::Antiproliferative],
        "it names a systemic line",
    ),
    (
        Tag::Antiproliferative,
        &[Tag::SystemicLine],
        "an antiproliferative option is a line of systemic therapy",
    ),
    (
        Tag::Radioligand,
        &[Tag::FixedCourse],
        "a radioligand is given as a fixed course of cycles",
    ),
    (
        Tag::Repeatable,
        &[Tag::Procedure],
        "only a procedure is repeated after progression",
    ),
    (
        Tag::LiverProcedure,
        &[Tag::Procedure],
        "ablation and embolisation are procedures",
    ),
    (
        Tag::Embolisation,
        &[Tag::LiverProcedure],
        "an embolisation is a procedure in the liver",
    ),
    (
        Tag::Embolisation,
        &[Tag::Repeatable],
        "an embolisation is repeated after progression",
    ),
    (
        Tag::Radioembolisation,
        &[Tag::Embolisation],
        "radioembolisation is an embolisation",
    ),
    (
        Tag::Backbone,
        &[Tag::SystemicLine],
        "a somatostatin analogue is a line of systemic therapy",
    ),
    (
        Tag::Platinum,
        &[Tag::FixedCourse],
        "platinum-based chemotherapy is given as a fixed course",
    ),
    (
        Tag::NecRelapse,
        &[Tag::LaterNecLine],
        "it is a later line after platinum for a NEC",
    ),
    (
        Tag::Platinum,
        &[Tag::Cytotoxic],
        "platinum-based chemotherapy is cytotoxic",
    ),
    (
        Tag::NecRelapse,
        &[Tag::Cytotoxic],
        "the relapse criterion is one of cytotoxic lines",
    ),
];

fn refuse(id: &str, message: impl std::fmt::Display) -> ParseError {
    (FILE.to_owned(), format!("option {id}: {message}"))
}

/// The option's tag set as bits, its names checked against the vocabulary.
fn bits(o: &OptionInfo) -> Result<u32, ParseError> {
    let mut set = 0;
    for name in o.tags {
        let tag = Tag::parse(name).ok_or_else(|| {
            let names: Vec<&str> = Tag::ALL.iter().map(|t| t.name()).collect();
            refuse(
                o.id,
                format!("unknown tag `{name}` (tags: {})", names.join(", ")),
            )
        })?;
        if set & tag.bit() != 0 {
            return Err(refuse(o.id, format!("tag `{name}` given twice")));
        }
        set |= tag.bit();
    }
    Ok(set)
}

/// Checks that every option has what the rules need: a known stage, a unique id that makes a
/// Rust name, one column each (1 to the number of options), the core options in pathway order,
/// and tags from the vocabulary that agree with each other and with the stage.
pub fn check(options: &[OptionInfo], meta: &Meta) -> Result<(), ParseError> {
    let mut columns = vec![false; options.len()];
    let mut last_stage = 0;
    for (i, o) in options.iter().enumerate() {
        let valid = o.id.split('-').all(|w| {
            w.starts_with(|c: char| c.is_ascii_lowercase())
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        });
        if !valid {
            return Err(refuse(o.id, "an id is lowercase words joined by `-`"));
        }
        if options[..i].iter().any(|p| p.id == o.id) {
            return Err(refuse(o.id, "listed twice"));
        }
        let known = meta.stage(o.stage).is_some()
            && (CORE_STAGES.contains(&o.stage) || o.stage == SYMPTOMS);
        if !known {
            return Err(refuse(
                o.id,
                format!(
                    "stage `{}` is not one of {}, {SYMPTOMS}",
                    o.stage,
                    CORE_STAGES.join(", ")
                ),
            ));
        }
        if let Some(at) = CORE_STAGES.iter().position(|s| *s == o.stage) {
            if at < last_stage {
                return Err(refuse(
                    o.id,
                    format!(
                        "listed after the {} stage: the file lists the options in pathway order ({})",
                        CORE_STAGES[last_stage],
                        CORE_STAGES.join(", ")
                    ),
                ));
            }
            last_stage = at;
        }
        let slot = usize::try_from(o.column)
            .ok()
            .and_then(|c| c.checked_sub(1))
            .filter(|c| *c < options.len());
        match slot {
            Some(c) if !columns[c] => columns[c] = true,
            _ => {
                return Err(refuse(
                    o.id,
                    format!(
                        "column {}: each option needs its own column, 1 to {}",
                        o.column,
                        options.len()
                    ),
                ))
            }
        }
        check_aliases(options, i)?;
        let set = bits(o)?;
        let has = |t: Tag| set & t.bit() != 0;
        if has(Tag::Treatment) == (o.stage == APPROACH) {
            return Err(refuse(
                o.id,
                format!("tag `treatment` is on every option but those of the {APPROACH} stage"),
            ));
        }
        for (tag, needs, why) in NEEDS {
            if has(tag) && !needs.iter().any(|n| has(*n)) {
                let names: Vec<&str> = needs.iter().map(|n| n.name()).collect();
                return Err(refuse(
                    o.id,
                    format!(
                        "tag `{}` needs `{}`: {why}",
                        tag.name(),
                        names.join("` or `")
                    ),
                ));
            }
        }
        if has(Tag::ContinuousDrug) && has(Tag::FixedCourse) {
            return Err(refuse(
                o.id,
                "a continuous drug is not a fixed course: give one of the two",
            ));
        }
        for tag in [Tag::Antiproliferative, Tag::SystemicLine] {
            if has(tag) && o.stage != SYSTEMIC {
                return Err(refuse(
                    o.id,
                    format!("tag `{}` belongs to the {SYSTEMIC} stage", tag.name()),
                ));
            }
        }
        if has(Tag::Procedure) != PROCEDURE_STAGES.contains(&o.stage) {
            return Err(refuse(
                o.id,
                format!(
                    "tag `procedure` is on exactly the options of the {} stages",
                    PROCEDURE_STAGES.join(" and ")
                ),
            ));
        }
        if has(Tag::Backbone) && has(Tag::Antiproliferative) {
            return Err(refuse(
                o.id,
                "a backbone stays after progression, an antiproliferative line does not: give one of the two",
            ));
        }
    }
    Ok(())
}

/// Each alias is written as a typed name is compared (lower case, words joined by `-`), is not
/// an option id, and names one option only.
fn check_aliases(options: &[OptionInfo], at: usize) -> Result<(), ParseError> {
    let o = &options[at];
    for (i, alias) in o.aliases.iter().enumerate() {
        if alias.is_empty() || alias.contains(' ') || *alias != alias.to_lowercase() {
            return Err(refuse(
                o.id,
                format!("alias `{alias}`: lower case, words joined by `-`"),
            ));
        }
        let taken = options
            .iter()
            .enumerate()
            .find(|(j, p)| p.id == *alias || (*j < at && p.aliases.contains(alias)))
            .map(|(_, p)| p);
        if let Some(other) = taken {
            return Err(refuse(
                o.id,
                format!("alias `{alias}` already names {}", other.id),
            ));
        }
        if o.id == *alias || o.aliases[..i].contains(alias) {
            return Err(refuse(o.id, format!("alias `{alias}` given twice")));
        }
    }
    Ok(())
}

/// Rust source for `OptionId` (included by `model/values.rs`): the ids in column order, the core
/// options in pathway order, and each option's tags. `options` has passed `check`.
pub fn source(options: &[OptionInfo]) -> Result<String, ParseError> {
    let mut by_column: Vec<&OptionInfo> = options.iter().collect();
    by_column.sort_by_key(|o| o.column);
    let mut out = String::from(
        "// The ids of data/options.toml, in the order of their `column`.\nvocabulary!(\n    /// Every treatment option, with the stable id used in JSON, `--prior` and files.\n    OptionId {\n",
    );
    for o in &by_column {
        let _ = writeln!(out, "        {} => {:?},", rust_name(o.id), o.id);
    }
    out.push_str("    }\n);\n\nimpl OptionId {\n");
    let core: Vec<String> = options
        .iter()
        .filter(|o| CORE_STAGES.contains(&o.stage))
        .map(|o| format!("Self::{}", rust_name(o.id)))
        .collect();
    let _ = writeln!(
        out,
        "    /// The options of the stages every report has, in pathway order (data/options.toml).\n    pub const CORE: [Self; {}] = [{}];",
        core.len(),
        core.join(", ")
    );
    let mut aliases = String::new();
    let mut help = Vec::new();
    for o in &by_column {
        for alias in o.aliases {
            let _ = write!(aliases, "({alias:?}, OptionId::{}), ", rust_name(o.id));
        }
        if !o.aliases.is_empty() {
            help.push(format!("{} → {}", o.aliases.join(", "), o.id));
        }
    }
    let _ = writeln!(
        out,
        "    /// Every option's other names (data/options.toml `aliases`), by option.\n    pub const ALIASES: &'static [(&'static str, Self)] = &[{aliases}];\n    /// The same, for help texts: `octreotide, lanreotide → ssa; …`.\n    pub const ALIASES_HELP: &'static str = {:?};",
        help.join("; ")
    );
    let mut sets = Vec::with_capacity(by_column.len());
    for o in &by_column {
        let set = bits(o)?;
        sets.push(format!("0x{:04x}_{:04x}", set >> 16, set & 0xffff));
    }
    let _ = writeln!(
        out,
        "    /// Each option's tags as bits (`Tag::bit`), by `OptionId`.\n    const TAGS: [u32; {}] = [{}];\n}}",
        sets.len(),
        sets.join(", ")
    );
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tag_has_a_bit_of_its_own() {
        assert!(Tag::ALL.len() <= 32);
        for (i, t) in Tag::ALL.iter().enumerate() {
            assert_eq!(t.bit(), 1 << i);
            assert_eq!(Tag::parse(t.name()), Some(*t));
        }
    }

    #[test]
    fn ids_become_rust_names() {
        assert_eq!(
            rust_name("capecitabine-temozolomide"),
            "CapecitabineTemozolomide"
        );
        assert_eq!(rust_name("ppi"), "Ppi");
    }
}
