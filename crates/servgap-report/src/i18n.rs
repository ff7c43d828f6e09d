//! Every label, heading and sentence template of the readable reports, in English
//! and Polish.
//!
//! Fixed texts are fields of [`Labels`], one constant per language, so a label
//! missing in one language does not compile. Texts with numbers are functions
//! that take a [`Lang`]. Polish counts use the three plural forms
//! ([`Lang::plural`]: 1 pozycja, 2–4 pozycje, 5+ pozycji) and a decimal comma.

/// Language of the report texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// English.
    En,
    /// Polish.
    Pl,
}

impl Lang {
    /// Every supported language.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Pl];

    /// The language of a code such as `en` or `pl`.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "en" => Some(Lang::En),
            "pl" => Some(Lang::Pl),
            _ => None,
        }
    }

    /// ISO 639-1 code, also the HTML `lang` attribute.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Pl => "pl",
        }
    }

    /// The fixed texts.
    pub fn labels(self) -> &'static Labels {
        match self {
            Lang::En => &EN,
            Lang::Pl => &PL,
        }
    }

    /// Picks the form of a counted noun or verb: `forms` are (one, few, many).
    /// English uses `few` for every count other than 1; Polish uses few for counts
    /// ending in 2–4 except 12–14.
    pub fn plural<'a>(self, n: u64, forms: (&'a str, &'a str, &'a str)) -> &'a str {
        let (one, few, many) = forms;
        if n == 1 {
            return one;
        }
        match self {
            Lang::En => few,
            Lang::Pl => {
                if (2..=4).contains(&(n % 10)) && !(12..=14).contains(&(n % 100)) {
                    few
                } else {
                    many
                }
            }
        }
    }

    /// `n` with the right form of `forms`, e.g. `5 pozycji`.
    pub fn count(self, n: u64, forms: (&str, &str, &str)) -> String {
        format!("{n} {}", self.plural(n, forms))
    }

    /// A number with `digits` decimals, a true minus sign and the language's
    /// decimal separator; `–` when absent or not finite.
    pub fn num(self, value: Option<f64>, digits: usize) -> String {
        match value {
            Some(v) if v.is_finite() => {
                // Avoid "−0.00": a value that rounds to zero is printed unsigned.
                let text = format!("{v:.digits$}");
                let zero = text.chars().all(|c| matches!(c, '-' | '0' | '.'));
                let text = if zero { text.trim_start_matches('-').to_owned() } else { text };
                let text = text.replacen('-', "−", 1);
                match self {
                    Lang::En => text,
                    Lang::Pl => text.replace('.', ","),
                }
            }
            _ => "–".to_owned(),
        }
    }

    /// A p-value: three decimals, `< 0.001` below that.
    pub fn p(self, value: Option<f64>) -> String {
        match value {
            Some(p) if p < 0.001 => format!("< {}", self.num(Some(0.001), 3)),
            other => self.num(other, 3),
        }
    }

    /// A confidence interval `[a, b]` (`[a; b]` in Polish, where the comma is decimal).
    pub fn interval(self, ci: Option<[f64; 2]>, digits: usize) -> String {
        match ci {
            Some([a, b]) => {
                let sep = match self {
                    Lang::En => ", ",
                    Lang::Pl => "; ",
                };
                format!("[{}{sep}{}]", self.num(Some(a), digits), self.num(Some(b), digits))
            }
            None => "–".to_owned(),
        }
    }

    /// A percentage such as `95 %` from a share such as 0.95.
    pub fn percent(self, share: f64) -> String {
        format!("{}\u{a0}%", self.num(Some(share * 100.0), 0))
    }

    /// Joins a list: `a, b and c` / `a, b i c`.
    pub fn list(self, parts: &[String]) -> String {
        let and = match self {
            Lang::En => " and ",
            Lang::Pl => " i ",
        };
        match parts {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., last] => format!("{}{and}{last}", init.join(", ")),
        }
    }

    /// Name of a battery code (E, P, A, D).
    pub fn battery(self, code: &str) -> &'static str {
        let l = self.labels();
        match code {
            "E" => l.battery_e,
            "P" => l.battery_p,
            "A" => l.battery_a,
            "D" => l.battery_d,
            _ => "",
        }
    }

    /// Name of a comparison id with its formula, e.g. `gap (P − E)`.
    pub fn comparison(self, id: &str) -> &'static str {
        let l = self.labels();
        match id {
            "gap" => l.comparison_gap,
            "msa" => l.comparison_msa,
            "mss" => l.comparison_mss,
            _ => "",
        }
    }

    /// Short column name of a comparison: `gap`, `MSA`, `MSS`.
    pub fn comparison_short(self, id: &str) -> &'static str {
        match (self, id) {
            (Lang::En, "gap") => "gap",
            (Lang::Pl, "gap") => "luka",
            (_, "msa") => "MSA",
            (_, "mss") => "MSS",
            _ => "",
        }
    }

    /// What a negative value of a comparison means: `below expectations` …
    pub fn shortfall(self, id: &str) -> &'static str {
        match (self, id) {
            (Lang::En, "msa") => "below the minimum acceptable level",
            (Lang::En, "mss") => "below the desired level",
            (Lang::En, _) => "below expectations",
            (Lang::Pl, "msa") => "poniżej poziomu minimalnego",
            (Lang::Pl, "mss") => "poniżej poziomu pożądanego",
            (Lang::Pl, _) => "poniżej oczekiwań",
        }
    }

    /// Name of a reliability scale in the genitive where Polish needs it: `gap scale` / `skali luk`.
    pub fn scale_name(self, scale: &str) -> String {
        match (self, scale) {
            (Lang::En, "E") => "expectation scale".into(),
            (Lang::En, "P") => "perception scale".into(),
            (Lang::En, "A") => "minimum-level scale".into(),
            (Lang::En, "D") => "desired-level scale".into(),
            (Lang::En, "gap") => "gap scale".into(),
            (Lang::En, other) => format!("{} scale", other.to_uppercase()),
            (Lang::Pl, "E") => "skali oczekiwań".into(),
            (Lang::Pl, "P") => "skali percepcji".into(),
            (Lang::Pl, "A") => "skali poziomu minimalnego".into(),
            (Lang::Pl, "D") => "skali poziomu pożądanego".into(),
            (Lang::Pl, "gap") => "skali luk".into(),
            (Lang::Pl, other) => format!("skali {}", other.to_uppercase()),
        }
    }

    /// Name of an overall-score aggregation id.
    pub fn aggregation(self, id: &str) -> &'static str {
        let l = self.labels();
        match id {
            "unweighted" => l.aggregation_unweighted,
            "mean-of-dimensions" => l.aggregation_mean_of_dimensions,
            "weighted" => l.aggregation_weighted,
            _ => "",
        }
    }

    /// Name of an instrument format id.
    pub fn format(self, id: &str) -> &'static str {
        let l = self.labels();
        match id {
            "two-column" => l.format_two_column,
            "three-column" => l.format_three_column,
            "perceptions-only" => l.format_perceptions_only,
            _ => "",
        }
    }

    /// Name of an IPA quadrant letter.
    pub fn quadrant(self, letter: &str) -> &'static str {
        let l = self.labels();
        match letter {
            "A" => l.quadrant_a,
            "B" => l.quadrant_b,
            "C" => l.quadrant_c,
            "D" => l.quadrant_d,
            _ => "",
        }
    }

    /// Name of a validation rule id.
    pub fn rule(self, id: &str) -> String {
        let en = match id {
            "not-a-number" => ("not a number", "nie liczba"),
            "out-of-scale" => ("out of scale", "poza skalą"),
            "blank" => ("blank", "brak odpowiedzi"),
            "incomplete-pair" => ("incomplete pair", "niepełna para"),
            "importance-sum" => {
                ("importance points not totalling 100", "punkty ważności nie sumują się do 100")
            }
            "importance-invalid" => {
                ("invalid importance allocation", "nieprawidłowy podział punktów ważności")
            }
            "straight-lining" => ("straight-lining", "jednakowe odpowiedzi (straight-lining)"),
            "inverted-zone" => (
                "inverted zone (minimum above desired)",
                "odwrócona strefa (minimum powyżej poziomu pożądanego)",
            ),
            "empty-response" => ("empty response", "pusta odpowiedź"),
            other => return other.to_owned(),
        };
        match self {
            Lang::En => en.0.to_owned(),
            Lang::Pl => en.1.to_owned(),
        }
    }

    /// What the default policy did for a rule.
    pub fn rule_action(self, id: &str, english: &str) -> String {
        match self {
            Lang::En => english.to_owned(),
            Lang::Pl => match id {
                "not-a-number" | "out-of-scale" | "blank" => "komórka potraktowana jako brak danych".into(),
                "incomplete-pair" => "pozycja pominięta dla tego respondenta (usuwanie parami)".into(),
                "importance-sum" => "wagi przeskalowane: punkty / suma".into(),
                "importance-invalid" => "podział pominięty".into(),
                "straight-lining" => "zachowane, oznaczone do przeglądu".into(),
                "inverted-zone" => "położenie w strefie nieokreślone".into(),
                "empty-response" => "respondent pominięty".into(),
                _ => english.to_owned(),
            },
        }
    }

    /// Item reference: `item 8` / `pozycja 8`.
    pub fn item_ref(self, id: &str) -> String {
        format!("{} {id}", self.labels().item_word)
    }

    /// Confidence level label, e.g. `95 % CI` / `95% PU`.
    pub fn ci_label(self, confidence: f64) -> String {
        let level = self.num(Some(confidence * 100.0), 0);
        match self {
            Lang::En => format!("{level}\u{a0}% CI"),
            Lang::Pl => format!("{level}% PU"),
        }
    }

    /// A confidence interval in prose: `95 % CI −1.61 to −1.29`.
    pub fn ci_prose(self, confidence: f64, ci: [f64; 2]) -> String {
        let (a, b) = (self.num(Some(ci[0]), 2), self.num(Some(ci[1]), 2));
        match self {
            Lang::En => format!("{} {a} to {b}", self.ci_label(confidence)),
            Lang::Pl => format!("{} od {a} do {b}", self.ci_label(confidence)),
        }
    }
}

