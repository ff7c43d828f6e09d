//! Terminal and Markdown tables and headings shared by the plain-text printers.

use std::fmt::Write as _;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flavour {
    /// Aligned terminal text.
    Terminal,
    /// GitHub-flavoured Markdown.
    Markdown,
}

pub(crate) fn heading(flavour: Flavour, level: usize, text: &str, out: &mut String) {
    match flavour {
        Flavour::Markdown => {
            let _ = writeln!(out, "\n{} {text}\n", "#".repeat(level));
        }
        Flavour::Terminal => {
            let underline = if level <= 2 { "=" } else { "-" };
            let _ = writeln!(out, "\n{text}\n{}", underline.repeat(text.chars().count()));
        }
    }
}

/// Writes a table; the first column is left-aligned, the others right-aligned.
pub(crate) fn table(flavour: Flavour, header: &[String], rows: &[Vec<String>], out: &mut String) {
    match flavour {
        Flavour::Markdown => {
            let _ = writeln!(out, "| {} |", header.join(" | "));
            let rule: Vec<&str> = (0..header.len()).map(|i| if i == 0 { "---" } else { "---:" }).collect();
            let _ = writeln!(out, "|{}|", rule.join("|"));
            for row in rows {
                let cells: Vec<String> = row.iter().map(|c| c.replace('|', "\\|")).collect();
                let _ = writeln!(out, "| {} |", cells.join(" | "));
            }
        }
        Flavour::Terminal => {
            let widths: Vec<usize> = (0..header.len())
                .map(|i| {
                    rows.iter()
                        .chain(std::iter::once(&header.to_vec()))
                        .map(|r| r[i].chars().count())
                        .max()
                        .unwrap_or(0)
                })
                .collect();
            let line = |cells: &[String]| {
                let parts: Vec<String> = cells
                    .iter()
                    .enumerate()
                    .map(|(i, c)| {
                        let pad = " ".repeat(widths[i].saturating_sub(c.chars().count()));
                        if i == 0 {
                            format!("{c}{pad}")
                        } else {
                            format!("{pad}{c}")
                        }
                    })
                    .collect();
                format!("  {}", parts.join("  ").trim_end())
            };
            let _ = writeln!(out, "{}", line(header));
            for row in rows {
                let _ = writeln!(out, "{}", line(row));
            }
        }
    }
}
