//! The one integration-test binary (`autotests = false`): one module per area.

// clippy.toml allows unwrap/expect inside `#[test]` functions; the shared helpers are test code
// too, and a panic is how they report a broken report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli;
mod common;
mod data;
mod grading;
mod properties;
mod rules;
mod symptoms;
mod workup;
