//! Properties over arbitrary patients, through the library API: raw answers (valid or not) go
//! through `Patient::set`, the only way answers enter a patient.

use netriage::eligibility::{Criterion, Kind, Outcome, Status, CORE_OPTIONS};
use netriage::grading::{self, Category};
use netriage::knowledge::Knowledge;
use netriage::model::{
    Differentiation, Field, HeartDisease, LiverFunction, OptionId, Patient, Pattern, Primary,
    Progression, RawValue, Sstr, Syndrome, YesNo,
};
use netriage::pathway;
use proptest::prelude::*;
use std::sync::OnceLock;

fn k() -> &'static Knowledge {
    static K: OnceLock<Knowledge> = OnceLock::new();
    K.get_or_init(|| Knowledge::builtin().expect("built-in knowledge validates"))
}

fn names<T: std::fmt::Display>(all: &[T]) -> Vec<String> {
    all.iter().map(ToString::to_string).collect()
}

/// A raw answer for `field` from a pick and a number: mostly valid, sometimes not.
fn raw(field: Field, pick: u32, number: f64) -> RawValue {
    let words = match field {
        Field::Differentiation => names(Differentiation::ALL),
        Field::Primary => names(Primary::ALL),
        Field::Pattern => names(Pattern::ALL),
        Field::Sstr => names(Sstr::ALL),
        Field::Syndrome => names(Syndrome::ALL),
        Field::Progression => names(Progression::ALL),
        Field::LiverFunction => names(LiverFunction::ALL),
        Field::CarcinoidHeartDisease => names(HeartDisease::ALL),
        Field::Necrosis
        | Field::PrimaryResected
        | Field::Extrahepatic
        | Field::Bilobar
        | Field::Resectable
        | Field::BiliaryAnastomosis
        | Field::PortalVeinThrombosis
        | Field::TumourSymptoms => names(YesNo::ALL),
        Field::Prior | Field::Current => {
            let ids: Vec<String> = OptionId::ALL
                .iter()
                .enumerate()
                // About a quarter of the options each time: short lists, like real ones.
                .filter(|(i, _)| pick & (1 << i) != 0 && pick.rotate_left(13) & (1 << i) != 0)
                // The current treatments: fewer still.
                .filter(|(i, _)| field == Field::Prior || pick.rotate_left(7) & (1 << i) != 0)
                .map(|(_, id)| id.to_string())
                .collect();
            let text = match pick % 23 {
                0 => "none".to_owned(),
                1 => "ssa,chemo".to_owned(),
                _ if ids.is_empty() => "none".to_owned(),
                _ => ids.join(","),
            };
            return RawValue::Text(text);
        }
        _ => {
            let text = match pick % 19 {
                0 => "nan".to_owned(),
                1 => "12,5".to_owned(),
                2 => String::new(),
                3 => (pick % 130).to_string(),
                _ => number.to_string(),
            };
            return RawValue::Text(text);
        }
    };
    let i = pick as usize % (words.len() + 1);
    RawValue::Text(words.get(i).cloned().unwrap_or_else(|| "maybe".to_owned()))
}

pub fn patient() -> impl Strategy<Value = Patient> {
    let answer = prop::option::weighted(
        0.7,
        (
            any::<u32>(),
            prop_oneof![-5.0..130.0f64, (0u32..60).prop_map(f64::from)],
        ),
    );
    prop::collection::vec(answer, Field::ALL.len()).prop_map(|answers| {
        let mut p = Patient::default();
        for (field, answer) in Field::ALL.into_iter().zip(answers) {
            if let Some((pick, number)) = answer {
                // Invalid answers are refused and leave the field unknown.
                let _ = p.set(field, &raw(field, pick, number));
            }
        }
        p
    })
}

/// G1 < G2 < grade 3 (NET G3, NEC, high-grade).
fn rank(category: Category) -> u8 {
    match category {
        Category::NetG1 => 1,
        Category::NetG2 => 2,
        Category::NetG3 | Category::Nec | Category::HighGrade => 3,
    }
}

