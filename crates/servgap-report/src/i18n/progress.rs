//! Words and sentences of the measured-progress report in English and Polish: fixed labels
//! through [`Lang::prog`], verdicts, methods and reasons by their ids, and the summary
//! sentence.

use super::Lang;
use crate::model::progress::ProgressSummaryView;

impl Lang {
    /// A fixed progress label, given by its English text; an unknown label comes back as given.
    pub fn prog(self, english: &'static str) -> &'static str {
        if self == Lang::En {
            return english;
        }
        match english {
            "Measured progress" => "Zmierzone postępy",
            "Skip to summary" => "Przejdź do podsumowania",
            "Summary" => "Podsumowanie",
            "Action" => "Działanie",
            "Actions" => "Działania",
            "action" => "działanie",
            "status" => "status",
            "owner" => "właściciel",
            "metric" => "miernik",
            "unit" => "jednostka",
            "wave" => "fala",
            "baseline" => "punkt wyjścia",
            "baseline wave" => "fala wyjściowa",
            "baseline value" => "wartość wyjściowa",
            "target" => "cel",
            "value" => "wartość",
            "gap" => "luka",
            "change" => "zmiana",
            "95 % CI" => "95% PU",
            "p" => "p",
            "Holm p" => "p Holma",
            "method" => "metoda",
            "share closed" => "zamknięta część luki",
            "share" => "udział",
            "to target" => "do celu",
            "verdict" => "werdykt",
            "unadjusted verdict" => "werdykt bez korekty",
            "trend per year" => "trend na rok",
            "trend" => "trend",
            "expected by then" => "oczekiwane do tej fali",
            "schedule" => "harmonogram",
            "waves" => "fale",
            "not measured" => "niezmierzone",
            "n" => "n",
            "Progress by action" => "Postępy według działań",
            "Done, but the metric did not move" => "Wykonane, ale miernik się nie ruszył",
            "Actions not measured" => "Działania niezmierzone",
            "reason" => "powód",
            "Method" => "Metoda",

            "seconds" => "sekundy",
            "scale points" => "punkty skali",
            "unit of measure" => "jednostka miary",
            "No action of the plan names a metric measured on the baseline wave." => {
                "Żadne działanie planu nie ma miernika zmierzonego w fali wyjściowej."
            }
            "Progress is measured on the data, never inferred from task status: the change of each metric's gap from the baseline, its interval, the share of the gap closed (Fieller's interval), and a verdict whose p-values are Holm-adjusted over every metric × later wave of the plan; the unadjusted verdict is shown beside. An improvement is on track when the interval of the share closed reaches the share the schedule expected by the wave's date (the midpoint of its fieldwork): the expected share × the part of the time from the action's start to its due date that had passed; behind schedule when the whole interval lies below it. The trend is the slope of the gap per year against the waves' dates and needs three or more waves." => {
                "Postęp jest mierzony na danych, nigdy nie wynika ze statusu zadań: zmiana luki każdego miernika od punktu wyjścia, jej przedział, zamknięta część luki (przedział Fiellera) i werdykt, którego wartości p są skorygowane metodą Holma w całej rodzinie miernik × późniejsza fala planu; obok pokazano werdykt bez korekty. Poprawa jest zgodna z harmonogramem, gdy przedział zamkniętej części luki sięga części, którą harmonogram przewidywał na datę fali (środek jej badania terenowego): oczekiwana część × odsetek czasu od startu działania do jego terminu, który już upłynął; opóźniona, gdy cały przedział leży poniżej. Trend to nachylenie luki na rok względem dat fal i wymaga co najmniej trzech fal."
            }
            other => other,
        }
    }

    /// A verdict by id (`closed`, `improved`, `not-moving`, `worsened`, `not-measurable`).
    pub fn progress_verdict(self, id: &str) -> &'static str {
        match (self, id) {
            (Lang::En, "closed") => "closed",
            (Lang::En, "improved") => "improved",
            (Lang::En, "not-moving") => "not moving",
            (Lang::En, "worsened") => "worsened",
            (Lang::En, "not-measurable") => "not measurable",
            (Lang::Pl, "closed") => "zamknięta",
            (Lang::Pl, "improved") => "poprawa",
            (Lang::Pl, "not-moving") => "bez zmian",
            (Lang::Pl, "worsened") => "pogorszenie",
            (Lang::Pl, "not-measurable") => "niemierzalne",
            _ => "–",
        }
    }

