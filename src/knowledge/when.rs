//! The `when` of a seed correction (data/corrections.toml): the patients it bears on, as
//! alternatives joined by " or ", each a set of conditions joined by " and ".

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

const CATEGORIES: [Category; 5] = [
    Category::NetG1,
    Category::NetG2,
    Category::NetG3,
    Category::Nec,
    Category::HighGrade,
];

impl Atom {
    fn parse(text: &str) -> Result<Self, String> {
        let (kind, arg) = text
            .split_once(':')
            .ok_or_else(|| format!("`{text}`: expected KIND:VALUE"))?;
        let option = || OptionId::parse(arg).ok_or_else(|| format!("`{text}`: no option {arg}"));
        match kind {
            "eligible" => option().map(Atom::Eligible),
            "not-ruled-out" => option().map(Atom::NotRuledOut),
            "category" => CATEGORIES
                .into_iter()
                .find(|c| c.name() == arg)
                .map(Atom::Category)
                .ok_or_else(|| format!("`{text}`: no category {arg}")),
            "primary" => Primary::parse(arg)
                .map(Atom::Primary)
                .ok_or_else(|| format!("`{text}`: expected a site among {}", Primary::choices())),
            _ => Err(format!(
                "`{text}`: expected eligible, not-ruled-out, category or primary"
            )),
        }
    }
}

/// A parsed `when`: alternatives, each a conjunction of atoms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition(Vec<Vec<Atom>>);

impl Condition {
    pub fn parse(text: &str) -> Result<Self, String> {
        text.split(" or ")
            .map(|all| all.split(" and ").map(|a| Atom::parse(a.trim())).collect())
            .collect::<Result<_, _>>()
            .map(Condition)
    }

    /// Whether the condition holds, given whether each atom does.
    pub fn holds(&self, atom: impl Fn(Atom) -> bool) -> bool {
        self.0.iter().any(|all| all.iter().all(|a| atom(*a)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alternatives_of_conjunctions() {
        let c = Condition::parse("category:net-g3 and eligible:ssa or primary:pancreas").unwrap();
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
    fn unknown_words_are_refused() {
        for bad in [
            "eligible:nothing",
            "category:g3",
            "primary:liver",
            "ruled-out:ssa",
            "ssa",
            "",
        ] {
            assert!(Condition::parse(bad).is_err(), "{bad}");
        }
    }
}
