//! Texts of the wave comparison added for issue 12: adjusted verdicts beside
//! unadjusted numbers, families, more than two waves and the trend over waves.

use super::Lang;

/// Fixed texts of multiplicity-adjusted wave comparisons.
#[derive(Debug)]
pub struct WaveLabels {
    /// Table header: Holm-adjusted p (the verdict's p).
    pub col_p_holm: &'static str,
    /// Table header suffix of the simultaneous interval.
    pub simultaneous: &'static str,
    /// Table header suffix of unadjusted numbers.
    pub unadjusted: &'static str,
    /// Section heading: the trend over waves.
    pub h_trend_waves: &'static str,
    /// Intro of the trend table and chart.
    pub trend_waves_intro: &'static str,
    /// Section heading: changes.
    pub h_changes: &'static str,
    /// Methods heading: multiplicity.
    pub m_multiplicity: &'static str,
    /// Methods: design paragraph (independent waves).
    pub design_text: &'static str,
    /// Methods: verdict paragraph.
    pub verdict_text: &'static str,
    /// Methods: interval paragraph.
    pub intervals_text: &'static str,
    /// Intro of the dimension table.
    pub dimensions_intro: &'static str,
    /// Axis title of the trend-over-waves chart.
    pub axis_wave_mean: &'static str,
    /// The word "wave" (chart legend, table headers).
    pub wave: &'static str,
}

/// English texts.
pub const WAVES_EN: WaveLabels = WaveLabels {
    col_p_holm: "p (Holm)",
    simultaneous: "simultaneous",
    unadjusted: "unadjusted",
    h_trend_waves: "Trend over the waves",
    trend_waves_intro: "Each score’s mean in every wave with its confidence interval (per wave, unadjusted).",
    h_changes: "Changes",
    m_multiplicity: "Multiplicity",
    design_text: "The tables of changes treat the files as independent samples of customers (respondents matched by id in a panel are analysed as paired data in the panel section). Each change is the later wave’s mean minus the earlier wave’s, tested with Welch’s t for unequal variances (Welch–Satterthwaite degrees of freedom). With more than two waves, consecutive waves are compared, and every wave from the third on is also compared with the first.",
    verdict_text: "Improved or worsened only when the Holm-adjusted p of the change is below α = 1 − the confidence level (the sign of the change gives the direction; a gap closer to or above zero is better); unchanged otherwise. Holm’s procedure keeps the chance of calling any change of a family improved or worsened, when nothing changed, at or below α. There are two families, each over every measure and every pair of waves compared: all item changes; all dimension and overall-score changes. The unadjusted p and confidence interval are shown beside, labelled “unadjusted”: an item whose unadjusted interval excludes 0 can still be unchanged.",
    intervals_text: "The simultaneous interval is the Bonferroni interval at level 1 − α/m, m being the number of tests in the family: all of them cover their true changes together with probability at least 1 − α. Holm rejects whatever Bonferroni rejects and sometimes more, so an improved or worsened change can have a simultaneous interval that just reaches 0.",
    dimensions_intro: "Verdicts from Holm-adjusted p-values (family: every dimension and overall-score change); the unadjusted p and interval are given for reference.",
    axis_wave_mean: "mean, scale points",
    wave: "Wave",
};

/// Polish texts.
pub const WAVES_PL: WaveLabels = WaveLabels {
    col_p_holm: "p (Holm)",
    simultaneous: "równoczesny",
    unadjusted: "bez korekty",
    h_trend_waves: "Trend w kolejnych falach",
    trend_waves_intro: "Średnia każdego wyniku w każdej fali z przedziałem ufności (dla każdej fali osobno, bez korekty).",
    h_changes: "Zmiany",
    m_multiplicity: "Porównania wielokrotne",
    design_text: "Tabele zmian traktują pliki jako niezależne próby klientów (respondenci panelu dopasowani po identyfikatorze są analizowani jako dane sparowane w części o panelu). Każda zmiana to średnia z późniejszej fali minus średnia z wcześniejszej, testowana testem t Welcha dla nierównych wariancji (stopnie swobody Welcha–Satterthwaite’a). Przy więcej niż dwóch falach porównywane są fale kolejne, a każda fala od trzeciej także z pierwszą.",
    verdict_text: "Poprawa lub pogorszenie tylko wtedy, gdy p zmiany skorygowane metodą Holma jest mniejsze niż α = 1 − poziom ufności (znak zmiany wyznacza kierunek; luka bliższa zeru lub dodatnia jest lepsza); w przeciwnym razie bez zmian. Procedura Holma utrzymuje szansę uznania jakiejkolwiek zmiany w rodzinie za poprawę lub pogorszenie, gdy nic się nie zmieniło, na poziomie co najwyżej α. Są dwie rodziny, każda obejmuje wszystkie miary i wszystkie porównywane pary fal: wszystkie zmiany pozycji; wszystkie zmiany wymiarów i wyniku ogólnego. Obok podano p i przedział ufności bez korekty, oznaczone „bez korekty”: pozycja, której przedział bez korekty nie obejmuje 0, może mieć ocenę bez zmian.",
    intervals_text: "Przedział równoczesny to przedział Bonferroniego na poziomie 1 − α/m, gdzie m to liczba testów w rodzinie: wszystkie obejmują prawdziwe zmiany jednocześnie z prawdopodobieństwem co najmniej 1 − α. Metoda Holma odrzuca wszystko, co odrzuca Bonferroni, a czasem więcej, więc zmiana oceniona jako poprawa lub pogorszenie może mieć przedział równoczesny sięgający 0.",
    dimensions_intro: "Ocena zmiany według p skorygowanego metodą Holma (rodzina: wszystkie zmiany wymiarów i wyniku ogólnego); p i przedział bez korekty podano informacyjnie.",
    axis_wave_mean: "średnia, punkty skali",
    wave: "Fala",
};

