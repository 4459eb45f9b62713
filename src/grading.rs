//! WHO grade from Ki-67, mitoses, differentiation and site (shared/clinical/rules.md §1).
//! Digestive, other and unknown primaries follow WHO 2019; lung and thymus the thoracic scheme,
//! where Ki-67 does not classify.

use crate::knowledge::number;
use crate::knowledge::{Knowledge, Note};
use crate::model::{Differentiation, Field, Patient, YesNo};
use schemars::JsonSchema;
use serde::Serialize;

/// A grade from one measure on the digestive scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    G1,
    G2,
    G3,
}

impl Tier {
    fn label(self) -> &'static str {
        match self {
            Tier::G1 => "G1",
            Tier::G2 => "G2",
            Tier::G3 => "G3",
        }
    }

    /// The grade of a well-differentiated tumour: `NET G2`.
    fn net_label(self) -> &'static str {
        match self {
            Tier::G1 => "NET G1",
            Tier::G2 => "NET G2",
            Tier::G3 => "NET G3",
        }
    }
}

/// The category every rule keys on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    NetG1,
    NetG2,
    NetG3,
    Nec,
    /// G3 by the indices, differentiation unknown: NET G3 or NEC.
    HighGrade,
}

impl Category {
    pub fn name(self) -> &'static str {
        match self {
            Category::NetG1 => "net-g1",
            Category::NetG2 => "net-g2",
            Category::NetG3 => "net-g3",
            Category::Nec => "nec",
            Category::HighGrade => "high-grade",
        }
    }

    /// NET G1 or G2.
    pub fn is_low_grade(self) -> bool {
        matches!(self, Category::NetG1 | Category::NetG2)
    }

    /// NET G3, NEC or high-grade: grade 3 whatever the differentiation.
    pub fn is_grade_3(self) -> bool {
        !self.is_low_grade()
    }
}

/// The thoracic (lung, thymus) entity, where one was named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Thoracic {
    Typical,
    Atypical,
    /// Carcinoid; typical vs atypical (or the subtype) not settled.
    Carcinoid,
    Carcinoma,
    /// Carcinoid with elevated mitoses vs LCNEC, or carcinoid vs NEC.
    Undetermined,
}

/// Which measure decided the grade.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DecidedBy {
    Ki67,
    Mitoses,
    Both,
    Differentiation,
    Necrosis,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Grade {
    pub category: Category,
    pub label: String,
    pub by_ki67: Option<Tier>,
    pub by_mitoses: Option<Tier>,
    pub decided_by: DecidedBy,
    pub basis: String,
    pub classification: String,
    /// The carcinoma's cell type when given (`small-cell`, `large-cell`), else null.
    pub cell_type: Option<Differentiation>,
    /// Warnings about the grading inputs, shown with the grade (rules.md §1, L1).
    #[serde(serialize_with = "cited_notes")]
    #[schemars(with = "Vec<String>")]
    pub warnings: Vec<Note>,
    #[serde(skip)]
    pub thoracic: Option<Thoracic>,
}

fn cited_notes<S: serde::Serializer>(notes: &[Note], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(notes.iter().map(Note::cited))
}

/// The cell type a differentiation answer records, if any.
fn cell_type(p: &Patient) -> Option<Differentiation> {
    p.differentiation
        .filter(|d| matches!(d, Differentiation::SmallCell | Differentiation::LargeCell))
}

/// Nothing to grade: no Ki-67, no mitoses, and not poorly differentiated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{} (see `netriage assess --help`)", NothingToGrade::message("--"))]
pub struct NothingToGrade;

impl NothingToGrade {
    /// The one message, naming the answers as flags (`dashes` = `--`) or as a cohort's columns
    /// (no dashes).
    pub fn message(dashes: &str) -> String {
        format!(
            "nothing to grade: give {dashes}{}, {dashes}{}, or {dashes}{} poor, small-cell or \
             large-cell",
            Field::Ki67,
            Field::Mitoses,
            Field::Differentiation
        )
    }
}

/// The warnings a grading raises, collected only when the grade is explained.
struct Warnings {
    explain: bool,
    notes: Vec<Note>,
}

