//! Words of panel (paired) progress in English and Polish: which analysis ran on a metric's
//! later wave ("paired t on 24 matched respondents (24 of 40 ids matched); Wilcoxon p 0.012"
//! or "Welch t, independent waves (0 of 40 ids matched)", or why the waves stay independent
//! when their instruments differ) and the method note on panels.

use super::Lang;
use crate::model::progress::{PairingView, WaveProgressView};

/// The method note on panels (English; [`Lang::prog_panel`] gives the Polish).
pub const PANEL_METHOD: &str = "Survey metrics (gap 5 of an item or dimension) are compared as a panel when the same respondents answered both waves: respondents are matched by id within the metric's unit, and when at least half of the smaller wave's identified respondents match (or with --paired) the change is the matched respondents' mean change of the gap's per-respondent value, with a paired t interval, the exact Wilcoxon signed-rank p beside it (normal approximation above 50 non-zero changes) and Fieller's share interval with the panel's covariance; otherwise the waves are independent samples (Welch). Waves whose customer files use different instruments are always independent samples (an error with --paired). Other metrics are always independent samples.";

impl Lang {
    /// The panel method note in this language.
    pub fn prog_panel(self, english: &'static str) -> &'static str {
        if self == Lang::En {
            return english;
        }
        match english {
            PANEL_METHOD => "Mierniki ankietowe (luka 5 pozycji lub wymiaru) porównuje się jak panel, gdy ci sami respondenci odpowiedzieli w obu falach: respondentów dopasowuje się po identyfikatorze w jednostce miernika, a gdy dopasowano co najmniej połowę zidentyfikowanych respondentów mniejszej fali (albo z --paired), zmiana to średnia zmiana wartości luki u dopasowanych respondentów, z przedziałem t dla par, dokładną wartością p testu znaków rangowanych Wilcoxona obok (przybliżenie normalne powyżej 50 niezerowych zmian) i przedziałem Fiellera części luki z kowariancją panelu; w przeciwnym razie fale są niezależnymi próbami (Welch). Fale, których pliki klientów używają różnych narzędzi, są zawsze niezależnymi próbami (z --paired to błąd). Pozostałe mierniki są zawsze niezależnymi próbami.",
            other => other,
        }
    }

    /// Which analysis ran on one later wave: the method, and for a customer-survey metric
    /// the design with the matched ids (and the Wilcoxon p beside a paired t).
    pub fn progress_analysis(self, w: &WaveProgressView) -> String {
        let method = w.method.as_deref().map_or("–", |m| self.progress_method(m));
        match (w.method.as_deref(), &w.pairing) {
            (Some("paired-t"), pairing) => self.paired_analysis(w, pairing.as_ref()),
            (Some("welch"), Some(p)) => {
                let base = match (self, &p.different_instruments) {
                    (_, Some(ids)) => self.instruments_differ(ids),
                    (Lang::En, None) => "Welch t, independent waves".to_owned(),
                    (Lang::Pl, None) => "t Welcha, fale niezależne".to_owned(),
                };
                format!("{base} ({}){}", self.ids_matched(p), self.forced(p))
            }
            (Some("welch"), None) => match self {
                Lang::En => "Welch t, independent waves".to_owned(),
                Lang::Pl => "t Welcha, fale niezależne".to_owned(),
            },
            _ => method.to_owned(),
        }
    }

    fn paired_analysis(self, w: &WaveProgressView, pairing: Option<&PairingView>) -> String {
        let n = pairing.and_then(|p| p.paired_n).unwrap_or(0);
        let mut out = match self {
            Lang::En => {
                format!("paired t on {n} matched {}", if n == 1 { "respondent" } else { "respondents" })
            }
            Lang::Pl => format!(
                "t dla par na {}",
                self.count(
                    n,
                    ("dopasowanym respondencie", "dopasowanych respondentach", "dopasowanych respondentach")
                )
            ),
        };
        if let Some(p) = pairing {
            out.push_str(&format!(" ({})", self.ids_matched(p)));
        }
        if let Some(p) = w.wilcoxon_p {
            let label = match self {
                Lang::En => "Wilcoxon p",
                Lang::Pl => "p Wilcoxona",
            };
            out.push_str(&format!("; {label} {}", self.p(Some(p))));
        }
        if let Some(p) = pairing {
            out.push_str(&self.forced(p));
        }
        out
    }

    /// Why the waves stay independent whatever their ids: "Welch t, independent: the waves
    /// use different instruments, servqual22 and servperf22" (baseline's first).
    fn instruments_differ(self, [baseline, later]: &[String; 2]) -> String {
        match self {
            Lang::En => {
                format!("Welch t, independent: the waves use different instruments, {baseline} and {later}")
            }
            Lang::Pl => {
                format!("t Welcha, fale niezależne: użyto w nich różnych narzędzi, {baseline} i {later}")
            }
        }
    }

    /// "24 of 40 ids matched": matched ids of the smaller wave's identified respondents.
    fn ids_matched(self, p: &PairingView) -> String {
        let smaller = p.ids[0].min(p.ids[1]);
        match self {
            Lang::En => format!("{} of {smaller} ids matched", p.matched),
            Lang::Pl => format!("dopasowano {} z {smaller} identyfikatorów", p.matched),
        }
    }

    fn forced(self, p: &PairingView) -> String {
        match (self, p.forced, p.design.as_str()) {
            (_, false, _) => String::new(),
            (Lang::En, true, "paired") => "; paired design forced".to_owned(),
            (Lang::En, true, _) => "; independent design forced".to_owned(),
            (Lang::Pl, true, "paired") => "; układ par wymuszony".to_owned(),
            (Lang::Pl, true, _) => "; układ niezależny wymuszony".to_owned(),
        }
    }
}
