//! JSON Schemas (2020-12) of the documents netriage writes and reads, generated from what
//! defines them: the report types (`schemars`), the patient fields' domains, and the built-in
//! threshold table. `netriage schema` prints them; schema/ holds the same files (a test keeps
//! them current).

mod input;

use crate::cohort::AnyRecord;
use crate::model::Field;
use crate::report::{GradeReport, Report, SCHEMA_VERSION};
use clap::ValueEnum;
use schemars::generate::SchemaSettings;
use schemars::JsonSchema;
use serde_json::{json, Map, Value};
use std::io::{self, Write};

/// Where netriage's published definitions live: JSON Schemas, and the FHIR canonical URLs.
pub const BASE_URL: &str = "https://w3id.org/netriage";

/// A document netriage writes or reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Document {
    /// `assess` / `ask --format json`
    Report,
    /// `grade --format json`
    Grade,
    /// A patient profile (`--profile`, `ask --save`), as TOML read into JSON
    Profile,
    /// An institution's overrides (`--knowledge`), as TOML read into JSON
    Knowledge,
    /// One line of `batch --format jsonl`
    BatchRecord,
}

impl Document {
    pub const ALL: [Document; 5] = [
        Document::Report,
        Document::Grade,
        Document::Profile,
        Document::Knowledge,
        Document::BatchRecord,
    ];

    /// The name on the command line and in schema/.
    pub fn name(self) -> &'static str {
        match self {
            Document::Report => "report",
            Document::Grade => "grade",
            Document::Profile => "profile",
            Document::Knowledge => "knowledge",
            Document::BatchRecord => "batch-record",
        }
    }

    /// The file in schema/.
    pub fn file(self) -> String {
        format!("{}.schema.json", self.name())
    }

    /// The schema's `$id`: it carries the `schema_version` it describes.
    pub fn id(self) -> String {
        format!("{BASE_URL}/schema/{SCHEMA_VERSION}/{}", self.file())
    }

    fn title(self) -> &'static str {
        match self {
            Document::Report => "netriage report",
            Document::Grade => "netriage grade report",
            Document::Profile => "netriage patient profile",
            Document::Knowledge => "netriage institution overrides",
            Document::BatchRecord => "netriage cohort record",
        }
    }
}

/// The schema of what `T` serializes to: every field it always writes is required (an unknown
/// answer is written as `null`, not left out).
fn root_for<T: JsonSchema>() -> Value {
    SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator()
        .into_root_schema_for::<T>()
        .to_value()
}

/// The schema of `doc`.
pub fn generate(doc: Document) -> Value {
    let mut schema = match doc {
        Document::Report => root_for::<Report>(),
        Document::Grade => root_for::<GradeReport>(),
        Document::BatchRecord => root_for::<AnyRecord>(),
        Document::Profile => input::profile(),
        Document::Knowledge => input::knowledge(),
    };
    if matches!(
        doc,
        Document::Report | Document::Grade | Document::BatchRecord
    ) {
        refine(&mut schema);
    }
    if let Value::Object(map) = &mut schema {
        map.insert("$id".into(), Value::String(doc.id()));
        map.insert("title".into(), Value::String(doc.title().into()));
        map.insert(
            "$schema".into(),
            Value::String("https://json-schema.org/draft/2020-12/schema".into()),
        );
    }
    schema
}

/// Writes the schema of `doc` as pretty JSON and a final newline.
pub fn write(doc: Document, out: &mut dyn Write) -> io::Result<()> {
    crate::render::json::write(&generate(doc), out)
}

/// What the report types alone cannot say: the one `schema_version` a schema describes, and
/// each answer's range (from the fields' domains).
fn refine(value: &mut Value) {
    let Value::Object(map) = value else {
        if let Value::Array(items) = value {
            items.iter_mut().for_each(refine);
        }
        return;
    };
    if let Some(Value::Object(properties)) = map.get_mut("properties") {
        if let Some(version) = properties.get_mut("schema_version") {
            *version = json!({
                "description": "Changes only when a field is removed or changes meaning",
                "const": SCHEMA_VERSION,
            });
        }
        if properties.contains_key("ki67") {
            patient_ranges(properties);
        }
    }
    map.values_mut().for_each(refine);
}

/// Adds each numeric answer's range to the patient object's properties (snake_case keys).
fn patient_ranges(properties: &mut Map<String, Value>) {
    for field in Field::ALL {
        let key = field.name().replace('-', "_");
        let Some(Value::Object(property)) = properties.get_mut(&key) else {
            continue;
        };
        for (k, v) in input::bounds(field) {
            property.insert(k.into(), v);
        }
        property.insert(
            "description".into(),
            Value::String(format!("{}; null when unknown", field.expected())),
        );
    }
}
