//! `servgap inspect`: how a file would be read, before analysing it.

use servgap_pipeline::inspect;

use crate::args::InspectArgs;
use crate::output::write_output;

/// Runs `servgap inspect`.
pub fn run(args: InspectArgs) -> anyhow::Result<()> {
    let outcome = inspect(&args.read.source(&args.file))?;
    let (instrument, inspection) = (&outcome.instrument, &outcome.inspection);
    if !args.json {
        return write_output(None, &inspection.to_string());
    }
    let dialect = inspection.dialect.as_ref().map(|d| {
        serde_json::json!({
            "encoding": d.encoding.name(),
            "encoding_reason": d.encoding_reason.to_string(),
            "delimiter": (d.delimiter as char).to_string(),
            "delimiter_reason": d.delimiter_reason,
            "decimal": d.decimal.as_char().to_string(),
            "decimal_reason": d.decimal_reason,
            "header_row": d.header_row,
            "skip_rows": d.skip_rows,
            "skip_reason": d.skip_reason,
        })
    });
    let value = serde_json::json!({
        "file": inspection.path.display().to_string(),
        "instrument": instrument.id(),
        "dialect": dialect,
        "sheet": inspection.sheet,
        "header_row": inspection.header_row,
        "rows_sampled": inspection.rows_sampled,
        "matched": inspection.matched.iter().map(|m| serde_json::json!({
            "column": m.column + 1,
            "header": m.header,
            "slot": m.slot.describe(instrument),
            "reason": m.reason,
        })).collect::<Vec<_>>(),
        "unmatched": inspection.unmatched.iter().map(|(i, h)| serde_json::json!({"column": i + 1, "header": h})).collect::<Vec<_>>(),
        "missing": inspection.missing,
        "problem": inspection.problem,
    });
    let mut text = serde_json::to_string_pretty(&value)?;
    text.push('\n');
    write_output(None, &text)
}
