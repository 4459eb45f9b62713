//! The questionnaire flow over the scripted prompter: order, branches taken and skipped,
//! unknown answers, pre-filled answers, refused values, going back, plausibility, the prior
//! treatments' multi-select and the review loop.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use netriage::knowledge::Knowledge;
use netriage::model::{Field, OptionId, Patient, Pattern, Primary, RawValue};
use netriage::questionnaire::scripted::ESC;
use netriage::questionnaire::{ask_all, Interrupted, Scripted};

/// A pancreatic NET G2 with three liver lesions, stable: every question answered.
const FULL: &[(&str, &str)] = &[
    ("primary", "pancreas"),
    ("differentiation", "well"),
    ("ki67", "12"),
    ("mitoses", "2"),
    ("primary-resected", "no"),
    ("lesions", "3"),
    ("largest-cm", "4.5"),
    ("liver-burden", "20"),
    ("bilobar", "yes"),
    ("pattern", "complex"),
    ("resectable", "no"),
    ("extrahepatic", "no"),
    ("sstr", "positive"),
    ("syndrome", "none"),
    ("tumour-symptoms", "no"),
    ("progression", "stable"),
    ("stable-months", "14"),
    ("prior", "ssa"),
    ("current", "ssa"),
    ("age", "60"),
    ("ecog", "1"),
    ("biliary-anastomosis", "no"),
    ("portal-vein-thrombosis", "no"),
    ("liver-function", "normal"),
    ("review", "show"),
];

fn knowledge() -> Knowledge {
    Knowledge::builtin().unwrap()
}

/// FULL with some answers replaced (same key) or removed (`None`).
fn script(changes: &[(&str, Option<&str>)]) -> Vec<(String, String)> {
    FULL.iter()
        .filter_map(|(k, v)| match changes.iter().find(|(c, _)| c == k) {
            Some((_, Some(new))) => Some(((*k).to_owned(), (*new).to_owned())),
            Some((_, None)) => None,
            None => Some(((*k).to_owned(), (*v).to_owned())),
        })
        .collect()
}

fn run(
    script: Vec<(String, String)>,
    prefilled: Patient,
) -> (Scripted, Result<Patient, Interrupted>) {
    let mut p = Scripted::new(script);
    let result = ask_all(&mut p, &knowledge(), prefilled);
    (p, result)
}

fn patient(answers: &[(Field, &str)]) -> Patient {
    let mut p = Patient::default();
    for (f, v) in answers {
        p.set(*f, &RawValue::Text((*v).to_owned())).unwrap();
    }
    p
}

#[test]
fn a_full_script_answers_every_relevant_question_in_order() {
    let (p, result) = run(script(&[]), Patient::default());
    let patient = result.unwrap();
    assert_eq!(p.remaining(), 0);
    let expected: Vec<&str> = FULL.iter().map(|(k, _)| *k).collect();
    assert_eq!(p.asked, expected);
    assert_eq!(patient.ki67, Some(12.0));
    assert_eq!(patient.primary, Some(Primary::Pancreas));
    assert_eq!(patient.pattern, Some(Pattern::Complex));
    assert_eq!(patient.stable_months, Some(14.0));
    assert!(p.errors.is_empty(), "{:?}", p.errors);
}

#[test]
fn the_grade_and_its_basis_follow_the_pathology_questions() {
    let (p, result) = run(script(&[]), Patient::default());
    result.unwrap();
    let grade = p
        .shown
        .iter()
        .position(|s| s.contains("Grade: NET G2"))
        .unwrap();
    assert!(p.shown[grade].contains("Ki-67 12"), "{}", p.shown[grade]);
    let liver = p
        .shown
        .iter()
        .position(|s| s.contains("Liver metastases"))
        .unwrap();
    let primary = p
        .shown
        .iter()
        .position(|s| s.contains("Primary tumour"))
        .unwrap();
    assert!(grade < primary && primary < liver);
}

#[test]
fn necrosis_is_asked_only_for_lung_and_thymus() {
    for (site, asked) in [
        ("lung", true),
        ("thymus", true),
        ("pancreas", false),
        ("skip", false),
    ] {
        let mut s = script(&[("primary", Some(site))]);
        if asked {
            let at = s.iter().position(|(k, _)| k == "mitoses").unwrap() + 1;
            s.insert(at, ("necrosis".into(), "no".into()));
        }
        let (p, result) = run(s, Patient::default());
        result.unwrap();
        assert_eq!(p.was_asked("necrosis"), asked, "{site}");
    }
}

