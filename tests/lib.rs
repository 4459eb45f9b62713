//! The one integration-test binary: each module tests one area through the real binary.

mod batch;
mod cmd_cases;
mod completions;
mod knowledge_overrides;
mod markdown;
mod pipes;
mod sources;
