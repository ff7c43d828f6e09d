//! Words of issue 13 in the KPI report, in English and Polish: definition profiles and
//! their rules, export inputs, "not measurable" reasons, partial periods, unjudged targets
//! and the reconciliation table.

use super::Lang;

/// `(id, English, Polish)` of each export input.
const INPUTS: [(&str, &str, &str); 13] = [
    ("reply-events", "reply events", "zdarzeń odpowiedzi"),
    ("reply-count", "reply count", "liczby odpowiedzi"),
    ("first-reply-time", "first-reply time", "czasu pierwszej odpowiedzi"),
    (
        "reopen-events",
        "reopen events (a status history that can go back from solved)",
        "zdarzeń ponownego otwarcia (historii statusów z powrotem z rozwiązanego)",
    ),
    ("reopen-counter", "reopen counter", "licznika ponownych otwarć"),
    ("status-history", "status history", "historii statusów"),
    ("solve-times", "solve or close times", "czasów rozwiązania lub zamknięcia"),
    ("customer-messages", "customer messages", "wiadomości klienta"),
    ("reassignment-count", "reassignment count", "liczby ponownych przypisań"),
    ("csat", "CSAT answers", "odpowiedzi CSAT"),
    ("nps", "NPS answers", "odpowiedzi NPS"),
    ("ces", "CES answers", "odpowiedzi CES"),
    ("current-status", "current status", "bieżącego statusu"),
];

/// `(English, Polish)` of fixed labels.
const LABELS: [(&str, &str); 18] = [
    ("not measurable", "niemierzalne"),
    ("Definitions used", "Zastosowane definicje"),
    ("Not measurable from this export", "Niemierzalne na podstawie tego eksportu"),
    (
        "Reconciliation across definition profiles (whole data, all tickets)",
        "Porównanie profili definicji (całe dane, wszystkie zgłoszenia)",
    ),
    ("Targets not judged", "Cele nieocenione"),
    ("definition", "definicja"),
    ("rule", "reguła"),
    ("KPI", "wskaźnik"),
    ("reason", "powód"),
    ("profile", "profil"),
    ("first-contact resolution", "rozwiązanie przy pierwszym kontakcie"),
    ("reopen", "ponowne otwarcie"),
    ("business time", "czas roboczy"),
    ("resolution ends at", "koniec rozwiązania"),
    ("partial", "niepełny"),
    ("whole data", "całe dane"),
    ("Definitions and measurability", "Definicje i mierzalność"),
    (
        "Partial periods are marked and not judged against targets.",
        "Niepełne okresy są oznaczone i nie są oceniane względem celów.",
    ),
];

/// `(KPI id, English, Polish)` of the KPIs whose measurability is reported.
const KPIS: [(&str, &str, &str); 14] = [
    ("first-response", "First response time", "Czas pierwszej odpowiedzi"),
    ("next-response", "Next response time", "Czas kolejnej odpowiedzi"),
    ("first-resolution", "First resolution time", "Czas pierwszego rozwiązania"),
    ("full-resolution", "Full resolution time", "Czas pełnego rozwiązania"),
    ("requester-wait", "Requester wait time", "Czas oczekiwania zgłaszającego"),
    ("first-contact-resolution", "First-contact resolution", "Rozwiązanie przy pierwszym kontakcie"),
    ("reopen-rate", "Reopen rate", "Odsetek ponownych otwarć"),
    ("backlog", "Backlog", "Zaległości"),
    ("csat", "CSAT", "CSAT"),
    ("nps", "NPS", "NPS"),
    ("ces", "CES", "CES"),
    ("sla:first-response", "SLA on first response", "SLA pierwszej odpowiedzi"),
    ("sla:next-response", "SLA on next response", "SLA kolejnej odpowiedzi"),
    ("sla:resolution", "SLA on resolution", "SLA rozwiązania"),
];

impl Lang {
    /// The name of a KPI whose measurability is reported (`reopen-rate`, `ces`, …).
    pub fn kpi_measured_name(self, id: &str) -> String {
        KPIS.iter().find(|(i, _, _)| *i == id).map_or_else(
            || id.to_owned(),
            |(_, en, pl)| match self {
                Lang::En => (*en).to_owned(),
                Lang::Pl => (*pl).to_owned(),
            },
        )
    }