impl Warnings {
    fn push(&mut self, k: &Knowledge, id: &str) {
        if self.explain {
            self.notes.push(k.note(id));
        }
    }

    /// A text of the grade (label, basis, classification): built only when the grade is
    /// explained, like the warnings; a cohort's table reads the category alone.
    fn text(&self, text: &str) -> String {
        if self.explain {
            text.to_owned()
        } else {
            String::new()
        }
    }
}

/// The Ki-67-as-fraction warning names the value and the grade it would give as a percentage
/// (rules.md §1, L1); the statuses still use the value as given.
fn fraction_warning(k: &Knowledge, ki67: f64) -> Note {
    let t = &k.thresholds.grade;
    let meant = ki67 * 100.0;
    let tier = tier(meant, t.ki67_g2_from.value, t.ki67_g3_above.value);
    let mut note = k.note("grade.ki67_fraction");
    note.text = note
        .text
        .replace("{ki67}", &number(ki67))
        .replace("{ki67_percent}", &number(percent_shown(meant)))
        .replace("{grade}", tier.net_label())
        .into();
    note
}

/// `value × 100` without the binary noise of the multiplication (0.18 × 100 = 18.000000000000004).
fn percent_shown(value: f64) -> f64 {
    let rounded = (value * 1e9).round() / 1e9;
    if rounded.is_finite() {
        rounded
    } else {
        value
    }
}

fn tier(value: f64, g2_from: f64, g3_above: f64) -> Tier {
    // Compared as given, no rounding: 2.9 → G1, 3 → G2, 20 → G2, 20.1 → G3.
    if value < g2_from {
        Tier::G1
    } else if value <= g3_above {
        Tier::G2
    } else {
        Tier::G3
    }
}

/// Grades a patient's tumour.
pub fn grade(p: &Patient, k: &Knowledge) -> Result<Grade, NothingToGrade> {
    grade_as(p, k, true)
}

/// The grade's category and measures only: its texts (label, basis, classification) left empty
/// and no warnings (a cohort's table).
pub fn category(p: &Patient, k: &Knowledge) -> Result<Grade, NothingToGrade> {
    grade_as(p, k, false)
}

fn grade_as(p: &Patient, k: &Knowledge, explain: bool) -> Result<Grade, NothingToGrade> {
    let mut warnings = Warnings {
        explain,
        notes: Vec::new(),
    };
    let t = &k.thresholds.grade;
    if let Some(ki67) = p.ki67 {
        if explain && ki67 > 0.0 && ki67 < t.ki67_fraction_below.value {
            warnings.notes.push(fraction_warning(k, ki67));
        }
    }
    let mut grade = if k.thoracic(p.primary) {
        thoracic(p, k, &mut warnings)?
    } else {
        if p.necrosis.is_some() {
            warnings.push(k, "grade.necrosis_ignored");
        }
        digestive(p, k, &mut warnings)?
    };
    if grade.category.is_grade_3() {
        warnings.push(k, "grade.minen");
    }
    grade.warnings = warnings.notes;
    Ok(grade)
}

