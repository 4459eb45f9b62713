//! A number that decides a status is shown as it was given (the shortest form that reads back
//! the same), in every format; a value beyond plausibility is refused with the field's range.

use crate::common::netriage;

fn run(args: &[&str]) -> (i32, String, String) {
    let args: Vec<String> = args.iter().map(|s| (*s).to_owned()).collect();
    let out = netriage(&args);
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn values_next_to_a_threshold_are_shown_unrounded_in_every_format() {
    let cases: [(&[&str], &str, &str); 3] = [
        (&["grade", "--ki67", "2.999"], "2.999", "Ki-67 3 %"),
        (
            &[
                "assess",
                "--ki67",
                "5",
                "--differentiation",
                "well",
                "--lesions",
                "1",
                "--largest-cm",
                "5.004",
            ],
            "5.004",
            "(5 cm)",
        ),
        (
            &[
                "assess",
                "--ki67",
                "5",
                "--differentiation",
                "well",
                "--liver-burden",
                "74.999",
            ],
            "74.999",
            "(75 %)",
        ),
    ];
    for (args, given, rounded) in cases {
        for format in ["text", "markdown", "json"] {
            let mut all = args.to_vec();
            all.extend(["--format", format]);
            let (code, out, err) = run(&all);
            assert_eq!(code, 0, "{all:?}: {err}");
            assert!(out.contains(given), "{all:?}: {given} not shown");
            assert!(
                !out.contains(rounded),
                "{all:?}: shown rounded as {rounded}"
            );
        }
    }
}

#[test]
fn implausible_values_are_refused_with_the_fields_range() {
    let cases: [(&[&str], &str); 5] = [
        (
            &["grade", "--mitoses", "1e308"],
            "expected a number from 0 to 1000 (per 2 mm²)",
        ),
        (
            &["assess", "--ki67", "5", "--lesions", "4294967295"],
            "expected a whole number from 1 to 1000",
        ),
        (&["grade", "--ki67", "1e-400"], "too small to tell from 0"),
        (
            &["assess", "--ki67", "5", "--largest-cm", "1e9"],
            "greater than 0, at most 50 (cm)",
        ),
        (
            &["assess", "--ki67", "5", "--stable-months", "1e9"],
            "from 0 to 1440 (months)",
        ),
    ];
    for (args, expected) in cases {
        let (code, out, err) = run(args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty());
        assert!(err.contains(expected), "{args:?}: {err}");
    }
    // The same refusal, as an error record, in a cohort (and shown short, not as 309 digits).
    let out = crate::common::cmd()
        .arg("batch")
        .write_stdin("{\"mitoses\": 1e308}\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(65));
    let record: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(record["error"]["value"], "1e308");
    assert_eq!(
        record["error"]["expected"],
        "a number from 0 to 1000 (per 2 mm²)"
    );
}