fn with(p: &Patient, field: Field, value: f64) -> Patient {
    let mut p = p.clone();
    p.set(field, &RawValue::Number(value)).expect("valid value");
    p
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn the_statuses_of_a_cohort_table_equal_the_full_report(p in patient()) {
        // `batch --format csv` evaluates without texts (Detail::Statuses): same decisions.
        let full = pathway::assess(&p, k());
        let fast = pathway::statuses(&p, k());
        match (full, fast) {
            (Ok(report), Ok(fast)) => {
                prop_assert_eq!(report.grade.category, fast.category);
                let from_report: Vec<_> = report
                    .stages
                    .iter()
                    .filter(|s| s.id != "symptoms")
                    .flat_map(|s| s.options.iter().map(|v| (v.id, v.status)))
                    .collect();
                prop_assert_eq!(from_report, fast.options);
                // The table's would_settle column names the full report's missing answers of
                // the undetermined options (and, for a high-grade tumour, the differentiation).
                let core = || report.stages.iter().filter(|s| s.id != "symptoms").flat_map(|s| &s.options);
                let open = core().any(|v| v.status == Status::Undetermined);
                let high_grade = report.grade.category == Category::HighGrade;
                let missing: Vec<Field> = Field::ALL
                    .into_iter()
                    .filter(|f| {
                        core().any(|v| v.status == Status::Undetermined && v.missing.contains(f))
                            || (*f == Field::Differentiation && high_grade && open)
                    })
                    .collect();
                let fast_missing: Vec<Field> =
                    Field::ALL.into_iter().filter(|f| fast.missing.contains(*f)).collect();
                prop_assert_eq!(missing, fast_missing);
            }
            (Err(_), Err(_)) => {}
            (full, fast) => prop_assert!(false, "{:?} vs {:?}", full.is_ok(), fast.is_ok()),
        }
    }

    #[test]
    fn grade_never_falls_as_ki67_rises(p in patient(), a in 0.0..=100.0f64, b in 0.0..=100.0f64) {
        let (low, high) = if a <= b { (a, b) } else { (b, a) };
        let g_low = grading::grade(&with(&p, Field::Ki67, low), k()).expect("Ki-67 grades");
        let g_high = grading::grade(&with(&p, Field::Ki67, high), k()).expect("Ki-67 grades");
        prop_assert!(rank(g_low.category) <= rank(g_high.category),
            "Ki-67 {} → {:?}, {} → {:?}", low, g_low.category, high, g_high.category);
    }

    #[test]
    fn grade_never_falls_as_mitoses_rise(p in patient(), a in 0.0..=60.0f64, b in 0.0..=60.0f64) {
        let (low, high) = if a <= b { (a, b) } else { (b, a) };
        let g_low = grading::grade(&with(&p, Field::Mitoses, low), k()).expect("mitoses grade");
        let g_high = grading::grade(&with(&p, Field::Mitoses, high), k()).expect("mitoses grade");
        prop_assert!(rank(g_low.category) <= rank(g_high.category),
            "mitoses {} → {:?}, {} → {:?}", low, g_low.category, high, g_high.category);
    }

    #[test]
    fn every_report_is_complete_and_consistent(p in patient()) {
        let Ok(report) = pathway::assess(&p, k()) else {
            prop_assert!(!p.has_grading_input());
            return Ok(());
        };
        prop_assert!(p.has_grading_input());
        let core: Vec<_> = report
            .options()
            .filter(|(s, _)| s.id != "symptoms")
            .map(|(_, v)| v)
            .collect();
        prop_assert_eq!(core.len(), CORE_OPTIONS.len());
        for id in CORE_OPTIONS {
            prop_assert_eq!(core.iter().filter(|v| v.id == id).count(), 1, "{}", id);
        }
        let json = serde_json::to_value(&report).expect("report serialises");
        for stage in json["stages"].as_array().expect("stages") {
            for o in stage["options"].as_array().expect("options") {
                let status = o["status"].as_str().unwrap_or_default();
                prop_assert!(Status::ALL.iter().any(|s| s.name() == status), "{}", status);
            }
        }
        // Every figure names a source the report lists (rules.md §6).
        let listed: Vec<&str> = report.sources.iter().map(|c| c.id).collect();
        let cited = report
            .options()
            .flat_map(|(_, v)| {
                v.criteria
                    .iter()
                    .map(|c| c.source.as_ref())
                    .chain(v.evidence.iter().map(|e| e.source))
            })
            .chain(report.workup.iter().map(|w| w.source))
            .chain(report.corrections.iter().map(|c| c.source));
        for source in cited {
            prop_assert!(listed.contains(&source), "source {} not listed", source);
        }
        for (_, v) in report.options() {
            let fails = v.criteria.iter().any(Criterion::fails);
            match v.status {
                Status::NotRecommended => prop_assert!(fails,
                    "{} not-recommended without a failing criterion: {:?}", v.id, v.criteria),
                Status::Undetermined => prop_assert!(!v.missing.is_empty(),
                    "{} undetermined with nothing missing", v.id),
                Status::Recommended | Status::Consider => {
                    prop_assert!(!fails, "{} {:?} with a failing criterion", v.id, v.status);
                    prop_assert!(!v.criteria.iter().any(|c| c.kind == Kind::Indication
                        && c.result == Outcome::Unknown), "{} {:?} with an unknown indication",
                        v.id, v.status);
                }
            }
            if report.grade.category != Category::HighGrade {
                prop_assert_eq!(fails, v.status == Status::NotRecommended, "{}", v.id);
                // `missing` names only answers not given yet.
                // Except a carcinoma's cell type: `poor` is given, small- vs large-cell is not.
                let cell_type_open = p.differentiation == Some(Differentiation::Poor);
                for f in &v.missing {
                    prop_assert!(p.get(*f).is_none()
                        || (*f == Field::Differentiation && cell_type_open),
                        "{}: missing {} was answered", v.id, f);
                }
            }
            // An unknown preference names the answers that would make the option recommended.
            if v.notes.first().is_some_and(|n| n.starts_with("Recommended when")) {
                prop_assert!(!v.missing.is_empty(), "{}: {:?}", v.id, v.notes[0]);
            }
            for f in &v.to_confirm {
                prop_assert!(p.get(*f).is_none(), "{}: to confirm {} was answered", v.id, f);
            }
        }
    }

    #[test]
    fn stable_disease_never_makes_a_progression_gated_option_recommended(p in patient()) {
        // rules.md §3.1 (W1, D4): their trials enrolled progressive disease; a syndrome, bulk,
        // tumour symptoms or continuation hold them at `consider`.
        let mut p = p;
        p.progression = Some(Progression::Stable);
        if let Ok(report) = pathway::assess(&p, k()) {
            let low_grade = report.grade.category.is_low_grade();
            for (stage, v) in report.options() {
                let gated = matches!(v.id,
                    OptionId::Everolimus | OptionId::Sunitinib | OptionId::Surufatinib
                    | OptionId::Cabozantinib | OptionId::Tace | OptionId::Tare
                    | OptionId::Streptozocin | OptionId::NecSecondLine)
                    || (v.id == OptionId::CapecitabineTemozolomide && low_grade);
                if gated && stage.id != "symptoms" {
                    prop_assert!(v.status != Status::Recommended, "{} recommended while stable", v.id);
                }
            }
        }
    }

    #[test]
    fn at_ecog_4_only_platinum_for_a_naive_nec_stays_open(p in patient()) {
        // rules.md §3.2 (D7, D-3): every antiproliferative option closes; first-line platinum
        // for a chemotherapy-naive NEC is held at `consider`.
        let mut p = p;
        p.ecog = Some(4);
        if let Ok(report) = pathway::assess(&p, k()) {
            let category = report.grade.category;
            for (stage, v) in report.options() {
                if stage.id == "symptoms" {
                    continue;
                }
                let antiproliferative = stage.id == "systemic" || v.id == OptionId::ActiveSurveillance;
                if !antiproliferative {
                    continue;
                }
                prop_assert!(v.status != Status::Recommended, "{} recommended at ECOG 4", v.id);
                if v.id == OptionId::PlatinumEtoposide {
                    if v.status != Status::NotRecommended {
                        prop_assert!(matches!(category, Category::Nec | Category::HighGrade));
                        prop_assert!(p.had(OptionId::PlatinumEtoposide) != Some(true));
                    }
                } else {
                    prop_assert_eq!(v.status, Status::NotRecommended, "{} open at ECOG 4", v.id);
                }
            }
        }
    }

    #[test]
    fn an_insulinoma_never_gets_ssa_recommended(p in patient()) {
        // rules.md §4.3 and §4.6 (D1): in every stage.
        let mut p = p;
        p.syndrome = Some(Syndrome::Insulinoma);
        if let Ok(report) = pathway::assess(&p, k()) {
            for (_, v) in report.options() {
                if v.id == OptionId::Ssa {
                    prop_assert!(v.status != Status::Recommended);
                }
            }
        }
    }
}

