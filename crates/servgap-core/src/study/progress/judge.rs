//! The plan-level assessment: every metric × later wave compared with its baseline, the
//! Holm family, the verdicts, trends, summary and the "done but did not move" finding.

use super::change::{compare, Compared};
use super::rng::SplitMix64;
use super::trend::{difference_variance, trend};
use super::{
    Change, DoneNotMoving, LaterWave, MetricProgress, MetricSeries, NotMeasurable, Pace, PlanProgress,
    PlanSummary, ProgressOptions, ShareClosed, Verdict, WaveProgress, DAYS_PER_YEAR,
};
use crate::stats::multiplicity::holm;
use crate::study::gap::{Gap, GapDirection};

/// Assesses every metric of a plan on its later waves (see the module documentation of
/// [`super`] for the formulas, the family and the verdict rule).
pub fn assess(series: &[MetricSeries], options: &ProgressOptions) -> PlanProgress {
    let mut seeds = SplitMix64::new(options.seed);
    let compared: Vec<Vec<Result<Compared, NotMeasurable>>> = series
        .iter()
        .map(|s| s.later.iter().map(|w| compare_wave(s, w, options, seeds.next_u64())).collect())
        .collect();
    let raw: Vec<Option<f64>> =
        compared.iter().flatten().map(|c| c.as_ref().ok().and_then(|c| c.change.p)).collect();
    let adjusted = holm(&raw);
    let family_size = raw.iter().filter(|p| p.is_some()).count();
    let mut index = 0;
    let mut metrics = Vec::with_capacity(series.len());
    for (s, waves) in series.iter().zip(compared) {
        let mut out = Vec::with_capacity(waves.len());
        for (w, c) in s.later.iter().zip(waves) {
            out.push(wave_progress(s, w, c, adjusted[index], options));
            index += 1;
        }
        metrics.push(metric_progress(s, out, options));
    }
    let summary = summarise(&metrics);
    let done_not_moving = done_not_moving(&metrics);
    PlanProgress { metrics, family_size, options: *options, summary, done_not_moving }
}

fn compare_wave(
    s: &MetricSeries,
    w: &LaterWave,
    options: &ProgressOptions,
    seed: u64,
) -> Result<Compared, NotMeasurable> {
    let later = w.gap.as_ref().ok_or(NotMeasurable::MissingInWave)?;
    if later.id != s.baseline.id || later.unit != s.baseline.unit {
        return Err(NotMeasurable::MissingInWave);
    }
    let mut compared = compare(&s.baseline, later, w.paired.as_ref(), &ProgressOptions { seed, ..*options })?;
    if s.baseline.size == Some(0.0) {
        compared.share = Err(NotMeasurable::BaselineGapZero);
    }
    Ok(compared)
}

/// The side on which D improves: +1 higher is better, −1 lower is better, −sign(D₀) either
/// way (toward 0; from D₀ = 0 every move is away, so −sign(Δ)).
fn improving_side(baseline: &Gap, delta: f64) -> f64 {
    match baseline.direction {
        GapDirection::HigherIsBetter => 1.0,
        GapDirection::LowerIsBetter => -1.0,
        GapDirection::EitherWay if baseline.difference != 0.0 => -baseline.difference.signum(),
        GapDirection::EitherWay => -delta.signum(),
    }
}

/// The verdict rule on one p (module documentation of [`super`]); an improvement takes
/// `pace`.
fn verdict(baseline: &Gap, later: &Gap, change: &Change, p: Option<f64>, alpha: f64, pace: Pace) -> Verdict {
    let moved = s_delta(baseline, change.estimate);
    let significant = match (change.p, p) {
        (None, _) => moved != 0.0,
        (Some(_), Some(p)) => p <= alpha,
        (Some(_), None) => false,
    };
    if !significant || moved == 0.0 {
        Verdict::NotMoving
    } else if moved < 0.0 {
        Verdict::Worsened
    } else if later.size == Some(0.0) {
        Verdict::Closed
    } else {
        Verdict::Improved(pace)
    }
}

/// On track when the share-closed interval (its estimate when exact) reaches `expected`;
/// a share that cannot be given because the baseline gap is uncertain (an unbounded
/// interval) or has no shortfall (nothing to close) counts as on track.
pub(super) fn pace(share: &Result<ShareClosed, NotMeasurable>, expected: Option<f64>) -> Pace {
    let Some(expected) = expected else {
        return Pace::ScheduleNotSet;
    };
    let reach = match share {
        Ok(s) => s.interval.map_or(s.estimate, |i| i.high),
        Err(_) => f64::INFINITY,
    };
    if reach >= expected {
        Pace::OnTrack
    } else {
        Pace::Behind
    }
}

