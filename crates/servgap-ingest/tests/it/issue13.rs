//! Issue 13 item 4 (nothing silently lost): each case with its finding and the reconciled
//! counts (rows read = analysed + rejected + skipped). Real-data numbers come from
//! crates/servgap-ingest/tests/oracles/kpi_silent_loss.py (pandas), output pasted below.

use std::path::PathBuf;

use servgap_core::kpi::{Calendars, KpiEngine, KpiOptions, Period, Segment};
use servgap_ingest::tickets::{TicketImport, TicketOptions, TicketRule};
use servgap_ingest::IngestError;
use servgap_testdata::{locate, Dataset};

use crate::tickets::import;
use crate::util::write;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn engine(zone: &str, period: Period) -> KpiEngine {
    let mut options = KpiOptions::new(zone).unwrap();
    options.dimensions = Vec::new();
    options.period = period;
    KpiEngine::new(options, Calendars::new())
}

/// Both readers (parallel blocks, csv), as the default policy and strict.
fn readers() -> [TicketOptions; 2] {
    [
        TicketOptions { threads: 2, block_size: 64, ..TicketOptions::default() },
        TicketOptions { general_only: true, ..TicketOptions::default() },
    ]
}

fn counts(i: &TicketImport) -> (u64, u64, u64, u64) {
    assert!(i.reconciles(), "rows {} != {} + {} + {}", i.rows, i.tickets, i.rejected, i.skipped);
    (i.rows, i.tickets, i.rejected, i.skipped)
}

#[test]
fn issue_13_duplicate_ids_reject_the_later_row_naming_both_rows() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("id,created,solved\n");
    for k in 0..40 {
        text.push_str(&format!("t{k},2026-03-02T09:00:00Z,2026-03-02T10:00:00Z\n"));
    }
    // Row 42 repeats t3 (row 5), row 43 repeats t39 (row 41).
    text.push_str("t3,2026-03-05T09:00:00Z,\nt39,2026-03-06T09:00:00Z,2026-03-06T09:30:00Z\n");
    let path = write(dir.path(), "dup.csv", text);
    let engine = engine("UTC", Period::Month);
    for options in readers() {
        let imported = import(&path, None, &engine, &options).unwrap();
        assert_eq!(counts(&imported), (42, 40, 2, 0));
        assert_eq!(imported.findings.count(TicketRule::DuplicateId), 2);
        let f = &imported.findings.examples(TicketRule::DuplicateId)[0];
        assert_eq!((f.row, f.column.as_str(), f.value.as_str()), (42, "id", "t3 (first on row 5)"));
        let report = imported.aggregate.finish(&engine);
        let march = report.group(jiff::civil::date(2026, 3, 1), &Segment::all()).unwrap();
        assert_eq!(
            (march.created, march.solved, march.backlog_at_end),
            (40, 40, 0),
            "the later rows are not counted"
        );
        let strict = TicketOptions { strict: true, ..options };
        let err = import(&path, None, &engine, &strict).unwrap_err().to_string();
        assert!(
            err.contains("row 42, column `id`: value `t3 (first on row 5)` breaks rule duplicate-id"),
            "{err}"
        );
    }
}