/// Counted nouns: (one, few, many).
pub mod nouns {
    /// Items, English.
    pub const ITEMS_EN: (&str, &str, &str) = ("item", "items", "items");
    /// Items, Polish.
    pub const ITEMS_PL: (&str, &str, &str) = ("pozycja", "pozycje", "pozycji");
    /// Dimensions, English.
    pub const DIMENSIONS_EN: (&str, &str, &str) = ("dimension", "dimensions", "dimensions");
    /// Dimensions, Polish.
    pub const DIMENSIONS_PL: (&str, &str, &str) = ("wymiar", "wymiary", "wymiarów");
    /// Respondents (nominative), English.
    pub const RESPONDENTS_EN: (&str, &str, &str) = ("respondent", "respondents", "respondents");
    /// Respondents (nominative), Polish.
    pub const RESPONDENTS_PL: (&str, &str, &str) = ("respondent", "respondentów", "respondentów");
}

impl Lang {
    /// `n items` / `n pozycji`.
    pub fn items(self, n: u64) -> String {
        match self {
            Lang::En => self.count(n, nouns::ITEMS_EN),
            Lang::Pl => self.count(n, nouns::ITEMS_PL),
        }
    }

    /// `n dimensions` / `n wymiarów`.
    pub fn dimensions(self, n: u64) -> String {
        match self {
            Lang::En => self.count(n, nouns::DIMENSIONS_EN),
            Lang::Pl => self.count(n, nouns::DIMENSIONS_PL),
        }
    }

