//! The command line: commands, flags and value types. Declarations only; `config` turns them
//! into a validated configuration.

use crate::cohort::{CohortInput, CohortOutput};
use crate::model::{
    ColorChoice, Differentiation, Field, Format, HeartDisease, LiverFunction, Patient, Pattern,
    Primary, Progression, RawValue, Sstr, Syndrome, YesNo,
};
use crate::render::citations::ListFormat;
use crate::render::Detail;
use crate::schema::Document;
use clap::{ArgMatches, Args, FromArgMatches, Parser, Subcommand, ValueHint};
use clap_complete::engine::ArgValueCompleter;
use std::path::PathBuf;

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

/// Checks a flag's value with the same validation as every other input, keeping the text.
fn check(field: Field, text: &str) -> Result<String, String> {
    Patient::default()
        .set(field, &RawValue::Text(text.to_owned()))
        .map(|()| text.trim().to_owned())
        .map_err(|e| e.expectation())
}

macro_rules! checkers {
    ($($name:ident => $field:expr),+ $(,)?) => {
        $(fn $name(text: &str) -> Result<String, String> { check($field, text) })+
    };
}

checkers!(
    ki67 => Field::Ki67,
    mitoses => Field::Mitoses,
    lesions => Field::Lesions,
    largest_cm => Field::LargestCm,
    liver_burden => Field::LiverBurden,
    age => Field::Age,
    ecog => Field::Ecog,
    stable_months => Field::StableMonths,
    prior => Field::Prior,
    current => Field::Current,
);

/// The long help of `--prior` and `--current`: what the list is, and every other name accepted
/// for an id.
fn treatments_help(what: &str, none: &str) -> String {
    format!(
        "{what}: comma list of treatment ids, or none ({none}). Other names are accepted too: {}",
        crate::model::OptionId::ALIASES_HELP
    )
}

// The flags that grade a tumour (shared by `grade` and the patient flags). A plain comment:
// a doc comment here would become the `grade` command's description.
#[derive(Debug, Default, Clone, Args)]
#[command(next_help_heading = "Patient")]
pub struct PathologyArgs {
    /// Ki-67 proliferation index, 0–100 (%; `12%` is fine)
    #[arg(long, value_name = "PERCENT", value_parser = ki67, allow_hyphen_values = true, value_hint = ValueHint::Other)]
    pub ki67: Option<String>,
    /// Mitotic count per 2 mm², 0–1000
    #[arg(long, value_name = "N", value_parser = mitoses, allow_hyphen_values = true, value_hint = ValueHint::Other)]
    pub mitoses: Option<String>,
    /// Morphology (poor = neuroendocrine carcinoma, cell type not given; small-cell, large-cell)
    #[arg(long, value_enum, ignore_case = true)]
    pub differentiation: Option<Differentiation>,
    /// Primary site
    #[arg(long, value_enum, ignore_case = true)]
    pub primary: Option<Primary>,
    /// Tumour necrosis (lung and thymus classification only)
    #[arg(long, value_enum, ignore_case = true)]
    pub necrosis: Option<YesNo>,
}

impl PathologyArgs {
    /// Every flag given, as (field, raw value).
    fn answers(&self) -> impl Iterator<Item = (Field, Option<RawValue>)> + '_ {
        [
            (Field::Ki67, word(self.ki67.as_ref())),
            (Field::Mitoses, word(self.mitoses.as_ref())),
            (Field::Differentiation, word(self.differentiation)),
            (Field::Primary, word(self.primary)),
            (Field::Necrosis, word(self.necrosis)),
        ]
        .into_iter()
    }
}

fn word(v: Option<impl ToString>) -> Option<RawValue> {
    v.map(|v| RawValue::Text(v.to_string()))
}

