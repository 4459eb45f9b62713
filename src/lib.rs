//! netriage: triage of liver metastases from neuroendocrine tumours. Grades the tumour (WHO),
//! checks each treatment option's criteria and lays out a staged pathway.
//!
//! Data flows one way: answers → [`model::Patient`] → [`grading`] → [`eligibility`] →
//! [`pathway`] → [`report::Report`] → [`render`]. Logic never prints.

#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod ask;
pub mod cli;
pub mod cohort;
pub mod config;
pub mod eligibility;
pub mod error;
pub mod exit;
pub mod fhir;
pub mod grading;
pub mod input;
pub mod knowledge;
pub mod manual;
pub mod model;
pub mod pager;
pub mod pathway;
pub mod profile;
pub mod questionnaire;
pub mod render;
pub mod report;
mod run;
pub mod schema;
pub mod shell;
pub mod signals;
pub mod suggest;
pub mod summary;
pub mod toml_text;

pub use run::run;
