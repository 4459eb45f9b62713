//! The command line: commands, flags and value types. Declarations only; `config` turns them
//! into a validated configuration.

use crate::cohort::{CohortInput, CohortOutput};
use crate::model::fields::{Flag, Takes};
use crate::model::{ColorChoice, Field, FieldError, Format, Patient, RawValue};
use crate::render::citations::ListFormat;
use crate::render::Detail;
use crate::schema::Document;
use clap::{Arg, ArgAction, ArgMatches, Args, FromArgMatches, Parser, Subcommand, ValueHint};
use clap_complete::engine::ArgValueCompleter;
use std::borrow::Cow;
use std::path::PathBuf;

pub mod plain;

/// The version line: crate version and knowledge-base version.
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (knowledge ",
    env!("NETRIAGE_KNOWLEDGE_VERSION"),
    ")"
);

#[derive(Debug, Parser)]
#[command(
    name = "netriage",
    version = VERSION,
    about = "Triage of liver metastases from neuroendocrine tumours: WHO grade, eligibility and a staged treatment pathway",
    long_about = "Triage of liver metastases from neuroendocrine tumours: WHO grade, eligibility for each \
treatment option and a staged pathway, each option with its reasons, evidence and sources.\n\n\
Decision support for clinicians, not a prescription: discuss every option at a multidisciplinary tumour board.",
    after_help = "Run `netriage assess --help` for the patient flags, `netriage man` for the manual. Exit codes: 0 ok, 2 usage, 65 bad data in a file, 66 cannot open input, 70 built-in knowledge invalid, 73 cannot write output, 74 output failed, 129 hung up, 130 interrupted, 143 terminated."
)]
pub struct Cli {
    /// When to use colour: auto honours NO_COLOR and whether stdout is a terminal
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, ignore_case = true)]
    pub color: ColorChoice,

    /// An institution's overrides of thresholds (TOML, the format `netriage thresholds` prints)
    #[arg(long, global = true, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub knowledge: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Guided questionnaire on a terminal: flags and --profile values are pre-filled, the rest is asked
    Ask(Deferred<AskArgs>),
    /// One-shot assessment from flags: never prompts; what is not given is unknown
    Assess(Deferred<AssessArgs>),
    /// WHO grade only
    Grade(Deferred<GradeArgs>),
    /// A cohort, streamed: one output record per input record (CSV, JSONL or FHIR in)
    Batch(Deferred<BatchArgs>),
    /// Every citation of the knowledge base (id, reference, year)
    Sources(Deferred<SourcesArgs>),
    /// Print the thresholds in force (built-in, or with --knowledge FILE) as an override file
    Thresholds,
    /// Print the completion script for a shell
    Completions(Deferred<CompletionsArgs>),
    /// Print the manual page (roff): netriage(1), or the page of one command
    Man(Deferred<ManArgs>),
    /// Print the JSON Schema (2020-12) of a document netriage writes or reads
    Schema(Deferred<SchemaArgs>),
    /// Print the guided questionnaire as a FHIR R4 Questionnaire (answers: `assess --fhir`)
    Questionnaire(Deferred<QuestionnaireArgs>),
}

/// A subcommand's arguments, built only when that subcommand is used: a run builds the flags of
/// one command, not of all of them (a measurable share of a one-shot run; see BENCHMARKS.md).
/// Help, completions and the man page build them all as usual.
#[derive(Debug, Clone)]
pub struct Deferred<T>(pub T);

impl<T> std::ops::Deref for Deferred<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: FromArgMatches> FromArgMatches for Deferred<T> {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        T::from_arg_matches(matches).map(Deferred)
    }

    // Forwarded, not left to the default: that would go through `from_arg_matches`, whose
    // derived form copies every match first.
    fn from_arg_matches_mut(matches: &mut ArgMatches) -> Result<Self, clap::Error> {
        T::from_arg_matches_mut(matches).map(Deferred)
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches(matches)
    }

    fn update_from_arg_matches_mut(&mut self, matches: &mut ArgMatches) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches_mut(matches)
    }
}

impl<T: Args> Args for Deferred<T> {
    fn augment_args(cmd: clap::Command) -> clap::Command {
        cmd.defer(T::augment_args)
    }

    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        cmd.defer(T::augment_args_for_update)
    }
}

#[derive(Debug, Args)]
pub struct AssessArgs {
    #[command(flatten)]
    pub patient: PatientArgs,

