//! Words of the help-desk KPI report in English and Polish. The KPI printers write
//! every fixed label through [`Lang::kpi`]; counted nouns use Polish plural forms.

use super::Lang;

impl Lang {
    /// A fixed KPI-report label, given by its English text, in this language. An
    /// unknown label is returned as given (English), so a missing translation shows.
    pub fn kpi(self, english: &'static str) -> &'static str {
        if self == Lang::En {
            return english;
        }
        match english {
            "Help-desk KPIs" => "Wskaźniki obsługi zgłoszeń",
            "Help-desk KPI report" => "Raport wskaźników obsługi zgłoszeń",
            "Skip to summary" => "Przejdź do podsumowania",
            "Summary" => "Podsumowanie",
            "Tickets analysed" => "Przeanalizowane zgłoszenia",
            "Rejected" => "Odrzucone",
            "Layout" => "Układ danych",
            "Periods" => "Okresy",
            "Whole data" => "Całe dane",
            "SLA attainment by segment" => "Dotrzymanie SLA według segmentów",
            "Gap to target (whole data)" => "Luka do celu (całe dane)",
            "Flags recorded by the source" => "Flagi zapisane w źródle",
            "Data quality" => "Jakość danych",
            "benchmark preset" => "wartość referencyjna",
            "No problems found." => "Nie znaleziono problemów.",
            "Tables" => "Tabele",
            "The data behind every chart above." => "Dane wszystkich wykresów powyżej.",
            "KPIs against targets (whole data)" => "Wskaźniki wobec celów (całe dane)",
            "Trend per period with the target line (all tickets)" => {
                "Trend w okresach z linią celu (wszystkie zgłoszenia)"
            }
            "segment" => "segment",
            "created" => "utworzone",
            "solved" => "rozwiązane",
            "FRT median" => "mediana FRT",
            "FRT p90" => "p90 FRT",
            "resolution median" => "mediana rozwiązania",
            "resolution p90" => "p90 rozwiązania",
            "resolution mean" => "średnia rozwiązania",
            "FCR" => "FCR",
            "reopen" => "ponowne otwarcia",
            "CSAT" => "CSAT",
            "SLA" => "SLA",
            "met" => "dotrzymane",
            "breached" => "przekroczone",
            "attainment [95 % CI]" => "dotrzymanie [95% PU]",
            "target" => "cel",
            "actual" => "wartość",
            "minimum" => "minimum",
            "gap" => "luka",
            "gap/target" => "luka/cel",
            "pp" => "p.p.",
            "status" => "status",
            "period" => "okres",
            "backlog at end" => "zaległości na koniec",
            "flag" => "flaga",
            "column" => "kolumna",
            "yes" => "tak",
            "no" => "nie",
            "blank/other" => "puste/inne",
            "yes share [95 % CI]" => "udział „tak” [95% PU]",
            "rule" => "reguła",
            "count" => "liczba",
            "first at" => "pierwsze wystąpienie",
            "action" => "działanie",
            "all tickets" => "wszystkie zgłoszenia",
            "Per period" => "W okresach",
            "Per period and segment" => "W okresach i segmentach",
            "Whiskers: 95 % Wilson interval." => "Wąsy: 95-procentowy przedział Wilsona.",
            "Bar: actual (green at target, orange in band, vermilion below minimum). Tick: target. Shaded: green = at target, sand = tolerance band." => {
                "Słupek: wartość (zielony – cel osiągnięty, pomarańczowy – w paśmie tolerancji, cynobrowy – poniżej minimum). Kreska: cel. Tło: zielone = cel, piaskowe = pasmo tolerancji."
            }
            other => other,
        }
    }

    /// `n tickets` / `n zgłoszeń` with the Polish plural form.
    pub fn tickets(self, n: u64) -> String {
        match self {
            Lang::En => self.count(n, ("ticket", "tickets", "tickets")),
            Lang::Pl => self.count(n, ("zgłoszenie", "zgłoszenia", "zgłoszeń")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue_16_kpi_labels_are_translated_and_plurals_follow_polish_rules() {
        for label in
            ["Help-desk KPIs", "Summary", "Tables", "created", "solved", "backlog at end", "Data quality"]
        {
            assert_ne!(Lang::Pl.kpi(label), label, "{label} has a Polish text");
            assert_eq!(Lang::En.kpi(label), label);
        }
        assert_eq!(Lang::Pl.tickets(1), "1 zgłoszenie");
        assert_eq!(Lang::Pl.tickets(3), "3 zgłoszenia");
        assert_eq!(Lang::Pl.tickets(12), "12 zgłoszeń");
        assert_eq!(Lang::En.tickets(2), "2 tickets");
    }
}
