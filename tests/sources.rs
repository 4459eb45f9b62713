//! `sources`: every citation of the knowledge base, once, as text lines or JSON.

#![allow(clippy::unwrap_used)] // test helpers: a failure is the test failing

use serde_json::Value;

fn sources(args: &[&str]) -> String {
    let out = crate::common::cmd()
        .arg("sources")
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(out.stderr.is_empty());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn text_and_json_list_the_same_citations_once_each() {
    let json: Value = serde_json::from_str(&sources(&["--format", "json"])).unwrap();
    assert!(json["knowledge_version"].is_string());
    let list = json["sources"].as_array().unwrap();
    assert!(list.len() > 10);
    let mut ids: Vec<&str> = list.iter().map(|s| s["id"].as_str().unwrap()).collect();
    for s in list {
        assert!(!s["reference"].as_str().unwrap().is_empty(), "{s}");
        assert!(s["year"].is_null() || s["year"].is_u64(), "{s}");
    }
    let text = sources(&[]);
    assert_eq!(text.lines().count(), list.len());
    for (line, id) in text.lines().zip(&ids) {
        assert!(line.starts_with(id), "{line}");
    }
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), list.len(), "duplicate ids");
}

#[test]
fn every_source_a_report_cites_is_listed() {
    let listed = sources(&["--format", "json"]);
    let out = crate::common::cmd()
        .args([
            "assess",
            "--ki67",
            "12",
            "--primary",
            "pancreas",
            "--syndrome",
            "carcinoid",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let listed: Value = serde_json::from_str(&listed).unwrap();
    for cited in report["sources"].as_array().unwrap() {
        assert!(
            listed["sources"]
                .as_array()
                .unwrap()
                .iter()
                .any(|s| s["id"] == cited["id"]),
            "{cited}"
        );
    }
}
