//! Every label, heading and sentence template of the readable reports, in English
//! and Polish.
//!
//! Fixed texts are fields of [`Labels`], one constant per language, so a label
//! missing in one language does not compile. Texts with numbers are functions
//! that take a [`Lang`]. Polish counts use the three plural forms
//! ([`Lang::plural`]: 1 pozycja, 2–4 pozycje, 5+ pozycji) and a decimal comma.
//! [`insights`] words the core's findings and [`methods`] the methods appendix.

pub mod analysis_notes;
pub mod diagnosis;
pub mod exports;
pub mod insights;
pub mod kpi;
pub mod kpi_charts;
pub mod kpi_names;
pub mod kpi_profiles;
pub mod kpi_quality;
pub mod kpi_satisfaction;
pub mod kpi_sentences;
pub mod methods;
pub mod plan;
pub mod priorities;
pub mod priorities_derived;
pub mod progress;
pub mod progress_panel;
pub mod segments;
pub mod waves;

/// Shortens `text` to at most `width` characters, cutting at a word boundary and
/// ending with `…`; a text that fits is returned whole.
pub fn shorten(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let cut: String = text.chars().take(width.saturating_sub(1)).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

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

    /// A p-value: three decimals, `< 0.001` below that, `< 1e-300` below the core's
    /// floor (an underflow to 0 included; never `0`).
    pub fn p(self, value: Option<f64>) -> String {
        match value {
            Some(p) if crate::model::p_is_below_floor(p) => "< 1e-300".to_owned(),
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

    /// [`Lang::percent`] of a share, or `–` when there is none.
    pub fn percent_or_dash(self, share: Option<f64>) -> String {
        share.map_or_else(|| "–".to_owned(), |s| self.percent(s))
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
    pub fn battery(self, code: impl AsRef<str>) -> &'static str {
        let code = code.as_ref();
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
    pub fn comparison(self, id: impl AsRef<str>) -> &'static str {
        let id = id.as_ref();
        let l = self.labels();
        match id {
            "gap" => l.comparison_gap,
            "msa" => l.comparison_msa,
            "mss" => l.comparison_mss,
            _ => "",
        }
    }

    /// Short column name of a comparison: `gap`, `MSA`, `MSS`.
    pub fn comparison_short(self, id: impl AsRef<str>) -> &'static str {
        let id = id.as_ref();
        match (self, id) {
            (Lang::En, "gap") => "gap",
            (Lang::Pl, "gap") => "luka",
            (_, "msa") => "MSA",
            (_, "mss") => "MSS",
            _ => "",
        }
    }

    /// What a negative value of a comparison means: `below expectations` …
    pub fn shortfall(self, id: impl AsRef<str>) -> &'static str {
        let id = id.as_ref();
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
    pub fn scale_name(self, scale: impl AsRef<str>) -> String {
        let scale = scale.as_ref();
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
    pub fn aggregation(self, id: impl AsRef<str>) -> &'static str {
        let id = id.as_ref();
        let l = self.labels();
        match id {
            "unweighted" => l.aggregation_unweighted,
            "mean-of-dimensions" => l.aggregation_mean_of_dimensions,
            "weighted" => l.aggregation_weighted,
            _ => "",
        }
    }

    /// Name of an instrument format id.
    pub fn format(self, id: impl AsRef<str>) -> &'static str {
        let id = id.as_ref();
        let l = self.labels();
        match id {
            "two-column" => l.format_two_column,
            "three-column" => l.format_three_column,
            "perceptions-only" => l.format_perceptions_only,
            _ => "",
        }
    }

    /// Name of an IPA quadrant letter.
    pub fn quadrant(self, letter: impl AsRef<str>) -> &'static str {
        let letter = letter.as_ref();
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
    pub fn rule(self, id: impl AsRef<str>) -> String {
        let id = id.as_ref();
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
            "missing-id" => ("missing ticket id", "brak identyfikatora zgłoszenia"),
            "missing-created" => ("missing creation time", "brak czasu utworzenia"),
            "missing-timestamp" => ("missing event timestamp", "brak znacznika czasu zdarzenia"),
            "bad-timestamp" => ("unreadable timestamp", "nieczytelny znacznik czasu"),
            "before-created" => {
                ("event before the ticket's creation", "zdarzenie przed utworzeniem zgłoszenia")
            }
            "bad-number" => ("not a number ≥ 0", "wartość nie jest liczbą ≥ 0"),
            "bad-score" => ("CSAT answer off the scale", "odpowiedź CSAT spoza skali"),
            "unknown-activity" => ("unknown activity", "nieznana czynność"),
            "field-count" => ("wrong number of fields", "nieprawidłowa liczba pól"),
            other => return self.quality_rule(other).unwrap_or(other).to_owned(),
        };
        match self {
            Lang::En => en.0.to_owned(),
            Lang::Pl => en.1.to_owned(),
        }
    }

    /// What the default policy did for a rule.
    pub fn rule_action(self, id: &str, english: &str) -> String {
        if let Some(action) = self.quality_action(id) {
            return action.to_owned();
        }
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
                _ => match english {
                    "ticket rejected" => "zgłoszenie odrzucone".into(),
                    "value dropped, ticket kept" => "wartość pominięta, zgłoszenie zachowane".into(),
                    "event ignored" => "zdarzenie pominięte".into(),
                    _ => english.to_owned(),
                },
            },
        }
    }

    /// Item reference: `item 8` / `pozycja 8`.
    pub fn item_ref(self, id: impl AsRef<str>) -> String {
        let id = id.as_ref();
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

/// Fixed texts of the segment section and the wave-comparison page (issue 3).
#[derive(Debug)]
pub struct CompareLabels {
    /// Section heading of the segments.
    pub h_segments: &'static str,
    /// Heading of the tests table.
    pub h_segment_tests: &'static str,
    /// Table header: segment.
    pub col_segment: &'static str,
    /// Table header: Welch's F.
    pub col_welch_f: &'static str,
    /// Table header: Kruskal–Wallis H.
    pub col_kruskal_h: &'static str,
    /// Name of the unweighted overall score.
    pub overall_score: &'static str,
    /// Footnote mark meaning: not tested.
    pub note_untested: &'static str,
    /// Footnote mark meaning: small segment.
    pub note_small: &'static str,
    /// Kicker and title prefix of the wave page.
    pub waves_title: &'static str,
    /// Skip link of the wave page.
    pub skip_to_summary: &'static str,
    /// The first wave.
    pub before: &'static str,
    /// The second wave.
    pub after: &'static str,
    /// The first wave in a chart legend.
    pub before_wave: &'static str,
    /// The second wave in a chart legend.
    pub after_wave: &'static str,
    /// Table header: change.
    pub col_change: &'static str,
    /// Table header: verdict.
    pub col_verdict: &'static str,
    /// Section heading: the trend charts.
    pub h_trend: &'static str,
    /// Section heading: items.
    pub h_items: &'static str,
    /// Intro of the trend section.
    pub trend_intro: &'static str,
    /// Intro of the dimensions table.
    pub dimensions_intro: &'static str,
    /// Verdict words.
    pub improved: &'static str,
    /// Verdict words.
    pub worsened: &'static str,
    /// Verdict words.
    pub unchanged: &'static str,
    /// Verdict words.
    pub not_tested: &'static str,
    /// Axis title of the change panel.
    pub axis_change: &'static str,
    /// Methods headings.
    pub m_design: &'static str,
    /// Methods.
    pub m_verdict: &'static str,
    /// Methods.
    pub m_scores: &'static str,
    /// Methods: design paragraph.
    pub design_text: &'static str,
    /// Methods: verdict paragraph.
    pub verdict_text: &'static str,
    /// Methods: scores paragraph.
    pub scores_text: &'static str,
    /// A wave without findings.
    pub no_findings_wave: &'static str,
}

impl Lang {
    /// The battery a comparison subtracts from P: `E` for the gap, `A` for MSA, `D`
    /// for MSS (battery codes are the same in every language).
    pub fn subtrahend(self, comparison: impl AsRef<str>) -> &'static str {
        let comparison = comparison.as_ref();
        match comparison {
            "msa" => "A",
            "mss" => "D",
            _ => "E",
        }
    }

    /// The difference-score correlation headers `r(P, X)`, `r(P − X, P)`, `r(P − X, X)`
    /// with X named (`E`, `A`, `D`) when the report has one comparison, and a note
    /// naming X per comparison otherwise.
    pub fn difference_headers(self, comparisons: &[String]) -> ([String; 3], Option<String>) {
        let x = match comparisons {
            [one] => self.subtrahend(one),
            _ => "X",
        };
        let headers = [format!("r(P, {x})"), format!("r(P − {x}, P)"), format!("r(P − {x}, {x})")];
        let note = (comparisons.len() > 1).then(|| {
            let parts: Vec<String> = comparisons
                .iter()
                .map(|c| match self {
                    Lang::En => format!("{} for {}", self.subtrahend(c), self.comparison_short(c)),
                    Lang::Pl => format!("{} dla {}", self.subtrahend(c), self.comparison_short(c)),
                })
                .collect();
            format!("X = {}", parts.join(", "))
        });
        (headers, note)
    }

    /// Display name of a measure: `Gap (P − E)`, or perceptions for SERVPERF.
    pub fn measure_name(self, measure: impl AsRef<str>) -> &'static str {
        let measure = measure.as_ref();
        match self.comparison(measure) {
            "" => self.labels().battery_p,
            name => name,
        }
    }

    /// A segment value for display; a blank cell reads `(blank)` / `(puste)`.
    pub fn segment_label(self, name: impl AsRef<str>) -> String {
        let name = name.as_ref();
        match (name.is_empty(), self) {
            (false, _) => name.to_owned(),
            (true, Lang::En) => "(blank)".to_owned(),
            (true, Lang::Pl) => "(puste)".to_owned(),
        }
    }

    /// The fixed texts of segments and wave comparisons.
    pub fn compare_labels(self) -> &'static CompareLabels {
        match self {
            Lang::En => &COMPARE_EN,
            Lang::Pl => &COMPARE_PL,
        }
    }

    /// A verdict id (`improved`, `worsened`, `unchanged`, `not-tested`) as a symbol and word.
    pub fn verdict(self, id: impl AsRef<str>) -> String {
        let id = id.as_ref();
        let l = self.compare_labels();
        match id {
            "improved" => format!("▲ {}", l.improved),
            "worsened" => format!("▼ {}", l.worsened),
            "unchanged" => format!("= {}", l.unchanged),
            _ => format!("– {}", l.not_tested),
        }
    }

    /// `p = 0.012` or `p < 0.001`.
    pub fn p_equals(self, value: Option<f64>) -> String {
        let text = self.p(value);
        if text.starts_with('<') {
            format!("p {text}")
        } else {
            format!("p = {text}")
        }
    }

    /// A signed change such as `+0.50` or `−0.31`.
    pub fn signed(self, value: Option<f64>, digits: usize) -> String {
        let text = self.num(value, digits);
        match value {
            Some(v)
                if v.is_finite()
                    && !text.starts_with('−')
                    && text.chars().any(|c| matches!(c, '1'..='9'))
                    && v > 0.0 =>
            {
                format!("+{text}")
            }
            _ => text,
        }
    }

    /// Intro of the segment section.
    pub fn segments_intro(self, column: &str, confidence: f64) -> String {
        let ci = self.ci_label(confidence);
        match self {
            Lang::En => format!(
                "The survey split by the values of the column “{column}”: each segment’s mean per dimension with its {ci}, and a test per dimension of whether the segments differ, on the respondents’ scores: Welch’s ANOVA (does not assume equal variances) and Kruskal–Wallis (ranks), with p Holm-adjusted over the dimensions. ε² is the Kruskal–Wallis effect size (share of rank variance between segments)."
            ),
            Lang::Pl => format!(
                "Badanie podzielone według wartości kolumny „{column}”: średnia każdego segmentu w każdym wymiarze z {ci} oraz test w każdym wymiarze, czy segmenty się różnią, na wynikach respondentów: ANOVA Welcha (nie zakłada równych wariancji) i test Kruskala–Wallisa (rangi), z p skorygowanym metodą Holma względem wymiarów. ε² to wielkość efektu w teście Kruskala–Wallisa (udział wariancji rang między segmentami)."
            ),
        }
    }

    /// Which dimensions differ across segments: `significant` by Welch (Holm), of which
    /// `confirmed` also by Kruskal–Wallis (Holm).
    pub fn segments_sentence(
        self,
        column: &str,
        significant: &[String],
        confirmed: usize,
        tested: usize,
    ) -> String {
        let n = significant.len() as u64;
        match (self, n) {
            (Lang::En, 0) => format!(
                "No dimension differs significantly across the “{column}” segments (Welch’s ANOVA, Holm-adjusted p ≥ 0.05, {} tested).",
                self.dimensions(tested as u64)
            ),
            (Lang::Pl, 0) => format!(
                "Żaden wymiar nie różni się istotnie między segmentami „{column}” (ANOVA Welcha, p po korekcie Holma ≥ 0,05; {} w teście).",
                self.dimensions(tested as u64)
            ),
            (Lang::En, _) => {
                let agree = if confirmed == significant.len() {
                    if n == 1 { "Kruskal–Wallis agrees.".to_owned() } else { "Kruskal–Wallis agrees for all of them.".to_owned() }
                } else {
                    format!("Kruskal–Wallis agrees for {confirmed} of them.")
                };
                format!(
                    "The “{column}” segments differ significantly (Welch’s ANOVA, Holm-adjusted p < 0.05) in {} of {}: {}. {agree}",
                    n,
                    self.dimensions(tested as u64),
                    self.list(significant)
                )
            }
            (Lang::Pl, _) => {
                let agree = if confirmed == significant.len() {
                    if n == 1 {
                        "Test Kruskala–Wallisa to potwierdza.".to_owned()
                    } else {
                        "Test Kruskala–Wallisa potwierdza różnicę we wszystkich.".to_owned()
                    }
                } else {
                    format!("Test Kruskala–Wallisa potwierdza różnicę w {confirmed} z nich.")
                };
                format!(
                    "Segmenty „{column}” różnią się istotnie (ANOVA Welcha, p po korekcie Holma < 0,05) w {n} z {}: {}. {agree}",
                    self.dimensions_genitive(tested as u64),
                    self.list(significant)
                )
            }
        }
    }

    /// `5 wymiarów` after `z` (genitive): Polish `z 1 wymiaru`, `z 5 wymiarów`.
    fn dimensions_genitive(self, n: u64) -> String {
        match self {
            Lang::En => self.dimensions(n),
            Lang::Pl => {
                if n == 1 {
                    "1 wymiaru".to_owned()
                } else {
                    format!("{n} wymiarów")
                }
            }
        }
    }

    /// The overall score's lowest and highest segment.
    pub fn segments_overall_sentence(
        self,
        lowest: (&str, Option<f64>),
        highest: (&str, Option<f64>),
        p: Option<f64>,
    ) -> String {
        let (lo, hi) = (self.num(lowest.1, 2), self.num(highest.1, 2));
        let p = self.p_equals(p);
        match self {
            Lang::En => format!(
                "Overall score: lowest in “{}” ({lo}), highest in “{}” ({hi}); Welch’s ANOVA {p}.",
                lowest.0, highest.0
            ),
            Lang::Pl => format!(
                "Wynik ogólny: najniższy w segmencie „{}” ({lo}), najwyższy w segmencie „{}” ({hi}); ANOVA Welcha: {p}.",
                lowest.0, highest.0
            ),
        }
    }

    /// A dimension's change in prose: `Reliability (+0.50, 95 % CI 0.33 to 0.67)`.
    pub fn change_prose(
        self,
        name: &str,
        change: Option<f64>,
        confidence: f64,
        ci: Option<[f64; 2]>,
    ) -> String {
        match ci {
            Some(ci) => format!("{name} ({}, {})", self.signed(change, 2), self.ci_prose(confidence, ci)),
            None => format!("{name} ({})", self.signed(change, 2)),
        }
    }

    /// Sentence on the dimensions that improved or worsened.
    pub fn waves_dimension_sentence(self, improved: &[String], worsened: &[String]) -> String {
        match self {
            Lang::En => {
                let up = if improved.is_empty() {
                    "No dimension improved.".to_owned()
                } else {
                    format!("Improved: {}.", self.list(improved))
                };
                let down = if worsened.is_empty() {
                    "No dimension worsened.".to_owned()
                } else {
                    format!("Worsened: {}.", self.list(worsened))
                };
                format!("{up} {down}")
            }
            Lang::Pl => {
                let up = if improved.is_empty() {
                    "Żaden wymiar się nie poprawił.".to_owned()
                } else {
                    format!("Poprawa: {}.", self.list(improved))
                };
                let down = if worsened.is_empty() {
                    "Żaden wymiar się nie pogorszył.".to_owned()
                } else {
                    format!("Pogorszenie: {}.", self.list(worsened))
                };
                format!("{up} {down}")
            }
        }
    }

    /// Sentence on the items that improved or worsened.
    pub fn waves_item_sentence(self, improved: &[String], worsened: &[String], total: usize) -> String {
        let list = |ids: &[String]| if ids.is_empty() { "–".to_owned() } else { self.list(ids) };
        match self {
            Lang::En => format!(
                "Items: {} of {total} improved ({}), {} worsened ({}).",
                improved.len(),
                list(improved),
                worsened.len(),
                list(worsened)
            ),
            Lang::Pl => format!(
                "Pozycje: poprawa w {} z {total} ({}), pogorszenie w {} ({}).",
                improved.len(),
                list(improved),
                worsened.len(),
                list(worsened)
            ),
        }
    }
}

