//! Input files opened and read within bounds: only regular files (a FIFO or a directory is
//! refused before it can block or mislead), and never more than a cap in memory.

use crate::error::Error;
use std::fs::{self, File};
use std::io::{self, Read};
use std::path::Path;

/// Longest line of a profile or knowledge file, and longest cohort record (bytes).
pub const LINE_MAX: usize = 1 << 20;
/// Longest single value (cell, JSON string) of a cohort record (bytes).
pub const FIELD_MAX: usize = 64 << 10;
/// Largest profile or knowledge file (bytes); a real one is a few kilobytes.
pub const FILE_MAX: usize = 16 << 20;

/// The caps as people read them, for messages.
pub const LINE_MAX_SHOWN: &str = "1 MiB";
pub const FIELD_MAX_SHOWN: &str = "64 KiB";
pub const FILE_MAX_SHOWN: &str = "16 MiB";

/// The UTF-8 byte-order mark some editors and spreadsheets write.
pub const BOM: &[u8] = b"\xef\xbb\xbf";

/// A file name as it may be shown in a message or report: whole, but with any character that
/// would act on the terminal escaped (a name is input too).
pub fn shown(path: &Path) -> String {
    crate::model::field::escape(&path.to_string_lossy()).into_owned()
}

/// Opens `path` for reading if it is a regular file (exit 66 otherwise).
pub fn open(path: &Path) -> Result<File, Error> {
    let open_error = |source| Error::Open {
        path: path.to_owned(),
        source,
    };
    // Opened without blocking, then the opened file itself is checked: opening a FIFO for
    // reading would otherwise wait for a writer, possibly forever, and a name checked before
    // opening may be swapped for a FIFO in between. (On a regular file the flag changes
    // nothing: its reads never wait.)
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(nix::libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(open_error)?;
    check_kind(path, &file.metadata().map_err(open_error)?)?;
    Ok(file)
}

fn check_kind(path: &Path, meta: &fs::Metadata) -> Result<(), Error> {
    if meta.is_file() {
        return Ok(());
    }
    let what = if meta.is_dir() {
        "it is a directory, not a file"
    } else {
        "it is not a regular file (a FIFO, socket or device); give a file"
    };
    Err(Error::Open {
        path: path.to_owned(),
        source: io::Error::new(io::ErrorKind::InvalidInput, what),
    })
}

/// Reads a whole small text file (profile, knowledge overrides): at most [`FILE_MAX`] bytes,
/// UTF-8, no NUL byte, no line over [`LINE_MAX`], a leading BOM dropped. `what` starts every
/// message (e.g. "profile p.toml").
pub fn read_text(path: &Path, what: &str) -> Result<String, Error> {
    let file = open(path)?;
    let mut bytes = Vec::new();
    // `take`: a huge or endless file costs at most the cap.
    #[allow(clippy::cast_possible_truncation)]
    file.take(FILE_MAX as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| Error::Open {
            path: path.to_owned(),
            source,
        })?;
    if bytes.len() > FILE_MAX {
        return Err(Error::Data(format!(
            "{what}: larger than {FILE_MAX_SHOWN}, which no such file is; refused"
        )));
    }
    text(bytes, what)
}

/// Checks bytes read whole as text (see [`read_text`]).
pub fn text(mut bytes: Vec<u8>, what: &str) -> Result<String, Error> {
    if bytes.starts_with(BOM) {
        bytes.drain(..BOM.len());
    }
    if let Some(at) = memchr::memchr(0, &bytes) {
        return Err(Error::Data(format!(
            "{what}: line {} contains a NUL byte (not a text file?)",
            line_in(&bytes, at)
        )));
    }
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', &bytes).chain([bytes.len()]) {
        if end - start > LINE_MAX {
            return Err(Error::Data(format!(
                "{what}: line {} is longer than {LINE_MAX_SHOWN}; refused",
                line_in(&bytes, start)
            )));
        }
        start = end + 1;
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let n = line_in(e.as_bytes(), at);
        Error::Data(format!("{what}: line {n} is not UTF-8 text"))
    })
}

fn line_in(bytes: &[u8], at: usize) -> usize {
    memchr::memchr_iter(b'\n', &bytes[..at]).count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(bytes: &[u8]) -> String {
        text(bytes.to_vec(), "f").unwrap_err().to_string()
    }

    #[test]
    fn text_drops_a_bom_and_refuses_nul_bad_utf8_and_long_lines() {
        assert_eq!(
            text(b"\xef\xbb\xbfa = 1\n".to_vec(), "f").unwrap(),
            "a = 1\n"
        );
        assert!(message(b"a\nb\0").contains("line 2 contains a NUL"));
        assert!(message(b"a\n\nb = \xff").contains("line 3 is not UTF-8"));
        let long = vec![b'x'; LINE_MAX + 1];
        assert!(message(&long).contains("line 1 is longer than 1 MiB"));
    }
}
