//! Sentences of the KPI text and Markdown reports (what was read, how it was counted)
//! in English and Polish.

use super::Lang;
use crate::model::kpi::{KpiInput, KpiMethod};

impl Lang {
    /// `400 rows read (tickets layout, zendesk headers), 398 tickets analysed, 2 rejected; reader: …`.
    pub fn kpi_input_sentence(self, input: &KpiInput) -> String {
        match self {
            Lang::En => format!(
                "{} rows read ({} layout{}), {} tickets analysed, {} rejected; reader: {}.",
                input.rows,
                input.layout,
                input.vendor.as_deref().map(|v| format!(", {v} headers")).unwrap_or_default(),
                input.tickets,
                input.rejected,
                input.reader
            ),
            Lang::Pl => format!(
                "Wczytane wiersze: {} (układ danych: {}{}); przeanalizowane zgłoszenia: {}, odrzucone: {}; czytnik: {}.",
                input.rows,
                self.kpi_layout(&input.layout),
                input.vendor.as_deref().map(|v| format!(", nagłówki {v}")).unwrap_or_default(),
                input.tickets,
                input.rejected,
                input.reader
            ),
        }
    }

    /// Periods, zone, cohort, quantiles and business time of the KPI report.
    pub fn kpi_method_sentence(self, m: &KpiMethod) -> String {
        match self {
            Lang::En => format!(
                "Periods: {} in {}; resolution KPIs by {} date; quantiles {}; business time: {}.",
                m.period,
                m.zone,
                m.resolution_cohort,
                m.quantiles,
                m.calendar.as_deref().map_or_else(
                    || "none (no calendar)".to_owned(),
                    |c| format!("{c}, pausing {}", m.paused_statuses.join(" and "))
                )
            ),
            Lang::Pl => format!(
                "Okresy: {} w strefie {}; wskaźniki rozwiązania według daty {}; kwantyle {}; czas roboczy: {}.",
                self.kpi_period(&m.period),
                m.zone,
                if m.resolution_cohort == "created" { "utworzenia" } else { "rozwiązania" },
                m.quantiles
                    .replace("type ", "typ ")
                    .replace("linear", "liniowy")
                    .replace("inverted cdf", "odwrócona dystrybuanta"),
                m.calendar.as_deref().map_or_else(
                    || "brak (bez kalendarza)".to_owned(),
                    |c| format!("{c}, wstrzymywany w statusach {}", m.paused_statuses.join(" i "))
                )
            ),
        }
    }

    /// The closing note: where the definitions are and which statistics are shown.
    pub fn kpi_definitions_note(self) -> &'static str {
        match self {
            Lang::En => {
                "Definitions: docs/kpi-definitions.md. Durations: median and p90 (type 7), mean for comparison only."
            }
            Lang::Pl => {
                "Definicje: docs/kpi-definitions.md. Czasy: mediana i p90 (typ 7), średnia wyłącznie do porównań."
            }
        }
    }
}
