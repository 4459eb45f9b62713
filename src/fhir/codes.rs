//! The codes netriage writes and reads in FHIR: standard ones where a verified code exists
//! (docs/fhir.md lists each with its source), netriage's own CodeSystems everywhere else.

use crate::model::{Domain, Field, Primary};
use crate::schema::BASE_URL;
use serde_json::{json, Value};

pub const LOINC: &str = "http://loinc.org";
pub const SNOMED: &str = "http://snomed.info/sct";
pub const UCUM: &str = "http://unitsofmeasure.org";

/// The canonical URL of one of netriage's CodeSystems (`observation`, `option`, `status`,
/// `grade`, `stage`, `condition`, and one per vocabulary, named as its field).
pub fn system(name: &str) -> String {
    format!("{BASE_URL}/fhir/CodeSystem/{name}")
}

/// The canonical URL of the questionnaire.
pub fn questionnaire_url() -> String {
    format!("{BASE_URL}/fhir/Questionnaire/patient")
}

pub fn coding(system: &str, code: &str, display: &str) -> Value {
    if display.is_empty() {
        json!({ "system": system, "code": code })
    } else {
        json!({ "system": system, "code": code, "display": display })
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
pub fn observation(field: Field, label: &str) -> Vec<Value> {
    let mut codings: Vec<Value> = standard_observation(field)
        .map(|s| coding(s.system, s.code, s.display))
        .into_iter()
        .collect();
    codings.push(coding(&system("observation"), field.name(), label));
    codings
}

/// The codings of a vocabulary word: netriage's, then the standard one where there is one.
pub fn word(field: Field, name: &str, display: &str) -> Vec<Value> {
    let mut codings = vec![coding(&system(field.name()), name, display)];
    if field == Field::Primary {
        if let Some(s) = Primary::parse(name).and_then(standard_site) {
            codings.push(coding(s.system, s.code, s.display));
        }
    }
    codings
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
