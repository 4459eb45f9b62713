//! The patient fields, one table row each: the `fields!` table at the end of this file declares
//! each answer's name, Rust type, valid range, question label and flag, and generates from it
//! the `Field` enum, the `Patient` struct and everything that goes field by field.

use super::domain::{Domain, Unit, CM, MONTHS, PERCENT, PER_2_MM2, YEARS};
use super::field::{self, FieldError, RawValue};
use super::patient::FieldSet;
use super::values::{
    Differentiation, HeartDisease, LiverFunction, OptionId, Pattern, Primary, Progression, Sstr,
    Syndrome, Vocabulary, YesNo,
};
use clap::builder::{EnumValueParser, ValueParser};
use std::borrow::Cow;
use std::marker::PhantomData;

// Input ranges (shared/contract.md, "Patient flags"): the domain of each answer, not clinical
// thresholds (those live in data/thresholds.toml). The maxima of counts and sizes are bounds of
// plausibility, far beyond any real patient, so that a typing slip (`1e308`, `4294967295`) is
// refused with the field's range rather than assessed; error messages and `--help` state them
// from these numbers.
const PERCENT_MAX: f64 = 100.0;
const AGE_MAX: u32 = 120;
const ECOG_MAX: u32 = 4;
/// Mitoses per 2 mm²: the most mitotic carcinomas count a few hundred.
const MITOSES_MAX: f64 = 1000.0;
/// Liver metastases: beyond a few hundred they are not counted (the pattern is diffuse).
const LESIONS_MAX: u32 = 1000;
/// Largest liver metastasis, cm: a whole liver spans about 30 cm.
const LARGEST_CM_MAX: f64 = 50.0;
/// Months of stable disease: a lifetime (the age maximum) in months.
const STABLE_MONTHS_MAX: f64 = 1440.0;

/// What kind of answer a field takes: how it is read (once, whatever the source), what its
/// valid range is and how that range reads.
pub trait Spec: Copy {
    /// The answer's type in [`Patient`].
    type Value: Clone + Send + Sync + 'static;

    /// Reads an answer from a profile, a cohort row, a FHIR file or a prompt.
    fn parse(self, field: Field, raw: &RawValue) -> Result<Self::Value, FieldError>;

    /// The answer as it would be typed.
    fn raw(value: &Self::Value) -> RawValue;

    /// What a valid answer is.
    fn domain(self) -> Domain;

    /// What a valid value looks like, in the words every error message uses.
    fn expected(self) -> String {
        self.domain().expected()
    }

    /// Reads a flag's text, for clap: the flag is parsed here, once, into its typed value (by
    /// `parse`, unless a spec reads flags otherwise).
    fn value_parser(self, field: Field) -> ValueParser
    where
        Self: Send + Sync + 'static,
    {
        text_parser(move |raw| self.parse(field, raw))
    }

    /// A flag's text read into its typed value as [`Spec::value_parser`] reads it; `None` when
    /// refused (the command line then goes to clap, which says why: `cli::plain`).
    fn read_flag(self, field: Field, text: &str) -> Option<Self::Value> {
        self.parse(field, &RawValue::Text(text.to_owned())).ok()
    }

    /// The range as a flag's help states it (`0–100`, `> 0, at most 50`), for a number.
    fn range(self) -> Option<Range> {
        None
    }

    /// Whether a trailing `%` is accepted.
    fn is_percentage(self) -> bool {
        false
    }

    /// What the flag takes.
    fn takes(self) -> Takes;
}

/// What a patient flag takes, for how it is completed and matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Takes {
    /// A number (a leading `-` is the number's, refused with its range).
    Number,
    /// A word of a closed vocabulary (any case).
    Word,
    /// Treatment ids.
    Treatments,
}

/// A numeric range as flag help shows it.
#[derive(Debug, Clone, Copy)]
pub struct Range {
    pub min: f64,
    pub max: f64,
    pub open_min: bool,
}

