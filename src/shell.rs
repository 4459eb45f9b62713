//! What shells and `man` need, generated from the one clap definition: completion scripts and
//! the man page. The same scripts are committed in completions/ (a test keeps them current).

use crate::cli::Cli;
use clap::CommandFactory;
use clap_complete::Shell;
use std::io::{self, Write};

/// The program name the scripts complete.
pub const BIN: &str = "netriage";

/// Every shell a script is committed for, with its file name in completions/.
pub const SCRIPTS: [(Shell, &str); 5] = [
    (Shell::Bash, "netriage.bash"),
    (Shell::Zsh, "_netriage"),
    (Shell::Fish, "netriage.fish"),
    (Shell::PowerShell, "_netriage.ps1"),
    (Shell::Elvish, "netriage.elv"),
];

/// The completion script for `shell`.
pub fn completion_script(shell: Shell) -> Vec<u8> {
    let mut script = Vec::new();
    // Generated in memory: clap_complete panics when its writer fails (e.g. a closed pipe).
    clap_complete::generate(shell, &mut Cli::command(), BIN, &mut script);
    script
}

/// Writes the completion script for `shell`.
pub fn completions(shell: Shell, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(&completion_script(shell))
}

/// Writes the man page (roff).
pub fn man(out: &mut dyn Write) -> io::Result<()> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut page)?;
    out.write_all(&page)
}
