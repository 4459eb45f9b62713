//! The patient model: vocabularies, fields and the validated patient.

pub mod aliases;
pub mod domain;
pub mod field;
pub mod fields;
pub mod patient;
pub mod values;

pub use domain::{Domain, Unit};
pub use field::{Field, FieldError, RawValue};
pub use patient::Patient;
pub use values::{
    ColorChoice, Differentiation, Format, HeartDisease, LiverFunction, OptionId, Pattern, Primary,
    Progression, Sstr, Syndrome, Tag, YesNo,
};