impl Range {
    /// `template` with `{range}` (`0–100`, `> 0, at most 50`), `{min}` and `{max}` filled in.
    /// One pass and no formatting machinery: every run builds the help of its command's flags.
    fn fill(self, template: &str) -> String {
        let mut out = String::with_capacity(template.len() + 16);
        let mut rest = template;
        while let Some(at) = rest.find('{') {
            out.push_str(&rest[..at]);
            rest = &rest[at..];
            if let Some(after) = rest.strip_prefix("{range}") {
                if self.open_min {
                    out.push_str("> ");
                    push_number(&mut out, self.min);
                    out.push_str(", at most ");
                } else {
                    push_number(&mut out, self.min);
                    out.push('–');
                }
                push_number(&mut out, self.max);
                rest = after;
            } else if let Some(after) = rest.strip_prefix("{min}") {
                push_number(&mut out, self.min);
                rest = after;
            } else if let Some(after) = rest.strip_prefix("{max}") {
                push_number(&mut out, self.max);
                rest = after;
            } else {
                out.push('{');
                rest = &rest[1..];
            }
        }
        out.push_str(rest);
        out
    }
}

/// Appends `value` as [`field::exact`] shows it, whole numbers without an allocation.
fn push_number(out: &mut String, value: f64) {
    if value.fract() == 0.0 && (0.0..1e15).contains(&value) {
        // Whole and well within u64, so the conversion is exact.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let whole = value as u64;
        out.push_str(itoa::Buffer::new().format(whole));
    } else {
        out.push_str(&field::exact(value));
    }
}

/// A clap value parser from a text parser: clap names the flag, the message says what is valid.
fn text_parser<T: Clone + Send + Sync + 'static>(
    parse: impl Fn(&RawValue) -> Result<T, FieldError> + Clone + Send + Sync + 'static,
) -> ValueParser {
    ValueParser::new(move |text: &str| {
        parse(&RawValue::Text(text.to_owned())).map_err(|e| e.expectation())
    })
}

/// A decimal number from `min` (exclusive when `open_min`) to `max`.
#[derive(Debug, Clone, Copy)]
pub struct Decimal {
    pub min: f64,
    pub max: f64,
    pub open_min: bool,
    pub unit: Unit,
    /// What the unit is of, when the unit alone would not say (`% of liver volume`).
    pub of: Option<&'static str>,
}

impl Decimal {
    const fn closed(min: f64, max: f64, unit: Unit) -> Self {
        Self {
            min,
            max,
            open_min: false,
            unit,
            of: None,
        }
    }
}

impl Spec for Decimal {
    type Value = f64;

    fn parse(self, field: Field, raw: &RawValue) -> Result<f64, FieldError> {
        field::bounded(field, raw, self.min, self.max, self.open_min)
    }

    fn raw(value: &f64) -> RawValue {
        RawValue::Number(*value)
    }

    fn domain(self) -> Domain {
        Domain::Decimal {
            min: self.min,
            min_exclusive: self.open_min,
            max: Some(self.max),
            unit: self.unit,
        }
    }

    fn expected(self) -> String {
        let text = self.domain().expected();
        // `(%)` becomes `(% of liver volume)`.
        match (self.of, text.strip_suffix(')')) {
            (Some(of), Some(open)) => format!("{open} of {of})"),
            _ => text,
        }
    }

    fn range(self) -> Option<Range> {
        Some(Range {
            min: self.min,
            max: self.max,
            open_min: self.open_min,
        })
    }

    fn is_percentage(self) -> bool {
        self.unit == PERCENT
    }

    fn takes(self) -> Takes {
        Takes::Number
    }
}

/// A whole number from `min` to `max`.
#[derive(Debug, Clone, Copy)]
pub struct Whole {
    pub min: u32,
    pub max: u32,
    pub unit: Option<Unit>,
}

impl Spec for Whole {
    type Value = u32;