    /// `n respondents` / `n respondentów`.
    pub fn respondents(self, n: u64) -> String {
        match self {
            Lang::En => self.count(n, nouns::RESPONDENTS_EN),
            Lang::Pl => self.count(n, nouns::RESPONDENTS_PL),
        }
    }
}

/// The fixed texts of one language.
#[derive(Debug)]
pub struct Labels {
    /// Document title prefix.
    pub report_title: &'static str,
    /// Skip link.
    pub skip_to_summary: &'static str,
    /// "File".
    pub file: &'static str,
    /// "rows read".
    pub rows_read: &'static str,
    /// "scored on every dimension".
    pub fully_covered: &'static str,
    /// "Format".
    pub format_label: &'static str,
    /// "Scale".
    pub scale_label: &'static str,
    /// "Generated by".
    pub generated_by: &'static str,
    /// Format names.
    pub format_two_column: &'static str,
    /// Format names.
    pub format_three_column: &'static str,
    /// Format names.
    pub format_perceptions_only: &'static str,
    /// Section headings.
    pub h_summary: &'static str,
    /// Sub-heading of the service findings.
    pub h_findings: &'static str,
    /// Sub-heading of the warnings.
    pub h_warnings: &'static str,
    /// No findings.
    pub no_findings: &'static str,
    /// No warnings.
    pub no_warnings: &'static str,
    /// Section heading.
    pub h_overall: &'static str,
    /// Section heading.
    pub h_dimensions: &'static str,
    /// Section heading.
    pub h_item_gaps: &'static str,
    /// Section heading.
    pub h_items_by_dimension: &'static str,
    /// Section heading.
    pub h_ipa: &'static str,
    /// Section heading.
    pub h_zot: &'static str,
    /// Section heading.
    pub h_distribution: &'static str,
    /// Section heading.
    pub h_reliability: &'static str,
    /// Section heading.
    pub h_data_quality: &'static str,
    /// Section heading.
    pub h_methods: &'static str,
    /// Markdown heading of dimensions sorted.
    pub h_dimensions_sorted: &'static str,
    /// Markdown heading suffix of an item table.
    pub items_sorted_suffix: &'static str,
    /// Intro of the dimensions section.
    pub dimensions_intro: &'static str,
    /// Intro of the item chart.
    pub item_gaps_intro: &'static str,
    /// Intro of the IPA section.
    pub ipa_intro: &'static str,
    /// Intro of the ZOT section.
    pub zot_intro: &'static str,
    /// Intro of the distribution section.
    pub distribution_intro: &'static str,
    /// Intro of the reliability section.
    pub reliability_intro: &'static str,
    /// "Show the chart's data".
    pub chart_data: &'static str,
    /// Table headers.
    pub col_dimension: &'static str,
    /// Table header.
    pub col_item: &'static str,
    /// Table header.
    pub col_statement: &'static str,
    /// Table header.
    pub col_score: &'static str,
    /// Table header.
    pub col_aggregation: &'static str,
    /// Table header.
    pub col_mean: &'static str,
    /// Table header.
    pub col_sd: &'static str,
    /// Table header: Holm-adjusted p of t.
    pub col_p_holm: &'static str,
    /// Table header: Holm-adjusted p of Wilcoxon.
    pub col_wilcoxon_p_holm: &'static str,
    /// Table header.
    pub col_points: &'static str,
    /// Table header.
    pub col_rule: &'static str,
    /// Table header.
    pub col_count: &'static str,
    /// Table header.
    pub col_first_at: &'static str,
    /// Table header.
    pub col_action: &'static str,
    /// Table header.
    pub col_scale: &'static str,
    /// Table header.
    pub col_quadrant: &'static str,
    /// Table header.
    pub col_importance_stated: &'static str,
    /// Table header.
    pub col_importance_derived: &'static str,
    /// Table header.
    pub col_performance: &'static str,
    /// Table header.
    pub col_respondents: &'static str,
    /// Table header: share below the zone.
    pub col_below: &'static str,
    /// Table header: share inside the zone.
    pub col_inside: &'static str,
    /// Table header: share above the zone.
    pub col_above: &'static str,
    /// Table header: lower bound.
    pub col_low: &'static str,
    /// Table header: upper bound.
    pub col_high: &'static str,
    /// Table header: bin.
    pub col_bin: &'static str,
    /// "whole instrument".
    pub whole_instrument: &'static str,
    /// Score names.
    pub score_servqual: &'static str,
    /// Score names.
    pub score_servperf: &'static str,
    /// Aggregations.
    pub aggregation_unweighted: &'static str,
    /// Aggregations.
    pub aggregation_mean_of_dimensions: &'static str,
    /// Aggregations.
    pub aggregation_weighted: &'static str,
    /// Batteries.
    pub battery_e: &'static str,
    /// Batteries.
    pub battery_p: &'static str,
    /// Batteries.
    pub battery_a: &'static str,
    /// Batteries.
    pub battery_d: &'static str,
    /// Comparisons.
    pub comparison_gap: &'static str,
    /// Comparisons.
    pub comparison_msa: &'static str,
    /// Comparisons.
    pub comparison_mss: &'static str,
    /// IPA quadrants.
    pub quadrant_a: &'static str,
    /// IPA quadrants.
    pub quadrant_b: &'static str,
    /// IPA quadrants.
    pub quadrant_c: &'static str,
    /// IPA quadrants.
    pub quadrant_d: &'static str,
    /// "item".
    pub item_word: &'static str,
    /// "No rule was broken."
    pub no_rule_broken: &'static str,
    /// "row {r}, column {c}, value" pieces.
    pub row_word: &'static str,
    /// Column word.
    pub column_word: &'static str,
    /// Value word.
    pub value_word: &'static str,
    /// Chart axis titles.
    pub axis_mean_rating: &'static str,
    /// Axis title.
    pub axis_performance: &'static str,
    /// Axis title.
    pub axis_stated_importance: &'static str,
    /// Axis title.
    pub axis_derived_importance: &'static str,
    /// Axis title.
    pub axis_respondents: &'static str,
    /// Axis title.
    pub axis_rating: &'static str,
    /// Chart legend: confidence interval.
    pub legend_ci: &'static str,
    /// Chart legend: zone of tolerance.
    pub legend_zone: &'static str,
    /// Chart legend: perceived.
    pub legend_perceived: &'static str,
    /// Chart legend: mean.
    pub legend_mean: &'static str,
    /// Chart: crosshair.
    pub crosshair: &'static str,
    /// Methods sub-headings.
    pub m_missing: &'static str,
    /// Methods.
    pub m_tests: &'static str,
    /// Methods.
    pub m_effect_sizes: &'static str,
    /// Methods.
    pub m_weighting: &'static str,
    /// Methods.
    pub m_ipa: &'static str,
    /// Methods.
    pub m_coverage: &'static str,
    /// Methods.
    pub m_software: &'static str,
    /// Reader-summary heading.
    pub m_reading: &'static str,
    /// Reliability table header: difference-score reliability.
    pub col_r_dd: &'static str,
    /// Reliability table header.
    pub col_r_pe: &'static str,
    /// Footnote for reliability flags.
    pub below_threshold_note: &'static str,
    /// "(stated importance)".
    pub stated: &'static str,
    /// "(derived importance)".
    pub derived: &'static str,
}

