//! Other spellings people write, in one table each: for a field (cohort headers and JSON Lines
//! keys: `Ki-67 (%)`, `ki67_percent`, `ECOG PS`) and for a treatment option (`--prior`, profiles,
//! cohorts and the questionnaire: `octreotide` for `ssa`). The README lists them; a test checks
//! that no spelling can mean two things.

use super::field::Field;
use super::values::OptionId;

/// Unit words a header may add after a field's name (`ki67_percent`, `age (years)` is handled
/// by dropping the bracket).
const UNIT_WORDS: &[&str] = &["percent", "pct", "years", "yrs", "months", "mo"];

/// Other names of a field, in the compact form of [`compact`] (letters and digits only).
pub const FIELD_ALIASES: &[(&str, Field)] = &[
    ("ki67index", Field::Ki67),
    ("mib1", Field::Ki67),
    ("mitoticcount", Field::Mitoses),
    ("mitosis", Field::Mitoses),
    ("primarysite", Field::Primary),
    ("site", Field::Primary),
    ("numberoflesions", Field::Lesions),
    ("lesioncount", Field::Lesions),
    ("largestlesion", Field::LargestCm),
    ("largestlesioncm", Field::LargestCm),
    ("liverinvolvement", Field::LiverBurden),
    ("hepatictumourburden", Field::LiverBurden),
    ("ecogps", Field::Ecog),
    ("performancestatus", Field::Ecog),
    ("sstrimaging", Field::Sstr),
    ("priortreatment", Field::Prior),
    ("priortreatments", Field::Prior),
    ("previoustreatment", Field::Prior),
    ("pvt", Field::PortalVeinThrombosis),
];

/// A header as letters and digits only, lower case, American `tumor` read as `tumour`, a
/// trailing bracket (`(%)`, `[cm]`) and `%` dropped: `Ki-67 (%)` → `ki67`.
pub fn compact(name: &str) -> String {
    let mut name = name.trim();
    if let Some(open) = name.rfind(['(', '[']) {
        if name.ends_with([')', ']']) && open > 0 {
            name = &name[..open];
        }
    }
    let name = name.trim().trim_end_matches('%').to_lowercase();
    name.replace("tumor", "tumour")
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

/// The field a cohort header names, in any of the spellings this module accepts.
pub fn field(header: &str) -> Option<Field> {
    let key = compact(header);
    if key.is_empty() {
        return None;
    }
    Field::ALL
        .into_iter()
        .find(|f| {
            let own = compact(f.name());
            key == own
                || key
                    .strip_prefix(own.as_str())
                    .is_some_and(|unit| UNIT_WORDS.contains(&unit))
        })
        .or_else(|| {
            FIELD_ALIASES
                .iter()
                .find(|(alias, _)| *alias == key)
                .map(|(_, f)| *f)
        })
}

/// The field a cohort column or key names: its own name first (the common case, one match),
/// else any spelling this module accepts.
pub fn column(name: &str) -> Option<Field> {
    Field::from_name(name).or_else(|| field(name))
}

/// The option an alias names (case, spaces and `_` ignored).
pub fn option(name: &str) -> Option<OptionId> {
    let key = name.trim().to_lowercase().replace([' ', '_'], "-");
    OptionId::ALIASES
        .iter()
        .find(|(alias, _)| *alias == key)
        .map(|(_, id)| *id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn obvious_spellings_of_a_header_name_their_field() {
        for header in [
            "ki67",
            "Ki67",
            "ki-67",
            "KI 67",
            "ki67 (%)",
            "Ki-67 [%]",
            "ki67_percent",
            "ki67%",
            "MIB-1",
        ] {
            assert_eq!(field(header), Some(Field::Ki67), "{header}");
        }
        assert_eq!(field("Largest lesion (cm)"), Some(Field::LargestCm));
        assert_eq!(field("liver_burden_pct"), Some(Field::LiverBurden));
        assert_eq!(field("Age (years)"), Some(Field::Age));
        assert_eq!(field("ECOG PS"), Some(Field::Ecog));
        assert_eq!(field("stable_months"), Some(Field::StableMonths));
        assert_eq!(field("ki"), None);
        assert_eq!(field("(%)"), None);
    }

    #[test]
    fn every_field_is_found_by_its_own_name_and_no_spelling_means_two_things() {
        for f in Field::ALL {
            assert_eq!(field(f.name()), Some(f), "{f}");
            assert_eq!(field(&f.name().replace('-', "_")), Some(f), "{f}");
        }
        for (alias, f) in FIELD_ALIASES {
            assert_eq!(compact(alias), *alias, "aliases are written compact");
            assert!(
                Field::ALL.iter().all(|g| compact(g.name()) != *alias),
                "{alias} is already a field's name"
            );
            assert_eq!(field(alias), Some(*f), "{alias}");
        }
    }

    #[test]
    fn option_aliases_are_not_ids_and_are_unique() {
        for (i, (alias, id)) in OptionId::ALIASES.iter().enumerate() {
            assert!(OptionId::parse(alias).is_none(), "{alias} is an id");
            assert!(
                OptionId::ALIASES[..i].iter().all(|(a, _)| a != alias),
                "{alias} twice"
            );
            assert_eq!(option(&alias.to_uppercase().replace('-', " ")), Some(*id));
        }
    }
}
