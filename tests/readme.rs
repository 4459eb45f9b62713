//! The README's `console` examples run as they are written (trycmd): a README that drifts from
//! the program fails here.

#[test]
fn readme_examples() {
    trycmd::TestCases::new().case("README.md");
}

/// The manual page's exit codes (from `exit::MEANINGS`) are README.md's table, word for word
/// once the Markdown is taken away.
#[test]
fn exit_codes_agree_with_the_manual_page() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let table = &readme[readme.find("## Exit codes").unwrap()..];
    let rows: Vec<(u8, String)> = table
        .lines()
        .skip_while(|l| !l.starts_with("| ---"))
        .skip(1)
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            let l = l.replace("\\|", "|").replace('`', "");
            let (code, meaning) = l[2..l.len() - 2].split_once(" | ").unwrap();
            (code.parse().unwrap(), meaning.to_owned())
        })
        .collect();
    let manual: Vec<(u8, String)> = netriage::exit::MEANINGS
        .iter()
        .map(|&(code, meaning)| (code, meaning.to_owned()))
        .collect();
    assert_eq!(rows, manual);
}

/// Every other name of a treatment option is in the README's list.
#[test]
fn readme_lists_every_option_alias() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md is readable");
    for (alias, id) in netriage::model::OptionId::ALIASES {
        assert!(
            readme.contains(&format!("`{alias}`")),
            "README: {alias} → {id}"
        );
    }
}

/// `--help` names every exit code the manual page explains.
#[test]
fn help_names_every_exit_code() {
    let out = crate::common::cmd().arg("--help").output().unwrap();
    let help = String::from_utf8(out.stdout).unwrap().replace('\n', " ");
    for (code, _) in netriage::exit::MEANINGS {
        let named = if code == 0 {
            "Exit codes: 0 ".to_owned()
        } else {
            format!(" {code} ")
        };
        assert!(help.contains(&named), "exit {code}: {help}");
    }
}