#[test]
fn issue_13_impossible_orders_keep_the_ticket_and_drop_the_value() {
    let dir = tempfile::tempdir().unwrap();
    let text = "id,created,first_response,solved,closed\n\
                a,2026-03-02T09:00:00Z,2026-03-02T09:30:00Z,2026-03-02T12:00:00Z,2026-03-02T11:00:00Z\n\
                b,2026-03-02T09:00:00Z,2026-03-04T09:00:00Z,2026-03-02T10:00:00Z,2026-03-03T10:00:00Z\n";
    let path = write(dir.path(), "order.csv", text);
    let engine = engine("UTC", Period::Month);
    for options in readers() {
        let imported = import(&path, None, &engine, &options).unwrap();
        assert_eq!(counts(&imported), (2, 2, 0, 0));
        let closed = &imported.findings.examples(TicketRule::ClosedBeforeSolved)[0];
        assert_eq!(
            (closed.row, closed.column.as_str(), closed.value.as_str()),
            (2, "closed", "2026-03-02T11:00:00Z")
        );
        let reply = &imported.findings.examples(TicketRule::ReplyAfterClose)[0];
        assert_eq!((reply.row, reply.column.as_str()), (3, "first_response"));
        let totals = imported.aggregate.finish_totals(&engine);
        let g = &totals[0];
        // a: solved at 12:00 (not at the earlier close) -> 3 h; b: solved at 10:00 -> 1 h.
        let r = g.first_resolution.calendar.unwrap();
        assert_eq!((r.n, r.min, r.max), (2, 3_600, 10_800));
        // Only a's reply counts as a first response; b has none after its bad reply is dropped.
        assert_eq!(g.first_response.calendar.unwrap().n, 1);
        let strict = TicketOptions { strict: true, ..options };
        assert!(import(&path, None, &engine, &strict)
            .unwrap_err()
            .to_string()
            .contains("closed-before-solved"));
    }
}

