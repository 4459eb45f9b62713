//! The one integration-test binary (`autotests = false`): one module per area.

// clippy.toml allows unwrap/expect inside `#[test]` functions; the shared helpers are test code
// too, and a panic is how they report a broken report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod agreement;
mod arbitrary_bytes;
mod batch;
mod batch_pty;
mod cli;
mod cmd_cases;
mod common;
mod completions;
mod data;
mod detail;
mod fhir;
mod grading;
mod help;
mod hostile;
mod hostile_two;
mod json_output;
mod knowledge_overrides;
mod literals;
mod manual;
mod markdown;
mod numbers;
mod pipes;
mod privacy;
mod profile;
mod properties;
mod pty;
mod questionnaire;
mod readme;
mod report_parts;
mod rules;
mod rules_v2;
mod schema;
mod signals;
mod sources;
mod symptoms;
mod workup;
