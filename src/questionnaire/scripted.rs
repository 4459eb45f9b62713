//! A prompter that answers from a script, for tests of the flow: it records what was asked,
//! shown and refused. The script running out behaves like end of input (Ctrl-D).

use super::{Interrupted, Nav, Prompter, SKIP};
use std::collections::VecDeque;

/// Answers `(question key, answer)` in order. A choice answer is an item's leading word (its
/// stable name) or `skip`; a typed answer is the text as typed; a multi-select answer is a comma
/// list of the ids in brackets (or an action's leading word); `<esc>` presses Esc.
#[derive(Debug, Default)]
pub struct Scripted {
    script: VecDeque<(String, String)>,
    /// The keys of the questions asked, in order.
    pub asked: Vec<String>,
    /// Everything shown, in order.
    pub shown: Vec<String>,
    /// Every refusal shown before a question was asked again.
    pub errors: Vec<String>,
}

impl Scripted {
    pub fn new<K: Into<String>, V: Into<String>>(script: impl IntoIterator<Item = (K, V)>) -> Self {
        Self {
            script: script
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
            ..Self::default()
        }
    }

    /// Answers not used yet.
    pub fn remaining(&self) -> usize {
        self.script.len()
    }

    /// Whether the question `key` was asked.
    pub fn was_asked(&self, key: &str) -> bool {
        self.asked.iter().any(|k| k == key)
    }

    fn next(&mut self, key: &str) -> Result<String, Nav> {
        self.asked.push(key.to_owned());
        let Some((expected, answer)) = self.script.pop_front() else {
            return Err(Nav::Quit);
        };
        assert_eq!(
            expected, key,
            "the script answers '{expected}' but '{key}' was asked (asked so far: {:?})",
            self.asked
        );
        if answer == ESC {
            return Err(Nav::Back);
        }
        Ok(answer)
    }
}

/// The script's answer that presses Esc.
pub const ESC: &str = "<esc>";

/// Whether `item` is the one `answer` names: the whole item, or its leading word.
fn names(item: &str, answer: &str) -> bool {
    if answer.eq_ignore_ascii_case("skip") {
        return item == SKIP;
    }
    let item = item.to_ascii_lowercase();
    let answer = answer.to_ascii_lowercase();
    item == answer
        || item
            .strip_prefix(&answer)
            .is_some_and(|rest| rest.starts_with([' ', ':', '(', ',']))
}

impl Prompter for Scripted {
    fn show(&mut self, text: &str) -> Result<(), Interrupted> {
        self.shown.push(text.to_owned());
        Ok(())
    }

    fn error(&mut self, text: &str) -> Result<(), Interrupted> {
        self.errors.push(text.to_owned());
        Ok(())
    }

    fn choose(
        &mut self,
        key: &str,
        _prompt: &str,
        items: &[String],
        _default: usize,
    ) -> Result<usize, Nav> {
        let answer = self.next(key)?;
        let found = items.iter().position(|item| names(item, &answer));
        assert!(
            found.is_some(),
            "'{answer}' is not one of the items of '{key}': {items:?}"
        );
        found.ok_or(Nav::Quit)
    }

    fn choose_many(
        &mut self,
        key: &str,
        _prompt: &str,
        items: &[String],
        checkable: usize,
        _ticked: &[usize],
    ) -> Result<Vec<usize>, Nav> {
        let answer = self.next(key)?;
        if let Some(action) = items[checkable..].iter().position(|i| names(i, &answer)) {
            return Ok(vec![checkable + action]);
        }
        let found: Vec<usize> = answer
            .split(',')
            .map(|id| {
                let tag = format!("[{}]", id.trim());
                let found = items[..checkable].iter().position(|i| i.ends_with(&tag));
                assert!(found.is_some(), "'{id}' is not one of the items of '{key}'");
                found.unwrap_or_default()
            })
            .collect();
        Ok(found)
    }

    fn input(&mut self, key: &str, _prompt: &str, _initial: &str) -> Result<String, Nav> {
        self.next(key)
    }
}
