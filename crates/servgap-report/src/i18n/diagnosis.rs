//! Words and sentences of the gap-study diagnosis in English and Polish: fixed labels
//! through [`Lang::diag`], values in their unit through [`Lang::gap_value`], and one
//! finding sentence per headline gap through [`Lang::finding`].

use super::Lang;
use crate::model::diagnosis::RegisterRow;

impl Lang {
    /// The heading of a size interval at `level`: `size 95 % CI`.
    pub fn size_ci_label(self, level: f64) -> String {
        match self {
            Lang::En => format!("size {}", self.ci_label(level)),
            Lang::Pl => format!("wielkość, {}", self.ci_label(level)),
        }
    }

    /// The heading of an interval's lower (`high = false`) or upper bound at `level`.
    pub fn ci_bound_label(self, level: f64, high: bool) -> String {
        let ci = self.ci_label(level);
        match (self, high) {
            (Lang::En, false) => format!("{ci} low"),
            (Lang::En, true) => format!("{ci} high"),
            (Lang::Pl, false) => format!("{ci}, dolna granica"),
            (Lang::Pl, true) => format!("{ci}, górna granica"),
        }
    }

    /// The five-gap chart's description, its whiskers at `level`.
    pub fn five_gap_chart_description(self, level: f64) -> String {
        let percent = self.num(Some(level * 100.0), 0);
        match self {
            Lang::En => format!(
                "Normalised size of the headline gap of each gap of the model (0 = none, 1 = largest possible); whiskers: {percent}\u{a0}% interval."
            ),
            Lang::Pl => format!(
                "Znormalizowana wielkość głównej luki każdej luki modelu (0 = brak, 1 = największa możliwa); wąsy: {percent}-procentowy przedział."
            ),
        }
    }

    /// A fixed diagnosis label, given by its English text; an unknown label comes back as given.
    pub fn diag(self, english: &'static str) -> &'static str {
        if self == Lang::En {
            return english;
        }
        match english {
            "Gap diagnosis" => "Diagnoza luk",
            "Skip to summary" => "Przejdź do podsumowania",
            "Summary" => "Podsumowanie",
            "Study" => "Badanie",
            "Wave" => "Fala",
            "Unit" => "Jednostka",
            "The five-gap model" => "Model pięciu luk",
            "Findings" => "Wnioski",
            "Evidence" => "Dowody",
            "Gap register" => "Rejestr luk",
            "Contributing factors across units" => "Czynniki sprzyjające lukom w przekroju jednostek",
            "gap" => "luka",
            "id" => "identyfikator",
            "kind" => "rodzaj",
            "subject" => "przedmiot",
            "unit" => "jednostka",
            "departments" => "działy",
            "current" => "stan obecny",
            "desired" => "stan pożądany",
            "difference" => "różnica",
            "size" => "wielkość",
            "n" => "n",
            "certain" => "pewna",
            "impact" => "wpływ",
            "urgency" => "pilność",
            "quadrant" => "ćwiartka",
            "sources" => "źródła",
            "details" => "szczegóły",
            "headline gap" => "główna luka",
            "measured" => "zmierzone",
            "factor" => "czynnik",
            "units" => "jednostki",
            "method" => "metoda",
            "predicted sign" => "przewidywany znak",
            "as predicted" => "zgodnie z modelem",
            "yes" => "tak",
            "no" => "nie",
            "not measured" => "niezmierzona",
            "act now" => "działaj teraz",
            "plan" => "zaplanuj",
            "quick wins" => "szybkie korzyści",
            "monitor" => "obserwuj",
            "Gap 1: knowledge" => "Luka 1: wiedza",
            "Gap 2: standards" => "Luka 2: standardy",
            "Gap 3: delivery" => "Luka 3: realizacja",
            "Gap 4: communication" => "Luka 4: komunikacja",
            "Gap 5: customer" => "Luka 5: klient",
            "KPI" => "KPI",
            "judged" => "oceniona",
            "unit of measure" => "jednostka miary",
            "size CI low" => "wielkość, dolna granica PU",
            "size CI high" => "wielkość, górna granica PU",
            "minimum units" => "minimalna liczba jednostek",
            "rho" => "rho",
            "rho p" => "p dla rho",
            "tau" => "tau",
            "tau p" => "p dla tau",
            "No gap of the model was measured in this unit." => "W tej jednostce nie zmierzono żadnej luki modelu.",
            "Categorisation: impact = normalised size (high from 0.10); urgency: a certain breach of a promise, standard or KPI target 1, another certain shortfall 0.75, an uncertain gap 0.25 (urgent from 0.5)." => {
                "Kategoryzacja: wpływ = znormalizowana wielkość (wysoki od 0,10); pilność: pewne naruszenie obietnicy, standardu lub celu KPI 1, inny pewny niedobór 0,75, luka niepewna 0,25 (pilna od 0,5)."
            }
            "Small-n caveat: with few units an association is something to explore, not proof; below the minimum number of units it is not measured." => {
                "Zastrzeżenie małej próby: przy niewielu jednostkach związek to trop do zbadania, nie dowód; poniżej minimalnej liczby jednostek nie jest mierzony."
            }
            other => other,
        }
    }

    /// The name of gap `n` of the model (1–5).
    pub fn gap_name(self, n: u8) -> &'static str {
        self.diag(match n {
            1 => "Gap 1: knowledge",
            2 => "Gap 2: standards",
            3 => "Gap 3: delivery",
            4 => "Gap 4: communication",
            _ => "Gap 5: customer",
        })
    }

