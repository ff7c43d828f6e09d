//! Hand-computed KPI fixture, read-out definitions against numpy/statsmodels, rejections, and merge properties.

use jiff::civil::{date, Date};
use jiff::Timestamp;
use proptest::prelude::*;

use super::*;
use crate::CoreError;

const H: u64 = 3600;

#[track_caller]
fn ts(s: &str) -> Timestamp {
    s.parse().unwrap()
}

#[track_caller]
fn close(actual: f64, expected: f64) {
    assert!((actual - expected).abs() <= 1e-12 * expected.abs().max(1.0), "{actual} != {expected}");
}

#[track_caller]
fn check_err<T: std::fmt::Debug>(result: Result<T, CoreError>, message: &str) {
    assert_eq!(result.unwrap_err().to_string(), message);
}

fn office_utc() -> BusinessCalendar {
    let week = WeekSchedule::new().with_weekdays(WorkingInterval::parse("09:00-17:00").unwrap());
    BusinessCalendar::new("UTC", &week, []).unwrap()
}

fn ticket(id: &str, created: &str, channel: &str, priority: &str, team: &str) -> Ticket {
    let mut t = Ticket::new(id, ts(created));
    t.channel = channel.into();
    t.priority = priority.into();
    t.team = team.into();
    t
}

/// The five-ticket fixture; every expected number below is worked out by hand in the comments.
/// Calendar: UTC, Monday–Friday 09:00–17:00. 2026-01-05 is a Monday.
fn fixture() -> Vec<Ticket> {
    use Status::*;
    // T1: created Mon 08:00; reply 10:00; pending 10:30–12:00; customer 12:00; reply + solved 13:00.
    let mut t1 = ticket("T1", "2026-01-05T08:00:00Z", "email", "high", "A");
    t1.events = vec![
        Event::agent_reply(ts("2026-01-05T10:00:00Z")),
        Event::status(ts("2026-01-05T10:00:00Z"), Open),
        Event::status(ts("2026-01-05T10:30:00Z"), Pending),
        Event::customer_message(ts("2026-01-05T12:00:00Z")),
        Event::status(ts("2026-01-05T12:00:00Z"), Open),
        Event::agent_reply(ts("2026-01-05T13:00:00Z")),
        Event::status(ts("2026-01-05T13:00:00Z"), Solved),
    ];
    // T2: created Tue 16:00; reply + solved 16:30; reopened by the customer Wed 09:00; reply + solved 09:30.
    let mut t2 = ticket("T2", "2026-01-06T16:00:00Z", "chat", "low", "A");
    t2.events = vec![
        Event::agent_reply(ts("2026-01-06T16:30:00Z")),
        Event::status(ts("2026-01-06T16:30:00Z"), Solved),
        Event::customer_message(ts("2026-01-07T09:00:00Z")),
        Event::status(ts("2026-01-07T09:00:00Z"), Open),
        Event::agent_reply(ts("2026-01-07T09:30:00Z")),
        Event::status(ts("2026-01-07T09:30:00Z"), Solved),
    ];
    // T3: created Wed 09:00; reply + solved 09:10 (team B uses the default calendar).
    let mut t3 = ticket("T3", "2026-01-07T09:00:00Z", "email", "low", "B");
    t3.events = vec![
        Event::agent_reply(ts("2026-01-07T09:10:00Z")),
        Event::status(ts("2026-01-07T09:10:00Z"), Solved),
    ];
    t3.survey_offered = true;
    t3.surveys = vec![
        SurveyAnswer::csat(CsatScale::OneToFive, 5).unwrap(),
        SurveyAnswer::nps(10).unwrap(),
        SurveyAnswer::ces(6).unwrap(),
    ];
    // T4: created Fri 16:00, opened, never answered.
    let mut t4 = ticket("T4", "2026-01-09T16:00:00Z", "chat", "high", "A");
    t4.events = vec![Event::status(ts("2026-01-09T16:00:00Z"), Open)];
    t4.survey_offered = true;
    t4.surveys = vec![
        SurveyAnswer::csat(CsatScale::OneToFive, 2).unwrap(),
        SurveyAnswer::nps(3).unwrap(),
        SurveyAnswer::ces(2).unwrap(),
    ];
    // T5: created Sat 10:00; reply + solved Mon 09:30; closed Tue 09:00 (closing a solved ticket is no new solve).
    let mut t5 = ticket("T5", "2026-01-10T10:00:00Z", "email", "high", "A");
    t5.events = vec![
        Event::agent_reply(ts("2026-01-12T09:30:00Z")),
        Event::status(ts("2026-01-12T09:30:00Z"), Solved),
        Event::status(ts("2026-01-13T09:00:00Z"), Closed),
    ];
    t5.survey_offered = true;
    t5.surveys = vec![SurveyAnswer::csat(CsatScale::OneToFive, 4).unwrap(), SurveyAnswer::nps(8).unwrap()];
    vec![t1, t2, t3, t4, t5]
}

fn sla_targets() -> Vec<SlaTarget> {
    vec![
        SlaTarget::new("frt-1h", SlaMetric::FirstResponse, Clock::Business, H).unwrap(),
        SlaTarget::new("resolution-4h", SlaMetric::Resolution, Clock::Calendar, 4 * H)
            .unwrap()
            .for_priority("high"),
        SlaTarget::new("nrt-1h", SlaMetric::NextResponse, Clock::Calendar, H).unwrap(),
    ]
}

fn engine(period: Period, cohort: Cohort) -> KpiEngine {
    let mut options = KpiOptions::new("UTC").unwrap();
    options.period = period;
    options.resolution_cohort = cohort;
    options.sla = sla_targets();
    options.as_of = Some(ts("2026-01-12T17:00:00Z"));
    KpiEngine::new(options, Calendars::new().with_default(office_utc()))
}

fn run(engine: &KpiEngine, tickets: &[Ticket]) -> KpiReport {
    let mut agg = engine.aggregate();
    for t in tickets {
        agg.add(engine, t).unwrap();
    }
    agg.finish(engine)
}

fn d(calendar: u64, business: u64) -> Option<Durations> {
    Some(Durations { calendar, business: Some(business) })
}