/// The texts of these note ids, as shown.
fn note_texts(ids: &[&str]) -> Vec<String> {
    ids.iter()
        .map(|id| k().note(id).text.into_owned())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// The peri-procedural plan (rules.md §4.7, D2, L5): once at most; never for a NEC without a
    /// syndrome; insulinoma always gets the hypoglycaemia plan and never carcinoid-crisis cover;
    /// the insulinoma SSA caution once, only for insulinoma.
    #[test]
    fn the_plan_and_the_insulinoma_caution_appear_where_the_rules_say(p in patient()) {
        let Ok(report) = pathway::assess(&p, k()) else { return Ok(()) };
        let plans = note_texts(&[
            "plan.carcinoid_crisis",
            "plan.carcinoid_crisis_primary_not_given",
            "plan.insulinoma",
            "plan.gastrinoma",
            "plan.vipoma",
            "plan.glucagonoma",
            "plan.other",
            "plan.syndrome_not_recorded",
        ]);
        let shown = |text: &str| report.warnings.iter().filter(|w| w.contains(text)).count();
        let plan_count: usize = plans.iter().map(|t| shown(t)).sum();
        prop_assert!(plan_count <= 1, "{:?}", report.warnings);
        let no_syndrome = matches!(p.syndrome, None | Some(Syndrome::None));
        if report.grade.category == Category::Nec && no_syndrome {
            prop_assert_eq!(plan_count, 0, "{:?}", report.warnings);
        }
        let insulinoma = p.syndrome == Some(Syndrome::Insulinoma);
        if insulinoma {
            prop_assert_eq!(shown(&plans[2]), 1);
            prop_assert_eq!(shown(&plans[0]) + shown(&plans[1]), 0);
        }
        let caution = k().note("ssa.insulinoma").text;
        prop_assert_eq!(shown(&caution), usize::from(insulinoma));
    }

    /// The work-up lists what is missing, safety confirmations first (rules.md §5); grade
    /// warnings stay with the grade (L1).
    #[test]
    fn the_work_up_asks_only_for_what_is_missing_safety_first(p in patient()) {
        let Ok(report) = pathway::assess(&p, k()) else { return Ok(()) };
        let item = |id: &str| k().workup_item(id).text;
        let position = |id: &str| report.workup.iter().position(|w| w.text == item(id));
        for (id, field) in [
            ("ecog", Field::Ecog),
            ("liver_function", Field::LiverFunction),
            ("biliary_history", Field::BiliaryAnastomosis),
            ("sstr_pet", Field::Sstr),
        ] {
            if position(id).is_some() {
                prop_assert!(p.get(field).is_none(), "{} asked, {} given", id, field);
            }
        }
        let safety = ["ecog", "liver_function", "current_treatment", "echocardiogram",
            "echocardiogram_syndrome_not_given", "biliary_history"];
        let last_safety = safety.iter().filter_map(|id| position(id)).max();
        let first_other = report
            .workup
            .iter()
            .position(|w| !safety.iter().any(|id| item(id) == w.text));
        if let (Some(last), Some(first)) = (last_safety, first_other) {
            prop_assert!(last < first, "{:?}", report.workup);
        }
        for w in &report.grade.warnings {
            prop_assert!(!report.warnings.contains(&w.cited()), "{}", w.text);
        }
    }

    /// A seed correction about an option only while that option is open (L3).
    #[test]
    fn seed_corrections_never_concern_an_option_ruled_out(p in patient()) {
        let Ok(report) = pathway::assess(&p, k()) else { return Ok(()) };
        let status = |id: OptionId| {
            report
                .options()
                .find(|(s, v)| s.id != "symptoms" && v.id == id)
                .map(|(_, v)| v.status)
        };
        for (correction, option) in [
            ("surufatinib_name", OptionId::Surufatinib),
            ("transplant_age", OptionId::Transplant),
            ("transplant_survival", OptionId::Transplant),
            ("tace_figures", OptionId::Tace),
            ("ablation_size", OptionId::Ablation),
            ("ssa_g3", OptionId::Ssa),
            ("temozolomide_site", OptionId::CapecitabineTemozolomide),
            ("everolimus_first_line", OptionId::Everolimus),
            ("prrt_chemotherapy", OptionId::Prrt),
        ] {
            if report.corrections.iter().any(|c| c.id == correction) {
                prop_assert_ne!(status(option), Some(Status::NotRecommended), "{}", correction);
            }
        }
    }
}