#[test]
fn pattern_is_asked_only_with_more_than_one_lesion_and_both_lobes_not_for_one() {
    for (lesions, bilobar_asked) in [("1", false), ("", true)] {
        let mut changes = vec![("lesions", Some(lesions)), ("pattern", None)];
        if !bilobar_asked {
            changes.push(("bilobar", None));
        }
        let (p, result) = run(script(&changes), Patient::default());
        let patient = result.unwrap();
        assert!(!p.was_asked("pattern"), "lesions '{lesions}'");
        assert_eq!(p.was_asked("bilobar"), bilobar_asked, "lesions '{lesions}'");
        assert_eq!(patient.pattern, None);
    }
}

#[test]
fn stable_months_are_asked_only_when_stable() {
    for progression in ["progressive", "skip"] {
        let (p, result) = run(
            script(&[("progression", Some(progression)), ("stable-months", None)]),
            Patient::default(),
        );
        let patient = result.unwrap();
        assert!(!p.was_asked("stable-months"), "{progression}");
        assert_eq!(patient.stable_months, None);
    }
}

#[test]
fn skipped_answers_stay_unknown() {
    let (p, result) = run(
        script(&[
            ("sstr", Some("skip")),
            ("age", Some("")),
            ("ecog", Some("unknown")),
            ("prior", Some("skip")),
            ("current", None),
        ]),
        Patient::default(),
    );
    let patient = result.unwrap();
    assert_eq!(
        (patient.sstr, patient.age, patient.ecog),
        (None, None, None)
    );
    assert_eq!(patient.prior, None);
    assert!(p.errors.is_empty());
    let summary = p
        .shown
        .iter()
        .rev()
        .find(|s| s.contains("Summary"))
        .unwrap();
    assert!(
        summary
            .lines()
            .any(|l| l.contains("Age") && l.ends_with("unknown")),
        "{summary}"
    );
}

#[test]
fn a_refused_number_is_asked_again_with_the_flag_message() {
    let mut s = script(&[]);
    let at = s.iter().position(|(k, _)| k == "ki67").unwrap();
    s.insert(at, ("ki67".into(), "140".into()));
    s.insert(at, ("ki67".into(), "12,5".into()));
    let (p, result) = run(s, Patient::default());
    assert_eq!(result.unwrap().ki67, Some(12.0));
    let flag_error = |v: &str| {
        Patient::default()
            .set(Field::Ki67, &RawValue::Text(v.into()))
            .unwrap_err()
            .to_string()
    };
    assert_eq!(p.errors, vec![flag_error("12,5"), flag_error("140")]);
    assert!(p.errors[1].contains("0 to 100"));
}

#[test]
fn pre_filled_answers_are_not_asked_but_summarised() {
    let prefilled = patient(&[
        (Field::Ki67, "5"),
        (Field::Primary, "small-intestine"),
        (Field::Age, "70"),
    ]);
    let (p, result) = run(
        script(&[("ki67", None), ("primary", None), ("age", None)]),
        prefilled,
    );
    let patient = result.unwrap();
    for key in ["ki67", "primary", "age"] {
        assert!(!p.was_asked(key), "{key}");
    }
    assert_eq!(patient.ki67, Some(5.0));
    let summary = p
        .shown
        .iter()
        .rev()
        .find(|s| s.contains("Summary"))
        .unwrap();
    assert!(summary.contains("small-intestine  (given)"), "{summary}");
    assert!(summary.contains("70  (given)"), "{summary}");
}

#[test]
fn the_review_loop_changes_an_answer_then_shows_the_pathway() {
    let mut s = script(&[("review", Some("change"))]);
    s.extend(
        [
            ("change", "Ki-67 index"),
            ("ki67", "25"),
            ("review", "show"),
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned())),
    );
    let (p, result) = run(s, Patient::default());
    let patient = result.unwrap();
    assert_eq!(patient.ki67, Some(25.0));
    assert_eq!(p.remaining(), 0);
    // The grade is shown again after a pathology answer changes.
    assert!(
        p.shown.iter().any(|s| s.contains("Grade: NET G3")),
        "{:?}",
        p.shown
    );
    let summaries = p.shown.iter().filter(|s| s.contains("Summary")).count();
    assert_eq!(summaries, 2);
}

