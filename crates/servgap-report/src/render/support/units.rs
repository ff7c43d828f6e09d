//! Values in their unit for people (durations, shares, counts), with the decimal
//! separator of the page's language.

use crate::i18n::Lang;

/// A duration for people: `45 s`, `12.5 min`, `3.4 h`, `5.98 d`.
pub fn human_duration(seconds: f64) -> String {
    if seconds < 120.0 {
        format!("{seconds:.0} s")
    } else if seconds < 5400.0 {
        format!("{:.1} min", seconds / 60.0)
    } else if seconds < 172_800.0 {
        format!("{:.1} h", seconds / 3600.0)
    } else {
        format!("{:.2} d", seconds / 86_400.0)
    }
}

/// A value in its unit for people.
pub fn human_value(unit: &str, v: f64) -> String {
    match unit {
        "seconds" => human_duration(v),
        "share" => format!("{:.1} %", 100.0 * v),
        "tickets" => format!("{v:.0}"),
        _ => format!("{v:.1}"),
    }
}

/// A number already formatted with a decimal point, with the decimal separator of
/// `lang` (in Polish a comma, and a true minus sign as in the survey report).
pub fn decimal(lang: Lang, text: String) -> String {
    match lang {
        Lang::En => text,
        Lang::Pl => text.replace('.', ",").replacen('-', "−", 1),
    }
}

/// [`human_duration`] in `lang`: `12.5 min` / `12,5 min`.
pub fn human_duration_in(lang: Lang, seconds: f64) -> String {
    decimal(lang, human_duration(seconds))
}

/// [`human_value`] in `lang`: `97.1 %` / `97,1 %`.
pub fn human_value_in(lang: Lang, unit: &str, v: f64) -> String {
    decimal(lang, human_value(unit, v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue_16_polish_values_use_a_decimal_comma() {
        assert_eq!(human_value_in(Lang::Pl, "share", 0.971), "97,1 %");
        assert_eq!(human_value_in(Lang::En, "share", 0.971), "97.1 %");
        assert_eq!(human_duration_in(Lang::Pl, 750.0), "12,5 min");
        assert_eq!(human_value_in(Lang::Pl, "tickets", 12.0), "12");
        assert_eq!(decimal(Lang::Pl, "-19.6".to_owned()), "−19,6");
    }
}
