//! `servgap prioritise STUDY`: arguments → request → pipeline → report → output.

use anyhow::Context as _;
use servgap_pipeline::{no_progress, prioritise, DiagnoseRequest, PrioritiseRequest};
use servgap_report::{
    priorities_tables, render_csv, render_priorities_html, render_priorities_json,
    render_priorities_markdown, render_priorities_text, render_xlsx,
};

use crate::prioritise_args::{PrioritiseArgs, PrioritiseFormat};
use crate::{pipeline_error, print_warnings, write_pdf, SURVEY_STRICT_HINT};

/// The pipeline request of the arguments.
fn request(args: &PrioritiseArgs) -> PrioritiseRequest {
    let study = args.report.request(&args.scope);
    // Destructured whole, so that an option added to the study request does not go missing here.
    let DiagnoseRequest { study, wave, unit, department, rules, statistics, threads, path_display } = study;
    PrioritiseRequest {
        study,
        wave,
        unit,
        department,
        top_k: args.top.map(|k| k as usize),
        seed: args.seed,
        rules,
        statistics,
        threads,
        path_display,
    }
}

/// Runs `servgap prioritise`.
pub fn run(args: PrioritiseArgs) -> anyhow::Result<()> {
    let destination = args.report.destination()?;
    let lang = args.report.lang();
    let outcome =
        prioritise(&request(&args), &no_progress).map_err(|e| pipeline_error(e, SURVEY_STRICT_HINT))?;
    print_warnings(&outcome.warnings);
    let view = outcome.report(args.top.map(|k| k as usize)).context("the ranked wave is not in the study")?;
    let text = match args.format {
        PrioritiseFormat::Text => render_priorities_text(&view, lang),
        PrioritiseFormat::Markdown => render_priorities_markdown(&view, lang),
        PrioritiseFormat::Json => render_priorities_json(&view).context("cannot serialise the report")?,
        PrioritiseFormat::Html => render_priorities_html(&view, lang),
        PrioritiseFormat::Pdf => return write_pdf(&render_priorities_html(&view, lang), &destination),
        PrioritiseFormat::Xlsx => {
            let mut tables = priorities_tables(&view, lang);
            tables.retain(|t| args.table.as_deref().is_none_or(|name| t.name == name));
            let bytes = render_xlsx(&tables).context("cannot write the workbook")?;
            return destination.write(&bytes);
        }
        PrioritiseFormat::Csv => {
            let tables = priorities_tables(&view, lang);
            let name = args.table.as_deref().unwrap_or("ranked");
            let table = tables.iter().find(|t| t.name == name).context("no such table")?;
            render_csv(table)
        }
    };
    destination.write(text.as_bytes())
}