// The patient flags of the contract; every one optional (a missing answer is unknown).
// (Plain comments on argument structs: a doc comment would replace the command's description.)
#[derive(Debug, Default, Clone, Args)]
#[command(next_help_heading = "Patient")]
pub struct PatientArgs {
    #[command(flatten)]
    pub pathology: PathologyArgs,
    /// Primary tumour already removed
    #[arg(long, value_enum, ignore_case = true)]
    pub primary_resected: Option<YesNo>,
    /// Disease outside the liver (besides the primary)
    #[arg(long, value_enum, ignore_case = true)]
    pub extrahepatic: Option<YesNo>,
    /// Number of liver metastases, 1–1000
    #[arg(long, value_name = "N", value_parser = lesions, allow_hyphen_values = true, value_hint = ValueHint::Other)]
    pub lesions: Option<String>,
    /// Diameter of the largest liver metastasis, cm (> 0, at most 50)
    #[arg(long, value_name = "CM", value_parser = largest_cm, allow_hyphen_values = true, value_hint = ValueHint::Other)]
    pub largest_cm: Option<String>,
    /// Share of liver volume replaced by tumour, 0–100 (%; `30%` is fine)
    #[arg(long, value_name = "PERCENT", value_parser = liver_burden, allow_hyphen_values = true, value_hint = ValueHint::Other)]
    pub liver_burden: Option<String>,
    /// Metastases in both lobes
    #[arg(long, value_enum, ignore_case = true)]
    pub bilobar: Option<YesNo>,
    /// Liver metastasis pattern (Frilling type I, II, III)
    #[arg(long, value_enum, ignore_case = true)]
    pub pattern: Option<Pattern>,
    /// Surgeon's judgement: all liver disease removable with an adequate remnant
    #[arg(long, value_enum, ignore_case = true)]
    pub resectable: Option<YesNo>,
    /// Age in years, 0–120
    #[arg(long, value_name = "YEARS", value_parser = age, allow_hyphen_values = true, value_hint = ValueHint::Other)]
    pub age: Option<String>,
    /// ECOG performance status, 0–4
    #[arg(long, value_name = "0-4", value_parser = ecog, allow_hyphen_values = true, value_hint = ValueHint::Other)]
    pub ecog: Option<String>,
    /// Somatostatin-receptor imaging (e.g. 68Ga-DOTATATE PET)
    #[arg(long, value_enum, ignore_case = true)]
    pub sstr: Option<Sstr>,
    /// Hormonal syndrome
    #[arg(long, value_enum, ignore_case = true)]
    pub syndrome: Option<Syndrome>,
    /// Course on imaging over the last 6–12 months
    #[arg(long, value_enum, ignore_case = true)]
    pub progression: Option<Progression>,
    /// Months of stable disease (transplant criteria), 0–1440
    #[arg(long, value_name = "MONTHS", value_parser = stable_months, allow_hyphen_values = true, value_hint = ValueHint::Other)]
    pub stable_months: Option<String>,
    /// Treatments already given: comma list of treatment ids (or drug names: octreotide…), or none
    #[arg(long, value_name = "IDS", value_parser = prior, long_help = treatments_help("Treatments already given", "known to be untreated"), add = ArgValueCompleter::new(crate::shell::complete_options))]
    pub prior: Option<String>,
    /// Treatments being given now (a course under way, a drug continued): comma list, or none
    #[arg(long, value_name = "IDS", value_parser = current, long_help = treatments_help("Treatments being given now (a course under way, a drug continued)", "nothing under way"), add = ArgValueCompleter::new(crate::shell::complete_options))]
    pub current: Option<String>,
    /// Pain, early satiety or compression from tumour bulk (not hormonal)
    #[arg(long, value_enum, ignore_case = true)]
    pub tumour_symptoms: Option<YesNo>,
    /// Bilio-enteric anastomosis or stent (e.g. after Whipple)
    #[arg(long, value_enum, ignore_case = true)]
    pub biliary_anastomosis: Option<YesNo>,
    /// Main portal vein occluded
    #[arg(long, value_enum, ignore_case = true)]
    pub portal_vein_thrombosis: Option<YesNo>,
    /// Bilirubin / synthetic function
    #[arg(long, value_enum, ignore_case = true)]
    pub liver_function: Option<LiverFunction>,
    /// Carcinoid heart disease on echocardiography (severe = moderate or severe right-sided
    /// valve disease, or right heart failure)
    #[arg(long, value_enum, ignore_case = true)]
    pub carcinoid_heart_disease: Option<HeartDisease>,
}

impl PatientArgs {
    /// Every flag given, as (field, raw value), in contract order.
    pub fn answers(&self) -> Vec<(Field, RawValue)> {
        let rest = [
            (Field::PrimaryResected, word(self.primary_resected)),
            (Field::Extrahepatic, word(self.extrahepatic)),
            (Field::Lesions, word(self.lesions.as_ref())),
            (Field::LargestCm, word(self.largest_cm.as_ref())),
            (Field::LiverBurden, word(self.liver_burden.as_ref())),
            (Field::Bilobar, word(self.bilobar)),
            (Field::Pattern, word(self.pattern)),
            (Field::Resectable, word(self.resectable)),
            (Field::Age, word(self.age.as_ref())),
            (Field::Ecog, word(self.ecog.as_ref())),
            (Field::Sstr, word(self.sstr)),
            (Field::Syndrome, word(self.syndrome)),
            (Field::Progression, word(self.progression)),
            (Field::StableMonths, word(self.stable_months.as_ref())),
            (Field::Prior, word(self.prior.as_ref())),
            (Field::Current, word(self.current.as_ref())),
            (Field::TumourSymptoms, word(self.tumour_symptoms)),
            (Field::BiliaryAnastomosis, word(self.biliary_anastomosis)),
            (
                Field::PortalVeinThrombosis,
                word(self.portal_vein_thrombosis),
            ),
            (Field::LiverFunction, word(self.liver_function)),
            (
                Field::CarcinoidHeartDisease,
                word(self.carcinoid_heart_disease),
            ),
        ];
        self.pathology
            .answers()
            .chain(rest)
            .filter_map(|(f, v)| v.map(|v| (f, v)))
            .collect()
    }
}

#[derive(Debug, Args)]
pub struct GradeArgs {
    #[command(flatten)]
    pub pathology: PathologyArgs,

    #[command(flatten)]
    pub output: OutputArgs,
}

impl GradeArgs {
    pub fn answers(&self) -> Vec<(Field, RawValue)> {
        self.pathology
            .answers()
            .filter_map(|(f, v)| v.map(|v| (f, v)))
            .collect()
    }
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