#[test]
fn per_ticket_values_by_hand() {
    let cal = office_utc();
    let options = MetricOptions::default();
    let m: Vec<TicketMetrics> =
        fixture().iter().map(|t| TicketMetrics::compute(t, Some(&cal), &options).unwrap()).collect();
    // T1: FRT 08:00→10:00 = 2 h, business 09:00–10:00 = 1 h.
    assert_eq!(m[0].first_response, d(2 * H, H));
    // NRT: customer 12:00 → reply 13:00.
    assert_eq!(m[0].next_responses, vec![d(H, H).unwrap()]);
    // Resolution 08:00→13:00 = 5 h; business 09:00–13:00 minus pending 10:30–12:00 = 2.5 h.
    assert_eq!(m[0].first_resolution, d(5 * H, 9000));
    assert_eq!(m[0].full_resolution, d(5 * H, 9000));
    // Requester wait: new 08–10 (2 h; business 1 h) + open 10:00–10:30 + open 12–13 → 3.5 h; 2.5 h.
    assert_eq!(m[0].requester_wait, d(12_600, 9000));
    assert_eq!(m[0].first_contact_resolution, Some(false));
    assert_eq!(m[0].pauses().count(), 1);

    // T2: FRT 30 min; first resolution 30 min; full resolution Tue 16:00 → Wed 09:30 = 17.5 h, business 1.5 h.
    assert_eq!(m[1].first_response, d(1800, 1800));
    assert_eq!(m[1].next_responses, vec![d(1800, 1800).unwrap()]);
    assert_eq!(m[1].first_resolution, d(1800, 1800));
    assert_eq!(m[1].full_resolution, d(63_000, 5400));
    assert_eq!(m[1].requester_wait, d(3600, 3600));
    assert_eq!(m[1].reopens, 1);
    assert!(m[1].reopened_within_window);
    assert_eq!(m[1].first_contact_resolution, Some(false));
    assert_eq!(m[1].open_ranges().count(), 2);

    // T3: everything 10 min; one reply, no reopen → FCR.
    assert_eq!(m[2].first_response, d(600, 600));
    assert_eq!(m[2].full_resolution, d(600, 600));
    assert_eq!(m[2].first_contact_resolution, Some(true));

    // T4: unanswered and open.
    assert_eq!(m[3].first_response, None);
    assert!(m[3].awaiting_first_response);
    assert_eq!(m[3].first_resolution, None);
    assert_eq!(m[3].first_contact_resolution, None);

    // T5: Sat 10:00 → Mon 09:30 = 47.5 h calendar, 30 min business; closing later is no new solve.
    assert_eq!(m[4].first_response, d(171_000, 1800));
    assert_eq!(m[4].full_resolution, d(171_000, 1800));
    assert_eq!(m[4].requester_wait, d(171_000, 1800));
    assert_eq!(m[4].last_solved, Some(ts("2026-01-12T09:30:00Z")));
    assert_eq!(m[4].first_contact_resolution, Some(true));
}

#[test]
fn monthly_group_by_hand() {
    let report = run(&engine(Period::Month, Cohort::Solved), &fixture());
    assert_eq!(report.tickets, 5);
    let g = report.group(date(2026, 1, 1), &Segment::all()).unwrap();
    assert_eq!((g.created, g.solved, g.awaiting_first_response), (5, 4, 1));

    // FRT calendar 600, 1800, 7200, 171000: median (1800+7200)/2, p90 at h = 2.7.
    let frt = g.first_response.calendar.unwrap();
    assert_eq!((frt.n, frt.min, frt.max), (4, 600, 171_000));
    close(frt.median, 4500.0);
    close(frt.p90, 7200.0 + 0.7 * 163_800.0);
    close(frt.mean, 45_150.0);
    // FRT business 600, 1800, 1800, 3600.
    let frt_b = g.first_response.business.unwrap();
    close(frt_b.median, 1800.0);
    close(frt_b.p90, 1800.0 + 0.7 * 1800.0);
    close(frt_b.mean, 1950.0);
    // NRT 1800, 3600.
    let nrt = g.next_response.calendar.unwrap();
    close(nrt.median, 2700.0);
    close(nrt.p90, 1800.0 + 0.9 * 1800.0);
    // First resolution 600, 1800, 18000, 171000 | business 600, 1800, 1800, 9000.
    close(g.first_resolution.calendar.unwrap().median, 9900.0);
    close(g.first_resolution.calendar.unwrap().p90, 18_000.0 + 0.7 * 153_000.0);
    close(g.first_resolution.business.unwrap().p90, 1800.0 + 0.7 * 7200.0);
    // Full resolution 600, 18000, 63000, 171000 | business 600, 1800, 5400, 9000.
    let full = g.full_resolution.calendar.unwrap();
    close(full.median, 40_500.0);
    close(full.p90, 63_000.0 + 0.7 * 108_000.0);
    close(full.mean, 63_150.0);
    close(g.full_resolution.business.unwrap().median, 3600.0);
    close(g.full_resolution.business.unwrap().p90, 5400.0 + 0.7 * 3600.0);
    // Requester wait 600, 3600, 12600, 171000 | business 600, 1800, 3600, 9000.
    close(g.requester_wait.calendar.unwrap().median, 8100.0);
    close(g.requester_wait.business.unwrap().median, 2700.0);

    // FCR: T3 and T5 of the four solved; reopen: T2.
    let fcr = g.first_contact_resolution.unwrap();
    assert_eq!((fcr.successes, fcr.n), (2, 4));
    // Reopen (issue 13): as_of 2026-01-12 17:00 censors first solves from 2026-01-05 on,
    // i.e. all four; with the data judged a month later, T2 of the four.
    assert_eq!((g.reopen, g.reopen_censored), (None, 4));
    assert_eq!(report.censored_from, Some(date(2026, 1, 5)));
    let mut later = engine(Period::Month, Cohort::Solved).options().clone();
    later.as_of = Some(ts("2026-02-12T17:00:00Z"));
    let later = run(&KpiEngine::new(later, Calendars::new()), &fixture());
    let g_later = later.group(date(2026, 1, 1), &Segment::all()).unwrap();
    let reopen = g_later.reopen.unwrap();
    assert_eq!((reopen.successes, reopen.n, g_later.reopen_censored), (1, 4, 0));

    // SLA: FRT 1 h business met by T1 (exactly 1 h), T2, T3, T5; T4 running 9 business hours at as_of.
    assert_eq!((g.sla[0].met, g.sla[0].breached), (4, 1));
    close(g.sla[0].attainment.unwrap().share, 0.8);
    // Resolution 4 h calendar, high priority only: T1 5 h, T5 47.5 h, T4 running 73 h.
    assert_eq!((g.sla[1].met, g.sla[1].breached), (0, 3));
    // NRT 1 h: T1 run exactly 1 h, T2 run 30 min.
    assert_eq!((g.sla[2].met, g.sla[2].breached), (2, 0));

    // CSAT 5, 2, 4 on 1–5 → 2 good of 3 rated; 3 rated of 3 offered.
    let csat = g.csat.unwrap();
    assert_eq!((csat.successes, csat.n), (2, 3));
    assert_eq!(g.csat_response_rate.unwrap().share, 1.0);
    // NPS 10, 3, 8 → one promoter, one detractor: 0.
    let nps = g.nps.unwrap();
    assert_eq!((nps.promoters, nps.passives, nps.detractors), (1, 1, 1));
    close(nps.score, 0.0);
    assert!(nps.small_sample);
    // CES 6, 2.
    let ces = g.ces.unwrap();
    close(ces.mean, 4.0);
    assert_eq!((ces.agree.successes, ces.agree.n), (1, 2));

    // Backlog at 23:00 UTC: T4 from Fri 01-09; T5 from Sat 01-10 to Mon 01-12. Others solved the same day.
    assert_eq!(g.backlog_at_end, 1);
    let series: Vec<(Date, i64)> =
        report.backlog.iter().filter(|p| p.segment == Segment::all()).map(|p| (p.date, p.open)).collect();
    assert_eq!(
        series,
        vec![(date(2026, 1, 9), 1), (date(2026, 1, 10), 2), (date(2026, 1, 11), 2), (date(2026, 1, 12), 1),]
    );

    // Segments: email = T1, T3, T5 → FRT 600, 7200, 171000; chat = T2 (T4 unanswered).
    let email = report.group(date(2026, 1, 1), &Segment::of(Dimension::Channel, "email")).unwrap();
    close(email.first_response.calendar.unwrap().median, 7200.0);
    assert_eq!(email.created, 3);
    let chat = report.group(date(2026, 1, 1), &Segment::of(Dimension::Channel, "chat")).unwrap();
    assert_eq!(chat.first_response.calendar.unwrap().n, 1);
    assert_eq!(chat.awaiting_first_response, 1);
    let team_b = report.group(date(2026, 1, 1), &Segment::of(Dimension::Team, "B")).unwrap();
    assert_eq!(team_b.first_response.business.unwrap().median, 600.0);
    // All tickets first, then channel, priority, team; values sorted.
    let order: Vec<String> = report
        .groups
        .iter()
        .map(|g| format!("{}={}", g.segment.dimension.map_or("all", |d| d.id()), g.segment.value))
        .collect();
    assert_eq!(
        order,
        ["all=", "channel=chat", "channel=email", "priority=high", "priority=low", "team=A", "team=B"]
    );
}