/// English texts of segments and wave comparisons.
pub const COMPARE_EN: CompareLabels = CompareLabels {
    h_segments: "Segments",
    h_segment_tests: "Do the segments differ? Tests per dimension",
    col_segment: "Segment",
    col_welch_f: "Welch F",
    col_kruskal_h: "Kruskal–Wallis H",
    overall_score: "Overall score (unweighted)",
    note_untested: "fewer scored respondents than the minimum: shown, not tested",
    note_small: "fewer than 30 respondents: interpret with care",
    waves_title: "Wave comparison",
    skip_to_summary: "Skip to the summary",
    before: "Before",
    after: "After",
    before_wave: "before (wave 1)",
    after_wave: "after (wave 2)",
    col_change: "Change",
    col_verdict: "Verdict",
    h_trend: "Change by dimension",
    h_items: "Items",
    trend_intro: "For each dimension and the overall score: the hollow circle is the first wave’s mean, the filled circle the second wave’s. On the right, the change with its confidence interval; the colour and the word give the verdict.",
    dimensions_intro: "Improved or worsened only when the confidence interval of the change excludes 0; otherwise unchanged.",
    improved: "improved",
    worsened: "worsened",
    unchanged: "unchanged",
    not_tested: "not tested",
    axis_change: "Change (after − before), scale points",
    m_design: "Design and test",
    m_verdict: "Verdict rule",
    m_scores: "Scores and missing data",
    design_text: "The two files are treated as independent samples of customers, not as the same respondents measured twice (a panel is not analysed as paired data). Each change is the second wave’s mean minus the first wave’s, tested with Welch’s t for unequal variances (Welch–Satterthwaite degrees of freedom), with its confidence interval.",
    verdict_text: "Improved when the whole confidence interval of the change lies above 0 (a gap closer to or above zero is better), worsened when it lies below 0, unchanged when it includes 0. The verdict uses the unadjusted interval; Holm- and Benjamini–Hochberg-adjusted p-values are given over the items and, separately, over the dimensions, so an item can be marked improved or worsened while its Holm p exceeds 0.05.",
    scores_text: "Scores are computed per respondent as in the analysis report: an item counts when every battery of it is answered; a dimension score is the mean of the respondent’s valid items when they cover enough of the dimension; the overall score needs every dimension. Invalid cells are treated as missing.",
    no_findings_wave: "No validation rule was broken.",
};

