//! Titles and descriptions of the KPI page's charts (bullet, trend, SLA bars) in
//! English and Polish. Numbers arrive formatted; only the wording is chosen here.

use super::Lang;

/// What a trend chart's description states; values are already formatted.
#[derive(Debug, Clone, Copy)]
pub struct TrendFacts<'a> {
    /// The target's name.
    pub name: &'a str,
    /// Period id: `day`, `week` or `month`.
    pub period: &'a str,
    /// Number of periods drawn.
    pub periods: u64,
    /// First and last period start.
    pub first: &'a str,
    /// Last period start.
    pub last: &'a str,
    /// Target value.
    pub target: &'a str,
    /// Minimum value, if the target has a band.
    pub minimum: Option<&'a str>,
    /// Latest value.
    pub latest: &'a str,
    /// n behind the latest value.
    pub n: u64,
}

impl Lang {
    /// `actual 3h · target 2h · minimum 4h · in-band (n = 120)`.
    pub fn bullet_summary(
        self,
        actual: &str,
        target: &str,
        minimum: Option<&str>,
        status: &str,
        n: u64,
    ) -> String {
        let minimum = minimum.map(|m| format!(" · {} {m}", self.kpi("minimum"))).unwrap_or_default();
        format!(
            "{} {actual} · {} {target}{minimum} · {} (n = {n})",
            self.kpi("actual"),
            self.kpi("target"),
            self.kpi_status(status)
        )
    }

    /// The description of a bullet chart: segment, summary and which way is better.
    pub fn bullet_desc(self, segment: &str, summary: &str, lower_is_better: bool) -> String {
        match (self, lower_is_better) {
            (Lang::En, lower) => {
                format!(
                    "Bullet chart for {segment}: {summary}. {} is better.",
                    if lower { "Lower" } else { "Higher" }
                )
            }
            (Lang::Pl, lower) => format!(
                "Wykres typu bullet ({segment}): {summary}. {}",
                if lower { "Im niżej, tym lepiej." } else { "Im wyżej, tym lepiej." }
            ),
        }
    }

    /// `Benchmark: world-class ≥ 80 % — SQM Group …` (the publisher only when given).
    pub fn benchmark_line(self, description: &str, publisher: &str) -> String {
        let word = match self {
            Lang::En => "Benchmark",
            Lang::Pl => "Wartość referencyjna",
        };
        if publisher.is_empty() {
            format!("{word}: {description}")
        } else {
            format!("{word}: {description} — {publisher}")
        }
    }

    /// `Backlog per week` / `Zaległości według tygodni`.
    pub fn trend_title(self, name: &str, period: &str) -> String {
        format!("{name} {}", self.kpi_per_period(period))
    }

    /// The description of a trend chart.
    pub fn trend_desc(self, f: &TrendFacts<'_>) -> String {
        let per = self.kpi_per_period(f.period);
        match self {
            Lang::En => format!(
                "Line chart of {} {per} for all tickets, {} periods from {} to {}, with a dashed line at the target {}{}. Latest value {} (n = {}).",
                f.name,
                f.periods,
                f.first,
                f.last,
                f.target,
                f.minimum.map(|m| format!(" and a dotted line at the minimum {m}")).unwrap_or_default(),
                f.latest,
                f.n
            ),
            Lang::Pl => format!(
                "Wykres liniowy: {} {per}, wszystkie zgłoszenia, {} od {} do {}, z linią przerywaną na poziomie celu {}{}. Ostatnia wartość {} (n = {}).",
                f.name,
                self.count(f.periods, ("okres", "okresy", "okresów")),
                f.first,
                f.last,
                f.target,
                f.minimum.map(|m| format!(" i linią kropkowaną na poziomie minimum {m}")).unwrap_or_default(),
                f.latest,
                f.n
            ),
        }
    }

    /// The description of the SLA attainment bars for `pairs` SLA and segment pairs.
    pub fn sla_desc(self, pairs: u64) -> String {
        match self {
            Lang::En => format!(
                "Horizontal bars of the share of tickets within each SLA, for {pairs} SLA and segment pairs, with the 95 % Wilson interval as a whisker; the axis runs from 0 % to 100 %."
            ),
            Lang::Pl => format!(
                "Poziome słupki z odsetkiem zgłoszeń obsłużonych w terminie każdego SLA (par SLA i segmentu: {pairs}), z 95-procentowym przedziałem Wilsona jako wąsem; oś biegnie od 0 % do 100 %."
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue_16_chart_texts_are_translated() {
        let facts = TrendFacts {
            name: "Zaległości",
            period: "week",
            periods: 5,
            first: "2026-01-05",
            last: "2026-02-02",
            target: "10",
            minimum: Some("20"),
            latest: "12",
            n: 40,
        };
        let pl = Lang::Pl.trend_desc(&facts);
        assert!(pl.contains("według tygodni") && pl.contains("5 okresów"), "{pl}");
        assert!(pl.contains("minimum 20"), "{pl}");
        assert_eq!(Lang::En.trend_title("Backlog", "week"), "Backlog per week");
        assert_eq!(Lang::Pl.trend_title("Zaległości", "month"), "Zaległości według miesięcy");
        assert!(Lang::Pl.bullet_desc("kanał=email", "…", true).ends_with("Im niżej, tym lepiej."));
        assert!(Lang::En.bullet_desc("channel=email", "…", false).ends_with("Higher is better."));
        assert_eq!(
            Lang::Pl.bullet_summary("3h", "2h", Some("4h"), "in-band", 7),
            "wartość 3h · cel 2h · minimum 4h · w paśmie tolerancji (n = 7)"
        );
        assert!(Lang::Pl.sla_desc(4).contains("par SLA i segmentu: 4"));
    }
}
