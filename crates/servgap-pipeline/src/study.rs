//! The place for the study pipelines that come next: the gap study (surveys, KPIs and
//! registers of one organisation, read as Parasuraman's gaps 1–5) and priorities with
//! action plans. Nothing here runs yet; this module documents where they go and the
//! shape they follow, so they do not end up inside a front end.
//!
//! Each study pipeline follows the pattern of [`crate::analyze()`], [`crate::compare()`]
//! and [`crate::kpi()`]:
//!
//! 1. a request type in [`crate::request`] whose fields are validated values (no
//!    pipeline re-checks an option), naming files and options but never a language;
//! 2. one function `study(&StudyRequest, Progress) -> Result<StudyOutcome, PipelineError>`
//!    in a module of its own (`gap_study`, `priorities`) that reads through
//!    `servgap-ingest`, computes every number and decision in `servgap-core`, and keeps
//!    the core values in its outcome (so a server can store them);
//! 3. one method on the outcome that builds the `servgap-report` view model — the only
//!    call into the report crate for that report kind;
//! 4. warnings returned as [`crate::Warning`] values, progress through the callback,
//!    nothing printed, no exit.
//!
//! Survey and KPI inputs of a study reuse [`crate::analyze()`]'s and [`crate::kpi()`]'s
//! reading (`survey::read_survey`, the ticket import), so a study sees exactly the numbers
//! the single reports show.
