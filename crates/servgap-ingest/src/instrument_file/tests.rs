use servgap_core::builtin::{builtin, builtin_ids};

use super::*;

/// A small valid file; the error tests change one thing in it.
const MINIMAL: &str = r#"id = "t"
format = "two-column"
scale = { min = 1, max = 7 }

[title]
en = "T"

[[dimension]]
id = "d"
name = { en = "D" }

[[item]]
id = "i1"
dimension = "d"
text = { en = "I" }
"#;

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/instruments/custom-bank.toml");

/// `MINIMAL` with `from` replaced by `to` (which must occur exactly once).
#[track_caller]
fn minimal_with(from: &str, to: &str) -> String {
    assert_eq!(MINIMAL.matches(from).count(), 1, "`{from}` must occur once");
    MINIMAL.replacen(from, to, 1)
}

#[track_caller]
fn check_error(text: &str, expected: &str) {
    match parse_instrument(text, "test.toml") {
        Ok(instrument) => panic!("expected error `{expected}`, parsed {instrument:?}"),
        Err(e) => assert_eq!(e.to_string(), expected),
    }
}

#[test]
fn minimal_file_parses_with_defaults() {
    let instrument = parse_instrument(MINIMAL, "test.toml").unwrap();
    assert_eq!(instrument.id(), "t");
    assert_eq!(instrument.format(), Format::TwoColumn);
    assert_eq!(instrument.scale(), Scale::seven_point());
    assert!(!instrument.has_importance());
    assert_eq!(instrument.overall(), None);
    assert_eq!(instrument.title().exact("en"), Some("T"));
    assert!(instrument.dimensions()[0].description.is_empty());
    assert!(!instrument.items()[0].reverse_keyed);
}

#[test]
fn builtins_round_trip() {
    for id in builtin_ids() {
        let instrument = builtin(id).unwrap();
        let text = instrument_to_toml(&instrument);
        let parsed = parse_instrument(&text, id).unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert_eq!(parsed, instrument, "{id}");
        // Writing is deterministic and stable.
        assert_eq!(instrument_to_toml(&parsed), text);
    }
}

#[test]
fn export_layout() {
    let text = instrument_to_toml(&builtin("servqual22").unwrap());
    let head: Vec<&str> = text.lines().take(10).collect();
    assert_eq!(
        head,
        [
            "# servgap instrument file; the format is described in docs/instrument-format.md",
            "id = \"servqual22\"",
            "format = \"two-column\"",
            "scale = { min = 1, max = 7 }",
            "importance = true",
            "overall = { min = 1, max = 7 }",
            "",
            "[title]",
            "en = \"SERVQUAL-22: expected and perceived service quality\"",
            "pl = \"SERVQUAL-22: oczekiwana i postrzegana jakość usług\"",
        ]
    );
    assert!(text.contains(
        "[[item]]\nid = \"1\"\ndimension = \"tangibles\"\ntext = { en = \"The company uses up-to-date equipment and technology.\", pl = \"Firma korzysta z nowoczesnego sprzętu i technologii.\" }\n"
    ));
}

#[test]
fn awkward_strings_and_keys_round_trip() {
    let spec = InstrumentSpec {
        id: "quote\"back\\slash".to_owned(),
        title: Localized::new()
            .with("en", "tab\there, newline\nthere, bell \u{7} and del \u{7f}")
            .with("zh-Hant", "服務品質"),
        format: Format::ThreeColumn,
        scale: Scale::new(-3, 3).unwrap(),
        dimensions: vec![Dimension {
            id: "d d".to_owned(),
            name: Localized::new().with("en", "'single' \"double\" \u{1F600}"),
            description: Localized::new(),
        }],
        items: vec![Item {
            id: "1".to_owned(),
            dimension: 0,
            reverse_keyed: true,
            text: Localized::new().with("en", "# not a comment").with("pl", "żółć"),
        }],
        importance: false,
        overall: Some(Scale::new(0, 10).unwrap()),
    };
    let instrument = spec.build().unwrap();
    let text = instrument_to_toml(&instrument);
    assert_eq!(parse_instrument(&text, "x").unwrap(), instrument, "{text}");
}

