//! Texts of the KPI report's data-quality and backlog sections (issue 13): the row
//! reconciliation, the rules that keep a ticket and drop one value, right-censoring of
//! the reopen window, teams without a calendar, and the backlog series.

use super::Lang;
use crate::model::kpi::{KpiInput, KpiQualityView};

/// One rule: id, then name, requirement and action as `[English, Polish]`.
type RuleTexts = (&'static str, [&'static str; 2], [&'static str; 2], [&'static str; 2]);

/// Name, requirement and action of the ticket rules added by issue 13, in English and Polish.
const RULES: &[RuleTexts] = &[
    (
        "duplicate-id",
        ["duplicate ticket id", "powtórzony identyfikator zgłoszenia"],
        ["each ticket id appears on one row only", "każdy identyfikator zgłoszenia występuje w jednym wierszu"],
        ["later row rejected", "późniejszy wiersz odrzucony"],
    ),
    (
        "bad-optional-timestamp",
        ["unreadable first-reply, solve or close time", "nieczytelny czas pierwszej odpowiedzi, rozwiązania lub zamknięcia"],
        [
            "a first-reply, solve or close time like 2026-03-01T09:30:00+01:00, or the mapping's timestamp_format",
            "czas pierwszej odpowiedzi, rozwiązania lub zamknięcia w postaci 2026-03-01T09:30:00+01:00 albo w formacie timestamp_format z mapowania",
        ],
        ["value dropped, ticket kept", "wartość pominięta, zgłoszenie zachowane"],
    ),
    (
        "closed-before-solved",
        ["closed before solved", "zamknięte przed rozwiązaniem"],
        ["a ticket is closed at or after it is solved", "zgłoszenie zamyka się w chwili rozwiązania lub później"],
        ["close time dropped, ticket kept", "czas zamknięcia pominięty, zgłoszenie zachowane"],
    ),
    (
        "reply-after-close",
        ["first reply after closing", "pierwsza odpowiedź po zamknięciu"],
        ["a first reply comes before the ticket is closed", "pierwsza odpowiedź następuje przed zamknięciem zgłoszenia"],
        ["first reply dropped, ticket kept", "pierwsza odpowiedź pominięta, zgłoszenie zachowane"],
    ),
    (
        "replies-without-first-reply",
        ["reply count without a first-reply time", "liczba odpowiedzi bez czasu pierwszej odpowiedzi"],
        ["a reply count comes with a first-reply time", "liczbie odpowiedzi towarzyszy czas pierwszej odpowiedzi"],
        ["reply count dropped, ticket kept", "liczba odpowiedzi pominięta, zgłoszenie zachowane"],
    ),
    (
        "created-after-first-event",
        ["creation time after the first event", "czas utworzenia po pierwszym zdarzeniu"],
        ["a case is created at or before its first event", "sprawa powstaje najpóźniej w chwili pierwszego zdarzenia"],
        ["first event used as creation time, ticket kept", "pierwsze zdarzenie przyjęte jako czas utworzenia, zgłoszenie zachowane"],
    ),
    (
        "closed-without-time",
        ["closed per status, no solve time", "zamknięte według statusu, bez czasu rozwiązania"],
        [
            "a ticket whose status is solved or closed has a solve or close time",
            "zgłoszenie o statusie rozwiązane lub zamknięte ma czas rozwiązania lub zamknięcia",
        ],
        ["ticket kept, not counted as open backlog", "zgłoszenie zachowane, nie liczone do zaległości"],
    ),
    (
        "time-before-created",
        ["first-reply, solve or close time before creation", "czas pierwszej odpowiedzi, rozwiązania lub zamknięcia przed utworzeniem"],
        [
            "a first-reply, solve or close time is at or after the creation time",
            "czas pierwszej odpowiedzi, rozwiązania lub zamknięcia nie jest wcześniejszy niż czas utworzenia",
        ],
        ["value dropped, ticket kept", "wartość pominięta, zgłoszenie zachowane"],
    ),
];

fn find(id: &str) -> Option<&'static RuleTexts> {
    RULES.iter().find(|r| r.0 == id)
}

impl Lang {
    fn index(self) -> usize {
        match self {
            Lang::En => 0,
            Lang::Pl => 1,
        }
    }