    fn parse(self, field: Field, raw: &RawValue) -> Result<u32, FieldError> {
        field::whole(field, raw, self.min, self.max)
    }

    fn raw(value: &u32) -> RawValue {
        RawValue::Number(f64::from(*value))
    }

    fn domain(self) -> Domain {
        Domain::Whole {
            min: self.min,
            max: Some(self.max),
            unit: self.unit,
        }
    }

    fn range(self) -> Option<Range> {
        Some(Range {
            min: f64::from(self.min),
            max: f64::from(self.max),
            open_min: false,
        })
    }

    fn takes(self) -> Takes {
        Takes::Number
    }
}

/// One word of the closed vocabulary `T`.
pub struct Choice<T>(PhantomData<T>);

impl<T> Clone for Choice<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Choice<T> {}

/// The spec of a field whose answer is one word of `T`.
const fn choice<T>() -> Choice<T> {
    Choice(PhantomData)
}

impl<T: Vocabulary> Spec for Choice<T> {
    type Value = T;

    fn parse(self, field: Field, raw: &RawValue) -> Result<T, FieldError> {
        field::word(field, raw, T::parse)
    }

    fn raw(value: &T) -> RawValue {
        RawValue::Text(value.name().to_owned())
    }

    fn domain(self) -> Domain {
        Domain::Choice(T::ALL.iter().map(|v| v.name()).collect())
    }

    fn value_parser(self, _: Field) -> ValueParser {
        EnumValueParser::<T>::new().into()
    }

    // As `EnumValueParser` matches for a flag that ignores case (every word flag does).
    fn read_flag(self, _: Field, text: &str) -> Option<T> {
        T::from_str(text, true).ok()
    }

    fn takes(self) -> Takes {
        Takes::Word
    }
}

/// Yes or no: the words of [`YesNo`], and JSON and TOML booleans too.
#[derive(Debug, Clone, Copy)]
pub struct Binary;

impl Spec for Binary {
    type Value = YesNo;

    fn parse(self, field: Field, raw: &RawValue) -> Result<YesNo, FieldError> {
        field::yes_no(field, raw)
    }

    fn domain(self) -> Domain {
        Domain::YesNo
    }

    // As a flag, and typed back, it is a choice of words.
    fn raw(value: &YesNo) -> RawValue {
        Choice::raw(value)
    }

    fn value_parser(self, field: Field) -> ValueParser {
        choice::<YesNo>().value_parser(field)
    }

    fn read_flag(self, field: Field, text: &str) -> Option<YesNo> {
        choice::<YesNo>().read_flag(field, text)
    }

    fn takes(self) -> Takes {
        choice::<YesNo>().takes()
    }
}

/// Treatment ids (a comma list, or a list in a file), or `none`.
#[derive(Debug, Clone, Copy)]
pub struct Treatments;

impl Spec for Treatments {
    type Value = Vec<OptionId>;

    fn parse(self, field: Field, raw: &RawValue) -> Result<Vec<OptionId>, FieldError> {
        field::treatments(field, raw)
    }

    fn raw(value: &Vec<OptionId>) -> RawValue {
        if value.is_empty() {
            RawValue::Text("none".to_owned())
        } else {
            RawValue::List(value.iter().map(ToString::to_string).collect())
        }
    }

    fn domain(self) -> Domain {
        Domain::Treatments
    }

    fn takes(self) -> Takes {
        Takes::Treatments
    }
}

/// A patient flag as `--help` shows it; its range is filled in from the field's own numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flag {
    /// The placeholder of the value (`PERCENT`); `{min}` and `{max}` are the range's.
    pub value_name: Cow<'static, str>,
    /// The help line; `{range}` is the valid range (`0–100`).
    pub help: Cow<'static, str>,
    /// The longer help of `--help`, where it says more.
    pub long_help: Option<String>,
    pub takes: Takes,
}

