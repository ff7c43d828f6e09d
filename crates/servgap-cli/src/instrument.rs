//! `servgap instrument list|show|export`.

use std::fmt::Write as _;

use anyhow::Context as _;
use servgap_pipeline::{builtin_instruments, instrument_toml, resolve_instrument, Instrument};

use crate::args::{InstrumentAction, InstrumentArgs};
use crate::output::write_output;

/// Human-readable description of an instrument in `lang`.
pub fn describe(instrument: &Instrument, lang: &str) -> String {
    let mut out = String::new();
    let scale = instrument.scale();
    let _ =
        writeln!(out, "{} ({})", instrument.title().get(lang).unwrap_or(instrument.id()), instrument.id());
    let batteries: Vec<&str> = instrument.batteries().iter().map(|b| b.name()).collect();
    let _ = writeln!(
        out,
        "format {} ({}), scale {}–{}, {} items in {} dimensions{}{}",
        instrument.format().id(),
        batteries.join(", "),
        scale.min(),
        scale.max(),
        instrument.items().len(),
        instrument.dimensions().len(),
        if instrument.has_importance() { ", 100-point importance allocation" } else { "" },
        match instrument.overall() {
            Some(s) => format!(", overall satisfaction {}–{}", s.min(), s.max()),
            None => String::new(),
        }
    );
    let _ = writeln!(out, "languages: {}", instrument.complete_languages().join(", "));
    for (d, dim) in instrument.dimensions().iter().enumerate() {
        let _ = writeln!(out, "\n{} [{}]", dim.name.get(lang).unwrap_or(&dim.id), dim.id);
        if let Some(desc) = dim.description.get(lang) {
            let _ = writeln!(out, "  {desc}");
        }
        for &i in instrument.items_of(d) {
            let item = &instrument.items()[i];
            let _ = writeln!(
                out,
                "  {:>4}{} {}",
                item.id,
                if item.reverse_keyed { " (reversed)" } else { "" },
                item.text.get(lang).unwrap_or("")
            );
        }
    }
    out
}

/// Runs the subcommand.
pub fn run(args: InstrumentArgs) -> anyhow::Result<()> {
    match args.action {
        InstrumentAction::List => {
            let mut out = String::new();
            for instrument in builtin_instruments() {
                let id = instrument.id();
                let _ = writeln!(
                    out,
                    "{id:<16} {} — {}, {} items, scale {}–{}",
                    instrument.title().get("en").unwrap_or(id),
                    instrument.format().id(),
                    instrument.items().len(),
                    instrument.scale().min(),
                    instrument.scale().max()
                );
            }
            write_output(None, &out)
        }
        InstrumentAction::Show { instrument, lang } => {
            let instrument = resolve_instrument(&instrument)?;
            write_output(None, &describe(&instrument, &lang))
        }
        InstrumentAction::Export { instrument, output } => {
            let instrument = resolve_instrument(&instrument)?;
            write_output(output.as_deref(), &instrument_toml(&instrument))
                .context("cannot export the instrument")
        }
    }
}
