//! The terminal prompter: the only code that touches the terminal. Questions go to stderr,
//! styled by dialoguer's `ColorfulTheme` (its prompt, item, selection and error formats). The
//! widgets themselves are dialoguer's in look but not in code, because dialoguer's cannot serve
//! here:
//!
//! - Esc must go back one question and Ctrl-D end the questionnaire at every prompt; dialoguer
//!   0.11's `Select` ignores Ctrl-D, its `Input` ignores Esc and Ctrl-D, and it leaves the cursor
//!   hidden on Ctrl-C (console-rs/dialoguer #77, #92);
//! - a signal (`kill`, a closed terminal) must wake the prompt so that the run ends through
//!   `run`: dialoguer blocks in its own read, which nothing can wake; here the prompt waits on
//!   stdin and the watcher's pipe together (`next_key`);
//! - the treatment list is ticked and chosen in one widget with a "none" and an "unknown" item
//!   below the ticks, which `MultiSelect` has no place for.

use super::{Interrupted, Nav, Prompter};
use console::{measure_text_width, Key, Term};
use dialoguer::theme::{ColorfulTheme, Theme};
use std::io::IsTerminal;

/// Ctrl-D: end of input on a terminal (in raw mode it arrives as a character).
const END_OF_INPUT: char = '\x04';
/// Ctrl-U: clear the line.
const KILL_LINE: char = '\x15';

pub struct TerminalPrompter {
    term: Term,
    theme: ColorfulTheme,
    hinted: bool,
    /// The last typed answer as echoed (prompt, answer, rows), until the next prompt: if the
    /// flow refuses it, its ✔ echo is redrawn as ✘ above the error.
    echoed: Option<(String, String, usize)>,
    /// Becomes readable when a signal asks the run to stop (`signals::watch`'s wake-up).
    woken: Option<WakeUp>,
}

impl TerminalPrompter {
    /// Opens the terminal (stderr) and starts watching signals; `None` unless stdin and stderr
    /// are terminals (the caller has checked stdout), so nothing can wait on a pipe.
    pub fn new(color: bool) -> Option<Self> {
        let term = Term::stderr();
        if !term.is_term() || !std::io::stdin().is_terminal() {
            return None;
        }
        if !color {
            console::set_colors_enabled_stderr(false);
        }
        Some(Self {
            term,
            theme: ColorfulTheme::default(),
            hinted: false,
            echoed: None,
            woken: watch_signals(),
        })
    }

    /// Ends the questionnaire: the cursor is shown again, the line finished.
    fn stop(&self) -> Interrupted {
        let _ = self.term.show_cursor();
        let _ = self.term.write_line("");
        Interrupted
    }

    fn write_line(&self, line: &str) -> Result<(), Interrupted> {
        self.term.write_line(line).map_err(|_| Interrupted)
    }

    /// How many terminal rows `line` takes.
    fn rows(&self, line: &str) -> usize {
        let width = usize::from(self.term.size().1).max(1);
        measure_text_width(line).div_ceil(width).max(1)
    }

    fn hint(&mut self) -> Result<(), Interrupted> {
        if !self.hinted {
            self.hinted = true;
            let hint = "(↑/↓ or type to move, Enter to choose, Esc to go back, Ctrl-C to quit without output)";
            self.write_line(&console::style(hint).dim().for_stderr().to_string())?;
        }
        Ok(())
    }

    /// Draws the prompt and the visible items; returns the rows drawn.
    fn draw(&self, prompt: &str, items: &[String], sel: usize) -> Result<usize, Interrupted> {
        self.draw_marked(prompt, items, sel, &|_| None)
    }

    /// Draws the prompt and the visible items, each with its tick box where `mark` gives one.
    fn draw_marked(
        &self,
        prompt: &str,
        items: &[String],
        sel: usize,
        mark: &dyn Fn(usize) -> Option<bool>,
    ) -> Result<usize, Interrupted> {
        let mut lines = Vec::new();
        let mut head = String::new();
        let _ = self.theme.format_select_prompt(&mut head, prompt);
        lines.push(head);
        // Long lists scroll in a window that fits the terminal.
        let cap = usize::from(self.term.size().0)
            .saturating_sub(3)
            .clamp(3, items.len().max(3));
        let start = sel
            .saturating_sub(cap / 2)
            .min(items.len().saturating_sub(cap));
        for (i, item) in items.iter().enumerate().skip(start).take(cap) {
            let mut line = String::new();
            match mark(i) {
                Some(ticked) => {
                    let _ = self.theme.format_multi_select_prompt_item(
                        &mut line,
                        item,
                        ticked,
                        i == sel,
                    );
                }
                None => {
                    let _ = self
                        .theme
                        .format_select_prompt_item(&mut line, item, i == sel);
                }
            }
            lines.push(line);
        }
        let mut rows = 0;
        for line in &lines {
            self.write_line(line)?;
            rows += self.rows(line);
        }
        self.term.flush().map_err(|_| Interrupted)?;
        Ok(rows)
    }
}