#[test]
fn issue_13_a_bad_csat_or_count_cell_drops_the_value_not_the_ticket() {
    let dir = tempfile::tempdir().unwrap();
    let text = "id,created,first_response,solved,csat,replies\n\
                a,2026-03-02T09:00:00Z,2026-03-02T09:30:00Z,,excellent,1\n\
                b,2026-03-02T09:00:00Z,2026-03-02T10:00:00Z,2026-03-02T11:00:00Z,5,two\n\
                c,2026-03-02T09:00:00Z,,2026-03-02T11:00:00Z,4,3\n\
                d,2026-03-02T09:00:00Z,soon,,,\n";
    let path = write(dir.path(), "cells.csv", text);
    let engine = engine("UTC", Period::Month);
    for options in readers() {
        let imported = import(&path, None, &engine, &options).unwrap();
        assert_eq!(counts(&imported), (4, 4, 0, 0), "no ticket rejected");
        let f = |rule| {
            imported
                .findings
                .examples(rule)
                .iter()
                .map(|f| (f.row, f.column.clone(), f.value.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(f(TicketRule::BadScore), [(2, "csat".to_owned(), "excellent".to_owned())]);
        assert_eq!(f(TicketRule::BadNumber), [(3, "replies".to_owned(), "two".to_owned())]);
        assert_eq!(f(TicketRule::RepliesWithoutFirstReply), [(4, "replies".to_owned(), "3".to_owned())]);
        assert_eq!(
            f(TicketRule::BadOptionalTimestamp),
            [(5, "first_response".to_owned(), "soon".to_owned())]
        );
        let g = &imported.aggregate.finish_totals(&engine)[0];
        // a's times and backlog entry are kept: still open at the end, with its first response.
        assert_eq!(g.backlog_at_end, 2, "a and d are open");
        assert_eq!(g.first_response.calendar.unwrap().n, 2, "a and b");
        let csat = g.csat.unwrap();
        assert_eq!((csat.successes, csat.n), (2, 2), "b and c rated; a's unreadable answer dropped");
    }
}

#[test]
fn issue_13_status_closed_without_a_time_is_not_open_backlog() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Id,Created at,Solved at,Status\n\
                1,2026-03-02T09:00:00Z,,Solved\n\
                2,2026-03-02T09:00:00Z,,Open\n\
                3,2026-03-02T09:00:00Z,2026-03-03T09:00:00Z,Closed\n\
                4,2026-03-02T09:00:00Z,not a time,Pending\n";
    let path = write(dir.path(), "zendesk.csv", text);
    let engine = engine("UTC", Period::Month);
    for options in readers() {
        let imported = import(&path, None, &engine, &options).unwrap();
        assert_eq!(counts(&imported), (4, 4, 0, 0));
        let closed = imported.findings.examples(TicketRule::ClosedWithoutTime);
        assert_eq!(closed.len(), 1);
        assert_eq!(
            (closed[0].row, closed[0].column.as_str(), closed[0].value.as_str()),
            (2, "Status", "Solved")
        );
        assert_eq!(
            imported.findings.count(TicketRule::BadOptionalTimestamp),
            1,
            "ticket 4: solve recorded, time unreadable"
        );
        let g = &imported.aggregate.finish_totals(&engine)[0];
        assert_eq!(g.backlog_at_end, 1, "only ticket 2 is open");
        assert_eq!(g.awaiting_first_response, 1);
        assert_eq!(g.solved, 1, "a solve without a time has no period");
    }
}

/// CFPB: the status column says 962 of 1,000 complaints are closed (oracle: closed_per_status
/// 962, open_backlog 38).
#[test]
fn issue_13_cfpb_status_column_leaves_38_open_of_1000() {
    let engine = engine("America/New_York", Period::Month);
    let imported = import(
        &locate(Dataset::CfpbComplaints).unwrap(),
        Some(&repo().join("examples/kpi/mappings/cfpb-complaints.toml")),
        &engine,
        &TicketOptions::default(),
    )
    .unwrap();
    assert_eq!(counts(&imported), (1_000, 1_000, 0, 0));
    assert_eq!(imported.findings.count(TicketRule::ClosedWithoutTime), 962);
    let g = &imported.aggregate.finish_totals(&engine)[0];
    assert_eq!((g.backlog_at_end, g.awaiting_first_response), (38, 38));
}

/// ServiceNow: five incidents whose opened_at is after their first audit row are kept with
/// the earlier time (oracle: tickets 890, created_moved_to_first_event 5, made_sla TRUE among
/// them 5, made_sla yes 495 / no 395; reopen censored_from 2017-01-28, censored 1, 9 of 889;
/// 337 days listed, 73 with activity, backlog 7 throughout September 2016).
#[test]
fn issue_13_servicenow_keeps_the_five_incidents_opened_after_their_first_audit_row() {
    let engine = engine("UTC", Period::Day);
    let imported = import(
        &locate(Dataset::ServiceNowIncidents).unwrap(),
        Some(&repo().join("examples/kpi/mappings/servicenow-incidents.toml")),
        &engine,
        &TicketOptions::default(),
    )
    .unwrap();
    assert_eq!(counts(&imported), (5_998, 890, 0, 5_108));
    assert_eq!(imported.findings.count(TicketRule::CreatedAfterFirstEvent), 5);
    let f = &imported.findings.examples(TicketRule::CreatedAfterFirstEvent)[0];
    assert_eq!((f.row, f.column.as_str(), f.value.as_str()), (330, "opened_at", "29-02-2016 09:41"));
    assert_eq!((imported.flags[0].yes, imported.flags[0].no), (495, 395));

    let report = imported.aggregate.finish(&engine);
    assert_eq!(report.censored_from, Some(jiff::civil::date(2017, 1, 28)));
    let days: Vec<_> = report.groups.iter().filter(|g| g.segment == Segment::all()).collect();
    assert_eq!(days.len(), 337, "every day from the first to the last");
    assert_eq!(days.iter().filter(|g| g.created > 0 || g.solved > 0).count(), 73);
    for day in 1..=30 {
        let g = report.group(jiff::civil::date(2016, 9, day), &Segment::all()).unwrap();
        assert_eq!((g.created, g.solved, g.backlog_at_end), (0, 0, 7), "2016-09-{day}");
    }
    let totals = imported.aggregate.finish_totals(&engine);
    let reopen = totals[0].reopen.unwrap();
    assert_eq!((reopen.successes, reopen.n, totals[0].reopen_censored), (9, 889, 1));
}

/// Italian help desk (restricted): oracle reopen 117 of 4,569, censored_from 2013-12-27, none censored.
#[test]
fn issue_13_italian_reopen_window_is_complete_for_every_solve() {
    let Some(data) = locate(Dataset::ItalianHelpdesk) else { return };
    let engine = engine("Europe/Rome", Period::Month);
    let imported = import(
        &data,
        Some(&repo().join("examples/kpi/mappings/helpdesk-italian.toml")),
        &engine,
        &TicketOptions::default(),
    )
    .unwrap();
    assert_eq!(counts(&imported), (21_348, 4_580, 0, 16_768));
    let report = imported.aggregate.finish(&engine);
    assert_eq!(report.censored_from, Some(jiff::civil::date(2013, 12, 27)));
    let totals = imported.aggregate.finish_totals(&engine);
    let reopen = totals[0].reopen.unwrap();
    assert_eq!((reopen.successes, reopen.n, totals[0].reopen_censored), (117, 4_569, 0));
}

#[test]
fn issue_13_right_censored_solves_leave_the_reopen_denominator() {
    let dir = tempfile::tempdir().unwrap();
    // Data ends 2026-03-20 12:00 (ticket d's creation): solves on or after 2026-03-13 are censored.
    let text = "id,created,solved\n\
                a,2026-03-01T09:00:00Z,2026-03-02T09:00:00Z\n\
                b,2026-03-10T09:00:00Z,2026-03-12T23:59:00Z\n\
                c,2026-03-10T09:00:00Z,2026-03-13T00:00:00Z\n\
                d,2026-03-20T12:00:00Z,\n";
    let path = write(dir.path(), "tail.csv", text);
    let engine = engine("UTC", Period::Month);
    let imported = import(&path, None, &engine, &TicketOptions::default()).unwrap();
    let report = imported.aggregate.finish(&engine);
    assert_eq!(report.censored_from, Some(jiff::civil::date(2026, 3, 13)));
    let march = report.group(jiff::civil::date(2026, 3, 1), &Segment::all()).unwrap();
    let reopen = march.reopen.unwrap();
    assert_eq!((reopen.n, march.reopen_censored, march.solved), (2, 1, 3));
}

#[test]
fn issue_13_a_wrong_timestamp_format_rejects_every_row_with_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "t.csv", "id,created\n1,2026-03-02 09:00\n2,2026-03-03 09:00\n");
    let mapping = write(dir.path(), "m.toml", "layout = \"tickets\"\ntimestamp_format = \"%d/%m/%Y\"\n[columns]\nid = \"id\"\ncreated = \"created\"\n");
    let err =
        import(&path, Some(&mapping), &engine("UTC", Period::Month), &TicketOptions::default()).unwrap_err();
    assert!(matches!(err, IngestError::NothingAccepted { read: 2, rule: "bad-timestamp", .. }), "{err}");
}

