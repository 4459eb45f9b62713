//! Option statuses of the JSON report (rules.md §3–§4): one case per row of the option tables
//! and per cross-cutting rule, each a change to the fully answered `BASE` (NET G2 Ki-67 5 %,
//! pancreas, unresectable, SSTR-positive, stable, untreated). The rows are assessed in-process
//! through the library; `the_binary_prints_what_the_library_assesses` runs `netriage assess
//! --format json` on a sample of the same rows and wants the same bytes.

use crate::common::{
    assess, builtin, criterion, flags, mentions, netriage, note, option, patient, report_text,
    status, strings, text, BASE,
};

const NEC: &str = "--differentiation poor --ki67 80";
const NET_G3: &str = "--ki67 30";

/// (changes to BASE, option, expected status)
const CASES: &[(&str, &str, &str)] = &[
    // The base itself.
    ("", "resection", "not-recommended"),
    ("", "ablation", "consider"),
    ("", "transplant", "consider"),
    ("", "tace", "not-recommended"),
    ("", "tare", "not-recommended"),
    ("", "ssa", "recommended"),
    ("", "everolimus", "not-recommended"),
    ("", "sunitinib", "not-recommended"),
    ("", "surufatinib", "not-recommended"),
    ("", "cabozantinib", "not-recommended"),
    ("", "capecitabine-temozolomide", "not-recommended"),
    ("", "streptozocin", "not-recommended"),
    ("", "platinum-etoposide", "not-recommended"),
    ("", "nec-second-line", "not-recommended"),
    ("", "prrt", "not-recommended"),
    ("", "immunotherapy-trial", "not-recommended"),
    // Resection.
    ("--resectable yes", "resection", "recommended"),
    ("--resectable yes --extrahepatic yes", "resection", "consider"),
    ("--resectable yes --ki67 30", "resection", "consider"),
    ("--resectable yes --differentiation poor --ki67 80", "resection", "not-recommended"),
    ("--resectable ?", "resection", "undetermined"),
    ("--resectable yes --extrahepatic ?", "resection", "undetermined"),
    ("--resectable yes --ecog 3", "resection", "not-recommended"),
    ("--resectable yes --ecog 2", "resection", "recommended"),
    ("--resectable yes --liver-function impaired", "resection", "not-recommended"),
    ("--resectable yes --liver-function ?", "resection", "consider"),
    ("--resectable yes --ki67 30 --differentiation ?", "resection", "undetermined"),
    // Ablation.
    ("--largest-cm 5", "ablation", "consider"),
    ("--largest-cm 5.1", "ablation", "not-recommended"),
    ("--largest-cm ?", "ablation", "undetermined"),
    ("--extrahepatic yes", "ablation", "not-recommended"),
    ("--extrahepatic ?", "ablation", "undetermined"),
    ("--ecog 3", "ablation", "not-recommended"),
    (NEC, "ablation", "not-recommended"),
    (NET_G3, "ablation", "consider"),
    // Transplant (Milan-NET).
    ("--ki67 9.9", "transplant", "consider"),
    ("--ki67 12", "transplant", "consider"),
    (NET_G3, "transplant", "not-recommended"),
    (NEC, "transplant", "not-recommended"),
    ("--ki67 30 --differentiation ?", "transplant", "not-recommended"),
    ("--primary stomach", "transplant", "consider"),
    ("--primary duodenum", "transplant", "consider"),
    ("--primary small-intestine", "transplant", "consider"),
    ("--primary appendix", "transplant", "consider"),
    ("--primary colon", "transplant", "consider"),
    ("--primary rectum", "transplant", "not-recommended"),
    ("--primary lung", "transplant", "not-recommended"),
    ("--primary thymus", "transplant", "not-recommended"),
    ("--primary other", "transplant", "not-recommended"),
    ("--primary unknown", "transplant", "not-recommended"),
    ("--primary ?", "transplant", "undetermined"),
    ("--primary-resected no", "transplant", "not-recommended"),
    ("--primary-resected ?", "transplant", "undetermined"),
    ("--extrahepatic yes", "transplant", "not-recommended"),
    ("--liver-burden 50", "transplant", "consider"),
    ("--liver-burden 50.5", "transplant", "not-recommended"),
    ("--liver-burden ?", "transplant", "undetermined"),
    ("--stable-months 6", "transplant", "consider"),
    ("--stable-months 5", "transplant", "not-recommended"),
    ("--progression progressive --stable-months ?", "transplant", "not-recommended"),
    ("--progression stable --stable-months ?", "transplant", "consider"),
    ("--progression ? --stable-months 8", "transplant", "consider"),
    ("--progression ? --stable-months ?", "transplant", "undetermined"),
    ("--age 55", "transplant", "consider"),
    ("--age 56", "transplant", "consider"),
    ("--age 59", "transplant", "consider"),
    ("--age 60", "transplant", "not-recommended"),
    ("--age ?", "transplant", "undetermined"),
    ("--resectable yes", "transplant", "not-recommended"),
    ("--resectable ?", "transplant", "undetermined"),
    // TACE.
    (NET_G3, "tace", "not-recommended"),
    (NEC, "tace", "not-recommended"),
    ("--differentiation ? --ki67 30", "tace", "not-recommended"),
    ("--resectable yes", "tace", "not-recommended"),
    ("--resectable yes --syndrome carcinoid", "tace", "consider"),
    ("--resectable ? --syndrome ?", "tace", "undetermined"),
    ("--resectable ? --syndrome carcinoid", "tace", "consider"),
    ("--biliary-anastomosis yes", "tace", "not-recommended"),
    ("--biliary-anastomosis ?", "tace", "not-recommended"),
    ("--portal-vein-thrombosis yes", "tace", "not-recommended"),
    ("--portal-vein-thrombosis ?", "tace", "not-recommended"),
    ("--liver-function impaired", "tace", "not-recommended"),
    ("--liver-function ?", "tace", "not-recommended"),
    ("--liver-burden 75", "tace", "not-recommended"),
    ("--liver-burden 74.9", "tace", "consider"),
    ("--ecog 3", "tace", "not-recommended"),
    ("--extrahepatic yes", "tace", "not-recommended"),
    ("--lesions 1", "tace", "not-recommended"),
    ("--lesions 1 --liver-burden 25", "tace", "consider"),
    ("--lesions 1 --progression progressive", "tace", "recommended"),
    ("--lesions 1 --syndrome gastrinoma", "tace", "not-recommended"),
    ("--lesions 1 --liver-burden ?", "tace", "undetermined"),
    // TARE.
    (NEC, "tare", "not-recommended"),
    ("--resectable yes", "tare", "not-recommended"),
    ("--resectable yes --syndrome vipoma", "tare", "consider"),
    ("--liver-function impaired", "tare", "not-recommended"),
    ("--ecog 3", "tare", "not-recommended"),
    ("--liver-burden 75", "tare", "not-recommended"),
    ("--portal-vein-thrombosis yes", "tare", "not-recommended"),
    ("--biliary-anastomosis yes", "tare", "not-recommended"),
    ("--biliary-anastomosis ?", "tare", "not-recommended"),
    // SSA.
    ("--sstr negative", "ssa", "not-recommended"),
    ("--sstr ?", "ssa", "undetermined"),
    ("--ki67 10", "ssa", "recommended"),
    ("--ki67 10.5", "ssa", "consider"),
    (NET_G3, "ssa", "consider"),
    (NEC, "ssa", "not-recommended"),
    ("--ki67 ? --mitoses 1", "ssa", "recommended"),
    ("--ki67 ? --mitoses 5", "ssa", "consider"),
    ("--ki67 30 --differentiation ?", "ssa", "undetermined"),
    ("--ki67 30 --differentiation ? --sstr negative", "ssa", "not-recommended"),
    // Everolimus.
    ("--sstr negative --progression progressive", "everolimus", "recommended"),
    ("--sstr negative", "everolimus", "not-recommended"),
    ("--primary other --sstr negative --progression progressive", "everolimus", "consider"),
    ("--primary unknown --sstr negative --progression progressive", "everolimus", "recommended"),
    ("--primary rectum --sstr negative --progression progressive", "everolimus", "recommended"),
    ("--syndrome carcinoid --sstr negative --progression progressive", "everolimus", "consider"),
    ("--primary ?", "everolimus", "not-recommended"),
    (NEC, "everolimus", "not-recommended"),
    (NET_G3, "everolimus", "not-recommended"),
    ("--primary lung --ki67 ? --mitoses 5", "everolimus", "not-recommended"),
    ("--primary lung --ki67 ? --mitoses 1 --necrosis no", "everolimus", "not-recommended"),
    ("--primary lung --ki67 ? --mitoses 1", "everolimus", "not-recommended"),
    // Sunitinib, surufatinib.
    ("--primary small-intestine", "sunitinib", "not-recommended"),
    ("--primary ?", "sunitinib", "not-recommended"),
    (NEC, "sunitinib", "not-recommended"),
    ("--ki67 30 --differentiation ? --primary small-intestine", "sunitinib", "not-recommended"),
    ("--primary small-intestine", "surufatinib", "not-recommended"),
    (NEC, "surufatinib", "not-recommended"),
    // Cabozantinib.
    ("--prior everolimus", "cabozantinib", "not-recommended"),
    ("--prior prrt", "cabozantinib", "not-recommended"),
    ("--prior ssa", "cabozantinib", "not-recommended"),
    ("--prior ssa,tace", "cabozantinib", "not-recommended"),
    ("--prior ?", "cabozantinib", "not-recommended"),
    (NEC, "cabozantinib", "not-recommended"),
    // Capecitabine-temozolomide.
    ("--primary small-intestine", "capecitabine-temozolomide", "not-recommended"),
    ("--primary appendix", "capecitabine-temozolomide", "not-recommended"),
    ("--primary lung", "capecitabine-temozolomide", "not-recommended"),
    ("--primary ?", "capecitabine-temozolomide", "not-recommended"),
    ("--ki67 30 --sstr negative", "capecitabine-temozolomide", "recommended"),
    ("--ki67 55 --sstr negative", "capecitabine-temozolomide", "recommended"),
    ("--ki67 60 --sstr negative", "capecitabine-temozolomide", "consider"),
    ("--ki67 30", "capecitabine-temozolomide", "consider"),
    ("--ki67 30 --sstr ?", "capecitabine-temozolomide", "consider"),
    (
        "--ki67 30 --sstr negative --primary small-intestine",
        "capecitabine-temozolomide",
        "recommended",
    ),
    (NEC, "capecitabine-temozolomide", "not-recommended"),
    ("--differentiation poor --ki67 80 --prior platinum-etoposide", "capecitabine-temozolomide", "not-recommended"),
    ("--differentiation poor --ki67 80 --prior ?", "capecitabine-temozolomide", "not-recommended"),
    // Streptozocin.
    ("--primary small-intestine", "streptozocin", "not-recommended"),
    ("--primary ?", "streptozocin", "not-recommended"),
    (NET_G3, "streptozocin", "not-recommended"),
    ("--ki67 30 --differentiation ?", "streptozocin", "not-recommended"),
    // Platinum-etoposide.
    (NEC, "platinum-etoposide", "recommended"),
    ("--differentiation poor --ki67 30", "platinum-etoposide", "recommended"),
    ("--differentiation poor --ki67 ?", "platinum-etoposide", "recommended"),
    ("--ki67 60", "platinum-etoposide", "consider"),
    ("--ki67 55", "platinum-etoposide", "not-recommended"),
    ("--ki67 30", "platinum-etoposide", "not-recommended"),
    ("--ki67 ? --mitoses 25", "platinum-etoposide", "undetermined"),
    ("--ki67 30 --differentiation ?", "platinum-etoposide", "undetermined"),
    // Second line for NEC.
    (
        "--differentiation poor --ki67 80 --prior platinum-etoposide --progression progressive",
        "nec-second-line",
        "recommended",
    ),
    ("--differentiation poor --ki67 80 --prior platinum-etoposide", "nec-second-line", "not-recommended"),
    ("--differentiation poor --ki67 80 --progression progressive", "nec-second-line", "not-recommended"),
    (
        "--differentiation poor --ki67 80 --prior ? --progression progressive",
        "nec-second-line",
        "undetermined",
    ),
    (
        "--differentiation poor --ki67 80 --prior platinum-etoposide --progression ?",
        "nec-second-line",
        "undetermined",
    ),
    ("--prior platinum-etoposide --progression progressive", "nec-second-line", "not-recommended"),
    // PRRT.
    ("--ki67 12", "prrt", "recommended"),
    ("--ki67 30", "prrt", "recommended"),
    ("--ki67 55", "prrt", "recommended"),
    ("--ki67 55.1", "prrt", "not-recommended"),
    ("--ki67 9.9", "prrt", "not-recommended"),
    ("--ki67 12 --prior ssa", "prrt", "consider"),
    ("--ki67 12 --prior ssa,tace", "prrt", "not-recommended"),
    ("--ki67 12 --prior everolimus", "prrt", "not-recommended"),
    ("--ki67 12 --prior ?", "prrt", "undetermined"),
    ("--primary small-intestine --prior ssa --progression progressive", "prrt", "recommended"),
    ("--primary small-intestine --prior ssa", "prrt", "not-recommended"),
    ("--primary small-intestine --prior none --progression progressive", "prrt", "consider"),
    ("--primary lung --ki67 12", "prrt", "not-recommended"),
    ("--primary thymus --ki67 12", "prrt", "not-recommended"),
    ("--sstr negative", "prrt", "not-recommended"),
    ("--sstr ?", "prrt", "not-recommended"),
    ("--liver-function impaired", "prrt", "not-recommended"),
    ("--ecog 3", "prrt", "not-recommended"),
    (NEC, "prrt", "not-recommended"),
    ("--ki67 ? --mitoses 1", "prrt", "undetermined"),
    ("--ki67 30 --differentiation ? --sstr negative", "prrt", "not-recommended"),
    // Immunotherapy.
    (NET_G3, "immunotherapy-trial", "consider"),
    (NEC, "immunotherapy-trial", "consider"),
    ("--differentiation poor --ki67 80 --primary lung", "immunotherapy-trial", "consider"),
    ("--differentiation poor --ki67 80 --primary thymus", "immunotherapy-trial", "consider"),
    ("--ki67 30 --differentiation ? --primary lung --mitoses ?", "immunotherapy-trial", "consider"),
    // ECOG 3 caps antiproliferative drugs (not SSA); ECOG 4 rules out cytotoxics.
    ("--sstr negative --progression progressive --ecog 3", "everolimus", "consider"),
    ("--differentiation poor --ki67 80 --ecog 3", "platinum-etoposide", "consider"),
    ("--ki67 30 --sstr negative --ecog 3", "capecitabine-temozolomide", "consider"),
    ("--ecog 3", "ssa", "recommended"),
    ("--ecog 4", "ssa", "not-recommended"),
    ("--differentiation poor --ki67 80 --ecog 4", "platinum-etoposide", "consider"),
    ("--ecog 4", "capecitabine-temozolomide", "not-recommended"),
    ("--ecog 4", "streptozocin", "not-recommended"),
    (
        "--differentiation poor --ki67 80 --prior platinum-etoposide --progression progressive --ecog 4",
        "nec-second-line",
        "not-recommended",
    ),
    ("--sstr negative --progression progressive --ecog 4", "everolimus", "not-recommended"),
    ("--ecog 4", "sunitinib", "not-recommended"),
    // Resection recommended with curative intent caps antiproliferative options.
    ("--resectable yes --sstr negative --progression progressive", "everolimus", "consider"),
    ("--resectable yes --ki67 12", "prrt", "consider"),
    ("--resectable yes", "ssa", "consider"),
    ("--resectable yes --extrahepatic yes", "ssa", "recommended"),
    // Carcinoid syndrome: heart disease unknown holds resection at consider, so no
    // adjuvant cap on SSA.
    ("--resectable yes --syndrome carcinoid", "ssa", "recommended"),
    (
        "--resectable yes --syndrome carcinoid --carcinoid-heart-disease none",
        "ssa",
        "consider",
    ),
    // NET G3 resection is `consider` only, so nothing is capped.
    ("--resectable yes --ki67 30 --sstr negative", "capecitabine-temozolomide", "recommended"),
    // High-grade (differentiation unknown) where NET G3 and NEC differ.
    ("--ki67 30 --differentiation ?", "capecitabine-temozolomide", "undetermined"),
    ("--ki67 30 --differentiation ?", "everolimus", "not-recommended"),
    ("--ki67 30 --differentiation ?", "immunotherapy-trial", "consider"),
    // Prior treatment with progression.
    ("--prior everolimus --progression progressive --sstr negative", "everolimus", "not-recommended"),
    ("--prior everolimus --progression stable --sstr negative", "everolimus", "not-recommended"),
    ("--prior everolimus --progression ?", "everolimus", "undetermined"),
    ("--prior sunitinib --progression progressive", "sunitinib", "not-recommended"),
    ("--prior surufatinib --progression progressive", "surufatinib", "not-recommended"),
    ("--prior sunitinib,cabozantinib --progression progressive", "cabozantinib", "not-recommended"),
    ("--prior capecitabine-temozolomide --progression progressive", "capecitabine-temozolomide", "not-recommended"),
    ("--prior streptozocin --progression progressive", "streptozocin", "not-recommended"),
    (
        "--differentiation poor --ki67 80 --prior platinum-etoposide --progression progressive",
        "platinum-etoposide",
        "not-recommended",
    ),
    (
        "--differentiation poor --ki67 80 --prior platinum-etoposide,nec-second-line --progression progressive",
        "nec-second-line",
        "not-recommended",
    ),
    ("--ki67 30 --prior immunotherapy-trial --progression progressive", "immunotherapy-trial", "not-recommended"),
    ("--prior ssa --progression progressive", "ssa", "consider"),
    ("--prior ssa --progression stable", "ssa", "recommended"),
    ("--prior tace --progression progressive", "tace", "consider"),
    ("--prior tace --progression stable", "tace", "not-recommended"),
    ("--prior resection --progression progressive --resectable yes", "resection", "consider"),
    ("--prior ssa,prrt --progression progressive --primary small-intestine", "prrt", "consider"),
    ("--prior ablation --progression progressive", "ablation", "consider"),
    ("--prior tare --progression progressive", "tare", "consider"),
];

