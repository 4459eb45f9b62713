//! FHIR R4: reports out as Bundles, the guided questionnaire out as a Questionnaire, and answers
//! in from a QuestionnaireResponse or a Bundle of Observations. Only `--format fhir`,
//! `questionnaire` and `--fhir` reach this code: text and JSON output never do.

mod bundle;
pub mod codes;
mod ids;
pub mod questionnaire;
pub mod read;
mod resources;

pub use bundle::Stamp;

use crate::report::{GradeReport, Report};
use serde::Serialize;
use std::io::{self, Write};

/// A report as a Bundle: what `write_report` writes.
pub fn report_bundle(r: &Report, stamp: Stamp) -> impl Serialize + '_ {
    bundle::report(r, stamp)
}

/// A grade report as a Bundle: what `write_grade` writes.
pub fn grade_bundle(r: &GradeReport, stamp: Stamp) -> impl Serialize + '_ {
    bundle::grade(r, stamp)
}

/// A report as a Bundle, pretty-printed.
pub fn write_report(r: &Report, stamp: Stamp, out: &mut dyn Write) -> io::Result<()> {
    crate::render::json::write(&bundle::report(r, stamp), out)
}

/// A grade report as a Bundle, pretty-printed.
pub fn write_grade(r: &GradeReport, stamp: Stamp, out: &mut dyn Write) -> io::Result<()> {
    crate::render::json::write(&bundle::grade(r, stamp), out)
}

/// A report as a Bundle on one line (a cohort's NDJSON): some 30 kB, written in a buffer with
/// room for twice that.
pub fn write_report_line(r: &Report, stamp: Stamp, out: &mut dyn Write) -> io::Result<()> {
    crate::render::json::write_line_in(&bundle::report(r, stamp), 64 << 10, out)
}

/// Seconds since 1970 as a FHIR instant (UTC, whole seconds).
pub fn instant(seconds: u64) -> String {
    let days = seconds / 86_400;
    let rest = seconds % 86_400;
    let (year, month, day) = civil(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest / 60 % 60,
        rest % 60
    )
}

/// The calendar date of a day count since 1970-01-01 (H. Hinnant's `civil_from_days`).
fn civil(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_are_utc_calendar_times() {
        assert_eq!(instant(0), "1970-01-01T00:00:00Z");
        assert_eq!(instant(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(instant(1_798_761_599), "2026-12-31T23:59:59Z");
        assert_eq!(instant(4_107_542_400), "2100-03-01T00:00:00Z");
    }
}
