//! Round trips: aggregate → parts → JSON → parts → aggregate gives equal aggregates and
//! bit-identical read-outs, for surveys (all three formats, segments, findings) and KPIs.

use std::collections::BTreeMap;

use jiff::civil::date;
use jiff::Timestamp;
use proptest::prelude::*;
use servgap_core::builtin;
use servgap_core::instrument::Instrument;
use servgap_core::kpi::{
    BusinessCalendar, Calendars, Clock, CsatScale, Direction, DurationKpi, Event, KpiAggregate, KpiEngine,
    KpiOptions, Period, Segment, SlaMetric, SlaTarget, Status, SurveyAnswer, Ticket, TicketCondition,
    WeekSchedule, WorkingInterval,
};
use servgap_core::servqual::{
    check_respondent, AnalysisOptions, Coverage, FindingLog, Respondent, SurveyPartials,
};
use servgap_store::{decode_kpi, decode_survey, encode_kpi, encode_survey, StoredSurvey};

// ---------------------------------------------------------------- surveys

/// One respondent drawn from a seed: ratings on the instrument's scale with some blanks,
/// an importance allocation (mostly 100 points, sometimes not), an overall answer, a segment.
struct Row {
    ratings: Vec<Option<i16>>,
    importance: Vec<Option<i32>>,
    overall: Option<i16>,
    segment: String,
}

fn next(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

fn row(instrument: &Instrument, seed: u64, blanks: u64) -> Row {
    let mut state = seed | 1;
    let scale = instrument.scale();
    let points = u64::from(scale.points());
    let straight = next(&mut state).is_multiple_of(8);
    let ratings = (0..instrument.rating_count())
        .map(|_| {
            let r = next(&mut state);
            if r % 100 < blanks {
                None
            } else if straight {
                Some(scale.max())
            } else {
                Some(scale.min() + (r / 100 % points) as i16)
            }
        })
        .collect();
    let dims = instrument.dimensions().len();
    let mut importance: Vec<Option<i32>> = (0..dims).map(|_| Some((next(&mut state) % 30) as i32)).collect();
    match next(&mut state) % 4 {
        0 => importance[dims - 1] = None,
        1 => {}
        _ => {
            let used: i32 = importance[..dims - 1].iter().flatten().sum();
            importance[dims - 1] = Some((100 - used).max(0));
        }
    }
    let overall = instrument.overall().filter(|_| !next(&mut state).is_multiple_of(5)).map(|s| {
        let span = u64::from(s.points());
        s.min() + (next(&mut state) % span) as i16
    });
    let segment = ["north", "south", ""][(next(&mut state) % 3) as usize].to_string();
    Row { ratings, importance, overall, segment }
}

/// The stored survey of `rows`, the first being data row `first + 2` (after the header).
fn survey(instrument: &Instrument, rows: &[Row], coverage: Coverage, first: usize) -> StoredSurvey {
    let mut total = SurveyPartials::new(instrument, coverage).unwrap();
    let mut segments: BTreeMap<String, SurveyPartials> = BTreeMap::new();
    let mut findings = FindingLog::new(3);
    let mut out = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let respondent = Respondent { ratings: &r.ratings, importance: &r.importance, overall: r.overall };
        total.add(&respondent);
        segments
            .entry(r.segment.clone())
            .or_insert_with(|| SurveyPartials::new(instrument, coverage).unwrap())
            .add(&respondent);
        out.clear();
        check_respondent(instrument, (first + i) as u64 + 2, &respondent, &mut out);
        for f in out.drain(..) {
            findings.record(f);
        }
    }
    StoredSurvey { total, segments, findings: Some(findings) }
}

fn instruments() -> [Instrument; 3] {
    [builtin::servqual22(), builtin::servqual22_three_column(), builtin::servperf22()]
}

/// Debug text of a read-out: equal text means bit-identical f64s (the shortest
/// round-trip representation is unique per value, and tells −0.0 and NaN apart).
fn bits<T: std::fmt::Debug>(value: &T) -> String {
    format!("{value:?}")
}

