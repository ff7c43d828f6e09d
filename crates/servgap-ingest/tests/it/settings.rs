//! Issue 11: settings files (targets, calendars, ticket and survey mappings, instruments)
//! validated against their documented units, ranges and keys; every error names the file
//! and the key.

use std::path::Path;

use servgap_ingest::instrument_file::{load_instrument, parse_instrument};
use servgap_ingest::tickets::{CalendarFile, TargetsFile, TicketMapping};
use servgap_ingest::{IngestError, Mapping};

use crate::util::sq;

#[track_caller]
fn targets_error(text: &str) -> String {
    let e = TargetsFile::parse(text, Path::new("t.toml")).unwrap_err().to_string();
    assert!(e.starts_with("targets t.toml: "), "{e}");
    e
}

#[track_caller]
fn calendar_error(text: &str) -> String {
    let e = CalendarFile::parse(text, Path::new("c.toml")).unwrap_err().to_string();
    assert!(e.starts_with("calendar c.toml: "), "{e}");
    e
}

#[track_caller]
fn ticket_mapping_error(text: &str) -> String {
    let e = TicketMapping::parse(text, Path::new("m.toml")).unwrap_err().to_string();
    assert!(e.starts_with("mapping m.toml: "), "{e}");
    e
}

#[track_caller]
fn survey_mapping_error(text: &str) -> String {
    let e = Mapping::parse(text, Path::new("s.toml")).unwrap_err().to_string();
    assert!(e.starts_with("mapping s.toml: "), "{e}");
    e
}

fn target(kpi: &str, value: &str) -> String {
    let clock = if kpi.ends_with("response") { "clock = \"calendar\"\n" } else { "" };
    format!("[[target]]\nkpi = \"{kpi}\"\n{clock}target = {value}\n")
}

#[test]
fn issue_11_share_targets_are_fractions_or_percent_strings() {
    let ok = TargetsFile::parse(&(target("csat", "0.85") + &target("fcr", "\"85%\"")), Path::new("t.toml"))
        .unwrap();
    assert_eq!(ok.targets[0].target(), 0.85);
    assert!((ok.targets[1].target() - 0.85).abs() < 1e-12);
    let e = targets_error(&target("csat", "\"85\""));
    assert!(e.contains("key `target[0].target`: `85`: a share written as text needs a % sign"), "{e}");
    let e = targets_error(&target("csat", "\"150%\""));
    assert!(e.contains("key `target[0].target`: \"150%\" is outside the share range 0..=1"), "{e}");
    let e = targets_error(&target("reopen-rate", "1.5"));
    assert!(e.contains("key `target[0].target`: 1.5 is outside the share range"), "{e}");
}

#[test]
fn issue_11_nps_ces_and_backlog_targets_are_range_checked_or_refused() {
    // Issue 13: NPS and CES are read from `nps` / `ces` columns, so their targets are
    // accepted and range-checked (and judged, or listed as not measurable).
    let e = targets_error(&target("nps", "150"));
    assert!(e.contains("key `target[0].target`: 150 is outside the NPS range -100..=100"), "{e}");
    let e = targets_error(&target("ces-mean", "9"));
    assert!(e.contains("key `target[0].target`: 9 is outside the CES scale 1..=7"), "{e}");
    assert!(TargetsFile::parse(&target("nps", "30"), Path::new("t.toml")).is_ok());
    assert!(TargetsFile::parse(&target("ces-mean", "5.5"), Path::new("t.toml")).is_ok());
    let preset = "[[target]]\npreset = \"clearlyrated-nps-b2b-2018\"\n";
    assert!(TargetsFile::parse(preset, Path::new("t.toml")).is_ok());
    let e = targets_error(&target("backlog", "-5"));
    assert!(e.contains("key `target[0].target`: -5 is outside the ticket-count range"), "{e}");
    assert!(TargetsFile::parse(&target("backlog", "40"), Path::new("t.toml")).is_ok());
}

