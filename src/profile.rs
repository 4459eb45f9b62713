//! Patient profiles: a TOML file whose keys are the contract's flag names. Reading validates
//! every value through `Patient::set`; writing is atomic and never follows a planted symlink.

use crate::error::Error;
use crate::model::{Field, Patient, RawValue};
use crate::toml_text;
use std::fmt::Write as _;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Mutex;

/// A temporary file being written, removed by the interrupt handler if Ctrl-C lands mid-save.
static PENDING: Mutex<Option<PathBuf>> = Mutex::new(None);

/// Reads and validates a profile: 66 when it cannot be read, 65 for anything wrong inside.
pub fn load(path: &Path) -> Result<Patient, Error> {
    let text = crate::input::read_text(path, &format!("profile {}", path.display()))?;
    parse(&path.display().to_string(), &text)
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
    for (key, value) in &table {
        let Some(field) = Field::from_name(key) else {
            return Err(Error::Data(format!(
                "profile {name}: unknown key '{}' (valid keys: {})",
                toml_text::shorten(key),
                Field::ALL.map(Field::name).join(", ")
            )));
        };
        if seen.contains(&field) {
            return Err(Error::Data(format!(
                "profile {name}: '{key}' is given twice"
            )));
        }
        seen.push(field);
        let raw = raw_value(field, value).ok_or_else(|| {
            Error::Data(format!(
                "profile {name}: invalid value '{}' for {field}: expected {}",
                describe(value),
                field.expected()
            ))
        })?;
        patient
            .set(field, &raw)
            .map_err(|e| Error::Data(format!("profile {name}: {e}")))?;
    }
    Ok(patient)
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
        toml::Value::Array(items) if field == Field::Prior => items
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

/// A number as TOML: whole numbers as integers (while exact), others as floats.
fn number(n: f64) -> String {
    // Beyond 2^53 an f64 is no longer an exact integer, and an i64 literal may overflow.
    const EXACT: f64 = 9_007_199_254_740_992.0;
    if n.fract() == 0.0 && n.abs() < EXACT {
        format!("{n}")
    } else {
        format!("{n:?}")
    }
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

/// A TOML basic string.
fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
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
    let (tmp, file) = create_temp(path).map_err(|source| Error::Write {
        path: path.to_owned(),
        source,
    })?;
    drop(file);
    let _ = fs::remove_file(tmp);
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
    let (tmp, mut file) = create_temp(path).map_err(write_error)?;
    set_pending(Some(tmp.clone()));
    let result = file
        .write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(write_error)
        .and_then(|()| {
            drop(file);
            place(&tmp, path, force)
        });
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    set_pending(None);
    result
}

/// Moves the finished temp file to `path`. Without `force`, a hard link is the atomic
/// "create only if absent" (it fails on any existing name, symlinks included).
fn place(tmp: &Path, path: &Path, force: bool) -> Result<(), Error> {
    let write_error = |source| Error::Write {
        path: path.to_owned(),
        source,
    };
    if force {
        // rename replaces a symlink at `path` itself, never the file it points to.
        return fs::rename(tmp, path).map_err(write_error);
    }
    match fs::hard_link(tmp, path) {
        Ok(()) => {
            let _ = fs::remove_file(tmp);
            Ok(())
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(exists_error(path)),
        // A file system without hard links: check, then rename (a narrow race, no follow).
        Err(_) => {
            check_absent(path, false)?;
            fs::rename(tmp, path).map_err(write_error)
        }
    }
}

/// Creates a fresh temp file beside `path`, mode 0600, failing rather than reusing a name.
fn create_temp(path: &Path) -> io::Result<(PathBuf, File)> {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let base = path
        .file_name()
        .map_or_else(|| "profile".into(), |n| n.to_string_lossy().into_owned());
    let mut last = None;
    for _ in 0..16 {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let tmp = dir.join(format!(".{base}.{}.{n}.tmp", std::process::id()));
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        match options.open(&tmp) {
            Ok(file) => return Ok((tmp, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("no free temporary name")))
}

fn set_pending(path: Option<PathBuf>) {
    if let Ok(mut pending) = PENDING.lock() {
        *pending = path;
    }
}

/// Removes a half-written temp file (called from the Ctrl-C handler).
pub fn discard_pending() {
    if let Ok(mut pending) = PENDING.try_lock() {
        if let Some(tmp) = pending.take() {
            let _ = fs::remove_file(tmp);
        }
    }
}

/// The patient for `assess` and `ask`: the profile's answers (if any), flags over them.
pub fn with_flags(profile: Option<&Path>, flags: &Patient) -> Result<Patient, Error> {
    let mut patient = match profile {
        Some(path) => load(path)?,
        None => Patient::default(),
    };
    patient.overlay(flags);
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
        let err = parse("p.toml", "kii67 = 1").unwrap_err().to_string();
        assert!(err.contains("unknown key 'kii67'"), "{err}");
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
        for n in [0.0, 12.0, 12.5, 0.000_1, 1e20, 123_456_789.0] {
            let text = format!("mitoses = {}", number(n));
            assert_eq!(parse("t", &text).unwrap().mitoses, Some(n), "{text}");
        }
    }

    #[test]
    fn strings_are_escaped() {
        assert_eq!(quoted("a\"b\\c\n"), "\"a\\\"b\\\\c\\u000A\"");
    }
}