fn arb_seeds() -> impl Strategy<Value = Vec<u64>> {
    prop::collection::vec(any::<u64>(), 0..24)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn survey_partials_survive_the_round_trip(
        seeds in arb_seeds(),
        which in 0usize..3,
        blanks in prop_oneof![Just(0u64), 1u64..30, Just(95u64)],
        all_items in any::<bool>(),
    ) {
        let instrument = &instruments()[which];
        let coverage = if all_items { Coverage::ALL } else { Coverage::HALF };
        let rows: Vec<Row> = seeds.iter().map(|&s| row(instrument, s, blanks)).collect();
        let original = survey(instrument, &rows, coverage, 0);
        let text = encode_survey(&original).unwrap();
        let back = decode_survey(&text, instrument).unwrap();
        prop_assert_eq!(&back, &original);
        prop_assert_eq!(encode_survey(&back).unwrap(), text);
        let options = AnalysisOptions::default();
        prop_assert_eq!(bits(&back.total.finish(&options)), bits(&original.total.finish(&options)));
        // Issue 15: the count of P below the other battery (the customer reach) comes back
        // from the stored histograms, for every item and dimension.
        let negatives = |a: &servgap_core::servqual::SurveyAnalysis| -> Vec<Option<u64>> {
            let items = a.items.iter().flat_map(|i| i.comparisons.iter().map(|c| c.negative));
            items.chain(a.dimensions.iter().flat_map(|d| d.comparisons.iter().map(|c| c.negative))).collect()
        };
        let reloaded = negatives(&back.total.finish(&options));
        prop_assert!(reloaded.iter().all(Option::is_some));
        prop_assert_eq!(reloaded, negatives(&original.total.finish(&options)));
        for (name, partials) in &original.segments {
            prop_assert_eq!(bits(&back.segments[name].finish(&options)), bits(&partials.finish(&options)));
        }
    }

    #[test]
    fn merging_reloaded_survey_partials_equals_merging_the_originals(
        seeds in arb_seeds(),
        which in 0usize..3,
        cut in 0usize..24,
    ) {
        let instrument = &instruments()[which];
        let rows: Vec<Row> = seeds.iter().map(|&s| row(instrument, s, 10)).collect();
        let cut = cut.min(rows.len());
        let (left, right) = (survey(instrument, &rows[..cut], Coverage::HALF, 0), survey(instrument, &rows[cut..], Coverage::HALF, cut));
        let reload = |s: &StoredSurvey| decode_survey(&encode_survey(s).unwrap(), instrument).unwrap();
        let (mut merged, mut reloaded) = (left.total.clone(), reload(&left).total);
        merged.merge(&right.total).unwrap();
        reloaded.merge(&reload(&right).total).unwrap();
        prop_assert_eq!(&reloaded, &merged);
        prop_assert_eq!(&merged, &survey(instrument, &rows, Coverage::HALF, 0).total);
        let options = AnalysisOptions::default();
        prop_assert_eq!(bits(&reloaded.finish(&options)), bits(&merged.finish(&options)));
        let mut findings = reload(&left).findings.unwrap();
        findings.merge(&reload(&right).findings.unwrap());
        prop_assert_eq!(Some(findings), survey(instrument, &rows, Coverage::HALF, 0).findings);
    }
}

// ---------------------------------------------------------------- KPIs

fn ts(text: &str) -> Timestamp {
    text.parse().unwrap()
}

fn arb_ticket() -> impl Strategy<Value = Ticket> {
    let event = (0i64..(4 * 86_400), 0u8..9);
    (
        0i64..(60 * 86_400),
        prop::collection::vec(event, 0..9),
        (0usize..3, 0usize..2, 0usize..3),
        prop::option::of(1i16..=5),
        prop::option::of(0i16..=10),
        prop::option::of(1i16..=7),
    )
        .prop_map(|(created, mut events, (channel, priority, team), csat, nps, ces)| {
            let base = ts("2026-01-01T00:00:00Z").as_second() + created;
            let mut t = Ticket::new(format!("T{created}"), Timestamp::from_second(base).unwrap());
            t.channel = ["email", "chat", "web"][channel].into();
            t.priority = ["low", "high"][priority].into();
            t.team = ["A", "B", "C"][team].into();
            t.survey_offered = csat.is_some() || created % 3 == 0;
            events.sort_unstable();
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
                .chain(ces.map(|s| SurveyAnswer::ces(s).unwrap()))
                .collect();
            t
        })
}