#[test]
fn reverse_keyed_item_is_parsed() {
    let text = minimal_with("id = \"i1\"\n", "id = \"i1\"\nreverse = true\n");
    let instrument = parse_instrument(&text, "test.toml").unwrap();
    assert!(instrument.items()[0].reverse_keyed);
    let text = minimal_with("id = \"i1\"\n", "id = \"i1\"\nreverse = false\n");
    assert!(!parse_instrument(&text, "test.toml").unwrap().items()[0].reverse_keyed);
}

#[test]
fn format_aliases_are_accepted() {
    for (given, format) in [
        ("three-column", Format::ThreeColumn),
        ("perceptions-only", Format::PerceptionsOnly),
        ("servperf", Format::PerceptionsOnly),
    ] {
        let text = minimal_with("\"two-column\"", &format!("\"{given}\""));
        assert_eq!(parse_instrument(&text, "t").unwrap().format(), format);
    }
}

#[test]
fn example_file_loads() {
    let instrument = load_instrument(Path::new(EXAMPLE)).unwrap();
    assert_eq!(instrument.id(), "bank-branch-2026");
    assert_eq!(instrument.format(), Format::TwoColumn);
    assert_eq!(instrument.scale(), Scale::seven_point());
    assert!(instrument.has_importance());
    assert_eq!(instrument.overall(), Scale::new(1, 10).ok());
    assert_eq!(instrument.complete_languages(), ["en", "pl"]);
    let dims: Vec<&str> = instrument.dimensions().iter().map(|d| d.id.as_str()).collect();
    assert_eq!(dims, ["branch", "dependability", "advisers"]);
    let counts: Vec<usize> = (0..3).map(|d| instrument.items_of(d).len()).collect();
    assert_eq!(counts, [3, 3, 4]);
    let reversed: Vec<&str> =
        instrument.items().iter().filter(|i| i.reverse_keyed).map(|i| i.id.as_str()).collect();
    assert_eq!(reversed, ["B3", "W3"]);
    let again = parse_instrument(&instrument_to_toml(&instrument), "again").unwrap();
    assert_eq!(again, instrument);
}

#[test]
fn missing_file_names_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("absent.toml");
    let err = load_instrument(&path).unwrap_err();
    assert!(matches!(err, InstrumentFileError::Read { .. }));
    let message = err.to_string();
    let prefix = format!("{}: cannot read instrument file: ", path.display());
    assert!(message.starts_with(&prefix), "{message}");
}

#[test]
fn load_reads_a_written_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("servperf.toml");
    let instrument = builtin("servperf22").unwrap();
    std::fs::write(&path, instrument_to_toml(&instrument)).unwrap();
    assert_eq!(load_instrument(&path).unwrap(), instrument);
}

#[test]
fn error_invalid_toml() {
    check_error(&minimal_with("[title]", "[title"), "test.toml:5:7: unclosed table, expected `]`");
}

#[test]
fn error_unknown_key() {
    check_error(
        &minimal_with("scale = ", "colour = \"red\"\nscale = "),
        "test.toml:3:1: unknown field `colour`, expected one of `id`, `format`, `scale`, `importance`, `overall`, `title`, `dimension`, `item`",
    );
    check_error(
        &minimal_with("text = ", "reversed = true\ntext = "),
        "test.toml:15:1: key `item`: unknown field `reversed`, expected one of `id`, `dimension`, `reverse`, `text`",
    );
}

#[test]
fn error_missing_field() {
    check_error(&minimal_with("format = \"two-column\"\n", ""), "test.toml:1:1: missing field `format`");
    check_error(
        &minimal_with("dimension = \"d\"\n", ""),
        "test.toml:12:1: key `item`: missing field `dimension`",
    );
    check_error(
        &minimal_with("{ min = 1, max = 7 }", "{ min = 1 }"),
        "test.toml:3:9: key `scale`: missing field `max`",
    );
}

#[test]
fn error_wrong_type() {
    check_error(
        &minimal_with("{ min = 1, max = 7 }", "{ min = 1, max = \"7\" }"),
        "test.toml:3:26: key `scale.max`: invalid type: string \"7\", expected i16",
    );
}

#[test]
fn error_unknown_format() {
    check_error(
        &minimal_with("\"two-column\"", "\"four-column\""),
        "test.toml:2: unknown format `four-column`; expected `two-column`, `three-column` or `perceptions-only`",
    );
}

