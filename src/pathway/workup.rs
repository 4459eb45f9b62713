//! The "confirm and stage" work-up (rules.md §5): what is missing for this patient, not a fixed
//! checklist. The confirmations of safety-critical answers come first.

use super::{not_ruled_out, StatusOf};
use crate::eligibility::plan::carcinoid_heart_disease_relevant;
use crate::eligibility::Status;
use crate::grading::{Category, Grade};
use crate::knowledge::{Knowledge, Note};
use crate::model::{
    Differentiation, Field, OptionId, Patient, Primary, Progression, Sstr, Syndrome, Tag, YesNo,
};

/// The items that record a safety-critical answer, and that answer: a shorter report leaves
/// such an item out when its summary, just above, already asks to confirm the answer.
const CONFIRMATIONS: [(&str, Field); 6] = [
    ("ecog", Field::Ecog),
    ("liver_function", Field::LiverFunction),
    ("current_treatment", Field::Current),
    ("echocardiogram", Field::CarcinoidHeartDisease),
    (
        "echocardiogram_syndrome_not_given",
        Field::CarcinoidHeartDisease,
    ),
    ("biliary_history", Field::BiliaryAnastomosis),
];

/// The answer a work-up item records, when it is one of the safety-critical confirmations.
pub fn confirms(item: &Note) -> Option<Field> {
    CONFIRMATIONS
        .iter()
        .find(|(id, _)| *id == item.id)
        .map(|&(_, field)| field)
}

pub(super) fn items(p: &Patient, g: &Grade, k: &Knowledge, status: &StatusOf) -> Vec<Note> {
    let open = |id: OptionId| not_ruled_out(status, id);
    let t = &k.thresholds;
    let category = g.category;
    let low_grade = category.is_low_grade();
    let progressive = p.progression == Some(Progression::Progressive);
    let treatments = || p.prior.iter().chain(&p.current).flatten();
    let treated = treatments().next().is_some();
    let sstr_negative_low = low_grade && p.sstr == Some(Sstr::Negative);
    let mut items = Vec::new();

    // Safety-critical confirmations first.
    let fitness_matters = OptionId::tagged(Tag::FitnessChecked).any(open);
    if fitness_matters && p.ecog.is_none() {
        items.push("ecog");
    }
    if fitness_matters && p.liver_function.is_none() {
        items.push("liver_function");
    }
    let course_or_drug = p
        .prior
        .iter()
        .flatten()
        .any(|id| id.is(Tag::FixedCourse) || id.is(Tag::ContinuousDrug));
    if course_or_drug && !progressive && p.current.is_none() {
        items.push("current_treatment");
    }
    if p.carcinoid_heart_disease.is_none() && carcinoid_heart_disease_relevant(p, k) {
        // With the syndrome not given, the item says when it applies.
        items.push(if p.syndrome.is_some() {
            "echocardiogram"
        } else {
            "echocardiogram_syndrome_not_given"
        });
    }
    let biliary_matters = OptionId::tagged(Tag::LiverProcedure).any(open);
    if p.biliary_anastomosis.is_none() && biliary_matters {
        items.push("biliary_history");
    }

    // Pathology.
    let nec_typical = t.grade.ki67_nec_typical.value;
    let pathology = p.differentiation.is_none()
        || (p.ki67.is_none() && p.mitoses.is_none())
        || category.is_grade_3()
        || (category == Category::Nec && p.ki67.is_some_and(|v| v < nec_typical))
        || (category == Category::NetG3 && p.ki67.is_some_and(|v| v > nec_typical));
    if pathology {
        items.push("pathology_review");
    }
    // Typical vs atypical is a carcinoid question, not a carcinoma's (L5).
    let carcinoid_indices_missing = p.mitoses.is_none() || p.necrosis.is_none();
    if k.thoracic(p.primary) && category != Category::Nec && carcinoid_indices_missing {
        items.push("thoracic_pathology");
    }
    if p.primary == Some(Primary::Lung) && p.differentiation == Some(Differentiation::Poor) {
        items.push("lung_cell_type");
    }

    // Imaging.
    if p.sstr.is_none() {
        items.push("sstr_pet");
    }
    if matches!(
        status(OptionId::Transplant),
        Some(Status::Consider | Status::Undetermined)
    ) {
        items.push("transplant_staging");
    }
    let high_g2 = category == Category::NetG2
        && p.ki67
            .is_some_and(|v| v >= t.imaging.fdg_pet_ki67_from.value);
    let progressed_after_treatment = progressive && treated;
    if category.is_grade_3() || high_g2 || sstr_negative_low || progressed_after_treatment {
        items.push("fdg_pet");
    }
    if progressed_after_treatment || sstr_negative_low {
        items.push("rebiopsy");
    }
    if p.lesions.is_none() || p.largest_cm.is_none() || p.liver_burden.is_none() {
        items.push("liver_mri");
    }

    // Markers, hormones, heredity.
    let small_intestine = p.primary == Some(Primary::SmallIntestine);
    // No carcinoid markers for a carcinoma without the syndrome (L5).
    if p.syndrome == Some(Syndrome::Carcinoid) || (small_intestine && category != Category::Nec) {
        items.push("carcinoid_markers");
    }
    items.extend(match p.syndrome {
        Some(Syndrome::Insulinoma) => Some("hormones_insulinoma"),
        Some(Syndrome::Gastrinoma) => Some("hormones_gastrinoma"),
        Some(Syndrome::Vipoma) => Some("hormones_vipoma"),
        Some(Syndrome::Glucagonoma) => Some("hormones_glucagonoma"),
        Some(Syndrome::Other) => Some("hormones_other"),
        Some(Syndrome::Carcinoid | Syndrome::None) | None => None,
    });
    let hereditary_site = p
        .primary
        .is_some_and(|s| t.sites.hereditary_screen.contains(s));
    let hereditary_syndrome = matches!(
        p.syndrome,
        Some(Syndrome::Gastrinoma | Syndrome::Insulinoma)
    );
    if hereditary_site || hereditary_syndrome {
        items.push("hereditary_screen");
    }
    if p.primary == Some(Primary::Unknown) {
        items.push("unknown_primary");
    }

    // Before a treatment, while it is not ruled out, and for the disease's spread.
    if OptionId::tagged(Tag::Fluoropyrimidine).any(open) {
        items.push("dpd_test");
    }
    let brain_site = p.primary.is_some_and(|s| t.sites.brain_mri.contains(s));
    if category == Category::Nec && brain_site {
        items.push("brain_mri");
    }
    let after_first_line = treatments().any(|id| id.is(Tag::SystemicLine));
    if category == Category::Nec || (category == Category::NetG3 && progressive && after_first_line)
    {
        items.push("molecular_profiling");
    }
    if p.extrahepatic == Some(YesNo::Yes) {
        items.push("bone");
    }
    if small_intestine && p.primary_resected == Some(YesNo::No) {
        items.push("primary_surgical_review");
    }
    if OptionId::tagged(Tag::Radioembolisation).any(open) {
        items.push("shunt_study");
    }
    if OptionId::tagged(Tag::Radioligand).any(open) {
        items.push("prrt_labs");
    }
    items.into_iter().map(|id| k.workup_item(id)).collect()
}

