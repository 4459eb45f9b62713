//! The one integration-test binary (`autotests = false`): one module per area.

// clippy.toml allows unwrap/expect inside `#[test]` functions; the shared helpers are test code
// too, and a panic is how they report a broken report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod arbitrary_bytes;
mod batch;
mod cli;
mod cmd_cases;
mod common;
mod completions;
mod data;
mod grading;
mod knowledge_overrides;
mod markdown;
mod pipes;
mod profile;
mod properties;
mod pty;
mod questionnaire;
mod rules;
mod sources;
mod symptoms;
mod workup;
