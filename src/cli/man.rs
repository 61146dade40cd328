//! `rhythm man`: the manual pages, made by clap_mangen from the same
//! definitions as `--help`, so the two never disagree. The text `--help`
//! prints after the options (see `args::examples`) becomes sections of
//! their own, EXAMPLES and EXIT STATUS, in the order man pages keep.

use std::path::Path;

use clap::CommandFactory;
use clap_mangen::Man;
use roff::{Roff, roman};

use super::args::Cli;
use super::{Ctx, DbChoice, adr, fail};
use crate::files::Guard;
use crate::storage::{FileKind, file_kind};

pub fn run(ctx: &mut Ctx<'_>, db: &DbChoice, out_dir: Option<&Path>) -> anyhow::Result<()> {
    let root = root();
    let Some(dir) = out_dir else {
        ctx.out.write_all(&page(&root)?)?;
        return Ok(());
    };
    // No database is opened, yet none may be overwritten: a page is never
    // written over the one rhythm would use, nor over any other.
    let database = db.file().ok().map(|(path, _)| path);
    let guard = Guard::new(database.as_deref(), |p| {
        matches!(file_kind(p), Ok(FileKind::Rhythm))
    });
    if dir.exists() && !dir.is_dir() {
        return Err(fail(format!(
            "cannot write to '{}': it is a file, not a folder",
            dir.display()
        )));
    }
    adr::folder_must_exist(dir, "create")?;
    if !dir.exists() {
        let cannot = |e: std::io::Error| fail(format!("cannot create '{}': {e}", dir.display()));
        guard.check(dir).map_err(cannot)?;
        crate::files::create_private_dir(dir).map_err(cannot)?;
    }
    let mut pages = Vec::new();
    let mut commands = vec![root];
    while let Some(cmd) = commands.pop() {
        commands.extend(cmd.get_subcommands().filter(|s| !s.is_hide_set()).cloned());
        let name = format!("{}.1", cmd.get_display_name().unwrap_or(cmd.get_name()));
        pages.push((dir.join(name), String::from_utf8(page(&cmd)?)?));
    }
    // Every name is asked about before the first is written, so a refusal
    // leaves the folder as it was.
    for (path, _) in &pages {
        guard
            .check(path)
            .map_err(|e| fail(format!("cannot write '{}': {e}", path.display())))?;
    }
    for (path, text) in &pages {
        adr::write_file(path, text, &guard)?;
    }
    writeln!(
        ctx.out,
        "Wrote {} manual pages to {} (rhythm.1, and one per command)",
        pages.len(),
        dir.display()
    )?;
    Ok(())
}

/// The command line, built, so every subcommand knows its full name
/// (`rhythm-action-add`); `help` is a flag on every page, not a page.
fn root() -> clap::Command {
    let mut root = Cli::command().disable_help_subcommand(true);
    root.build();
    root
}

/// One command's page: clap_mangen's, then the after-help text's sections.
fn page(cmd: &clap::Command) -> anyhow::Result<Vec<u8>> {
    let after = cmd
        .get_after_long_help()
        .or_else(|| cmd.get_after_help())
        .map(ToString::to_string);
    // Without it, as clap_mangen would put it in one paragraph titled EXTRA.
    let bare = cmd
        .clone()
        .after_help(None::<&str>)
        .after_long_help(None::<&str>);
    let mut out = Vec::new();
    // Every page names the program and its version at its foot, not the
    // subcommand's own name.
    Man::new(bare)
        .source(format!("rhythm {}", env!("CARGO_PKG_VERSION")))
        .render(&mut out)?;
    if let Some(text) = after {
        sections(&text).to_writer(&mut out)?;
    }
    Ok(out)
}

/// Each block of `text` as a section: a block whose first line is a
/// heading (`Examples:`) is named by it, the rest go under NOTES. Indented
/// lines are kept line for line, as examples must be; others are a
/// paragraph the pager fills to its width.
fn sections(text: &str) -> Roff {
    let mut roff = Roff::new();
    for block in text.split("\n\n") {
        let mut lines = block.lines().peekable();
        let heading = lines
            .next_if(|l| !l.starts_with(' ') && l.ends_with(':'))
            .map_or("NOTES".to_string(), |l| {
                l.trim_end_matches(':').to_uppercase()
            });
        let lines: Vec<&str> = lines.collect();
        let kept = lines.iter().all(|l| l.starts_with("  "));
        roff.control("SH", [heading.as_str()]);
        if kept {
            roff.control("nf", []);
        }
        for line in lines {
            roff.text([roman(line.strip_prefix("  ").unwrap_or(line))]);
        }
        if kept {
            roff.control("fi", []);
        }
    }
    roff
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_heading_names_its_section_and_lines_are_kept() {
        let text =
            sections("Some notes.\nOn two lines.\n\nExamples:\n  rhythm record x -5\n  .dot")
                .render();
        let want = [
            ".SH NOTES",
            "Some notes.",
            "On two lines.",
            ".SH EXAMPLES",
            ".nf",
            "rhythm record x \\-5",
            "\\&.dot",
            ".fi",
        ];
        assert!(text.ends_with(&format!("{}\n", want.join("\n"))), "{text}");
    }
}