impl Flag {
    /// A flag's texts with `range` filled in.
    fn new(
        range: Option<Range>,
        takes: Takes,
        [value_name, help]: [&'static str; 2],
        long_help: Option<String>,
    ) -> Self {
        let fill = |text: &'static str| match range {
            Some(range) if text.contains('{') => Cow::Owned(range.fill(text)),
            _ => Cow::Borrowed(text),
        };
        Flag {
            value_name: fill(value_name),
            help: fill(help),
            long_help,
            takes,
        }
    }
}

/// The long help of `--prior` and `--current`: what the list is, and every other name accepted
/// for an id.
fn treatments_help(what: &str, none: &str) -> String {
    format!(
        "{what}: comma list of treatment ids, or none ({none}). Other names are accepted too: {}",
        OptionId::ALIASES_HELP
    )
}

/// Declares the patient fields, one row each:
///
/// ```text
/// /// doc (the JSON Schema's description of the answer)
/// Variant key: Type = "flag-name", spec, label "Question", flag "VALUE" "help" [long_help expr];
/// ```
///
/// and generates `Field` (`ALL`, `name`, `key`, `label`, `domain`, `expected`, `flag`…), the
/// `Patient` struct with one `Option<Type>` per field, and its field-by-field methods.
macro_rules! fields {
    ($(
        $(#[doc = $doc:literal])*
        $variant:ident $key:ident: $ty:ty = $name:literal, $spec:expr,
            label $label:literal,
            flag $value_name:literal $help:literal $(long_help $long_help:expr)?;
    )+) => {
        /// One patient answer, named as in the contract (flag name without `--`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Field {
            $($variant),+
        }

        /// A patient's answers. `None` means the answer was not given.
        #[derive(Debug, Clone, Default, PartialEq, serde::Serialize, schemars::JsonSchema)]
        pub struct Patient {
            $($(#[doc = $doc])* pub $key: Option<$ty>,)+
        }

        // `FieldSet` keeps a field as one bit of a `u32`.
        const _: () = assert!(Field::ALL.len() <= 32, "FieldSet holds at most 32 fields");

        impl Field {
            /// Every field, in the order of the contract's table.
            pub const ALL: [Field; [$(Field::$variant),+].len()] = [$(Field::$variant),+];

            /// The flag name, profile key and cohort column (kebab-case).
            pub fn name(self) -> &'static str {
                match self {
                    $(Field::$variant => $name),+
                }
            }

            /// The key of the JSON report's `patient` object (snake_case).
            pub fn key(self) -> &'static str {
                match self {
                    $(Field::$variant => stringify!($key)),+
                }
            }

            /// The exact kebab-case name, without a scan (cohort headers and keys).
            pub(crate) fn from_exact_name(name: &str) -> Option<Field> {
                match name {
                    $($name => Some(Field::$variant),)+
                    _ => None,
                }
            }

            /// The question for this field, in the clinician's words.
            pub fn label(self) -> &'static str {
                match self {
                    $(Field::$variant => $label),+
                }
            }

            /// What a valid answer to this field is.
            pub fn domain(self) -> Domain {
                match self {
                    $(Field::$variant => Spec::domain($spec)),+
                }
            }

            /// What a valid value looks like, in the words every error message uses.
            pub fn expected(self) -> String {
                match self {
                    $(Field::$variant => Spec::expected($spec)),+
                }
            }

            /// Whether the value is a percentage: a trailing `%` is accepted (`12%`, `12 %`).
            pub fn is_percentage(self) -> bool {
                match self {
                    $(Field::$variant => Spec::is_percentage($spec)),+
                }
            }

            /// The value parser of this field's flag: its typed value, parsed once.
            pub fn value_parser(self) -> ValueParser {
                match self {
                    $(Field::$variant => Spec::value_parser($spec, self)),+
                }
            }

            /// The flag as `--help` shows it, its range filled in.
            pub fn flag(self) -> Flag {
                match self {
                    $(Field::$variant => Flag::new(
                        Spec::range($spec),
                        Spec::takes($spec),
                        [$value_name, $help],
                        None $(.or(Some($long_help)))?,
                    )),+
                }
            }
        }

        impl Patient {
            /// Validates `raw` for `field` and records it: the only way a raw answer enters a
            /// patient.
            pub fn set(&mut self, field: Field, raw: &RawValue) -> Result<(), FieldError> {
                match field {
                    $(Field::$variant => {
                        let value = Spec::parse($spec, field, raw)?;
                        let before = self.$key.replace(value);
                        if let Err(e) = self.consistent(field, raw) {
                            self.$key = before;
                            return Err(e);
                        }
                    })+
                }
                Ok(())
            }

            /// Whether the answer to `field` was given (without building it, unlike `get`).
            pub fn is_answered(&self, field: Field) -> bool {
                match field {
                    $(Field::$variant => self.$key.is_some()),+
                }
            }

            /// The fields answered, as a set (one test per field, unrolled: every patient of a
            /// cohort needs it).
            pub fn answered(&self) -> FieldSet {
                let mut set = FieldSet::default();
                $(if self.$key.is_some() {
                    set.insert(Field::$variant);
                })+
                set
            }

            /// Forgets an answer (it becomes unknown).
            pub fn clear(&mut self, field: Field) {
                match field {
                    $(Field::$variant => self.$key = None),+
                }
            }

            /// The answer as it would be typed, or `None` when unknown.
            pub fn get(&self, field: Field) -> Option<RawValue> {
                match field {
                    $(Field::$variant => self.$key.as_ref().map(|v| raw_of($spec, v))),+
                }
            }

            /// Copies every answer `other` gives (already valid: no parsing).
            pub(crate) fn copy_answers(&mut self, other: &Patient) {
                $(if let Some(value) = &other.$key {
                    self.$key = Some(value.clone());
                })+
            }

            /// Records a flag's text as its field's answer, read as its value parser reads it;
            /// `false` when refused (see `cli::plain`).
            pub(crate) fn read_flag(&mut self, field: Field, text: &str) -> bool {
                match field {
                    $(Field::$variant => {
                        self.$key = Spec::read_flag($spec, field, text);
                        self.$key.is_some()
                    })+
                }
            }

            /// Takes the typed values of the flags of `fields` that were given (each parsed by
            /// its [`Field::value_parser`], once).
            pub(crate) fn take_flags(matches: &mut clap::ArgMatches, fields: &[Field]) -> Self {
                let mut patient = Patient::default();
                for field in fields {
                    match field {
                        $(Field::$variant => {
                            patient.$key = matches
                                .try_remove_one::<$ty>(stringify!($key))
                                .ok()
                                .flatten();
                        })+
                    }
                }
                patient
            }
        }
    };
}