#[test]
fn cohorts_and_periods() {
    // Daily periods, solve cohort: T2's first resolution is in 01-06, its full resolution in 01-07.
    let report = run(&engine(Period::Day, Cohort::Solved), &fixture());
    let tue = report.group(date(2026, 1, 6), &Segment::all()).unwrap();
    assert_eq!(tue.first_resolution.calendar.unwrap().n, 1);
    assert!(tue.full_resolution.calendar.is_none());
    let wed = report.group(date(2026, 1, 7), &Segment::all()).unwrap();
    assert_eq!(wed.full_resolution.calendar.unwrap().n, 2); // T2 and T3
                                                            // Created cohort: both land on the creation day.
    let report = run(&engine(Period::Day, Cohort::Created), &fixture());
    let tue = report.group(date(2026, 1, 6), &Segment::all()).unwrap();
    assert_eq!(tue.full_resolution.calendar.unwrap().n, 1);
    // Weekly: everything is created in the week of Monday 01-05; T5 is solved in the next week.
    let report = run(&engine(Period::Week, Cohort::Solved), &fixture());
    let w1 = report.group(date(2026, 1, 5), &Segment::all()).unwrap();
    assert_eq!((w1.created, w1.solved), (5, 3));
    let w2 = report.group(date(2026, 1, 12), &Segment::all()).unwrap();
    assert_eq!((w2.created, w2.solved), (0, 1));
    assert_eq!(w2.backlog_at_end, 1);
}

#[test]
fn period_keys() {
    for day in [date(2026, 1, 5), date(2026, 1, 11), date(2024, 2, 29), date(1969, 12, 31), date(2000, 3, 1)]
    {
        assert_eq!(Period::Day.start(Period::Day.key(day)), Some(day));
    }
    assert_eq!(Period::Week.start(Period::Week.key(date(2026, 1, 11))), Some(date(2026, 1, 5)));
    assert_eq!(Period::Week.start(Period::Week.key(date(1970, 1, 1))), Some(date(1969, 12, 29)));
    assert_eq!(Period::Month.start(Period::Month.key(date(2026, 2, 17))), Some(date(2026, 2, 1)));
    assert_eq!(Period::Month.end(Period::Month.key(date(2024, 2, 17))), Some(date(2024, 2, 29)));
    assert_eq!(Period::Week.end(Period::Week.key(date(2026, 1, 7))), Some(date(2026, 1, 11)));
}

#[test]
fn pause_policy_none_counts_pending_time() {
    let cal = office_utc();
    let t1 = &fixture()[0];
    let options = MetricOptions { pause: PausePolicy::NONE, ..MetricOptions::default() };
    let m = TicketMetrics::compute(t1, Some(&cal), &options).unwrap();
    // 09:00–13:00 without the pending pause.
    assert_eq!(m.first_resolution, d(5 * H, 4 * H));
}

#[test]
fn agent_created_ticket_starts_at_the_first_customer_message() {
    let mut t = ticket("T6", "2026-01-05T09:00:00Z", "email", "low", "A");
    t.created_by_agent = true;
    t.events = vec![
        Event::agent_reply(ts("2026-01-05T09:00:00Z")),
        Event::customer_message(ts("2026-01-05T11:00:00Z")),
        Event::agent_reply(ts("2026-01-05T11:45:00Z")),
    ];
    let m = TicketMetrics::compute(&t, None, &MetricOptions::default()).unwrap();
    assert_eq!(m.first_response, Some(Durations { calendar: 2700, business: None }));
    assert!(m.next_responses.is_empty());
    // No customer message at all: no first-response clock.
    t.events.truncate(1);
    let m = TicketMetrics::compute(&t, None, &MetricOptions::default()).unwrap();
    assert_eq!(m.first_response, None);
    assert!(!m.awaiting_first_response);
}

#[test]
fn without_calendars_business_values_are_absent() {
    let mut options = KpiOptions::new("Europe/Warsaw").unwrap();
    options.sla = sla_targets();
    let engine = KpiEngine::new(options, Calendars::new());
    let report = run(&engine, &fixture());
    let g = report.group(date(2026, 1, 1), &Segment::all()).unwrap();
    assert!(g.first_response.calendar.is_some());
    assert!(g.first_response.business.is_none());
    // The business-clock SLA has no instances; the others still count.
    assert_eq!((g.sla[0].met, g.sla[0].breached), (0, 0));
    assert!(g.sla[0].attainment.is_none());
    assert_eq!(g.sla[2].met, 2);
}

#[test]
fn team_calendar_overrides_the_default() {
    let night = BusinessCalendar::new("UTC", &WeekSchedule::always(), []).unwrap();
    let calendars = Calendars::new().with_default(office_utc()).with_team("B", night);
    assert_eq!(calendars.for_team("B").unwrap().zone_name(), "UTC");
    let engine = KpiEngine::new(KpiOptions::new("UTC").unwrap(), calendars);
    let report = run(&engine, &fixture());
    let g = report.group(date(2026, 1, 1), &Segment::of(Dimension::Team, "B")).unwrap();
    assert_eq!(g.first_response.business.unwrap().median, 600.0);
}

#[test]
fn statuses_parse_and_name() {
    for status in Status::ALL {
        assert_eq!(Status::parse(status.id()).unwrap(), status);
    }
    assert_eq!(Status::parse(" On Hold ").unwrap(), Status::OnHold);
    assert!(Status::Closed.is_done() && !Status::Pending.is_done());
}