#[test]
fn issue_13_ces_mean_targets_are_checked_against_the_analysis_scale() {
    let text = target("csat", "0.8") + &target("ces-mean", "4.5") + "minimum = 6\n";
    let inverted = TargetsFile::parse(&text, Path::new("t.toml"));
    assert!(inverted.is_err(), "a minimum above the target is refused before any scale");
    let text = target("csat", "0.8") + &target("ces-mean", "6");
    let file = TargetsFile::parse(&text, Path::new("t.toml")).unwrap();
    assert!(file.check_ces_scale(servgap_core::kpi::CesScale::OneToSeven).is_ok());
    let e = file.check_ces_scale(servgap_core::kpi::CesScale::OneToFive).unwrap_err().to_string();
    assert_eq!(
        e,
        "targets t.toml: key `target[1].target`: ces-mean target 6 is off the CES scale 1-5 of the analysis: \
         on a 1–5 scale a target must be in [1, 5]"
    );
    let text = target("ces-mean", "5") + "minimum = 0.5\n";
    let e = targets_error(&text);
    assert!(e.contains("0.5 is outside the CES scale 1..=7"), "{e}");
    let text = target("ces-mean", "4.5") + "minimum = 4\n";
    let file = TargetsFile::parse(&text, Path::new("t.toml")).unwrap();
    assert!(file.check_ces_scale(servgap_core::kpi::CesScale::OneToFive).is_ok());
    // Lower is better (an effort scale read the other way): the minimum is the larger value.
    let text = target("ces-mean", "2") + "direction = \"lower\"\nminimum = 5.5\n";
    let file = TargetsFile::parse(&text, Path::new("t.toml")).unwrap();
    let e = file.check_ces_scale(servgap_core::kpi::CesScale::OneToFive).unwrap_err().to_string();
    assert!(e.ends_with("key `target[0].minimum`: ces-mean minimum 5.5 is off the CES scale 1-5 of the analysis: on a 1–5 scale a target must be in [1, 5]"), "{e}");
}

#[test]
fn issue_11_duration_targets_need_units_and_stay_bounded() {
    let e = targets_error(&target("first-response", "0.85"));
    assert!(e.contains("key `target[0].target`: the number 0.85 has no unit"), "{e}");
    let e = targets_error(&target("first-response", "\"0.85\""));
    assert!(e.contains("the number 0.85 has no unit"), "{e}");
    let sla = |within: &str| {
        format!(
            "[[sla]]\nname = \"s\"\nmetric = \"first-response\"\nwithin = {within}\nclock = \"calendar\"\n"
        )
    };
    let e = targets_error(&sla("1e308"));
    assert!(e.contains("key `sla[0].within`: the number ") && e.contains("has no unit"), "{e}");
    let e = targets_error(&sla("\"99999999999999999999999h\""));
    assert!(e.contains("key `sla[0].within`: ") && e.contains("longer than 366 days"), "{e}");
    let e = targets_error(&sla("\"3 fortnights\""));
    assert!(e.contains("unknown unit `fortnights`"), "{e}");
    let ok = TargetsFile::parse(
        &(sla("\"30 min\"") + &target("first-response", "\"1h30m\"")),
        Path::new("t.toml"),
    )
    .unwrap();
    assert_eq!(ok.sla[0].seconds(), 1800);
    assert_eq!(ok.targets[0].target(), 5400.0);
}

#[test]
fn issue_11_duplicate_sla_names_are_rejected() {
    let one = "[[sla]]\nname = \"frt\"\nmetric = \"first-response\"\nwithin = \"8h\"\nclock = \"calendar\"\n";
    let e = targets_error(&format!("{one}{one}"));
    assert!(e.contains("key `sla[1].name`: \"frt\" is already the name of sla[0]"), "{e}");
}

