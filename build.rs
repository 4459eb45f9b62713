//! Reads the knowledge-base version from data/knowledge.toml so that `--version` can show it
//! without parsing the data at start-up.

fn main() {
    println!("cargo:rerun-if-changed=data");
    let text = std::fs::read_to_string("data/knowledge.toml").unwrap_or_default();
    let table: toml::Table = toml::from_str(&text).unwrap_or_default();
    let version = table
        .get("version")
        .and_then(toml::Value::as_str)
        .unwrap_or("unknown")
        .to_owned();
    println!("cargo:rustc-env=NETRIAGE_KNOWLEDGE_VERSION={version}");
}
