use jiff::civil::{date, DateTime, Weekday};
use jiff::Timestamp;
use proptest::prelude::*;

use super::*;

const H: u64 = 3600;

#[track_caller]
fn at(zone: &str, local: &str) -> Timestamp {
    let dt: DateTime = local.parse().unwrap();
    dt.in_tz(zone).unwrap().timestamp()
}

fn office(zone: &str, holidays: &[Date]) -> BusinessCalendar {
    let week = WeekSchedule::new().with_weekdays(WorkingInterval::parse("09:00-17:00").unwrap());
    BusinessCalendar::new(zone, &week, holidays.iter().copied()).unwrap()
}

fn always(zone: &str) -> BusinessCalendar {
    BusinessCalendar::new(zone, &WeekSchedule::always(), []).unwrap()
}

fn nights(zone: &str) -> BusinessCalendar {
    let night = WorkingInterval::parse("22:00-06:00").unwrap();
    let mut week = WeekSchedule::new();
    for day in [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ] {
        week = week.with(day, night);
    }
    BusinessCalendar::new(zone, &week, []).unwrap()
}

#[track_caller]
fn check_between(cal: &BusinessCalendar, from: &str, to: &str, pauses: &[TimeRange], expected: u64) {
    let zone = cal.zone_name().to_string();
    let got = cal.between(at(&zone, from), at(&zone, to), pauses).as_secs();
    assert_eq!(got, expected, "between({from}, {to}) in {zone}");
}

#[test]
fn ticket_across_a_weekend() {
    // Friday 16:00 → Monday 10:00 with 09–17 on weekdays: 1 h Friday + 1 h Monday.
    let cal = office("Europe/Warsaw", &[]);
    check_between(&cal, "2026-01-09T16:00", "2026-01-12T10:00", &[], 2 * H);
    // Entirely inside the weekend: nothing.
    check_between(&cal, "2026-01-10T08:00", "2026-01-11T20:00", &[], 0);
    // A whole working week Monday 00:00 → next Monday 00:00: 5 × 8 h.
    check_between(&cal, "2026-01-12T00:00", "2026-01-19T00:00", &[], 40 * H);
}

#[test]
fn holiday_removes_the_whole_day() {
    // Tuesday 2026-01-06 (Epiphany, a public holiday in Poland).
    let plain = office("Europe/Warsaw", &[]);
    let cal = office("Europe/Warsaw", &[date(2026, 1, 6)]);
    // Monday 16:00 → Wednesday 10:00: 1 h + (8 h Tuesday) + 1 h.
    check_between(&plain, "2026-01-05T16:00", "2026-01-07T10:00", &[], 10 * H);
    check_between(&cal, "2026-01-05T16:00", "2026-01-07T10:00", &[], 2 * H);
    assert!(cal.holidays().contains(&date(2026, 1, 6)));
}

#[test]
fn several_intervals_a_day() {
    let week = WeekSchedule::new()
        .with_weekdays(WorkingInterval::parse("09:00-12:00").unwrap())
        .with_weekdays(WorkingInterval::parse("13:00-17:00").unwrap());
    let cal = BusinessCalendar::new("UTC", &week, []).unwrap();
    // 10:00 → 14:00 skips the lunch break: 2 h + 1 h.
    check_between(&cal, "2026-01-12T10:00", "2026-01-12T14:00", &[], 3 * H);
    check_between(&cal, "2026-01-12T12:15", "2026-01-12T12:45", &[], 0);
}

#[test]
fn daylight_saving_in_warsaw() {
    // Clocks go 02:00 → 03:00 on Sunday 2026-03-29 and 03:00 → 02:00 on Sunday 2026-10-25.
    let cal = always("Europe/Warsaw");
    check_between(&cal, "2026-03-28T12:00", "2026-03-29T12:00", &[], 23 * H);
    check_between(&cal, "2026-10-24T12:00", "2026-10-25T12:00", &[], 25 * H);
    // The overnight shift 22:00–06:00 is 7 h that night and 9 h in October.
    let night = nights("Europe/Warsaw");
    check_between(&night, "2026-03-28T20:00", "2026-03-29T08:00", &[], 7 * H);
    check_between(&night, "2026-10-24T20:00", "2026-10-25T08:00", &[], 9 * H);
    // Office hours are unaffected by a change at night: Friday 16:00 → Monday 10:00 is still 2 h.
    let office = office("Europe/Warsaw", &[]);
    check_between(&office, "2026-03-27T16:00", "2026-03-30T10:00", &[], 2 * H);
}

