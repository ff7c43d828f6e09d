//! Names in the KPI report that depend on data: KPI names from measure ids, segment
//! labels, periods, gap statuses, benchmark descriptions and the rules of the ticket
//! readers, in English and Polish. The view model stays language-free; the printers
//! call these with the page's [`Lang`].

use super::Lang;
use crate::model::kpi::{SegmentView, TargetView};

/// A fixed KPI name: `(measure id, English, Polish)`.
const KPI_NAMES: [(&str, &str, &str); 8] = [
    ("first-contact-resolution", "First-contact resolution", "Rozwiązanie przy pierwszym kontakcie"),
    ("reopen-rate", "Reopen rate", "Odsetek ponownych otwarć"),
    ("csat", "CSAT (good / rated)", "CSAT (dobre / ocenione)"),
    ("csat-response-rate", "CSAT response rate", "Odsetek odpowiedzi na ankietę CSAT"),
    ("nps", "NPS", "NPS"),
    ("ces-mean", "CES (mean)", "CES (średnia)"),
    ("ces-agree", "CES agree (4–5 of 5, 5–7 of 7)", "CES – odpowiedzi zgodne (4–5 z 5, 5–7 z 7)"),
    ("backlog", "Backlog", "Zaległości"),
];

/// Duration KPIs: `(id, Polish)`; the English name is the id in words.
const DURATION_NAMES: [(&str, &str); 5] = [
    ("first-response", "Pierwsza odpowiedź"),
    ("next-response", "Kolejna odpowiedź"),
    ("first-resolution", "Pierwsze rozwiązanie"),
    ("full-resolution", "Pełne rozwiązanie"),
    ("requester-wait", "Czas oczekiwania zgłaszającego"),
];

/// Benchmark descriptions (without the KPI name): `(English, Polish)`.
const PRESET_DESCRIPTIONS: [(&str, &str); 5] = [
    ("world-class ≥ 80 %, good 70–79 %", "poziom światowy ≥ 80 %, dobry 70–79 %"),
    ("World-class CSAT (top box) ≥ 85 %", "CSAT na poziomie światowym (najwyższa ocena) ≥ 85 %"),
    ("Help-desk CSAT (good / rated), global", "CSAT działów wsparcia (dobre / ocenione), dane globalne"),
    ("E-mail response within 1 hour", "Odpowiedź na e-mail w ciągu 1 godziny"),
    (
        "NPS of B2B service providers: average 18; 50 excellent",
        "NPS dostawców usług B2B: średnio 18; 50 to wynik znakomity",
    ),
];

/// `first-response` → `First response`.
fn id_in_words(id: &str) -> String {
    let mut s = id.replace('-', " ");
    if let Some(first) = s.get(..1) {
        s.replace_range(..1, &first.to_uppercase());
    }
    s
}

impl Lang {
    /// A KPI's name for people, from its measure id: `reopen-rate`, `sla:frt-8h`,
    /// `first-response.business.median`. An unknown id is returned as given.
    pub fn kpi_name(self, measure: &str) -> String {
        if let Some((_, en, pl)) = KPI_NAMES.iter().find(|(id, _, _)| *id == measure) {
            return self.pick(en, pl).to_owned();
        }
        if let Some(sla) = measure.strip_prefix("sla:") {
            return format!("{}: {sla}", self.pick("SLA attainment", "Dotrzymanie SLA"));
        }
        let parts: Vec<&str> = measure.split('.').collect();
        let [kpi, clock, stat] = parts.as_slice() else {
            return measure.to_owned();
        };
        match self {
            Lang::En => format!("{}, {stat} ({clock})", id_in_words(kpi)),
            Lang::Pl => {
                let name = DURATION_NAMES
                    .iter()
                    .find(|(id, _)| id == kpi)
                    .map_or_else(|| id_in_words(kpi), |(_, pl)| (*pl).to_owned());
                let stat = match *stat {
                    "median" => "mediana",
                    "mean" => "średnia",
                    other => other,
                };
                let clock = match *clock {
                    "business" => "czas roboczy",
                    "calendar" => "czas kalendarzowy",
                    other => other,
                };
                format!("{name}, {stat} ({clock})")
            }
        }
    }

    /// The name a target is shown with: the KPI's name for a benchmark preset and for a
    /// configured label that is the English KPI name; any other configured label as given.
    pub fn target_name(self, t: &TargetView) -> String {
        if t.preset.is_some() || t.label == Lang::En.kpi_name(&t.measure) {
            self.kpi_name(&t.measure)
        } else {
            t.label.clone()
        }
    }

