//! Every check of `from_parts` and of the decoders, each with its exact message.

use jiff::civil::date;
use jiff::Timestamp;
use servgap_core::builtin;
use servgap_core::instrument::Instrument;
use servgap_core::kpi::{
    Calendars, Clock, Compute, Dimension, DurationHistogram, DurationHistogramParts, DurationKpi,
    DurationParts, Event, KpiAggregate, KpiEngine, KpiOptions, KpiParts, Period, SlaMetric, SlaTarget,
    Status, Ticket,
};
use servgap_core::partials::CrossProductsParts;
use servgap_core::servqual::{
    Coverage, Finding, FindingLog, FindingLogParts, Location, Respondent, Rule, SurveyPartials, SurveyParts,
};
use servgap_store::{decode_kpi, decode_survey, encode_kpi, encode_survey, StoredSurvey};

// ---------------------------------------------------------------- surveys

fn instrument() -> Instrument {
    builtin::servqual22_three_column()
}

/// Six three-column respondents (scale 1–9): complete and partial answers, importance
/// totals of 100 and 90, overall answers.
fn survey_parts() -> SurveyParts {
    let instrument = instrument();
    let mut partials = SurveyPartials::new(&instrument, Coverage::HALF).unwrap();
    for r in 0..6i16 {
        let ratings: Vec<Option<i16>> = (0..66i16)
            .map(|i| if r == 5 && i % 7 == 0 { None } else { Some(1 + (i * 5 + r * 3 + i * r * 2) % 9) })
            .collect();
        let importance = if r < 4 { [20, 20, 20, 20, 20] } else { [10, 20, 20, 20, 20] };
        let importance: Vec<Option<i32>> = importance.iter().map(|&p| Some(p)).collect();
        let overall = Some(1 + r);
        partials.add(&Respondent { ratings: &ratings, importance: &importance, overall });
    }
    partials.to_parts()
}

fn survey_error(change: &fn(&mut SurveyParts)) -> String {
    let mut parts = survey_parts();
    change(&mut parts);
    SurveyPartials::from_parts(&instrument(), &parts).unwrap_err().to_string()
}

#[test]
fn unchanged_parts_rebuild_an_equal_aggregate() {
    let parts = survey_parts();
    let rebuilt = SurveyPartials::from_parts(&instrument(), &parts).unwrap();
    assert_eq!(rebuilt.to_parts(), parts);
    assert_eq!(parts.allocations.len(), 2);
    assert!(parts.items[0].zone.iter().sum::<u64>() > 0);
}

/// Counts every observation of `cross` twice (consistent sums, twice the n).
fn double(cross: &mut CrossProductsParts) {
    cross.n *= 2;
    cross.sums.iter_mut().for_each(|s| *s *= 2);
    cross.products.iter_mut().for_each(|p| *p *= 2);
}

type SurveyCase = (&'static str, fn(&mut SurveyParts), &'static str);

