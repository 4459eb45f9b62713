//! Writes a deterministic synthetic cohort for benchmarks: `cargo run --release --example cohort
//! -- N [jsonl|csv]`. Every patient flag appears across the cohort, and about one row in a hundred
//! is bad (out-of-range or unknown values), so that error records are measured too.

use std::io::{self, BufWriter, Write};

/// A small deterministic generator (xorshift), so the same N gives the same file.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        // The lists are short, so the index always fits.
        #[allow(clippy::cast_possible_truncation)]
        items[self.below(items.len() as u64) as usize]
    }
}

const COLUMNS: [&str; 24] = [
    "id",
    "ki67",
    "mitoses",
    "differentiation",
    "primary",
    "necrosis",
    "primary-resected",
    "extrahepatic",
    "lesions",
    "largest-cm",
    "liver-burden",
    "bilobar",
    "pattern",
    "resectable",
    "age",
    "ecog",
    "sstr",
    "syndrome",
    "progression",
    "stable-months",
    "prior",
    "biliary-anastomosis",
    "portal-vein-thrombosis",
    "liver-function",
];

fn patient(rng: &mut Rng, row: u64) -> Vec<(&'static str, String)> {
    let yes_no = ["yes", "no", ""];
    let mut cells: Vec<(&'static str, String)> = Vec::with_capacity(COLUMNS.len());
    let tenth = |rng: &mut Rng, max: u64| format!("{}.{}", rng.below(max), rng.below(10));
    cells.push(("id", format!("P{row:07}")));
    cells.push(("ki67", tenth(rng, 90)));
    cells.push((
        "mitoses",
        if rng.below(3) == 0 {
            String::new()
        } else {
            rng.below(30).to_string()
        },
    ));
    cells.push((
        "differentiation",
        rng.pick(&["well", "well", "poor", ""]).to_owned(),
    ));
    cells.push((
        "primary",
        rng.pick(&[
            "pancreas",
            "small-intestine",
            "stomach",
            "duodenum",
            "appendix",
            "colon",
            "rectum",
            "lung",
            "thymus",
            "other",
            "unknown",
            "",
        ])
        .to_owned(),
    ));
    cells.push(("necrosis", rng.pick(&yes_no).to_owned()));
    for key in ["primary-resected", "extrahepatic"] {
        cells.push((key, rng.pick(&yes_no).to_owned()));
    }
    cells.push(("lesions", (1 + rng.below(20)).to_string()));
    cells.push(("largest-cm", tenth(rng, 12).replace("0.0", "0.5")));
    cells.push(("liver-burden", rng.below(100).to_string()));
    cells.push(("bilobar", rng.pick(&yes_no).to_owned()));
    cells.push((
        "pattern",
        rng.pick(&["simple", "complex", "diffuse", ""]).to_owned(),
    ));
    cells.push(("resectable", rng.pick(&yes_no).to_owned()));
    cells.push(("age", (18 + rng.below(70)).to_string()));
    cells.push(("ecog", rng.below(5).to_string()));
    cells.push(("sstr", rng.pick(&["positive", "negative", ""]).to_owned()));
    cells.push((
        "syndrome",
        rng.pick(&[
            "none",
            "none",
            "carcinoid",
            "insulinoma",
            "gastrinoma",
            "glucagonoma",
            "vipoma",
            "other",
            "",
        ])
        .to_owned(),
    ));
    cells.push((
        "progression",
        rng.pick(&["stable", "progressive", ""]).to_owned(),
    ));
    cells.push(("stable-months", rng.below(24).to_string()));
    cells.push((
        "prior",
        rng.pick(&[
            "none",
            "ssa",
            "ssa,prrt",
            "everolimus",
            "platinum-etoposide",
            "ssa,tace",
            "",
        ])
        .to_owned(),
    ));
    cells.push(("biliary-anastomosis", rng.pick(&yes_no).to_owned()));
    cells.push(("portal-vein-thrombosis", rng.pick(&yes_no).to_owned()));
    cells.push((
        "liver-function",
        rng.pick(&["normal", "impaired", ""]).to_owned(),
    ));
    if rng.below(100) == 0 {
        // A bad row: out of range or an unknown word.
        let bad = rng.pick(&["ki67", "ecog", "primary"]);
        for cell in &mut cells {
            if cell.0 == bad {
                cell.1 = match bad {
                    "ki67" => "140".to_owned(),
                    "ecog" => "7".to_owned(),
                    _ => "liver".to_owned(),
                };
            }
        }
    }
    cells
}

fn json_value(key: &str, value: &str) -> String {
    let numeric = matches!(
        key,
        "ki67"
            | "mitoses"
            | "lesions"
            | "largest-cm"
            | "liver-burden"
            | "age"
            | "ecog"
            | "stable-months"
    );
    if numeric && value.parse::<f64>().is_ok() {
        value.to_owned()
    } else {
        format!("\"{value}\"")
    }
}

fn main() -> io::Result<()> {
    let mut args = std::env::args().skip(1);
    let n: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1000);
    let csv = args.next().is_some_and(|f| f == "csv");
    let mut out = BufWriter::new(io::stdout().lock());
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    if csv {
        writeln!(out, "{}", COLUMNS.join(","))?;
    }
    for row in 1..=n {
        let cells = patient(&mut rng, row);
        if csv {
            let line: Vec<&str> = cells.iter().map(|(_, v)| v.as_str()).collect();
            // Prior lists contain commas: quote that cell.
            let line: Vec<String> = line
                .iter()
                .map(|v| {
                    if v.contains(',') {
                        format!("\"{v}\"")
                    } else {
                        (*v).to_owned()
                    }
                })
                .collect();
            writeln!(out, "{}", line.join(","))?;
        } else {
            let fields: Vec<String> = cells
                .iter()
                .filter(|(_, v)| !v.is_empty())
                .map(|(k, v)| format!("\"{k}\":{}", json_value(k, v)))
                .collect();
            writeln!(out, "{{{}}}", fields.join(","))?;
        }
    }
    out.flush()
}