    /// A benchmark preset's description without a leading KPI name, in this language
    /// when known; `None` for a target that is not a preset.
    pub fn preset_description(self, t: &TargetView) -> Option<String> {
        t.preset.as_ref()?;
        let prefix = format!("{}: ", Lang::En.kpi_name(&t.measure));
        let english = t.label.strip_prefix(&prefix).unwrap_or(&t.label);
        let known = PRESET_DESCRIPTIONS.iter().find(|(en, _)| *en == english);
        Some(known.map_or_else(|| english.to_owned(), |(en, pl)| self.pick(en, pl).to_owned()))
    }

    /// A target's label in tables: a preset's title (with the KPI's name when the title
    /// starts with it), else [`Lang::target_name`].
    pub fn target_label(self, t: &TargetView) -> String {
        match self.preset_description(t) {
            Some(d) if t.label.starts_with(&format!("{}: ", Lang::En.kpi_name(&t.measure))) => {
                format!("{}: {d}", self.kpi_name(&t.measure))
            }
            Some(d) => d,
            None => self.target_name(t),
        }
    }

    /// A segment dimension: `channel` → `kanał`.
    pub fn kpi_dimension(self, id: &str) -> String {
        let pl = match id {
            "channel" => "kanał",
            "priority" => "priorytet",
            "team" => "zespół",
            other => other,
        };
        self.pick(id, pl).to_owned()
    }

    /// `all tickets`, `channel=email` or `channel=(blank)`, in this language.
    pub fn kpi_segment(self, s: &SegmentView) -> String {
        match &s.dimension {
            None => self.kpi("all tickets").to_owned(),
            Some(d) => format!("{}={}", self.kpi_dimension(d), self.segment_label(&s.value)),
        }
    }

    /// A reporting period (`day`, `week`, `month`) as a noun.
    pub fn kpi_period(self, id: &str) -> String {
        let pl = match id {
            "day" => "dzień",
            "week" => "tydzień",
            "month" => "miesiąc",
            other => other,
        };
        self.pick(id, pl).to_owned()
    }

    /// `per week` / `według tygodni`.
    pub fn kpi_per_period(self, id: &str) -> String {
        match self {
            Lang::En => format!("per {id}"),
            Lang::Pl => match id {
                "day" => "według dni".to_owned(),
                "week" => "według tygodni".to_owned(),
                "month" => "według miesięcy".to_owned(),
                other => format!("według okresu {other}"),
            },
        }
    }

    /// `business time` / `czas roboczy`, from a clock id (`business`, `calendar`).
    pub fn kpi_clock_time(self, clock: &str) -> String {
        match self {
            Lang::En => format!("{clock} time"),
            Lang::Pl => match clock {
                "business" => "czas roboczy".to_owned(),
                "calendar" => "czas kalendarzowy".to_owned(),
                other => format!("czas: {other}"),
            },
        }
    }

    /// A gap status (`at-target`, `in-band`, `below-minimum`); English keeps the id.
    pub fn kpi_status(self, id: &str) -> String {
        let pl = match id {
            "at-target" => "cel osiągnięty",
            "in-band" => "w paśmie tolerancji",
            "below-minimum" => "poniżej minimum",
            other => other,
        };
        self.pick(id, pl).to_owned()
    }

    /// The data layout (`tickets`, `events`).
    pub fn kpi_layout(self, id: &str) -> String {
        let pl = match id {
            "tickets" => "zgłoszenia",
            "events" => "zdarzenia",
            other => other,
        };
        self.pick(id, pl).to_owned()
    }

    /// What a ticket-reader rule demands, in this language (English as recorded).
    pub fn ticket_requirement(self, rule: &str, english: &str) -> String {
        let pl = match rule {
            "missing-id" => "każde zgłoszenie musi mieć identyfikator",
            "missing-created" => "każde zgłoszenie musi mieć czas utworzenia",
            "missing-timestamp" => "każde zdarzenie musi mieć znacznik czasu",
            "bad-timestamp" => {
                "znacznik czasu w postaci 2026-03-01T09:30:00+01:00, 2026-03-01 09:30 lub 2026-03-01 albo w formacie timestamp_format z mapowania"
            }
            "before-created" => "żadne zdarzenie nie może poprzedzać utworzenia zgłoszenia",
            "bad-number" => "liczba ≥ 0",
            "bad-score" => "odpowiedź CSAT na skali z mapowania lub jedna z jej etykiet",
            "unknown-activity" => "każda czynność jest wymieniona w sekcji [activities] mapowania",
            "field-count" => "każdy wiersz ma tyle pól, ile nagłówek",
            other => self.quality_requirement(other).unwrap_or(english),
        };
        self.pick(english, pl).to_owned()
    }