#[test]
fn issue_11_business_clock_without_a_calendar_is_an_error_not_silence() {
    let text = "[[sla]]\nname = \"frt\"\nmetric = \"first-response\"\nwithin = \"8h\"\n\
                [[target]]\nkpi = \"first-response\"\ntarget = \"2h\"\n\
                [[target]]\nkpi = \"csat\"\ntarget = 0.9\n";
    let t = TargetsFile::parse(text, Path::new("t.toml")).unwrap();
    assert_eq!(t.business_clock_keys, ["sla[0].clock", "target[0].clock"]);
    let e = t.check_calendar(None).unwrap_err().to_string();
    assert!(
        e.starts_with("targets t.toml: key `sla[0].clock`, `target[0].clock`: the business clock"),
        "{e}"
    );
    let cal =
        CalendarFile::parse("zone = \"UTC\"\nweekdays = [\"09:00-17:00\"]\n", Path::new("c.toml")).unwrap();
    assert!(t.check_calendar(Some(&cal)).is_ok());
}

#[test]
fn issue_11_calendar_type_errors_name_the_key_and_line() {
    let e = calendar_error("weekdays = [\"08:00-16:00\"]\nzone = 5\n");
    assert!(e.contains("line 2, column 8: key `zone`: invalid type: integer `5`, expected a string"), "{e}");
    let e = calendar_error("zone = \"UTC\"\n[teams.tier2]\nzone = \"UTC\"\nweekdays = \"09:00-17:00\"\n");
    assert!(e.contains("key `teams.tier2.weekdays`"), "{e}");
    let e = calendar_error("zone = \"UTC\"\nweekdays = [\"08:00-16:00\"]\nweekday = []\n");
    assert!(e.contains("unknown field `weekday`, expected one of `zone`, `weekdays`"), "{e}");
}

#[test]
fn issue_11_holiday_with_a_time_of_day_is_rejected() {
    for holiday in ["2026-12-25T10:00", "2026-12-25 10:00:00", "2026-12-25x"] {
        let e = calendar_error(&format!(
            "zone = \"UTC\"\nweekdays = [\"08:00-16:00\"]\nholidays = [\"{holiday}\"]\n"
        ));
        assert!(
            e.contains("key `holidays`: ") && e.contains("holidays are whole local days (write 2026-12-25)"),
            "{e}"
        );
    }
}

#[test]
fn issue_11_team_names_differing_only_in_case_are_rejected() {
    let team = |name: &str| format!("[teams.{name}]\nzone = \"UTC\"\nweekdays = [\"09:00-17:00\"]\n");
    let e = calendar_error(&format!(
        "zone = \"UTC\"\nweekdays = [\"08:00-16:00\"]\n{}{}",
        team("Tier2"),
        team("tier2")
    ));
    assert!(e.contains("key `teams.tier2`: differs only in case from `teams.Tier2`"), "{e}");
}

#[test]
fn issue_11_files_named_by_settings_must_be_small_regular_files() {
    let dir = tempfile::tempdir().unwrap();
    let cal = dir.path().join("cal.toml");
    std::fs::write(&cal, "zone = \"UTC\"\nweekdays = [\"08:00-16:00\"]\nical = \"/dev/zero\"\n").unwrap();
    let e = CalendarFile::load(&cal).unwrap_err().to_string();
    assert!(e.contains("key `ical`: cannot read /dev/zero: not a regular file"), "{e}");
    let big = dir.path().join("big.ics");
    std::fs::write(&big, vec![b' '; (4 << 20) + 1]).unwrap();
    std::fs::write(&cal, "zone = \"UTC\"\nweekdays = [\"08:00-16:00\"]\nical = \"big.ics\"\n").unwrap();
    let e = CalendarFile::load(&cal).unwrap_err().to_string();
    assert!(e.contains("key `ical`: cannot read") && e.contains("larger than the 4 MiB limit"), "{e}");
    // The settings files themselves.
    let dev = Path::new("/dev/zero");
    let chain =
        |e: &dyn std::error::Error| format!("{e}: {}", e.source().map(|s| s.to_string()).unwrap_or_default());
    assert!(chain(&TargetsFile::load(dev).unwrap_err()).contains("not a regular file"));
    assert!(chain(&TicketMapping::load(dev).unwrap_err()).contains("not a regular file"));
    assert!(chain(&Mapping::load(dev).unwrap_err()).contains("not a regular file"));
    assert!(load_instrument(dev).unwrap_err().to_string().contains("not a regular file"));
    assert!(chain(&CalendarFile::load(dir.path()).unwrap_err()).contains("not a regular file"));
}

