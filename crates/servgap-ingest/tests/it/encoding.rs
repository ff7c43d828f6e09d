//! Encodings: UTF-8 with BOM, Windows-1250 (Polish), UTF-16, explicit override.

use servgap_core::instrument::{Dimension, Format, InstrumentSpec, Item, Localized, Scale};
use servgap_core::servqual::Rule;
use servgap_ingest::{inspect, read_header, EncodingReason, Mapping, ReaderUsed, ScanOptions, Source};

use crate::util::*;

#[test]
fn utf8_with_bom() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("\u{feff}");
    text.push_str(&join(&[header(), good_row(1), good_row(2)], ","));
    let path = write(dir.path(), "bom.csv", text);
    let header = read_header(&Source::new(&path)).unwrap();
    let dialect = header.dialect.unwrap();
    assert_eq!((dialect.encoding.name(), dialect.encoding_reason), ("UTF-8", EncodingReason::ByteOrderMark));
    assert_eq!(header.columns[0], "id");
    let scan = scan_with(&path, &sq(), None, &ScanOptions::default()).unwrap();
    assert_eq!((scan.rows, scan.findings.total()), (2, 0));
    assert!(matches!(scan.reader, ReaderUsed::Fast { .. }));
}

fn polish_instrument() -> servgap_core::instrument::Instrument {
    let dimension = |id: &str| Dimension {
        id: id.to_owned(),
        name: Localized::new().with("pl", id),
        description: Localized::new(),
    };
    let item = |id: &str, d: usize| Item {
        id: id.to_owned(),
        dimension: d,
        reverse_keyed: false,
        text: Localized::new().with("pl", id),
    };
    InstrumentSpec {
        id: "obsługa".to_owned(),
        title: Localized::new().with("pl", "Jakość obsługi"),
        format: Format::TwoColumn,
        scale: Scale::seven_point(),
        dimensions: vec![dimension("materialność"), dimension("niezawodność")],
        items: vec![item("1", 0), item("2", 0), item("3", 1), item("4", 1)],
        importance: false,
        overall: None,
    }
    .build()
    .unwrap()
}

const POLISH_HEADER: &str = "Miasto;Oczekiwanie 1: sprzęt wygląda nowocześnie;Ocena 1: sprzęt wygląda nowocześnie;\
Oczekiwanie 2: pomieszczenia są estetyczne i czyste;Ocena 2: pomieszczenia są estetyczne i czyste;\
Oczekiwanie 3: usługa wykonana bezbłędnie za pierwszym razem;Ocena 3: usługa wykonana bezbłędnie za pierwszym razem;\
Oczekiwanie 4: dotrzymywanie terminów, o których zapewniano;Ocena 4: dotrzymywanie terminów, o których zapewniano\n";

const POLISH_MAPPING: &str = "delimiter = \";\"\ndetect = false\n[patterns]\nexpected = \"Oczekiwanie {item}:*\"\nperceived = \"Ocena {item}:*\"\n[columns]\nsegment = \"Miasto\"\n";

fn polish_rows() -> String {
    let cities =
        ["Łódź", "Kraków", "Gdańsk", "Poznań", "Wrocław", "Bielsko-Biała", "Zielona Góra", "Częstochowa"];
    let mut text = String::from(POLISH_HEADER);
    for (i, city) in cities.iter().cycle().take(40).enumerate() {
        let values: Vec<String> = (0..8).map(|k| (1 + (i + k * 3) % 7).to_string()).collect();
        text.push_str(&format!("{city};{}\n", values.join(";")));
    }
    text
}

#[test]
fn windows_1250_polish_headers_are_detected() {
    let dir = tempfile::tempdir().unwrap();
    let text = polish_rows();
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1250.encode(&text);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&bytes).is_err());
    let path = write(dir.path(), "ankieta.csv", &bytes);
    let mapping = Mapping::parse(POLISH_MAPPING, "pl.toml".as_ref()).unwrap();
    let source = Source::new(&path).with_mapping(&mapping);
    let inspection = inspect(&source, &polish_instrument(), Some(&mapping)).unwrap();
    let dialect = inspection.dialect.clone().unwrap();
    assert_eq!((dialect.encoding.name(), dialect.encoding_reason), ("windows-1250", EncodingReason::Guessed));
    assert_eq!(inspection.matched.len(), 9, "{inspection}");
    assert!(inspection.problem.is_none());

    let scan = scan_with(&path, &polish_instrument(), Some(&mapping), &ScanOptions::default()).unwrap();
    assert_eq!(scan.rows, 40);
    assert!(scan.findings.is_empty());
    assert!(matches!(scan.reader, ReaderUsed::General));
    let cities: Vec<&str> = scan.segments.keys().map(String::as_str).collect();
    assert!(cities.contains(&"Łódź") && cities.contains(&"Częstochowa"), "{cities:?}");
    assert_eq!(scan.segments["Łódź"].respondents(), 5);
}

#[test]
fn explicit_encoding_overrides_detection() {
    let dir = tempfile::tempdir().unwrap();
    let text = polish_rows();
    let (bytes, _, _) = encoding_rs::WINDOWS_1250.encode(&text);
    let path = write(dir.path(), "ankieta.csv", &bytes);
    let mapping_text = format!("encoding = \"cp1250\"\n{POLISH_MAPPING}");
    let mapping = Mapping::parse(&mapping_text, "pl.toml".as_ref()).unwrap();
    let header = read_header(&Source::new(&path).with_mapping(&mapping)).unwrap();
    let dialect = header.dialect.unwrap();
    assert_eq!(
        (dialect.encoding.name(), dialect.encoding_reason),
        ("windows-1250", EncodingReason::Explicit)
    );
    assert_eq!(header.columns[0], "Miasto");
    assert!(header.columns[1].contains("sprzęt"));
}

#[test]
fn utf16le_with_bom() {
    let dir = tempfile::tempdir().unwrap();
    let text = join(&[header(), good_row(1), good_row(2), good_row(3)], "\t");
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    let path = write(dir.path(), "utf16.txt", bytes);
    let scan = scan_with(&path, &sq(), None, &ScanOptions::default()).unwrap();
    let dialect = scan.dialect.clone().unwrap();
    assert_eq!((dialect.encoding.name(), dialect.delimiter), ("UTF-16LE", b'\t'));
    assert_eq!((scan.rows, scan.findings.count(Rule::Blank)), (3, 0));
}