    /// A fixed label of the definitions/measurability parts; unknown labels as given.
    pub fn kpi_profiles(self, english: &'static str) -> &'static str {
        match self {
            Lang::En => english,
            Lang::Pl => LABELS.iter().find(|(en, _)| *en == english).map_or(english, |(_, pl)| pl),
        }
    }

    fn input_name(self, id: &str) -> String {
        INPUTS.iter().find(|(i, _, _)| *i == id).map_or_else(
            || id.to_owned(),
            |(_, en, pl)| match self {
                Lang::En => (*en).to_owned(),
                Lang::Pl => (*pl).to_owned(),
            },
        )
    }

    /// `not measurable from this export, because it has no reply events or reply count, and no …`.
    pub fn kpi_not_measurable_because(self, missing: &[Vec<String>]) -> String {
        let or = match self {
            Lang::En => " or ",
            Lang::Pl => " ani ",
        };
        let groups: Vec<String> = missing
            .iter()
            .map(|g| g.iter().map(|i| self.input_name(i)).collect::<Vec<_>>().join(or))
            .collect();
        match self {
            Lang::En => {
                format!("not measurable from this export, because it has no {}", groups.join(", and no "))
            }
            Lang::Pl => {
                format!("niemierzalne na podstawie tego eksportu, bo brak w nim {}", groups.join(" oraz "))
            }
        }
    }

    /// A profile's name.
    pub fn kpi_profile_name(self, id: &str) -> String {
        match id {
            "servgap" => "servgap".to_owned(),
            "zendesk" => "Zendesk".to_owned(),
            "freshdesk" => "Freshdesk/Freshservice".to_owned(),
            "servicenow" => "ServiceNow".to_owned(),
            "zammad" => "Zammad".to_owned(),
            other => other.to_owned(),
        }
    }

    /// An FCR rule in words.
    pub fn kpi_fcr_rule(self, id: &str, limit_seconds: Option<u64>, window_seconds: Option<u64>) -> String {
        let days = window_seconds.unwrap_or(604_800) / 86_400;
        let minutes = limit_seconds.unwrap_or(900) / 60;
        match (self, id) {
            (Lang::En, "one-reply-no-reopen") => {
                format!("solved with exactly one agent reply and not reopened (window {days} days)")
            }
            (Lang::Pl, "one-reply-no-reopen") => {
                format!("rozwiązane po dokładnie jednej odpowiedzi agenta, bez ponownego otwarcia (okno {days} dni)")
            }
            (Lang::En, "fewer-than-two-replies") => "solved with fewer than two agent replies".to_owned(),
            (Lang::Pl, "fewer-than-two-replies") => {
                "rozwiązane po mniej niż dwóch odpowiedziach agenta".to_owned()
            }
            (Lang::En, "no-customer-interaction") => {
                "solved without a customer message after creation".to_owned()
            }
            (Lang::Pl, "no-customer-interaction") => {
                "rozwiązane bez wiadomości klienta po utworzeniu".to_owned()
            }
            (Lang::En, "closed-within") => format!("solved within {minutes} minutes of creation"),
            (Lang::Pl, "closed-within") => format!("rozwiązane w ciągu {minutes} minut od utworzenia"),
            (Lang::En, "first-assignment") => "solved without reassignment (reassignment count 0)".to_owned(),
            (Lang::Pl, "first-assignment") => {
                "rozwiązane bez ponownego przypisania (liczba przypisań 0)".to_owned()
            }
            (_, other) => other.to_owned(),
        }
    }

    /// A reopen rule in words.
    pub fn kpi_reopen_rule(self, id: &str, window_seconds: Option<u64>) -> String {
        let days = window_seconds.unwrap_or(604_800) / 86_400;
        match (self, id) {
            (Lang::En, "window") => format!("counted within {days} days of the solve"),
            (Lang::Pl, "window") => format!("liczone w ciągu {days} dni od rozwiązania"),
            (Lang::En, "counter") => "every reopen, no window".to_owned(),
            (Lang::Pl, "counter") => "każde ponowne otwarcie, bez okna".to_owned(),
            (_, other) => other.to_owned(),
        }
    }

    /// The business-time wording: `business time excluding pending and on-hold`.
    pub fn kpi_business_time(self, id: &str) -> String {
        match (self, id) {
            (Lang::En, "business-excluding-pending-and-on-hold") => {
                "business time excluding pending and on-hold".to_owned()
            }
            (Lang::Pl, "business-excluding-pending-and-on-hold") => {
                "czas roboczy bez oczekiwania na klienta i wstrzymania".to_owned()
            }
            (Lang::En, "business-excluding-pending") => "business time excluding pending".to_owned(),
            (Lang::Pl, "business-excluding-pending") => "czas roboczy bez oczekiwania na klienta".to_owned(),
            (Lang::En, "business-excluding-on-hold") => "business time excluding on-hold".to_owned(),
            (Lang::Pl, "business-excluding-on-hold") => "czas roboczy bez wstrzymania".to_owned(),
            (Lang::En, "business-including-pauses") => {
                "business time including pending and on-hold (no pause)".to_owned()
            }
            (Lang::Pl, "business-including-pauses") => {
                "czas roboczy łącznie z oczekiwaniem i wstrzymaniem (bez pauz)".to_owned()
            }
            (_, other) => other.to_owned(),
        }
    }

    /// Where resolution ends.
    pub fn kpi_resolution_end(self, id: &str) -> String {
        match (self, id) {
            (Lang::En, "solve") => "last solve (from creation)".to_owned(),
            (Lang::Pl, "solve") => "ostatnie rozwiązanie (od utworzenia)".to_owned(),
            (Lang::En, "close") => "close (from creation)".to_owned(),
            (Lang::Pl, "close") => "zamknięcie (od utworzenia)".to_owned(),
            (_, other) => other.to_owned(),
        }
    }

    /// Why a target was not judged.
    pub fn kpi_unjudged(self, reason: &str) -> String {
        match (self, reason) {
            (Lang::En, "not-measurable") => "not judged: not measurable from this export".to_owned(),
            (Lang::Pl, "not-measurable") => "nieocenione: niemierzalne na podstawie tego eksportu".to_owned(),
            (Lang::En, "partial-period") => "not judged: partial period".to_owned(),
            (Lang::Pl, "partial-period") => "nieocenione: niepełny okres".to_owned(),
            (Lang::En, "no-data") => "not judged: no values".to_owned(),
            (Lang::Pl, "no-data") => "nieocenione: brak wartości".to_owned(),
            (_, other) => other.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue_13_reason_names_every_missing_input_in_both_languages() {
        let missing =
            vec![vec!["reply-events".to_owned(), "reply-count".to_owned()], vec!["reopen-events".to_owned()]];
        let en = Lang::En.kpi_not_measurable_because(&missing);
        assert!(
            en.starts_with("not measurable from this export, because it has no reply events or reply count")
        );
        assert!(en.contains(", and no reopen events"));
        let pl = Lang::Pl.kpi_not_measurable_because(&missing);
        assert!(pl.contains("zdarzeń odpowiedzi ani liczby odpowiedzi"));
        for (en, _) in LABELS {
            assert_ne!(Lang::Pl.kpi_profiles(en), "", "{en}");
        }
    }
}