#[test]
fn every_row_of_the_option_tables() {
    let mut failures = Vec::new();
    for (changes, id, expected) in CASES {
        let got = status(&assess(changes), id);
        if got != *expected {
            failures.push(format!("{id} with [{changes}]: {got}, expected {expected}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_binary_prints_what_the_library_assesses() {
    // Every seventh row (about forty runs), and the rows of the base itself: the command line
    // (flag parsing, validation, the JSON writer) adds nothing to the report the rules made.
    let sample = CASES.iter().step_by(7).map(|(changes, _, _)| *changes);
    for changes in std::iter::once("").chain(sample) {
        let args = flags(BASE, changes);
        let mut argv = vec!["assess".to_owned()];
        argv.extend(args.iter().cloned());
        argv.extend(["--format".to_owned(), "json".to_owned()]);
        let out = netriage(&argv);
        assert!(out.status.success(), "[{changes}]: {:?}", out.status);
        let printed = String::from_utf8(out.stdout).unwrap();
        assert_eq!(
            printed,
            report_text(&patient(&args), builtin()),
            "[{changes}]"
        );
    }
}

/// (changes, option, fields that must be in `missing`, fields that must not be)
const MISSING: &[(&str, &str, &[&str], &[&str])] = &[
    ("--resectable ?", "resection", &["resectable"], &[]),
    (
        "--resectable yes --extrahepatic ?",
        "resection",
        &["extrahepatic"],
        &[],
    ),
    ("--largest-cm ?", "ablation", &["largest-cm"], &[]),
    ("--age ?", "transplant", &["age"], &[]),
    (
        "--progression ? --stable-months ?",
        "transplant",
        &["progression", "stable-months"],
        &[],
    ),
    ("--sstr ?", "ssa", &["sstr"], &[]),
    ("--primary ?", "everolimus", &["primary"], &[]),
    ("--prior ?", "cabozantinib", &["prior"], &[]),
    ("--ki67 ? --mitoses 1", "prrt", &["ki67"], &[]),
    (
        "--resectable ? --syndrome ?",
        "tace",
        &["resectable", "syndrome"],
        &[],
    ),
    // Only unanswered fields are named: the differentiation was given.
    (
        "--ki67 ? --mitoses 25",
        "platinum-etoposide",
        &["ki67"],
        &["differentiation"],
    ),
    (
        "--differentiation poor --ki67 80 --prior ?",
        "capecitabine-temozolomide",
        &["prior"],
        &["differentiation"],
    ),
    // A not-recommended option still lists the unknown answers.
    ("--resectable ? --ecog 3", "resection", &["resectable"], &[]),
    // A preference left unknown names what would make the option recommended.
    ("--ki67 ? --mitoses 5", "ssa", &["ki67"], &[]),
    (
        "--lesions 1 --liver-burden ?",
        "tace",
        &["liver-burden"],
        &[],
    ),
    // A lung carcinoid graded without mitoses: the mitotic count settles typical vs atypical.
    (
        "--primary lung --ki67 5 --necrosis no --mitoses ? --progression progressive",
        "everolimus",
        &["mitoses"],
        &[],
    ),
];

#[test]
fn unknown_answers_are_named_in_missing() {
    for (changes, id, present, absent) in MISSING {
        let r = assess(changes);
        let missing = strings(&option(&r, id)["missing"]);
        for f in *present {
            assert!(
                missing.contains(&(*f).to_owned()),
                "{id} [{changes}]: {missing:?}"
            );
        }
        for f in *absent {
            assert!(
                !missing.contains(&(*f).to_owned()),
                "{id} [{changes}]: {missing:?}"
            );
        }
    }
}

#[test]
fn high_grade_puts_differentiation_first_in_missing() {
    // Progressive, so that the gated options are open as NET G3 and differ from NEC (v2, W1).
    let r = assess("--ki67 30 --differentiation ? --progression progressive");
    for id in [
        "ablation",
        "tace",
        "tare",
        "ssa",
        "everolimus",
        "surufatinib",
        "capecitabine-temozolomide",
        "platinum-etoposide",
    ] {
        assert_eq!(status(&r, id), "undetermined", "{id}");
        let missing = strings(&option(&r, id)["missing"]);
        assert_eq!(
            missing.first().map(String::as_str),
            Some("differentiation"),
            "{id}"
        );
    }
    for id in ["transplant", "streptozocin"] {
        assert_eq!(status(&r, id), "not-recommended", "{id}");
    }
}

#[test]
fn unknown_contraindications_are_to_confirm_and_safety_critical_ones_first() {
    // (changes, option, expected first entry of to_confirm, other entries that must be listed)
    for (changes, id, first, also) in [
        (
            "--biliary-anastomosis ? --liver-function ?",
            "tace",
            "biliary-anastomosis",
            &["liver-function"][..],
        ),
        (
            "--portal-vein-thrombosis ? --ecog ?",
            "tace",
            "portal-vein-thrombosis",
            &["ecog"][..],
        ),
        (
            "--biliary-anastomosis ? --tumour-symptoms ?",
            "tare",
            "biliary-anastomosis",
            &["tumour-symptoms"][..],
        ),
        // D3: liver burden is safety-critical for embolisation now, ahead of the rest.
        (
            "--liver-burden ? --tumour-symptoms ?",
            "tace",
            "liver-burden",
            &["tumour-symptoms"][..],
        ),
        ("--liver-function ?", "tace", "liver-function", &[][..]),
        ("--resectable yes --ecog ?", "resection", "ecog", &[][..]),
    ] {
        let r = assess(changes);
        let o = option(&r, id);
        let to_confirm = strings(&o["to_confirm"]);
        assert_eq!(
            to_confirm.first().map(String::as_str),
            Some(first),
            "{id} [{changes}]"
        );
        for f in also {
            assert!(
                to_confirm.contains(&(*f).to_owned()),
                "{id} [{changes}]: {to_confirm:?}"
            );
        }
    }
}

#[test]
fn criteria_carry_their_kind_and_failing_ones_are_named() {
    let r = assess("--biliary-anastomosis yes --resectable yes");
    let tace = option(&r, "tace");
    let criteria = tace["criteria"].as_array().unwrap();
    for c in criteria {
        assert!(
            ["indication", "contraindication", "caution"].contains(&c["kind"].as_str().unwrap()),
            "{c}"
        );
        assert!(
            ["met", "not-met", "unknown"].contains(&c["result"].as_str().unwrap()),
            "{c}"
        );
    }
    let present = criteria
        .iter()
        .find(|c| c["id"] == "biliary-anastomosis")
        .unwrap();
    assert_eq!(present["kind"], "contraindication");
    assert_eq!(present["result"], "met");
    let unresectable = criteria
        .iter()
        .find(|c| c["id"] == "unresectable-or-syndrome")
        .unwrap();
    assert_eq!(unresectable["result"], "not-met");
}

/// (changes, option, note id that must be among the option's notes)
const NOTES: &[(&str, &str, &str)] = &[
    (
        "--resectable yes --extrahepatic yes",
        "resection",
        "resection.extrahepatic",
    ),
    (
        "--resectable yes --ki67 30",
        "resection",
        "resection.net_g3",
    ),
    (
        "--resectable yes --lesions 1",
        "resection",
        "pattern.simple",
    ),
    (
        "--resectable yes --pattern diffuse --lesions 1",
        "resection",
        "pattern.simple",
    ),
    ("--pattern complex", "resection", "pattern.complex"),
    ("--largest-cm 4", "ablation", "ablation.large"),
    ("--lesions 6", "ablation", "ablation.adjunct"),
    ("--ki67 12", "transplant", "transplant.ki67_band"),
    ("--age 57", "transplant", "transplant.age_us"),
    ("", "transplant", "transplant.centre"),
    // For symptom control only (the S or T branch of the reason to treat).
    (
        "--extrahepatic yes --syndrome carcinoid",
        "tace",
        "embolisation.extrahepatic",
    ),
    ("", "tace", "embolisation.caudate"),
    (NEC, "tace", "embolisation.nec"),
    (NEC, "tare", "embolisation.nec"),
    (
        "--biliary-anastomosis yes",
        "tare",
        "embolisation.tare_biliary",
    ),
    (
        "--portal-vein-thrombosis yes",
        "tare",
        "embolisation.tare_pvt",
    ),
    ("--prior prrt", "tare", "embolisation.tare_after_prrt"),
    ("--ki67 12", "ssa", "ssa.ki67_high"),
    ("--primary other", "everolimus", "everolimus.extrapolated"),
    (
        "--syndrome carcinoid",
        "everolimus",
        "everolimus.carcinoid_syndrome",
    ),
    (NET_G3, "everolimus", "everolimus.net_g3"),
    ("", "surufatinib", "surufatinib.approval"),
    (
        "--primary small-intestine",
        "capecitabine-temozolomide",
        "captem.midgut",
    ),
    ("", "capecitabine-temozolomide", "captem.pancreas"),
    (
        "--differentiation poor --ki67 30",
        "platinum-etoposide",
        "platinum.nec_low_ki67",
    ),
    ("--ki67 60", "platinum-etoposide", "platinum.net_g3_high"),
    (
        "--differentiation poor --ki67 80 --prior platinum-etoposide --progression progressive",
        "platinum-etoposide",
        "platinum.rechallenge",
    ),
    // W-1: the NETTER-2 population after SSA is held at consider, with the trial's limits.
    ("--ki67 12 --prior ssa", "prrt", "prrt.netter2_after_ssa"),
    ("--primary lung --ki67 12", "prrt", "prrt.thoracic"),
    (
        "--prior ssa,prrt --progression progressive",
        "prrt",
        "prrt.salvage",
    ),
    (
        "--prior tace --progression progressive",
        "tace",
        "systemic.embolisation_retreat",
    ),
    (
        "--prior tare --progression progressive",
        "tare",
        "systemic.tare_retreat",
    ),
    (
        "--prior ssa --progression progressive",
        "ssa",
        "ssa.backbone",
    ),
    (
        "--differentiation small-cell --ki67 80 --primary lung",
        "immunotherapy-trial",
        "immunotherapy.thoracic_nec",
    ),
    (NET_G3, "immunotherapy-trial", "immunotherapy.trial"),
    (
        "--sstr negative --progression progressive --ecog 3",
        "everolimus",
        "systemic.ecog",
    ),
    // L5: only where the cap lowered a `recommended` (SSA first line, Ki-67 5 %).
    ("--resectable yes", "ssa", "systemic.adjuvant"),
    ("--resectable yes", "ssa", "systemic.adjuvant"),
];

#[test]
fn options_carry_the_notes_the_rules_ask_for() {
    let mut failures = Vec::new();
    for (changes, id, note_id) in NOTES {
        let r = assess(changes);
        if !mentions(&option(&r, id)["notes"], &note(note_id)) {
            failures.push(format!("{id} [{changes}]: no note {note_id}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn progression_on_a_continuous_drug_is_a_contraindication_met() {
    // Progressed on it: present. Stable or progression unknown: the reason-to-treat gate and
    // continuation decide instead (rules.md §3.1, §3.3), so the criterion is not there.
    for (changes, present) in [
        ("--prior everolimus --progression progressive", true),
        ("--prior everolimus --progression stable", false),
        ("--prior everolimus --progression ?", false),
    ] {
        let r = assess(changes);
        let everolimus = option(&r, "everolimus");
        let c = criterion(everolimus, "progressed-on-it");
        assert_eq!(c.is_some(), present, "[{changes}]");
        if let Some(c) = c {
            assert_eq!(c["kind"], "contraindication");
            assert_eq!(c["result"], "met", "[{changes}]");
        }
    }
    // Not listed in --prior: no such criterion.
    let r = assess("--prior sunitinib --progression progressive");
    let everolimus = option(&r, "everolimus");
    assert!(!everolimus["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["id"] == "progressed-on-it"));
}

#[test]
fn an_unknown_preference_gives_consider_with_a_note_naming_the_answer() {
    // Syndrome-driven embolisation: recommended only when progressive, liver-only and
    // unresectable (D4); extrahepatic disease unknown leaves the preference open.
    let r = assess("--syndrome carcinoid --progression progressive --extrahepatic ?");
    let tace = option(&r, "tace");
    assert_eq!(tace["status"], "consider");
    // The note names the answer by its question, as the text report does.
    assert!(mentions(&tace["notes"], "Disease outside the liver"));
    assert!(strings(&tace["missing"]).contains(&"extrahepatic".to_owned()));
}

/// (changes, warning note id, expected to be shown)
/// (changes to BASE, note id, shown). Report-level warnings (rules.md §6) are read from
/// `warnings`; grade warnings (`grade.*`, L1) from `grade.warnings`, never repeated in `warnings`.
const WARNINGS: &[(&str, &str, bool)] = &[
    ("--biliary-anastomosis ?", "symptoms.whipple", true),
    (
        "--biliary-anastomosis ? --primary duodenum",
        "symptoms.whipple",
        true,
    ),
    (
        "--biliary-anastomosis ? --primary small-intestine",
        "symptoms.whipple",
        false,
    ),
    (
        "--biliary-anastomosis ? --primary-resected no",
        "symptoms.whipple",
        false,
    ),
    (
        "--biliary-anastomosis ? --primary-resected ?",
        "symptoms.whipple",
        false,
    ),
    ("--biliary-anastomosis no", "symptoms.whipple", false),
    ("--biliary-anastomosis yes", "symptoms.whipple", false),
    // The radioembolisation caution after a bilio-enteric anastomosis, while TARE is open.
    (
        "--biliary-anastomosis yes --progression progressive --stable-months ?",
        "embolisation.tare_biliary",
        true,
    ),
    (
        "--biliary-anastomosis yes --differentiation poor --ki67 80",
        "embolisation.tare_biliary",
        false,
    ),
    (
        "--biliary-anastomosis no",
        "embolisation.tare_biliary",
        false,
    ),
    ("--ki67 0.5", "grade.ki67_fraction", true),
    ("--ki67 0.99", "grade.ki67_fraction", true),
    ("--ki67 1", "grade.ki67_fraction", false),
    ("--ki67 0", "grade.ki67_fraction", false),
    (
        "--lesions 1 --pattern complex",
        "pattern.single_lesion_conflict",
        true,
    ),
    (
        "--lesions 1 --pattern diffuse",
        "pattern.single_lesion_conflict",
        true,
    ),
    (
        "--lesions 1 --pattern simple",
        "pattern.single_lesion_conflict",
        false,
    ),
    (
        "--lesions 2 --pattern diffuse",
        "pattern.single_lesion_conflict",
        false,
    ),
    // Type I is a single metastasis: `simple` with more lesions is a conflict too.
    (
        "--lesions 3 --pattern simple",
        "pattern.simple_several_lesions",
        true,
    ),
    (
        "--lesions 1 --pattern simple",
        "pattern.simple_several_lesions",
        false,
    ),
    (
        "--lesions ? --pattern simple",
        "pattern.simple_several_lesions",
        false,
    ),
    (
        "--lesions 3 --pattern complex",
        "pattern.simple_several_lesions",
        false,
    ),
    (
        "--pattern complex --bilobar no",
        "pattern.complex_not_bilobar",
        true,
    ),
    (
        "--pattern complex --bilobar yes",
        "pattern.complex_not_bilobar",
        false,
    ),
    (
        "--pattern diffuse --bilobar no",
        "pattern.complex_not_bilobar",
        false,
    ),
    (
        "--prior ssa --progression progressive",
        "systemic.prior_ambiguous",
        true,
    ),
    (
        "--prior none --progression progressive",
        "systemic.prior_ambiguous",
        false,
    ),
    (
        "--prior ssa --progression stable",
        "systemic.prior_ambiguous",
        false,
    ),
    (
        "--progression progressive --stable-months 8",
        "symptoms.stability_conflict",
        true,
    ),
    // D1: the insulinoma SSA caution once as a warning.
    ("--syndrome insulinoma", "ssa.insulinoma", true),
    ("--syndrome vipoma", "ssa.insulinoma", false),
    // D2, A-8, L5: the peri-procedural plan by syndrome and site (rules.md §4.7), once.
    ("", "plan.carcinoid_crisis", false),
    ("--primary small-intestine", "plan.carcinoid_crisis", true),
    ("--primary lung --ki67 12", "plan.carcinoid_crisis", true),
    (
        "--primary appendix --ki67 30",
        "plan.carcinoid_crisis",
        true,
    ),
    ("--syndrome carcinoid", "plan.carcinoid_crisis", true),
    (
        "--primary small-intestine --differentiation poor --ki67 80",
        "plan.carcinoid_crisis",
        false,
    ),
    ("--syndrome insulinoma", "plan.insulinoma", true),
    (
        "--syndrome insulinoma --primary small-intestine",
        "plan.carcinoid_crisis",
        false,
    ),
    ("--syndrome gastrinoma", "plan.gastrinoma", true),
    ("--syndrome vipoma", "plan.vipoma", true),
    ("--syndrome glucagonoma", "plan.glucagonoma", true),
    ("--syndrome other", "plan.other", true),
    ("--syndrome ?", "plan.syndrome_not_recorded", true),
    (
        "--syndrome ? --primary small-intestine",
        "plan.syndrome_not_recorded",
        false,
    ),
    (
        "--syndrome ? --differentiation poor --ki67 80",
        "plan.syndrome_not_recorded",
        false,
    ),
    (
        "--primary ?",
        "plan.carcinoid_crisis_primary_not_given",
        true,
    ),
    ("--ki67 30", "grade.minen", true),
];

#[test]
fn warnings() {
    // A note as shown, its patient placeholders (`{ki67}`) filled: every literal piece present.
    let shows = |list: &serde_json::Value, id: &str| {
        let template = note(id);
        let pieces: Vec<&str> = template
            .split(['{', '}'])
            .step_by(2)
            .filter(|p| !p.is_empty())
            .collect();
        strings(list)
            .iter()
            .any(|s| pieces.iter().all(|p| s.contains(p)))
    };
    let mut failures = Vec::new();
    for (changes, id, shown) in WARNINGS {
        let r = assess(changes);
        let (place, other) = if id.starts_with("grade.") {
            (&r["grade"]["warnings"], &r["warnings"])
        } else {
            (&r["warnings"], &r["grade"]["warnings"])
        };
        if shows(place, id) != *shown {
            failures.push(format!("[{changes}]: {id} shown should be {shown}"));
        }
        if shows(other, id) {
            failures.push(format!("[{changes}]: {id} repeated in the other list"));
        }
        // Shown once at most (the plan and the insulinoma caution are once per report).
        let count = strings(place)
            .iter()
            .filter(|s| s.contains(&note(id).split('{').next().unwrap_or_default().to_owned()))
            .count();
        if count > 1 {
            failures.push(format!("[{changes}]: {id} shown {count} times"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_single_lesion_is_simple_whatever_the_pattern_given() {
    let r = assess("--resectable yes --lesions 1 --pattern diffuse");
    let notes = &option(&r, "resection")["notes"];
    assert!(mentions(notes, &note("pattern.simple")));
    assert!(!mentions(notes, &note("pattern.diffuse")));
}

#[test]
fn every_report_has_the_always_parts() {
    let r = assess("");
    assert_eq!(r["schema_version"], 1);
    assert!(!text(&r["knowledge_version"]).is_empty());
    assert!(text(&r["disclaimer"]).contains("tumour board"));
    // Every source cited resolves to a reference.
    for s in r["sources"].as_array().unwrap() {
        assert!(!text(&s["reference"]).is_empty(), "{s}");
    }
    // The systemic stage says which line this is.
    let stages = r["stages"].as_array().unwrap();
    let systemic = stages.iter().find(|s| s["id"] == "systemic").unwrap();
    assert!(mentions(&systemic["notes"], "First line"));
}
