//! The derived importance of a gap's impact in words, English and Polish: what it was
//! measured on ("derived importance 0.19: φ between meeting the target and a satisfied CSAT
//! on 140 rated tickets (…)"), and why a KPI gap's ticket-level association is not
//! measurable. Numbers come from the view model; nothing is computed here but rounding.

use super::Lang;
use crate::model::priorities::{DerivedImportanceView, TicketAssociationView};

impl Lang {
    /// The derived importance of an impact and its basis:
    /// - `ticket-association`: `derived importance 0.19: φ between meeting the target and a
    ///   satisfied CSAT on 140 rated tickets (satisfied 52 % when met, 30 % when missed,
    ///   difference 22 points, 95 % CI 2–41, Fisher p 0.030)`;
    /// - `survey-correlation`: `derived importance 0.30: correlation of its survey items
    ///   with overall satisfaction`;
    /// - `satisfaction-itself`: `derived importance 1: the gap measures satisfaction itself`.
    ///
    /// A negative correlation is named as counting 0: `derived importance 0 (φ −0.12 counts
    /// as 0): …`.
    pub fn derived_importance_text(self, d: &DerivedImportanceView) -> String {
        let symbol = if d.association.is_some() { "φ" } else { "r" };
        let digits = if d.correlation.fract() == 0.0 { 0 } else { 2 };
        let value = self.num(Some(d.correlation), digits);
        let head = match (self, d.correlation < 0.0) {
            (Lang::En, false) => format!("derived importance {value}"),
            (Lang::Pl, false) => format!("ważność wyprowadzona {value}"),
            (Lang::En, true) => format!("derived importance 0 ({symbol} {value} counts as 0)"),
            (Lang::Pl, true) => format!("ważność wyprowadzona 0 ({symbol} {value} liczy się jako 0)"),
        };
        let body = match (&d.association, d.basis.as_str()) {
            (Some(a), _) => self.association_text(a),
            (None, "satisfaction-itself") => match self {
                Lang::En => "the gap measures satisfaction itself".to_owned(),
                Lang::Pl => "luka mierzy samo zadowolenie".to_owned(),
            },
            (None, _) => match self {
                Lang::En => "correlation of its survey items with overall satisfaction".to_owned(),
                Lang::Pl => "korelacja jej pozycji ankiety z ogólnym zadowoleniem".to_owned(),
            },
        };
        format!("{head}: {body}")
    }

    /// `φ between meeting the target and a satisfied CSAT on 140 rated tickets (satisfied
    /// 52 % when met, 30 % when missed, difference 22 points, 95 % CI 2–41, Fisher p 0.030)`.
    fn association_text(self, a: &TicketAssociationView) -> String {
        let points = |share: f64| self.num(Some(share * 100.0), 0);
        let (met, missed) = (self.percent(a.satisfied_when_met), self.percent(a.satisfied_when_missed));
        let (difference, ci) = (points(a.difference), self.ci_label(a.level));
        let interval = format!("{}–{}", points(a.interval[0]), points(a.interval[1]));
        let p = self.p(Some(a.fisher_p));
        let p = if p.starts_with('<') { format!("p {p}") } else { format!("p = {p}") };
        match self {
            Lang::En => format!(
                "φ between meeting the target and a satisfied CSAT on {} {} (satisfied {met} when met, {missed} when missed, difference {difference} {}, {ci} {interval}, Fisher {p})",
                a.rated,
                self.plural(a.rated, ("rated ticket", "rated tickets", "rated tickets")),
                self.plural((a.difference.abs() * 100.0).round() as u64, ("point", "points", "points")),
            ),
            Lang::Pl => format!(
                "φ między dotrzymaniem celu a zadowoleniem w CSAT na {} {} (zadowolonych {met} przy dotrzymanym celu, {missed} przy niedotrzymanym, różnica {difference} pkt proc., {ci} {interval}, test Fishera {p})",
                a.rated,
                self.plural(a.rated, ("ocenionym zgłoszeniu", "ocenionych zgłoszeniach", "ocenionych zgłoszeniach")),
            ),
        }
    }

    /// Why a KPI gap's impact is missing when its ticket-level association with CSAT is not
    /// measurable (the reasons `kpi-association-…` and `kpi-not-per-ticket`); `None` for
    /// another reason. Polish agrees with "wpływ" (masculine).
    pub fn association_missing(self, reason: &str) -> Option<&'static str> {
        Some(match (self, reason) {
            (Lang::En, "kpi-association-no-rated-tickets") => {
                "not measurable: no ticket with the target's condition has a CSAT answer"
            }
            (Lang::En, "kpi-association-all-met") => "not measurable: every rated ticket met the target",
            (Lang::En, "kpi-association-all-missed") => {
                "not measurable: every rated ticket missed the target"
            }
            (Lang::En, "kpi-association-all-satisfied") => {
                "not measurable: every CSAT answer of the rated tickets was satisfied"
            }
            (Lang::En, "kpi-association-none-satisfied") => {
                "not measurable: no CSAT answer of the rated tickets was satisfied"
            }
            (Lang::En, "kpi-not-per-ticket") => {
                "not measurable: the KPI is not a property of one ticket (response rate, backlog)"
            }
            (Lang::Pl, "kpi-association-no-rated-tickets") => {
                "niemierzalny: żadne zgłoszenie z warunkiem celu nie ma odpowiedzi CSAT"
            }
            (Lang::Pl, "kpi-association-all-met") => "niemierzalny: każde ocenione zgłoszenie spełniło cel",
            (Lang::Pl, "kpi-association-all-missed") => {
                "niemierzalny: żadne ocenione zgłoszenie nie spełniło celu"
            }
            (Lang::Pl, "kpi-association-all-satisfied") => {
                "niemierzalny: każda odpowiedź CSAT ocenionych zgłoszeń oznaczała zadowolenie"
            }
            (Lang::Pl, "kpi-association-none-satisfied") => {
                "niemierzalny: żadna odpowiedź CSAT ocenionych zgłoszeń nie oznaczała zadowolenia"
            }
            (Lang::Pl, "kpi-not-per-ticket") => {
                "niemierzalny: KPI nie jest cechą pojedynczego zgłoszenia (odsetek odpowiedzi, zaległości)"
            }
            _ => return None,
        })
    }
}
