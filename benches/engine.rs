//! Per-patient cost of the engine: grade + eligibility + pathway, and the JSON render.
//! `cargo bench --bench engine`. Not a test: nothing here is asserted.

// A failed setup should stop the benchmark loudly.
#![allow(clippy::expect_used)]

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use netriage::knowledge::Knowledge;
use netriage::model::{Field, Patient, RawValue};
use netriage::pathway;

fn patient() -> Patient {
    let mut p = Patient::default();
    for (field, value) in [
        (Field::Ki67, "12"),
        (Field::Differentiation, "well"),
        (Field::Primary, "pancreas"),
        (Field::Lesions, "3"),
        (Field::LiverBurden, "20"),
        (Field::Resectable, "no"),
        (Field::Extrahepatic, "no"),
        (Field::Sstr, "positive"),
        (Field::Progression, "progressive"),
        (Field::Prior, "ssa"),
        (Field::Age, "58"),
        (Field::Ecog, "1"),
    ] {
        p.set(field, &RawValue::Text(value.into()))
            .expect("valid answer");
    }
    p
}

fn engine(c: &mut Criterion) {
    let k = Knowledge::builtin().expect("built-in knowledge");
    let p = patient();
    c.bench_function("knowledge load", |b| {
        b.iter(|| black_box(Knowledge::builtin().expect("built-in knowledge")));
    });
    c.bench_function("assess (grade + eligibility + pathway)", |b| {
        b.iter(|| black_box(pathway::assess(black_box(&p), &k).expect("gradable")));
    });
    let report = pathway::assess(&p, &k).expect("gradable");
    c.bench_function("render json", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(64 * 1024);
            netriage::render::json::write_line(black_box(&report), &mut out).expect("in memory");
            black_box(out)
        });
    });
    c.bench_function("assess + render json", |b| {
        b.iter(|| {
            let report = pathway::assess(black_box(&p), &k).expect("gradable");
            let mut out = Vec::with_capacity(64 * 1024);
            netriage::render::json::write_line(&report, &mut out).expect("in memory");
            black_box(out)
        });
    });
}

criterion_group!(benches, engine);
criterion_main!(benches);
