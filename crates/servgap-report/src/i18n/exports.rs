//! Column headings of the data exports (CSV and XLSX) that no other report part words:
//! the measured-progress tables. Given by their English text; Polish through
//! [`Lang::export_header`].

use super::Lang;

/// `(English, Polish)` headings.
const HEADERS: [(&str, &str); 45] = [
    ("action", "działanie"),
    ("title", "tytuł"),
    ("owner", "właściciel"),
    ("status", "status"),
    ("metric", "miernik"),
    ("kind", "rodzaj"),
    ("unit", "jednostka"),
    ("unit of measure", "jednostka miary"),
    ("direction", "kierunek"),
    ("baseline wave", "fala wyjściowa"),
    ("baseline value", "wartość wyjściowa"),
    ("baseline difference", "różnica wyjściowa"),
    ("target", "cel"),
    ("expected share closed", "oczekiwana zamknięta część luki"),
    ("latest verdict", "ostatni werdykt"),
    ("trend per wave", "trend na falę"),
    ("trend CI low", "trend, dolna granica PU"),
    ("trend CI high", "trend, górna granica PU"),
    ("trend p", "trend, p"),
    ("trend waves", "trend, liczba fal"),
    ("trend method", "trend, metoda"),
    ("wave", "fala"),
    ("value", "wartość"),
    ("value CI low", "wartość, dolna granica PU"),
    ("value CI high", "wartość, górna granica PU"),
    ("n", "n"),
    ("difference", "różnica"),
    ("size", "wielkość"),
    ("change", "zmiana"),
    ("change CI low", "zmiana, dolna granica PU"),
    ("change CI high", "zmiana, górna granica PU"),
    ("p", "p"),
    ("df", "df"),
    ("Wilcoxon p", "p Wilcoxona"),
    ("method", "metoda"),
    ("Holm p", "p Holma"),
    ("verdict", "werdykt"),
    ("unadjusted verdict", "werdykt bez korekty"),
    ("reason", "powód"),
    ("share closed", "zamknięta część luki"),
    ("share closed CI low", "zamknięta część luki, dolna granica PU"),
    ("share closed CI high", "zamknięta część luki, górna granica PU"),
    ("share method", "metoda dla części luki"),
    ("share not given because", "część luki niepodana, bo"),
    ("to target", "do celu"),
];

impl Lang {
    /// A column heading of a data export, given by its English text; an unknown heading
    /// comes back as given.
    pub fn export_header(self, english: &'static str) -> &'static str {
        if self == Lang::En {
            return english;
        }
        HEADERS.iter().find(|(en, _)| *en == english).map_or(english, |(_, pl)| pl)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::progress_export::{ACTION_COLUMNS, WAVE_COLUMNS};

    #[test]
    fn issue_15_every_progress_export_heading_has_a_polish_text() {
        let same = ["status", "n", "p", "df"];
        for h in ACTION_COLUMNS.iter().chain(&WAVE_COLUMNS) {
            let known = HEADERS.iter().any(|(en, _)| en == h);
            assert!(known, "no Polish heading for {h}");
            assert!(same.contains(h) || Lang::Pl.export_header(h) != *h, "{h}");
        }
    }
}