#[test]
fn every_rejection_has_its_message() {
    check_err(
        Status::parse("awaiting vendor"),
        "unknown ticket status `awaiting vendor`: expected new, open, pending, on-hold, solved or closed",
    );
    let mut t = ticket("X1", "2026-01-05T09:00:00Z", "", "", "");
    t.events = vec![Event::agent_reply(ts("2026-01-05T08:59:59Z"))];
    check_err(t.validate(), "ticket `X1` has an event before its creation time");
    t.events = vec![
        Event::agent_reply(ts("2026-01-05T10:00:00Z")),
        Event::customer_message(ts("2026-01-05T09:30:00Z")),
    ];
    check_err(t.validate(), "events of ticket `X1` are not in time order");
    // The aggregate rejects the ticket and stays unchanged.
    let engine = engine(Period::Month, Cohort::Solved);
    let mut agg = engine.aggregate();
    check_err(agg.add(&engine, &t), "events of ticket `X1` are not in time order");
    assert_eq!(agg.tickets(), 0);
    assert!(agg.finish(&engine).groups.is_empty());

    check_err(SurveyAnswer::csat(CsatScale::OneToFive, 6), "csat answer 6 is outside the scale 1..=5");
    check_err(SurveyAnswer::csat(CsatScale::Binary, -1), "csat answer -1 is outside the scale 0..=1");
    check_err(SurveyAnswer::nps(11), "nps answer 11 is outside the scale 0..=10");
    check_err(SurveyAnswer::ces(0), "ces answer 0 is outside the scale 1..=7");
    check_err(QuantileLevel::new(11, 10), "quantile level 11/10 is not between 0 and 1");
    check_err(QuantileLevel::new(0, 0), "quantile level 0/0 is not between 0 and 1");
    let frt = Measure::Duration {
        kpi: DurationKpi::FirstResponse,
        clock: Clock::Business,
        statistic: Statistic::Median,
    };
    check_err(
        Target::new(frt.clone(), Direction::LowerIsBetter, 3600.0, Some(1800.0)),
        "target for first-response.business.median has its minimum on the wrong side: when lower is better the minimum must not be better than the target",
    );
    check_err(
        Target::new(Measure::Csat, Direction::HigherIsBetter, 0.8, Some(0.9)),
        "target for csat has its minimum on the wrong side: when higher is better the minimum must not be better than the target",
    );
    check_err(
        Target::new(Measure::Nps, Direction::HigherIsBetter, f64::NAN, None),
        "target for nps is not a finite number",
    );
    check_err(
        Target::new(Measure::Nps, Direction::HigherIsBetter, 10.0, Some(f64::NEG_INFINITY)),
        "target for nps is not a finite number",
    );
    check_err(
        SlaTarget::new("frt", SlaMetric::FirstResponse, Clock::Business, 0),
        "sla target time must be a positive number of seconds",
    );
    check_err(
        SlaTarget::new(" ", SlaMetric::FirstResponse, Clock::Business, 60),
        "sla target identifier is empty",
    );
    check_err(
        KpiOptions::new("Mars/Olympus"),
        "unknown time zone `Mars/Olympus`: expected an IANA name such as Europe/Warsaw",
    );
}

// ---- read-outs against numpy / statsmodels (tests/oracles/kpi_oracles.py) ----

/// 23 durations with ties, values beyond the dense range and a zero.
const ORACLE_VALUES: [u64; 23] = [
    0, 5, 5, 17, 60, 60, 60, 61, 300, 1_799, 1_800, 3_600, 3_600, 7_200, 14_400, 28_800, 86_399, 87_039,
    87_040, 90_000, 171_000, 604_800, 2_592_000,
];

fn histogram_of(values: &[u64]) -> DurationHistogram {
    let mut h = DurationHistogram::new();
    for &v in values {
        h.add(v);
    }
    h
}

/// Pasted from `kpi_oracles.py`: (p as num/den, numpy linear, numpy inverted_cdf).
const NUMPY_QUANTILES: [(u32, u32, f64, f64); 6] = [
    (1, 2, 3600.0, 3600.0),
    (9, 10, 154800.00000000006, 171000.0),
    (19, 20, 561419.9999999994, 604800.0),
    (1, 4, 60.0, 60.0),
    (0, 1, 0.0, 0.0),
    (1, 1, 2592000.0, 2592000.0),
];

/// Pasted from `kpi_oracles.py`: first four values only (the fixture's FRT), numpy linear.
const NUMPY_SMALL: [(u32, u32, f64); 2] = [(1, 2, 4500.0), (9, 10, 121860.00000000003)];

#[test]
fn quantiles_match_numpy() {
    let h = histogram_of(&ORACLE_VALUES);
    for (num, den, linear, inverted) in NUMPY_QUANTILES {
        let level = QuantileLevel::new(num, den).unwrap();
        close(h.quantile(level, QuantileMethod::Linear).unwrap(), linear);
        close(h.quantile(level, QuantileMethod::InvertedCdf).unwrap(), inverted);
    }
    let small = histogram_of(&[7200, 1800, 600, 171_000]);
    for (num, den, linear) in NUMPY_SMALL {
        close(small.quantile(QuantileLevel::new(num, den).unwrap(), QuantileMethod::Linear).unwrap(), linear);
    }
    assert_eq!(DurationHistogram::new().quantile(QuantileLevel::MEDIAN, QuantileMethod::Linear), None);
    assert_eq!(DurationHistogram::new().summary(QuantileMethod::Linear), None);
}

/// Pasted from `kpi_oracles.py`: statsmodels `proportion_confint(k, n, alpha=0.05, method="wilson")`.
const WILSON: [(u64, u64, f64, f64); 6] = [
    (2, 4, 0.15003898915214947, 0.8499610108478506),
    (1, 4, 0.0455872608097006, 0.6993581574175982),
    (0, 10, 0.0, 0.27753279986288926),
    (10, 10, 0.7224672001371106, 1.0),
    (37, 120, 0.23272736988916298, 0.39582997723800684),
    (4, 5, 0.3755346297625252, 0.9637758913675698),
];

#[test]
fn wilson_matches_statsmodels() {
    for (k, n, low, high) in WILSON {
        let i = Proportion::new(k, n).wilson(Z_95).unwrap();
        assert!((i.low - low).abs() < 1e-12, "{k}/{n}: {} vs {low}", i.low);
        assert!((i.high - high).abs() < 1e-12, "{k}/{n}: {} vs {high}", i.high);
    }
    assert_eq!(Proportion::new(0, 0).wilson(Z_95), None);
}

#[test]
fn nps_by_hand() {
    // 50 promoters, 30 passives, 20 detractors: NPS 30; Var = (0.5 + 0.2 − 0.09)/100 = 0.0061.
    let mut counts = [0u64; 11];
    counts[10] = 50;
    counts[7] = 30;
    counts[0] = 20;
    let e = summary::nps(&counts).unwrap();
    close(e.score, 30.0);
    close(e.interval.high - e.score, 100.0 * Z_95 * 0.0061f64.sqrt());
    assert!(!e.small_sample);
    assert_eq!(summary::nps(&[0; 11]), None);
}

