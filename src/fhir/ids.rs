//! Ids for the resources of one Bundle: `urn:uuid:` URLs derived from the answers, the time
//! and the cohort row (a version 8, i.e. custom, UUID: the same Bundle gets the same ids, two
//! patients' Bundles different ones), with no random source or identity involved.

use super::bundle::Stamp;
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

    /// The next id, as a `urn:uuid:` URL.
    pub fn next(&mut self) -> String {
        let high = (self.half(0) & !0xF000) | 0x8000; // version 8
        let low = (self.half(1) & !(0b11 << 62)) | (0b10 << 62); // RFC 9562 variant
        self.next += 1;
        let n = (u128::from(high) << 64) | u128::from(low);
        let hex = format!("{n:032x}");
        format!(
            "urn:uuid:{}-{}-{}-{}-{}",
            &hex[..8],
            &hex[8..12],
            &hex[12..16],
            &hex[16..20],
            &hex[20..]
        )
    }
}
