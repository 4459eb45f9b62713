//! Bytes → a cohort, as JSON Lines and as CSV, through the readers `batch` uses, then each
//! record through `Row::assess` (validation and the whole engine). No input may panic; every
//! record is numbered in order; an assessed record's answers re-validate through `Patient::set`.

#![no_main]

use libfuzzer_sys::fuzz_target;
use netriage::cohort::{self, CohortInput};
use netriage::knowledge::Knowledge;
use netriage::model::Patient;
use std::sync::OnceLock;

fn knowledge() -> &'static Knowledge {
    static K: OnceLock<Knowledge> = OnceLock::new();
    K.get_or_init(|| Knowledge::builtin().expect("built-in knowledge validates"))
}

fn check(format: CohortInput, data: &[u8]) {
    let Ok(rows) = cohort::read_rows(format, data, "fuzz") else {
        // A refused CSV header: the whole file fails with exit 65, nothing to stream.
        return;
    };
    let mut expected = 0;
    for row in rows {
        // A byte slice never fails to read.
        let row = row.expect("reading from memory cannot fail");
        expected += 1;
        assert_eq!(
            row.number, expected,
            "records are numbered 1, 2, 3… in order"
        );
        let assessed = row.assess(knowledge(), netriage::eligibility::Detail::Full);
        if let (Ok(_), Ok(answers)) = (&assessed, &row.answers) {
            let mut patient = Patient::default();
            for (field, value) in answers {
                patient
                    .set(*field, value)
                    .expect("assessed answers validate");
            }
            let mut again = Patient::default();
            for field in netriage::model::Field::ALL {
                if let Some(value) = patient.get(field) {
                    again
                        .set(field, &value)
                        .expect("answers read back validate");
                }
            }
            assert_eq!(again, patient);
        }
    }
}

fuzz_target!(|data: &[u8]| {
    check(CohortInput::Jsonl, data);
    check(CohortInput::Csv, data);
});
