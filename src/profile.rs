//! Patient profiles: a TOML file whose keys are the contract's flag names. Reading validates
//! every value through `Patient::set`; writing is atomic and never follows a planted symlink.

use crate::error::Error;
use crate::model::{Field, Patient, RawValue};
use crate::toml_text::{self, number, quoted};
use std::fmt::Write as _;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::Path;
use tempfile::NamedTempFile;

/// Reads and validates a profile: 66 when it cannot be read, 65 for anything wrong inside.
pub fn load(path: &Path) -> Result<Patient, Error> {
    let text = crate::input::read_text(path, &format!("profile {}", crate::input::shown(path)))?;
    parse(&crate::input::shown(path), &text)
}

/// Parses profile text; `name` is how errors call the file.
pub fn parse(name: &str, text: &str) -> Result<Patient, Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
        Error::Data(format!(
            "profile {name}: invalid TOML: {}",
            toml_text::parse_error(text, &e)
        ))
    })?;
    toml_text::check_numbers(text).map_err(|e| Error::Data(format!("profile {name}: {e}")))?;
    let mut patient = Patient::default();
    let mut seen: Vec<Field> = Vec::new();
    // "profile NAME (line L, column C)": where a key's value is (the document parsed, so every
    // key is found); line only for a key itself.
    let value_at = |key: &str| match toml_text::locate(text, &[key]) {
        Some(place) => format!("profile {name} ({place})"),
        None => format!("profile {name}"),
    };
    let key_at = |key: &str| match toml_text::line_of_key(text, &[key]) {
        Some(line) => format!("profile {name} (line {line})"),
        None => format!("profile {name}"),
    };
    for (key, value) in &table {
        let Some(field) = Field::from_name(key) else {
            return Err(Error::Data(format!(
                "{}: unknown key '{}': {}",
                key_at(key),
                toml_text::shorten(key),
                key_hint(key)
            )));
        };
        if seen.contains(&field) {
            return Err(Error::Data(format!(
                "{}: '{}' is given twice",
                key_at(key),
                toml_text::shorten(key)
            )));
        }
        seen.push(field);
        let raw = raw_value(field, value).ok_or_else(|| {
            Error::Data(format!(
                "{}: invalid value '{}' for {field}: expected {}",
                value_at(key),
                describe(value),
                field.expected()
            ))
        })?;
        patient
            .set(field, &raw)
            .map_err(|e| Error::Data(format!("{}: {e}", value_at(key))))?;
    }
    Ok(patient)
}

/// What to say about an unknown profile key: the field it most likely means.
fn key_hint(key: &str) -> String {
    let meant = crate::model::aliases::field(key)
        .map(Field::name)
        .or_else(|| crate::suggest::nearest(key, Field::ALL.iter().map(|f| f.name())));
    match meant {
        Some(field) => format!("did you mean '{field}'?"),
        None => format!(
            "the keys are the patient flag names: {}",
            Field::ALL.map(Field::name).join(", ")
        ),
    }
}

/// A TOML value as a raw answer; `None` for shapes no field takes (tables, dates, mixed lists).
fn raw_value(field: Field, value: &toml::Value) -> Option<RawValue> {
    match value {
        toml::Value::String(s) => Some(RawValue::Text(s.clone())),
        // Profile integers are small counts and percentages: exact as f64.
        #[allow(clippy::cast_precision_loss)]
        toml::Value::Integer(i) => Some(RawValue::Number(*i as f64)),
        toml::Value::Float(f) => Some(RawValue::Number(*f)),
        toml::Value::Boolean(b) => Some(RawValue::Bool(*b)),
        toml::Value::Array(items) if matches!(field, Field::Prior | Field::Current) => items
            .iter()
            .map(|v| v.as_str().map(str::to_owned))
            .collect::<Option<Vec<_>>>()
            .map(RawValue::List),
        _ => None,
    }
}

