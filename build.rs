//! Parses and checks data/*.toml once, at build time, and writes it out as Rust statics, so that
//! a run starts without parsing anything (data/ stays the single source of truth). Also exports
//! the knowledge-base version for `--version`.

#![allow(clippy::print_stdout, clippy::print_stderr)]

#[path = "src/knowledge/schema.rs"]
#[allow(dead_code)]
mod schema;

#[path = "src/knowledge/classes.rs"]
#[allow(dead_code)]
mod classes;

use std::path::PathBuf;
use std::process::exit;

fn read(name: &str) -> String {
    std::fs::read_to_string(format!("data/{name}")).unwrap_or_else(|e| {
        eprintln!("error: cannot read data/{name}: {e}");
        exit(1);
    })
}

fn write(path: &std::path::Path, bytes: &[u8]) {
    if let Err(e) = std::fs::write(path, bytes) {
        eprintln!("error: cannot write {}: {e}", path.display());
        exit(1);
    }
}

fn main() {
    println!("cargo:rerun-if-changed=data");
    println!("cargo:rerun-if-changed=src/knowledge/schema.rs");
    println!("cargo:rerun-if-changed=src/knowledge/classes.rs");
    println!("cargo:rerun-if-changed=build.rs");
    let texts = [
        "knowledge.toml",
        "thresholds.toml",
        "citations.toml",
        "options.toml",
        "notes.toml",
        "corrections.toml",
        "workup.toml",
        "criteria.toml",
    ]
    .map(read);
    let files = schema::DataFiles {
        knowledge: &texts[0],
        thresholds: &texts[1],
        citations: &texts[2],
        options: &texts[3],
        notes: &texts[4],
        corrections: &texts[5],
        workup: &texts[6],
        criteria: &texts[7],
    };
    let compiled = schema::compile(&files).unwrap_or_else(|(file, message)| {
        eprintln!("error: {file}: {message}");
        exit(1);
    });
    let dir = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    write(
        &dir.join("knowledge_texts.rs"),
        schema::texts_source(&compiled).as_bytes(),
    );
    let option_ids = classes::source(&compiled.options).unwrap_or_else(|(file, message)| {
        eprintln!("error: {file}: {message}");
        exit(1);
    });
    write(&dir.join("option_ids.rs"), option_ids.as_bytes());
    println!(
        "cargo:rustc-env=NETRIAGE_KNOWLEDGE_VERSION={}",
        compiled.meta.version
    );
}