#[cfg(test)]
mod tests {
    use super::super::testing::{patient, statuses as given};
    use super::*;
    use crate::model::Field;

    /// The work-up ids for a patient, with the options' statuses given directly: the items keyed
    /// on an option tested with every status, whatever the rules decide today.
    fn ids(answers: &[(Field, &str)], statuses: &[(OptionId, Status)]) -> Vec<String> {
        let k = Knowledge::builtin().unwrap();
        let p = patient(answers);
        let g = crate::grading::grade(&p, &k).unwrap();
        let status = given(statuses);
        let texts: Vec<std::borrow::Cow<str>> = items(&p, &g, &k, &status)
            .into_iter()
            .map(|n| n.text)
            .collect();
        k.workup_ids()
            .into_iter()
            .filter(|id| texts.contains(&k.workup_item(id).text))
            .collect()
    }

    const NET: &[(Field, &str)] = &[(Field::Differentiation, "well"), (Field::Ki67, "5")];

    /// (option, item): the item shows while the option is not ruled out, whatever else.
    #[test]
    fn every_confirmation_is_a_work_up_item_of_the_data() {
        let k = Knowledge::builtin().unwrap();
        let ids = k.workup_ids();
        for (id, field) in CONFIRMATIONS {
            assert!(
                ids.iter().any(|known| known == id),
                "{id} is not in data/workup.toml"
            );
            assert!(k.workup_item(id).id == id && confirms(&k.workup_item(id)) == Some(field));
        }
    }

    #[test]
    fn items_keyed_on_an_option_show_while_it_is_not_ruled_out() {
        use Status::{Consider, NotRecommended, Recommended, Undetermined};
        let keyed: &[(OptionId, &str)] = &[
            (OptionId::CapecitabineTemozolomide, "dpd_test"),
            (OptionId::Streptozocin, "dpd_test"),
            (OptionId::NecSecondLine, "dpd_test"),
            (OptionId::Tace, "biliary_history"),
            (OptionId::Tare, "biliary_history"),
            (OptionId::Ablation, "biliary_history"),
            (OptionId::Tare, "shunt_study"),
            (OptionId::Prrt, "prrt_labs"),
            (OptionId::Tace, "ecog"),
            (OptionId::Tare, "ecog"),
            (OptionId::Transplant, "ecog"),
            (OptionId::Resection, "ecog"),
            (OptionId::Prrt, "ecog"),
            (OptionId::Resection, "liver_function"),
            (OptionId::Prrt, "liver_function"),
        ];
        for (option, item) in keyed {
            for (status, shown) in [
                (Recommended, true),
                (Consider, true),
                (Undetermined, true),
                (NotRecommended, false),
            ] {
                let list = ids(NET, &[(*option, status)]);
                assert_eq!(
                    list.contains(&(*item).to_owned()),
                    shown,
                    "{item} with {option} {status:?}: {list:?}"
                );
            }
        }
        // A confirmation already given is not asked for again.
        let answered = [
            NET,
            &[
                (Field::BiliaryAnastomosis, "no"),
                (Field::Ecog, "1"),
                (Field::LiverFunction, "normal"),
            ],
        ]
        .concat();
        let list = ids(&answered, &[(OptionId::Tace, Consider)]);
        for item in ["biliary_history", "ecog", "liver_function"] {
            assert!(!list.contains(&item.to_owned()), "{item}");
        }
    }

    /// L5: transplant staging only while transplant is `consider` or `undetermined`.
    #[test]
    fn transplant_staging_only_while_transplant_is_open() {
        for (status, shown) in [
            (Status::Consider, true),
            (Status::Undetermined, true),
            (Status::NotRecommended, false),
        ] {
            let list = ids(NET, &[(OptionId::Transplant, status)]);
            assert_eq!(
                list.contains(&"transplant_staging".to_owned()),
                shown,
                "{status:?}"
            );
        }
        assert!(!ids(NET, &[]).contains(&"transplant_staging".to_owned()));
    }
}
