//! Words of the "CSAT when the target was met or missed" table (issue 15) in English and Polish.

use super::Lang;

impl Lang {
    /// A fixed label of the KPI ↔ CSAT table, given by its English text, in this language.
    /// An unknown label is returned as given (English), so a missing translation shows.
    pub fn kpi_satisfaction(self, english: &'static str) -> &'static str {
        if self == Lang::En {
            return english;
        }
        match english {
            "CSAT when the target was met or missed (whole data)" => {
                "CSAT, gdy cel dotrzymano lub nie (całe dane)"
            }
            "rated" => "ocenione",
            "satisfied if met" => "zadowoleni, gdy dotrzymano",
            "satisfied if missed" => "zadowoleni, gdy nie dotrzymano",
            "difference [95 % CI]" => "różnica [95% PU]",
            "φ" => "φ",
            "Fisher p" => "p Fishera",
            "missed (all)" => "nie dotrzymano (wszystkie)",
            "note" => "uwaga",
            "Per ticket: met = the ticket itself met the target (e.g. answered within the target time); satisfied = CSAT at or above the scale's good point. Difference: Newcombe interval; φ: correlation of met and satisfied; p: Fisher's exact test. An association, not proof of cause." => {
                "Dla zgłoszenia: dotrzymano = samo zgłoszenie spełniło cel (np. odpowiedź w czasie celu); zadowolony = CSAT co najmniej na dobrym poziomie skali. Różnica: przedział Newcombe'a; φ: korelacja dotrzymania i zadowolenia; p: dokładny test Fishera. To związek, nie dowód przyczyny."
            }
            other => other,
        }
    }

    /// Why a target has no association with CSAT, as a cell ("not measurable: …").
    pub fn kpi_satisfaction_reason(self, reason: &str) -> &'static str {
        match (self, reason) {
            (Lang::En, "no-rated-tickets") => "not measurable: no rated ticket has the condition",
            (Lang::En, "all-met") => "not measurable: every rated ticket met the target",
            (Lang::En, "all-missed") => "not measurable: every rated ticket missed the target",
            (Lang::En, "all-satisfied") => "not measurable: every rating was satisfied",
            (Lang::En, "none-satisfied") => "not measurable: no rating was satisfied",
            (Lang::En, "satisfaction-itself") => "not applicable: the target is satisfaction itself",
            (Lang::En, "not-a-ticket-property") => "not applicable: not a property of one ticket",
            (Lang::Pl, "no-rated-tickets") => "nie do zmierzenia: brak ocenionych zgłoszeń z warunkiem",
            (Lang::Pl, "all-met") => "nie do zmierzenia: każde ocenione zgłoszenie dotrzymało celu",
            (Lang::Pl, "all-missed") => "nie do zmierzenia: żadne ocenione zgłoszenie nie dotrzymało celu",
            (Lang::Pl, "all-satisfied") => "nie do zmierzenia: wszystkie oceny zadowolone",
            (Lang::Pl, "none-satisfied") => "nie do zmierzenia: żadna ocena nie była zadowolona",
            (Lang::Pl, "satisfaction-itself") => "nie dotyczy: cel jest samym zadowoleniem",
            (Lang::Pl, "not-a-ticket-property") => "nie dotyczy: to nie cecha jednego zgłoszenia",
            (Lang::En, _) => "not measurable",
            (Lang::Pl, _) => "nie do zmierzenia",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue_15_satisfaction_labels_and_reasons_are_translated() {
        for label in ["CSAT when the target was met or missed (whole data)", "rated", "Fisher p"] {
            assert_ne!(Lang::Pl.kpi_satisfaction(label), label);
            assert_eq!(Lang::En.kpi_satisfaction(label), label);
        }
        for reason in [
            "no-rated-tickets",
            "all-met",
            "all-missed",
            "all-satisfied",
            "none-satisfied",
            "satisfaction-itself",
            "not-a-ticket-property",
        ] {
            let (en, pl) =
                (Lang::En.kpi_satisfaction_reason(reason), Lang::Pl.kpi_satisfaction_reason(reason));
            assert!(en.len() > "not measurable".len() && pl != en, "{reason}");
        }
    }
}
