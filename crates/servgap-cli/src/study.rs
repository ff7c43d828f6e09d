//! `servgap study init [--demo] DIR`: writes a study folder from the templates built into
//! the pipeline library.

use servgap_pipeline::study::{write_study, DEMO_STUDY, MINIMAL_STUDY};

use crate::args::{StudyAction, StudyArgs};

/// Runs `servgap study`.
pub fn run(args: StudyArgs) -> anyhow::Result<()> {
    match args.action {
        StudyAction::Init { dir, demo } => {
            let files = if demo { &DEMO_STUDY[..] } else { &MINIMAL_STUDY[..] };
            let written = write_study(&dir, files)?;
            eprintln!(
                "wrote {} files to {}; next: servgap diagnose {}",
                written.len(),
                dir.display(),
                dir.display()
            );
            Ok(())
        }
    }
}