#[test]
fn histogram_overflowing_a_dense_slot_spills_exactly() {
    let mut h = DurationHistogram::new();
    h.add_count(10, u64::from(u32::MAX) - 1);
    h.add_count(10, 5);
    h.add(9);
    h.add(100_000);
    assert_eq!(h.n(), u64::from(u32::MAX) + 6);
    assert_eq!(h.entries().unwrap(), vec![(9, 1), (10, u64::from(u32::MAX) + 4), (100_000, 1)]);
    close(h.quantile(QuantileLevel::MEDIAN, QuantileMethod::Linear).unwrap(), 10.0);
    let mut other = DurationHistogram::new();
    other.add(10);
    other.merge(&h);
    assert_eq!(other.entries().unwrap()[1], (10, u64::from(u32::MAX) + 5));
}

// ---- targets and benchmarks ----

#[test]
fn gap_is_direction_aware() {
    let frt = Measure::Duration {
        kpi: DurationKpi::FirstResponse,
        clock: Clock::Calendar,
        statistic: Statistic::Median,
    };
    let t = Target::new(frt, Direction::LowerIsBetter, 3600.0, Some(7200.0)).unwrap();
    let g = t.gap(5400.0, 10);
    assert_eq!((g.absolute, g.normalised, g.status), (-1800.0, Some(-0.5), GapStatus::InBand));
    assert_eq!(t.gap(3600.0, 10).status, GapStatus::AtTarget);
    assert_eq!(t.gap(7201.0, 10).status, GapStatus::BelowMinimum);
    let csat = Target::new(Measure::Csat, Direction::HigherIsBetter, 0.8, Some(0.7)).unwrap();
    let g = csat.gap(0.9, 3);
    close(g.absolute, 0.1);
    assert_eq!(g.status, GapStatus::AtTarget);
    assert_eq!(csat.gap(0.75, 3).status, GapStatus::InBand);
    assert_eq!(csat.gap(0.6, 3).status, GapStatus::BelowMinimum);
    // Without a band, anything short of the target is below the minimum; a zero target has no normalised gap.
    let nps = Target::new(Measure::Nps, Direction::HigherIsBetter, 0.0, None).unwrap();
    let g = nps.gap(-5.0, 100);
    assert_eq!((g.normalised, g.status), (None, GapStatus::BelowMinimum));
}

#[test]
fn targets_evaluate_against_the_fixture() {
    let report = run(&engine(Period::Month, Cohort::Solved), &fixture());
    let frt = Measure::Duration {
        kpi: DurationKpi::FirstResponse,
        clock: Clock::Calendar,
        statistic: Statistic::Median,
    };
    let targets = vec![
        Target::new(frt, Direction::LowerIsBetter, 3600.0, Some(7200.0))
            .unwrap()
            .for_segments(SegmentFilter::Every(Dimension::Channel)),
        Target::new(Measure::SlaAttainment("frt-1h".into()), Direction::HigherIsBetter, 0.9, Some(0.8))
            .unwrap(),
        Target::new(Measure::Backlog, Direction::LowerIsBetter, 0.0, None).unwrap(),
    ];
    let rows = evaluate(&targets, &report);
    let summary: Vec<(usize, String, GapStatus)> =
        rows.iter().map(|r| (r.target, r.segment.value.clone(), r.gap.status)).collect();
    assert_eq!(
        summary,
        vec![
            (1, String::new(), GapStatus::InBand),       // 0.8 attainment
            (2, String::new(), GapStatus::BelowMinimum), // backlog 1
            (0, "chat".into(), GapStatus::AtTarget),     // median 1800
            (0, "email".into(), GapStatus::InBand),      // median 7200
        ]
    );
    assert_eq!(rows[2].gap.n, 1);
}

#[test]
fn benchmarks_carry_provenance_and_make_valid_targets() {
    let all = benchmarks();
    assert!(all.len() >= 5);
    for b in &all {
        assert!(b.url.starts_with("https://"), "{}", b.id);
        assert!((2010..=2026).contains(&b.year), "{}", b.id);
        assert!(!b.caveat.is_empty() && !b.population.is_empty());
        let t = b.to_target().unwrap();
        assert_eq!(t.direction(), b.measure.natural_direction());
        assert!(t.source().unwrap().contains(b.url));
    }
    let ids: std::collections::HashSet<_> = all.iter().map(|b| b.id).collect();
    assert_eq!(ids.len(), all.len());
}

// ---- properties ----

fn arb_ticket() -> impl Strategy<Value = Ticket> {
    let event = (0i64..(3 * 86_400), 0u8..9);
    (
        0i64..(70 * 86_400),
        prop::collection::vec(event, 0..10),
        0usize..3,
        0usize..2,
        0usize..3,
        prop::option::of(1i16..=5),
        prop::option::of(0i16..=10),
        any::<bool>(),
    )
        .prop_map(|(created, mut events, channel, priority, team, csat, nps, agent)| {
            let base = ts("2026-01-01T00:00:00Z").as_second() + created;
            let mut t = Ticket::new(format!("P{created}"), Timestamp::from_second(base).unwrap());
            t.channel = ["email", "chat", "web"][channel].into();
            t.priority = ["low", "high"][priority].into();
            t.team = ["A", "B", "C"][team].into();
            t.created_by_agent = agent;
            t.survey_offered = csat.is_some();
            events.sort();
            t.events = events
                .into_iter()
                .map(|(offset, kind)| {
                    let at = Timestamp::from_second(base + offset).unwrap();
                    match kind {
                        0 | 1 => Event::agent_reply(at),
                        2 => Event::customer_message(at),
                        k => Event::status(at, Status::ALL[usize::from(k - 3)]),
                    }
                })
                .collect();
            t.surveys = csat
                .map(|s| SurveyAnswer::csat(CsatScale::OneToFive, s).unwrap())
                .into_iter()
                .chain(nps.map(|s| SurveyAnswer::nps(s).unwrap()))
                .collect();
            t
        })
}

