//! Bytes → an institution's knowledge file (`--knowledge FILE`) through
//! `Knowledge::with_overrides`. No input may panic; a file that is accepted validates, and the
//! engine assesses a fixed set of patients with it without panicking.

#![no_main]

use libfuzzer_sys::fuzz_target;
use netriage::knowledge::Knowledge;
use netriage::model::{Field, Patient, RawValue};
use netriage::pathway;

/// A few patients that reach every stage: well and poorly differentiated, resectable or not,
/// transplant-aged, with and without extrahepatic disease.
const PATIENTS: &[&[(Field, &str)]] = &[
    &[
        (Field::Ki67, "5"),
        (Field::Differentiation, "well"),
        (Field::Primary, "small-intestine"),
        (Field::PrimaryResected, "yes"),
        (Field::Extrahepatic, "no"),
        (Field::LiverBurden, "30"),
        (Field::Resectable, "no"),
        (Field::Progression, "stable"),
        (Field::StableMonths, "12"),
        (Field::Age, "62"),
        (Field::Ecog, "0"),
        (Field::Sstr, "positive"),
        (Field::Lesions, "8"),
    ],
    &[
        (Field::Ki67, "25"),
        (Field::Primary, "pancreas"),
        (Field::Resectable, "yes"),
        (Field::LargestCm, "4"),
        (Field::Bilobar, "no"),
        (Field::Ecog, "1"),
    ],
    &[
        (Field::Ki67, "60"),
        (Field::Differentiation, "poor"),
        (Field::Extrahepatic, "yes"),
        (Field::Progression, "progressive"),
        (Field::Prior, "ssa, prrt"),
    ],
    &[(Field::Mitoses, "3")],
];

fn patients() -> Vec<Patient> {
    PATIENTS
        .iter()
        .map(|answers| {
            let mut p = Patient::default();
            for (field, text) in *answers {
                // A spelling the model refuses would make the target test less, not fail.
                let _ = p.set(*field, &RawValue::Text((*text).to_owned()));
            }
            p
        })
        .collect()
}

fuzz_target!(|data: &[u8]| {
    // `--knowledge` reads the file as UTF-8 text before parsing it.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(knowledge) = Knowledge::with_overrides("fuzz.toml", text) else {
        return;
    };
    assert!(knowledge.validate().is_ok(), "an accepted file validates");
    for patient in patients() {
        let _ = pathway::assess(&patient, &knowledge);
    }
});
