//! One row per change of rules v2 (shared/clinical/rules.md, "What changed in v2" and the second
//! review), each written from the rule and its source: the status an option must have and, where
//! the change is a note or a caution, the note that must (or must not) be there. Run in-process
//! through the library (`common::assess`), from `BASE` (tests/common.rs: a stable, untreated pancreatic NET G2).

use crate::common::{
    assess as report, criterion, mentions, note, option, option_in, strings, text,
};

const NEC: &str = "--differentiation poor --ki67 80";
const SCLC: &str = "--differentiation small-cell --ki67 80 --primary lung";

/// (finding, changes to BASE, option, expected status)
const STATUSES: &[(&str, &str, &str, &str)] = &[
    // D1: insulinoma caps systemic SSA at consider.
    ("D1", "--syndrome insulinoma", "ssa", "consider"),
    // D3: unknown liver function, burden or ECOG hold embolisation at consider.
    ("D3", "--progression progressive", "tace", "recommended"),
    ("D3", "--progression progressive --liver-function ?", "tace", "consider"),
    ("D3", "--progression progressive --liver-burden ?", "tace", "consider"),
    ("D3", "--progression progressive --ecog ?", "tace", "consider"),
    ("D3", "--progression progressive --syndrome carcinoid", "tace", "consider"),
    // D4: a reason to treat; "multiple lesions" is none; recommended only when progressive,
    // liver-only and unresectable.
    ("D4", "", "tace", "not-recommended"),
    ("D4", "--lesions 8", "tace", "not-recommended"),
    ("D4", "--liver-burden 30", "tace", "consider"),
    ("D4", "--progression progressive --extrahepatic yes", "tace", "consider"),
    ("D4", "--progression ? --liver-burden ?", "tace", "undetermined"),
    // D5: transplant closed at ECOG 3 and 4.
    ("D5", "--ecog 3", "transplant", "not-recommended"),
    ("D5", "--ecog 4", "transplant", "not-recommended"),
    // D6: ablation after an anastomosis is a caution, not a contraindication.
    ("D6", "--biliary-anastomosis yes", "ablation", "consider"),
    // D7: ECOG 4 closes every antiproliferative option; best supportive care is recommended.
    ("D7", "--ecog 4", "ssa", "not-recommended"),
    ("D7", "--ecog 4 --progression progressive", "everolimus", "not-recommended"),
    ("D7", "--ecog 4 --ki67 12", "prrt", "not-recommended"),
    ("D7", "--ecog 4", "active-surveillance", "not-recommended"),
    ("D7", "--ecog 4", "best-supportive-care", "recommended"),
    // W1: the targeted drugs, PRRT and low-grade chemotherapy need a reason to treat.
    ("W1", "", "everolimus", "not-recommended"),
    ("W1", "--progression progressive", "everolimus", "consider"),
    ("W1", "--progression ?", "everolimus", "undetermined"),
    ("W1", "", "sunitinib", "not-recommended"),
    ("W1", "--progression progressive", "sunitinib", "consider"),
    ("W1", "", "surufatinib", "not-recommended"),
    ("W1", "--prior everolimus --progression progressive", "cabozantinib", "consider"),
    ("W1", "--prior everolimus", "cabozantinib", "not-recommended"),
    ("W1", "", "prrt", "not-recommended"),
    ("W1", "", "capecitabine-temozolomide", "not-recommended"),
    ("W1", "--liver-burden 30", "capecitabine-temozolomide", "consider"),
    ("W1", "--liver-burden 30", "streptozocin", "consider"),
    // W2: second line for thoracic NEC is held at consider.
    (
        "W2",
        "--differentiation small-cell --ki67 80 --primary lung --prior platinum-etoposide --progression progressive",
        "nec-second-line",
        "consider",
    ),
    (
        "W2",
        "--differentiation poor --ki67 80 --prior platinum-etoposide --progression progressive",
        "nec-second-line",
        "recommended",
    ),
    // W3: immunotherapy recommended only for small-cell lung carcinoma.
    ("W3", SCLC, "immunotherapy-trial", "recommended"),
    ("W3", "--differentiation large-cell --ki67 80 --primary lung", "immunotherapy-trial", "consider"),
    ("W3", "--differentiation poor --ki67 80 --primary lung", "immunotherapy-trial", "consider"),
    ("W3", "--differentiation small-cell --ki67 80 --primary thymus", "immunotherapy-trial", "consider"),
    ("W3", NEC, "immunotherapy-trial", "consider"),
    // W4 / D-1: a finished course with stable disease: surveillance.
    ("W4", "--differentiation poor --ki67 80 --prior platinum-etoposide", "platinum-etoposide", "not-recommended"),
    ("W4", "--differentiation poor --ki67 80 --prior platinum-etoposide", "active-surveillance", "recommended"),
    // L11: PRRT names the population; non-midgut SSA progressors get consider.
    ("L11", "--primary small-intestine --prior ssa --current ssa --progression progressive", "prrt", "recommended"),
    ("L11", "--ki67 12", "prrt", "recommended"),
    ("L11", "--prior ssa --current ssa --progression progressive", "prrt", "consider"),
    // L12: two relative exclusions close transplant; one is allowed.
    ("L12", "--ki67 12", "transplant", "consider"),
    ("L12", "--age 58", "transplant", "consider"),
    ("L12", "--ki67 12 --age 58", "transplant", "not-recommended"),
    ("L12", "--ki67 12 --age ?", "transplant", "undetermined"),
    // Ki-67 not given for a low-grade tumour (graded by mitoses): unknown (§4.1).
    ("L12", "--ki67 ? --mitoses 1", "transplant", "undetermined"),
    // L14: NET G3 above 55 %: no antiproliferative SSA.
    ("L14", "--ki67 60", "ssa", "not-recommended"),
    ("L14", "--ki67 50", "ssa", "consider"),
    // L17: CAPTEM for NEC only at progression after platinum.
    ("L17", "--differentiation poor --ki67 80 --prior platinum-etoposide", "capecitabine-temozolomide", "not-recommended"),
    (
        "L17",
        "--differentiation poor --ki67 80 --prior platinum-etoposide --progression progressive",
        "capecitabine-temozolomide",
        "consider",
    ),
    // L19: gastrinoma is no syndrome reason for embolisation.
    ("L19", "--resectable yes --syndrome gastrinoma --progression progressive", "tace", "not-recommended"),
    // M1: active surveillance.
    ("M1", "", "active-surveillance", "consider"),
    ("M1", "--liver-burden 30", "active-surveillance", "not-recommended"),
    ("M1", "--ki67 12", "active-surveillance", "not-recommended"),
    ("M1", "--ki67 ? --mitoses 1", "active-surveillance", "undetermined"),
    ("M1", "--syndrome carcinoid", "active-surveillance", "not-recommended"),
    ("M1", "--progression progressive", "active-surveillance", "not-recommended"),
    // M5: severe carcinoid heart disease is a caution on the procedures and PRRT.
    ("M5", "--resectable yes --carcinoid-heart-disease severe", "resection", "consider"),
    ("M5", "--resectable yes --carcinoid-heart-disease mild", "resection", "recommended"),
    ("M5", "--ki67 12 --carcinoid-heart-disease severe", "prrt", "consider"),
    ("M5", "--resectable yes --syndrome carcinoid", "resection", "consider"),
    ("M5", "--resectable yes --syndrome carcinoid --carcinoid-heart-disease none", "resection", "recommended"),
    // M8 / W-4: best supportive care.
    ("M8", "--ecog 3", "best-supportive-care", "consider"),
    ("M8", "--ecog 2 --liver-function impaired", "best-supportive-care", "consider"),
    ("M8", "--ecog 2", "best-supportive-care", "not-recommended"),
    ("W-4", "--ecog 1 --liver-function impaired", "best-supportive-care", "not-recommended"),
    ("M8", "--ecog ?", "best-supportive-care", "undetermined"),
    // D-1: a course under way and stable: complete it; state unknown: consider.
    ("D-1", "--ki67 5 --prior prrt --current prrt", "prrt", "recommended"),
    ("D-1", "--ki67 5 --prior prrt --current prrt", "active-surveillance", "not-recommended"),
    ("D-1", "--prior prrt --current ?", "prrt", "consider"),
    ("D-1", "--prior prrt --current none", "prrt", "not-recommended"),
    ("D-1", "--differentiation poor --ki67 80 --prior platinum-etoposide --current platinum-etoposide", "platinum-etoposide", "recommended"),
    (
        "D-1",
        "--differentiation poor --ki67 80 --prior platinum-etoposide --current ?",
        "active-surveillance",
        "consider",
    ),
    ("D-1", "--prior prrt --current none --progression ?", "prrt", "undetermined"),
    // D-2: maintenance anti-PD-L1 in lung small-cell; surveillance gives way to it.
    (
        "D-2",
        "--differentiation small-cell --ki67 80 --primary lung --prior platinum-etoposide,immunotherapy-trial --current immunotherapy-trial",
        "immunotherapy-trial",
        "recommended",
    ),
    (
        "D-2",
        "--differentiation small-cell --ki67 80 --primary lung --prior platinum-etoposide,immunotherapy-trial --current immunotherapy-trial",
        "active-surveillance",
        "not-recommended",
    ),
    (
        "D-2",
        "--differentiation small-cell --ki67 80 --primary lung --prior platinum-etoposide,immunotherapy-trial --current ?",
        "immunotherapy-trial",
        "consider",
    ),
    (
        "D-2",
        "--differentiation small-cell --ki67 80 --primary lung --prior platinum-etoposide,immunotherapy-trial --current none",
        "immunotherapy-trial",
        "not-recommended",
    ),
    // D-3: ECOG 4, chemotherapy-naive NEC: platinum held at consider; BSC consider.
    ("D-3", "--differentiation poor --ki67 80 --ecog 4", "platinum-etoposide", "consider"),
    ("D-3", "--differentiation poor --ki67 80 --ecog 4", "best-supportive-care", "consider"),
    ("D-3", "--differentiation poor --ki67 80 --ecog 4 --prior ?", "platinum-etoposide", "undetermined"),
    ("D-3", "--ecog 4 --syndrome vipoma", "best-supportive-care", "consider"),
    // D-6: everolimus opens through insulinoma, held at consider.
    ("D-6", "--syndrome insulinoma", "everolimus", "consider"),
    // Syndrome not given is unknown, as S is elsewhere (§3.1).
    ("D-6", "--syndrome ?", "everolimus", "undetermined"),
    ("D-6", "--syndrome carcinoid", "everolimus", "not-recommended"),
    ("D-6", "--syndrome ? --progression ?", "everolimus", "undetermined"),
    // D-7: resection waits for ECOG and liver function.
    ("D-7", "--resectable yes --ecog ?", "resection", "consider"),
    ("D-7", "--resectable yes --liver-function ?", "resection", "consider"),
    // D-8: tumour symptoms are a reason to treat, held at consider; unknown never opens or
    // leaves the gate unknown.
    ("D-8", "--tumour-symptoms yes", "tace", "consider"),
    ("D-8", "--tumour-symptoms ?", "tace", "not-recommended"),
    ("D-8", "--tumour-symptoms yes", "active-surveillance", "not-recommended"),
    // W-1: NETTER-2 narrowed to its population.
    ("W-1", "--ki67 12 --prior ssa", "prrt", "consider"),
    // with --prior absent, a systemic treatment under way still rules out form F.
    ("W-1", "--ki67 15 --prior ? --current everolimus", "prrt", "not-recommended"),
    ("W-1", "--ki67 12 --prior ssa --progression ?", "prrt", "undetermined"),
    ("W-1", "--ki67 12 --prior ?", "prrt", "undetermined"),
    ("W-1", "--ki67 12 --prior tace", "prrt", "not-recommended"),
    // W-2: surveillance is not for a patient on SSA, nor with resectable disease.
    ("W-2", "--prior ssa --current ssa", "active-surveillance", "not-recommended"),
    ("W-2", "--prior ssa --current none", "active-surveillance", "consider"),
    ("W-2", "--resectable yes", "active-surveillance", "not-recommended"),
    // W-3: ECOG 3 closes second-line cytotoxics for NEC.
    (
        "W-3",
        "--differentiation poor --ki67 80 --prior platinum-etoposide --progression progressive --ecog 3",
        "nec-second-line",
        "not-recommended",
    ),
    // W-6: ECOG 3: PRRT held at consider, embolisation closed.
    ("W-6", "--ki67 12 --ecog 3", "prrt", "consider"),
    ("W-6", "--progression progressive --ecog 3", "tace", "not-recommended"),
    // progression closes platinum, not PRRT (salvage rules).
    ("A-1", "--prior prrt --current none --progression progressive", "prrt", "consider"),
    (
        "A-1",
        "--differentiation poor --ki67 80 --prior platinum-etoposide --current none --progression progressive",
        "platinum-etoposide",
        "not-recommended",
    ),
    ("A-1", "--prior prrt --current prrt --progression progressive", "prrt", "not-recommended"),
    // prior treatment unknown: indications that need one are undetermined.
    ("A-4", "--prior ? --current ? --progression progressive", "cabozantinib", "undetermined"),
    (
        "A-4",
        "--differentiation poor --ki67 80 --prior ? --current ?",
        "active-surveillance",
        "undetermined",
    ),
    // SSA given, progression unknown: SSA keeps its own status.
    ("A-17", "--prior ssa --current ssa --progression ?", "ssa", "recommended"),
];