    /// Name of an issue-13 ticket rule, or `None` for other rules.
    pub fn quality_rule(self, id: &str) -> Option<&'static str> {
        find(id).map(|r| r.1[self.index()])
    }

    /// Requirement of an issue-13 ticket rule, or `None` for other rules.
    pub fn quality_requirement(self, id: &str) -> Option<&'static str> {
        find(id).map(|r| r.2[self.index()])
    }

    /// Action of an issue-13 ticket rule, or `None` for other rules.
    pub fn quality_action(self, id: &str) -> Option<&'static str> {
        find(id).map(|r| r.3[self.index()])
    }

    /// `1,200 rows read = 1,000 tickets analysed + 12 rejected + 188 skipped (events of a ticket already counted).`
    pub fn kpi_reconciliation(self, input: &KpiInput, reconciles: bool) -> String {
        let (rows, tickets, rejected, skipped) = (input.rows, input.tickets, input.rejected, input.skipped);
        let sign = if reconciles { "=" } else { "≠" };
        match self {
            Lang::En => format!(
                "Rows read {rows} {sign} tickets analysed {tickets} + rejected {rejected} + skipped {skipped} (further events of a ticket already counted)."
            ),
            Lang::Pl => format!(
                "Wczytane wiersze {rows} {sign} przeanalizowane zgłoszenia {tickets} + odrzucone {rejected} + pominięte {skipped} (kolejne zdarzenia już policzonego zgłoszenia)."
            ),
        }
    }

    /// The survey-response file: counts that reconcile, the duplicate policy, and the
    /// findings per rule with their first example (issue 13).
    pub fn kpi_responses(self, input: &KpiInput) -> Vec<String> {
        let Some(r) = &input.responses else { return Vec::new() };
        let sign = if r.reconciles { "=" } else { "≠" };
        let (file, read, joined, unmatched, rejected) = (&r.file, r.read, r.joined, r.unmatched, r.rejected);
        let mut lines = vec![match self {
            Lang::En => format!(
                "Survey responses ({file}, joined by ticket id): read {read} {sign} joined {joined} + no such ticket {unmatched} + rejected {rejected}. One response per ticket counts: the latest by response time, else the later row; earlier ones are rejected."
            ),
            Lang::Pl => format!(
                "Odpowiedzi ankietowe ({file}, łączone po identyfikatorze zgłoszenia): wczytane {read} {sign} dołączone {joined} + bez takiego zgłoszenia {unmatched} + odrzucone {rejected}. Liczy się jedna odpowiedź na zgłoszenie: najpóźniejsza według czasu odpowiedzi, a bez niego późniejszy wiersz; wcześniejsze są odrzucane."
            ),
        }];
        for f in &r.findings {
            let Some(first) = f.examples.first() else { continue };
            let (rule, count, row, column, value) =
                (&f.rule, f.count, first.row, &first.column, &first.value);
            lines.push(match self {
                Lang::En => {
                    format!("{file}: {rule} {count}, first on row {row}, column `{column}`: `{value}`.")
                }
                Lang::Pl => format!(
                    "{file}: {rule} {count}, pierwszy raz w wierszu {row}, kolumna `{column}`: `{value}`."
                ),
            });
        }
        lines
    }

    /// The right-censoring statement of the reopen rate.
    pub fn kpi_censoring(self, q: &KpiQualityView) -> Option<String> {
        let from = q.reopen_censored_from.as_deref()?;
        let n = q.reopen_censored;
        Some(match self {
            Lang::En => format!(
                "Reopen rate: tickets first solved on or after {from} are right-censored (their reopen window runs past the end of the data) and left out, neither reopened nor not reopened: {n}."
            ),
            Lang::Pl => format!(
                "Odsetek ponownych otwarć: zgłoszenia rozwiązane po raz pierwszy {from} lub później ({n}) są ucięte (ich okno ponownego otwarcia wykracza poza koniec danych) i pominięte w tym wskaźniku."
            ),
        })
    }

    /// Teams without a calendar of their own.
    pub fn kpi_teams_without_calendar(self, q: &KpiQualityView) -> Option<String> {
        if q.teams_without_calendar.is_empty() {
            return None;
        }
        let teams = q.teams_without_calendar.join(", ");
        Some(match (self, q.default_calendar) {
            (Lang::En, true) => format!(
                "Teams without a calendar of their own (names compared ignoring case) use the default calendar: {teams}."
            ),
            (Lang::En, false) => format!(
                "Teams without a calendar of their own (names compared ignoring case) have no business-time values: {teams}."
            ),
            (Lang::Pl, true) => format!(
                "Zespoły bez własnego kalendarza (nazwy porównywane bez względu na wielkość liter) korzystają z kalendarza domyślnego: {teams}."
            ),
            (Lang::Pl, false) => format!(
                "Zespoły bez własnego kalendarza (nazwy porównywane bez względu na wielkość liter) nie mają wartości w czasie roboczym: {teams}."
            ),
        })
    }

    /// Fixed texts of the backlog section.
    pub fn kpi_backlog(self, english: &'static str) -> &'static str {
        if self == Lang::En {
            return english;
        }
        match english {
            "Backlog per period" => "Zaległości w okresach",
            "period" => "okres",
            "segment" => "segment",
            "open at end" => "otwarte na koniec",
            "created" => "utworzone",
            "solved" => "rozwiązane",
            "all tickets" => "wszystkie zgłoszenia",
            "Every period between the first and the last is listed; a period without activity shows zero created and solved, and the backlog it carried." => {
                "Wymieniono każdy okres między pierwszym a ostatnim; okres bez aktywności ma zero utworzonych i rozwiązanych oraz przeniesione zaległości."
            }
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_issue_13_rule_has_polish_texts_that_differ_from_english() {
        for (id, name, requirement, action) in RULES {
            assert_ne!(name[0], name[1], "{id}");
            assert_ne!(requirement[0], requirement[1], "{id}");
            assert_ne!(action[0], action[1], "{id}");
            assert_eq!(Lang::Pl.quality_rule(id), Some(name[1]));
        }
        assert_eq!(Lang::En.quality_rule("missing-id"), None);
    }
}
