//! The help the command line gives about itself: `--help` with examples on
//! the main commands, and `rhythm man`, the same as manual pages, printed
//! or written one per command, privately, into a folder.

#![allow(clippy::unwrap_used)]

mod common;

use common::Sandbox;

#[test]
fn long_help_shows_examples_and_short_help_leaves_them_out() {
    let t = Sandbox::new();
    for command in [
        "meeting",
        "record",
        "action",
        "decision",
        "export",
        "import",
        "minutes",
        "scorecard",
        "measure",
    ] {
        let long = t.raw(&format!("{command} --help")).ok();
        assert!(
            long.contains("\nExamples:\n  rhythm "),
            "{command} --help:\n{long}"
        );
        let short = t.raw(&format!("{command} -h")).ok();
        assert!(!short.contains("Examples:"), "{command} -h:\n{short}");
    }
    let root = t.raw("--help").ok();
    assert!(root.contains("Exit status:"), "{root}");
}

#[test]
fn man_prints_one_roff_page_naming_every_command() {
    let t = Sandbox::new();
    let page = t.raw("man").ok();
    assert!(
        page.contains(".TH rhythm 1"),
        "{}",
        &page[..200.min(page.len())]
    );
    for section in [
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH OPTIONS",
        ".SH EXAMPLES",
        ".SH \"EXIT STATUS\"",
    ] {
        assert!(page.contains(section), "no {section} in rhythm man");
    }
    for command in ["record", "action", "decision", "import\\-readings", "man"] {
        assert!(
            page.contains(&format!("rhythm\\-{command}(1)")),
            "{command}"
        );
    }
    // Examples keep their lines, with a minus roff will not hyphenate.
    assert!(
        page.contains("\nrhythm \\-\\-db team.db scorecard\n"),
        "{page}"
    );
    // Nothing but the page: no database was needed, none was created.
    assert!(!t.path("rhythm.db").exists() && !t.data_home().exists());
}

#[test]
fn man_out_dir_writes_a_private_page_per_command() {
    let t = Sandbox::new();
    let said = t.raw("man --out-dir pages").ok();
    let mut names: Vec<String> = std::fs::read_dir(t.path("pages"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert!(
        said.starts_with(&format!("Wrote {} manual pages to pages", names.len())),
        "{said}"
    );
    for name in [
        "rhythm.1",
        "rhythm-record.1",
        "rhythm-action.1",
        "rhythm-action-add.1",
        "rhythm-man.1",
    ] {
        assert!(names.iter().any(|n| n == name), "no {name} in {names:?}");
    }
    assert!(names.iter().all(|n| n.ends_with(".1")), "{names:?}");
    let record = std::fs::read_to_string(t.path("pages/rhythm-record.1")).unwrap();
    let foot = format!(
        ".TH rhythm-record 1  \"rhythm {}\"",
        env!("CARGO_PKG_VERSION")
    );
    assert!(record.contains(&foot), "{record}");
    assert!(record.contains(".SH EXAMPLES"), "{record}");
    assert!(
        record.contains("\\-\\-note \"\\-5% vs last week\""),
        "{record}"
    );
    #[cfg(unix)]
    for name in &names {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(t.path("pages").join(name))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "{name}");
    }
    // Again: the pages are replaced, and nothing is left beside them.
    t.raw("man --out-dir pages").ok();
    assert_eq!(
        std::fs::read_dir(t.path("pages")).unwrap().count(),
        names.len()
    );
}

#[test]
fn man_out_dir_refuses_a_file_a_missing_folder_and_a_database() {
    let t = Sandbox::new();
    std::fs::write(t.path("notes.txt"), "mine").unwrap();
    let line = t.raw("man --out-dir notes.txt").fails(1);
    assert!(
        line.contains("'notes.txt'") && line.contains("not a folder"),
        "{line}"
    );
    let line = t.raw("man --out-dir missing/man1").fails(1);
    assert!(line.contains("'missing'"), "{line}");
    assert!(!t.path("missing").exists());
    // A database where a page would go is never replaced, and no page is
    // written beside it.
    std::fs::create_dir(t.path("pages")).unwrap();
    t.raw("--db pages/rhythm-record.1 init --team Growth").ok();
    let before = std::fs::read(t.path("pages/rhythm-record.1")).unwrap();
    let line = t
        .raw("--db pages/rhythm-record.1 man --out-dir pages")
        .fails(1);
    assert!(line.contains("rhythm-record.1"), "{line}");
    assert_eq!(
        std::fs::read(t.path("pages/rhythm-record.1")).unwrap(),
        before
    );
    let left: Vec<_> = std::fs::read_dir(t.path("pages"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".1"))
        .collect();
    assert_eq!(left, ["rhythm-record.1"]);
}

/// The Markdown the minutes and the scorecard print is GitHub-flavoured
/// (tables, task lists), and their help says so: a strict CommonMark
/// reader shows those tables as lines of pipes.
#[test]
fn help_names_the_markdown_as_github_flavoured() {
    let t = Sandbox::new();
    for command in ["minutes", "scorecard"] {
        let long = t.raw(&format!("{command} --help")).ok();
        let md = long
            .lines()
            .find(|l| l.trim_start().starts_with("- md:"))
            .unwrap_or_else(|| panic!("no md value in {command} --help:\n{long}"));
        assert!(md.contains("GitHub-flavoured Markdown"), "{command}: {md}");
        assert!(
            !long.contains("CommonMark table") && !long.contains(": CommonMark"),
            "{command} --help:\n{long}"
        );
    }
}
