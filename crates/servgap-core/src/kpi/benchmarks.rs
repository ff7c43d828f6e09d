//! Benchmark presets for the desired state, each with its source, year and caveat (kpi.md §2).
//!
//! Only figures with a named public source and a clear definition are shipped.
//! Vendor and consultancy benchmarks come from self-selected populations; the
//! caveat says how each differs from what servgap measures. Never compare across
//! scale definitions (top-box vs top-2-box vs binary).

use super::aggregate::DurationKpi;
use super::metrics::Clock;
use super::targets::{Direction, Measure, Statistic, Target};
use crate::CoreError;

/// A published benchmark usable as a target.
#[derive(Debug, Clone, PartialEq)]
pub struct Benchmark {
    /// Stable identifier, e.g. `sqm-fcr-2022`.
    pub id: &'static str,
    /// What the figure is.
    pub title: &'static str,
    /// The servgap measure it is compared with.
    pub measure: Measure,
    /// Direction.
    pub direction: Direction,
    /// The target level, in the measure's unit.
    pub target: f64,
    /// The adequate (minimum) level, if the source gives one.
    pub minimum: Option<f64>,
    /// Publisher.
    pub source: &'static str,
    /// Where it was published.
    pub url: &'static str,
    /// Year of the data (or of publication when the data year is not stated).
    pub year: u16,
    /// Population behind the figure.
    pub population: &'static str,
    /// How it differs from servgap's measure.
    pub caveat: &'static str,
}

impl Benchmark {
    /// The benchmark as a target on the all-tickets group, citing its source.
    ///
    /// # Errors
    /// As [`Target::new`] (never for the shipped presets).
    pub fn to_target(&self) -> Result<Target, CoreError> {
        Ok(Target::new(self.measure.clone(), self.direction, self.target, self.minimum)?
            .with_source(&format!("{} ({}), {}", self.source, self.year, self.url)))
    }
}

/// The shipped presets.
pub fn benchmarks() -> Vec<Benchmark> {
    vec![
        Benchmark {
            id: "sqm-fcr-2022",
            title: "First-contact resolution: world-class ≥ 80 %, good 70–79 %",
            measure: Measure::FirstContactResolution,
            direction: Direction::HigherIsBetter,
            target: 0.80,
            minimum: Some(0.70),
            source: "SQM Group benchmark research",
            url: "https://www.headlinesoftoday.com/topic/press-releases/sqms-2022-benchmark-research-uncovers-what-a-good-fcr-rate-is.html",
            year: 2022,
            population: "500+ North American call centres",
            caveat: "survey-measured FCR (customers asked after the call); servgap's FCR is ticket-based (one reply, no reopen) and is not the same quantity",
        },
        Benchmark {
            id: "sqm-csat-world-class-2021",
            title: "World-class CSAT (top box) ≥ 85 %",
            measure: Measure::Csat,
            direction: Direction::HigherIsBetter,
            target: 0.85,
            minimum: None,
            source: "SQM Group",
            url: "https://www.sqmgroup.com/resources/library/blog/learn-best-call-centers-improve-fcr-csat-and-reduce-cost",
            year: 2021,
            population: "call centres in SQM's benchmark; only 5 % reach both FCR ≥ 80 % and CSAT ≥ 85 %",
            caveat: "top box means 'very satisfied' only; servgap's CSAT on a 1–5 scale is top-2-box (4–5), which scores higher",
        },
        Benchmark {
            id: "zendesk-csat-2013",
            title: "Help-desk CSAT (good / rated), global",
            measure: Measure::Csat,
            direction: Direction::HigherIsBetter,
            target: 0.82,
            minimum: None,
            source: "Zendesk Benchmark press release",
            url: "https://www.zendesk.com/newsroom/press-releases/zendesk-benchmark-customer-satisfaction-rise-big-gains-emerging-markets/",
            year: 2013,
            population: "16,000 opted-in Zendesk customer companies, Q3 2013",
            caveat: "binary good/bad rating; old; vendor customers only",
        },
        Benchmark {
            id: "toister-email-frt-2015",
            title: "E-mail response within 1 hour",
            measure: Measure::Duration {
                kpi: DurationKpi::FirstResponse,
                clock: Clock::Calendar,
                statistic: Statistic::Median,
            },
            direction: Direction::LowerIsBetter,
            target: 3600.0,
            minimum: None,
            source: "Jeff Toister, Toister Performance Solutions",
            url: "https://www.toistersolutions.com/blog/tag/email+customer+service",
            year: 2015,
            population: "expert recommendation from e-mail response-time research",
            caveat: "a recommendation for each e-mail, applied here to the median calendar first response; e-mail only",
        },
        Benchmark {
            id: "clearlyrated-nps-b2b-2018",
            title: "NPS of B2B service providers: average 18; 50 excellent",
            measure: Measure::Nps,
            direction: Direction::HigherIsBetter,
            target: 50.0,
            minimum: Some(18.0),
            source: "ClearlyRated / Inavero",
            url: "https://wf.clearlyrated.com/resources/2018-nps-benchmarks-b2b-service-providers",
            year: 2018,
            population: "B2B service providers, US and Canada",
            caveat: "relationship NPS (asked about the company), not a transactional NPS after a ticket",
        },
    ]
}