/// Polish texts of segments and wave comparisons.
pub const COMPARE_PL: CompareLabels = CompareLabels {
    h_segments: "Segmenty",
    h_segment_tests: "Czy segmenty się różnią? Testy w wymiarach",
    col_segment: "Segment",
    col_welch_f: "F Welcha",
    col_kruskal_h: "H Kruskala–Wallisa",
    overall_score: "Wynik ogólny (nieważony)",
    note_untested: "mniej respondentów z wynikiem niż minimum: pokazany, nietestowany",
    note_small: "mniej niż 30 respondentów: interpretować ostrożnie",
    waves_title: "Porównanie fal badania",
    skip_to_summary: "Przejdź do podsumowania",
    before: "Przed",
    after: "Po",
    before_wave: "przed (fala 1)",
    after_wave: "po (fala 2)",
    col_change: "Zmiana",
    col_verdict: "Ocena zmiany",
    h_trend: "Zmiana w wymiarach",
    h_items: "Pozycje",
    trend_intro: "Dla każdego wymiaru i wyniku ogólnego: pusty okrąg to średnia z pierwszej fali, pełne koło – z drugiej. Po prawej zmiana z przedziałem ufności; kolor i słowo podają ocenę zmiany.",
    dimensions_intro: "Poprawa lub pogorszenie tylko wtedy, gdy przedział ufności zmiany nie obejmuje 0; w przeciwnym razie bez zmian.",
    improved: "poprawa",
    worsened: "pogorszenie",
    unchanged: "bez zmian",
    not_tested: "nietestowane",
    axis_change: "Zmiana (po − przed), punkty skali",
    m_design: "Schemat i test",
    m_verdict: "Reguła oceny zmiany",
    m_scores: "Wyniki i braki danych",
    design_text: "Oba pliki traktowane są jako niezależne próby klientów, a nie ci sami respondenci zbadani dwukrotnie (panel nie jest analizowany jako dane sparowane). Każda zmiana to średnia z drugiej fali minus średnia z pierwszej, testowana testem t Welcha dla nierównych wariancji (stopnie swobody Welcha–Satterthwaite’a), z przedziałem ufności.",
    verdict_text: "Poprawa, gdy cały przedział ufności zmiany leży powyżej 0 (luka bliższa zeru lub dodatnia jest lepsza), pogorszenie, gdy leży poniżej 0, bez zmian, gdy obejmuje 0. Ocena opiera się na przedziale bez korekty; p skorygowane metodami Holma i Benjaminiego–Hochberga podano względem pozycji i osobno względem wymiarów, więc pozycja może mieć ocenę poprawa lub pogorszenie, choć jej p Holma przekracza 0,05.",
    scores_text: "Wyniki liczone są dla każdego respondenta jak w raporcie analizy: pozycja liczy się, gdy odpowiedziano na każdą jej baterię; wynik wymiaru to średnia z ważnych pozycji respondenta, jeśli obejmują wystarczającą część wymiaru; wynik ogólny wymaga wszystkich wymiarów. Nieprawidłowe komórki traktowane są jako braki danych.",
    no_findings_wave: "Nie naruszono żadnej reguły walidacji.",
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
