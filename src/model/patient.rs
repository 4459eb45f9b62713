//! The patient: every answer optional (unknown is a value), each validated when it is set.

use super::field::{Field, FieldError, RawValue};
pub use super::fields::Patient;
use super::values::{Differentiation, OptionId};

/// A set of fields, as bits (there are fewer than 32 fields).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct FieldSet(u32);

impl FieldSet {
    /// The fields the patient answered.
    pub fn answered(p: &Patient) -> Self {
        p.answered()
    }

    pub fn contains(self, field: Field) -> bool {
        self.0 & Self::bit(field) != 0
    }

    pub fn insert(&mut self, field: Field) {
        self.0 |= Self::bit(field);
    }

    pub fn remove(&mut self, field: Field) {
        self.0 &= !Self::bit(field);
    }

    /// Adds every field of `other`.
    pub fn union(&mut self, other: FieldSet) {
        self.0 |= other.0;
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The fields of `self` not in `other`.
    #[must_use]
    pub fn without(self, other: FieldSet) -> FieldSet {
        FieldSet(self.0 & !other.0)
    }

    /// The fields, in the order of `Field::ALL`.
    pub fn fields(self) -> impl Iterator<Item = Field> {
        Field::ALL.into_iter().filter(move |f| self.contains(*f))
    }

    fn bit(field: Field) -> u32 {
        // `Field::ALL` lists the fields in declaration order.
        1 << (field as u32)
    }
}

impl Patient {
    /// Every answer given in `other` replaces this one's (flags over a profile). Values read
    /// back from a valid patient are valid; only a contradiction between the two (`--prior none`
    /// over a profile's current treatment, or the reverse) is refused.
    pub fn overlay(&mut self, other: &Patient) -> Result<(), FieldError> {
        // The treatments are replaced together, so that a flag's pair never meets the
        // profile's half-way.
        if other.prior.is_some() {
            self.prior = None;
        }
        if other.current.is_some() {
            self.current = None;
        }
        self.copy_answers(other);
        // What `other` gives is to blame: its `--prior none`, else its current treatments.
        let given = if other.prior.is_some() {
            Field::Prior
        } else {
            Field::Current
        };
        match self.get(given) {
            Some(value) => self.consistent(given, &value),
            None => Ok(()),
        }
    }

    /// Refuses `--prior none` beside a current treatment (rules.md §3.3); `field` was given
    /// last, as `value`.
    #[inline]
    pub(crate) fn consistent(&self, field: Field, value: &RawValue) -> Result<(), FieldError> {
        if !matches!(field, Field::Prior | Field::Current) {
            return Ok(());
        }
        let untreated = self.prior.as_ref().is_some_and(Vec::is_empty);
        let treated_now = self.current.as_ref().is_some_and(|c| !c.is_empty());
        if untreated && treated_now {
            Err(untreated_but_current(field, value))
        } else {
            Ok(())
        }
    }

    /// Whether there is anything to grade (`assess` and `grade` need it).
    pub fn has_grading_input(&self) -> bool {
        self.ki67.is_some()
            || self.mitoses.is_some()
            || self.differentiation.is_some_and(Differentiation::is_poor)
    }

    /// Whether `id` was given: listed in `--prior` or in `--current` (a current treatment
    /// counts as given, rules.md §3.3). `None` when it is not in `--current` and the prior
    /// treatments are unknown.
    pub fn had(&self, id: OptionId) -> Option<bool> {
        if self.is_current(id) == Some(true) {
            return Some(true);
        }
        self.prior.as_ref().map(|p| p.contains(&id))
    }

    /// Whether `id` is being given now: `None` when `--current` was not given.
    pub fn is_current(&self, id: OptionId) -> Option<bool> {
        self.current.as_ref().map(|c| c.contains(&id))
    }
}

/// `--prior none` says untreated while `--current` lists a treatment (rules.md §3.3).
fn untreated_but_current(field: Field, raw: &RawValue) -> FieldError {
    let expected = if field == Field::Current {
        "none, since --prior none says untreated"
    } else {
        "the treatments given, which include those in --current"
    };
    FieldError {
        expected: expected.to_owned(),
        ..FieldError::with_hint(
            field,
            raw,
            "`--current` lists a treatment, but `--prior none` says untreated",
        )
    }
}
