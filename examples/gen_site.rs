//! Generates a synthetic opvolg site (see `opvolg::synthetic`).
//!
//! `cargo run --release --example gen_site -- N DIR [--hugo]`

use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(n), Some(dir)) = (args.get(1).and_then(|n| n.parse().ok()), args.get(2)) else {
        eprintln!("usage: gen_site N DIR [--hugo]");
        std::process::exit(2);
    };
    let hugo = args.iter().any(|a| a == "--hugo");
    let dir = PathBuf::from(dir);
    let made = opvolg::synthetic::generate(n, &dir, hugo);
    println!(
        "wrote {} recommendations, {} indicators, {} documents, {} topics to {}",
        made.recommendations,
        made.indicators,
        made.documents,
        made.topics,
        dir.display()
    );
}
