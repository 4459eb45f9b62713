//! Bytes → the profile parser (`--profile FILE`). No input may panic; a profile that parses
//! holds only answers that re-validate through `Patient::set`, and saving it reads back equal.

#![no_main]

use libfuzzer_sys::fuzz_target;
use netriage::model::{Field, Patient};
use netriage::profile;

fuzz_target!(|data: &[u8]| {
    // `profile::load` refuses non-UTF-8 before parsing; the parser itself takes text.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(patient) = profile::parse("fuzz.toml", text) else {
        return;
    };
    // Round trip through the one validation point: every answer read back is valid again and
    // rebuilds the same patient.
    let mut again = Patient::default();
    for field in Field::ALL {
        if let Some(value) = patient.get(field) {
            if let Err(e) = again.set(field, &value) {
                panic!("{field}: {value:?} read back from a valid patient is refused: {e}");
            }
        }
    }
    assert_eq!(
        again, patient,
        "Patient::set round trip changed the patient"
    );
    // What `ask --save` writes reads back as the same patient.
    let saved = profile::to_toml(&patient);
    match profile::parse("saved.toml", &saved) {
        Ok(reread) => assert_eq!(
            reread, patient,
            "saved profile reads back different:\n{saved}"
        ),
        Err(e) => panic!("saved profile is refused: {e}\n{saved}"),
    }
});