#[test]
fn changing_an_answer_opens_and_closes_its_branches() {
    let mut s = script(&[("review", Some("change"))]);
    s.extend(
        [
            ("change", "Number of liver metastases"),
            ("lesions", "1"),
            ("review", "change"),
            ("change", "Primary site"),
            ("primary", "lung"),
            ("necrosis", "yes"),
            ("review", "change"),
            ("change", "back"),
            ("review", "show"),
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned())),
    );
    let (p, result) = run(s, Patient::default());
    let patient = result.unwrap();
    assert_eq!(p.remaining(), 0);
    assert_eq!(patient.lesions, Some(1));
    assert_eq!(
        patient.pattern, None,
        "a single lesion has no pattern to keep"
    );
    assert_eq!(patient.primary, Some(Primary::Lung));
    assert!(patient.necrosis.is_some());
}

#[test]
fn nothing_to_grade_sends_the_user_back_to_pathology() {
    let mut s = script(&[
        ("ki67", Some("")),
        ("mitoses", Some("")),
        ("differentiation", Some("skip")),
    ]);
    s.extend(
        [
            ("primary", "pancreas"),
            ("differentiation", "skip"),
            ("ki67", "3"),
            ("mitoses", ""),
            ("review", "show"),
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned())),
    );
    let (p, result) = run(s, Patient::default());
    let patient = result.unwrap();
    assert_eq!(p.remaining(), 0);
    assert_eq!(patient.ki67, Some(3.0));
    assert_eq!(p.errors.len(), 1);
    assert!(
        p.errors[0].contains("Nothing can be graded"),
        "{:?}",
        p.errors
    );
}

#[test]
fn the_end_of_input_interrupts() {
    let s = script(&[])[..5].to_vec();
    let (p, result) = run(s, Patient::default());
    assert_eq!(result, Err(Interrupted));
    assert_eq!(p.remaining(), 0);
}

/// FULL with extra steps inserted before the answer to `key`.
fn insert_before(key: &str, steps: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut s = script(&[]);
    let at = s.iter().position(|(k, _)| k == key).unwrap();
    for (i, (k, v)) in steps.iter().enumerate() {
        s.insert(at + i, ((*k).to_owned(), (*v).to_owned()));
    }
    s
}

#[test]
fn esc_goes_back_one_question_and_keeps_every_answer() {
    // At the liver burden, Esc twice: back to the largest lesion, then to the lesion count;
    // both are answered again (the count changed), and nothing else is lost.
    let s = insert_before(
        "liver-burden",
        &[
            ("liver-burden", ESC),
            ("largest-cm", ESC),
            ("lesions", "4"),
            ("largest-cm", "5"),
        ],
    );
    let (p, result) = run(s, Patient::default());
    let patient = result.unwrap();
    assert_eq!(p.remaining(), 0);
    assert_eq!(patient.lesions, Some(4));
    assert_eq!(patient.largest_cm, Some(5.0));
    assert_eq!(patient.ki67, Some(12.0), "earlier answers kept");
    assert_eq!(patient.liver_burden, Some(20.0));
}

#[test]
fn the_back_choice_goes_back_like_esc() {
    let s = insert_before("sstr", &[("sstr", "← back"), ("extrahepatic", "yes")]);
    let (p, result) = run(s, Patient::default());
    let patient = result.unwrap();
    assert_eq!(p.remaining(), 0);
    assert_eq!(patient.extrahepatic, Some(netriage::model::YesNo::Yes));
}

#[test]
fn esc_at_the_first_question_quits_only_when_confirmed() {
    let s = insert_before("primary", &[("primary", ESC), ("quit", "no")]);
    let (p, result) = run(s, Patient::default());
    assert!(result.is_ok());
    assert_eq!(p.remaining(), 0);
    let s = vec![
        ("primary".to_owned(), ESC.to_owned()),
        ("quit".to_owned(), "yes".to_owned()),
    ];
    let (p, result) = run(s, Patient::default());
    assert_eq!(result, Err(Interrupted));
    assert_eq!(p.remaining(), 0);
}

#[test]
fn esc_in_the_change_menu_returns_to_the_summary() {
    let mut s = script(&[("review", Some("change"))]);
    s.extend([("change", ESC), ("review", "show")].map(|(k, v)| (k.to_owned(), v.to_owned())));
    let (p, result) = run(s, Patient::default());
    assert!(result.is_ok());
    assert_eq!(p.remaining(), 0);
    let summaries = p.shown.iter().filter(|s| s.contains("Summary")).count();
    assert_eq!(summaries, 2);
}

