//! Words for the single-survey conventions of issue 12: why a statistic is left out,
//! the flags of a difference-score reliability, and the IPA notes (stated importance
//! is dimension-level; the minimum n; what each crosshair is). English and Polish.

use crate::i18n::Lang;
use crate::model::{DifferenceView, IpaView, SuppressedView};

/// Why a statistic is not reported, e.g. `not reported: n = 2, needs at least 3`.
pub fn suppressed(lang: Lang, reason: &SuppressedView) -> String {
    let n = reason.n.unwrap_or(0);
    let minimum = reason.minimum.unwrap_or(0);
    match (lang, reason.reason.as_str()) {
        (Lang::En, "too-few-respondents") => format!("not reported: n = {n}, needs at least {minimum}"),
        (Lang::Pl, "too-few-respondents") => format!("nie podano: n = {n}, potrzeba co najmniej {minimum}"),
        (Lang::En, "too-few-items") => "not reported: fewer than two items".to_owned(),
        (Lang::Pl, "too-few-items") => "nie podano: mniej niż dwie pozycje".to_owned(),
        (Lang::En, "zero-variance") => "not reported: no variance".to_owned(),
        (Lang::Pl, "zero-variance") => "nie podano: brak zmienności".to_owned(),
        (Lang::En, "out-of-range") => {
            "not reported: estimate below −1 (its ingredients do not fit together)".to_owned()
        }
        (Lang::Pl, "out-of-range") => {
            "nie podano: oszacowanie poniżej −1 (składniki do siebie nie pasują)".to_owned()
        }
        (Lang::En, other) => format!("not reported: {other}"),
        (Lang::Pl, other) => format!("nie podano: {other}"),
    }
}

/// A value, or the reason it is missing when there is one.
pub fn value_or_reason(lang: Lang, value: Option<f64>, reason: Option<&SuppressedView>) -> String {
    match (value, reason) {
        (None, Some(reason)) => suppressed(lang, reason),
        _ => lang.num(value, 2),
    }
}

/// r_DD with its marks: ▼ below 0.70, and a word when negative or on fewer than 30
/// respondents; the reason when it is suppressed.
pub fn r_dd(lang: Lang, diff: &DifferenceView) -> String {
    if let (None, Some(reason)) = (diff.r_dd, &diff.suppressed) {
        return suppressed(lang, reason);
    }
    let mut text = lang.num(diff.r_dd, 2);
    if diff.unreliable {
        text.push_str(" ▼");
    }
    let mut notes = Vec::new();
    if diff.negative {
        notes.push(match lang {
            Lang::En => "negative: no reliable variance",
            Lang::Pl => "ujemna: brak rzetelnej zmienności",
        });
    }
    if diff.small_sample {
        notes.push(match lang {
            Lang::En => "n < 30, read with care",
            Lang::Pl => "n < 30, interpretować ostrożnie",
        });
    }
    if !notes.is_empty() {
        text.push_str(&format!(" ({})", notes.join("; ")));
    }
    text
}

/// Axis title of stated importance: names the dimension as its level.
pub fn stated_axis(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Stated importance of the item's dimension (mean points of 100)",
        Lang::Pl => "Ważność deklarowana wymiaru pozycji (średnio punktów na 100)",
    }
}

/// The IPA notes: stated importance is dimension-level, the crosshairs, the minimum n.
pub fn ipa_notes(lang: Lang, ipa: &IpaView) -> String {
    let stated = ipa.stated_importance_cut.map(|c| lang.num(Some(c), 1));
    let derived = ipa.derived_importance_cut.map(|c| lang.num(Some(c), 2));
    let suppressed =
        ipa.points.iter().filter(|p| p.stated_suppressed.is_some() || p.derived_suppressed.is_some()).count()
            as u64;
    let mut parts = Vec::new();
    match lang {
        Lang::En => {
            if let Some(cut) = stated {
                parts.push(format!(
                    "Stated importance is dimension-level: points are allocated to dimensions, so every item of a \
                     dimension carries its dimension's points. Its crosshair is the equal share, 100 / number of \
                     dimensions = {cut}."
                ));
            }
            if let Some(cut) = derived {
                parts.push(format!(
                    "Derived importance is the item's r with overall satisfaction; its crosshair is the mean r over \
                     the items that have one ({cut})."
                ));
            }
            parts.push(format!(
                "No derived importance and no quadrant rests on fewer than {} respondents{}.",
                ipa.min_n,
                if suppressed > 0 {
                    format!(" ({suppressed} items left out of a grid)")
                } else {
                    String::new()
                }
            ));
        }
        Lang::Pl => {
            if let Some(cut) = stated {
                parts.push(format!(
                    "Ważność deklarowana dotyczy wymiarów: punkty przydziela się wymiarom, więc każda pozycja \
                     wymiaru ma punkty swojego wymiaru. Oś podziału to równy udział, 100 / liczba wymiarów = {cut}."
                ));
            }
            if let Some(cut) = derived {
                parts.push(format!(
                    "Ważność pochodna to r pozycji z ogólnym zadowoleniem; oś podziału to średnie r pozycji, \
                     które je mają ({cut})."
                ));
            }
            parts.push(format!(
                "Ważność pochodna i ćwiartki wymagają co najmniej {} respondentów{}.",
                ipa.min_n,
                if suppressed > 0 {
                    format!(" (pozycje pominięte na siatce: {suppressed})")
                } else {
                    String::new()
                }
            ));
        }
    }
    parts.join(" ")
}
