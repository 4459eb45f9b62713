//! The common one-shot command line, `netriage assess --name value …`, read without building
//! clap's parser.
//!
//! Why: for `assess`, clap builds some thirty flags and runs its general parser, about 200k
//! instructions, two thirds of what a bare clap binary costs to start; a one-shot report should
//! cost about what that start costs (BENCHMARKS.md). The shape read here is narrow on purpose:
//! `assess`, then flags each given once as `--name value`, each a patient flag, `--format` or
//! `--detail` (or the bare `--no-pager`), every value read by the reading its clap value parser
//! does. Anything else (help, a value refused, `--name=value`, a value starting with `-`, a
//! repeated or unknown flag, a profile, the global flags) goes to clap, which reads it or says
//! what is wrong. A property test holds both to the same result.

use super::{
    checked_current, AssessArgs, Cli, Command, Deferred, OutputArgs, PatientArgs, ViewArgs,
};
use crate::model::{ColorChoice, Field, Format, Patient};
use crate::render::Detail;
use clap::ValueEnum;
use std::ffi::OsString;

/// `args` (the program name first) read as clap reads them, when they have the plain shape;
/// `None` otherwise.
pub fn parse(args: &[OsString]) -> Option<Cli> {
    let [_, command, flags @ ..] = args else {
        return None;
    };
    if command != "assess" {
        return None;
    }
    let mut patient = Patient::default();
    let mut current = None;
    let mut format = None;
    let mut detail = None;
    let mut no_pager = false;
    let mut flags = flags.iter();
    while let Some(flag) = flags.next() {
        let name = flag.to_str()?.strip_prefix("--")?;
        if name == "no-pager" {
            if std::mem::replace(&mut no_pager, true) {
                return None;
            }
            continue;
        }
        let value = flags.next()?.to_str()?;
        if value.starts_with('-') {
            return None;
        }
        match name {
            "format" if format.is_none() => format = Some(Format::from_str(value, true).ok()?),
            "detail" if detail.is_none() => detail = Some(Detail::from_str(value, true).ok()?),
            _ => {
                let field = Field::from_exact_name(name)?;
                if patient.is_answered(field) || !patient.read_flag(field, value) {
                    return None;
                }
                if field == Field::Current {
                    current = Some(value);
                }
            }
        }
    }
    let assess = AssessArgs {
        patient: PatientArgs(checked_current(patient, current)),
        profile: None,
        fhir: None,
        output: OutputArgs {
            format: format.unwrap_or(Format::Text),
        },
        view: ViewArgs { detail, no_pager },
    };
    Some(Cli {
        color: ColorChoice::Auto,
        knowledge: None,
        command: Some(Command::Assess(Deferred(assess))),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Domain;
    use clap::Parser;
    use proptest::prelude::*;

    fn args(words: &[&str]) -> Vec<OsString> {
        ["netriage"]
            .iter()
            .chain(words)
            .map(OsString::from)
            .collect()
    }

    /// What clap makes of `args`, as the run sees it (an error by its message).
    fn by_clap(args: &[OsString]) -> String {
        match Cli::try_parse_from(args) {
            Ok(cli) => format!("{cli:?}"),
            Err(e) => format!("error: {}", e.render()),
        }
    }

    #[test]
    fn the_common_command_lines_are_read_plainly_and_as_clap_reads_them() {
        let lines: [&[&str]; 4] = [
            &["assess"],
            &[
                "assess",
                "--ki67",
                "12",
                "--primary",
                "pancreas",
                "--lesions",
                "3",
            ],
            &[
                "assess",
                "--ki67",
                "12",
                "--differentiation",
                "well",
                "--primary",
                "pancreas",
                "--lesions",
                "3",
                "--largest-cm",
                "2.5",
                "--liver-burden",
                "20",
                "--resectable",
                "no",
                "--extrahepatic",
                "no",
                "--sstr",
                "positive",
                "--progression",
                "progressive",
                "--prior",
                "ssa",
                "--age",
                "58",
                "--ecog",
                "1",
                "--format",
                "json",
            ],
            &[
                "assess",
                "--ki67",
                "12%",
                "--prior",
                "none",
                "--current",
                "ssa",
                "--detail",
                "FULL",
                "--no-pager",
                "--format",
                "Markdown",
            ],
        ];
        for line in lines {
            let args = args(line);
            let plain = parse(&args).map(|cli| format!("{cli:?}"));
            assert_eq!(plain.as_deref(), Some(by_clap(&args).as_str()), "{line:?}");
        }
    }

    #[test]
    fn any_other_shape_goes_to_clap() {
        let lines: [&[&str]; 12] = [
            &[],
            &["grade", "--ki67", "12"],
            &["assess", "--help"],
            &["assess", "--ki67=12"],
            &["assess", "--ki67", "-1"],
            &["assess", "--ki67", "101"],
            &["assess", "--ki67", "12", "--ki67", "13"],
            &["assess", "--primary", "moon"],
            &["assess", "--ki67"],
            &["assess", "--profile", "p.toml"],
            &["assess", "--color", "never"],
            &["assess", "--no-pager", "--no-pager"],
        ];
        for line in lines {
            assert!(parse(&args(line)).is_none(), "{line:?}");
        }
    }

    /// Values `field` takes, in several spellings: its own words in several cases, numbers of
    /// its range, treatment lists.
    fn valid(field: Option<Field>) -> Vec<String> {
        let Some(field) = field else {
            return ["json", "MARKDOWN", "text", "full", "Brief"]
                .map(str::to_owned)
                .to_vec();
        };
        match field.domain() {
            Domain::Choice(words) => words
                .iter()
                .flat_map(|w| [(*w).to_owned(), w.to_uppercase()])
                .collect(),
            Domain::YesNo => ["yes", "no", "YES"].map(str::to_owned).to_vec(),
            Domain::Treatments => ["ssa", "none", "ssa,prrt", "Octreotide", "everolimus"]
                .map(str::to_owned)
                .to_vec(),
            Domain::Decimal { min, max, .. } => {
                let max = max.unwrap_or(min + 10.0);
                vec![
                    format!("{max}"),
                    format!("{}", (min + max) / 2.0),
                    "1.5".to_owned(),
                ]
            }
            Domain::Whole { min, max, .. } => {
                let max = max.unwrap_or(min + 10);
                vec![
                    min.to_string(),
                    max.to_string(),
                    ((min + max) / 2).to_string(),
                ]
            }
        }
    }

    /// Values no flag should take, or only some.
    const JUNK: [&str; 14] = [
        "",
        " 7 ",
        "0",
        "12%",
        "101",
        "1e2",
        "nan",
        "-3",
        "abc",
        "ssa,,prrt",
        "none,ssa",
        "Well",
        "--ki67",
        "yes",
    ];

    /// A flag and a value for it (or none), as a person might type them.
    fn pair() -> impl Strategy<Value = Vec<String>> {
        let names: Vec<Option<Field>> = Field::ALL.iter().copied().map(Some).collect();
        let others = [
            "--format",
            "--detail",
            "--no-pager",
            "--profile",
            "--bogus",
            "assess",
        ];
        (
            0..names.len() + others.len(),
            any::<prop::sample::Index>(),
            0..10u8,
        )
            .prop_map(move |(which, pick, kind)| {
                let (flag, field) = match names.get(which) {
                    Some(field) => (format!("--{}", field.map_or("", Field::name)), *field),
                    None => (others[which - names.len()].to_owned(), None),
                };
                let mut pair = vec![flag.clone()];
                match kind {
                    // Mostly a value the flag takes, so that long lines are read plainly too.
                    0..=7 if flag != "--no-pager" => pair.push(pick.get(&valid(field)).clone()),
                    8 => pair.push((*pick.get(&JUNK)).to_owned()),
                    _ => {}
                }
                pair
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn a_plain_reading_is_clap_s_reading(pairs in prop::collection::vec(pair(), 0..8)) {
            let mut words = vec!["netriage".to_owned(), "assess".to_owned()];
            words.extend(pairs.into_iter().flatten());
            let args: Vec<OsString> = words.iter().map(OsString::from).collect();
            if let Some(cli) = parse(&args) {
                prop_assert_eq!(format!("{cli:?}"), by_clap(&args), "{:?}", words);
            }
        }
    }
}