    /// A value in its unit: a share as a percentage, seconds as a duration, scale points
    /// and correlations with two decimals, tickets and NPS points whole.
    pub fn gap_value(self, unit: &str, value: f64) -> String {
        match unit {
            "share" => self.percent(value),
            "seconds" => self.duration(value),
            "tickets" | "nps-points" => self.num(Some(value), 0),
            "judged" => "–".to_owned(),
            _ => self.num(Some(value), 2),
        }
    }

    /// A duration in seconds: `45 min`, `3 h 05 min`, `2 d 4 h` (`2 dni 4 godz.`).
    pub fn duration(self, seconds: f64) -> String {
        let minutes = (seconds / 60.0).round().max(0.0) as u64;
        let (h, d) = match self {
            Lang::En => ("h", "d"),
            Lang::Pl => ("godz.", "dni"),
        };
        if minutes < 60 {
            format!("{minutes}\u{a0}min")
        } else if minutes < 48 * 60 {
            format!("{}\u{a0}{h} {:02}\u{a0}min", minutes / 60, minutes % 60)
        } else {
            format!("{}\u{a0}{d} {}\u{a0}{h}", minutes / 1440, (minutes % 1440) / 60)
        }
    }

    /// What a register row is about, in this language.
    pub fn gap_subject(self, row: &RegisterRow) -> String {
        self.subject_text(&row.label, &row.id, &row.subject)
    }

    /// What a gap is about from its label, id and subject id: the label in this language,
    /// else `item 8` / `pozycja 8` for an item, else the subject id (the gap id without one).
    pub fn subject_text(self, label: &crate::model::common::Texts, id: &str, subject: &str) -> String {
        if let Some(text) = label.get(self.code()) {
            return text.to_owned();
        }
        match (self, id.split('/').nth(1)) {
            (Lang::En, Some("item")) => format!("item {subject}"),
            (Lang::Pl, Some("item")) => format!("pozycja {subject}"),
            _ if subject.is_empty() => id.to_owned(),
            _ => subject.to_owned(),
        }
    }

    fn detail(row: &RegisterRow, name: &str) -> Option<f64> {
        row.evidence.details.iter().find(|(k, _)| k == name).map(|(_, v)| *v)
    }