/// Ctrl-C at a prompt is a key (raw mode); between prompts, or as `kill -INT`, it is a signal,
/// and so are SIGTERM and SIGHUP (a closed terminal). The watcher (`signals`) wakes the prompt
/// waiting for a key, which then ends the questionnaire the way Ctrl-C does: the run returns
/// through `run` with the signal's exit code (130, 143, 129), and a temp file being saved is
/// dropped (removed) on the way. If the process must end at once (a second signal), the
/// terminal mode is put back first.
#[cfg(unix)]
fn watch_signals() -> Option<WakeUp> {
    let (read, write) = nix::unistd::pipe().ok()?;
    let restore = TerminalState::save();
    crate::signals::watch(crate::signals::Watch {
        wake: Box::new(move || {
            let _ = nix::unistd::write(&write, b"!");
        }),
        restore: Box::new(move || restore.apply()),
        terminal: true,
    });
    Some(WakeUp(read))
}

#[cfg(not(unix))]
fn watch_signals() -> Option<WakeUp> {
    None
}

/// The reading end of the watcher's wake-up pipe.
#[cfg(unix)]
struct WakeUp(std::os::fd::OwnedFd);

#[cfg(not(unix))]
struct WakeUp;

impl TerminalPrompter {
    /// The next key; Ctrl-C (`Key::CtrlC`) when a signal asked the run to stop. The terminal is
    /// raw while the key is awaited, as console keeps it while reading one: keys typed
    /// meanwhile are neither echoed nor held back for a whole line.
    fn next_key(&self) -> std::io::Result<Key> {
        // Until the key is read: console keeps the mode it finds.
        #[cfg(unix)]
        let _raw = RawMode::enter();
        #[cfg(unix)]
        if let Some(WakeUp(woken)) = &self.woken {
            use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
            use std::os::fd::AsFd;
            let stdin = std::io::stdin();
            let mut fds = [
                PollFd::new(stdin.as_fd(), PollFlags::POLLIN),
                PollFd::new(woken.as_fd(), PollFlags::POLLIN),
            ];
            loop {
                match poll(&mut fds, PollTimeout::NONE) {
                    Err(nix::errno::Errno::EINTR) => {}
                    Err(e) => return Err(e.into()),
                    Ok(_) => break,
                }
            }
            if fds[1].any().unwrap_or(false) {
                return Ok(Key::CtrlC);
            }
        }
        self.term.read_key_raw()
    }
}

/// Raw mode for as long as it lives (console sets it only inside its own read).
#[cfg(unix)]
struct RawMode(Option<nix::sys::termios::Termios>);

#[cfg(unix)]
impl RawMode {
    fn enter() -> Self {
        use nix::sys::termios::{cfmakeraw, tcgetattr, tcsetattr, SetArg};
        let stdin = std::io::stdin();
        let Ok(cooked) = tcgetattr(&stdin) else {
            return Self(None);
        };
        let mut raw = cooked.clone();
        cfmakeraw(&mut raw);
        // Output as it was: console draws with the terminal's own line endings.
        raw.output_flags = cooked.output_flags;
        let set = tcsetattr(&stdin, SetArg::TCSADRAIN, &raw).is_ok();
        Self(set.then_some(cooked))
    }
}

#[cfg(unix)]
impl Drop for RawMode {
    fn drop(&mut self) {
        if let Some(cooked) = &self.0 {
            let _ = nix::sys::termios::tcsetattr(
                std::io::stdin(),
                nix::sys::termios::SetArg::TCSADRAIN,
                cooked,
            );
        }
    }
}

/// The terminal mode before any prompt (cooked), to put back if a signal lands mid-prompt.
struct TerminalState {
    #[cfg(unix)]
    saved: Option<nix::sys::termios::Termios>,
}

