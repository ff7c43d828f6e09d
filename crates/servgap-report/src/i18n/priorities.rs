//! Words and sentences of the priorities report in English and Polish: fixed labels
//! through [`Lang::prio`], the rank explanation ("ranked 2nd: severity 0.41, impact 0.30,
//! urgency 0.12, feasibility 0.05") through [`Lang::rank_explanation`], and the stability
//! of a rank through [`Lang::rank_stability`].

use super::Lang;
use crate::model::priorities::{
    PriorityRow, RankStabilityView, StabilitySettingsView, WeightsView, COMPONENTS,
};

impl Lang {
    /// A fixed priorities label, given by its English text; an unknown label comes back as
    /// given (English), so a missing translation shows in the language tests.
    pub fn prio(self, english: &'static str) -> &'static str {
        if self == Lang::En {
            return english;
        }
        match english {
            "Priorities" => "Priorytety",
            "Gap priorities" => "Priorytety luk",
            "Ranked gaps" => "Ranking luk",
            "Why each gap ranks where it does" => "Dlaczego luka zajmuje swoje miejsce",
            "Components of each score" => "Składowe każdego wyniku",
            "Feasibility ratings" => "Oceny wykonalności",
            "Impact × urgency matrix" => "Macierz wpływ × pilność",
            "Weights and stability" => "Wagi i stabilność",
            "Skip to summary" => "Przejdź do podsumowania",
            "Summary" => "Podsumowanie",
            "severity" => "dotkliwość",
            "impact" => "wpływ",
            "urgency" => "pilność",
            "feasibility" => "wykonalność",
            "rank" => "miejsce",
            "id" => "identyfikator",
            "unit" => "jednostka",
            "wave" => "fala",
            "subject" => "przedmiot",
            "departments" => "działy",
            "score" => "wynik",
            "quadrant" => "ćwiartka",
            "component" => "składowa",
            "value" => "wartość",
            "weight" => "waga",
            "weights" => "wagi",
            "contribution" => "wkład",
            "parts" => "części",
            "missing" => "brakuje",
            "median" => "mediana",
            "quartiles" => "kwartyle",
            "lowest–highest" => "najniższa–najwyższa",
            "lowest" => "najniższa",
            "highest" => "najwyższa",
            "raters" => "oceniający",
            "rater" => "oceniający",
            "department" => "dział",
            "rating" => "ocena",
            "effort" => "nakład",
            "cost" => "koszt",
            "in top k" => "wśród pierwszych k",
            "rank interval" => "przedział miejsc",
            "rank interval low" => "przedział miejsc, od",
            "rank interval high" => "przedział miejsc, do",
            "not rated" => "bez oceny",
            "not measured" => "niezmierzona",
            "size" => "wielkość",
            "size-bound" => "granica przedziału wielkości bliższa zera",
            "stated-importance" => "deklarowana ważność",
            "derived-importance" => "ważność wyprowadzona",
            "importance" => "ważność",
            "reach" => "zasięg",
            "reach-n" => "n zasięgu",
            "trend" => "trend",
            "trend-slope" => "nachylenie trendu",
            "trend-waves" => "fale trendu",
            "below-minimum" => "poniżej minimum",
            "breach" => "naruszenie",
            "deadline" => "termin",
            "deadline-days" => "dni do terminu",
            "cost-score" => "ocena kosztu",
            "judged" => "ocena ekspercka",
            "shrunk" => "pomniejszona o niepewność",
            "exact" => "dokładna",
            "respondents-below-expectation" => "respondenci poniżej oczekiwań",
            "tickets-missed" => "zgłoszenia poza standardem",
            "basis" => "podstawa",
            "the difference of every measured gap redrawn from the normal distribution its interval implies (the data files are not re-read)" => {
                "różnica każdej zmierzonej luki losowana z rozkładu normalnego wynikającego z jej przedziału (plików danych nie czyta się ponownie)"
            }
            "The ranking's stability was not measured." => "Nie zmierzono stabilności rankingu.",
            "No gap to rank." => "Brak luk do uszeregowania.",
            "Each gap is a point: impact on the horizontal axis, urgency on the vertical axis; the dashed lines are the cut-offs of the quadrants; the larger the marker, the more feasible the remedy (a ring: not rated); numbers are ranks." => {
                "Każda luka to punkt: wpływ na osi poziomej, pilność na osi pionowej; linie przerywane to progi ćwiartek; im większy znacznik, tym łatwiejsze działanie naprawcze (pierścień: bez oceny); liczby to miejsca w rankingu."
            }
            "Score = Σ weight × component ÷ Σ weights of the components measured; every component is 0–1. Severity: normalised size shrunk by its uncertainty; impact: importance of what the gap touches × reach; urgency: trend, a breach or the minimum band, a deadline; feasibility: effort, cost and the departments' ratings (1 = easiest)." => {
                "Wynik = Σ waga × składowa ÷ Σ wag składowych zmierzonych; każda składowa 0–1. Dotkliwość: znormalizowana wielkość pomniejszona o niepewność; wpływ: ważność tego, czego dotyczy luka × zasięg; pilność: trend, naruszenie lub pasmo minimum, termin; wykonalność: nakład, koszt i oceny działów (1 = najłatwiej)."
            }
            "Score = Σ weight × component ÷ Σ weights; every component is 0–1, and one that could not be measured counts at the study's neutral value (marked †), so a gap with less data does not outrank one measured on everything. Severity: normalised size shrunk by its uncertainty; impact: importance of what the gap touches × reach (the share of customers with perception below expectation, counted, or of tickets missing the target); a KPI gap without linked survey items takes as its importance φ between meeting its target and a satisfied CSAT on the same tickets; urgency: trend, a breach or the minimum band, a deadline; feasibility: effort, cost and the departments' ratings (1 = easiest)." => {
                "Wynik = Σ waga × składowa ÷ Σ wag; każda składowa 0–1, a niezmierzona liczy się jako wartość neutralna badania (oznaczona †), więc luka z mniejszą liczbą danych nie wyprzedza luki zmierzonej w całości. Dotkliwość: znormalizowana wielkość pomniejszona o niepewność; wpływ: ważność tego, czego dotyczy luka × zasięg (odsetek klientów z percepcją poniżej oczekiwań, policzony, lub zgłoszeń poza celem); luka KPI bez powiązanych pozycji ankiety przyjmuje jako ważność φ między dotrzymaniem jej celu a zadowoleniem w CSAT na tych samych zgłoszeniach; pilność: trend, naruszenie lub pasmo minimum, termin; wykonalność: nakład, koszt i oceny działów (1 = najłatwiej)."
            }
            "respondents-below-expectation-normal" => "respondenci poniżej oczekiwań (szacunek z rozkładu normalnego)",
            "feasibility 0" => "wykonalność 0",
            "feasibility 0.5" => "wykonalność 0,5",
            "feasibility 1" => "wykonalność 1",
            "cut-offs" => "progi",
            "act now" => "działaj teraz",
            "plan" => "zaplanuj",
            "quick wins" => "szybkie korzyści",
            "monitor" => "obserwuj",
            "severity assumed" => "dotkliwość przyjęta",
            "impact assumed" => "wpływ przyjęty",
            "urgency assumed" => "pilność przyjęta",
            "feasibility assumed" => "wykonalność przyjęta",
            "derived importance basis" => "podstawa ważności wyprowadzonej",
            "φ, target met × CSAT satisfied" => "φ, cel dotrzymany × zadowolenie w CSAT",
            "rated tickets" => "ocenione zgłoszenia",
            "satisfied when met" => "zadowoleni przy dotrzymanym celu",
            "satisfied when missed" => "zadowoleni przy niedotrzymanym celu",
            "difference, met − missed" => "różnica, dotrzymany − niedotrzymany",
            "lower bound" => "dolna granica",
            "upper bound" => "górna granica",
            "Fisher p" => "p Fishera",
            "survey correlation" => "korelacja w ankiecie",
            "satisfaction itself" => "samo zadowolenie",
            "ticket association with CSAT" => "związek zgłoszeń z CSAT",
            "yes" => "tak",
            "no" => "nie",
            other => other,
        }
    }

    /// An ordinal rank: `1st`, `2nd`, `3rd`, `11th`, `22nd` / `1.`, `2.`.
    pub fn ordinal(self, rank: usize) -> String {
        match self {
            Lang::Pl => format!("{rank}."),
            Lang::En => {
                let suffix = match (rank % 10, rank % 100) {
                    (_, 11..=13) => "th",
                    (1, _) => "st",
                    (2, _) => "nd",
                    (3, _) => "rd",
                    _ => "th",
                };
                format!("{rank}{suffix}")
            }
        }
    }

    /// The rank and what each component contributed, largest weight first as the study
    /// set them: `ranked 2nd: severity 0.41, impact 0.30, urgency 0.12, feasibility 0.05`
    /// / `2. miejsce: dotkliwość 0,41, wpływ 0,30, pilność 0,12, wykonalność 0,05`. A
    /// component that could not be measured is named as missing with the reason, and when
    /// it counts at the neutral value, with that value: `impact 0.15 (not measured for KPI
    /// gaps without a linked standard or promise; counted as 0.5)`.
    pub fn rank_explanation(self, row: &PriorityRow) -> String {
        let parts: Vec<String> = row
            .components
            .iter()
            .map(|c| {
                let name = self.prio(component_label(&c.component));
                let why = || self.component_missing(&c.component, c.missing_reason.as_deref());
                match (c.value, c.assumed) {
                    (Some(_), _) => format!("{name} {}", self.num(c.contribution, 2)),
                    (None, Some(m)) => {
                        format!("{name} {} ({}; {})", self.num(c.contribution, 2), why(), self.counted_as(m))
                    }
                    (None, None) => format!("{name} {}", why()),
                }
            })
            .collect();
        match (self, row.rank) {
            (Lang::En, Some(rank)) => format!("ranked {}: {}", self.ordinal(rank), parts.join(", ")),
            (Lang::Pl, Some(rank)) => format!("{} miejsce: {}", self.ordinal(rank), parts.join(", ")),
            (Lang::En, None) => format!("not ranked (no weighted component measured): {}", parts.join(", ")),
            (Lang::Pl, None) => {
                format!("bez miejsca (nie zmierzono żadnej ważonej składowej): {}", parts.join(", "))
            }
        }
    }

    /// Why a component is missing, after its name: `not measured for KPI gaps without a
    /// linked standard or promise` / `niezmierzony dla luk KPI bez powiązanego standardu
    /// ani obietnicy` (Polish agrees with the component: "wpływ" is masculine, the other
    /// three feminine). An unknown or absent reason gives `not measured`.
    pub fn component_missing(self, component: &str, reason: Option<&str>) -> String {
        let masculine = component == "impact";
        let reason = reason.unwrap_or_default();
        if let Some(text) = self.association_missing(reason) {
            return text.to_owned();
        }
        match self {
            Lang::En => match reason {
                "no-size" => "not measured: the gap has no size in this wave",
                "kpi-without-linked-items" => {
                    "not measured for KPI gaps without a linked standard or promise"
                }
                "nothing-touched" => "not measured: the gap touches no survey item",
                "importance-not-measured" => "not measured: the survey gave its items no importance",
                "no-urgency-signal" => "not measured: one wave, no breach, no minimum band, no deadline",
                "not-rated" => "not rated by any department",
                _ => "not measured",
            }
            .to_owned(),
            Lang::Pl => {
                let not = if masculine { "niezmierzony" } else { "niezmierzona" };
                let detail = match reason {
                    "no-size" => ": luka nie ma wielkości w tej fali",
                    "kpi-without-linked-items" => " dla luk KPI bez powiązanego standardu ani obietnicy",
                    "nothing-touched" => ": luka nie dotyczy żadnej pozycji ankiety",
                    "importance-not-measured" => ": ankieta nie zmierzyła ważności jej pozycji",
                    "no-urgency-signal" => ": jedna fala, bez naruszenia, pasma minimum i terminu",
                    "not-rated" => return "bez oceny działów".to_owned(),
                    _ => "",
                };
                format!("{not}{detail}")
            }
        }
    }

    /// `counted as 0.5` / `przyjęto 0,5` (one decimal when it is exact, else two).
    pub fn counted_as(self, neutral: f64) -> String {
        let digits = if (neutral * 10.0).fract() == 0.0 { 1 } else { 2 };
        match self {
            Lang::En => format!("counted as {}", self.num(Some(neutral), digits)),
            Lang::Pl => format!("przyjęto {}", self.num(Some(neutral), digits)),
        }
    }

    /// The legend of the mark on assumed values: `† not measured; counted as 0.5 (the
    /// study's neutral value)` / `† niezmierzona; przyjęto 0,5 (wartość neutralna badania)`.
    pub fn assumed_legend(self, neutral: f64) -> String {
        match self {
            Lang::En => format!(
                "{ASSUMED_MARK} not measured; {} (the study's neutral value).",
                self.counted_as(neutral)
            ),
            Lang::Pl => format!(
                "{ASSUMED_MARK} składowa niezmierzona; {} (wartość neutralna badania).",
                self.counted_as(neutral)
            ),
        }
    }

    /// `in the top 5 in 87 % of replicates, rank 1–4` / `wśród pierwszych 5 w 87 % powtórzeń, miejsca 1–4`.
    pub fn rank_stability(self, stability: &RankStabilityView, top_k: usize) -> String {
        let share = self.percent(stability.top_k_share);
        let interval = stability.rank_interval.map(|[low, high]| format!("{low}–{high}"));
        match (self, interval) {
            (Lang::En, Some(i)) => format!("in the top {top_k} in {share} of replicates, rank {i}"),
            (Lang::Pl, Some(i)) => format!("wśród pierwszych {top_k} w {share} powtórzeń, miejsca {i}"),
            (Lang::En, None) => format!("in the top {top_k} in {share} of replicates"),
            (Lang::Pl, None) => format!("wśród pierwszych {top_k} w {share} powtórzeń"),
        }
    }

    /// The weights as one phrase: `severity 0.35, impact 0.30, urgency 0.20, feasibility 0.15`.
    pub fn weights_phrase(self, weights: &WeightsView) -> String {
        COMPONENTS
            .iter()
            .map(|c| format!("{} {}", self.prio(component_label(c)), self.num(Some(weights.of(c)), 2)))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// How stability was measured, as one sentence.
    pub fn stability_settings(self, s: &StabilitySettingsView) -> String {
        let method = self.prio(method_label(&s.method));
        let spread = self.percent(s.weight_perturbation);
        let level = self.percent(s.rank_interval_level);
        match self {
            Lang::En => format!(
                "Stability: {} replicates (seed {}), {method}, each weight multiplied by a factor drawn from 1 ± {spread}; the rank interval covers {level} of the replicates; “in top k” is the share of replicates in which the gap was among the first {}.",
                s.replicates, s.seed, s.top_k
            ),
            Lang::Pl => format!(
                "Stabilność: {} powtórzeń (ziarno {}), {method}, każda waga mnożona przez czynnik losowany z 1 ± {spread}; przedział miejsc obejmuje {level} powtórzeń; „wśród pierwszych k” to odsetek powtórzeń, w których luka była wśród pierwszych {}.",
                s.replicates, s.seed, s.top_k
            ),
        }
    }

    /// Header of the top-k column: `in top 5` / `wśród pierwszych 5`.
    pub fn in_top(self, k: usize) -> String {
        match self {
            Lang::En => format!("in top {k}"),
            Lang::Pl => format!("wśród pierwszych {k}"),
        }
    }

    /// `12 gaps ranked` / `12 luk w rankingu`, with `of 40` when the list was cut.
    pub fn ranked_count(self, shown: usize, total: usize) -> String {
        let noun = match self {
            Lang::En => self.plural(total as u64, ("gap", "gaps", "gaps")),
            Lang::Pl => self.plural(total as u64, ("luka", "luki", "luk")),
        };
        match (self, shown < total) {
            (Lang::En, false) => format!("{total} {noun} ranked"),
            (Lang::En, true) => format!("the first {shown} of {total} {noun} ranked"),
            (Lang::Pl, false) => format!("{total} {noun} w rankingu"),
            (Lang::Pl, true) => format!("pierwsze {shown} z {total} {noun} w rankingu"),
        }
    }

    /// A part name of a component (`stated-importance`, …) in this language; an unknown
    /// part stays as given.
    pub fn part_name(self, part: &str) -> String {
        match part_label(part) {
            Some(label) => self.prio(label).to_owned(),
            None => part.to_owned(),
        }
    }
}

/// The mark after a component's value that was not measured and counts at the neutral value.
pub const ASSUMED_MARK: &str = "†";

/// The `&'static` English label of a component id.
pub(crate) fn component_label(id: &str) -> &'static str {
    match id {
        "severity" => "severity",
        "impact" => "impact",
        "urgency" => "urgency",
        _ => "feasibility",
    }
}

fn method_label(_id: &str) -> &'static str {
    "the difference of every measured gap redrawn from the normal distribution its interval implies (the data files are not re-read)"
}

fn part_label(id: &str) -> Option<&'static str> {
    const PARTS: [&str; 25] = [
        "size",
        "size-bound",
        "judged",
        "importance",
        "stated-importance",
        "derived-importance",
        "reach",
        "reach-n",
        "trend",
        "trend-slope",
        "trend-waves",
        "breach",
        "below-minimum",
        "deadline",
        "deadline-days",
        "effort",
        "cost",
        "cost-score",
        "rating",
        "shrunk",
        "exact",
        "respondents-below-expectation",
        "respondents-below-expectation-normal",
        "tickets-missed",
        "basis",
    ];
    PARTS.iter().find(|p| **p == id).copied()
}