fn s_delta(baseline: &Gap, delta: f64) -> f64 {
    improving_side(baseline, delta) * delta
}

fn wave_progress(
    s: &MetricSeries,
    w: &LaterWave,
    compared: Result<Compared, NotMeasurable>,
    p_adjusted: Option<f64>,
    options: &ProgressOptions,
) -> WaveProgress {
    let later = w.gap.as_ref();
    let expected_share = s.schedule.map(|schedule| schedule.expected_by(w.fieldwork.midpoint()));
    let (verdict_holm, verdict_raw) = match (&compared, later) {
        (Ok(c), Some(g)) => {
            let pace = pace(&c.share, expected_share);
            (
                verdict(&s.baseline, g, &c.change, p_adjusted, options.alpha, pace),
                verdict(&s.baseline, g, &c.change, c.change.p, options.alpha, pace),
            )
        }
        (Err(e), _) => (Verdict::NotMeasurable(*e), Verdict::NotMeasurable(*e)),
        (Ok(_), None) => {
            let e = Verdict::NotMeasurable(NotMeasurable::MissingInWave);
            (e, e)
        }
    };
    WaveProgress {
        wave: w.wave.clone(),
        value: later.map(|g| g.current),
        difference: later.map(|g| g.difference),
        size: later.and_then(|g| g.size),
        distance_to_target: distance(s, later),
        change: compared.as_ref().map(|c| c.change).map_err(|e| *e),
        share_closed: match &compared {
            Ok(c) => c.share,
            Err(e) => Err(*e),
        },
        expected_share,
        p_adjusted,
        verdict: verdict_holm,
        verdict_unadjusted: verdict_raw,
    }
}

/// `s·(target − current)` (|target − current| for an either-way gap).
fn distance(s: &MetricSeries, later: Option<&Gap>) -> Option<f64> {
    let (target, current) = (s.target?, later?.current);
    Some(match s.baseline.direction {
        GapDirection::HigherIsBetter => target - current,
        GapDirection::LowerIsBetter => current - target,
        GapDirection::EitherWay => (target - current).abs(),
    })
}

fn metric_progress(s: &MetricSeries, waves: Vec<WaveProgress>, options: &ProgressOptions) -> MetricProgress {
    // Years since the baseline wave's date.
    let origin = s.baseline_fieldwork.midpoint();
    let years = |w: &LaterWave| (w.fieldwork.midpoint() - origin) / DAYS_PER_YEAR;
    let mut points = vec![(0.0, s.baseline.difference, difference_variance(&s.baseline))];
    for w in &s.later {
        if let Some(g) = &w.gap {
            if g.id == s.baseline.id && g.unit == s.baseline.unit && g.judged.is_none() {
                points.push((years(w), g.difference, difference_variance(g)));
            }
        }
    }
    MetricProgress {
        action: s.action.clone(),
        metric: s.baseline.id.clone(),
        unit: s.baseline.unit.clone(),
        baseline_wave: s.baseline.wave.clone(),
        baseline_value: s.baseline.current,
        baseline_difference: s.baseline.difference,
        target: s.target,
        done: s.done,
        trend: if s.baseline.judged.is_none() { trend(&points, options.level) } else { None },
        waves,
    }
}

fn summarise(metrics: &[MetricProgress]) -> PlanSummary {
    let mut summary = PlanSummary::default();
    for m in metrics {
        match m.latest_verdict() {
            Verdict::Closed => summary.closed += 1,
            Verdict::Improved(pace) => {
                summary.improved += 1;
                match pace {
                    Pace::OnTrack => summary.on_track += 1,
                    Pace::Behind => summary.behind_schedule += 1,
                    Pace::ScheduleNotSet => summary.schedule_not_set += 1,
                }
            }
            Verdict::NotMoving => summary.not_moving += 1,
            Verdict::Worsened => summary.worsened += 1,
            Verdict::NotMeasurable(_) => summary.not_measurable += 1,
        }
    }
    summary
}

fn done_not_moving(metrics: &[MetricProgress]) -> Vec<DoneNotMoving> {
    metrics
        .iter()
        .filter(|m| m.done)
        .filter_map(|m| {
            let w = m.waves.iter().rev().find(|w| w.value.is_some())?;
            matches!(w.verdict, Verdict::NotMoving | Verdict::Worsened).then(|| DoneNotMoving {
                action: m.action.clone(),
                metric: m.metric.clone(),
                wave: w.wave.clone(),
                verdict: w.verdict,
            })
        })
        .collect()
}