/// `Spec::raw`, named by a spec value (as the table names it).
fn raw_of<S: Spec>(_: S, value: &S::Value) -> RawValue {
    S::raw(value)
}

fields! {
    Ki67 ki67: f64 = "ki67", Decimal::closed(0.0, PERCENT_MAX, PERCENT),
        label "Ki-67 index",
        flag "PERCENT" "Ki-67 proliferation index, {range} (%; `12%` is fine)";
    Mitoses mitoses: f64 = "mitoses", Decimal::closed(0.0, MITOSES_MAX, PER_2_MM2),
        label "Mitotic count",
        flag "N" "Mitotic count per 2 mm², {range}";
    Differentiation differentiation: Differentiation = "differentiation", choice::<Differentiation>(),
        label "Differentiation (morphology)",
        flag "DIFFERENTIATION" "Morphology (poor = neuroendocrine carcinoma, cell type not given; small-cell, large-cell)";
    Primary primary: Primary = "primary", choice::<Primary>(),
        label "Primary site",
        flag "PRIMARY" "Primary site";
    Necrosis necrosis: YesNo = "necrosis", Binary,
        label "Tumour necrosis",
        flag "NECROSIS" "Tumour necrosis (lung and thymus classification only)";
    PrimaryResected primary_resected: YesNo = "primary-resected", Binary,
        label "Primary tumour already resected",
        flag "PRIMARY_RESECTED" "Primary tumour already removed";
    Extrahepatic extrahepatic: YesNo = "extrahepatic", Binary,
        label "Disease outside the liver (besides the primary)",
        flag "EXTRAHEPATIC" "Disease outside the liver (besides the primary)";
    Lesions lesions: u32 = "lesions", Whole { min: 1, max: LESIONS_MAX, unit: None },
        label "Number of liver metastases",
        flag "N" "Number of liver metastases, {range}";
    LargestCm largest_cm: f64 = "largest-cm",
        Decimal { open_min: true, ..Decimal::closed(0.0, LARGEST_CM_MAX, CM) },
        label "Largest liver metastasis",
        flag "CM" "Diameter of the largest liver metastasis, cm ({range})";
    LiverBurden liver_burden: f64 = "liver-burden",
        // The unit alone would not say what the percentage is of.
        Decimal { of: Some("liver volume"), ..Decimal::closed(0.0, PERCENT_MAX, PERCENT) },
        label "Liver volume replaced by tumour",
        flag "PERCENT" "Share of liver volume replaced by tumour, {range} (%; `30%` is fine)";
    Bilobar bilobar: YesNo = "bilobar", Binary,
        label "Metastases in both liver lobes",
        flag "BILOBAR" "Metastases in both lobes";
    Pattern pattern: Pattern = "pattern", choice::<Pattern>(),
        label "Liver metastasis pattern",
        flag "PATTERN" "Liver metastasis pattern (Frilling type I, II, III)";
    Resectable resectable: YesNo = "resectable", Binary,
        label "All liver disease resectable (surgeon's judgement)",
        flag "RESECTABLE" "Surgeon's judgement: all liver disease removable with an adequate remnant";
    Age age: u32 = "age", Whole { min: 0, max: AGE_MAX, unit: Some(YEARS) },
        label "Age",
        flag "YEARS" "Age in years, {range}";
    Ecog ecog: u32 = "ecog", Whole { min: 0, max: ECOG_MAX, unit: None },
        label "ECOG performance status",
        flag "{min}-{max}" "ECOG performance status, {range}";
    Sstr sstr: Sstr = "sstr", choice::<Sstr>(),
        label "Somatostatin-receptor imaging",
        flag "SSTR" "Somatostatin-receptor imaging (e.g. 68Ga-DOTATATE PET)";
    Syndrome syndrome: Syndrome = "syndrome", choice::<Syndrome>(),
        label "Hormonal syndrome",
        flag "SYNDROME" "Hormonal syndrome";
    Progression progression: Progression = "progression", choice::<Progression>(),
        label "Imaging course, last 6–12 months",
        flag "PROGRESSION" "Course on imaging over the last 6–12 months";
    StableMonths stable_months: f64 = "stable-months",
        Decimal::closed(0.0, STABLE_MONTHS_MAX, MONTHS),
        label "Months of stable disease",
        flag "MONTHS" "Months of stable disease (transplant criteria), {range}";
    /// `Some(empty)` = known to be untreated (`none`); `None` = unknown.
    Prior prior: Vec<OptionId> = "prior", Treatments,
        label "Treatments already given",
        flag "IDS" "Treatments already given: comma list of treatment ids (or drug names: octreotide…), or none"
        long_help treatments_help("Treatments already given", "known to be untreated");
    /// Treatments being given now (a course under way, a drug continued): `Some(empty)` =
    /// nothing under way; `None` = unknown. A current treatment counts as given (`had`).
    Current current: Vec<OptionId> = "current", Treatments,
        label "Treatments being given now",
        flag "IDS" "Treatments being given now (a course under way, a drug continued): comma list, or none"
        long_help treatments_help(
            "Treatments being given now (a course under way, a drug continued)",
            "nothing under way",
        );
    /// Pain, early satiety or compression from tumour bulk (not hormonal).
    TumourSymptoms tumour_symptoms: YesNo = "tumour-symptoms", Binary,
        label "Symptoms of tumour bulk (pain, early satiety, compression)",
        flag "TUMOUR_SYMPTOMS" "Pain, early satiety or compression from tumour bulk (not hormonal)";
    BiliaryAnastomosis biliary_anastomosis: YesNo = "biliary-anastomosis", Binary,
        label "Bilio-enteric anastomosis or biliary stent",
        flag "BILIARY_ANASTOMOSIS" "Bilio-enteric anastomosis or stent (e.g. after Whipple)";
    PortalVeinThrombosis portal_vein_thrombosis: YesNo = "portal-vein-thrombosis", Binary,
        label "Main portal vein occluded",
        flag "PORTAL_VEIN_THROMBOSIS" "Main portal vein occluded";
    LiverFunction liver_function: LiverFunction = "liver-function", choice::<LiverFunction>(),
        label "Liver function (bilirubin, synthesis)",
        flag "LIVER_FUNCTION" "Bilirubin / synthetic function";
    CarcinoidHeartDisease carcinoid_heart_disease: HeartDisease = "carcinoid-heart-disease",
        choice::<HeartDisease>(),
        label "Carcinoid heart disease on echocardiography",
        flag "CARCINOID_HEART_DISEASE" "Carcinoid heart disease on echocardiography (severe = moderate or severe right-sided valve disease, or right heart failure)";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_answered_set_holds_each_answered_field_alone() {
        for field in Field::ALL {
            let mut patient = Patient::default();
            assert_eq!(patient.answered(), FieldSet::default());
            // Any valid answer will do.
            let raw = match field.domain() {
                Domain::Decimal { min, max, .. } => RawValue::Number(max.unwrap_or(min + 1.0)),
                Domain::Whole { min, .. } => RawValue::Number(f64::from(min)),
                Domain::Choice(words) => RawValue::Text(words[0].to_owned()),
                Domain::YesNo => RawValue::Bool(true),
                Domain::Treatments => RawValue::Text("none".to_owned()),
            };
            patient.set(field, &raw).unwrap();
            let answered = patient.answered();
            for other in Field::ALL {
                assert_eq!(answered.contains(other), other == field, "{field}: {other}");
            }
        }
    }

    #[test]
    fn a_flag_states_the_range_its_field_checks() {
        let flag = Field::LargestCm.flag();
        assert_eq!(
            flag.help,
            "Diameter of the largest liver metastasis, cm (> 0, at most 50)"
        );
        assert_eq!(Field::Ecog.flag().value_name, "0-4");
        assert_eq!(
            Field::StableMonths.flag().help,
            "Months of stable disease (transplant criteria), 0–1440"
        );
        let range = Range {
            min: 0.5,
            max: 12.0,
            open_min: false,
        };
        assert_eq!(
            range.fill("{min} to {max} ({range}) {x}"),
            "0.5 to 12 (0.5–12) {x}"
        );
        // Each number in a flag's help is its field's bound.
        for field in Field::ALL {
            let help = field.flag().help;
            match field.domain() {
                Domain::Decimal { min, max, .. } => {
                    let max = max.map(field::exact).unwrap_or_default();
                    assert!(
                        help.contains(&field::exact(min)) && help.contains(&max),
                        "{help}"
                    );
                }
                Domain::Whole { min, max, .. } => {
                    let max = max.map(|m| m.to_string()).unwrap_or_default();
                    assert!(
                        help.contains(&min.to_string()) && help.contains(&max),
                        "{help}"
                    );
                }
                _ => assert!(!help.contains('{'), "{help}"),
            }
        }
    }
}
