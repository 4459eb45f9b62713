//! No panic on arbitrary bytes: the three parsers that read files a user hands in (a profile, a
//! cohort as JSON Lines and as CSV, an institution's knowledge file) refuse garbage with an
//! error, never a panic. The fuzz targets in `fuzz/` go deeper; this keeps a fast guard in
//! `cargo test`.

use netriage::cohort::{self, CohortInput};
use netriage::eligibility::Detail;
use netriage::knowledge::Knowledge;
use netriage::profile;
use proptest::prelude::*;
use std::sync::OnceLock;

fn k() -> &'static Knowledge {
    static K: OnceLock<Knowledge> = OnceLock::new();
    K.get_or_init(|| Knowledge::builtin().expect("built-in knowledge validates"))
}

/// Bytes that are mostly the parsers' own punctuation and keys, so cases get past the first
/// byte; any byte at all stays possible.
fn bytes() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        any::<u8>().prop_map(|b| vec![b]),
        prop::sample::select(vec![
            "\n",
            "\r\n",
            ",",
            "\"",
            "=",
            "{",
            "}",
            "[",
            "]",
            ":",
            " ",
            "id",
            "ki67",
            "mitoses",
            "prior",
            "age",
            "largest-cm",
            "differentiation",
            "[transplant]",
            "age_limit",
            "[grade]",
            "ki67_g2_from",
            "value",
            "sites",
            "1e308",
            "-0",
            "nan",
            "12.5",
            "yes",
            "\u{feff}",
            "true",
            "null",
            "é",
        ])
        .prop_map(|s| s.as_bytes().to_vec()),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

fn cohort(format: CohortInput, data: &[u8]) {
    if let Ok(rows) = cohort::read_rows(format, data, "t") {
        for row in rows {
            let row = row.expect("reading from memory cannot fail");
            let _ = row.assess(k(), Detail::Full);
            let _ = row.assess(k(), Detail::Statuses);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn the_profile_parser_never_panics(data in bytes()) {
        let text = String::from_utf8_lossy(&data);
        let _ = profile::parse("t.toml", &text);
    }

    #[test]
    fn the_cohort_readers_never_panic(data in bytes()) {
        cohort(CohortInput::Jsonl, &data);
        cohort(CohortInput::Csv, &data);
    }

    #[test]
    fn the_knowledge_override_parser_never_panics(data in bytes()) {
        let text = String::from_utf8_lossy(&data);
        let _ = Knowledge::with_overrides("t.toml", &text);
    }
}