impl TerminalState {
    #[cfg(unix)]
    fn save() -> Self {
        Self {
            saved: nix::sys::termios::tcgetattr(std::io::stdin()).ok(),
        }
    }

    #[cfg(unix)]
    fn apply(&self) {
        if let Some(saved) = &self.saved {
            let _ = nix::sys::termios::tcsetattr(
                std::io::stdin(),
                nix::sys::termios::SetArg::TCSANOW,
                saved,
            );
        }
    }

    #[cfg(not(unix))]
    fn save() -> Self {
        Self {}
    }

    #[cfg(not(unix))]
    fn apply(&self) {}
}

/// The first item at or after the start whose text starts with `typed`.
fn find(items: &[String], typed: &str) -> Option<usize> {
    let typed = typed.to_lowercase();
    items
        .iter()
        .position(|i| i.to_lowercase().starts_with(&typed))
}

impl TerminalPrompter {
    /// A key in a list other than Enter: moves the selection (arrows, Home/End, type to find), or
    /// leaves the list: Esc back, Ctrl-C and end of input quit.
    fn move_in_list(
        &self,
        key: &Key,
        items: &[String],
        sel: &mut usize,
        typed: &mut String,
    ) -> Option<Nav> {
        let n = items.len();
        match *key {
            Key::ArrowDown | Key::Tab => {
                *sel = (*sel + 1) % n;
                typed.clear();
            }
            Key::ArrowUp | Key::BackTab => {
                *sel = (*sel + n - 1) % n;
                typed.clear();
            }
            Key::Home | Key::PageUp => *sel = 0,
            Key::End | Key::PageDown => *sel = n - 1,
            Key::Backspace => {
                typed.pop();
                if let Some(i) = find(items, typed) {
                    *sel = i;
                }
            }
            Key::Char(END_OF_INPUT) | Key::CtrlC => return Some(self.stop().into()),
            Key::Char(c) if !c.is_control() => {
                if let Some(i) = seek(items, typed, c) {
                    *sel = i;
                }
            }
            Key::Escape => {
                let _ = self.term.show_cursor();
                return Some(Nav::Back);
            }
            _ => {}
        }
        None
    }
}

/// Type to find: `c` extends the search, or starts a new one when nothing matches.
fn seek(items: &[String], typed: &mut String, c: char) -> Option<usize> {
    typed.push(c);
    if let Some(i) = find(items, typed) {
        return Some(i);
    }
    *typed = c.to_string();
    let found = find(items, typed);
    if found.is_none() {
        typed.clear();
    }
    found
}

impl Prompter for TerminalPrompter {
    fn show(&mut self, text: &str) -> Result<(), Interrupted> {
        self.echoed = None;
        if let Some(title) = text.strip_prefix('\n').filter(|t| !t.contains('\n')) {
            self.write_line("")?;
            return self.write_line(&console::style(title).bold().for_stderr().to_string());
        }
        self.write_line(text)
    }

    fn error(&mut self, text: &str) -> Result<(), Interrupted> {
        if let Some((prompt, answer, rows)) = self.echoed.take() {
            let _ = self.term.clear_last_lines(rows);
            let mark = console::style("✘").red().for_stderr();
            self.write_line(&format!("{mark} {prompt} · {answer}"))?;
        }
        let mut line = String::new();
        let _ = self.theme.format_error(&mut line, text);
        self.write_line(&line)
    }

    fn choose(
        &mut self,
        _key: &str,
        prompt: &str,
        items: &[String],
        default: usize,
    ) -> Result<usize, Nav> {
        self.echoed = None;
        if items.is_empty() {
            return Err(Nav::Quit);
        }
        self.hint()?;
        let n = items.len();
        let mut sel = default.min(n - 1);
        let mut typed = String::new();
        if self.term.hide_cursor().is_err() {
            return Err(self.stop().into());
        }
        loop {
            let drawn = self.draw(prompt, items, sel)?;
            let key = self.next_key();
            let _ = self.term.clear_last_lines(drawn);
            match key {
                Ok(Key::Enter) => {
                    let mut line = String::new();
                    let _ =
                        self.theme
                            .format_select_prompt_selection(&mut line, prompt, &items[sel]);
                    let _ = self.term.show_cursor();
                    self.write_line(&line)?;
                    return Ok(sel);
                }
                Ok(key) => {
                    if let Some(nav) = self.move_in_list(&key, items, &mut sel, &mut typed) {
                        return Err(nav);
                    }
                }
                Err(_) => return Err(self.stop().into()),
            }
        }
    }

