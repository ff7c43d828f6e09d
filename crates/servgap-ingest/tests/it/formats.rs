//! File formats and layouts: decimal comma, XLSX, Qualtrics, value labels, mapping errors.

use servgap_core::servqual::Rule;
use servgap_ingest::{inspect, Decimal, IngestError, Mapping, ReaderUsed, ScanOptions, Source};

use crate::util::*;

#[test]
fn semicolon_and_decimal_comma() {
    let dir = tempfile::tempdir().unwrap();
    let mut rows = vec![header()];
    for id in 1..=10 {
        let mut r = good_row(id);
        r[col("E1")] = format!("{},0", r[col("E1")]);
        rows.push(r);
    }
    rows[3][col("P4")] = "4,5".to_owned();
    rows[4][col("imp_tangibles")] = "15,0".to_owned();
    let path = write(dir.path(), "pl.csv", join(&rows, ";"));
    let scan = scan_with(&path, &sq(), None, &ScanOptions::default()).unwrap();
    let dialect = scan.dialect.clone().unwrap();
    assert_eq!((dialect.delimiter, dialect.decimal), (b';', Decimal::Comma));
    assert_eq!(scan.rows, 10);
    assert_eq!(scan.findings.count(Rule::OutOfScale), 1);
    assert_eq!(scan.findings.samples(Rule::OutOfScale)[0].value, "4,5");
    assert_eq!(scan.findings.samples(Rule::OutOfScale)[0].row, 4);
    assert_eq!(scan.findings.count(Rule::NotANumber), 0);
}

#[test]
fn xlsx_matches_the_same_data_as_csv() {
    let dir = tempfile::tempdir().unwrap();
    let mut rows = vec![header()];
    rows.extend((1..=30).map(good_row));
    rows[5][col("E3")] = "x".to_owned();
    rows[6][col("P3")] = "4.5".to_owned();
    rows[7][col("P9")] = String::new();
    let csv_path = write(dir.path(), "s.csv", join(&rows, ","));

    let xlsx_path = dir.path().join("s.xlsx");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet().set_name("Responses").unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell.parse::<f64>() {
                Ok(v) if r > 0 => sheet.write_number(r, c, v).map(|_| ()).unwrap(),
                _ if cell.is_empty() => {}
                _ => sheet.write_string(r, c, cell).map(|_| ()).unwrap(),
            }
        }
    }
    workbook.save(&xlsx_path).unwrap();

    let from_csv = scan_with(&csv_path, &sq(), None, &ScanOptions::default()).unwrap();
    let from_xlsx = scan_with(&xlsx_path, &sq(), None, &ScanOptions::default()).unwrap();
    assert_eq!(from_xlsx.reader, ReaderUsed::Spreadsheet);
    assert_eq!(from_xlsx.rows, 30);
    assert_eq!(from_xlsx.total, from_csv.total);
    assert_eq!(from_xlsx.findings, from_csv.findings);
    assert_eq!(from_xlsx.findings.samples(Rule::OutOfScale)[0].row, 7);

    // A named sheet, and a missing one.
    let mapping = Mapping::parse("sheet = \"Responses\"", "m.toml".as_ref()).unwrap();
    assert_eq!(scan_with(&xlsx_path, &sq(), Some(&mapping), &ScanOptions::default()).unwrap().rows, 30);
    let mapping = Mapping::parse("sheet = \"Nope\"", "m.toml".as_ref()).unwrap();
    let err = scan_with(&xlsx_path, &sq(), Some(&mapping), &ScanOptions::default()).unwrap_err();
    assert!(err.to_string().contains("no sheet named `Nope` (sheets: Responses)"), "{err}");
}

#[test]
fn qualtrics_three_header_rows_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let h = header();
    let text_row: Vec<String> = h.iter().map(|c| format!("\"Question text - {c}\"")).collect();
    let import_row: Vec<String> = h.iter().map(|c| format!("\"{{\"\"ImportId\"\":\"\"{c}\"\"}}\"")).collect();
    let mut rows = vec![h.clone(), text_row, import_row];
    rows.extend((1..=5).map(good_row));
    rows[4][col("E2")] = "9".to_owned();
    let path = write(dir.path(), "qualtrics.csv", join(&rows, ","));
    let scan = scan_with(&path, &sq(), None, &ScanOptions::default()).unwrap();
    assert_eq!(scan.dialect.as_ref().unwrap().skip_rows, 2);
    assert_eq!(scan.rows, 5);
    assert_eq!(scan.findings.samples(Rule::OutOfScale)[0].row, 5);
}

