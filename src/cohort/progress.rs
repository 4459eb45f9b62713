//! The progress bar of a long cohort: on stderr, only when stderr is a terminal and the input is
//! a file (its size is the bar's length); silent everywhere else, so scripts see nothing.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::Read;

/// A progress bar, or nothing.
pub struct Bar(Option<ProgressBar>);

impl Bar {
    pub fn hidden() -> Self {
        Self(None)
    }

    /// A bar over `bytes` of input, drawn on stderr.
    pub fn new(bytes: u64) -> Self {
        let bar = ProgressBar::with_draw_target(Some(bytes), ProgressDrawTarget::stderr());
        if let Ok(style) =
            ProgressStyle::with_template("{wide_bar} {percent:>3}% {msg} ({elapsed})")
        {
            bar.set_style(style);
        }
        Self(Some(bar))
    }

    /// `input`, advancing the bar as it is read.
    pub fn wrap<R: Read + Send + 'static>(&self, input: R) -> Box<dyn Read + Send> {
        match &self.0 {
            Some(bar) => Box::new(bar.wrap_read(input)),
            None => Box::new(input),
        }
    }

    pub fn counted(&self, rows: u64) {
        if let Some(bar) = &self.0 {
            bar.set_message(format!("{rows} patients"));
        }
    }

    /// Clears the bar so that the terminal is left as it was.
    pub fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        self.finish();
    }
}