#[test]
fn daylight_saving_in_new_york() {
    // Clocks go 02:00 → 03:00 on Sunday 2026-03-08 and 02:00 → 01:00 on Sunday 2026-11-01.
    let cal = always("America/New_York");
    check_between(&cal, "2026-03-07T12:00", "2026-03-08T12:00", &[], 23 * H);
    check_between(&cal, "2026-10-31T12:00", "2026-11-01T12:00", &[], 25 * H);
    let night = nights("America/New_York");
    check_between(&night, "2026-03-07T20:00", "2026-03-08T08:00", &[], 7 * H);
    check_between(&night, "2026-10-31T20:00", "2026-11-01T08:00", &[], 9 * H);
    // The same UTC span in the two zones: Warsaw changed on 03-29, New York on 03-08.
    let a: Timestamp = "2026-03-14T12:00:00Z".parse().unwrap();
    let b: Timestamp = "2026-03-15T12:00:00Z".parse().unwrap();
    assert_eq!(cal.between(a, b, &[]).as_secs(), 24 * H);
}

#[test]
fn pauses_are_subtracted_once() {
    let cal = office("UTC", &[]);
    let pause = |a: &str, b: &str| TimeRange { start: at("UTC", a), end: at("UTC", b) };
    // Monday 09:00 → 17:00 with a pending pause 11:00–13:00: 6 h.
    check_between(
        &cal,
        "2026-01-12T09:00",
        "2026-01-12T17:00",
        &[pause("2026-01-12T11:00", "2026-01-12T13:00")],
        6 * H,
    );
    // Overlapping, unordered pauses count once: 10:00–12:00 ∪ 11:00–14:00 = 4 h.
    check_between(
        &cal,
        "2026-01-12T09:00",
        "2026-01-12T17:00",
        &[pause("2026-01-12T11:00", "2026-01-12T14:00"), pause("2026-01-12T10:00", "2026-01-12T12:00")],
        4 * H,
    );
    // A pause outside working hours changes nothing: Monday 16:00 → Tuesday 10:00 = 2 h.
    check_between(
        &cal,
        "2026-01-12T16:00",
        "2026-01-13T10:00",
        &[pause("2026-01-12T18:00", "2026-01-13T08:00")],
        2 * H,
    );
    // A pause spanning the night removes Monday 16:30–17:00 and Tuesday 09:00–09:30.
    check_between(
        &cal,
        "2026-01-12T16:00",
        "2026-01-13T10:00",
        &[pause("2026-01-12T16:30", "2026-01-13T09:30")],
        H,
    );
}

#[test]
fn end_before_start_is_zero() {
    let cal = always("UTC");
    check_between(&cal, "2026-01-12T10:00", "2026-01-12T09:00", &[], 0);
    check_between(&cal, "2026-01-12T10:00", "2026-01-12T10:00", &[], 0);
}

#[test]
fn add_walks_over_weekends_holidays_and_pauses() {
    let cal = office("Europe/Warsaw", &[date(2026, 1, 6)]);
    let t = |s| at("Europe/Warsaw", s);
    let d = |h| Duration::from_secs(h * H);
    assert_eq!(cal.add(t("2026-01-09T16:00"), d(2), &[]).unwrap(), t("2026-01-12T10:00"));
    // Monday 16:00 + 2 h skips the Tuesday holiday.
    assert_eq!(cal.add(t("2026-01-05T16:00"), d(2), &[]).unwrap(), t("2026-01-07T10:00"));
    // Exactly at the end of a window stays there.
    assert_eq!(cal.add(t("2026-01-12T09:00"), d(8), &[]).unwrap(), t("2026-01-12T17:00"));
    // Starting at night begins at the next opening.
    assert_eq!(cal.add(t("2026-01-12T20:00"), d(1), &[]).unwrap(), t("2026-01-13T10:00"));
    // A pause 10:00–12:00 pushes the deadline by 2 h.
    let pause = TimeRange { start: t("2026-01-12T10:00"), end: t("2026-01-12T12:00") };
    assert_eq!(cal.add(t("2026-01-12T09:00"), d(3), &[pause]).unwrap(), t("2026-01-12T14:00"));
    assert_eq!(cal.add(t("2026-01-12T09:30"), Duration::ZERO, &[]).unwrap(), t("2026-01-12T09:30"));
    // Across the spring-forward night, the overnight shift ends 7 real hours after 22:00.
    let night = nights("Europe/Warsaw");
    let w = |s| at("Europe/Warsaw", s);
    assert_eq!(night.add(w("2026-03-28T22:00"), d(7), &[]).unwrap(), w("2026-03-29T06:00"));
}

