//! `servgap plan STUDY`: arguments → request → pipeline → report → output.

use anyhow::Context as _;
use servgap_pipeline::plan::today;
use servgap_pipeline::{no_progress, plan, PlanRequest};
use servgap_report::{
    plan_tables, render_csv, render_plan_html, render_plan_json, render_plan_markdown, render_plan_text,
    render_xlsx,
};

use crate::args::{PlanArgs, PlanFormat};
use crate::{pipeline_error, print_warnings, write_pdf, SURVEY_STRICT_HINT};

/// The pipeline request of the arguments.
fn request(args: &PlanArgs) -> PlanRequest {
    let mut request = PlanRequest::new(args.read.root(), args.as_of.unwrap_or_else(today));
    request.diagnose = args.read.request();
    request
}

/// Runs `servgap plan`.
pub fn run(args: PlanArgs) -> anyhow::Result<()> {
    let destination = args.read.destination(&args.output)?;
    let lang = args.lang.lang();
    let outcome = plan(&request(&args), &no_progress).map_err(|e| pipeline_error(e, SURVEY_STRICT_HINT))?;
    print_warnings(&outcome.warnings);
    let view = outcome.report();
    let text = match args.format {
        PlanFormat::Text => render_plan_text(&view, lang),
        PlanFormat::Markdown => render_plan_markdown(&view, lang),
        PlanFormat::Json => render_plan_json(&view).context("cannot serialise the report")?,
        PlanFormat::Html => render_plan_html(&view, lang),
        PlanFormat::Pdf => return write_pdf(&render_plan_html(&view, lang), &destination),
        PlanFormat::Xlsx => {
            let bytes = render_xlsx(&plan_tables(&view)).context("cannot write the workbook")?;
            return destination.write(&bytes);
        }
        PlanFormat::Csv => {
            let tables = plan_tables(&view);
            let table = tables.iter().find(|t| t.name == args.table).context("no such table")?;
            render_csv(table)
        }
    };
    destination.write(text.as_bytes())
}
