//! The encoded partial sums of the demo survey are a committed file: an accidental change
//! of the format (or of what the sums hold) fails here. After an intended change, bump the
//! schema version as `docs/partials-format.md` says and rewrite the file with
//! `SERVGAP_BLESS=1 cargo test -p servgap-store --test it golden`.

use std::path::PathBuf;

use servgap_core::builtin;
use servgap_core::servqual::AnalysisOptions;
use servgap_ingest::{plan, scan, ScanOptions, Source};
use servgap_store::{decode_survey, encode_survey, StoredSurvey, SURVEY_SCHEMA};

fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn demo_survey_partials_match_the_committed_file() {
    let data = repository().join("examples/demo/servqual22-demo.csv");
    let instrument = builtin::servqual22();
    let source = Source::new(&data);
    let plan = plan(&source, &instrument, None).unwrap();
    let options = ScanOptions { threads: 1, sample_limit: 3, ..ScanOptions::default() };
    let scanned = scan(&source, &instrument, &plan, &options, &|_, _| {}).unwrap();
    // Segments have the same shape as the total (the round-trip tests cover them); leaving
    // them out keeps the committed file small.
    let stored =
        StoredSurvey { total: scanned.total, segments: scanned.segments, findings: Some(scanned.findings) };
    assert!(stored.segments.is_empty());
    let text = encode_survey(&stored).unwrap();

    let golden = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/demo-partials.json");
    if std::env::var_os("SERVGAP_BLESS").is_some() {
        std::fs::write(&golden, &text).unwrap();
    }
    let committed = std::fs::read_to_string(&golden).unwrap();
    assert!(committed.contains(SURVEY_SCHEMA));
    assert!(
        committed == text,
        "the encoding of the demo survey changed; see the comment at the top of this file"
    );

    // The committed file decodes to the same sums and the same analysis.
    let back = decode_survey(&committed, &instrument).unwrap();
    assert_eq!(back, stored);
    assert_eq!(back.total.respondents(), 300);
    let options = AnalysisOptions::default();
    assert_eq!(format!("{:?}", back.total.finish(&options)), format!("{:?}", stored.total.finish(&options)));
}