    /// Answers from a profile (TOML, keys = the patient flag names); flags override it
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath, help_heading = "Profile")]
    pub profile: Option<PathBuf>,

    /// Answers from FHIR: a QuestionnaireResponse to `netriage questionnaire --format fhir`, or a Bundle of Observations; flags override it
    #[arg(
        long,
        value_name = "FILE",
        help_heading = "Profile",
        conflicts_with = "profile",
        value_hint = ValueHint::FilePath
    )]
    pub fhir: Option<PathBuf>,

    #[command(flatten)]
    pub output: OutputArgs,

    #[command(flatten)]
    pub view: ViewArgs,
}

#[derive(Debug, Args)]
pub struct AskArgs {
    #[command(flatten)]
    pub patient: PatientArgs,

    /// Pre-filled answers from a profile (TOML, keys = the patient flag names); flags override it
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath, help_heading = "Profile")]
    pub profile: Option<PathBuf>,

    /// Write the answers to FILE as a profile (an existing file is refused unless --force)
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath, help_heading = "Profile")]
    pub save: Option<PathBuf>,

    /// Let --save (and --output) replace an existing file
    #[arg(long, help_heading = "Profile")]
    pub force: bool,

    /// Write the report to FILE (atomically) instead of standard output
    #[arg(long = "output", value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub output_file: Option<PathBuf>,

    #[command(flatten)]
    pub output: OutputArgs,

    #[command(flatten)]
    pub view: ViewArgs,
}

// How much of a report to show, and whether to page it. (A plain comment: a doc comment here
// would become the description of `ask` and `assess`.)
#[derive(Debug, Default, Clone, Args)]
pub struct ViewArgs {
    /// How much to show [default: standard for text and markdown, full for json]
    #[arg(long, value_enum, ignore_case = true)]
    pub detail: Option<Detail>,

    /// Never page a long report (also: NETRIAGE_PAGER= or PAGER= empty)
    #[arg(long)]
    pub no_pager: bool,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Output")]
pub struct OutputArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Text, ignore_case = true)]
    pub format: Format,
}

/// The flags that grade a tumour (shared by `grade` and the patient flags).
const PATHOLOGY: [Field; 5] = [
    Field::Ki67,
    Field::Mitoses,
    Field::Differentiation,
    Field::Primary,
    Field::Necrosis,
];

/// A patient flag, from its field's row of the `fields!` table (`model/fields.rs`): its help,
/// its range and its value parser, which reads the value once into its typed answer.
fn flag(field: Field) -> Arg {
    let Flag {
        value_name,
        help,
        long_help,
        takes,
    } = field.flag();
    let value_name: clap::builder::Str = match value_name {
        Cow::Borrowed(name) => name.into(),
        Cow::Owned(name) => name.into(),
    };
    let mut arg = Arg::new(field.key())
        .long(field.name())
        .value_name(value_name)
        .help(help.into_owned())
        .action(ArgAction::Set)
        .value_parser(field.value_parser());
    if let Some(long_help) = long_help {
        arg = arg.long_help(long_help);
    }
    match takes {
        Takes::Number => arg.allow_hyphen_values(true).value_hint(ValueHint::Other),
        Takes::Word => arg.ignore_case(true),
        Takes::Treatments => arg.add(ArgValueCompleter::new(crate::shell::complete_options)),
    }
}

/// Adds the flags of `fields` under the "Patient" heading.
fn augment(cmd: clap::Command, fields: &[Field]) -> clap::Command {
    cmd.next_help_heading("Patient")
        .args(fields.iter().map(|f| flag(*f)))
}

/// Declares a set of patient flags: the flags of its fields, read into a `Patient` (each value
/// parsed once, by its flag's value parser).
macro_rules! patient_flags {
    ($(#[$meta:meta])* $name:ident, $fields:expr, $read:expr) => {
        $(#[$meta])*
        #[derive(Debug, Clone)]
        pub struct $name(Result<Patient, FieldError>);

        impl Default for $name {
            fn default() -> Self {
                Self(Ok(Patient::default()))
            }
        }

        impl $name {
            /// The answers of the flags given, or the contradiction between two of them.
            pub fn into_patient(self) -> Result<Patient, FieldError> {
                self.0
            }
        }

        impl FromArgMatches for $name {
            fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
                Self::from_arg_matches_mut(&mut matches.clone())
            }

            fn from_arg_matches_mut(matches: &mut ArgMatches) -> Result<Self, clap::Error> {
                let read: fn(&mut ArgMatches) -> Result<Patient, FieldError> = $read;
                Ok(Self(read(matches)))
            }

            fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
                self.update_from_arg_matches_mut(&mut matches.clone())
            }

            fn update_from_arg_matches_mut(
                &mut self,
                matches: &mut ArgMatches,
            ) -> Result<(), clap::Error> {
                let given = Self::from_arg_matches_mut(matches)?;
                if let (Ok(patient), Ok(given)) = (&mut self.0, &given.0) {
                    if let Err(e) = patient.overlay(given) {
                        self.0 = Err(e);
                    }
                } else if given.0.is_err() {
                    *self = given;
                }
                Ok(())
            }
        }

        impl Args for $name {
            fn augment_args(cmd: clap::Command) -> clap::Command {
                augment(cmd, &$fields)
            }

            fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
                augment(cmd, &$fields)
            }
        }
    };
}

