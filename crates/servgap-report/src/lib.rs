//! Renders servgap analyses as JSON, Markdown and terminal text.