    /// One sentence stating a headline gap with its numbers.
    pub fn finding(self, row: &RegisterRow) -> String {
        let what = self.gap_subject(row);
        let v = |x: f64| self.gap_value(&row.measure_unit, x);
        let points = self.num(Some(row.difference.abs()), 2);
        let en = self == Lang::En;
        let part = row.id.split('/').nth(1).unwrap_or("");
        match (row.kind.as_str(), part) {
            ("g1", "importance") => {
                let tau = Self::detail(row, "kendall-tau");
                let p = Self::detail(row, "rho-p");
                if en {
                    format!(
                        "managers' ranking of what matters agrees with customers' at ρ = {} (τ = {}, p = {})",
                        self.num(Some(row.current), 2),
                        self.num(tau, 2),
                        self.p(p)
                    )
                } else {
                    format!("ranking ważności według kierowników zgadza się z rankingiem klientów na poziomie ρ = {} (τ = {}, p = {})", self.num(Some(row.current), 2), self.num(tau, 2), self.p(p))
                }
            }
            ("g1", "under-estimation") => {
                if en {
                    format!(
                        "managers under-estimate customers' expectations on {} of the items",
                        self.percent(row.current)
                    )
                } else {
                    format!(
                        "kierownicy nie doceniają oczekiwań klientów w {} pozycji",
                        self.percent(row.current)
                    )
                }
            }
            ("g1", _) => match (en, row.difference < 0.0) {
                (true, true) => {
                    format!("managers under-estimate what customers expect of {what} by {points} points")
                }
                (true, false) => {
                    format!("managers over-estimate what customers expect of {what} by {points} points")
                }
                (false, true) => {
                    format!("kierownicy nie doceniają oczekiwań klientów wobec: {what}, o {points} pkt")
                }
                (false, false) => {
                    format!("kierownicy przeceniają oczekiwania klientów wobec: {what}, o {points} pkt")
                }
            },
            ("g2", "coverage") => {
                let missing = self.list(&row.evidence.items);
                if en {
                    format!("{} of the customer-important items{} are governed by a measurable standard (none for: {missing})", v(row.current), if row.subject.is_empty() { String::new() } else { format!(" of {what}") })
                } else {
                    format!(
                        "mierzalny standard obejmuje {} ważnych dla klientów pozycji{} (brak dla: {missing})",
                        v(row.current),
                        if row.subject.is_empty() { String::new() } else { format!(" w wymiarze {what}") }
                    )
                }
            }
            ("g2", _) => {
                if en {
                    format!(
                        "the standard “{what}” is set at {}, while customers expect {}",
                        v(row.current),
                        v(row.desired)
                    )
                } else {
                    format!(
                        "standard „{what}” ustalono na {}, a klienci oczekują {}",
                        v(row.current),
                        v(row.desired)
                    )
                }
            }
            ("g3", "standard") if row.measure_unit == "share" => {
                if en {
                    format!(
                        "the standard “{what}” was met for {} of tickets (required: {})",
                        v(row.current),
                        v(row.desired)
                    )
                } else {
                    format!(
                        "standard „{what}” dotrzymano w {} zgłoszeń (wymagane: {})",
                        v(row.current),
                        v(row.desired)
                    )
                }
            }
            ("g3", "standard") => {
                if en {
                    format!(
                        "customers rate “{what}” at {} against a standard of {}",
                        v(row.current),
                        v(row.desired)
                    )
                } else {
                    format!(
                        "klienci oceniają „{what}” na {} wobec standardu {}",
                        v(row.current),
                        v(row.desired)
                    )
                }
            }
            ("g3" | "g4", _) if part == "scale" => {
                if en {
                    format!("employees rate {what} at {} of {}", v(row.current), v(row.desired))
                } else {
                    format!("pracownicy oceniają: {what}, na {} z {}", v(row.current), v(row.desired))
                }
            }
            ("g4", _) => {
                let median = Self::detail(row, "median").map(|m| self.duration(m));
                let p90 = Self::detail(row, "p90").map(|m| self.duration(m));
                let delivered = match (median, p90, en) {
                    (Some(m), Some(p), true) => format!(" (median {m}, p90 {p})"),
                    (Some(m), Some(p), false) => format!(" (mediana {m}, p90 {p})"),
                    _ => String::new(),
                };
                if en {
                    format!("the promise “{what}” held for {} of tickets{delivered}", v(row.current))
                } else {
                    format!("obietnica „{what}” została dotrzymana w {} zgłoszeń{delivered}", v(row.current))
                }
            }
            ("g5", _) => {
                if en {
                    format!("customers' perceptions of {what} fall short of their expectations by {points} points")
                } else {
                    format!("postrzeganie przez klientów ({what}) jest o {points} pkt niższe od oczekiwań")
                }
            }
            ("note", _) => {
                let judged = row.judged.clone().unwrap_or_default();
                let level = |i: usize| judged.get(i).map_or("?", String::as_str);
                let (impact, urgency) = (level(0), level(1));
                if en {
                    format!("{what} (judged impact {impact}, urgency {urgency})")
                } else {
                    let level_pl = |l: &str| match l {
                        "high" => "wysoki",
                        "medium" => "średni",
                        "low" => "niski",
                        _ => "?",
                    };
                    format!("{what} (oceniony wpływ: {}, pilność: {})", level_pl(impact), level_pl(urgency))
                }
            }
            _ => {
                if en {
                    format!("KPI {} is {} against a target of {}", row.id, v(row.current), v(row.desired))
                } else {
                    format!("KPI {}: {} wobec celu {}", row.id, v(row.current), v(row.desired))
                }
            }
        }
    }
}