#[test]
fn error_scale_order() {
    check_error(
        &minimal_with("{ min = 1, max = 7 }", "{ min = 7, max = 1 }"),
        "test.toml:3: `scale` minimum 7 must be below its maximum 1",
    );
    check_error(
        &minimal_with("{ min = 1, max = 7 }", "{ min = 1, max = 7 }\noverall = { min = 5, max = 5 }"),
        "test.toml:4: `overall` minimum 5 must be below its maximum 5",
    );
}

#[test]
fn error_scale_too_long() {
    check_error(
        &minimal_with("{ min = 1, max = 7 }", "{ min = 0, max = 5000 }"),
        "test.toml:3: `scale` 0..5000 has 5001 points; at most 1001 are allowed",
    );
}

#[test]
fn error_empty_id() {
    check_error(&minimal_with("id = \"t\"", "id = \" \""), "test.toml:1: instrument id is empty");
    check_error(&minimal_with("id = \"i1\"", "id = \"\""), "test.toml:13: item id is empty");
}

#[test]
fn error_duplicate_dimension() {
    let text = minimal_with("\n[[item]]", "\n[[dimension]]\nid = \"d\"\nname = { en = \"D2\" }\n\n[[item]]");
    check_error(&text, "test.toml:13: duplicate dimension id `d` (first used on line 9)");
}

#[test]
fn error_duplicate_item() {
    let text = format!("{MINIMAL}\n[[item]]\nid = \"i1\"\ndimension = \"d\"\ntext = {{ en = \"again\" }}\n");
    check_error(&text, "test.toml:18: duplicate item id `i1` (first used on line 13)");
}

#[test]
fn error_unknown_dimension() {
    check_error(
        &minimal_with("dimension = \"d\"", "dimension = \"x\""),
        "test.toml:14: unknown dimension `x` in item `i1`",
    );
}

#[test]
fn error_empty_dimension() {
    let text =
        minimal_with("\n[[item]]", "\n[[dimension]]\nid = \"lonely\"\nname = { en = \"L\" }\n\n[[item]]");
    check_error(&text, "test.toml:13: dimension `lonely` has no items");
}

#[test]
fn error_no_dimensions_or_items() {
    let items_only = MINIMAL.replace("[[dimension]]\nid = \"d\"\nname = { en = \"D\" }\n", "");
    check_error(&items_only, "test.toml: no dimensions; add at least one [[dimension]] table");
    let dimensions_only =
        MINIMAL.replace("[[item]]\nid = \"i1\"\ndimension = \"d\"\ntext = { en = \"I\" }\n", "");
    check_error(&dimensions_only, "test.toml: no items; add at least one [[item]] table");
}

#[test]
fn error_missing_text() {
    check_error(
        &minimal_with("text = { en = \"I\" }", "text = {}"),
        "test.toml:15: item `i1` text is empty; give it in at least one language",
    );
}

#[test]
fn error_blank_text() {
    check_error(
        &minimal_with("name = { en = \"D\" }", "name = { en = \"D\", pl = \"  \" }"),
        "test.toml:10: dimension `d` name in `pl` is blank",
    );
}

#[test]
fn error_language_tag() {
    check_error(
        &minimal_with("en = \"T\"", "\"en us\" = \"T\""),
        "test.toml:5: `en us` in title is not a language tag such as `en` or `pt-BR`",
    );
}

#[test]
fn language_tags() {
    for tag in ["en", "pl", "pt-BR", "zh-Hant", "es-419"] {
        assert!(is_language_tag(tag), "{tag}");
    }
    for tag in ["", "-en", "en-", "en--us", "en us", "1en", "verylongsubtag"] {
        assert!(!is_language_tag(tag), "{tag}");
    }
}

#[test]
fn documented_example_parses() {
    let doc = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/instrument-format.md"));
    let start = doc.find("```toml\n").unwrap() + "```toml\n".len();
    let end = start + doc[start..].find("```").unwrap();
    let instrument = parse_instrument(&doc[start..end], "docs/instrument-format.md").unwrap();
    assert_eq!(instrument.id(), "bank-branch-2026");
    assert_eq!(instrument.complete_languages(), ["en", "pl"]);
    assert!(instrument.items()[1].reverse_keyed);
}