/// English.
pub const EN: Labels = Labels {
    report_title: "SERVQUAL analysis",
    skip_to_summary: "Skip to the summary of findings",
    file: "File",
    rows_read: "rows read",
    fully_covered: "respondents scored on every dimension",
    format_label: "Format",
    scale_label: "Scale",
    generated_by: "Generated by",
    format_two_column: "two-column (expectations E, perceptions P)",
    format_three_column: "three-column (minimum A, desired D, perceived P)",
    format_perceptions_only: "perceptions only (SERVPERF)",
    h_summary: "Summary of findings",
    h_findings: "What the customers say",
    h_warnings: "How far the numbers can be trusted",
    no_findings: "Nothing stands out.",
    no_warnings: "No reliability or sample-size warnings.",
    h_overall: "Overall scores",
    h_dimensions: "Dimensions",
    h_item_gaps: "Item gaps",
    h_items_by_dimension: "Items by dimension",
    h_ipa: "Importance–performance analysis",
    h_zot: "Zone of tolerance",
    h_distribution: "Distribution of respondents’ overall scores",
    h_reliability: "Reliability",
    h_data_quality: "Data quality",
    h_methods: "Methods appendix",
    h_dimensions_sorted: "Dimensions, largest gap first",
    items_sorted_suffix: "items, largest gap first",
    dimensions_intro: "Mean ratings per dimension, from each respondent’s mean over the dimension’s items. Negative differences mean the service falls short.",
    item_gaps_intro: "Every item, largest shortfall first. Bars show the mean difference; whiskers show the confidence interval. An interval that does not cross zero is a clear difference.",
    ipa_intro: "Each item placed by how important it is and how well it performs. Dashed lines are the crosshairs; items in the upper-left quadrant need attention first.",
    zot_intro: "The band runs from the mean minimum acceptable level (A) to the mean desired level (D); the mark shows mean perceived service (P). A mark left of the band means service below the minimum.",
    distribution_intro: "How the respondents’ overall scores (mean of their dimension scores) are spread. The dashed line marks zero, the solid line the mean.",
    reliability_intro: "Cronbach’s α of each scale with its Feldt interval, and the reliability of the difference score (r_DD) with the correlation of its components. Values below 0.70 are marked.",
    chart_data: "Data table for this chart",
    col_dimension: "Dimension",
    col_item: "Item",
    col_statement: "Statement",
    col_score: "Score",
    col_aggregation: "Aggregation",
    col_mean: "Mean",
    col_sd: "SD",
    col_p_holm: "p (Holm)",
    col_wilcoxon_p_holm: "Wilcoxon p (Holm)",
    col_points: "Importance points",
    col_rule: "Rule",
    col_count: "Count",
    col_first_at: "First occurrence",
    col_action: "Action taken",
    col_scale: "Scale",
    col_quadrant: "Quadrant",
    col_importance_stated: "Stated importance (points)",
    col_importance_derived: "Derived importance (r)",
    col_performance: "Performance (mean P)",
    col_respondents: "Respondents",
    col_below: "Below zone",
    col_inside: "In zone",
    col_above: "Above zone",
    col_low: "From",
    col_high: "To",
    col_bin: "Score range",
    whole_instrument: "Whole instrument",
    score_servqual: "SERVQUAL",
    score_servperf: "SERVPERF (perceptions only)",
    aggregation_unweighted: "unweighted",
    aggregation_mean_of_dimensions: "mean of dimension means",
    aggregation_weighted: "weighted by importance points",
    battery_e: "Expectations (E)",
    battery_p: "Perceptions (P)",
    battery_a: "Minimum level (A)",
    battery_d: "Desired level (D)",
    comparison_gap: "Gap (P − E)",
    comparison_msa: "Adequacy MSA (P − A)",
    comparison_mss: "Superiority MSS (P − D)",
    quadrant_a: "Concentrate here",
    quadrant_b: "Keep up the good work",
    quadrant_c: "Low priority",
    quadrant_d: "Possible overkill",
    item_word: "item",
    no_rule_broken: "No validation rule was broken.",
    row_word: "row",
    column_word: "column",
    value_word: "value",
    axis_mean_rating: "Mean rating",
    axis_performance: "Performance: mean perception (P)",
    axis_stated_importance: "Stated importance (mean points of 100)",
    axis_derived_importance: "Derived importance (r with overall satisfaction)",
    axis_respondents: "Respondents",
    axis_rating: "Rating",
    legend_ci: "confidence interval",
    legend_zone: "zone of tolerance (A to D)",
    legend_perceived: "perceived (P)",
    legend_mean: "mean",
    crosshair: "crosshair",
    m_missing: "Missing data",
    m_tests: "Tests and intervals",
    m_effect_sizes: "Effect sizes",
    m_weighting: "Weighting",
    m_ipa: "Importance–performance grid",
    m_coverage: "Respondents per item",
    m_software: "Software",
    m_reading: "Reading the file",
    col_r_dd: "r_DD",
    col_r_pe: "r(P, X)",
    below_threshold_note: "below 0.70",
    stated: "stated importance",
    derived: "derived importance",
};