fn merge_engine() -> KpiEngine {
    let mut options = KpiOptions::new("Europe/Warsaw").unwrap();
    options.period = Period::Week;
    options.sla = sla_targets();
    options.as_of = Some(ts("2026-03-20T00:00:00Z"));
    let week = WeekSchedule::new().with_weekdays(WorkingInterval::parse("08:00-16:00").unwrap());
    let warsaw = BusinessCalendar::new("Europe/Warsaw", &week, [date(2026, 1, 6)]).unwrap();
    KpiEngine::new(options, Calendars::new().with_default(office_utc()).with_team("A", warsaw))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn merge_equals_one_pass(tickets in prop::collection::vec(arb_ticket(), 0..40), split in 0usize..40) {
        let engine = merge_engine();
        let split = split.min(tickets.len());
        let one = run(&engine, &tickets);
        let (left, right) = tickets.split_at(split);
        let mut a = engine.aggregate();
        for t in right { a.add(&engine, t).unwrap(); }
        let mut b = engine.aggregate();
        for t in left { b.add(&engine, t).unwrap(); }
        // Merge in the other order, so label numbering differs between the parts.
        a.merge(&b);
        prop_assert_eq!(a.finish(&engine), one);
    }

    #[test]
    fn histogram_quantiles_match_sorting(values in prop::collection::vec(prop_oneof![0u64..200, 86_000u64..90_000, 0u64..5_000_000], 1..200), num in 0u32..=20) {
        let h = histogram_of(&values);
        let mut sorted = values.clone();
        sorted.sort_unstable();
        let n = sorted.len();
        let level = QuantileLevel::new(num, 20).unwrap();
        // Type 7 with exact rank arithmetic.
        let h_num = (n as u64 - 1) * u64::from(num);
        let k = (h_num / 20) as usize;
        let frac = (h_num % 20) as f64 / 20.0;
        let hi = sorted[(k + 1).min(n - 1)];
        let expected = sorted[k] as f64 + frac * (hi as f64 - sorted[k] as f64);
        let got = h.quantile(level, QuantileMethod::Linear).unwrap();
        prop_assert!((got - expected).abs() <= 1e-9 * expected.max(1.0));
        // Type 1.
        let rank = ((n as u64 * u64::from(num)).div_ceil(20)).max(1) as usize;
        prop_assert_eq!(h.quantile(level, QuantileMethod::InvertedCdf).unwrap(), sorted[rank - 1] as f64);
        // Merging two halves gives the same histogram.
        let (l, r) = values.split_at(values.len() / 2);
        let mut merged = histogram_of(r);
        merged.merge(&histogram_of(l));
        prop_assert_eq!(merged.entries(), h.entries());
        prop_assert_eq!(merged.summary(QuantileMethod::Linear), h.summary(QuantileMethod::Linear));
        prop_assert_eq!(h.mean().unwrap(), values.iter().map(|&v| v as f64).sum::<f64>() / n as f64);
    }
}

// ---- bounded histograms: coarse buckets resolved by a second pass ----

/// Sorted-value quantiles (type 7 and type 1) with exact rank arithmetic.
fn sorted_quantiles(values: &[u64], level: QuantileLevel) -> (f64, f64) {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let n = sorted.len() as u64;
    let (a, b) = (u64::from(level.numerator()), u64::from(level.denominator()));
    let h_num = (n - 1) * a;
    let k = (h_num / b) as usize;
    let frac = h_num % b;
    let lo = sorted[k];
    let linear = if frac == 0 || sorted[(k + 1).min(sorted.len() - 1)] == lo {
        lo as f64
    } else {
        lo as f64 + (sorted[k + 1] - lo) as f64 * (frac as f64 / b as f64)
    };
    let rank = (n * a).div_ceil(b).max(1) as usize;
    (linear, sorted[rank - 1] as f64)
}

/// Two passes over `parts` (chunks merged in order) with budget `budget`: pass 1, then
/// the unresolved buckets' exact values installed from a rescan of the values.
fn two_pass(parts: &[&[u64]], budget: u32, method: QuantileMethod) -> DurationHistogram {
    let mut h = DurationHistogram::with_budget(budget);
    for part in parts {
        let mut p = DurationHistogram::with_budget(budget);
        for &v in *part {
            p.add(v);
        }
        h.merge(&p);
    }
    for bucket in h.unresolved(method) {
        let (low, high) = crate::kpi::histogram::bucket_span(bucket);
        let mut counts: std::collections::BTreeMap<u64, u64> = std::collections::BTreeMap::new();
        for &v in parts.iter().flat_map(|p| p.iter()) {
            if v >= crate::kpi::histogram::DENSE_LIMIT && (low..=high).contains(&v) {
                *counts.entry(v).or_insert(0) += 1;
            }
        }
        let entries: Vec<(u64, u64)> = counts.into_iter().collect();
        h.install(bucket, &entries);
    }
    h
}

