//! `servgap prioritise STUDY`: arguments → request → pipeline → report → output.

use anyhow::Context as _;
use servgap_pipeline::{
    no_progress, prioritise, study_input_files, study_root, PrioritiseRequest, SurveyRules,
};
use servgap_report::{
    priorities_tables, render_csv, render_priorities_html, render_priorities_json,
    render_priorities_markdown, render_priorities_text, render_xlsx, Lang,
};

use crate::output::Destination;
use crate::prioritise_args::{PrioritiseArgs, PrioritiseFormat};
use crate::{path_display, pipeline_error, print_warnings, write_pdf, SURVEY_STRICT_HINT};

/// The pipeline request of the arguments.
fn request(args: &PrioritiseArgs) -> PrioritiseRequest {
    let mut request = PrioritiseRequest::new(study_root(&args.study));
    request.wave.clone_from(&args.wave);
    request.unit.clone_from(&args.unit);
    request.department.clone_from(&args.department);
    request.top_k = args.top.map(|k| k as usize);
    request.seed = args.seed;
    request.rules = SurveyRules { strict: args.strict, ..SurveyRules::default() };
    request.statistics.confidence = args.confidence;
    request.threads = args.threads;
    request.path_display = path_display(args.full_path);
    request
}

/// Runs `servgap prioritise`.
pub fn run(args: PrioritiseArgs) -> anyhow::Result<()> {
    let root = study_root(&args.study).to_owned();
    let inputs = study_input_files(&root);
    let destination =
        Destination::new(args.output.as_deref(), &inputs.iter().map(|p| p.as_path()).collect::<Vec<_>>())?;
    let lang = Lang::from(args.lang);
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