    fn choose_many(
        &mut self,
        _key: &str,
        prompt: &str,
        items: &[String],
        checkable: usize,
        ticked: &[usize],
    ) -> Result<Vec<usize>, Nav> {
        self.echoed = None;
        if items.is_empty() {
            return Err(Nav::Quit);
        }
        self.hint()?;
        let mut on: Vec<bool> = (0..checkable).map(|i| ticked.contains(&i)).collect();
        let mut sel = 0;
        let mut typed = String::new();
        if self.term.hide_cursor().is_err() {
            return Err(self.stop().into());
        }
        loop {
            let mark = |i: usize| on.get(i).copied();
            let drawn = self.draw_marked(prompt, items, sel, &mark)?;
            let key = self.next_key();
            let _ = self.term.clear_last_lines(drawn);
            match key {
                Ok(Key::Char(' ')) if sel < checkable => on[sel] = !on[sel],
                Ok(Key::Enter) => {
                    let mut chosen: Vec<usize> = (0..checkable).filter(|i| on[*i]).collect();
                    if sel >= checkable {
                        chosen = vec![sel];
                    } else if chosen.is_empty() {
                        // Enter on a treatment with nothing ticked: that one.
                        chosen.push(sel);
                    }
                    let shown: Vec<&str> = chosen.iter().map(|i| items[*i].as_str()).collect();
                    let mut line = String::new();
                    let _ = self
                        .theme
                        .format_multi_select_prompt_selection(&mut line, prompt, &shown);
                    let _ = self.term.show_cursor();
                    self.write_line(&line)?;
                    return Ok(chosen);
                }
                Ok(key) => {
                    if let Some(nav) = self.move_in_list(&key, items, &mut sel, &mut typed) {
                        return Err(nav);
                    }
                }
                Err(_) => return Err(self.stop().into()),
            }
        }
    }

    fn input(&mut self, _key: &str, prompt: &str, initial: &str) -> Result<String, Nav> {
        self.echoed = None;
        let mut head = String::new();
        let _ = self.theme.format_input_prompt(&mut head, prompt, None);
        let mut text: Vec<char> = initial.chars().collect();
        let shown: String = text.iter().collect();
        self.term
            .write_str(&format!("{head}{shown}"))
            .and_then(|()| self.term.flush())
            .map_err(|_| Nav::Quit)?;
        loop {
            match self.next_key() {
                Ok(Key::Enter) => {
                    let typed: String = text.iter().collect();
                    let rows = self.rows(&format!("{head}{typed}"));
                    let _ = self.term.clear_line();
                    if rows > 1 {
                        let _ = self.term.clear_last_lines(rows - 1);
                    }
                    let answer = if typed.trim().is_empty() {
                        "unknown"
                    } else {
                        typed.as_str()
                    };
                    let mut line = String::new();
                    let _ = self
                        .theme
                        .format_input_prompt_selection(&mut line, prompt, answer);
                    self.write_line(&line)?;
                    self.echoed = Some((prompt.to_owned(), answer.to_owned(), self.rows(&line)));
                    return Ok(typed);
                }
                Ok(Key::Backspace) => {
                    if text.pop().is_some() {
                        let _ = self.term.clear_chars(1);
                    }
                }
                Ok(Key::Char(KILL_LINE)) => {
                    let _ = self.term.clear_chars(text.len());
                    text.clear();
                }
                Ok(Key::Char(c)) if !c.is_control() => {
                    text.push(c);
                    let _ = self.term.write_str(&c.to_string());
                }
                Ok(Key::Char(END_OF_INPUT)) if text.is_empty() => return Err(self.stop().into()),
                Ok(Key::Escape) => {
                    // The half-typed line goes; the question is left as it was.
                    let rows = self.rows(&format!("{head}{}", text.iter().collect::<String>()));
                    let _ = self.term.clear_line();
                    if rows > 1 {
                        let _ = self.term.clear_last_lines(rows - 1);
                    }
                    return Err(Nav::Back);
                }
                Ok(Key::CtrlC) | Err(_) => return Err(self.stop().into()),
                Ok(_) => {}
            }
            let _ = self.term.flush();
        }
    }
}
