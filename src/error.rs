//! Every way a run can fail, each naming what the user needs to fix.

use crate::knowledge::KnowledgeError;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad command line: the message is complete (clap's, or ours).
    #[error("{0}")]
    Usage(String),
    /// Bad data in a file (profile, cohort, knowledge overrides).
    #[error("{0}")]
    Data(String),
    /// An institution's `--knowledge` file is invalid.
    #[error("{0}")]
    Knowledge(#[from] KnowledgeError),
    /// The built-in knowledge base failed validation: a defect of this build.
    #[error("built-in knowledge base is invalid: {0}")]
    Internal(KnowledgeError),
    #[error("cannot open {}: {source}", crate::input::shown(path))]
    Open {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write {}: {source}", crate::input::shown(path))]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Writing to stdout failed (a closed pipe is handled before this becomes an error).
    #[error("cannot write output: {0}")]
    Output(std::io::Error),
    #[error("interrupted")]
    Interrupted,
    /// Asked to stop (SIGTERM).
    #[error("terminated")]
    Terminated,
    /// The terminal closed (SIGHUP).
    #[error("hung up")]
    HungUp,
}
