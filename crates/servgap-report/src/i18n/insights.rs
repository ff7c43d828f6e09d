//! Sentences from the ranked insights of the core (`servgap_core::servqual::insights`).
//!
//! The core decides what is worth saying and in which order; this module only
//! words it, in the report's language, with the numbers formatted for that language.

use crate::i18n::Lang;
use crate::model::{AnalysisReport, InsightView};

/// One sentence of the summary of findings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Whether it is about the trustworthiness of the numbers rather than the service.
    pub warning: bool,
    /// Plain text (not escaped).
    pub text: String,
}

fn dimension_name(report: &AnalysisReport, lang: Lang, id: &str) -> String {
    report.dimension_name(id, lang.code()).to_owned()
}

/// `item 7 “wording”`, with the whole wording (no cut: a cut phrase misleads).
fn item_label(report: &AnalysisReport, lang: Lang, id: &str) -> String {
    let text = report.item_text(id, lang.code());
    if text.is_empty() {
        lang.item_ref(id)
    } else {
        let (open, close) = match lang {
            Lang::En => ("“", "”"),
            Lang::Pl => ("„", "”"),
        };
        format!("{} {open}{}{close}", lang.item_ref(id), text.trim_end_matches('.'))
    }
}

/// The summary sentences, in the core's ranking order. Low-reliability findings
/// about the same scale in several dimensions are worded as one sentence, at the
/// place of the first (most severe) of them.
pub fn sentences(report: &AnalysisReport, lang: Lang) -> Vec<Sentence> {
    let confidence = report.method.confidence;
    let mut out = Vec::new();
    let mut done_scales: Vec<&str> = Vec::new();
    for insight in &report.insights {
        let warning = matches!(
            insight,
            InsightView::LowReliability { .. }
                | InsightView::DifferenceScoreUnreliable { .. }
                | InsightView::SmallSample { .. }
                | InsightView::RenormalisedAllocations { .. }
        );
        if let InsightView::LowReliability { dimension: Some(_), scale, .. } = insight {
            if done_scales.contains(&scale.as_str()) {
                continue;
            }
            done_scales.push(scale);
            let group: Vec<(String, f64)> = report
                .insights
                .iter()
                .filter_map(|i| match i {
                    InsightView::LowReliability { dimension: Some(d), scale: s, alpha } if s == scale => {
                        Some((dimension_name(report, lang, d), *alpha))
                    }
                    _ => None,
                })
                .collect();
            out.push(Sentence { warning, text: low_reliability(lang, scale, &group) });
            continue;
        }
        out.push(Sentence { warning, text: sentence(report, lang, confidence, insight) });
    }
    out
}

fn low_reliability(lang: Lang, scale: &str, group: &[(String, f64)]) -> String {
    let parts: Vec<String> =
        group.iter().map(|(name, a)| format!("{name} ({})", lang.num(Some(*a), 2))).collect();
    let scale_name = lang.scale_name(scale);
    let k = group.len() as u64;
    match lang {
        Lang::En => format!(
            "Cronbach’s α of the {scale_name} is below 0.70 in {}: read {} with caution.",
            lang.list(&parts),
            if k == 1 { "that dimension’s score" } else { "those dimensions’ scores" }
        ),
        Lang::Pl => {
            let place = if k == 1 { "wymiarze".to_owned() } else { format!("{k} wymiarach:") };
            let advice = if k == 1 {
                "wynik tego wymiaru należy traktować ostrożnie"
            } else {
                "wyniki tych wymiarów należy traktować ostrożnie"
            };
            format!(
                "α Cronbacha {scale_name} jest niższa niż 0,70 w {place} {}; {advice}.",
                lang.list(&parts)
            )
        }
    }
}

