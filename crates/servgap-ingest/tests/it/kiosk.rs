//! The real K-SERVQUAL kiosk file (CP949) with the example instrument and mapping.

use std::path::PathBuf;

use servgap_core::instrument::Battery;
use servgap_core::servqual::{Location, Rule};
use servgap_ingest::instrument_file::load_instrument;
use servgap_ingest::{for_each_respondent, plan, scan, Mapping, ScanOptions, Source};
use servgap_testdata::{locate, Dataset};

fn repo(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..").join(path)
}

#[test]
fn kiosk_imports_with_published_item_1_means() {
    let instrument = load_instrument(&repo("examples/instruments/kiosk-kservqual.toml")).unwrap();
    assert_eq!(instrument.items().len(), 24);
    let mapping = Mapping::load(&repo("examples/mappings/kiosk.toml")).unwrap();
    let source = Source::new(repo("examples/data/kiosk_kservqual_2019_raw_cp949.csv")).with_mapping(&mapping);
    let plan = plan(&source, &instrument, Some(&mapping)).unwrap();

    // Item 9 precedes item 8 in the file; matching is by number.
    let nine = instrument.items().iter().position(|i| i.id == "9").unwrap();
    let eight = instrument.items().iter().position(|i| i.id == "8").unwrap();
    let e9 = plan.column_name(&instrument, &Location::Rating { item: nine, battery: Battery::Expected });
    let p8 = plan.column_name(&instrument, &Location::Rating { item: eight, battery: Battery::Perceived });
    assert!(e9.starts_with("9-1.") && e9.ends_with("(기대 설문)"), "{e9}");
    assert!(p8.starts_with("8-2.") && p8.ends_with("(인지 설문)"), "{p8}");

    let result = scan(&source, &instrument, &plan, &ScanOptions::default(), &|_, _| {}).unwrap();
    assert_eq!(result.dialect.as_ref().unwrap().encoding.name(), "EUC-KR");
    assert_eq!(result.rows, 211);
    assert_eq!(result.total.respondents(), 211);
    assert_eq!(result.findings.count(Rule::EmptyResponse), 4);
    assert_eq!(result.findings.count(Rule::Blank), 192);
    assert_eq!(result.findings.count(Rule::NotANumber), 0);
    assert_eq!(result.findings.count(Rule::OutOfScale), 0);
    assert_eq!(result.segments.values().map(|p| p.respondents()).sum::<u64>(), 211);

    // Item 1, pairwise complete: n = 207, E = 6.42512, P = 5.87923 (servqual.md §4.2).
    let item1 = instrument.items().iter().position(|i| i.id == "1").unwrap();
    let (e, p) = (
        instrument.rating_index(item1, Battery::Expected).unwrap(),
        instrument.rating_index(item1, Battery::Perceived).unwrap(),
    );
    let (mut n, mut sum_e, mut sum_p) = (0u32, 0i64, 0i64);
    let visited =
        for_each_respondent(&source, &instrument, &plan, &ScanOptions::default(), &mut |_, _, r| {
            if let (Some(a), Some(b)) = (r.ratings[e], r.ratings[p]) {
                n += 1;
                sum_e += i64::from(a);
                sum_p += i64::from(b);
            }
        })
        .unwrap();
    assert_eq!(visited, result);
    assert_eq!(n, 207);
    assert!((sum_e as f64 / 207.0 - 6.42512).abs() < 5e-6, "{}", sum_e as f64 / 207.0);
    assert!((sum_p as f64 / 207.0 - 5.87923).abs() < 5e-6, "{}", sum_p as f64 / 207.0);
}

#[test]
fn airlinesat_imports_from_the_shared_research_data() {
    // Restricted data: read from the shared folder (servgap-testdata says when it runs).
    let Some(data) = locate(Dataset::Airline) else { return };
    let instrument = load_instrument(&repo("examples/instruments/airlinesat.toml")).unwrap();
    let mapping = Mapping::load(&repo("examples/mappings/airlinesat.toml")).unwrap();
    let source = Source::new(&data).with_mapping(&mapping);
    let plan = plan(&source, &instrument, Some(&mapping)).unwrap();
    let item1 = 0;
    let (e, p) = (
        instrument.rating_index(item1, Battery::Expected).unwrap(),
        instrument.rating_index(item1, Battery::Perceived).unwrap(),
    );
    let (mut n, mut sum_e, mut sum_p) = (0u32, 0i64, 0i64);
    let result = for_each_respondent(&source, &instrument, &plan, &ScanOptions::default(), &mut |_, _, r| {
        if let (Some(a), Some(b)) = (r.ratings[e], r.ratings[p]) {
            n += 1;
            sum_e += i64::from(a);
            sum_p += i64::from(b);
        }
    })
    .unwrap();
    assert_eq!(result.rows, 1065);
    assert_eq!(result.findings.count(Rule::OutOfScale) + result.findings.count(Rule::NotANumber), 0);
    assert_eq!(result.segments.len(), 3);
    // servqual.md §4.2: item 1 n = 1038, E 86.0819, S 60.9114.
    assert_eq!(n, 1038);
    assert!((sum_e as f64 / 1038.0 - 86.0819).abs() < 5e-5);
    assert!((sum_p as f64 / 1038.0 - 60.9114).abs() < 5e-5);
}