/// Weekly periods in Warsaw, business calendars, three SLA targets; `budget` 0 forces
/// coarse buckets for every duration above a day.
fn kpi_engine(budget: u32, segmented: bool) -> KpiEngine {
    let mut options = KpiOptions::new("Europe/Warsaw").unwrap();
    options.period = Period::Week;
    options.sparse_budget = budget;
    options.as_of = Some(ts("2026-03-10T00:00:00Z"));
    if !segmented {
        options.dimensions = Vec::new();
    }
    options.sla = vec![
        SlaTarget::new("frt-1h", SlaMetric::FirstResponse, Clock::Business, 3_600).unwrap(),
        SlaTarget::new("resolution-1d", SlaMetric::Resolution, Clock::Calendar, 86_400)
            .unwrap()
            .for_priority("high"),
        SlaTarget::new("nrt-4h", SlaMetric::NextResponse, Clock::Calendar, 4 * 3_600).unwrap(),
    ];
    options.satisfaction_links = satisfaction_links();
    let week = WeekSchedule::new().with_weekdays(WorkingInterval::parse("08:00-16:00").unwrap());
    let warsaw = BusinessCalendar::new("Europe/Warsaw", &week, [date(2026, 1, 6)]).unwrap();
    let utc_week = WeekSchedule::new().with_weekdays(WorkingInterval::parse("09:00-17:00").unwrap());
    let utc = BusinessCalendar::new("UTC", &utc_week, []).unwrap();
    KpiEngine::new(options, Calendars::new().with_default(utc).with_team("A", warsaw))
}

/// One condition of every kind (issue 15: the KPI ↔ CSAT counts travel with the partials).
fn satisfaction_links() -> Vec<TicketCondition> {
    vec![
        TicketCondition::Within {
            kpi: DurationKpi::FirstResponse,
            clock: Clock::Business,
            seconds: 3_600,
            direction: Direction::LowerIsBetter,
        },
        TicketCondition::Within {
            kpi: DurationKpi::NextResponse,
            clock: Clock::Calendar,
            seconds: 7_200,
            direction: Direction::LowerIsBetter,
        },
        TicketCondition::FirstContactResolved,
        TicketCondition::NotReopened,
        TicketCondition::SlaMet("frt-1h".into()),
        TicketCondition::CesAgree,
        TicketCondition::CesAtLeast(6),
    ]
}

/// The KPI ↔ CSAT counts round-trip with something in them (the proptest could draw none),
/// and a document written before they existed still loads, without them.
#[test]
fn issue_15_satisfaction_counts_survive_the_round_trip_and_old_documents_load() {
    let engine = kpi_engine(4096, true);
    let tickets: Vec<Ticket> = (0..12i64)
        .map(|i| {
            let created = ts("2026-01-05T08:00:00Z").as_second() + i * 7_200;
            let mut t = Ticket::new(format!("S{i}"), Timestamp::from_second(created).unwrap());
            t.channel = ["email", "chat"][(i % 2) as usize].into();
            t.team = "A".into();
            let reply = Timestamp::from_second(created + 600 + i * 900).unwrap();
            t.events.push(Event::agent_reply(reply));
            t.events.push(Event::status(Timestamp::from_second(created + 20_000).unwrap(), Status::Solved));
            t.survey_offered = true;
            t.surveys.push(SurveyAnswer::csat(CsatScale::OneToFive, 1 + (i % 5) as i16).unwrap());
            t.surveys.push(SurveyAnswer::ces(1 + (i % 7) as i16).unwrap());
            t
        })
        .collect();
    let agg = aggregate(&engine, &tickets);
    let parts = agg.to_parts(&engine);
    assert_eq!(parts.satisfaction_links, satisfaction_links());
    assert!(parts.satisfaction.iter().any(|s| s.counts.table.rated() > 0));
    let text = encode_kpi(&agg, &engine).unwrap();
    assert!(text.contains("\"kind\": \"ces-at-least\""), "{text}");
    let back = decode_kpi(&text, &engine).unwrap();
    assert_eq!(back.to_parts(&engine), parts);
    assert_eq!(bits(&back.finish_totals(&engine)), bits(&agg.finish_totals(&engine)));
    let all = agg.finish_totals(&engine).into_iter().find(|g| g.segment == Segment::all()).unwrap();
    assert_eq!(all.satisfaction.len(), satisfaction_links().len());
    assert_eq!(all.satisfaction[3].counts.met, 12, "every ticket solved, none reopened");

    let mut old: serde_json::Value = serde_json::from_str(&text).unwrap();
    let fields = old.as_object_mut().unwrap();
    fields.remove("satisfaction_links");
    fields.remove("satisfaction");
    let legacy = decode_kpi(&serde_json::to_string(&old).unwrap(), &engine).unwrap();
    assert!(legacy.to_parts(&engine).satisfaction.is_empty());
    let totals = legacy.finish_totals(&engine);
    assert!(totals.iter().all(|g| g.satisfaction.is_empty()));
    let mut without = agg.finish_totals(&engine);
    without.iter_mut().for_each(|g| g.satisfaction.clear());
    assert_eq!(bits(&totals), bits(&without), "every other number unchanged");
}