#[test]
fn value_labels_turn_text_answers_into_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let labels = [
        "Strongly disagree",
        "Disagree",
        "Somewhat disagree",
        "Neutral",
        "Somewhat agree",
        "Agree",
        "Strongly agree",
    ];
    let mut rows = vec![header()];
    for id in 1..=7 {
        let mut r = good_row(id);
        for c in col("E1")..=col("P22") {
            let v: usize = r[c].parse().unwrap();
            r[c] = labels[v - 1].to_owned();
        }
        rows.push(r);
    }
    rows[2][col("P1")] = "Don't know".to_owned();
    let mut mapping_text = String::from("[value_labels]\n");
    for (i, l) in labels.iter().enumerate() {
        mapping_text.push_str(&format!("\"{l}\" = {}\n", i + 1));
    }
    mapping_text.push_str("\"Don't know\" = \"missing\"\n");
    let mapping = Mapping::parse(&mapping_text, "labels.toml".as_ref()).unwrap();
    let numeric = write(
        dir.path(),
        "numbers.csv",
        join(&[header()].into_iter().chain((1..=7).map(good_row)).collect::<Vec<_>>(), ","),
    );
    let labelled = write(dir.path(), "labels.csv", join(&rows, ","));
    let a = scan_with(&labelled, &sq(), Some(&mapping), &ScanOptions::default()).unwrap();
    assert_eq!(a.findings.count(Rule::NotANumber), 0);
    assert_eq!(a.findings.count(Rule::IncompletePair), 1);
    assert_eq!(a.findings.count(Rule::Blank), 0);
    let b = scan_with(&numeric, &sq(), None, &ScanOptions::default()).unwrap();
    assert_eq!(a.total.respondents(), b.total.respondents());
}

#[test]
fn mapping_errors_name_file_key_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let data = write(dir.path(), "s.csv", join(&[header(), good_row(1)], ","));
    let mapping_path = dir.path().join("m.toml");
    let mapping = Mapping::parse("[items.1]\nE = \"k1_exp\"\n", &mapping_path).unwrap();
    let err = scan_with(&data, &sq(), Some(&mapping), &ScanOptions::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "mapping {}: key `items.1.E` names column `k1_exp`, which is not in the header of {}",
            mapping_path.display(),
            data.display()
        )
    );
    let mapping = Mapping::parse("[items.99]\nE = \"E1\"\n", &mapping_path).unwrap();
    let err = scan_with(&data, &sq(), Some(&mapping), &ScanOptions::default()).unwrap_err().to_string();
    assert!(err.contains("key `items.99.E`: instrument `servqual22` has no item `99`"), "{err}");
    let mapping = Mapping::parse("[patterns]\nexpected = \"exp_{item}\"\n", &mapping_path).unwrap();
    let err = scan_with(&data, &sq(), Some(&mapping), &ScanOptions::default()).unwrap_err().to_string();
    assert!(err.contains("pattern `patterns.expected` = `exp_{item}` matched no column for item 1"), "{err}");
}

#[test]
fn explicit_columns_win_over_detection() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = header();
    h[col("E1")] = "k1_exp".to_owned();
    h.push("E1".to_owned()); // a decoy the built-in patterns would take
    let mut row = good_row(1);
    row.push("9".to_owned());
    let data = write(dir.path(), "s.csv", join(&[h, row], ","));
    let mapping = Mapping::parse("[items.1]\nE = \"k1_exp\"\n", "m.toml".as_ref()).unwrap();
    let scan = scan_with(&data, &sq(), Some(&mapping), &ScanOptions::default()).unwrap();
    assert!(scan.findings.is_empty(), "{:?}", scan.findings);
}

#[test]
fn missing_rating_columns_are_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = header();
    let mut row = good_row(1);
    let p22 = col("P22");
    h.remove(p22);
    row.remove(p22);
    let data = write(dir.path(), "s.csv", join(&[h, row], ","));
    let err = scan_with(&data, &sq(), None, &ScanOptions::default()).unwrap_err();
    assert!(matches!(err, IngestError::MissingColumns { .. }));
    assert!(err.to_string().contains("no column found for item 22 P"), "{err}");
}

#[test]
fn inspect_explains_every_column() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = header();
    h.push("Timestamp".to_owned());
    let mut row = good_row(1);
    row.push("2024-01-01".to_owned());
    let data = write(dir.path(), "s.csv", join(&[h, row], ","));
    let inspection = inspect(&Source::new(&data), &sq(), None).unwrap();
    assert_eq!(inspection.matched.len(), 1 + 44 + 5 + 1);
    assert_eq!(inspection.unmatched, vec![(51, "Timestamp".to_owned())]);
    assert!(inspection.missing.is_empty());
    assert_eq!(inspection.rows_sampled, 1);
    let text = inspection.to_string();
    assert!(text.contains("encoding: UTF-8 (sample is valid UTF-8)"), "{text}");
    assert!(text.contains("E1 matched pattern `E<item>`"), "{text}");
}

#[test]
fn xlsx_with_a_title_row_and_an_offset_table() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("offset.xlsx");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(0, 0, "Branch survey, March").unwrap();
    for (c, h) in header().iter().enumerate() {
        sheet.write_string(1, c as u16 + 1, h).unwrap();
    }
    for id in 1..=4u32 {
        let mut row = good_row(u64::from(id));
        if id == 3 {
            row[col("P2")] = "12".to_owned();
        }
        for (c, cell) in row.iter().enumerate() {
            sheet.write_number(id + 1, c as u16 + 1, cell.parse::<f64>().unwrap()).unwrap();
        }
    }
    workbook.save(&path).unwrap();
    let mapping = Mapping::parse("header_row = 2", "m.toml".as_ref()).unwrap();
    let scan = scan_with(&path, &sq(), Some(&mapping), &ScanOptions::default()).unwrap();
    assert_eq!(scan.rows, 4);
    assert_eq!(scan.findings.count(Rule::OutOfScale), 1);
    assert_eq!(scan.findings.samples(Rule::OutOfScale)[0].row, 5);
    assert_eq!(scan.findings.samples(Rule::OutOfScale)[0].value, "12");
}
