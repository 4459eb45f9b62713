//! The one-shot performance baseline: a bare clap-derive binary that parses two flags and prints
//! them. `scripts/bench` compares `netriage assess` with it.

use clap::Parser;
use std::io::Write;

#[derive(Parser)]
struct Args {
    #[arg(long)]
    ki67: Option<f64>,
    #[arg(long)]
    primary: Option<String>,
}

fn main() {
    let args = Args::parse();
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{:?} {:?}", args.ki67, args.primary);
}