fn digestive(p: &Patient, k: &Knowledge, warnings: &mut Warnings) -> Result<Grade, NothingToGrade> {
    let t = &k.thresholds.grade;
    let by_ki67 = p
        .ki67
        .map(|v| tier(v, t.ki67_g2_from.value, t.ki67_g3_above.value));
    let by_mitoses = p
        .mitoses
        .map(|v| tier(v, t.mitoses_g2_from.value, t.mitoses_g3_above.value));
    let higher = by_ki67.max(by_mitoses);
    let decided_by = match (by_ki67, by_mitoses) {
        // NEC is defined by morphology and not graded: the indices do not decide it.
        _ if p.differentiation.is_some_and(Differentiation::is_poor) => DecidedBy::Differentiation,
        (Some(a), Some(b)) if a > b => DecidedBy::Ki67,
        (Some(a), Some(b)) if a < b => DecidedBy::Mitoses,
        (Some(_), Some(_)) => DecidedBy::Both,
        (Some(_), None) => DecidedBy::Ki67,
        (None, Some(_)) => DecidedBy::Mitoses,
        (None, None) => DecidedBy::Differentiation,
    };
    let mut basis = if warnings.explain {
        measures(p, by_ki67, by_mitoses)
    } else {
        String::new()
    };
    let (category, label) = match (p.differentiation, higher) {
        (Some(d), _) if d.is_poor() => {
            if higher.is_some_and(|h| h < Tier::G3) {
                warnings.push(k, "grade.nec_low_indices");
            }
            if warnings.explain {
                basis.push_str("; poorly differentiated: neuroendocrine carcinoma (not graded)");
            }
            let label = match d {
                Differentiation::SmallCell => "NEC, small-cell type",
                Differentiation::LargeCell => "NEC, large-cell type",
                _ => "NEC (small- vs large-cell not given)",
            };
            (Category::Nec, label)
        }
        (_, None) => return Err(NothingToGrade),
        (Some(_), Some(h)) => (net_category(h), h.net_label()),
        (None, Some(Tier::G3)) => {
            warnings.push(k, "grade.high_grade_unknown");
            if warnings.explain {
                basis.push_str("; differentiation not given: NET G3 or NEC");
            }
            (
                Category::HighGrade,
                "High-grade (G3): NET G3 or NEC, differentiation needed",
            )
        }
        (None, Some(h)) => {
            if warnings.explain {
                basis.push_str("; differentiation not given: graded as a NET");
            }
            warnings.push(k, "grade.differentiation_unknown_low");
            (net_category(h), h.net_label())
        }
    };
    Ok(Grade {
        category,
        label: warnings.text(label),
        by_ki67,
        by_mitoses,
        decided_by,
        basis,
        classification: warnings.text(k.classification),
        cell_type: cell_type(p),
        warnings: Vec::new(),
        thoracic: None,
    })
}

fn net_category(tier: Tier) -> Category {
    match tier {
        Tier::G1 => Category::NetG1,
        Tier::G2 => Category::NetG2,
        Tier::G3 => Category::NetG3,
    }
}

/// "Ki-67 12 % → G2; mitoses 1 per 2 mm² → G1; the higher grade (Ki-67) decides".
fn measures(p: &Patient, by_ki67: Option<Tier>, by_mitoses: Option<Tier>) -> String {
    let mut parts = Vec::new();
    if let (Some(v), Some(tier)) = (p.ki67, by_ki67) {
        parts.push(format!("Ki-67 {} % → {}", number(v), tier.label()));
    }
    if let (Some(v), Some(tier)) = (p.mitoses, by_mitoses) {
        parts.push(format!(
            "mitoses {} per 2 mm² → {}",
            number(v),
            tier.label()
        ));
    }
    let mut text = if parts.is_empty() {
        "no Ki-67 or mitotic count".to_owned()
    } else {
        parts.join("; ")
    };
    match (by_ki67, by_mitoses) {
        (Some(a), Some(b)) if a > b => text.push_str("; the higher grade decides: Ki-67"),
        (Some(a), Some(b)) if a < b => text.push_str("; the higher grade decides: mitoses"),
        (Some(_), Some(_)) => text.push_str("; both measures agree"),
        (Some(_), None) => text.push_str(" (mitoses not given)"),
        (None, Some(_)) => text.push_str(" (Ki-67 not given)"),
        (None, None) => {}
    }
    text
}

