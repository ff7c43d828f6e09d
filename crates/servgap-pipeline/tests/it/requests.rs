//! Request values are validated once, by their constructors: each refuses what it cannot
//! hold with a message that says what is admissible.

use std::path::Path;

use servgap_pipeline::request::{Delimiter, EncodingLabel, Instant, ZoneName};
use servgap_pipeline::{
    ConfidenceLevel, Coverage, Dimension, DurationKpi, ExampleLimit, PathDisplay, Period,
};

#[track_caller]
fn refused<T: std::str::FromStr + std::fmt::Debug>(text: &str) -> String
where
    T::Err: std::fmt::Display,
{
    match text.parse::<T>() {
        Ok(value) => panic!("`{text}` accepted as {value:?}"),
        Err(error) => error.to_string(),
    }
}

#[test]
fn delimiters_are_one_ascii_character_or_tab() {
    assert_eq!(";".parse::<Delimiter>().unwrap().byte(), b';');
    assert_eq!("tab".parse::<Delimiter>().unwrap().byte(), b'\t');
    assert_eq!(
        refused::<Delimiter>(";;"),
        "delimiter `;;` is invalid: expected one ASCII character such as `,`, `;`, `|`, or `tab`"
    );
    assert_eq!(
        refused::<Delimiter>("§"),
        "delimiter `§` is invalid: expected one ASCII character such as `,`, `;`, `|`, or `tab`"
    );
}

#[test]
fn encodings_must_be_known_labels() {
    assert_eq!("cp949".parse::<EncodingLabel>().unwrap().as_str(), "cp949");
    assert_eq!("windows-1250".parse::<EncodingLabel>().unwrap().as_str(), "windows-1250");
    assert_eq!(
        refused::<EncodingLabel>("klingon-8"),
        "encoding `klingon-8` is invalid: expected an encoding label such as utf-8, utf-16le, windows-1250, \
         cp949 or euc-kr"
    );
}

#[test]
fn instants_need_an_offset_and_zones_an_iana_name() {
    let instant = "2026-03-31T23:59:59Z".parse::<Instant>().unwrap();
    assert_eq!(instant.to_string(), "2026-03-31T23:59:59Z");
    assert_eq!(
        refused::<Instant>("2026-03-31"),
        "timestamp `2026-03-31` is invalid: expected a timestamp with an offset, like 2026-03-31T23:59:59Z"
    );
    assert_eq!("Europe/Warsaw".parse::<ZoneName>().unwrap().as_str(), "Europe/Warsaw");
    assert_eq!(
        refused::<ZoneName>("Mars/Base"),
        "time zone `Mars/Base` is invalid: expected an IANA name such as Europe/Warsaw or UTC"
    );
}

#[test]
fn core_options_are_reexported_with_their_checks() {
    assert_eq!(
        refused::<ConfidenceLevel>("0.5"),
        "confidence level `0.5` is invalid: expected a number between 0.5 and 1 (exclusive), e.g. 0.95"
    );
    assert_eq!(
        refused::<Coverage>("1.5"),
        "coverage share `1.5` is invalid: expected a share in (0, 1], e.g. 0.5 for half of the items"
    );
    assert_eq!(
        refused::<ExampleLimit>("5000"),
        "example count `5000` is invalid: expected a whole number from 0 to 1000"
    );
    assert_eq!(
        refused::<Period>("quarter"),
        "reporting period `quarter` is invalid: expected day, week or month"
    );
    assert_eq!(
        refused::<Dimension>("agent"),
        "ticket segment `agent` is invalid: expected channel, priority or team"
    );
    assert!(refused::<DurationKpi>("aht")
        .starts_with("duration kpi `aht` is invalid: expected one of first-response"));
}

#[test]
fn reports_name_files_without_folders_unless_asked() {
    let path = Path::new("/clients/acme/2026/survey.csv");
    assert_eq!(PathDisplay::FileName.label(path), "survey.csv");
    assert_eq!(PathDisplay::AsGiven.label(path), "/clients/acme/2026/survey.csv");
    assert_eq!(PathDisplay::default(), PathDisplay::FileName);
    // A path without a file name (`..`) is shown as given rather than as nothing.
    assert_eq!(PathDisplay::FileName.label(Path::new("..")), "..");
}