/// A first-reply, solve or close time before the creation: the ticket is kept, the value
/// dropped with a finding naming file row, column, value and rule; rows reconcile.
#[test]
fn issue_13_times_before_creation_keep_the_ticket_and_drop_the_value() {
    let dir = tempfile::tempdir().unwrap();
    let text = "id,created,first_response,solved,closed\n\
                a,2026-03-02T09:00:00Z,2026-03-01T09:30:00Z,2026-03-02T12:00:00Z,\n\
                b,2026-03-02T09:00:00Z,2026-03-02T09:10:00Z,2026-03-01T10:00:00Z,\n\
                c,2026-03-02T09:00:00Z,2026-03-02T09:10:00Z,2026-03-02T10:00:00Z,2026-02-28T10:00:00Z\n\
                d,2026-03-02T09:00:00Z,,,\n";
    let path = write(dir.path(), "before.csv", text);
    let engine = engine("UTC", Period::Month);
    for options in readers() {
        let imported = import(&path, None, &engine, &options).unwrap();
        assert_eq!(counts(&imported), (4, 4, 0, 0), "no ticket rejected");
        let found: Vec<_> = imported
            .findings
            .examples(TicketRule::TimeBeforeCreated)
            .iter()
            .map(|f| (f.row, f.column.clone(), f.value.clone()))
            .collect();
        assert_eq!(
            found,
            [
                (2, "first_response".to_owned(), "2026-03-01T09:30:00Z".to_owned()),
                (3, "solved".to_owned(), "2026-03-01T10:00:00Z".to_owned()),
                (4, "closed".to_owned(), "2026-02-28T10:00:00Z".to_owned()),
            ]
        );
        let g = &imported.aggregate.finish_totals(&engine)[0];
        // a: its solve stays (3 h), its reply is dropped; b: solved at an unknown time (no
        // resolution value, not backlog); c: solved at 10:00 (1 h), its close dropped; d open.
        let r = g.first_resolution.calendar.unwrap();
        assert_eq!((r.n, r.min, r.max), (2, 3_600, 10_800));
        assert_eq!(g.first_response.calendar.unwrap().n, 2, "b and c");
        assert_eq!(g.backlog_at_end, 1, "only d is open");
        let strict = TicketOptions { strict: true, ..options };
        let err = import(&path, None, &engine, &strict).unwrap_err().to_string();
        assert!(
            err.contains("row 2, column `first_response`: value `2026-03-01T09:30:00Z` breaks rule time-before-created"),
            "{err}"
        );
    }
}