impl Lang {
    /// The texts of multiplicity-adjusted wave comparisons.
    pub fn wave_labels(self) -> &'static WaveLabels {
        match self {
            Lang::En => &WAVES_EN,
            Lang::Pl => &WAVES_PL,
        }
    }

    /// `Wave 2`, numbered from 1.
    pub fn wave_name(self, index: usize) -> String {
        format!("{} {}", self.wave_labels().wave, index + 1)
    }

    /// `Wave 1 → Wave 3`.
    pub fn contrast_name(self, from: usize, to: usize) -> String {
        format!("{} → {}", self.wave_name(from), self.wave_name(to))
    }

    /// `95 % CI (simultaneous)`.
    pub fn simultaneous_ci_label(self, confidence: f64) -> String {
        format!("{} ({})", self.ci_label(confidence), self.wave_labels().simultaneous)
    }

    /// `95 % CI (unadjusted)`.
    pub fn unadjusted_ci_label(self, confidence: f64) -> String {
        format!("{} ({})", self.ci_label(confidence), self.wave_labels().unadjusted)
    }

    /// `p (unadjusted)`.
    pub fn unadjusted_p_label(self) -> String {
        format!("p ({})", self.wave_labels().unadjusted)
    }

    /// The family statement of a report: α and the number of tests per family.
    pub fn families_sentence(self, alpha: f64, item_tests: usize, score_tests: usize) -> String {
        let a = self.num(Some(alpha), 2);
        match self {
            Lang::En => format!(
                "Verdicts: Holm-adjusted p < α = {a}, in two families: {item_tests} item changes, and {score_tests} dimension and overall-score changes."
            ),
            Lang::Pl => format!(
                "Ocena zmiany: p skorygowane metodą Holma < α = {a}, w dwóch rodzinach: {item_tests} zmian pozycji oraz {score_tests} zmian wymiarów i wyniku ogólnego."
            ),
        }
    }

    /// Title of the trend-over-waves chart of a measure.
    pub fn wave_trend_title(self, measure_name: &str) -> String {
        match self {
            Lang::En => format!("{measure_name}: every wave, by dimension"),
            Lang::Pl => format!("{measure_name}: każda fala, według wymiarów"),
        }
    }

    /// Description of the trend-over-waves chart.
    pub fn wave_trend_description(self, waves: usize, ci_label: &str) -> String {
        match self {
            Lang::En => format!(
                "For each dimension and the overall score, one row per wave ({waves} waves) with the mean and its {ci_label} (per wave, unadjusted) as whiskers; the markers differ in shape per wave and the means of successive waves are joined by a line."
            ),
            Lang::Pl => format!(
                "Dla każdego wymiaru i wyniku ogólnego jeden wiersz na falę ({waves} fal) ze średnią i jej {ci_label} (dla każdej fali osobno, bez korekty) jako wąsami; znaczniki różnią się kształtem w kolejnych falach, a średnie kolejnych fal łączy linia."
            ),
        }
    }
}

/// Texts of the panel (paired) analysis of waves with respondent ids.
#[derive(Debug)]
pub struct PanelLabels {
    /// Section heading.
    pub h_panel: &'static str,
    /// Intro of the panel section and methods paragraph.
    pub intro: &'static str,
    /// Table header: matched respondents with the score in both waves.
    pub col_pairs: &'static str,
    /// Table header: mean paired change.
    pub col_mean_change: &'static str,
    /// Table header: Wilcoxon p, unadjusted.
    pub col_wilcoxon: &'static str,
}

/// English panel texts.
pub const PANEL_EN: PanelLabels = PanelLabels {
    h_panel: "Panel: respondents matched by id",
    intro: "When the files have a respondent id column, respondents are matched by id for every pair of waves compared. The pair is analysed as a panel when at least half of the smaller wave’s ids are found in the other wave (or when --paired forces it; --independent refuses it): each matched respondent’s change (later − earlier) is tested with the paired t test and, beside it, the Wilcoxon signed-rank test; verdicts come from the Holm-adjusted paired-t p within the pair (families: items; dimensions and overall). The independent-samples tables use every respondent and ignore the pairing; for a panel, read the paired results.",
    col_pairs: "n pairs",
    col_mean_change: "Mean change",
    col_wilcoxon: "Wilcoxon p (unadjusted)",
};