fn aggregate(engine: &KpiEngine, tickets: &[Ticket]) -> KpiAggregate {
    let mut agg = engine.aggregate();
    for t in tickets {
        agg.add(engine, t).unwrap();
    }
    agg
}

/// Pass 2 over the same tickets for the buckets `agg` asks about.
fn refine(engine: &KpiEngine, agg: &mut KpiAggregate, tickets: &[Ticket]) {
    let wanted = agg.refinements(engine);
    if wanted.is_empty() {
        return;
    }
    let mut pass2 = engine.refiner(&wanted);
    for t in tickets {
        pass2.add(engine, t).unwrap();
    }
    agg.refine(&pass2).unwrap();
}

fn reload(engine: &KpiEngine, agg: &KpiAggregate) -> KpiAggregate {
    decode_kpi(&encode_kpi(agg, engine).unwrap(), engine).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn kpi_aggregates_survive_the_round_trip(
        tickets in prop::collection::vec(arb_ticket(), 0..30),
        budget in prop_oneof![Just(0u32), Just(2u32), Just(4096u32)],
        segmented in any::<bool>(),
        refined in any::<bool>(),
    ) {
        let engine = kpi_engine(budget, segmented);
        let mut original = aggregate(&engine, &tickets);
        if refined {
            refine(&engine, &mut original, &tickets);
        }
        let text = encode_kpi(&original, &engine).unwrap();
        let back = decode_kpi(&text, &engine).unwrap();
        prop_assert_eq!(back.to_parts(&engine), original.to_parts(&engine));
        prop_assert_eq!(encode_kpi(&back, &engine).unwrap(), text);
        prop_assert_eq!(bits(&back.finish(&engine)), bits(&original.finish(&engine)));
        prop_assert_eq!(bits(&back.finish_totals(&engine)), bits(&original.finish_totals(&engine)));
    }

    #[test]
    fn merging_reloaded_kpi_aggregates_equals_merging_the_originals(
        tickets in prop::collection::vec(arb_ticket(), 0..30),
        cut in 0usize..30,
        budget in prop_oneof![Just(0u32), Just(4096u32)],
    ) {
        let engine = kpi_engine(budget, true);
        let cut = cut.min(tickets.len());
        let (left, right) = (aggregate(&engine, &tickets[..cut]), aggregate(&engine, &tickets[cut..]));
        let mut merged = right.clone();
        merged.merge(&left);
        let mut reloaded = reload(&engine, &right);
        reloaded.merge(&reload(&engine, &left));
        prop_assert_eq!(reloaded.to_parts(&engine), merged.to_parts(&engine));
        prop_assert_eq!(bits(&reloaded.finish(&engine)), bits(&merged.finish(&engine)));
        // A stored pass-1 aggregate can be refined later, by a second pass over the tickets.
        refine(&engine, &mut merged, &tickets);
        refine(&engine, &mut reloaded, &tickets);
        prop_assert_eq!(bits(&reloaded.finish(&engine)), bits(&merged.finish(&engine)));
        prop_assert_eq!(reloaded.to_parts(&engine), merged.to_parts(&engine));
    }
}