#[test]
fn issue_11_ticket_mapping_keys_of_the_other_layout_are_rejected_with_the_valid_list() {
    let e = ticket_mapping_error("[activities]\n\"Resolve\" = \"solved\"\n");
    assert!(
        e.contains("key `activities`: not used with layout = \"tickets\" (valid keys: layout, encoding"),
        "{e}"
    );
    let e = ticket_mapping_error("layout = \"events\"\n[columns]\nid = \"c\"\nfirst_response = \"f\"\n");
    assert!(
        e.contains("key `columns.first_response`: not a role of layout = \"events\" (valid: id, created"),
        "{e}"
    );
    let e = ticket_mapping_error("layout = \"events\"\ndetect = true\n");
    assert!(e.contains("key `detect`: not used with layout = \"events\""), "{e}");
    let e = ticket_mapping_error("timestamp_fromat = \"%Y\"\n");
    assert!(e.contains("unknown field `timestamp_fromat`, expected one of `layout`"), "{e}");
}

#[test]
fn issue_11_csat_labels_off_the_scale_or_duplicated_are_rejected() {
    let e = ticket_mapping_error("[csat]\nscale = \"1-5\"\nlabels = { \"great\" = 500 }\n");
    assert!(e.contains("key `csat.labels.\"great\"`: 500 is off the csat scale 1..=5"), "{e}");
    let e = ticket_mapping_error("[csat]\nscale = \"binary\"\nlabels = { \"Good\" = 1, \"good\" = 0 }\n");
    assert!(e.contains("the same label as `csat.labels.\"Good\"`"), "{e}");
    assert!(
        TicketMapping::parse("[csat]\nscale = \"1-3\"\nlabels = { \"ok\" = 2 }\n", Path::new("m")).is_ok()
    );
}

#[test]
fn issue_11_ticket_mapping_header_row_zero_is_rejected() {
    let e = ticket_mapping_error("header_row = 0\n");
    assert!(e.contains("key `header_row`: rows are numbered from 1"), "{e}");
}

#[test]
fn issue_11_invalid_timestamp_format_is_rejected_at_load() {
    for format in ["%Q%Y-%m-%d %J", "hello", "%H:%M"] {
        let e = ticket_mapping_error(&format!("timestamp_format = \"{format}\"\n"));
        assert!(e.contains("key `timestamp_format`: "), "{format}: {e}");
    }
    for format in [
        "%d-%m-%Y %H:%M",
        "%Y/%m/%d %H:%M:%S%.f",
        "%Y-%m-%d",
        "%m/%d/%Y %I:%M %p",
        "%Y-%m-%dT%H:%M:%S%z",
        "%s",
    ] {
        assert!(
            TicketMapping::parse(&format!("timestamp_format = \"{format}\"\n"), Path::new("m")).is_ok(),
            "{format}"
        );
    }
}

#[test]
fn issue_11_unix_seconds_format_reads_instants_without_a_zone() {
    let mut parser = servgap_ingest::tickets::TimestampParser::new(Some("%s"), None);
    assert_eq!(parser.parse("1767225600").unwrap().to_string(), "2026-01-01T00:00:00Z");
}