fn thoracic(p: &Patient, k: &Knowledge, warnings: &mut Warnings) -> Result<Grade, NothingToGrade> {
    let lung = &k.thresholds.lung;
    let g3_above = k.thresholds.grade.ki67_g3_above.value;
    let by_mitoses = p.mitoses.map(|m| {
        if m < lung.mitoses_atypical_from.value {
            Tier::G1
        } else if m <= lung.mitoses_carcinoma_above.value {
            Tier::G2
        } else {
            Tier::G3
        }
    });
    let explain = warnings.explain;
    // The basis, written only when the grade is explained (a cohort's table reads the category).
    let basis_text = |build: &dyn Fn() -> String| if explain { build() } else { String::new() };
    let mitoses_text = || {
        p.mitoses
            .map(|m| format!("mitoses {} per 2 mm²", number(m)))
            .unwrap_or_default()
    };
    let necrosis_text = match p.necrosis {
        Some(YesNo::Yes) => "necrosis present",
        Some(YesNo::No) => "no necrosis",
        None => "necrosis not given",
    };
    let carcinoma = "NEC, cell type not given";
    let (category, thoracic, label, decided_by, basis) = match (
        p.differentiation,
        p.mitoses,
        by_mitoses,
    ) {
        (Some(d), _, _) if d.is_poor() => (
            Category::Nec,
            Thoracic::Carcinoma,
            match d {
                Differentiation::SmallCell => "Small-cell carcinoma (lung: SCLC)",
                Differentiation::LargeCell => "Large-cell neuroendocrine carcinoma (LCNEC)",
                _ => "LCNEC or small-cell carcinoma — cell type not given",
            },
            DecidedBy::Differentiation,
            warnings.text("poorly differentiated"),
        ),
        (diff, Some(_), Some(Tier::G3)) => {
            if diff == Some(Differentiation::Well) {
                (
                    Category::HighGrade,
                    Thoracic::Undetermined,
                    "Carcinoid with elevated mitotic count vs LCNEC: pathology review",
                    DecidedBy::Mitoses,
                    basis_text(&|| {
                        format!(
                            "{}, above {} with carcinoid morphology",
                            mitoses_text(),
                            number(lung.mitoses_carcinoma_above.value)
                        )
                    }),
                )
            } else {
                (
                    Category::Nec,
                    Thoracic::Carcinoma,
                    carcinoma,
                    DecidedBy::Mitoses,
                    basis_text(&|| {
                        format!(
                            "{}, above {}",
                            mitoses_text(),
                            number(lung.mitoses_carcinoma_above.value)
                        )
                    }),
                )
            }
        }
        (_, Some(_), Some(Tier::G2)) => (
            Category::NetG2,
            Thoracic::Atypical,
            "Atypical carcinoid",
            DecidedBy::Mitoses,
            basis_text(&|| format!("{}, {necrosis_text}", mitoses_text())),
        ),
        (_, Some(_), _) => match p.necrosis {
            Some(YesNo::Yes) => (
                Category::NetG2,
                Thoracic::Atypical,
                "Atypical carcinoid",
                DecidedBy::Necrosis,
                basis_text(&|| format!("{}, {necrosis_text}", mitoses_text())),
            ),
            Some(YesNo::No) => (
                Category::NetG1,
                Thoracic::Typical,
                "Typical carcinoid",
                DecidedBy::Both,
                basis_text(&|| format!("{}, {necrosis_text}", mitoses_text())),
            ),
            None => {
                warnings.push(k, "grade.lung_necrosis_needed");
                (
                    Category::NetG2,
                    Thoracic::Carcinoid,
                    "Carcinoid, typical vs atypical undetermined",
                    DecidedBy::Mitoses,
                    basis_text(&|| format!("{}, {necrosis_text}", mitoses_text())),
                )
            }
        },
        (_, None, _) => {
            match p.ki67 {
                Some(ki67) if ki67 > g3_above => (
                    Category::HighGrade,
                    Thoracic::Undetermined,
                    "Carcinoid vs NEC cannot be settled",
                    DecidedBy::Ki67,
                    basis_text(&|| {
                        format!("mitoses not given; Ki-67 {} % is above {} % (Ki-67 does not classify lung carcinoids)", number(ki67), number(g3_above))
                    }),
                ),
                Some(ki67) => (
                    Category::NetG2,
                    Thoracic::Carcinoid,
                    "Carcinoid, subtype undetermined (mitoses and necrosis needed)",
                    DecidedBy::Ki67,
                    basis_text(&|| {
                        format!("mitoses not given; Ki-67 {} % (Ki-67 does not classify lung carcinoids)", number(ki67))
                    }),
                ),
                None => return Err(NothingToGrade),
            }
        }
    };
    // Ki-67 does not classify thoracic carcinoids: said only where one was graded (rules.md §1).
    if p.ki67.is_some() && category != Category::Nec && p.mitoses.is_some() {
        warnings.push(k, "grade.lung_ki67");
    }
    Ok(Grade {
        category,
        label: warnings.text(label),
        by_ki67: None,
        by_mitoses,
        decided_by,
        basis,
        classification: warnings.text(k.thoracic_classification),
        cell_type: cell_type(p),
        warnings: Vec::new(),
        thoracic: Some(thoracic),
    })
}