#[test]
fn the_change_menu_shows_the_summarys_labels() {
    let mut s = script(&[("review", Some("change"))]);
    s.extend(
        [("change", "Ki-67 index"), ("ki67", ESC), ("review", "show")]
            .map(|(k, v)| (k.to_owned(), v.to_owned())),
    );
    let (p, result) = run(s, Patient::default());
    // Esc at the question opened from the menu leaves the answer as it was.
    assert_eq!(result.unwrap().ki67, Some(12.0));
    assert_eq!(p.remaining(), 0);
}

#[test]
fn a_ki67_that_looks_like_a_fraction_is_confirmed() {
    for (answer, expected) in [("yes", 5.0), ("no", 0.05)] {
        let s = insert_before("ki67", &[("ki67", "0.05"), ("plausible", answer)]);
        let mut s = s;
        // The original answer to ki67 is not needed any more.
        let at = s.iter().rposition(|(k, _)| k == "ki67").unwrap();
        s.remove(at);
        let (p, result) = run(s, Patient::default());
        assert_eq!(result.unwrap().ki67, Some(expected), "{answer}");
        assert_eq!(p.remaining(), 0);
    }
    // Esc at the confirmation asks the Ki-67 again.
    let s = insert_before("ki67", &[("ki67", "0.05"), ("plausible", ESC)]);
    let (p, result) = run(s, Patient::default());
    assert_eq!(result.unwrap().ki67, Some(12.0));
    assert_eq!(p.remaining(), 0);
}

#[test]
fn prior_treatments_are_ticked_by_name() {
    for (answer, expected) in [
        ("ssa,prrt", Some(vec![OptionId::Ssa, OptionId::Prrt])),
        ("none", Some(vec![])),
        ("skip", None),
    ] {
        // Nothing ticked as given: nothing is asked as being given now.
        let current = if answer == "ssa,prrt" {
            Some("ssa")
        } else {
            None
        };
        let (_, result) = run(
            script(&[("prior", Some(answer)), ("current", current)]),
            Patient::default(),
        );
        assert_eq!(result.unwrap().prior, expected, "{answer}");
    }
}

#[test]
fn esc_at_the_summary_goes_back_to_the_last_question() {
    let mut s = script(&[("review", Some(ESC))]);
    s.extend(
        [("liver-function", "impaired"), ("review", "show")]
            .map(|(k, v)| (k.to_owned(), v.to_owned())),
    );
    let (p, result) = run(s, Patient::default());
    let patient = result.unwrap();
    assert_eq!(p.remaining(), 0);
    assert_eq!(
        patient.liver_function,
        Some(netriage::model::LiverFunction::Impaired)
    );
}

#[test]
fn answers_may_be_typed_as_a_clinician_writes_them() {
    let (p, result) = run(
        script(&[("ki67", Some("12 %")), ("liver-burden", Some("20%"))]),
        Patient::default(),
    );
    let patient = result.unwrap();
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    assert_eq!(patient.ki67, Some(12.0));
    assert_eq!(patient.liver_burden, Some(20.0));
}

#[test]
fn a_refused_treatment_list_is_asked_again() {
    // Everything given but prior, and ssa under way: `none` for prior is refused, then asked again.
    let mut pre = patient(&[(Field::Current, "ssa")]);
    for (f, v) in [
        (Field::Primary, "pancreas"),
        (Field::Differentiation, "well"),
        (Field::Ki67, "12"),
        (Field::Mitoses, "2"),
        (Field::PrimaryResected, "no"),
        (Field::Lesions, "3"),
        (Field::LargestCm, "4"),
        (Field::LiverBurden, "20"),
        (Field::Bilobar, "yes"),
        (Field::Pattern, "complex"),
        (Field::Resectable, "no"),
        (Field::Extrahepatic, "no"),
        (Field::Sstr, "positive"),
        (Field::Syndrome, "none"),
        (Field::TumourSymptoms, "no"),
        (Field::Progression, "progressive"),
        (Field::Age, "60"),
        (Field::Ecog, "1"),
        (Field::BiliaryAnastomosis, "no"),
        (Field::PortalVeinThrombosis, "no"),
        (Field::LiverFunction, "normal"),
    ] {
        pre.set(f, &RawValue::Text(v.into())).unwrap();
    }
    let s = vec![
        ("prior".to_owned(), "none".to_owned()),
        ("prior".to_owned(), "ssa".to_owned()),
        ("review".to_owned(), "show".to_owned()),
    ];
    let (p, result) = run(s, pre);
    assert_eq!(p.asked, ["prior", "prior", "review"]);
    assert_eq!(p.errors.len(), 1);
    assert_eq!(result.unwrap().prior, Some(vec![OptionId::Ssa]));
}