#[test]
fn issue_11_survey_mapping_column_for_two_answers_is_rejected() {
    let e = survey_mapping_error("[items.1]\nE = \"q1\"\nP = \"Q1\"\n");
    assert!(e.contains("key `items.1.P`: column `Q1` is already named by `items.1.E`"), "{e}");
    let e = survey_mapping_error("[columns]\nid = \"x\"\n[importance]\ntangibles = \"x\"\n");
    assert!(e.contains("key `importance.tangibles`: column `x` is already named by `columns.id`"), "{e}");
}

#[test]
fn issue_11_survey_value_labels_duplicated_or_off_the_scale_are_rejected() {
    let e = survey_mapping_error("[value_labels]\n\"Agree\" = 6\n\" agree \" = 6\n");
    assert!(e.contains("the same label as") && e.contains("labels match ignoring case"), "{e}");
    let instrument = sq();
    let m = Mapping::parse("[value_labels]\n\"Strongly agree\" = 700\n", Path::new("s.toml")).unwrap();
    let e = m.check_against(&instrument).unwrap_err().to_string();
    assert!(
        e.starts_with("mapping s.toml: key `value_labels.\"Strongly agree\"`: 700 is off the rating scale"),
        "{e}"
    );
    let overall = instrument.overall().map(|s| s.max()).unwrap_or(7);
    let m = Mapping::parse(&format!("[overall_labels]\n\"Top\" = {}\n", overall + 1), Path::new("s.toml"))
        .unwrap();
    if instrument.overall().is_some() {
        let e = m.check_against(&instrument).unwrap_err().to_string();
        assert!(e.contains("key `overall_labels.\"Top\"`") && e.contains("overall scale"), "{e}");
    }
    let fine = Mapping::parse(
        "[value_labels]\n\"Strongly agree\" = 7\n\"Don't know\" = \"missing\"\n",
        Path::new("s"),
    )
    .unwrap();
    assert!(fine.check_against(&instrument).is_ok());
}

#[test]
fn issue_11_survey_mapping_unknown_keys_list_the_valid_ones() {
    let e = survey_mapping_error("delimeter = \";\"\n");
    assert!(
        e.contains("line 1, column 1: unknown field `delimeter`, expected one of `encoding`, `delimiter`"),
        "{e}"
    );
    let e = survey_mapping_error("[columns]\nsegmnet = \"b\"\n");
    assert!(e.contains("unknown field `segmnet`, expected one of `id`, `overall`, `segment`"), "{e}");
    let e = survey_mapping_error("delimiter = \"\\\"\"\n");
    assert!(e.contains("key `delimiter`: delimiter `\\\"` cannot separate fields"), "{e}");
}

#[test]
fn issue_11_instrument_item_ids_equal_after_normalisation_are_rejected() {
    let text = "id = \"x\"\nformat = \"two-column\"\nscale = { min = 1, max = 7 }\n[title]\nen = \"X\"\n\
                [[dimension]]\nid = \"d\"\nname = { en = \"D\" }\n\
                [[item]]\nid = \"1\"\ndimension = \"d\"\ntext = { en = \"a\" }\n\
                [[item]]\nid = \"01\"\ndimension = \"d\"\ntext = { en = \"b\" }\n";
    let e = parse_instrument(text, "i.toml").unwrap_err().to_string();
    assert!(e.starts_with("i.toml:14: item id `01` names the same item as `1` (line 10)"), "{e}");
    let e = parse_instrument(&text.replace("format = ", "formt = "), "i.toml").unwrap_err().to_string();
    assert!(e.starts_with("i.toml:2:1: unknown field `formt`, expected one of `id`, `format`"), "{e}");
}

#[test]
fn issue_11_every_settings_error_names_the_file() {
    let e: IngestError = TicketMapping::parse("delimiter = \"x\"\n", Path::new("dir/m.toml")).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("mapping dir/m.toml: key `delimiter`: delimiter `x` cannot separate fields"),
        "{e}"
    );
}
