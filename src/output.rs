//! Standard output's buffer: many small writes (a text report, a cohort's records) leave in few
//! system calls, and a finished block (a JSON report or a FHIR Bundle, 60 kB and more) passes
//! straight on rather than being copied into the buffer first.

use std::io::{self, BufWriter, Write};

/// A block at least this large is written through, not copied: far above a cohort's record
/// (about 1.6 kB), far below a one-shot JSON report.
const THROUGH: usize = 16 << 10;

/// A `BufWriter` of 64 KiB that writes large blocks through.
pub struct Output<W: Write> {
    buffer: BufWriter<W>,
}

impl<W: Write> Output<W> {
    pub fn new(inner: W) -> Self {
        Output {
            buffer: BufWriter::with_capacity(64 << 10, inner),
        }
    }
}

impl<W: Write> Write for Output<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.buffer.write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        if buf.len() < THROUGH {
            return self.buffer.write_all(buf);
        }
        // What is buffered goes first, then the block as it is.
        self.buffer.flush()?;
        self.buffer.get_mut().write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.buffer.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Records each write the inner writer receives.
    #[derive(Default)]
    struct Writes(Vec<Vec<u8>>);

    impl Write for Writes {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.push(buf.to_vec());
            Ok(buf.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn small_writes_are_gathered_and_a_large_block_follows_them_whole() {
        let mut out = Output::new(Writes::default());
        out.write_all(b"a").unwrap();
        out.write_all(b"b").unwrap();
        let block = vec![b'x'; THROUGH];
        out.write_all(&block).unwrap();
        out.write_all(b"c").unwrap();
        out.flush().unwrap();
        let writes = &out.buffer.get_ref().0;
        assert_eq!(writes, &[b"ab".to_vec(), block, b"c".to_vec()]);
    }
}