#[test]
fn add_with_a_pause_that_never_ends_is_an_error() {
    let cal = office("UTC", &[]);
    let t = at("UTC", "2026-01-12T10:00");
    let pause = TimeRange { start: t, end: Timestamp::MAX };
    let err = cal.add(t, Duration::from_secs(60), &[pause]).unwrap_err();
    assert_eq!(err.to_string(), "business deadline is outside the supported date range");
}

#[test]
fn overnight_shift_belongs_to_its_start_day() {
    // Friday-only night shift 22:00–06:00; Saturday is a holiday but the shift is Friday's.
    let week = WeekSchedule::new().with(Weekday::Friday, WorkingInterval::parse("22:00-06:00").unwrap());
    let cal = BusinessCalendar::new("UTC", &week, [date(2026, 1, 10)]).unwrap();
    check_between(&cal, "2026-01-09T00:00", "2026-01-11T00:00", &[], 8 * H);
    let cal = BusinessCalendar::new("UTC", &week, [date(2026, 1, 9)]).unwrap();
    check_between(&cal, "2026-01-09T00:00", "2026-01-11T00:00", &[], 0);
}

#[test]
fn interval_parsing() {
    let w = WorkingInterval::parse("09:00-17:30").unwrap();
    assert_eq!(
        (w.start_seconds(), w.end_seconds(), w.length_seconds()),
        (9 * 3600, 17 * 3600 + 1800, 8 * 3600 + 1800)
    );
    assert!(!w.is_overnight());
    assert_eq!(WorkingInterval::parse("00:00-24:00").unwrap().length_seconds(), 86_400);
    assert_eq!(WorkingInterval::parse("22:00-00:00").unwrap().length_seconds(), 2 * 3600);
    assert_eq!(WorkingInterval::parse(" 08:00:30 - 12:00 ").unwrap().start_seconds(), 8 * 3600 + 30);
    assert_eq!(WorkingInterval::parse("22:00-06:00").unwrap().to_string(), "22:00-06:00");
}

#[track_caller]
fn check_err<T: std::fmt::Debug>(result: Result<T, CoreError>, message: &str) {
    assert_eq!(result.unwrap_err().to_string(), message);
}

#[test]
fn rejected_intervals_name_the_problem() {
    check_err(WorkingInterval::parse("9-17"), "working interval `9-17` is invalid: expected HH:MM-HH:MM");
    check_err(WorkingInterval::parse("09:00"), "working interval `09:00` is invalid: expected HH:MM-HH:MM");
    check_err(
        WorkingInterval::parse("09:60-17:00"),
        "working interval `09:60-17:00` is invalid: expected HH:MM-HH:MM",
    );
    check_err(
        WorkingInterval::parse("10:00-10:00"),
        "working interval `10:00-10:00` is invalid: the start and the end are equal",
    );
    check_err(
        WorkingInterval::parse("24:00-06:00"),
        "working interval `24:00-06:00` is invalid: the start must be before 24:00",
    );
    check_err(
        WorkingInterval::new(3600, 90_000),
        "working interval `01:00-25:00` is invalid: the end must not be after 24:00",
    );
}

#[test]
fn rejected_calendars_name_the_problem() {
    let week = WeekSchedule::new().with_weekdays(WorkingInterval::parse("09:00-17:00").unwrap());
    check_err(
        BusinessCalendar::new("Europe/Warschau", &week, []),
        "unknown time zone `Europe/Warschau`: expected an IANA name such as Europe/Warsaw",
    );
    check_err(
        BusinessCalendar::new("UTC", &WeekSchedule::new(), []),
        "business calendar has no working time on any weekday",
    );
    let overlapping = week.clone().with(Weekday::Tuesday, WorkingInterval::parse("16:00-18:00").unwrap());
    check_err(
        BusinessCalendar::new("UTC", &overlapping, []),
        "working intervals on tuesday overlap: `09:00-17:00` and `16:00-18:00`",
    );
    let spill = week.with(Weekday::Sunday, WorkingInterval::parse("22:00-10:00").unwrap());
    check_err(
        BusinessCalendar::new("UTC", &spill, []),
        "working intervals on monday overlap: `22:00-10:00` and `09:00-17:00`",
    );
}