    /// `2 of 400 tickets were rejected and left out.` Counted in tickets, since an
    /// event log has many rows per ticket: `read` is analysed + rejected tickets.
    pub fn kpi_rejected_tickets(self, rejected: u64, read: u64) -> String {
        match self {
            Lang::En => format!("{rejected} of {read} tickets were rejected and left out."),
            Lang::Pl => format!("Odrzucone i pominięte zgłoszenia: {rejected} z {read}."),
        }
    }

    fn pick<'a>(self, en: &'a str, pl: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Pl => pl,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(label: &str, measure: &str, preset: Option<&str>) -> TargetView {
        TargetView {
            label: label.to_owned(),
            measure: measure.to_owned(),
            unit: "share".to_owned(),
            direction: "higher".to_owned(),
            target: 0.8,
            minimum: None,
            segment: "all".to_owned(),
            preset: preset.map(str::to_owned),
            source: None,
        }
    }

    #[test]
    fn issue_16_kpi_names_come_from_the_measure_in_both_languages() {
        assert_eq!(Lang::En.kpi_name("first-contact-resolution"), "First-contact resolution");
        assert_eq!(Lang::En.kpi_name("sla:frt-8h"), "SLA attainment: frt-8h");
        assert_eq!(Lang::En.kpi_name("first-response.business.median"), "First response, median (business)");
        assert_eq!(Lang::En.kpi_name("something-new"), "something-new");
        assert_eq!(Lang::Pl.kpi_name("reopen-rate"), "Odsetek ponownych otwarć");
        assert_eq!(Lang::Pl.kpi_name("backlog"), "Zaległości");
        assert_eq!(Lang::Pl.kpi_name("sla:frt-8h"), "Dotrzymanie SLA: frt-8h");
        assert_eq!(
            Lang::Pl.kpi_name("first-response.business.p90"),
            "Pierwsza odpowiedź, p90 (czas roboczy)"
        );
    }

    #[test]
    fn issue_16_segments_are_labelled_in_the_page_language() {
        let all = SegmentView { dimension: None, value: String::new() };
        let email = SegmentView { dimension: Some("channel".to_owned()), value: "email".to_owned() };
        let blank = SegmentView { dimension: Some("team".to_owned()), value: String::new() };
        assert_eq!(Lang::En.kpi_segment(&all), "all tickets");
        assert_eq!(Lang::Pl.kpi_segment(&all), "wszystkie zgłoszenia");
        assert_eq!(Lang::En.kpi_segment(&email), "channel=email");
        assert_eq!(Lang::Pl.kpi_segment(&email), "kanał=email");
        assert_eq!(Lang::En.kpi_segment(&blank), "team=(blank)");
        assert_eq!(Lang::Pl.kpi_segment(&blank), "zespół=(puste)");
    }

    #[test]
    fn issue_16_target_names_translate_default_labels_and_keep_custom_ones() {
        let default = target("Reopen rate", "reopen-rate", None);
        let custom = target("FRT SLA attainment", "sla:frt-8h", None);
        let preset = target(
            "First-contact resolution: world-class ≥ 80 %, good 70–79 %",
            "first-contact-resolution",
            Some("sqm-fcr-2022"),
        );
        assert_eq!(Lang::Pl.target_name(&default), "Odsetek ponownych otwarć");
        assert_eq!(Lang::Pl.target_name(&custom), "FRT SLA attainment");
        assert_eq!(Lang::Pl.target_name(&preset), "Rozwiązanie przy pierwszym kontakcie");
        assert_eq!(
            Lang::En.target_label(&preset),
            "First-contact resolution: world-class ≥ 80 %, good 70–79 %"
        );
        assert_eq!(
            Lang::Pl.target_label(&preset),
            "Rozwiązanie przy pierwszym kontakcie: poziom światowy ≥ 80 %, dobry 70–79 %"
        );
        assert_eq!(Lang::En.preset_description(&default), None);
    }
}