fn sentence(report: &AnalysisReport, lang: Lang, confidence: f64, insight: &InsightView) -> String {
    let n = |v: f64| lang.num(Some(v), 2);
    match insight {
        InsightView::LargestSignificantGaps { comparison, significant, items } => {
            let parts: Vec<String> = items
                .iter()
                .map(|g| {
                    let ci = g.ci.map(|ci| format!("; {}", lang.ci_prose(confidence, ci))).unwrap_or_default();
                    format!("{} ({}{ci})", item_label(report, lang, &g.item), n(g.mean))
                })
                .collect();
            let shortfall = lang.shortfall(comparison);
            let total = report.items.len() as u64;
            let k = *significant as u64;
            match lang {
                Lang::En => format!(
                    "The largest significant shortfalls ({}) are {}. In all, {} of {total} {} significantly {shortfall} (Holm-adjusted p < 0.05).",
                    lang.comparison_short(comparison),
                    lang.list(&parts),
                    k,
                    lang.plural(k, ("item falls", "items fall", "items fall")),
                ),
                Lang::Pl => format!(
                    "Największe istotne niedobory ({}): {}. Łącznie istotnie {shortfall} {} {} (na {total}; p skorygowane metodą Holma < 0,05).",
                    lang.comparison_short(comparison),
                    lang.list(&parts),
                    lang.plural(k, ("wypada", "wypadają", "wypada")),
                    lang.items(k),
                ),
            }
        }
        InsightView::NoSignificantGaps { comparison } => match lang {
            Lang::En => format!(
                "No item is significantly {} (Holm-adjusted p < 0.05).",
                lang.shortfall(comparison)
            ),
            Lang::Pl => format!(
                "Żadna pozycja nie wypada istotnie {} (p skorygowane metodą Holma < 0,05).",
                lang.shortfall(comparison)
            ),
        },
        InsightView::WeakestDimension { comparison, dimension, mean, ci, .. } => {
            let name = dimension_name(report, lang, dimension);
            let ci = ci.map(|ci| format!(" ({})", lang.ci_prose(confidence, ci))).unwrap_or_default();
            let what = match (lang, comparison.as_deref()) {
                (Lang::En, Some("gap")) => "mean gap".to_owned(),
                (Lang::En, Some(c)) => format!("mean {}", c.to_uppercase()),
                (Lang::En, None) => "mean perception".to_owned(),
                (Lang::Pl, Some("gap")) => "średnia luka".to_owned(),
                (Lang::Pl, Some(c)) => format!("średnie {}", c.to_uppercase()),
                (Lang::Pl, None) => "średnia percepcja".to_owned(),
            };
            match lang {
                Lang::En => format!("{name} is the weakest dimension: {what} {}{ci}.", n(*mean)),
                Lang::Pl => format!("Najsłabszy wymiar to {name}: {what} {}{ci}.", n(*mean)),
            }
        }
        InsightView::ConcentrateHere { importance, items } => {
            let k = items.len() as u64;
            let list = lang.list(&items.to_vec());
            match (lang, importance.as_str()) {
                (Lang::En, basis) => format!(
                    "{} {} high {} importance but low performance (“concentrate here”): {list}.",
                    k,
                    lang.plural(k, ("item has", "items have", "items have")),
                    if basis == "stated" { "stated" } else { "derived" },
                ),
                (Lang::Pl, basis) => format!(
                    "{} wysoką ważność {} przy niskim wykonaniu („skoncentruj się tutaj”): {list}.",
                    lang.count(k, ("pozycja ma", "pozycje mają", "pozycji ma")),
                    if basis == "stated" { "deklarowaną" } else { "pochodną" },
                ),
            }
        }
        InsightView::LowReliability { dimension, scale, alpha } => {
            let scale_name = lang.scale_name(scale);
            match (lang, dimension) {
                (Lang::En, Some(d)) => format!(
                    "Cronbach’s α of the {scale_name} of {} is {}, below 0.70: read that dimension’s score with caution.",
                    dimension_name(report, lang, d),
                    n(*alpha)
                ),
                (Lang::En, None) => format!(
                    "Cronbach’s α of the whole instrument’s {scale_name} is {}, below 0.70.",
                    n(*alpha)
                ),
                (Lang::Pl, Some(d)) => format!(
                    "α Cronbacha {scale_name} wymiaru {} wynosi {}, poniżej 0,70: wynik tego wymiaru należy traktować ostrożnie.",
                    dimension_name(report, lang, d),
                    n(*alpha)
                ),
                (Lang::Pl, None) => {
                    format!("α Cronbacha {scale_name} całego narzędzia wynosi {}, poniżej 0,70.", n(*alpha))
                }
            }
        }
        InsightView::DifferenceScoreUnreliable { dimension, comparison, r_dd, r_px } => {
            let name = dimension_name(report, lang, dimension);
            let x = match comparison.as_str() {
                "msa" => "A",
                "mss" => "D",
                _ => "E",
            };
            let short = lang.comparison_short(comparison);
            match lang {
                Lang::En => format!(
                    "The {short} score of {name} is a weak measure: difference-score reliability r_DD = {}, r(P, {x}) = {} (flagged when r_DD < 0.70 or r(P, {x}) ≥ 0.50; Peter, Churchill & Brown 1993).",
                    lang.num(*r_dd, 2),
                    lang.num(*r_px, 2)
                ),
                Lang::Pl => format!(
                    "Wynik {} wymiaru {name} jest słabą miarą: rzetelność wyniku różnicowego r_DD = {}, r(P, {x}) = {} (ostrzeżenie, gdy r_DD < 0,70 lub r(P, {x}) ≥ 0,50; Peter, Churchill i Brown 1993).",
                    if *comparison == "gap" { "luki" } else { short },
                    lang.num(*r_dd, 2),
                    lang.num(*r_px, 2)
                ),
            }
        }
        InsightView::SmallSample { items, dimensions, min_n } => {
            let (ki, kd) = (items.len() as u64, dimensions.len() as u64);
            let mut subjects = Vec::new();
            if ki > 0 {
                subjects.push(format!("{} ({})", lang.items(ki), items.join(", ")));
            }
            if kd > 0 {
                let names: Vec<String> = dimensions.iter().map(|d| dimension_name(report, lang, d)).collect();
                subjects.push(format!("{} ({})", lang.dimensions(kd), names.join(", ")));
            }
            let single = ki + kd == 1;
            match lang {
                Lang::En => format!(
                    "{} {} on fewer than 30 respondents (smallest n = {min_n}): the confidence intervals there are wide.",
                    lang.list(&subjects),
                    if single { "rests" } else { "rest" },
                ),
                Lang::Pl => {
                    let verb = if kd == 0 {
                        lang.plural(ki, ("opiera się", "opierają się", "opiera się"))
                    } else if ki == 0 {
                        lang.plural(kd, ("opiera się", "opierają się", "opiera się"))
                    } else {
                        "opierają się"
                    };
                    format!(
                        "{} {verb} na mniej niż 30 respondentach (najmniejsze n = {min_n}): przedziały ufności są tam szerokie.",
                        lang.list(&subjects),
                    )
                }
            }
        }
        InsightView::RenormalisedAllocations { respondents } => match lang {
            Lang::En => format!(
                "{} {} importance points did not total 100 and were rescaled to 100 before weighting.",
                respondents,
                lang.plural(*respondents, ("respondent’s", "respondents’", "respondents’"))
            ),
            Lang::Pl => format!(
                "Punkty ważności {} {} nie sumowały się do 100 i przed ważeniem zostały przeskalowane do 100.",
                respondents,
                lang.plural(*respondents, ("respondenta", "respondentów", "respondentów"))
            ),
        },
    }
}

#[cfg(test)]
mod tests {
    use crate::i18n::shorten;

    #[test]
    fn issue_16_statements_are_shortened_at_a_word_boundary_or_not_at_all() {
        assert_eq!(shorten("Staff are polite.", 60), "Staff are polite.");
        assert_eq!(
            shorten("The company delivers its services when it said it would", 30),
            "The company delivers its…"
        );
        assert!(shorten("Employees give you prompt service", 20).chars().count() <= 20);
    }
}
