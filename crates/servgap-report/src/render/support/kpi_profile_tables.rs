//! Issue 13 tables of the KPI report (every printer): the definitions used, the KPIs not
//! measurable from the export with the reason, targets not judged, and the reconciliation
//! of profile-dependent KPIs under every profile.

use super::kpi_tables::KpiTable;
use super::units::{decimal, human_duration_in};
use crate::i18n::Lang;
use crate::model::kpi::KpiReportView;
use crate::model::kpi_profiles::DefinitionsView;

fn table(heading: &str, header: Vec<String>, rows: Vec<Vec<String>>) -> KpiTable {
    KpiTable { heading: heading.to_owned(), header, rows }
}

/// `(label, value)` rows of one profile's definitions.
fn definition_rows(d: &DefinitionsView, lang: Lang) -> Vec<Vec<String>> {
    vec![
        vec![lang.kpi_profiles("profile").to_owned(), lang.kpi_profile_name(&d.profile)],
        vec![
            lang.kpi_profiles("first-contact resolution").to_owned(),
            lang.kpi_fcr_rule(&d.fcr, d.fcr_limit_seconds, d.reopen_window_seconds),
        ],
        vec![
            lang.kpi_profiles("reopen").to_owned(),
            lang.kpi_reopen_rule(&d.reopen, d.reopen_window_seconds),
        ],
        vec![lang.kpi_profiles("business time").to_owned(), lang.kpi_business_time(&d.business_time)],
        vec![lang.kpi_profiles("resolution ends at").to_owned(), lang.kpi_resolution_end(&d.resolution_end)],
    ]
}

/// The definitions table and, when some KPI is not measurable, the reasons table.
pub(crate) fn kpi_profile_tables(view: &KpiReportView, lang: Lang) -> Vec<KpiTable> {
    let p = &view.profiles;
    let mut out = vec![table(
        lang.kpi_profiles("Definitions used"),
        vec![lang.kpi_profiles("definition").to_owned(), lang.kpi_profiles("rule").to_owned()],
        definition_rows(&p.definitions, lang),
    )];
    let rows: Vec<Vec<String>> = p
        .measurability
        .iter()
        .filter(|m| !m.measurable)
        .map(|m| vec![lang.kpi_measured_name(&m.kpi), lang.kpi_not_measurable_because(&m.missing)])
        .collect();
    if !rows.is_empty() {
        out.push(table(
            lang.kpi_profiles("Not measurable from this export"),
            vec![lang.kpi_profiles("KPI").to_owned(), lang.kpi_profiles("reason").to_owned()],
            rows,
        ));
    }
    let whole = p.unjudged.iter().map(|u| (u, lang.kpi_profiles("whole data").to_owned()));
    let periods = p
        .period_unjudged
        .iter()
        .filter(|u| u.segment.dimension.is_none())
        .map(|u| (u, u.period_start.clone()));
    let unjudged: Vec<Vec<String>> = whole
        .chain(periods)
        .filter_map(|(u, period)| {
            let t = view.targets.get(u.target)?;
            Some(vec![
                lang.target_label(t),
                lang.kpi_segment(&u.segment),
                period,
                lang.kpi_unjudged(&u.reason),
            ])
        })
        .collect();
    if !unjudged.is_empty() {
        out.push(table(
            lang.kpi_profiles("Targets not judged"),
            vec![
                lang.kpi("target").to_owned(),
                lang.kpi("segment").to_owned(),
                lang.kpi("period").to_owned(),
                lang.kpi_profiles("reason").to_owned(),
            ],
            unjudged,
        ));
    }
    if let Some(r) = &p.reconciliation {
        let mut header = vec![lang.kpi_profiles("KPI").to_owned()];
        header.extend(r.profiles.iter().map(|d| lang.kpi_profile_name(&d.profile)));
        let rows = r
            .rows
            .iter()
            .map(|row| {
                let mut cells = vec![lang.kpi_name(&row.measure)];
                cells.extend(row.cells.iter().map(|c| {
                    if !c.missing.is_empty() {
                        return lang.kpi_profiles("not measurable").to_owned();
                    }
                    match (c.value, row.unit.as_str()) {
                        (None, _) => "–".to_owned(),
                        (Some(v), "share") => decimal(lang, format!("{:.1} % (n = {})", 100.0 * v, c.n)),
                        (Some(v), _) => format!("{} (n = {})", human_duration_in(lang, v), c.n),
                    }
                }));
                cells
            })
            .collect();
        out.push(table(
            lang.kpi_profiles("Reconciliation across definition profiles (whole data, all tickets)"),
            header,
            rows,
        ));
        for d in &r.profiles {
            let rules: Vec<String> =
                definition_rows(d, lang).into_iter().skip(1).map(|r| r.join(": ")).collect();
            let heading = format!("{}: {}", lang.kpi_profiles("profile"), lang.kpi_profile_name(&d.profile));
            out.push(table(
                &heading,
                vec![lang.kpi_profiles("definition").to_owned()],
                rules.into_iter().map(|r| vec![r]).collect(),
            ));
        }
    }
    out
}
