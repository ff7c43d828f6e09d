use super::*;

#[track_caller]
fn check_delimiter(text: &str, expected: u8) {
    assert_eq!(sniff_delimiter(text).0, expected, "{text:?}");
}

#[test]
fn delimiters() {
    check_delimiter("a,b,c\n1,2,3\n4,5,6\n", b',');
    check_delimiter("a;b;c\n1;2,5;3\n4;5;6\n", b';');
    check_delimiter("a\tb\tc\n1\t2\t3\n", b'\t');
    check_delimiter("a|b|c\n1|2|3\n", b'|');
    // Commas inside quotes do not count.
    check_delimiter("\"a,x\";\"b,y\";c\n1;2;3\n5;6;7\n", b';');
    check_delimiter("single\n1\n", b',');
}

fn rows(cells: &[&[&str]]) -> Vec<Vec<String>> {
    cells.iter().map(|r| r.iter().map(|c| (*c).to_owned()).collect()).collect()
}

#[test]
fn decimal_comma_only_with_other_delimiters() {
    assert_eq!(sniff_decimal(b';', &rows(&[&["5,0", "4"], &["3,5", "2"]])).0, Decimal::Comma);
    assert_eq!(sniff_decimal(b';', &rows(&[&["5.0", "4"]])).0, Decimal::Point);
    assert_eq!(sniff_decimal(b';', &rows(&[&["5", "4"]])).0, Decimal::Point);
    assert_eq!(sniff_decimal(b',', &rows(&[&["5,0"]])).0, Decimal::Point);
}

#[test]
fn delimiter_text() {
    assert_eq!(parse_delimiter("tab").unwrap(), b'\t');
    assert_eq!(parse_delimiter(";").unwrap(), b';');
    assert!(parse_delimiter(";;").is_err());
}
