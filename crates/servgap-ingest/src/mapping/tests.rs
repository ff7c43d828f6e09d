use std::path::Path;

use super::*;

#[track_caller]
fn check_pattern(pattern: &str, header: &str, expected: Option<usize>) {
    let accept = |t: &str| t.parse::<usize>().ok().filter(|n| (1..=24).contains(n));
    assert_eq!(Pattern::new(pattern).matches(header, &accept), expected, "{pattern} ~ {header}");
}

#[test]
fn patterns() {
    check_pattern("e{item}", "e5", Some(5));
    check_pattern("e{item}", "E12", Some(12));
    check_pattern("e{item}", "e25", None);
    check_pattern("e{item}", "e5x", None);
    check_pattern("{item}-1.*(기대 설문)", "11-1. 키오스크는 …해야 한다. (기대 설문)", Some(11));
    check_pattern("{item}-1.*(기대 설문)", "9-1.키오스크는  언제든 (기대 설문)", Some(9));
    check_pattern("{item}-1.*(기대 설문)", "1-2. 키오스크는 … (인지 설문)", None);
    check_pattern("{item}-1.*(기대 설문)", "1-1. 만약 …, 어떤 느낌이 들겠습니까?", None);
}

#[test]
fn full_mapping_parses() {
    let text = r#"
encoding = "cp949"
delimiter = ";"
decimal = ","
header_row = 1
skip_rows = 2
sheet = "Responses"
detect = false

[columns]
id = "Response ID"
overall = "overall_sat"
segment = "branch"

[patterns]
expected = "e{item}"
perceived = "s{item}"
importance = "imp_{dimension}"

[items.1]
E = "k1_exp"
P = "k1_perc"

[importance]
tangibles = "T points"

[value_labels]
"Strongly agree" = 7
"Don't know" = "missing"
"#;
    let m = Mapping::parse(text, Path::new("m.toml")).unwrap();
    assert_eq!(m.read.encoding.as_deref(), Some("cp949"));
    assert_eq!(m.read.delimiter, Some(b';'));
    assert_eq!(m.read.decimal, Some(Decimal::Comma));
    assert_eq!(m.read.skip_rows, Some(2));
    assert!(!m.detect);
    assert_eq!(m.items.len(), 2);
    assert_eq!(m.value_labels.get("strongly agree"), Some(LabelValue::Number(7)));
    assert_eq!(m.value_labels.get("DON'T KNOW"), Some(LabelValue::Missing));
}

#[track_caller]
fn check_error(text: &str, expected: &str) {
    let err = Mapping::parse(text, Path::new("m.toml")).unwrap_err().to_string();
    assert!(err.starts_with("mapping m.toml: "), "{err}");
    assert!(err.contains(expected), "{err} should contain {expected}");
}

#[test]
fn errors_name_file_and_key() {
    check_error("colums = {}", "colums");
    check_error("[items.1]\nX = \"a\"", "key `items.1.X`: unknown battery `X`");
    check_error("[patterns]\nexpected = \"e\"", "key `patterns.expected`");
    check_error("decimal = \";\"", "key `decimal`");
    check_error("encoding = \"klingon\"", "key `encoding`");
    check_error("[value_labels]\n\"Agree\" = 4.5", "key `value_labels.\"Agree\"`");
}