/// A TOML value as it was written, for messages (shortened like every echoed value).
fn describe(value: &toml::Value) -> String {
    let shown = match value {
        toml::Value::String(s) => quoted(s),
        toml::Value::Integer(i) => i.to_string(),
        toml::Value::Float(f) => f.to_string(),
        toml::Value::Boolean(b) => b.to_string(),
        toml::Value::Datetime(d) => d.to_string(),
        toml::Value::Array(items) => format!(
            "[{}]",
            items.iter().map(describe).collect::<Vec<_>>().join(", ")
        ),
        toml::Value::Table(_) => "{…}".to_owned(),
    };
    crate::model::field::shorten(&shown)
}

/// The known answers of `patient` as profile text, in the contract's order.
pub fn to_toml(patient: &Patient) -> String {
    let mut text =
        String::from("# netriage patient profile: keys are the flag names of `netriage assess`\n");
    for field in Field::ALL {
        let Some(value) = patient.get(field) else {
            continue;
        };
        let shown = match value {
            RawValue::Number(n) => number(n),
            RawValue::Bool(b) => format!("{b}"),
            RawValue::Text(t) => quoted(&t),
            RawValue::List(items) => format!(
                "[{}]",
                items
                    .iter()
                    .map(|i| quoted(i))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        let _ = writeln!(text, "{} = {shown}", field.name());
    }
    text
}

/// The refusal when `path` exists and `--force` was not given.
fn exists_error(path: &Path) -> Error {
    Error::Write {
        path: path.to_owned(),
        source: io::Error::new(
            io::ErrorKind::AlreadyExists,
            "it already exists (add --force to overwrite it)",
        ),
    }
}

/// Refuses an existing `path` unless `force`.
fn check_absent(path: &Path, force: bool) -> Result<(), Error> {
    // symlink_metadata: a symlink (even a dangling one) counts as an existing file.
    if !force && fs::symlink_metadata(path).is_ok() {
        return Err(exists_error(path));
    }
    Ok(())
}

/// Refuses early (before any question) a target that could not be written at the end: taken
/// without `force`, or in a directory that is missing or not writable (tried with a temp file).
pub fn check_target(path: &Path, force: bool) -> Result<(), Error> {
    check_absent(path, force)?;
    // Dropped at once, which removes it.
    temp_beside(path).map_err(|source| Error::Write {
        path: path.to_owned(),
        source,
    })?;
    Ok(())
}

/// Writes `patient` as a profile at `path` (see `write_atomically`).
pub fn save(path: &Path, patient: &Patient, force: bool) -> Result<(), Error> {
    write_atomically(path, to_toml(patient).as_bytes(), force)
}

/// Writes `bytes` at `path`, atomically: a new 0600 temp file beside it (`O_EXCL`, so nothing
/// planted there is followed), fsync, then into place. Without `force` an existing file (or
/// symlink) at `path` is refused and left as it was.
pub fn write_atomically(path: &Path, bytes: &[u8], force: bool) -> Result<(), Error> {
    let write_error = |source| Error::Write {
        path: path.to_owned(),
        source,
    };
    check_absent(path, force)?;
    let mut file = temp_beside(path).map_err(write_error)?;
    // On any failure the temp file is dropped, which removes it.
    let result = file
        .write_all(bytes)
        .and_then(|()| file.as_file().sync_all())
        .map_err(write_error)
        .and_then(|()| place(file, path, force));
    result?;
    sync_directory(path);
    Ok(())
}

/// Makes the new name itself durable: the file's data is synced before it is placed, the
/// directory entry only once the directory is. Best effort: a file system that cannot sync a
/// directory has already kept the file.
fn sync_directory(path: &Path) {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if let Ok(dir) = File::open(dir) {
        let _ = dir.sync_all();
    }
}

/// Moves the finished temp file to `path`. Without `force`, the move itself refuses any existing
/// name, symlinks included (an atomic "create only if absent").
fn place(file: NamedTempFile, path: &Path, force: bool) -> Result<(), Error> {
    let write_error = |source| Error::Write {
        path: path.to_owned(),
        source,
    };
    if force {
        // rename replaces a symlink at `path` itself, never the file it points to.
        return file
            .persist(path)
            .map(drop)
            .map_err(|e| write_error(e.error));
    }
    match file.persist_noclobber(path) {
        Ok(_) => Ok(()),
        Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => Err(exists_error(path)),
        // A file system that can neither rename without replacing nor link: check, then rename
        // (a narrow race, no follow).
        Err(e) => {
            check_absent(path, false)?;
            e.file
                .persist(path)
                .map(drop)
                .map_err(|e| write_error(e.error))
        }
    }
}

/// A fresh temp file beside `path` (so that the move into place stays on one file system), mode
/// 0600 and created exclusively, under a random name.
fn temp_beside(path: &Path) -> io::Result<NamedTempFile> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let base = path
        .file_name()
        .map_or_else(|| "profile".into(), |n| n.to_string_lossy().into_owned());
    tempfile::Builder::new()
        .prefix(&format!(".{base}."))
        .suffix(".tmp")
        .tempfile_in(dir)
}

/// The patient for `assess` and `ask`: the profile's answers (if any), flags over them.
pub fn with_flags(profile: Option<&Path>, flags: &Patient) -> Result<Patient, Error> {
    let mut patient = match profile {
        Some(path) => load(path)?,
        None => Patient::default(),
    };
    patient
        .overlay(flags)
        .map_err(|e| Error::Usage(format!("{e} (between the profile and the flags)")))?;
    Ok(patient)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_round_trips_every_field() {
        let text = "ki67 = 12.5\nmitoses = 3\ndifferentiation = \"well\"\nprimary = \"pancreas\"\n\
                    primary-resected = true\nprior = [\"ssa\", \"tace\"]\nlesions = 4\n";
        let p = parse("t", text).unwrap();
        assert_eq!(p.ki67, Some(12.5));
        assert_eq!(parse("t", &to_toml(&p)).unwrap(), p);
    }

    #[test]
    fn errors_name_file_key_value_and_range() {
        let err = parse("p.toml", "ki67 = 140").unwrap_err().to_string();
        for part in ["p.toml", "ki67", "140", "0 to 100"] {
            assert!(err.contains(part), "{err}");
        }
        let err = parse("p.toml", "age = 50\nkii67 = 1")
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "profile p.toml (line 2): unknown key 'kii67': did you mean 'ki67'?"
        );
        let err = parse("p.toml", "\"Ki-67 (%)\" = 1")
            .unwrap_err()
            .to_string();
        assert!(err.ends_with("did you mean 'ki67'?"), "{err}");
        let err = parse("p.toml", "age = 50\n\nki67 = 140")
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "profile p.toml (line 3, column 8): invalid value '140' for ki67: expected a number from 0 to 100 (%)"
        );
        let err = parse("p.toml", "ki67 = [1]").unwrap_err().to_string();
        assert!(
            err.contains("'[1]'") && err.contains("expected a number"),
            "{err}"
        );
        assert!(parse("p.toml", "ki67 = ").is_err());
        assert!(parse("p.toml", "ki67 = 1\nKI67 = 2").is_err());
    }

    #[test]
    fn numbers_stay_valid_toml() {
        for n in [0.0, 12.0, 12.5, 0.000_1, 1e-7, 999.999_999_999] {
            let text = format!("mitoses = {}", number(n));
            assert_eq!(parse("t", &text).unwrap().mitoses, Some(n), "{text}");
        }
        // Beyond the plausible range (refused as mitoses), still valid TOML numbers.
        for n in [1e20, 123_456_789.0] {
            let text = number(n);
            assert!(
                toml::from_str::<toml::Table>(&format!("x = {text}")).is_ok(),
                "{text}"
            );
            assert_eq!(text.parse::<f64>().unwrap(), n);
        }
    }
}