/// Durations above a day with a budget of 0 are counted in coarse buckets, and a second
/// pass installs the exact values of the buckets holding medians and p90: both kinds of
/// counts are in the document and come back.
#[test]
fn coarse_and_refined_histograms_survive_the_round_trip() {
    let engine = kpi_engine(0, true);
    let tickets: Vec<Ticket> = (0..40i64)
        .map(|i| {
            let created = ts("2026-01-05T08:00:00Z").as_second() + i * 3_600;
            let mut t = Ticket::new(format!("L{i}"), Timestamp::from_second(created).unwrap());
            t.channel = ["email", "chat"][(i % 2) as usize].into();
            let reply = Timestamp::from_second(created + 90_000 + i * 7_919).unwrap();
            t.events.push(Event::agent_reply(reply));
            t
        })
        .collect();
    let mut agg = aggregate(&engine, &tickets);
    refine(&engine, &mut agg, &tickets);
    let parts = agg.to_parts(&engine);
    let histograms: Vec<_> = parts.groups.iter().flat_map(|g| &g.durations).map(|d| &d.histogram).collect();
    assert!(histograms.iter().any(|h| h.coarse.as_ref().is_some_and(|c| !c.is_empty())));
    assert!(histograms.iter().any(|h| !h.refined.is_empty()));
    let back = reload(&engine, &agg);
    assert_eq!(back.to_parts(&engine), parts);
    let report = back.finish(&engine);
    assert_eq!(bits(&report), bits(&agg.finish(&engine)));
    assert!(report.groups.iter().all(|g| g.first_response.calendar.is_some()), "every median resolved");
}

// ---------------------------------------------------------------- what an external engine computes

/// The per-item and per-dimension sums computed from raw rows the way a SQL `GROUP BY`
/// would (no servgap code involved) equal the documented fields of `to_parts`.
fn sql_style_sums_match(instrument: &Instrument, rows: &[Row]) -> Result<(), TestCaseError> {
    let parts = survey(instrument, rows, Coverage::HALF, 0).total.to_parts();
    let b = instrument.batteries().len();
    let p = b - 1; // P is the last battery in every format
    let cell = |r: &Row, item: usize, k: usize| r.ratings[item * b + k].map(i64::from);
    for (item, given) in parts.items.iter().enumerate() {
        // WHERE every battery IS NOT NULL
        let complete: Vec<Vec<i64>> = rows
            .iter()
            .filter_map(|r| (0..b).map(|k| cell(r, item, k)).collect::<Option<Vec<i64>>>())
            .collect();
        prop_assert_eq!(given.complete.n, complete.len() as u64);
        let sums: Vec<i64> = (0..b).map(|k| complete.iter().map(|v| v[k]).sum()).collect();
        prop_assert_eq!(&given.complete.sums, &sums);
        let mut products = Vec::new();
        for i in 0..b {
            for j in i..b {
                products.push(complete.iter().map(|v| v[i] * v[j]).sum::<i64>());
            }
        }
        prop_assert_eq!(&given.complete.products, &products);
        // SELECT p - x, count(*) GROUP BY 1 ORDER BY 1, for the first comparison
        if b > 1 {
            let mut histogram: BTreeMap<i128, u64> = BTreeMap::new();
            for v in &complete {
                *histogram.entry(i128::from(v[p] - v[0])).or_insert(0) += 1;
            }
            prop_assert_eq!(&given.differences[0].counts, &histogram.into_iter().collect::<Vec<_>>());
        }
    }
    // Dimension scores: mean of the complete items' answers (≥ half of them) times L.
    let l = parts.denominator;
    for (d, given) in parts.dimensions.iter().enumerate() {
        let members = instrument.items_of(d);
        let mut n = 0u64;
        let mut sums = vec![0i128; b];
        for r in rows {
            let complete: Vec<usize> =
                members.iter().copied().filter(|&i| (0..b).all(|k| cell(r, i, k).is_some())).collect();
            let m = complete.len();
            if m == 0 || 2 * m < members.len() {
                continue;
            }
            n += 1;
            for (k, sum) in sums.iter_mut().enumerate() {
                let answers: i64 = complete.iter().filter_map(|&i| cell(r, i, k)).sum();
                *sum += i128::from(answers) * (l / m as i128);
            }
        }
        prop_assert_eq!(given.scores.n, n);
        prop_assert_eq!(&given.scores.sums, &sums);
    }
    let overall: Vec<i128> = rows.iter().filter_map(|r| r.overall.map(i128::from)).collect();
    prop_assert_eq!(parts.satisfaction.n, overall.len() as u64);
    prop_assert_eq!(parts.satisfaction.sum, overall.iter().sum::<i128>());
    prop_assert_eq!(parts.satisfaction.sum_sq, overall.iter().map(|x| x * x).sum::<i128>());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn parts_hold_what_a_group_by_over_the_raw_rows_gives(seeds in arb_seeds(), which in 0usize..3) {
        let instrument = &instruments()[which];
        let rows: Vec<Row> = seeds.iter().map(|&s| row(instrument, s, 15)).collect();
        sql_style_sums_match(instrument, &rows)?;
    }
}
