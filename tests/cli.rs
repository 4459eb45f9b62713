//! Bad input through the real binary: exit 2, stderr naming the flag and the value, nothing on
//! stdout; borderline input accepted with a warning.

use crate::common::{assess_only, json, mentions, netriage};

/// (arguments, flag the message must name, value it must echo, extra text it must contain)
const REFUSED: &[(&str, &str, &str, &str)] = &[
    ("assess --ki67 140", "--ki67", "140", "0 to 100"),
    ("assess --ki67 nan", "--ki67", "nan", "0 to 100"),
    ("assess --ki67 NaN", "--ki67", "NaN", "0 to 100"),
    ("assess --ki67 inf", "--ki67", "inf", "0 to 100"),
    ("assess --ki67 -1", "--ki67", "-1", "0 to 100"),
    ("assess --ki67 12,5", "--ki67", "12,5", "decimal point"),
    ("assess --ki67 twelve", "--ki67", "twelve", ""),
    ("assess --mitoses -2", "--mitoses", "-2", "from 0 to 1000"),
    (
        "assess --ki67 5 --lesions 0",
        "--lesions",
        "0",
        "from 1 to 1000",
    ),
    (
        "assess --ki67 5 --lesions 2.5",
        "--lesions",
        "2.5",
        "whole number",
    ),
    (
        "assess --ki67 5 --largest-cm 0",
        "--largest-cm",
        "0",
        "greater than 0",
    ),
    (
        "assess --ki67 5 --liver-burden 101",
        "--liver-burden",
        "101",
        "0 to 100",
    ),
    ("assess --ki67 5 --age 121", "--age", "121", "0 to 120"),
    ("assess --ki67 5 --ecog 5", "--ecog", "5", "0 to 4"),
    ("assess --ki67 5 --ecog -1", "--ecog", "-1", "0 to 4"),
    (
        "assess --ki67 5 --stable-months -3",
        "--stable-months",
        "-3",
        "from 0 to 1440",
    ),
    (
        "assess --ki67 5 --primary liver",
        "--primary",
        "liver",
        "pancreas",
    ),
    (
        "assess --ki67 5 --sstr maybe",
        "--sstr",
        "maybe",
        "positive",
    ),
    (
        "assess --ki67 5 --prior ssa,chemo",
        "--prior",
        "ssa,chemo",
        "'chemo' is not a treatment id",
    ),
    (
        "assess --ki67 5 --prior ssa,",
        "--prior",
        "ssa,",
        "empty item",
    ),
    ("grade --ki67 140", "--ki67", "140", "0 to 100"),
    ("grade --mitoses -2", "--mitoses", "-2", "from 0 to 1000"),
];

#[test]
fn out_of_range_and_malformed_values_exit_2_naming_flag_and_value() {
    for (args, flag, value, extra) in REFUSED {
        let argv: Vec<String> = args.split_whitespace().map(str::to_owned).collect();
        let out = netriage(&argv);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args}: {stderr}");
        assert!(out.stdout.is_empty(), "{args}: stdout not empty");
        assert!(stderr.contains(flag), "{args}: {stderr}");
        assert!(stderr.contains(&format!("'{value}'")), "{args}: {stderr}");
        assert!(stderr.contains(extra), "{args}: {stderr}");
    }
}

#[test]
fn nothing_to_grade_exits_2() {
    for args in [
        "assess",
        "assess --primary pancreas --resectable yes",
        "assess --differentiation well",
        "grade",
        "grade --differentiation well --primary lung",
    ] {
        let argv: Vec<String> = args.split_whitespace().map(str::to_owned).collect();
        let out = netriage(&argv);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args}: {stderr}");
        assert!(out.stdout.is_empty(), "{args}");
        assert_eq!(
            stderr,
            "netriage: nothing to grade: give --ki67, --mitoses, or --differentiation poor, \
             small-cell or large-cell (see `netriage assess --help`)\n",
            "{args}"
        );
    }
}

#[test]
fn poor_differentiation_alone_is_enough_to_grade() {
    let r = assess_only("--differentiation poor");
    assert_eq!(r["grade"]["category"], "nec");
}

#[test]
fn a_fraction_like_ki67_is_accepted_with_a_warning() {
    let r = assess_only("--ki67 0.5");
    assert_eq!(r["grade"]["category"], "net-g1");
    assert_eq!(r["patient"]["ki67"], 0.5);
    // Under the grade, naming the grade the value would give as a percentage (rules.md §1, L1).
    let expected =
        "Ki-67 0.5 % looks like a fraction — if 50 % was meant the grade would be NET G3";
    assert!(
        mentions(&r["grade"]["warnings"], expected),
        "{}",
        r["grade"]
    );
    let g = json("grade", &["--ki67".to_owned(), "0.5".to_owned()]);
    assert_eq!(g["grade"]["category"], "net-g1");
    assert!(mentions(&g["grade"]["warnings"], expected));
    let r = assess_only("--ki67 0.18");
    assert!(mentions(
        &r["grade"]["warnings"],
        "if 18 % was meant the grade would be NET G2"
    ));
    assert!(!mentions(&r["warnings"], "looks like a fraction"));
    assert!(!mentions(&g["warnings"], "looks like a fraction"));
}

#[test]
fn values_at_the_edges_of_their_ranges_are_accepted() {
    for flags in [
        "--ki67 0",
        "--ki67 100",
        "--mitoses 0",
        "--ki67 5 --age 0 --ecog 0 --lesions 1 --liver-burden 0 --stable-months 0",
        "--ki67 5 --age 120 --ecog 4 --liver-burden 100 --largest-cm 0.1",
        "--ki67 5 --prior none",
    ] {
        let argv: Vec<String> = std::iter::once("assess".to_owned())
            .chain(flags.split_whitespace().map(str::to_owned))
            .collect();
        let out = netriage(&argv);
        assert!(
            out.status.success(),
            "{flags}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let r = assess_only("--ki67 5 --primary PANCREAS --sstr Positive");
    assert_eq!(r["patient"]["primary"], "pancreas");
    assert_eq!(r["patient"]["sstr"], "positive");
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let run = |args: &[&str], no_color: bool| {
        let mut cmd = crate::common::cmd();
        cmd.args(args).args(["grade", "--ki67", "12"]);
        if no_color {
            cmd.env("NO_COLOR", "1");
        } else {
            cmd.env_remove("NO_COLOR");
        }
        let out = cmd.output().unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap().contains("\x1b[")
    };
    assert!(run(&["--color", "always"], false));
    assert!(!run(&["--color", "never"], false));
    // Not a terminal here: auto is plain, and NO_COLOR keeps it plain.
    assert!(!run(&["--color", "auto"], false));
    assert!(!run(&["--color", "auto"], true));
}