#[test]
fn coarse_histogram_is_resolved_by_installing_buckets() {
    let values: Vec<u64> = (0..20_000u64).map(|i| 90_000 + (i * 7_919) % 3_000_000).collect();
    let mut h = DurationHistogram::new();
    for &v in &values {
        h.add(v);
    }
    assert!(h.is_coarse());
    assert_eq!(h.summary(QuantileMethod::Linear), None);
    assert_eq!(h.entries(), None);
    let unresolved = h.unresolved(QuantileMethod::Linear);
    assert!(!unresolved.is_empty() && unresolved.len() <= 4);
    let refined = two_pass(&[&values], SPARSE_BUDGET, QuantileMethod::Linear);
    let s = refined.summary(QuantileMethod::Linear).unwrap();
    assert_eq!(s.median, sorted_quantiles(&values, QuantileLevel::MEDIAN).0);
    assert_eq!(s.p90, sorted_quantiles(&values, QuantileLevel::P90).0);
    assert_eq!(s.mean, values.iter().sum::<u64>() as f64 / values.len() as f64);
    assert!(refined.unresolved(QuantileMethod::Linear).is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// With any budget (0 forces coarse buckets), chunks merged in any order and the
    /// requested buckets installed, median and p90 equal sort-based quantiles bit for bit.
    #[test]
    fn two_pass_quantiles_match_sorting(
        values in prop::collection::vec(prop_oneof![0u64..200, 86_000u64..90_000, 87_040u64..200_000, 0u64..50_000_000, Just(u64::MAX - 3)], 1..300),
        budget in prop_oneof![Just(0u32), 1u32..8, Just(SPARSE_BUDGET)],
        cut in 0usize..300,
        inverted in any::<bool>(),
    ) {
        let method = if inverted { QuantileMethod::InvertedCdf } else { QuantileMethod::Linear };
        let cut = cut.min(values.len());
        let (l, r) = values.split_at(cut);
        for parts in [[l, r], [r, l]] {
            let h = two_pass(&parts, budget, method);
            let s = h.summary(method).unwrap();
            for (level, got) in [(QuantileLevel::MEDIAN, s.median), (QuantileLevel::P90, s.p90)] {
                let (linear, inv) = sorted_quantiles(&values, level);
                prop_assert_eq!(got.to_bits(), if inverted { inv } else { linear }.to_bits());
            }
            prop_assert_eq!(s.n, values.len() as u64);
            prop_assert_eq!(s.min, *values.iter().min().unwrap());
            prop_assert_eq!(s.max, *values.iter().max().unwrap());
            prop_assert_eq!(h.sum(), values.iter().map(|&v| u128::from(v)).sum::<u128>());
        }
    }

    /// A whole KPI run with a tiny sparse budget (coarse everywhere) and two passes,
    /// parts merged in either order, equals the exact one-pass report.
    #[test]
    fn two_pass_aggregate_equals_exact(tickets in prop::collection::vec(arb_ticket(), 0..40), split in 0usize..40) {
        let engine = merge_engine();
        let one = run(&engine, &tickets);
        let mut options = engine.options().clone();
        options.sparse_budget = 0;
        let coarse = KpiEngine::new(options, engine.calendars().clone());
        let split = split.min(tickets.len());
        let (left, right) = tickets.split_at(split);
        let pass = |seed: &KpiAggregate| {
            let mut a = seed.clone();
            for t in right { a.add(&coarse, t).unwrap(); }
            let mut b = seed.clone();
            for t in left { b.add(&coarse, t).unwrap(); }
            a.merge(&b);
            a
        };
        let mut agg = pass(&coarse.aggregate());
        let refinements = agg.refinements(&coarse);
        let collected = pass(&coarse.refiner(&refinements));
        agg.refine(&collected).unwrap();
        prop_assert!(agg.refinements(&coarse).is_empty());
        prop_assert_eq!(agg.finish(&coarse), one);
        let mut exact = engine.aggregate();
        for t in &tickets { exact.add(&engine, t).unwrap(); }
        prop_assert_eq!(agg.finish_totals(&coarse), exact.finish_totals(&engine));
    }
}

/// Issue 15 (KPI speed): pass 2 skips a ticket whose events all fall within a day of its
/// creation without computing its metrics (it cannot hold a coarse value), and the
/// two-pass report still equals the exact one, business clocks included.
#[test]
fn issue_15_pass_two_skips_short_tickets_and_stays_exact() {
    let engine = merge_engine();
    let mut options = engine.options().clone();
    options.sparse_budget = 0;
    let coarse = KpiEngine::new(options, engine.calendars().clone());
    let tickets: Vec<Ticket> = (0..60i64)
        .map(|i| {
            let created = ts("2026-01-05T08:00:00Z").as_second() + i * 7_919;
            let mut t = Ticket::new(format!("S{i}"), Timestamp::from_second(created).unwrap());
            t.team = ["A", "B"][(i % 2) as usize].into();
            // Every third ticket is solved after 1–3 days, the others within the day.
            let solve = if i % 3 == 0 { 86_400 + i * 3_001 } else { 600 + i * 1_201 };
            t.events = vec![
                Event::agent_reply(Timestamp::from_second(created + 300 + i).unwrap()),
                Event::status(Timestamp::from_second(created + solve).unwrap(), Status::Solved),
            ];
            t
        })
        .collect();
    let mut agg = coarse.aggregate();
    for t in &tickets {
        agg.add(&coarse, t).unwrap();
    }
    let refinements = agg.refinements(&coarse);
    assert!(!refinements.is_empty(), "the long solves are coarse");
    let mut pass2 = coarse.refiner(&refinements);
    for t in &tickets {
        pass2.add(&coarse, t).unwrap();
    }
    // A short ticket pass 1 would reject (a reply before its creation) is skipped, not checked.
    let mut bad = ticket("bad", "2026-01-05T08:00:00Z", "", "", "A");
    bad.events = vec![Event::agent_reply(ts("2026-01-05T07:00:00Z"))];
    assert!(agg.clone().add(&coarse, &bad).is_err());
    assert!(pass2.add(&coarse, &bad).is_ok());
    agg.refine(&pass2).unwrap();
    assert!(agg.refinements(&coarse).is_empty());
    let mut exact = engine.aggregate();
    for t in &tickets {
        exact.add(&engine, t).unwrap();
    }
    assert_eq!(agg.finish(&coarse), exact.finish(&engine));
    assert_eq!(agg.finish_totals(&coarse), exact.finish_totals(&engine));
}

#[test]
fn issue_11_targets_outside_their_unit_range_are_rejected() {
    let frt = Measure::Duration {
        kpi: DurationKpi::FirstResponse,
        clock: Clock::Calendar,
        statistic: Statistic::Median,
    };
    let higher = Direction::HigherIsBetter;
    let cases: [(Measure, Direction, f64, Option<f64>); 7] = [
        (Measure::Csat, higher, 1.5, None),
        (Measure::Csat, higher, 85.0, None),
        (Measure::Nps, higher, 150.0, None),
        (Measure::CesMean, higher, 9.0, None),
        (Measure::Backlog, Direction::LowerIsBetter, -1.0, None),
        (frt.clone(), Direction::LowerIsBetter, 1e308, None),
        (Measure::ReopenRate, Direction::LowerIsBetter, 0.05, Some(-0.1)),
    ];
    for (measure, direction, target, minimum) in cases {
        let id = measure.id();
        match Target::new(measure, direction, target, minimum) {
            Err(CoreError::KpiTargetOutOfRange { measure, .. }) => assert_eq!(measure, id),
            other => panic!("{id} {target}: expected out of range, got {other:?}"),
        }
    }
    assert!(Target::new(Measure::Nps, higher, -100.0, None).is_ok());
    assert!(Target::new(Measure::CesMean, higher, 7.0, Some(1.0)).is_ok());
    assert!(Target::new(frt, Direction::LowerIsBetter, MAX_TARGET_SECONDS, None).is_ok());
    for b in benchmarks() {
        assert!(b.to_target().is_ok(), "{}", b.id);
    }
}

#[test]
fn issue_13_ces_mean_target_must_lie_on_the_analysis_ces_scale() {
    let higher = Direction::HigherIsBetter;
    let six = Target::new(Measure::CesMean, higher, 6.0, None).unwrap();
    assert!(six.check_ces_scale(CesScale::OneToSeven).is_ok(), "6 is on 1–7");
    check_err(
        six.check_ces_scale(CesScale::OneToFive),
        "ces-mean target 6 is off the CES scale 1-5 of the analysis: on a 1–5 scale a target must be in [1, 5]",
    );
    let band = Target::new(Measure::CesMean, higher, 5.0, Some(5.5)).ok();
    assert!(band.is_none(), "a minimum above the target is an inverted band before any scale");
    let low = Target::new(Measure::CesMean, higher, 5.0, Some(4.0)).unwrap();
    assert!(low.check_ces_scale(CesScale::OneToFive).is_ok(), "5 and 4 are on 1–5");
    let csat = Target::new(Measure::Csat, higher, 0.9, None).unwrap();
    assert!(csat.check_ces_scale(CesScale::OneToFive).is_ok(), "only ces-mean depends on the scale");
}

#[test]
fn issue_11_kpi_segment_cap_ends_the_run_naming_the_dimension() {
    let mut options = KpiOptions::new("UTC").unwrap();
    assert_eq!(options.max_segments, DEFAULT_MAX_SEGMENTS);
    options.dimensions = vec![Dimension::Channel];
    options.max_segments = 3;
    let engine = KpiEngine::new(options, Calendars::new());
    let mut agg = engine.aggregate();
    for channel in ["a", "b", "c", "a", "c"] {
        agg.add(&engine, &ticket("T", "2026-01-05T08:00:00Z", channel, "low", "A")).unwrap();
    }
    let err = agg.add(&engine, &ticket("T", "2026-01-05T08:00:00Z", "d", "low", "A")).unwrap_err();
    assert_eq!(err, CoreError::KpiTooManySegments { dimension: "channel", limit: 3 });
    assert!(err.to_string().contains("more than 3 distinct channel values"), "{err}");
    assert_eq!(agg.tickets(), 5, "the refused ticket is not counted");
    assert!(agg.check_segments(&engine).is_ok());
    // Two chunks within the limit whose union is not: the merged aggregate is refused.
    let mut other = engine.aggregate();
    for channel in ["x", "y"] {
        other.add(&engine, &ticket("T", "2026-01-05T08:00:00Z", channel, "low", "A")).unwrap();
    }
    agg.merge(&other);
    assert_eq!(
        agg.check_segments(&engine),
        Err(CoreError::KpiTooManySegments { dimension: "channel", limit: 3 })
    );
}

#[test]
fn issue_11_team_calendar_names_match_case_insensitively() {
    let night = BusinessCalendar::new("UTC", &WeekSchedule::always(), []).unwrap();
    let calendars = Calendars::new().with_default(office_utc()).with_team("tier2", night);
    let always = |c: Option<&BusinessCalendar>| {
        c.unwrap().between(ts("2026-01-10T00:00:00Z"), ts("2026-01-10T01:00:00Z"), &[]).as_secs()
    };
    // Saturday: only the 24/7 team calendar counts the hour.
    assert_eq!(always(calendars.for_team("Tier2")), 3600);
    assert_eq!(always(calendars.for_team("TIER2")), 3600);
    assert_eq!(always(calendars.for_team("tier1")), 0);
}

/// Issue 13: team calendars match ignoring case, and the teams without one are listed
/// (merged across chunks); periods without activity are zero groups carrying the backlog.
#[test]
fn issue_13_teams_without_calendar_and_empty_periods() {
    let night = BusinessCalendar::new("UTC", &WeekSchedule::always(), []).unwrap();
    let calendars = Calendars::new().with_default(office_utc()).with_team("Tier2", night);
    let mut options = KpiOptions::new("UTC").unwrap();
    options.dimensions = Vec::new();
    let engine = KpiEngine::new(options, calendars);
    let mut parts = [engine.aggregate(), engine.aggregate()];
    for (part, team, created) in [
        (0, "tier2", "2026-01-05T10:00:00Z"),
        (0, "Billing", "2026-01-06T10:00:00Z"),
        (1, "TIER2", "2026-04-07T10:00:00Z"),
        (1, "Sales", "2026-04-08T10:00:00Z"),
    ] {
        let mut t = Ticket::new("t", ts(created));
        t.team = team.to_owned();
        parts[part].add(&engine, &t).unwrap();
    }
    let [mut a, b] = parts;
    a.merge(&b);
    assert_eq!(a.teams_without_calendar().collect::<Vec<_>>(), ["Billing", "Sales"]);
    let report = a.finish(&engine);
    let months: Vec<(Date, u64, i64)> =
        report.groups.iter().map(|g| (g.period_start, g.created, g.backlog_at_end)).collect();
    assert_eq!(
        months,
        [
            (date(2026, 1, 1), 2, 2),
            (date(2026, 2, 1), 0, 2),
            (date(2026, 3, 1), 0, 2),
            (date(2026, 4, 1), 2, 4)
        ]
    );
}

/// Tickets created on 2026-01-05 with one survey answer each.
fn answered(answers: &[SurveyAnswer]) -> Vec<Ticket> {
    answers
        .iter()
        .enumerate()
        .map(|(k, a)| {
            let mut t = Ticket::new(format!("s{k}"), ts("2026-01-05T08:00:00Z"));
            t.survey_offered = matches!(a.survey(), Survey::Csat(_));
            t.surveys.push(*a);
            t
        })
        .collect()
}

fn totals_of(tickets: &[Ticket], ces_scale: CesScale) -> GroupSummary {
    let mut options = KpiOptions::new("UTC").unwrap();
    options.dimensions = Vec::new();
    options.ces_scale = ces_scale;
    let engine = KpiEngine::new(options, Calendars::new());
    let mut aggregate = engine.aggregate();
    for t in tickets {
        aggregate.add(&engine, t).unwrap();
    }
    aggregate.finish_totals(&engine).remove(0)
}

#[test]
fn issue_13_csat_on_one_to_seven_and_binary_and_ces_on_one_to_five() {
    // Hand computation (and crates/servgap-ingest/tests/oracles/kpi_scales.py, statsmodels):
    // CSAT 1–7 answers 7, 6, 5, 2, 7 → good (6–7) = 3 of 5 = 0.6, Wilson 95 %
    // [0.2307242812760129, 0.8823792257673522] (statsmodels proportion_confint, method wilson).
    let csat7: Vec<SurveyAnswer> =
        [7, 6, 5, 2, 7].iter().map(|s| SurveyAnswer::csat(CsatScale::OneToSeven, *s).unwrap()).collect();
    let g = totals_of(&answered(&csat7), CesScale::OneToSeven);
    let csat = g.csat.unwrap();
    assert_eq!((csat.successes, csat.n), (3, 5));
    assert!((csat.interval.low - 0.2307242812760129).abs() < 1e-9);
    assert!((csat.interval.high - 0.8823792257673522).abs() < 1e-9);
    // Binary 1, 0, 1, 1 → 3 of 4.
    let binary: Vec<SurveyAnswer> =
        [1, 0, 1, 1].iter().map(|s| SurveyAnswer::csat(CsatScale::Binary, *s).unwrap()).collect();
    let csat = totals_of(&answered(&binary), CesScale::OneToSeven).csat.unwrap();
    assert_eq!((csat.successes, csat.n), (3, 4));
    // CES 1–5 answers 5, 4, 3, 1, 4, 2 → mean 19 / 6 = 3.1666…; agree (4–5) 3 of 6, Wilson
    // [0.18761630648265054, 0.8123836935173494].
    let ces5: Vec<SurveyAnswer> =
        [5, 4, 3, 1, 4, 2].iter().map(|s| SurveyAnswer::ces_on(CesScale::OneToFive, *s).unwrap()).collect();
    let ces = totals_of(&answered(&ces5), CesScale::OneToFive).ces.unwrap();
    assert_eq!((ces.scale, ces.n, ces.agree.successes), (CesScale::OneToFive, 6, 3));
    close(ces.mean, 19.0 / 6.0);
    assert!((ces.agree.interval.low - 0.18761630648265054).abs() < 1e-9);
    // The same answers read as 1–7 agree only from 5: 1 of 6.
    let ces7: Vec<SurveyAnswer> = [5, 4, 3, 1, 4, 2].iter().map(|s| SurveyAnswer::ces(*s).unwrap()).collect();
    assert_eq!(totals_of(&answered(&ces7), CesScale::OneToSeven).ces.unwrap().agree.successes, 1);
    // Off the scales.
    check_err(SurveyAnswer::csat(CsatScale::OneToSeven, 8), "csat answer 8 is outside the scale 1..=7");
    check_err(SurveyAnswer::ces_on(CesScale::OneToFive, 6), "ces answer 6 is outside the scale 1..=5");
}

#[test]
fn issue_13_one_analysis_reads_one_ces_scale() {
    let mut options = KpiOptions::new("UTC").unwrap();
    options.ces_scale = CesScale::OneToFive;
    let engine = KpiEngine::new(options, Calendars::new());
    let tickets = answered(&[SurveyAnswer::ces(6).unwrap()]);
    check_err(
        engine.aggregate().add(&engine, &tickets[0]),
        "ticket `s0` has a CES answer on the 1-7 scale, but this analysis reads CES on 1-5",
    );
}