const SURVEY_CASES: &[SurveyCase] = &[
    ("instrument", |p| p.instrument = "servqual22".into(), "partial sums were made for a different instrument: expected `servqual22-3col`, found `servqual22`"),
    ("format", |p| p.format = "two-column".into(), "partial sums were made for a different format: expected `three-column`, found `two-column`"),
    ("scale", |p| p.scale = (1, 7), "partial sums were made for a different scale: expected `1..=9`, found `1..=7`"),
    ("item id", |p| p.items[1].id = "x".into(), "partial sums were made for a different item at position 2: expected `2`, found `x`"),
    ("item dimension", |p| p.items[0].dimension = "empathy".into(), "partial sums were made for a different dimension of item 1: expected `tangibles`, found `empathy`"),
    ("dimension id", |p| p.dimensions[4].id = "care".into(), "partial sums were made for a different dimension at position 5: expected `empathy`, found `care`"),
    ("items shape", |p| { p.items.pop(); }, "partial sums `items` have 21 entries, expected 22"),
    ("coverage", |p| p.coverage = (3, 2), "partial sums `coverage` are inconsistent: 3/2 is not a share in (0, 1]"),
    ("denominator", |p| p.denominator += 1, "partial sums `denominator` are inconsistent: is 61, but this instrument and coverage rule give 60"),
    ("sums shape", |p| { p.items[0].complete.sums.pop(); }, "partial sums `items[1].complete.sums` have 2 entries, expected 3"),
    ("products shape", |p| { p.items[0].complete.products.pop(); }, "partial sums `items[1].complete.products` have 5 entries, expected 6"),
    ("negative variance", |p| p.items[0].complete.products[0] = 1, "partial sums `items[1].complete[0]` are inconsistent: n·Σx² − (Σx)² is negative (n = 5, Σx = 17, Σx² = 1), so no values have these sums"),
    ("sum beyond the scale", |p| { p.items[0].complete.sums[0] = 60; p.items[0].complete.products[0] = 800; }, "partial sums `items[1].complete[0]` are inconsistent: the sum 60 of 5 values is impossible for values in 1..=9"),
    ("squares beyond the scale", |p| p.items[0].complete.products[0] = 1_000, "partial sums `items[1].complete[0]` are inconsistent: the sum of squares 1000 of 5 values is impossible for values in 1..=9"),
    ("no values but sums", |p| { p.satisfaction.n = 0; }, "partial sums `satisfaction` are inconsistent: n is 0 but the sum is 21 and the sum of squares 91"),
    ("items n above respondents", |p| p.respondents = 2, "partial sums `items[1].complete` are inconsistent: n is 5, more than the respondents (2)"),
    ("histogram total", |p| p.items[0].differences[0].counts[0].1 += 1, "partial sums `items[1].differences.msa` are inconsistent: the total count is 6, but the n of items[1].complete is 5"),
    ("histogram sum", |p| p.items[0].differences[0].counts[0].0 -= 1, "partial sums `items[1].differences.msa` are inconsistent: Σ value·count is 8, but the battery sums of items[1].complete differ by 9"),
    ("histogram range", |p| p.items[0].differences[0].counts[0].0 = -9, "partial sums `items[1].differences.msa` are inconsistent: value -9 is outside the possible range -8..=8"),
    ("histogram order", |p| p.items[0].differences[0].counts.swap(0, 1), "partial sums `items[1].differences.msa` are inconsistent: value -1 is not above the value before it"),
    ("histogram zero count", |p| p.items[0].differences[0].counts.push((100, 0)), "partial sums `items[1].differences.msa` are inconsistent: value 100 has a count of 0"),
    ("comparisons shape", |p| { p.items[0].differences.pop(); }, "partial sums `items[1].differences` have 1 entries, expected 2"),
    ("zone total", |p| p.items[0].zone[1] += 1, "partial sums `items[1].zone` are inconsistent: the zone counts add up to 6, but must equal the n of the cross-products (5)"),
    ("dimension zone", |p| p.dimensions[0].zone = [0; 4], "partial sums `dimensions[tangibles].zone` are inconsistent: the zone counts add up to 0, but must equal the n of the cross-products (6)"),
    ("dimension score range", |p| { p.dimensions[0].scores.sums[0] = 4_000; p.dimensions[0].scores.products[0] = 3_000_000; }, "partial sums `dimensions[tangibles].scores[0]` are inconsistent: the sum 4000 of 6 values is impossible for values in 60..=540"),
    ("dimension battery_only shape", |p| { p.dimensions[0].battery_only.pop(); }, "partial sums `dimensions[tangibles].battery_only` have 2 entries, expected 3"),
    ("listwise plus battery_only above respondents", |p| double(&mut p.dimensions[0].battery_only[2]), "partial sums `dimensions[tangibles].battery_only[2]` are inconsistent: n plus the listwise n is 7, more than the respondents (6)"),
    ("full n", |p| double(&mut p.full), "partial sums `full` are inconsistent: n is 10, more than the respondents (6)"),
    ("overall n above a dimension's", |p| p.overall.unweighted.n = 7, "partial sums `overall.unweighted` are inconsistent: n is 7, more than the n of dimensions[tangibles].scores (6)"),
    ("allocation total", |p| p.allocations[0].total = 0, "partial sums `allocations[0]` are inconsistent: the point total 0 is not positive"),
    ("allocation order", |p| p.allocations.swap(0, 1), "partial sums `allocations[90]` are inconsistent: point totals are not strictly increasing"),
    ("allocation points", |p| { p.allocations[1].points[0].sum = 84; p.allocations[1].points[0].sum_sq = 1_764; }, "partial sums `allocations[100].points` are inconsistent: the points add up to 404, but 4 respondents with 100 points each give 400"),
    ("allocation n", |p| p.allocations[1].points[2].n = 3, "partial sums `allocations[100].points[2]` are inconsistent: n is 3, but the n of the group's first dimension is 4"),
    ("allocation points shape", |p| { p.allocations[1].points.pop(); }, "partial sums `allocations[100].points` have 4 entries, expected 5"),
    ("allocation weighted n", |p| p.allocations[0].weighted.n = 3, "partial sums `allocations[90].weighted` are inconsistent: n is 3, more than the group's respondents (2)"),
    ("satisfaction range", |p| { p.satisfaction.sum = 100; p.satisfaction.sum_sq = 2_000; }, "partial sums `satisfaction` are inconsistent: the sum 100 of 6 values is impossible for values in 1..=9"),
];