/// Polish panel texts.
pub const PANEL_PL: PanelLabels = PanelLabels {
    h_panel: "Panel: respondenci dopasowani po identyfikatorze",
    intro: "Gdy pliki mają kolumnę identyfikatora respondenta, dla każdej porównywanej pary fal respondenci są dopasowywani po identyfikatorze. Para jest analizowana jako panel, gdy co najmniej połowa identyfikatorów mniejszej fali występuje w drugiej fali (lub gdy wymusza to --paired; --independent tego zabrania): zmiana każdego dopasowanego respondenta (później − wcześniej) jest testowana sparowanym testem t, a obok testem znakowanych rang Wilcoxona; ocena zmiany według p sparowanego testu t skorygowanego metodą Holma w obrębie pary (rodziny: pozycje; wymiary i wynik ogólny). Tabele prób niezależnych obejmują wszystkich respondentów i pomijają sparowanie; dla panelu właściwe są wyniki sparowane.",
    col_pairs: "n par",
    col_mean_change: "Średnia zmiana",
    col_wilcoxon: "p Wilcoxona (bez korekty)",
};

impl Lang {
    /// The panel texts.
    pub fn panel_labels(self) -> &'static PanelLabels {
        match self {
            Lang::En => &PANEL_EN,
            Lang::Pl => &PANEL_PL,
        }
    }

    /// What the id matching of a pair of waves found and which analysis ran.
    pub fn panel_sentence(
        self,
        contrast: &str,
        ids: [u64; 2],
        matched: u64,
        unmatched: [u64; 2],
        design: &str,
        forced: bool,
    ) -> String {
        let [a, b] = ids;
        let [ua, ub] = unmatched;
        match (self, design == "paired", forced) {
            (Lang::En, paired, forced) => {
                let why = match (paired, forced) {
                    (true, true) => "paired analysis (forced by --paired)",
                    (true, false) => "paired analysis (at least half of the smaller wave’s ids matched)",
                    (false, true) => "independent samples (forced by --independent)",
                    (false, false) => {
                        "independent samples (fewer than half of the smaller wave’s ids matched)"
                    }
                };
                format!("{contrast}: {matched} ids matched; ids {a} and {b}, unmatched {ua} and {ub}: {why}.")
            }
            (Lang::Pl, paired, forced) => {
                let why = match (paired, forced) {
                    (true, true) => "analiza sparowana (wymuszona przez --paired)",
                    (true, false) => {
                        "analiza sparowana (dopasowano co najmniej połowę identyfikatorów mniejszej fali)"
                    }
                    (false, true) => "próby niezależne (wymuszone przez --independent)",
                    (false, false) => {
                        "próby niezależne (dopasowano mniej niż połowę identyfikatorów mniejszej fali)"
                    }
                };
                format!(
                    "{contrast}: dopasowano {matched} identyfikatorów; identyfikatory {a} i {b}, niedopasowane {ua} i {ub}: {why}."
                )
            }
        }
    }
}

impl Lang {
    /// A change in prose with its simultaneous interval:
    /// `Reliability (+0.50, 95 % CI (simultaneous) 0.28 to 0.72)`.
    pub fn adjusted_change_prose(
        self,
        name: &str,
        change: Option<f64>,
        confidence: f64,
        ci: Option<[f64; 2]>,
    ) -> String {
        match ci {
            Some([a, b]) => {
                let (a, b) = (self.num(Some(a), 2), self.num(Some(b), 2));
                let label = self.simultaneous_ci_label(confidence);
                match self {
                    Lang::En => format!("{name} ({}, {label} {a} to {b})", self.signed(change, 2)),
                    Lang::Pl => format!("{name} ({}, {label} od {a} do {b})", self.signed(change, 2)),
                }
            }
            None => format!("{name} ({})", self.signed(change, 2)),
        }
    }

    /// Sentence on the overall score's verdict, with its simultaneous interval.
    pub fn waves_overall_adjusted(
        self,
        measure: &str,
        verdict: &str,
        change: Option<f64>,
        confidence: f64,
        ci: Option<[f64; 2]>,
    ) -> String {
        let what = self.adjusted_change_prose(self.comparison_short(measure), change, confidence, ci);
        match (self, verdict) {
            (Lang::En, "improved") => format!("The overall score improved: {what}."),
            (Lang::En, "worsened") => format!("The overall score worsened: {what}."),
            (Lang::En, "unchanged") => format!("The overall score did not change significantly: {what}."),
            (Lang::En, _) => "The overall score could not be compared.".to_owned(),
            (Lang::Pl, "improved") => format!("Wynik ogólny się poprawił: {what}."),
            (Lang::Pl, "worsened") => format!("Wynik ogólny się pogorszył: {what}."),
            (Lang::Pl, "unchanged") => format!("Wynik ogólny nie zmienił się istotnie: {what}."),
            (Lang::Pl, _) => "Nie można porównać wyniku ogólnego.".to_owned(),
        }
    }
}
