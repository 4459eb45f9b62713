//! The `when` of a seed correction (data/corrections.toml): the patients it bears on, as
//! alternatives joined by " or ", each a set of conditions joined by " and ". The build parses
//! and checks it (`schema::when_source`); the compiler checks the names it uses.

use crate::grading::Category;
use crate::model::{OptionId, Primary};

/// One condition of a `when`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Atom {
    /// The option is `recommended` or `consider`.
    Eligible(OptionId),
    /// The option is anything but `not-recommended`.
    NotRuledOut(OptionId),
    Category(Category),
    Primary(Primary),
}

/// A `when`, parsed at build time (`schema::when_source`): alternatives, each a conjunction of
/// atoms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Condition(pub &'static [&'static [Atom]]);

impl Condition {
    /// Whether the condition holds, given whether each atom does.
    pub fn holds(&self, atom: impl Fn(Atom) -> bool) -> bool {
        self.0.iter().any(|all| all.iter().all(|a| atom(*a)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grading::Category;
    use crate::knowledge::{embedded, schema};
    use crate::model::{OptionId, Primary};

    #[test]
    fn alternatives_of_conjunctions() {
        let c = Condition(&[
            &[
                Atom::Category(Category::NetG3),
                Atom::Eligible(OptionId::Ssa),
            ],
            &[Atom::Primary(Primary::Pancreas)],
        ]);
        let holds = |true_atoms: &[Atom]| c.holds(|a| true_atoms.contains(&a));
        assert!(holds(&[Atom::Primary(Primary::Pancreas)]));
        assert!(holds(&[
            Atom::Category(Category::NetG3),
            Atom::Eligible(OptionId::Ssa)
        ]));
        assert!(!holds(&[Atom::Category(Category::NetG3)]));
        assert!(!holds(&[]));
    }

    #[test]
    fn the_build_writes_a_when_as_its_atoms() {
        let rust = schema::when_source(
            "category:net-g3 and eligible:ssa or primary:small-intestine",
            embedded::OPTIONS,
        );
        assert_eq!(
            rust.as_deref(),
            Ok("&[&[Atom::Category(Category::NetG3), Atom::Eligible(OptionId::Ssa)], &[Atom::Primary(Primary::SmallIntestine)]]")
        );
        for bad in [
            "eligible:nothing",
            "ruled-out:ssa",
            "ssa",
            "",
            "primary:Liver Left",
        ] {
            assert!(
                schema::when_source(bad, embedded::OPTIONS).is_err(),
                "{bad}"
            );
        }
    }

    /// A category or site in a `when` compiles only if it names a variant: the variant must be
    /// the one with that name.
    #[test]
    fn names_in_data_are_the_variants_they_compile_to() {
        for c in [
            Category::NetG1,
            Category::NetG2,
            Category::NetG3,
            Category::Nec,
            Category::HighGrade,
        ] {
            assert_eq!(schema::rust_name(c.name()), format!("{c:?}"));
        }
        for p in Primary::ALL {
            assert_eq!(schema::rust_name(p.name()), format!("{p:?}"));
        }
        assert_eq!(embedded::CORRECTION_WHEN.len(), embedded::CORRECTIONS.len());
    }
}