/// Polish.
pub const PL: Labels = Labels {
    report_title: "Analiza SERVQUAL",
    skip_to_summary: "Przejdź do podsumowania wyników",
    file: "Plik",
    rows_read: "wczytanych wierszy",
    fully_covered: "respondentów z wynikiem w każdym wymiarze",
    format_label: "Format",
    scale_label: "Skala",
    generated_by: "Wygenerowano programem",
    format_two_column: "dwukolumnowy (oczekiwania E, percepcje P)",
    format_three_column: "trzykolumnowy (minimum A, poziom pożądany D, percepcja P)",
    format_perceptions_only: "tylko percepcje (SERVPERF)",
    h_summary: "Podsumowanie wyników",
    h_findings: "Co mówią klienci",
    h_warnings: "Na ile można ufać liczbom",
    no_findings: "Nic się nie wyróżnia.",
    no_warnings: "Brak ostrzeżeń dotyczących rzetelności i liczebności prób.",
    h_overall: "Wyniki ogólne",
    h_dimensions: "Wymiary",
    h_item_gaps: "Luki w pozycjach",
    h_items_by_dimension: "Pozycje według wymiarów",
    h_ipa: "Analiza ważności i wykonania (IPA)",
    h_zot: "Strefa tolerancji",
    h_distribution: "Rozkład wyników ogólnych respondentów",
    h_reliability: "Rzetelność",
    h_data_quality: "Jakość danych",
    h_methods: "Aneks metodologiczny",
    h_dimensions_sorted: "Wymiary, od największej luki",
    items_sorted_suffix: "pozycje, od największej luki",
    dimensions_intro: "Średnie oceny w wymiarach, liczone ze średniej każdego respondenta z pozycji danego wymiaru. Ujemne różnice oznaczają, że usługa nie spełnia standardu.",
    item_gaps_intro: "Wszystkie pozycje, od największego niedoboru. Słupki pokazują średnią różnicę, wąsy – przedział ufności. Przedział, który nie przecina zera, oznacza wyraźną różnicę.",
    ipa_intro: "Każda pozycja umieszczona według ważności i wykonania. Linie przerywane to osie podziału; pozycje w lewej górnej ćwiartce wymagają uwagi w pierwszej kolejności.",
    zot_intro: "Pasek biegnie od średniego poziomu minimalnego (A) do średniego poziomu pożądanego (D); znacznik pokazuje średnią percepcję usługi (P). Znacznik na lewo od paska oznacza usługę poniżej minimum.",
    distribution_intro: "Rozkład wyników ogólnych respondentów (średnia z ich wyników w wymiarach). Linia przerywana oznacza zero, linia ciągła – średnią.",
    reliability_intro: "α Cronbacha każdej skali z przedziałem Feldta oraz rzetelność wyniku różnicowego (r_DD) z korelacją jego składników. Wartości poniżej 0,70 są oznaczone.",
    chart_data: "Tabela danych tego wykresu",
    col_dimension: "Wymiar",
    col_item: "Pozycja",
    col_statement: "Stwierdzenie",
    col_score: "Wynik",
    col_aggregation: "Agregacja",
    col_mean: "Średnia",
    col_sd: "Odch. std.",
    col_p_holm: "p (Holm)",
    col_wilcoxon_p_holm: "p Wilcoxona (Holm)",
    col_points: "Punkty ważności",
    col_rule: "Reguła",
    col_count: "Liczba",
    col_first_at: "Pierwsze wystąpienie",
    col_action: "Podjęte działanie",
    col_scale: "Skala",
    col_quadrant: "Ćwiartka",
    col_importance_stated: "Ważność deklarowana (punkty)",
    col_importance_derived: "Ważność pochodna (r)",
    col_performance: "Wykonanie (średnie P)",
    col_respondents: "Respondenci",
    col_below: "Poniżej strefy",
    col_inside: "W strefie",
    col_above: "Powyżej strefy",
    col_low: "Od",
    col_high: "Do",
    col_bin: "Przedział wyniku",
    whole_instrument: "Całe narzędzie",
    score_servqual: "SERVQUAL",
    score_servperf: "SERVPERF (tylko percepcje)",
    aggregation_unweighted: "nieważony",
    aggregation_mean_of_dimensions: "średnia średnich wymiarów",
    aggregation_weighted: "ważony punktami ważności",
    battery_e: "Oczekiwania (E)",
    battery_p: "Percepcje (P)",
    battery_a: "Poziom minimalny (A)",
    battery_d: "Poziom pożądany (D)",
    comparison_gap: "Luka (P − E)",
    comparison_msa: "Adekwatność MSA (P − A)",
    comparison_mss: "Wyższość MSS (P − D)",
    quadrant_a: "Skoncentruj się tutaj",
    quadrant_b: "Tak trzymaj",
    quadrant_c: "Niski priorytet",
    quadrant_d: "Możliwy nadmiar",
    item_word: "pozycja",
    no_rule_broken: "Nie naruszono żadnej reguły walidacji.",
    row_word: "wiersz",
    column_word: "kolumna",
    value_word: "wartość",
    axis_mean_rating: "Średnia ocena",
    axis_performance: "Wykonanie: średnia percepcja (P)",
    axis_stated_importance: "Ważność deklarowana (średnio punktów na 100)",
    axis_derived_importance: "Ważność pochodna (r z ogólnym zadowoleniem)",
    axis_respondents: "Respondenci",
    axis_rating: "Ocena",
    legend_ci: "przedział ufności",
    legend_zone: "strefa tolerancji (od A do D)",
    legend_perceived: "percepcja (P)",
    legend_mean: "średnia",
    crosshair: "oś podziału",
    m_missing: "Braki danych",
    m_tests: "Testy i przedziały",
    m_effect_sizes: "Wielkości efektu",
    m_weighting: "Ważenie",
    m_ipa: "Siatka ważności i wykonania",
    m_coverage: "Respondenci na pozycję",
    m_software: "Oprogramowanie",
    m_reading: "Wczytanie pliku",
    col_r_dd: "r_DD",
    col_r_pe: "r(P, X)",
    below_threshold_note: "poniżej 0,70",
    stated: "ważność deklarowana",
    derived: "ważność pochodna",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polish_plurals_follow_the_three_forms() {
        let forms = nouns::ITEMS_PL;
        let got: Vec<String> =
            [1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 102, 112].map(|n| Lang::Pl.count(n, forms)).into();
        assert_eq!(
            got,
            [
                "1 pozycja",
                "2 pozycje",
                "4 pozycje",
                "5 pozycji",
                "11 pozycji",
                "12 pozycji",
                "14 pozycji",
                "21 pozycji",
                "22 pozycje",
                "25 pozycji",
                "102 pozycje",
                "112 pozycji"
            ]
        );
        assert_eq!(Lang::En.items(1), "1 item");
        assert_eq!(Lang::En.items(3), "3 items");
    }

    #[test]
    fn numbers_use_a_true_minus_and_the_local_decimal_separator() {
        assert_eq!(Lang::En.num(Some(-1.384), 2), "−1.38");
        assert_eq!(Lang::Pl.num(Some(-1.384), 2), "−1,38");
        assert_eq!(Lang::En.num(Some(-0.001), 2), "0.00");
        assert_eq!(Lang::En.num(None, 2), "–");
        assert_eq!(Lang::Pl.p(Some(0.0001)), "< 0,001");
        assert_eq!(Lang::Pl.interval(Some([-1.5, -1.26]), 2), "[−1,50; −1,26]");
        assert_eq!(Lang::En.list(&["a".into(), "b".into(), "c".into()]), "a, b and c");
    }
}
