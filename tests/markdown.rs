//! `--format markdown`: the tumour-board note, snapshotted for one rich case, and checked to
//! render as GitHub tables (every row of a table has as many cells as its header).

#![allow(clippy::unwrap_used)] // test helpers: a failure is the test failing

/// A pancreatic NET G2 with a carcinoid syndrome, a Whipple, an institution override and
/// enough answers to fill every section of the note.
const RICH: [&str; 38] = [
    "--ki67",
    "12",
    "--mitoses",
    "3",
    "--differentiation",
    "well",
    "--primary",
    "pancreas",
    "--primary-resected",
    "yes",
    "--extrahepatic",
    "no",
    "--lesions",
    "6",
    "--largest-cm",
    "2.5",
    "--liver-burden",
    "30",
    "--bilobar",
    "yes",
    "--pattern",
    "complex",
    "--resectable",
    "no",
    "--age",
    "62",
    "--ecog",
    "1",
    "--sstr",
    "positive",
    "--syndrome",
    "carcinoid",
    "--progression",
    "progressive",
    "--prior",
    "ssa",
    "--biliary-anastomosis",
    "yes",
];

fn note(extra: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let k = dir.path().join("institution.toml");
    std::fs::write(&k, "[transplant]\nage_limit = 65\n").unwrap();
    // Named relative to the working directory: the note names the file, and the snapshot must
    // not hold a temporary path.
    let out = crate::common::cmd()
        .current_dir(dir.path())
        .args(["--knowledge", "institution.toml"])
        .args(["assess", "--format", "markdown"])
        .args(RICH)
        .args(extra)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stderr.is_empty());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn tumour_board_note() {
    let md = note(&[]);
    crate::common::expect_file("tests/snapshots/markdown/tumour_board_note.md", &md);
}

/// Cells in a table row: pipes not escaped by a backslash.
fn cells(line: &str) -> usize {
    let mut count = 0;
    let mut escaped = false;
    for c in line.chars() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => count += 1,
            _ => escaped = false,
        }
        if c != '\\' {
            escaped = false;
        }
    }
    count
}

#[test]
fn every_table_row_has_its_headers_cell_count() {
    let md = note(&[
        "--portal-vein-thrombosis",
        "no",
        "--liver-function",
        "normal",
    ]);
    let mut header: Option<usize> = None;
    let mut tables = 0;
    for line in md.lines() {
        if line.starts_with('|') {
            let n = cells(line);
            match header {
                None => {
                    header = Some(n);
                    tables += 1;
                }
                Some(h) => assert_eq!(n, h, "{line}"),
            }
        } else {
            header = None;
        }
    }
    // Patient, five stages (approach, symptoms, local, liver-directed, systemic), overrides.
    assert_eq!(tables, 7, "{md}");
    for section in [
        "## Patient",
        "## Grade",
        "## 1. Confirm and stage",
        "## Sources",
        "## Institution overrides in force",
        "## Where the seed article is out of date",
    ] {
        assert!(md.contains(section), "{section}");
    }
    assert!(md.contains("| `primary` | pancreas |"));
    assert!(md.trim_end().ends_with('*'), "ends with the disclaimer");
}

#[test]
fn grade_has_a_markdown_form_too() {
    let out = crate::common::cmd()
        .args(["grade", "--ki67", "25", "--format", "markdown"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.starts_with("# WHO grade"), "{md}");
    assert!(md.contains("**NET G3**") || md.contains("G3"), "{md}");
}
