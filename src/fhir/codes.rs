//! The codes netriage writes and reads in FHIR: standard ones where a verified code exists
//! (docs/fhir.md lists each with its source), netriage's own CodeSystems everywhere else.

use crate::model::{Domain, Field, Primary};
use crate::schema::BASE_URL;
use serde::Serialize;
use std::borrow::Cow;

pub const LOINC: &str = "http://loinc.org";
pub const SNOMED: &str = "http://snomed.info/sct";
pub const UCUM: &str = "http://unitsofmeasure.org";

/// The canonical URL of one of netriage's CodeSystems (`observation`, `option`, `status`,
/// `grade`, `stage`, `condition`, and one per vocabulary, named as its field).
pub fn system(name: &str) -> String {
    format!("{BASE_URL}{CODE_SYSTEM}{name}")
}

/// Where netriage's CodeSystems are, under its base URL.
const CODE_SYSTEM: &str = "/fhir/CodeSystem/";

/// The canonical URL of the questionnaire.
pub fn questionnaire_url() -> String {
    format!("{BASE_URL}/fhir/Questionnaire/patient")
}

/// A code in a code system. Fields in the byte order of their names, as every object of the
/// Bundle (see `resources`); no `display` when there is none (FHIR allows no empty strings).
#[derive(Debug, Serialize)]
pub struct Coding<'a> {
    pub code: Cow<'a, str>,
    #[serde(skip_serializing_if = "str::is_empty")]
    pub display: &'a str,
    pub system: System<'a>,
}

/// A code system's URL: given whole, or one of netriage's named (its URL written out only as it
/// is serialized, so a Bundle's hundred codings build no strings).
#[derive(Debug, Clone, Copy)]
pub enum System<'a> {
    Url(&'a str),
    Netriage(&'static str),
}

impl Serialize for System<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match *self {
            System::Url(url) => serializer.serialize_str(url),
            System::Netriage(name) => {
                let mut url = [0; 128];
                let parts = [BASE_URL, CODE_SYSTEM, name];
                let mut len = 0;
                for part in parts {
                    let Some(room) = url.get_mut(len..len + part.len()) else {
                        return serializer.serialize_str(&system(name));
                    };
                    room.copy_from_slice(part.as_bytes());
                    len += part.len();
                }
                serializer.serialize_str(std::str::from_utf8(&url[..len]).unwrap_or_default())
            }
        }
    }
}

/// A concept's codings: one, or a standard code beside netriage's. Held inline, not in a `Vec`:
/// a Bundle has some 150 of them, and a cohort writes a Bundle a row.
#[derive(Debug)]
pub struct Codings<'a> {
    first: Coding<'a>,
    second: Option<Coding<'a>>,
}

impl<'a> Codings<'a> {
    pub fn one(coding: Coding<'a>) -> Self {
        Codings {
            first: coding,
            second: None,
        }
    }
}

impl Serialize for Codings<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(Some(1 + usize::from(self.second.is_some())))?;
        seq.serialize_element(&self.first)?;
        if let Some(second) = &self.second {
            seq.serialize_element(second)?;
        }
        seq.end()
    }
}

/// A coding in the code system at `system`.
pub fn coding<'a>(system: &'a str, code: &'a str, display: &'a str) -> Coding<'a> {
    Coding {
        code: Cow::Borrowed(code),
        display,
        system: System::Url(system),
    }
}

/// A coding in netriage's code system `name` (see [`system`]).
pub fn netriage<'a>(
    name: &'static str,
    code: impl Into<Cow<'a, str>>,
    display: &'a str,
) -> Coding<'a> {
    Coding {
        code: code.into(),
        display,
        system: System::Netriage(name),
    }
}

/// A standard code that names the same concept as a netriage one.
struct Standard {
    system: &'static str,
    code: &'static str,
    display: &'static str,
}

/// The standard code of a patient datum, where a verified one exists.
fn standard_observation(field: Field) -> Option<Standard> {
    match field {
        // LOINC 89247-1 "ECOG Performance Status score": the code of mCODE's
        // ECOGPerformanceStatus profile (value 0–5 as an integer).
        Field::Ecog => Some(Standard {
            system: LOINC,
            code: "89247-1",
            display: "ECOG Performance Status score",
        }),
        _ => None,
    }
}

/// The SNOMED CT body structure of a primary site, as DICOM PS3.16 Annex L maps it.
fn standard_site(site: Primary) -> Option<Standard> {
    let (code, display) = match site {
        Primary::Pancreas => ("15776009", "Pancreas"),
        Primary::Stomach => ("69695003", "Stomach"),
        Primary::Duodenum => ("38848004", "Duodenum"),
        Primary::SmallIntestine => ("30315005", "Small intestine"),
        Primary::Appendix => ("66754008", "Appendix"),
        Primary::Colon => ("71854001", "Colon"),
        Primary::Rectum => ("34402009", "Rectum"),
        Primary::Lung => ("39607008", "Lung"),
        Primary::Thymus => ("9875009", "Thymus"),
        Primary::Other | Primary::Unknown => return None,
    };
    Some(Standard {
        system: SNOMED,
        code,
        display,
    })
}

/// The codings of a patient datum's Observation (and questionnaire item): the standard code
/// first where there is one, then netriage's (the field's name).
pub fn observation(field: Field, label: &str) -> Codings<'_> {
    let ours = netriage("observation", field.name(), label);
    match standard_observation(field) {
        Some(s) => Codings {
            first: coding(s.system, s.code, s.display),
            second: Some(ours),
        },
        None => Codings::one(ours),
    }
}

/// The codings of a vocabulary word: netriage's, then the standard one where there is one.
pub fn word<'a>(field: Field, name: Cow<'a, str>, display: &'a str) -> Codings<'a> {
    let site = match field {
        Field::Primary => Primary::parse(&name).and_then(standard_site),
        _ => None,
    };
    Codings {
        first: netriage(field.name(), name, display),
        second: site.map(|s| coding(s.system, s.code, s.display)),
    }
}

/// The field a coding names, if any (netriage's observation code, or a standard one).
pub fn field_of(system_url: &str, code: &str) -> Option<Field> {
    if system_url == system("observation") {
        return Field::from_name(code).filter(|f| f.name() == code);
    }
    Field::ALL.into_iter().find(|f| {
        standard_observation(*f).is_some_and(|s| s.system == system_url && s.code == code)
    })
}

/// The vocabulary word a coding names for `field`, if any.
pub fn word_of(field: Field, system_url: &str, code: &str) -> Option<String> {
    let Domain::Choice(names) = field.domain() else {
        return None;
    };
    if system_url == system(field.name()) {
        return names.iter().find(|n| **n == code).map(|n| (*n).to_owned());
    }
    if field == Field::Primary {
        return Primary::ALL
            .iter()
            .find(|p| standard_site(**p).is_some_and(|s| s.system == system_url && s.code == code))
            .map(|p| p.name().to_owned());
    }
    None
}

/// The word of `none` in the option CodeSystem (treatments: known to be none).
pub const NONE: &str = "none";
