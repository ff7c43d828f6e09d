//! `servgap diagnose STUDY`: arguments → request → pipeline → report → output.

use anyhow::Context as _;
use servgap_pipeline::{diagnose, no_progress, DiagnoseRequest};
use servgap_report::{
    diagnosis_tables, render_csv, render_diagnosis_html, render_diagnosis_json, render_diagnosis_markdown,
    render_diagnosis_text, render_xlsx,
};

use crate::args::{DiagnoseArgs, DiagnoseFormat};
use crate::{pipeline_error, print_warnings, write_pdf, SURVEY_STRICT_HINT};

/// The pipeline request of the arguments.
fn request(args: &DiagnoseArgs) -> DiagnoseRequest {
    args.report.request(&args.scope)
}

/// Runs `servgap diagnose`.
pub fn run(args: DiagnoseArgs) -> anyhow::Result<()> {
    let destination = args.report.destination()?;
    let lang = args.report.lang();
    let outcome =
        diagnose(&request(&args), &no_progress).map_err(|e| pipeline_error(e, SURVEY_STRICT_HINT))?;
    print_warnings(&outcome.warnings);
    // Without --wave the pipeline reads every wave; the report is the latest one's.
    let view = outcome.reports().pop().context("the study has no wave to diagnose")?;
    let text = match args.format {
        DiagnoseFormat::Text => render_diagnosis_text(&view, lang),
        DiagnoseFormat::Markdown => render_diagnosis_markdown(&view, lang),
        DiagnoseFormat::Json => render_diagnosis_json(&view).context("cannot serialise the report")?,
        DiagnoseFormat::Html => render_diagnosis_html(&view, lang),
        DiagnoseFormat::Pdf => return write_pdf(&render_diagnosis_html(&view, lang), &destination),
        DiagnoseFormat::Xlsx => {
            let bytes = render_xlsx(&diagnosis_tables(&view, lang)).context("cannot write the workbook")?;
            return destination.write(&bytes);
        }
        DiagnoseFormat::Csv => {
            let tables = diagnosis_tables(&view, lang);
            let Some(table) = tables.iter().find(|t| t.name == args.table) else {
                let names: Vec<&str> = tables.iter().map(|t| t.name).collect();
                anyhow::bail!(
                    "table `{}` is not in this report (the study has no priorities, plan or progress for it); \
                     this report holds: {}",
                    args.table,
                    names.join(", ")
                );
            };
            render_csv(table)
        }
    };
    destination.write(text.as_bytes())
}
