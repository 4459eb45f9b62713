//! Ids for the resources of one Bundle: `urn:uuid:` URLs derived from the answers, the time
//! and the cohort row (a version 8, i.e. custom, UUID: the same Bundle gets the same ids, two
//! patients' Bundles different ones), with no random source or identity involved.

use super::bundle::Stamp;
use serde::{Serialize, Serializer};
use std::hash::{DefaultHasher, Hash, Hasher};

pub struct Ids {
    seed: u64,
    next: u64,
}

impl Ids {
    pub fn new(answers: &str, stamp: Stamp) -> Self {
        let mut h = DefaultHasher::new();
        (answers, stamp.recorded, stamp.row).hash(&mut h);
        Self {
            seed: h.finish(),
            next: 0,
        }
    }

    fn half(&self, part: u8) -> u64 {
        let mut h = DefaultHasher::new();
        (self.seed, self.next, part).hash(&mut h);
        h.finish()
    }

    /// The next id.
    pub fn next(&mut self) -> Id {
        let high = (self.half(0) & !0xF000) | 0x8000; // version 8
        let low = (self.half(1) & !(0b11 << 62)) | (0b10 << 62); // RFC 9562 variant
        self.next += 1;
        let mut n = (u128::from(high) << 64) | u128::from(low);
        // Hex digits from the last, in groups of 8-4-4-4-12.
        let mut text = [b'-'; 36];
        for (at, digit) in text.iter_mut().enumerate().rev() {
            if !matches!(at, 8 | 13 | 18 | 23) {
                *digit = b"0123456789abcdef"[(n & 0xF) as usize];
                n >>= 4;
            }
        }
        Id(text)
    }
}

/// A resource's id: a UUID in its 36-character form, kept as bytes (no string built).
#[derive(Debug, Clone, Copy)]
pub struct Id([u8; 36]);

impl Id {
    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or_default()
    }

    /// The id as the Bundle's `fullUrl` of its resource: how other resources refer to it.
    pub fn url(self) -> Url {
        Url(self)
    }
}

impl Serialize for Id {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// An id as a `urn:uuid:` URL.
#[derive(Debug, Clone, Copy)]
pub struct Url(Id);

impl Serialize for Url {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        const URN: &[u8; 9] = b"urn:uuid:";
        let mut url = [0; 45];
        url[..9].copy_from_slice(URN);
        url[9..].copy_from_slice(&(self.0).0);
        serializer.serialize_str(std::str::from_utf8(&url).unwrap_or_default())
    }
}
