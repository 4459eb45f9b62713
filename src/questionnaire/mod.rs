//! The guided questionnaire: question order and branching (`flow`) over a `Prompter` trait,
//! with a terminal implementation (`terminal`) and a scripted one for tests (`scripted`).

pub mod flow;
pub mod question;
pub mod scripted;
pub mod terminal;

pub use flow::ask_all;
pub use scripted::Scripted;

/// The label of the choice that leaves an answer unknown.
pub const SKIP: &str = "unknown / skip";

/// The label of the choice that goes back one question (as Esc does).
pub const BACK: &str = "← back";

/// The user ended the questionnaire (Ctrl-C, end of input, Esc at the first question after a
/// confirmation) or the terminal went away.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("interrupted")]
pub struct Interrupted;

/// What the user did instead of answering a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    /// Esc: back one question (from a menu: back to where it was opened).
    Back,
    /// Ctrl-C, end of input, or the terminal went away.
    Quit,
}

impl From<Interrupted> for Nav {
    fn from(_: Interrupted) -> Self {
        Nav::Quit
    }
}

/// Where questions are asked and answered: the only seam between the flow and a terminal.
pub trait Prompter {
    /// Shows information (a section heading, the derived grade, the summary, a note).
    fn show(&mut self, text: &str) -> Result<(), Interrupted>;

    /// Shows why an answer was refused, before the question is asked again.
    fn error(&mut self, text: &str) -> Result<(), Interrupted>;

    /// Asks to pick one of `items` (starting on `default`); returns its index.
    /// `key` names the question (a field name, or `review` / `change`) for scripts.
    fn choose(
        &mut self,
        key: &str,
        prompt: &str,
        items: &[String],
        default: usize,
    ) -> Result<usize, Nav>;

    /// Asks to tick any of the first `checkable` items (`ticked` ticked to begin with); the
    /// items after them are actions. Returns the ticked indices, or the one action chosen.
    fn choose_many(
        &mut self,
        key: &str,
        prompt: &str,
        items: &[String],
        checkable: usize,
        ticked: &[usize],
    ) -> Result<Vec<usize>, Nav>;

    /// Asks for a line of text, offering `initial` to edit; returns it as typed.
    fn input(&mut self, key: &str, prompt: &str, initial: &str) -> Result<String, Nav>;
}