    /// An improvement's pace by id (`on-track`, `behind-schedule`, `schedule-not-set`).
    pub fn progress_pace(self, id: &str) -> &'static str {
        match (self, id) {
            (Lang::En, "on-track") => "on track",
            (Lang::En, "behind-schedule") => "behind schedule",
            (Lang::En, "schedule-not-set") => "schedule not set",
            (Lang::Pl, "on-track") => "zgodnie z harmonogramem",
            (Lang::Pl, "behind-schedule") => "opóźniona względem harmonogramu",
            (Lang::Pl, "schedule-not-set") => "brak harmonogramu",
            _ => "–",
        }
    }

    /// A verdict with an improvement's pace: `improved, on track`, `improved (schedule not
    /// set)`; any other verdict as [`Lang::progress_verdict`].
    pub fn progress_verdict_paced(self, verdict: &str, pace: Option<&str>) -> String {
        let v = self.progress_verdict(verdict);
        match pace {
            Some("schedule-not-set") => format!("{v} ({})", self.progress_pace("schedule-not-set")),
            Some(p) => format!("{v}, {}", self.progress_pace(p)),
            None => v.to_owned(),
        }
    }

    /// The chart's description, naming the interval's confidence `level`.
    pub fn progress_chart_description(self, level: f64) -> String {
        let percent = self.num(Some(level * 100.0), 0);
        match self {
            Lang::En => format!("The metric's value in each wave (line and markers), the {percent}\u{a0}% interval of its gap placed around the value (whiskers) and the action's target (dashed line)."),
            Lang::Pl => format!("Wartość miernika w każdej fali (linia i znaczniki), {percent}-procentowy przedział jego luki wokół wartości (wąsy) i cel działania (linia przerywana)."),
        }
    }

    /// `95 % interval` / `95-procentowy przedział` at confidence `level`.
    pub fn progress_interval_label(self, level: f64) -> String {
        let percent = self.num(Some(level * 100.0), 0);
        match self {
            Lang::En => format!("{percent}\u{a0}% interval"),
            Lang::Pl => format!("{percent}-procentowy przedział"),
        }
    }

    /// A change method by id.
    pub fn progress_method(self, id: &str) -> &'static str {
        match (self, id) {
            (Lang::En, "welch") => "Welch t",
            (Lang::En, "paired-t") => "paired t",
            (Lang::En, "welch-satterthwaite") => "Welch–Satterthwaite",
            (Lang::En, "newcombe") => "Newcombe (Wilson)",
            (Lang::En, "bootstrap") => "bootstrap",
            (Lang::En, "exact") => "exact",
            (Lang::En, "fieller") => "Fieller",
            (Lang::En, "wls") => "weighted least squares",
            (Lang::En, "ols") => "least squares",
            (Lang::Pl, "welch") => "t Welcha",
            (Lang::Pl, "paired-t") => "t dla par",
            (Lang::Pl, "welch-satterthwaite") => "Welch–Satterthwaite",
            (Lang::Pl, "newcombe") => "Newcombe (Wilson)",
            (Lang::Pl, "bootstrap") => "bootstrap",
            (Lang::Pl, "exact") => "dokładna",
            (Lang::Pl, "fieller") => "Fieller",
            (Lang::Pl, "wls") => "ważona metoda najmniejszych kwadratów",
            (Lang::Pl, "ols") => "metoda najmniejszych kwadratów",
            _ => "–",
        }
    }

    /// Why something is not measurable, by id.
    pub fn progress_reason(self, id: &str) -> &'static str {
        match (self, id) {
            (Lang::En, "missing-in-wave") => "the wave did not measure the gap",
            (Lang::En, "judged") => "a judged gap is not measured",
            (Lang::En, "no-sampling") => "a wave's gap has no sampling summary",
            (Lang::En, "sampling-mismatch") => "the waves measured the gap differently",
            (Lang::En, "too-few-observations") => "fewer than two observations",
            (Lang::En, "zero-variance") => "every answer is the same",
            (Lang::En, "baseline-gap-zero") => "the baseline shows no shortfall",
            (Lang::En, "baseline-gap-uncertain") => "the baseline gap cannot be told from zero",
            (Lang::En, "no-metric") => "the action names no metric",
            (Lang::En, "no-baseline") => "the metric was not measured on the baseline wave",
            (Lang::Pl, "missing-in-wave") => "fala nie zmierzyła tej luki",
            (Lang::Pl, "judged") => "luka oceniana, nie mierzona",
            (Lang::Pl, "no-sampling") => "luka w fali nie ma podsumowania próby",
            (Lang::Pl, "sampling-mismatch") => "fale zmierzyły lukę inaczej",
            (Lang::Pl, "too-few-observations") => "mniej niż dwie obserwacje",
            (Lang::Pl, "zero-variance") => "wszystkie odpowiedzi są takie same",
            (Lang::Pl, "baseline-gap-zero") => "w punkcie wyjścia nie ma niedoboru",
            (Lang::Pl, "baseline-gap-uncertain") => "luki w punkcie wyjścia nie da się odróżnić od zera",
            (Lang::Pl, "no-metric") => "działanie nie ma miernika",
            (Lang::Pl, "no-baseline") => "miernika nie zmierzono w fali wyjściowej",
            _ => "–",
        }
    }

    /// An action status by id (`planned`, `in-progress`, `blocked`, `done`, `dropped`).
    pub fn progress_status(self, id: &str) -> &'static str {
        match (self, id) {
            (Lang::En, "planned") => "planned",
            (Lang::En, "in-progress") => "in progress",
            (Lang::En, "blocked") => "blocked",
            (Lang::En, "done") => "done",
            (Lang::En, "dropped") => "dropped",
            (Lang::Pl, "planned") => "zaplanowane",
            (Lang::Pl, "in-progress") => "w toku",
            (Lang::Pl, "blocked") => "zablokowane",
            (Lang::Pl, "done") => "wykonane",
            (Lang::Pl, "dropped") => "porzucone",
            _ => "–",
        }
    }

    /// The plan summary: metrics by their latest verdict (improvements split by pace; the
    /// schedule-not-set count only when there is one), the intervals' level and the
    /// verdicts' family-wise rate, in two sentences.
    pub fn progress_summary(self, s: &ProgressSummaryView, level: f64, alpha: f64, family: usize) -> String {
        let total = s.closed + s.improved + s.not_moving + s.worsened + s.not_measurable;
        let level = self.percent(level);
        match self {
            Lang::En => format!(
                "{total} {} measured on the latest wave: {} closed, {} improved and on track, {} improved but behind schedule, {}{} not moving, {} worsened, {} not measurable. Intervals at {level}; verdicts at a family-wise error rate of {} over {family} {}.",
                if total == 1 { "metric" } else { "metrics" },
                s.closed,
                s.on_track,
                s.behind_schedule,
                if s.schedule_not_set > 0 { format!("{} improved (schedule not set), ", s.schedule_not_set) } else { String::new() },
                s.not_moving,
                s.worsened,
                s.not_measurable,
                self.percent(alpha),
                if family == 1 { "test" } else { "tests" },
            ),
            Lang::Pl => format!(
                "{} na ostatniej fali: zamknięte {}, poprawa zgodna z harmonogramem {}, poprawa opóźniona względem harmonogramu {}, {}bez zmian {}, pogorszenie {}, niemierzalne {}. Przedziały na poziomie {level}; werdykty przy rodzinnym poziomie błędu {} w {}.",
                self.count(total as u64, ("miernik", "mierniki", "mierników")),
                s.closed,
                s.on_track,
                s.behind_schedule,
                if s.schedule_not_set > 0 { format!("poprawa bez harmonogramu {}, ", s.schedule_not_set) } else { String::new() },
                s.not_moving,
                s.worsened,
                s.not_measurable,
                self.percent(alpha),
                self.count(family as u64, ("teście", "testach", "testach")),
            ),
        }
    }

    /// "Action X is marked done, but its metric M did not move on wave W (verdict)."
    pub fn done_not_moving(self, action: &str, metric: &str, wave: &str, verdict: &str) -> String {
        match self {
            Lang::En => format!(
                "Action {action} is marked done, but its metric {metric} did not move on wave {wave} ({}).",
                self.progress_verdict(verdict)
            ),
            Lang::Pl => format!(
                "Działanie {action} oznaczono jako wykonane, ale jego miernik {metric} nie ruszył się w fali {wave} ({}).",
                self.progress_verdict(verdict)
            ),
        }
    }
}