/// The export's own reassignment and reopen counters fill the ticket (issue 13 item 6), and
/// NPS/CES cells off the scale drop the value, never the ticket (before: the ticket was
/// silently left out and rows did not reconcile).
#[test]
fn issue_13_counters_and_survey_scales_are_read_on_both_readers() {
    let dir = tempfile::tempdir().unwrap();
    let text = "id,created,solved,reassignment_count,reopen_count,nps,ces\n\
                a,2026-03-02T09:00:00Z,2026-03-02T10:00:00Z,0,0,10,5\n\
                b,2026-03-02T09:00:00Z,2026-03-02T10:00:00Z,2,1,11,6\n\
                c,2026-03-02T09:00:00Z,2026-03-02T10:00:00Z,x,,3,4\n\
                d,2026-04-01T09:00:00Z,,,,,\n";
    // d, open a month later, ends the data past every reopen window.
    let path = write(dir.path(), "counters.csv", text);
    let mapping = write(
        dir.path(),
        "m.toml",
        "[columns]\nid = \"id\"\ncreated = \"created\"\nsolved = \"solved\"\nnps = \"nps\"\nces = \"ces\"\n\
         reassignment_count = \"reassignment_count\"\nreopen_count = \"reopen_count\"\n\n[ces]\nscale = \"1-5\"\n",
    );
    let mut options = KpiOptions::new("UTC").unwrap();
    options.dimensions = Vec::new();
    options.ces_scale = servgap_core::kpi::CesScale::OneToFive;
    options.metrics = servgap_core::kpi::Profile::ServiceNow.definitions().metric_options();
    let engine = KpiEngine::new(options, Calendars::new());
    for reader in readers() {
        let imported = import(&path, Some(&mapping), &engine, &reader).unwrap();
        assert_eq!(counts(&imported), (4, 4, 0, 0));
        let bad = |rule| {
            imported.findings.examples(rule).iter().map(|f| (f.row, f.column.clone())).collect::<Vec<_>>()
        };
        assert_eq!(bad(TicketRule::BadNumber), [(4, "reassignment_count".to_owned())]);
        assert_eq!(bad(TicketRule::BadScore), [(3, "nps".to_owned()), (3, "ces".to_owned())]);
        let g = &imported.aggregate.finish_totals(&engine)[0];
        // First assignment resolution: a (0 reassignments) of a and b; c's count is unreadable.
        let fcr = g.first_contact_resolution.unwrap();
        assert_eq!((fcr.successes, fcr.n), (1, 2));
        // Counter reopen rule: b's reopen_count 1 is a reopen.
        assert_eq!(g.reopen.unwrap().successes, 1);
        // CES on 1–5: a 5, c 4 (b's 6 is off the scale) → mean 4.5, both agree.
        let ces = g.ces.unwrap();
        assert_eq!((ces.n, ces.agree.successes), (2, 2));
        assert!((ces.mean - 4.5).abs() < 1e-12);
        assert_eq!(g.nps.unwrap().n, 2);
    }
}