#[test]
fn each_survey_check_names_the_field_and_rule() {
    let mut wrong = Vec::new();
    for (name, change, expected) in SURVEY_CASES {
        let got = survey_error(change);
        if got != *expected {
            wrong.push(format!("{name}: {got}"));
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}

// ---------------------------------------------------------------- findings

fn finding(row: u64, rule: Rule) -> Finding {
    Finding { row, location: Location::Response, rule, value: String::new() }
}

#[test]
fn each_finding_log_check_names_the_field_and_rule() {
    let error = |counts: Vec<(Rule, u64)>, samples: Vec<Finding>| {
        FindingLog::from_parts(&FindingLogParts { sample_limit: 1, counts, samples }).unwrap_err().to_string()
    };
    let cases = [
        (error(vec![(Rule::Blank, 0)], vec![]), "partial sums `findings.counts[blank]` are inconsistent: a listed rule must have a count above 0"),
        (error(vec![(Rule::Blank, 1), (Rule::Blank, 2)], vec![]), "partial sums `findings.counts[blank]` are inconsistent: the rule is listed twice"),
        (error(vec![(Rule::Blank, 1)], vec![finding(2, Rule::EmptyResponse)]), "partial sums `findings.samples[empty-response]` are inconsistent: an example of a rule without a count"),
        (error(vec![(Rule::Blank, 5)], vec![finding(2, Rule::Blank), finding(3, Rule::Blank)]), "partial sums `findings.samples[blank]` are inconsistent: the number of examples is 2, more than the count or the sample limit (1)"),
    ];
    let wrong: Vec<&String> =
        cases.iter().filter(|(got, expected)| got != expected).map(|(got, _)| got).collect();
    assert!(wrong.is_empty(), "{wrong:#?}");
}

// ---------------------------------------------------------------- KPIs

fn ts(text: &str) -> Timestamp {
    text.parse().unwrap()
}

fn kpi_engine(compute: Compute) -> KpiEngine {
    let mut options = KpiOptions::new("Europe/Warsaw").unwrap();
    options.period = Period::Week;
    options.dimensions = vec![Dimension::Channel];
    options.sla = vec![SlaTarget::new("frt-1h", SlaMetric::FirstResponse, Clock::Calendar, 3_600).unwrap()];
    options.sparse_budget = 0;
    options.compute = compute;
    KpiEngine::new(options, Calendars::new())
}

/// Three tickets over two weeks: answered in an hour and solved; answered after two days
/// (a coarse bucket) and solved; never answered.
fn kpi_parts() -> KpiParts {
    let engine = kpi_engine(Compute::ALL);
    let mut agg = engine.aggregate();
    let tickets = [
        ("T1", "2026-01-05T09:00:00Z", "email", Some("2026-01-05T10:00:00Z"), Some("2026-01-07T12:00:00Z")),
        ("T2", "2026-01-06T09:00:00Z", "chat", Some("2026-01-08T09:00:00Z"), Some("2026-01-09T09:00:00Z")),
        ("T3", "2026-01-12T09:00:00Z", "web", None, None),
    ];
    for (id, created, channel, reply, solved) in tickets {
        let mut t = Ticket::new(id, ts(created));
        t.channel = channel.into();
        t.events.extend(reply.map(|r| Event::agent_reply(ts(r))));
        t.events.extend(solved.map(|s| Event::status(ts(s), Status::Solved)));
        agg.add(&engine, &t).unwrap();
    }
    agg.to_parts(&engine)
}

/// A first-response histogram of five one-minute values.
fn five_minutes() -> DurationHistogramParts {
    DurationHistogramParts {
        n: 5,
        sum: 300,
        min: 60,
        max: 60,
        budget: 0,
        exact: vec![(60, 5)],
        ..Default::default()
    }
}

type KpiCase = (&'static str, fn(&mut KpiParts), &'static str);

const KPI_CASES: &[KpiCase] = &[
    ("period", |p| p.period = "month".into(), "partial sums were made for a different period: expected `week`, found `month`"),
    ("dimensions", |p| p.dimensions = vec![Dimension::Team], "partial sums were made for a different set of segment dimensions: expected `channel`, found `team`"),
    ("sla", |p| p.sla.clear(), "partial sums were made for a different set of sla targets: expected `frt-1h`, found ``"),
    ("period start", |p| p.groups[0].period_start = date(2026, 1, 6), "partial sums `groups[2026-01-06/channel/chat]` are inconsistent: 2026-01-06 is not the first day of a week"),
    ("group twice", |p| p.groups.push(p.groups[0].clone()), "partial sums `groups[2026-01-05/channel/chat]` are inconsistent: the group is listed twice"),
    ("all-tickets group", |p| { p.groups[0].dimension = None; p.groups[0].value.clear(); }, "partial sums `groups[2026-01-05/all/]` are inconsistent: with segment dimensions, the all-tickets groups are derived and must not be given"),
    ("dimension not in the options", |p| p.groups[0].dimension = Some(Dimension::Team), "partial sums `groups[2026-01-05/team/chat]` are inconsistent: dimension team is not one of the options' dimensions"),
    ("created sum", |p| p.tickets += 1, "partial sums `groups[channel].created` are inconsistent: the sum is 3, but the tickets is 4"),
    ("awaiting above created", |p| p.groups[2].awaiting_first_response = 2, "partial sums `groups[2026-01-12/channel/web].awaiting_first_response` are inconsistent: the count is 2, more than created (1)"),
    ("successes above n", |p| p.groups[0].reopen.successes = 2, "partial sums `groups[2026-01-05/channel/chat].reopen` are inconsistent: successes is 2, more than n (1)"),
    ("reopen n", |p| p.groups[0].reopen.n = 2, "partial sums `groups[2026-01-05/channel/chat].reopen` are inconsistent: n is 2, but solved is 1"),
    ("first-contact n", |p| p.groups[0].first_contact_resolution.n = 2, "partial sums `groups[2026-01-05/channel/chat].first_contact_resolution` are inconsistent: n is 2, more than solved (1)"),
    ("csat good", |p| p.groups[0].csat_good = 1, "partial sums `groups[2026-01-05/channel/chat].csat.good` are inconsistent: the count is 1, more than csat.rated (0)"),
    ("sla shape", |p| p.groups[0].sla.push((0, 0)), "partial sums `groups[2026-01-05/channel/chat].sla` have 2 entries, expected 1"),
    ("histogram twice", |p| { let d = p.groups[0].durations[0].clone(); p.groups[0].durations.push(d); }, "partial sums `groups[2026-01-05/channel/chat].durations[first-response/calendar]` are inconsistent: the histogram is listed twice"),
    ("business above calendar", |p| p.groups[0].durations.push(DurationParts { kpi: DurationKpi::FirstResponse, clock: Clock::Business, histogram: five_minutes() }), "partial sums `groups[2026-01-05/channel/chat].durations[first-response/business]` are inconsistent: n is 5, more than the calendar-time n (1)"),
    ("first response above created", |p| p.groups[1].durations[0].histogram = five_minutes(), "partial sums `groups[2026-01-05/channel/email].durations[first-response/calendar]` are inconsistent: n is 5, more than created (1)"),
    ("backlog twice", |p| p.backlog.push(p.backlog[0].clone()), "partial sums `backlog[2026-01-05/channel/email]` are inconsistent: the day and segment are listed twice"),
];

#[test]
fn each_kpi_check_names_the_field_and_rule() {
    let engine = kpi_engine(Compute::ALL);
    let parts = kpi_parts();
    assert_eq!(KpiAggregate::from_parts(&engine, &parts).unwrap().to_parts(&engine), parts);
    let mut wrong = Vec::new();
    for (name, change, expected) in KPI_CASES {
        let mut changed = parts.clone();
        change(&mut changed);
        let got = KpiAggregate::from_parts(&engine, &changed).unwrap_err().to_string();
        if got != *expected {
            wrong.push(format!("{name}: {got}"));
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}

#[test]
fn kpi_parts_must_fit_what_the_options_keep() {
    let parts = kpi_parts();
    let lean = kpi_engine(Compute { durations: [true; 5], backlog: false });
    let got = KpiAggregate::from_parts(&lean, &parts).unwrap_err().to_string();
    assert_eq!(got, "partial sums `backlog` have 5 entries, expected 0");
    let only_first_response =
        kpi_engine(Compute { backlog: true, ..Compute::only(&[DurationKpi::FirstResponse]) });
    let got = KpiAggregate::from_parts(&only_first_response, &parts).unwrap_err().to_string();
    assert_eq!(
        got,
        "partial sums `groups[2026-01-05/channel/chat].durations[first-resolution/calendar]` are inconsistent: the options do not keep this KPI"
    );
}

type HistogramCase = (&'static str, fn(&mut DurationHistogramParts), &'static str);

/// A coarse bucket holding one value of 100 000 s.
fn coarse_bucket() -> u32 {
    let mut h = DurationHistogram::with_budget(0);
    h.add(100_000);
    h.to_parts().coarse.unwrap()[0].0
}

const HISTOGRAM_CASES: &[HistogramCase] = &[
    ("order", |h| h.exact.swap(0, 1), "partial sums `histogram.exact` are inconsistent: 60 is not above the entry before it"),
    ("zero count", |h| h.exact.push((200, 0)), "partial sums `histogram.exact` are inconsistent: 200 has a count of 0"),
    ("no such bucket", |h| h.coarse = Some(vec![(u32::MAX, 1)]), "partial sums `histogram.coarse` are inconsistent: bucket 4294967295 does not exist"),
    ("exact beside coarse", |h| { h.coarse = Some(vec![]); h.exact.push((100_000, 1)); }, "partial sums `histogram.exact` are inconsistent: 100000 s is kept exactly although values ≥ 87040 s are in coarse buckets"),
    ("refined below the coarse range", |h| { h.coarse = Some(vec![]); h.refined = vec![(5, 1)]; }, "partial sums `histogram.refined` are inconsistent: 5 s is below the coarse range (87040 s)"),
    ("refined above the count", |h| { h.coarse = Some(vec![(coarse_bucket(), 1)]); h.refined = vec![(100_000, 2)]; }, "partial sums `histogram.refined` are inconsistent: bucket 538 has 2 refined values but counts only 1"),
    ("n", |h| h.n = 4, "partial sums `histogram` are inconsistent: n is 4, but the sum of the exact and coarse counts is 3"),
    ("sum", |h| h.sum = 241, "partial sums `histogram` are inconsistent: the sum is 241, but the counts give 240"),
    ("min", |h| h.min = 50, "partial sums `histogram` are inconsistent: min 50 and max 120 do not fit the counted values (60..=120)"),
];

#[test]
fn each_duration_histogram_check_names_the_field_and_rule() {
    let base = DurationHistogramParts {
        n: 3,
        sum: 240,
        min: 60,
        max: 120,
        budget: 4096,
        exact: vec![(60, 2), (120, 1)],
        ..Default::default()
    };
    assert_eq!(DurationHistogram::from_parts(&base).unwrap().to_parts(), base);
    let mut wrong = Vec::new();
    for (name, change, expected) in HISTOGRAM_CASES {
        let mut changed = base.clone();
        change(&mut changed);
        let got = DurationHistogram::from_parts(&changed).unwrap_err().to_string();
        if got != *expected {
            wrong.push(format!("{name}: {got}"));
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}

// ---------------------------------------------------------------- decoders

fn survey_json() -> String {
    let instrument = instrument();
    let parts = survey_parts();
    let total = SurveyPartials::from_parts(&instrument, &parts).unwrap();
    let segments = [("north".to_string(), total.clone())].into_iter().collect();
    let findings = Some(FindingLog::new(2));
    encode_survey(&StoredSurvey { total, segments, findings }).unwrap()
}

fn edit(json: &str, change: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut value: serde_json::Value = serde_json::from_str(json).unwrap();
    change(&mut value);
    value.to_string()
}

/// Renames the first item's `msa` histogram to `gap`, a comparison three-column data does not have.
fn rename_msa_to_gap(value: &mut serde_json::Value) {
    let differences = value["total"]["items"][0]["differences"].as_object_mut().unwrap();
    let msa = differences.remove("msa").unwrap();
    differences.insert("gap".into(), msa);
}

#[test]
fn each_decoder_check_names_the_field_and_rule() {
    let instrument = instrument();
    let json = survey_json();
    assert!(decode_survey(&json, &instrument).is_ok());
    let survey = |text: String| decode_survey(&text, &instrument).unwrap_err().to_string();
    let cases = [
        (survey("{".into()), "partials json is malformed: EOF while parsing an object at line 1 column 1"),
        (survey(json.replace("servgap.partials/1", "servgap.partials/2")), "partials json has schema `servgap.partials/2`, expected `servgap.partials/1`"),
        (survey(json.replace("\"denominator\": \"60\"", "\"denominator\": \"060\"")), "partials json is malformed: `060` is not a canonical decimal integer in range (a string such as \"-12\") at line 22 column 22"),
        (survey(edit(&json, |v| v["extra"] = 1.into())), "partials json is malformed: unknown field `extra`, expected one of `schema`, `instrument`, `format`, `scale`, `batteries`, `comparisons`, `coverage`, `denominator`, `total`, `segments`, `findings` at line 1 column 65691"),
        (survey(edit(&json, |v| v["batteries"] = serde_json::json!(["A", "P", "D"]))), "partials json field `batteries` has keys [A, P, D], expected [A, D, P]"),
        (survey(edit(&json, rename_msa_to_gap)), "partials json field `total.items[1].differences` has keys [gap, mss], expected [msa, mss]"),
        (survey(edit(&json, |v| v["findings"]["counts"]["nope"] = 1.into())), "partials json field `findings.counts` has unknown value `nope`"),
        (survey(edit(&json, |v| v["segments"][0]["partials"]["respondents"] = 1.into())), "segment \"north\": partial sums `items[1].complete` are inconsistent: n is 5, more than the respondents (1)"),
    ];
    let engine = kpi_engine(Compute::ALL);
    let kpi_json = {
        let agg = KpiAggregate::from_parts(&engine, &kpi_parts()).unwrap();
        encode_kpi(&agg, &engine).unwrap()
    };
    let kpi = |text: String| decode_kpi(&text, &engine).unwrap_err().to_string();
    let kpi_cases = [
        (
            kpi(kpi_json.replace("Europe/Warsaw", "UTC")),
            "kpi: partial sums were made for a different time zone: expected `Europe/Warsaw`, found `UTC`",
        ),
        (
            kpi(kpi_json.replace("\"channel\"", "\"region\"")),
            "partials json field `dimensions` has unknown value `region`",
        ),
        (
            kpi(kpi_json.replace("2026-01-05", "2026-1-5")),
            "partials json field `groups.period_start` has unknown value `2026-1-5`",
        ),
        (
            kpi(edit(&kpi_json, |v| v["groups"][0]["durations"][0]["clock"] = "wall".into())),
            "partials json field `groups.durations.clock` has unknown value `wall`",
        ),
    ];
    let wrong: Vec<&String> = cases
        .iter()
        .chain(&kpi_cases)
        .filter(|(got, expected)| got != expected)
        .map(|(got, _)| got)
        .collect();
    assert!(wrong.is_empty(), "{wrong:#?}");
}
