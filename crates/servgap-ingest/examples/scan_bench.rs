//! Times `scan` on a file: `cargo run --release -p servgap-ingest --example scan_bench -- FILE [THREADS] [general]`.
//!
//! Not a test: it prints wall-clock times of a few runs (the first run warms the page cache).

use std::time::Instant;

use servgap_ingest::{plan, scan, ReaderChoice, ScanOptions, Source};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: scan_bench FILE [THREADS] [general]")?;
    let threads: usize = args.next().map(|t| t.parse()).transpose()?.unwrap_or(0);
    let general = args.next().is_some_and(|a| a == "general");
    let instrument = servgap_core::builtin::servqual22();
    let source = Source::new(&path);
    let started = Instant::now();
    let plan = plan(&source, &instrument, None)?;
    println!("plan: {:?}", started.elapsed());
    let options = ScanOptions {
        threads,
        reader: if general { ReaderChoice::General } else { ReaderChoice::Auto },
        ..ScanOptions::default()
    };
    for run in 0..4 {
        let started = Instant::now();
        let result = scan(&source, &instrument, &plan, &options, &|_, _| {})?;
        println!(
            "run {run}: {:?}  rows {}  respondents {}  findings {}  reader {:?}",
            started.elapsed(),
            result.rows,
            result.total.respondents(),
            result.findings.total(),
            result.reader
        );
    }
    Ok(())
}
