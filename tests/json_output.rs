//! netriage writes JSON with its own serializer: for random patients, every JSON and FHIR
//! output is byte for byte what serde_json writes for the same value.
//!
//! A FHIR Bundle is typed structs whose fields are declared in the byte order of their names
//! (it was once a tree of serde_json maps, which sort their keys, and its bytes must not
//! change). So a Bundle is compared with serde_json's writing of it as a `Value`: the same bytes
//! prove both the writer and that order (a field out of order, or a `null` where a key should be
//! left out, would differ).

use netriage::fhir::{self, Stamp};
use netriage::model::Format;
use netriage::render::{self, Detail, Palette};
use proptest::prelude::*;

fn rendered(
    write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>,
) -> Result<String, TestCaseError> {
    let mut out = Vec::new();
    write(&mut out).map_err(|e| TestCaseError::fail(e.to_string()))?;
    String::from_utf8(out).map_err(|e| TestCaseError::fail(e.to_string()))
}

fn pretty(value: &impl serde::Serialize) -> String {
    serde_json::to_string_pretty(value).expect("serializes") + "\n"
}

fn line(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).expect("serializes") + "\n"
}

/// As a tree of serde_json maps: keys sorted, as the Bundle has always written them.
fn tree(value: &impl serde::Serialize) -> serde_json::Value {
    serde_json::to_value(value).expect("serializes")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn reports_and_bundles_are_serde_jsons_bytes(p in crate::properties::patient(), recorded in 0u64..4_000_000_000) {
        let k = crate::common::builtin();
        let palette = Palette::new(false);
        let stamp = Stamp { recorded, row: 0 };
        if let Ok(report) = netriage::pathway::assess(&p, k) {
            let json = rendered(|out| render::report(&report, Format::Json, None, 100, &palette, recorded, out))?;
            prop_assert_eq!(json, pretty(&report));
            let brief = rendered(|out| render::report(&report, Format::Json, Some(Detail::Brief), 100, &palette, recorded, out))?;
            prop_assert_eq!(brief, pretty(&render::brief::Brief::new(&report)));
            let bundle = rendered(|out| render::report(&report, Format::Fhir, None, 100, &palette, recorded, out))?;
            prop_assert_eq!(bundle, pretty(&tree(&fhir::report_bundle(&report, stamp))));
            let record = rendered(|out| render::json::write_line(&report, out))?;
            prop_assert_eq!(record, line(&report));
            let bundle_line = rendered(|out| fhir::write_report_line(&report, Stamp { recorded, row: 7 }, out))?;
            prop_assert_eq!(bundle_line, line(&tree(&fhir::report_bundle(&report, Stamp { recorded, row: 7 }))));
        }
        if let Ok(grade) = netriage::pathway::grade_only(&p, k) {
            let json = rendered(|out| render::grade_report(&grade, Format::Json, 100, &palette, recorded, out))?;
            prop_assert_eq!(json, pretty(&grade));
            let bundle = rendered(|out| render::grade_report(&grade, Format::Fhir, 100, &palette, recorded, out))?;
            prop_assert_eq!(bundle, pretty(&tree(&fhir::grade_bundle(&grade, stamp))));
        }
    }
}
