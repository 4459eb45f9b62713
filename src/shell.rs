//! Shell completion, generated from the one clap definition: a short script per shell that asks
//! netriage itself for the candidates (clap_complete's completion engine), so that every shell
//! completes the same things — commands, flags, every flag's values, the option ids of `--prior`
//! after each comma, file names only where a file is expected. The scripts are committed in
//! completions/ (a test keeps them current).

use crate::cli::Cli;
use crate::model::{Field, OptionId, Patient, RawValue};
use clap::CommandFactory;
use clap_complete::engine::CompletionCandidate;
use clap_complete::env::{CompleteEnv, Shells};
use clap_complete::Shell;
use std::ffi::OsStr;
use std::io::{self, Write};

/// The program name the scripts complete.
pub const BIN: &str = "netriage";

/// The environment variable under which a completion script runs netriage to ask for candidates
/// (a name of our own, so that no unrelated variable can turn a run into a completion).
pub const COMPLETE_VAR: &str = "NETRIAGE_COMPLETE";

/// Every shell a script is committed for, with its file name in completions/.
pub const SCRIPTS: [(Shell, &str); 5] = [
    (Shell::Bash, "netriage.bash"),
    (Shell::Zsh, "_netriage"),
    (Shell::Fish, "netriage.fish"),
    (Shell::PowerShell, "_netriage.ps1"),
    (Shell::Elvish, "netriage.elv"),
];

/// The completion script for `shell`: it runs `netriage` with [`COMPLETE_VAR`] set on each Tab.
pub fn completion_script(shell: Shell) -> Vec<u8> {
    let mut script = Vec::new();
    if let Some(completer) = Shells::builtins().completer(&shell.to_string()) {
        // Written to memory, which cannot fail.
        let _ = completer.write_registration(COMPLETE_VAR, BIN, BIN, BIN, &mut script);
    }
    if shell == Shell::Zsh {
        // Installed as `_netriage` in $fpath, the file is autoloaded as the completion function
        // itself on the first Tab: it must then complete, not only register.
        script.extend_from_slice(ZSH_AUTOLOAD.as_bytes());
    }
    script
}

const ZSH_AUTOLOAD: &str = r#"
if [[ "${funcstack[1]}" == _netriage ]]; then
    _clap_dynamic_completer_netriage "$@"
fi
"#;

/// Writes the completion script for `shell`.
pub fn completions(shell: Shell, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(&completion_script(shell))
}

/// The answer to a completion script's request (run by `main` when [`COMPLETE_VAR`] is set):
/// the candidates for the command line the script passes, on stdout.
pub fn completion_request() -> CompleteEnv<'static, fn() -> clap::Command> {
    CompleteEnv::with_factory(Cli::command as fn() -> clap::Command)
        .var(COMPLETE_VAR)
        .bin(BIN)
        .completer(BIN)
}

/// Completes a comma list of option ids (`--prior`, and any flag that takes the same list):
/// after the last comma, each id not yet in the list, and the other names of an option
/// (`octreotide` for `ssa`); `none` as the whole list.
pub fn complete_options(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(current) = current.to_str() else {
        return Vec::new();
    };
    let (done, last) = current
        .rfind(',')
        .map_or(("", current), |i| current.split_at(i + 1));
    let given: Vec<String> = done.split(',').map(|s| s.trim().to_lowercase()).collect();
    let last = last.trim_start().to_lowercase();
    let mut candidates = Vec::new();
    if done.is_empty() && "none".starts_with(&last) {
        candidates.push(CompletionCandidate::new("none").help(Some("none given".into())));
    }
    // Only what the list accepts: the parser decides (an option that is not a treatment is
    // never offered).
    let accepted = |id: OptionId| {
        Patient::default()
            .set(Field::Prior, &RawValue::Text(id.name().to_owned()))
            .is_ok()
    };
    for id in OptionId::ALL.iter().copied().filter(|id| accepted(*id)) {
        let name = id.name();
        if name.starts_with(&last) && !given.iter().any(|g| g == name) {
            candidates.push(CompletionCandidate::new(format!("{done}{name}")));
        }
    }
    for (alias, id) in OptionId::ALIASES.iter().filter(|(_, id)| accepted(*id)) {
        if alias.starts_with(&last) && !given.iter().any(|g| g == alias || g == id.name()) {
            candidates.push(
                CompletionCandidate::new(format!("{done}{alias}"))
                    .help(Some(format!("= {id}").into())),
            );
        }
    }
    candidates
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(current: &str) -> Vec<String> {
        complete_options(OsStr::new(current))
            .iter()
            .map(|c| c.get_value().to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn option_lists_complete_after_each_comma_without_repeats() {
        let first = values("");
        assert!(first.contains(&"none".to_owned()));
        assert!(first.contains(&"ssa".to_owned()));
        assert!(first.contains(&"octreotide".to_owned()));
        assert_eq!(values("pr"), ["prrt", "proton-pump-inhibitor"]);
        let after = values("ssa,");
        assert!(after.contains(&"ssa,prrt".to_owned()));
        assert!(!after.iter().any(|v| v == "ssa,ssa" || v == "ssa,none"));
        assert!(!after.contains(&"ssa,octreotide".to_owned()), "{after:?}");
        assert_eq!(values("ssa,tace,ev"), ["ssa,tace,everolimus"]);
        assert_eq!(values("ssa,luta"), ["ssa,lutathera"]);
    }
}
