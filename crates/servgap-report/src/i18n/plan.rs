//! Words and sentences of the action plan in English and Polish: fixed labels through
//! [`Lang::plan`], statuses through [`Lang::action_status`], one sentence per finding
//! through [`Lang::plan_finding`].

use super::Lang;
use crate::model::plan::PlanFindingView;

impl Lang {
    /// A fixed plan label, given by its English text; an unknown label comes back as given.
    pub fn plan(self, english: &'static str) -> &'static str {
        if self == Lang::En {
            return english;
        }
        match english {
            "Action plan" => "Plan działań",
            "Skip to summary" => "Przejdź do podsumowania",
            "Summary" => "Podsumowanie",
            "Actions" => "Działania",
            "Actions on" => "Działania na dzień",
            "measured" => "zmierzona",
            "Findings" => "Uwagi",
            "Tasks" => "Zadania",
            "Status history" => "Historia statusu",
            "action" => "działanie",
            "title" => "tytuł",
            "owner" => "właściciel",
            "departments" => "działy",
            "start" => "początek",
            "due" => "termin",
            "status" => "status",
            "days late" => "dni opóźnienia",
            "gaps" => "luki",
            "metric" => "miara",
            "unit" => "jednostka",
            "baseline wave" => "fala bazowa",
            "baseline" => "wartość bazowa",
            "target" => "cel",
            "expected share closed" => "oczekiwana część luki do zamknięcia",
            "task" => "zadanie",
            "date" => "data",
            "comment" => "komentarz",
            "nobody" => "nikt",
            "none" => "brak",
            "No finding: every action has an owner and is on time, every high-priority gap has an action." => {
                "Brak uwag: każde działanie ma właściciela i termin nie minął, każda luka o wysokim priorytecie ma działanie."
            }
            "The plan has no action yet." => "Plan nie ma jeszcze żadnego działania.",
            "High-priority gaps: the first top_k ranks of the latest wave's priorities (the study's [priorities])." => {
                "Luki o wysokim priorytecie: pierwsze top_k pozycji rankingu priorytetów ostatniej fali ([priorities] badania)."
            }
            "Status is reported by people; whether a gap closed is measured on the next wave (servgap progress)." => {
                "Status podają ludzie; to, czy luka się zamknęła, mierzy się w następnej fali (servgap progress)."
            }
            other => other,
        }
    }

    /// The name of an action status id (`planned`, `in-progress`, …).
    pub fn action_status(self, id: &str) -> &'static str {
        let (en, pl) = match id {
            "planned" => ("planned", "zaplanowane"),
            "in-progress" => ("in progress", "w toku"),
            "blocked" => ("blocked", "zablokowane"),
            "done" => ("done", "zakończone"),
            "dropped" => ("dropped", "porzucone"),
            _ => ("unknown", "nieznany"),
        };
        if self == Lang::En {
            en
        } else {
            pl
        }
    }

    fn days(self, n: i32) -> String {
        let n = u64::try_from(n).unwrap_or(0);
        match self {
            Lang::En => self.count(n, ("day", "days", "days")),
            Lang::Pl => self.count(n, ("dzień", "dni", "dni")),
        }
    }

    /// One sentence (no final period) for a plan finding.
    pub fn plan_finding(self, f: &PlanFindingView) -> String {
        let action = f.action.as_deref().unwrap_or("");
        let due = f.due.as_deref().unwrap_or("");
        let late = self.days(f.days_late.unwrap_or(0));
        let gap = f.gap.as_deref().unwrap_or("");
        let unit = f.unit.as_deref().unwrap_or("");
        let (task, title) = f.task.clone().unwrap_or_default();
        match (self, f.rule.as_str()) {
            (Lang::En, "overdue-action") => format!("action {action} is overdue: due {due}, {late} late"),
            (Lang::Pl, "overdue-action") => {
                format!("działanie {action} jest po terminie: termin {due}, {late} opóźnienia")
            }
            (Lang::En, "overdue-task") => {
                format!("task {task} of action {action} (“{title}”) is overdue: due {due}, {late} late")
            }
            (Lang::Pl, "overdue-task") => {
                format!("zadanie {task} działania {action} („{title}”) jest po terminie: termin {due}, {late} opóźnienia")
            }
            (Lang::En, "action-without-owner") => format!("action {action} has no owner"),
            (Lang::Pl, "action-without-owner") => format!("działanie {action} nie ma właściciela"),
            (Lang::En, "gap-without-action") => format!("high-priority gap {gap} in {unit} has no action"),
            (Lang::Pl, "gap-without-action") => {
                format!("luka o wysokim priorytecie {gap} w jednostce {unit} nie ma działania")
            }
            (Lang::En, "metric-not-measured") => format!(
                "the metric of action {action} ({gap} in {unit}) is not measured in any wave after {}",
                f.baseline_wave.as_deref().unwrap_or("")
            ),
            (Lang::Pl, "metric-not-measured") => format!(
                "miara działania {action} ({gap} w jednostce {unit}) nie jest mierzona w żadnej fali po {}",
                f.baseline_wave.as_deref().unwrap_or("")
            ),
            (Lang::En, "standard-not-measured") => {
                format!("standard {} is not measured in any wave", f.standard.as_deref().unwrap_or(""))
            }
            (Lang::Pl, "standard-not-measured") => {
                format!("standard {} nie jest mierzony w żadnej fali", f.standard.as_deref().unwrap_or(""))
            }
            (_, other) => other.to_owned(),
        }
    }
}