const ICAL: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n\
BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260101\r\nDTEND;VALUE=DATE:20260102\r\nSUMMARY:New Year\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261224\r\nDTEND;VALUE=DATE:20261227\r\nSUMMARY:Christmas,\r\n  two days\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nDTSTART:20260501T000000Z\r\nSUMMARY:Labour Day\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:\r\n 20260106\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n";

#[test]
fn ical_holidays() {
    let dates = parse_ical_holidays(ICAL).unwrap();
    assert_eq!(
        dates,
        vec![
            date(2026, 1, 1),
            date(2026, 1, 6),
            date(2026, 5, 1),
            date(2026, 12, 24),
            date(2026, 12, 25),
            date(2026, 12, 26),
        ]
    );
}

#[test]
fn rejected_ical_names_the_problem() {
    check_err(
        parse_ical_holidays("hello"),
        "ical holidays, line 1: not an iCalendar text (no BEGIN:VCALENDAR)",
    );
    check_err(
        parse_ical_holidays("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:x\nEND:VEVENT\nEND:VCALENDAR"),
        "ical holidays, line 2: event without DTSTART",
    );
    check_err(
        parse_ical_holidays(
            "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20260230\nEND:VEVENT\nEND:VCALENDAR",
        ),
        "ical holidays, line 3: invalid date `20260230`",
    );
    check_err(
        parse_ical_holidays("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20260101\nRRULE:FREQ=YEARLY\nEND:VEVENT\nEND:VCALENDAR"),
        "ical holidays, line 4: recurring events (RRULE/RDATE) are not supported; expand them first",
    );
    check_err(
        parse_ical_holidays("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20260101\nDTEND;VALUE=DATE:20280101\nEND:VEVENT\nEND:VCALENDAR"),
        "ical holidays, line 2: event spans more than 366 days",
    );
}

/// Brute force: count working seconds minute by minute (all test instants are whole minutes).
fn brute_between(cal: &BusinessCalendar, a: i64, b: i64, pauses: &[(i64, i64)]) -> u64 {
    let mut total = 0;
    let mut t = a;
    while t < b {
        let working = cal.between_seconds(t, t + 60, &[]) == 60;
        let paused = pauses.iter().any(|&(s, e)| s <= t && t < e);
        if working && !paused {
            total += 60;
        }
        t += 60;
    }
    total
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn add_inverts_between(start in 0i64..(60 * 24 * 60), minutes in 0u64..(60 * 40), zone in prop::sample::select(vec!["Europe/Warsaw", "America/New_York"])) {
        // Start anywhere in March 2026, which contains both zones' spring-forward change.
        let cal = {
            let week = WeekSchedule::new()
                .with_weekdays(WorkingInterval::parse("08:00-12:00").unwrap())
                .with_weekdays(WorkingInterval::parse("13:00-18:00").unwrap())
                .with(Weekday::Saturday, WorkingInterval::parse("22:00-06:00").unwrap());
            BusinessCalendar::new(zone, &week, [date(2026, 3, 17)]).unwrap()
        };
        let a = at(zone, "2026-03-01T00:00").as_second() + start * 60;
        let deadline = cal.add_seconds(a, minutes * 60, &[]).unwrap();
        prop_assert_eq!(cal.between_seconds(a, deadline, &[]), minutes * 60);
        if minutes > 0 {
            // The deadline is the first such instant: one second earlier is short.
            prop_assert_eq!(cal.between_seconds(a, deadline - 1, &[]), minutes * 60 - 1);
        }
    }

    #[test]
    fn between_matches_minute_brute_force(start in 0i64..(60 * 24 * 14), length in 0i64..(60 * 24 * 3), p0 in 0i64..(60 * 24 * 14), plen in 0i64..(60 * 30)) {
        let cal = {
            let week = WeekSchedule::new()
                .with_weekdays(WorkingInterval::parse("09:00-17:00").unwrap())
                .with(Weekday::Sunday, WorkingInterval::parse("23:00-01:30").unwrap());
            BusinessCalendar::new("Europe/Warsaw", &week, [date(2026, 3, 25)]).unwrap()
        };
        let base = at("Europe/Warsaw", "2026-03-20T00:00").as_second();
        let a = base + start * 60;
        let b = a + length * 60;
        let pauses = vec![(base + p0 * 60, base + (p0 + plen) * 60)];
        let mut normalised = pauses.clone();
        normalise_ranges(&mut normalised);
        prop_assert_eq!(cal.between_seconds(a, b, &normalised), brute_between(&cal, a, b, &pauses));
    }
}