patient_flags!(
    /// The flags that grade a tumour (`grade`).
    PathologyArgs,
    PATHOLOGY,
    |matches| Ok(Patient::take_flags(matches, &PATHOLOGY))
);

patient_flags!(
    /// The patient flags of the contract; every one optional (a missing answer is unknown).
    PatientArgs,
    Field::ALL,
    |matches| {
        let current = matches
            .try_get_raw(Field::Current.key())
            .ok()
            .flatten()
            .and_then(|mut values| values.next())
            .map(|text| text.to_string_lossy().into_owned());
        let patient = Patient::take_flags(matches, &Field::ALL);
        checked_current(patient, current.as_deref())
    }
);

/// The patient, unless `--prior none` and a current treatment were given together: they
/// contradict each other (rules.md §3.3), and `--current` (its text as typed) is blamed.
fn checked_current(patient: Patient, current: Option<&str>) -> Result<Patient, FieldError> {
    match current {
        Some(current) => patient
            .consistent(Field::Current, &RawValue::Text(current.trim().to_owned()))
            .map(|()| patient),
        None => Ok(patient),
    }
}

#[derive(Debug, Args)]
pub struct GradeArgs {
    #[command(flatten)]
    pub pathology: PathologyArgs,

    #[command(flatten)]
    pub output: OutputArgs,
}

// `batch`: a cohort file in, one record per patient out.
#[derive(Debug, Args)]
#[command(
    after_help = "Columns (CSV header) or keys (JSON Lines) are the patient flag names without `--`, \
plus an optional `id`; obvious spellings are accepted too (`Ki-67 (%)`, `ki67_percent`, `ECOG PS`). \
A bad row becomes an error record (with its file line for JSON Lines) and the others go on; the \
exit code is 65 when any row was refused."
)]
pub struct BatchArgs {
    /// Cohort file; `-` (or nothing, when input is piped) reads standard input
    #[arg(value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub file: Option<PathBuf>,
    /// Input format [default: from the file extension; on standard input, CSV when the first line is a header, else JSON Lines]
    #[arg(long, value_enum, ignore_case = true)]
    pub input: Option<CohortInput>,
    /// Output format: one JSON record per line, one table row per patient, or one FHIR Bundle per line
    #[arg(long, value_enum, default_value_t = CohortOutput::Jsonl, ignore_case = true)]
    pub format: CohortOutput,
    /// JSON Lines records: brief (grade, statuses with reasons, missing answers, warnings) or the full report
    #[arg(long, value_enum, default_value_t = Detail::Brief, ignore_case = true)]
    pub detail: Detail,
}

// `sources`: the citations of the knowledge base.
#[derive(Debug, Args)]
pub struct SourcesArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = ListFormat::Text, ignore_case = true)]
    pub format: ListFormat,
}

// `schema`: the JSON Schema of a document.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// The document
    #[arg(value_enum, default_value_t = Document::Report, ignore_case = true)]
    pub document: Document,
}

// `questionnaire`: the guided questionnaire in another system's terms.
#[derive(Debug, Args)]
pub struct QuestionnaireArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = QuestionnaireFormat::Fhir, ignore_case = true)]
    pub format: QuestionnaireFormat,
}

/// How the questionnaire is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum QuestionnaireFormat {
    /// A FHIR R4 Questionnaire (JSON)
    Fhir,
}

// `completions`: a shell's completion script.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum, ignore_case = true)]
    pub shell: clap_complete::Shell,
}

// `man`: the manual page of the program or of one command.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// The command whose page to print (netriage-COMMAND(1)); without it, netriage(1)
    #[arg(value_name = "COMMAND", add = clap_complete::engine::ArgValueCandidates::new(crate::manual::command_candidates))]
    pub command: Option<String>,
}