#[test]
fn every_change_of_rules_v2_has_its_status() {
    let mut failures = Vec::new();
    for (finding, changes, id, expected) in STATUSES {
        let r = report(changes);
        let got = text(&option(&r, id)["status"]);
        if got != *expected {
            failures.push(format!(
                "{finding}: {id} with [{changes}]: {got}, expected {expected}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// (finding, changes to BASE, option, note id, whether it must be shown)
const NOTES: &[(&str, &str, &str, &str, bool)] = &[
    ("D1", "--syndrome insulinoma", "ssa", "ssa.insulinoma", true),
    ("D4", "--liver-burden 30", "tace", "tempo.bulky", true),
    ("D4", "--liver-burden 30 --progression ?", "tace", "tempo.bulky_progression_unknown", true),
    ("D6", "--biliary-anastomosis yes", "ablation", "ablation.anastomosis", true),
    ("D6", "--biliary-anastomosis no", "ablation", "ablation.anastomosis", false),
    ("W1", "", "everolimus", "tempo.no_reason_drug", true),
    ("W1", "--progression ?", "everolimus", "tempo.answer_progression", true),
    ("W2", "--differentiation small-cell --ki67 80 --primary lung --prior platinum-etoposide --progression progressive", "nec-second-line", "second_line.thoracic", true),
    ("W4", "--differentiation poor --ki67 80 --prior platinum-etoposide", "platinum-etoposide", "course.finished", true),
    ("L5", "--resectable yes --sstr negative --progression progressive", "everolimus", "systemic.adjuvant", true),
    ("L5", "--resectable yes", "prrt", "systemic.adjuvant", false),
    ("L5", "--primary rectum", "transplant", "transplant.centre", false),
    ("L5", "", "transplant", "transplant.centre", true),
    ("L11", "--prior ssa --current ssa --progression progressive", "prrt", "prrt.compete", true),
    ("L12", "--age 58", "transplant", "transplant.age_us", true),
    ("L13", "--ecog 3 --syndrome vipoma", "tace", "performance.syndrome_driven", true),
    ("L13", "--ecog 3 --syndrome none", "tace", "performance.syndrome_driven", false),
    ("L15", "--progression progressive --ecog 3", "capecitabine-temozolomide", "systemic.ecog_cytotoxic", true),
    ("L15", "--progression progressive --ecog 3", "everolimus", "systemic.ecog", true),
    ("L16", "--resectable yes --ki67 12", "prrt", "systemic.sequencing", true),
    ("M1", "", "active-surveillance", "surveillance.alternative", true),
    ("M1", "", "ssa", "ssa.surveillance_alternative", true),
    ("M1", "--ki67 12", "ssa", "ssa.surveillance_alternative", false),
    ("M4", "--syndrome glucagonoma --ki67 12 --progression progressive", "prrt", "prrt.washout", true),
    ("M5", "--resectable yes --carcinoid-heart-disease severe", "resection", "heart.severe", true),
    ("M5", "--resectable yes --carcinoid-heart-disease mild", "resection", "heart.mild", true),
    ("M8", "--ecog 3", "best-supportive-care", "best_supportive_care.reversible", true),
    ("M8", "--ecog 3", "best-supportive-care", "best_supportive_care.palliative", true),
    ("M14", "--ki67 12", "prrt", "prrt.washout", true),
    ("M14", "--ki67 12 --liver-function impaired --progression progressive --sstr negative", "everolimus", "everolimus.liver_dose", true),
    ("M17", "", "transplant", "transplant.pancreas", true),
    ("D2", "--syndrome insulinoma", "ablation", "plan.insulinoma", true),
    ("D2", "--syndrome insulinoma", "ablation", "plan.carcinoid_crisis", false),
    ("D2", "--primary small-intestine", "ablation", "plan.carcinoid_crisis", true),
    ("D2", "", "ablation", "plan.carcinoid_crisis", false),
    ("D2", "--syndrome ?", "ablation", "plan.syndrome_not_recorded", true),
    ("D-1", "--prior prrt --current ?", "prrt", "course.unknown", true),
    ("D-2", "--differentiation small-cell --ki67 80 --primary lung --prior platinum-etoposide,immunotherapy-trial --current immunotherapy-trial", "active-surveillance", "immunotherapy.maintenance", true),
    ("D-3", "--differentiation poor --ki67 80 --ecog 4", "platinum-etoposide", "platinum.ps4", true),
    ("D-5", "--syndrome insulinoma --ki67 12", "prrt", "prrt.insulinoma", true),
    ("D-5", "--syndrome insulinoma --ki67 12", "prrt", "prrt.washout", false),
    ("D-6", "--syndrome insulinoma", "everolimus", "everolimus.insulinoma", true),
    ("D-8", "--tumour-symptoms yes", "tace", "tempo.symptoms", true),
    ("W-1", "--ki67 12 --prior ssa", "prrt", "prrt.netter2_after_ssa", true),
    ("W-5", "--ki67 30 --progression progressive --prior everolimus --current none", "prrt", "prrt.net_g3", true),
    ("W-6", "--ki67 12 --ecog 3", "prrt", "prrt.ecog3", true),
    ("A-1", "--prior prrt --current ? --progression progressive", "prrt", "prrt.if_under_way_stop", true),
    ("A-17", "--prior ssa --current ssa --progression ?", "ssa", "ssa.progression_unknown", true),
    ("L9", "--prior ssa --current ssa --progression progressive --sstr negative", "ssa", "ssa.backbone", false),
    ("L9", "--prior ssa --current ssa --progression progressive", "ssa", "ssa.backbone", true),
];

#[test]
fn every_note_of_rules_v2_is_where_the_rules_put_it() {
    let mut failures = Vec::new();
    for (finding, changes, id, note_id, shown) in NOTES {
        let r = report(changes);
        let notes = &option(&r, id)["notes"];
        if mentions(notes, &note(note_id)) != *shown {
            failures.push(format!(
                "{finding}: {id} with [{changes}]: {note_id} shown should be {shown}: {notes}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn recommended_options_say_which_preference_fired() {
    // L20 and L11: `because` names the population; absent unless recommended.
    for (changes, id, words) in [
        (
            "--primary small-intestine --prior ssa --current ssa --progression progressive",
            "prrt",
            "NETTER-1",
        ),
        ("--ki67 12", "prrt", "NETTER-2"),
        (SCLC, "immunotherapy-trial", "first line"),
        (
            "--ki67 5 --prior prrt --current prrt",
            "prrt",
            "complete the planned cycles",
        ),
        ("", "ssa", "first line"),
    ] {
        let r = report(changes);
        let o = option(&r, id);
        assert_eq!(o["status"], "recommended", "{id} [{changes}]");
        assert!(text(&o["because"]).contains(words), "{id} [{changes}]: {o}");
    }
    let r = report("--progression progressive");
    assert!(option(&r, "everolimus").get("because").is_none());
}

#[test]
fn missing_and_to_confirm_name_the_v2_answers() {
    // W1 / A-5: progression first; prior where form F counts and --prior is absent.
    let r = report("--progression ? --ki67 12 --prior ?");
    let prrt = strings(&option(&r, "prrt")["missing"]);
    assert_eq!(
        prrt.first().map(String::as_str),
        Some("progression"),
        "{prrt:?}"
    );
    assert!(prrt.contains(&"prior".to_owned()), "{prrt:?}");
    // D-8 / A-17: tumour symptoms not given are to confirm where T counts.
    let r = report("--tumour-symptoms ? --liver-burden 30");
    assert!(strings(&option(&r, "tace")["to_confirm"]).contains(&"tumour-symptoms".to_owned()));
    // D-1: the course state is missing while unknown.
    let r = report("--prior prrt --current ?");
    assert!(strings(&option(&r, "prrt")["missing"]).contains(&"current".to_owned()));
    // D6: the anastomosis is confirmed first for ablation.
    let r = report("--biliary-anastomosis ?");
    let ablation = strings(&option(&r, "ablation")["to_confirm"]);
    assert_eq!(
        ablation.first().map(String::as_str),
        Some("biliary-anastomosis")
    );
    // unknown carcinoid heart disease matters only where it is relevant.
    let r = report("--resectable yes --primary small-intestine --syndrome ?");
    let resection = strings(&option(&r, "resection")["to_confirm"]);
    assert!(
        resection.contains(&"carcinoid-heart-disease".to_owned()),
        "{resection:?}"
    );
    let r = report("--resectable yes");
    let resection = strings(&option(&r, "resection")["to_confirm"]);
    assert!(
        !resection.contains(&"carcinoid-heart-disease".to_owned()),
        "{resection:?}"
    );
    // W3: a lung NEC without its cell type names the differentiation.
    let r = report("--differentiation poor --ki67 80 --primary lung");
    let missing = strings(&option(&r, "immunotherapy-trial")["missing"]);
    assert!(
        missing.contains(&"differentiation".to_owned()),
        "{missing:?}"
    );
}

#[test]
fn the_ecog_4_exception_for_chemotherapy_naive_nec_is_stated_once() {
    let r = report("--differentiation poor --ki67 80 --ecog 4 --prior platinum-etoposide");
    let platinum = option(&r, "platinum-etoposide");
    let ids: Vec<&str> = platinum["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["id"].as_str())
        .collect();
    assert_eq!(
        ids.iter().filter(|id| **id == "chemotherapy-naive").count(),
        1,
        "{ids:?}"
    );
}

#[test]
fn cautions_are_their_own_kind() {
    let r = report("--biliary-anastomosis yes");
    let ablation = option(&r, "ablation");
    let caution = criterion(ablation, "biliary-anastomosis").unwrap();
    assert_eq!(caution["kind"], "caution");
    assert_eq!(caution["result"], "met");
}

#[test]
fn the_approach_stage_opens_every_report() {
    let r = report("");
    let stages: Vec<String> = r["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| text(&s["id"]))
        .collect();
    assert_eq!(stages, ["approach", "local", "liver-directed", "systemic"]);
    for id in ["active-surveillance", "best-supportive-care"] {
        assert!(!text(&option_in(&r, "approach", id)["status"]).is_empty());
    }
    let r = report("--syndrome carcinoid");
    let stages: Vec<String> = r["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| text(&s["id"]))
        .collect();
    assert_eq!(stages[..2], ["approach", "symptoms"]);
}

#[test]
fn contradictory_treatment_lists_are_refused() {
    // rules.md §3.3 and §7: exit 2 on the command line, with the reason.
    for (args, words) in [
        (
            "--prior none --current ssa",
            "`--prior none` says untreated",
        ),
        // Both on the command line: the second flag is named, with its value as typed.
        (
            "--prior none --current Octreotide",
            "netriage: invalid value 'Octreotide' for --current: expected none, since --prior none \
             says untreated",
        ),
        (
            "--current best-supportive-care",
            "'best-supportive-care' is not a treatment",
        ),
        (
            "--prior active-surveillance",
            "'active-surveillance' is not a treatment",
        ),
        (
            "--prior none,ssa",
            "'none' cannot be listed together with a treatment",
        ),
    ] {
        let mut argv = vec!["assess".to_owned(), "--ki67".to_owned(), "5".to_owned()];
        argv.extend(args.split_whitespace().map(str::to_owned));
        let out = crate::common::netriage(&argv);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args}: {stderr}");
        assert!(stderr.contains(words), "{args}: {stderr}");
    }
}

#[test]
fn the_surveillance_ki67_cut_off_says_when_it_is_not_applied() {
    // A lung carcinoid is not graded by Ki-67 (rules.md §4.0): the criterion is met whatever the
    // Ki-67, and its sentence says why rather than read "Ki-67 below 10 %: met (25 %)".
    let r = report("--primary lung --ki67 25 --mitoses 1 --necrosis no");
    let surveillance = option(&r, "active-surveillance");
    let c = criterion(surveillance, "ki67-low").expect("the Ki-67 criterion");
    assert_eq!(c["result"], "met", "{c}");
    assert_eq!(
        c["text"], "Ki-67 below 10 % (not applied to a thoracic carcinoid)",
        "{c}"
    );
    let r = report("--ki67 5");
    let surveillance = option(&r, "active-surveillance");
    let c = criterion(surveillance, "ki67-low").expect("the Ki-67 criterion");
    assert_eq!(c["text"], "Ki-67 below 10 %", "{c}");
}
