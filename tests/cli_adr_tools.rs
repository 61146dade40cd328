//! `rhythm decision export --adr` as the ADR tools read it, through the
//! real binary on the demo's history: the `Status:` line log4brains and
//! MADR read, file names spelled from titles in any script and kept by
//! the decision's own number, and records edited by hand left alone until
//! `--force`.

#![allow(clippy::unwrap_used)] // helpers outside #[test] functions panic as test failures

mod common;

use std::path::Path;

use common::Sandbox;
use rhythm::domain::DecisionId;

fn demo() -> Sandbox {
    let t = Sandbox::new();
    t.ok("demo --no-tui");
    t
}

/// The file names in `dir`, sorted.
fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// What log4brains takes for a record's status: the value of the first
/// `Status:` item in the first list between the title and the first `##`
/// heading (it shows a record without one as accepted, and any word it
/// does not know as a draft).
fn log4brains_status(text: &str) -> Option<String> {
    let header = text.split("\n## ").next()?;
    header
        .lines()
        .filter_map(|l| l.strip_prefix("- ").or_else(|| l.strip_prefix("* ")))
        .find_map(|item| {
            let (key, value) = item.split_once(':')?;
            key.trim()
                .eq_ignore_ascii_case("status")
                .then(|| value.trim().to_lowercase())
        })
}

/// The number `decision add` gave the decision it logged.
fn logged_id(out: &str) -> i64 {
    out.strip_prefix("Logged decision #")
        .and_then(|rest| rest.split(' ').next())
        .unwrap()
        .parse()
        .unwrap()
}

#[test]
fn every_record_opens_with_a_status_line_the_adr_tools_know() {
    let t = demo();
    t.ok("--team Platform decision withdraw 7 --why 'The vendor review moved to Q2'");
    t.ok("--team Platform decision export --adr adr");
    let dir = t.path("adr");
    let statuses: Vec<(String, Option<String>)> = files(&dir)
        .into_iter()
        .map(|n| {
            let status = log4brains_status(&read(&dir.join(&n)));
            (n, status)
        })
        .collect();
    let want = [
        ("0004-no-deploys-after-16-00-on-fridays.md", "superseded"),
        (
            "0005-friday-freeze-only-for-the-billing-service.md",
            "accepted",
        ),
        (
            "0006-adopt-trunk-based-development-for-the-api.md",
            "accepted",
        ),
        (
            "0007-choose-the-observability-vendor-for-2027.md",
            "rejected",
        ),
    ];
    let want: Vec<(String, Option<String>)> = want
        .iter()
        .map(|(n, s)| (n.to_string(), Some(s.to_string())))
        .collect();
    assert_eq!(statuses, want);
    let withdrawn = read(&dir.join("0007-choose-the-observability-vendor-for-2027.md"));
    assert!(
        withdrawn.starts_with(
            "# 7. Choose the observability vendor for 2027\n\n- Status: rejected\n- Date: "
        ),
        "{withdrawn}"
    );
    // adr-tools reads the section; it still says it in words.
    assert!(
        withdrawn.contains("## Status\n\nWithdrawn: it is no longer needed\n"),
        "{withdrawn}"
    );
}

#[test]
fn a_title_in_any_script_names_its_file_and_a_new_title_renames_it() {
    let t = demo();
    let id = logged_id(&t.ok("--team Growth decision add 'Τιμές για το 2027' --needed"));
    assert_eq!(
        t.ok("--team Growth decision export --adr adr"),
        "4 decision records of Growth in adr: 4 written, 0 unchanged, 0 renamed\n"
    );
    let dir = t.path("adr");
    let greek = format!("{id:04}-times-gia-to-2027.md");
    assert!(files(&dir).contains(&greek), "{:?}", files(&dir));
    assert!(read(&dir.join(&greek)).starts_with(&format!("# {id}. Τιμές για το 2027\n")));

    // The title is kept as typed; only the file name is spelled in ASCII.
    let store = t.store();
    let team = t.team("Growth");
    let stored = store
        .decisions(team.id, &Default::default())
        .unwrap()
        .into_iter()
        .find(|d| d.id == DecisionId(id))
        .unwrap();
    assert_eq!(stored.title, "Τιμές για το 2027");

    t.ok(&format!(
        "--team Growth decision edit {id} --title '日本の価格'"
    ));
    assert_eq!(
        t.ok("--team Growth decision export --adr adr"),
        "4 decision records of Growth in adr: 0 written, 3 unchanged, 1 renamed\n"
    );
    let names = files(&dir);
    let prefix = format!("{id:04}-");
    let numbered: Vec<&String> = names.iter().filter(|n| n.starts_with(&prefix)).collect();
    assert_eq!(numbered, [&format!("{id:04}-ri-ben-nojia-ge.md")]);
}

#[test]
fn a_record_edited_by_hand_is_skipped_and_named_until_forced() {
    let t = demo();
    t.ok("--team Growth decision export --adr adr");
    let dir = t.path("adr");
    let path = dir.join("0002-whether-to-sunset-the-free-tier.md");
    let exported = read(&path);
    let edited = exported.replace(
        "## Context\n\n",
        "## Context\n\nAdded in review: the free tier brings 40% of paid signups.\n\n",
    );
    assert_ne!(edited, exported);
    std::fs::write(&path, &edited).unwrap();

    // The decision changes in the log: its record would be written again.
    t.ok("--team Growth decision assign 2 Ana");
    let before = t.digest();
    assert_eq!(
        t.ok("--team Growth decision export --adr adr"),
        "3 decision records of Growth in adr: 0 written, 2 unchanged, 0 renamed, 1 skipped\n\
         skipped 'adr/0002-whether-to-sunset-the-free-tier.md': edited since it was exported; --force overwrites it\n"
    );
    assert_eq!(read(&path), edited);
    // Exporting reads the database and writes nothing to it.
    assert_eq!(t.digest(), before);
    // A new title does not leave a second file beside the edited one.
    t.ok("--team Growth decision edit 2 --title 'Sunset the free tier'");
    assert!(
        t.ok("--team Growth decision export --adr adr")
            .ends_with("1 skipped\nskipped 'adr/0002-whether-to-sunset-the-free-tier.md': edited since it was exported; --force overwrites it\n")
    );
    assert_eq!(files(&dir).len(), 3);
    assert_eq!(read(&path), edited);

    assert_eq!(
        t.ok("--team Growth decision export --adr adr --force"),
        "3 decision records of Growth in adr: 0 written, 2 unchanged, 1 renamed\n"
    );
    assert!(!path.exists());
    let now = read(&dir.join("0002-sunset-the-free-tier.md"));
    assert!(now.contains("- Owner: Ana\n"), "{now}");
    assert!(!now.contains("Added in review"), "{now}");
    // Once overwritten, it is the export's own again.
    assert_eq!(
        t.ok("--team Growth decision export --adr adr"),
        "3 decision records of Growth in adr: 0 written, 3 unchanged, 0 renamed\n"
    );
}

#[test]
fn a_record_from_before_digests_is_replaced_and_a_foreign_file_only_when_forced() {
    let t = demo();
    let dir = t.path("adr");
    std::fs::create_dir(&dir).unwrap();
    let legacy = dir.join("0001-cut-the-annual-plan-discount-from-20-to-15.md");
    std::fs::write(
        &legacy,
        "# 1. Cut the annual plan discount\n\n<!-- rhythm decision #1: written by `rhythm decision export`; exporting again replaces this file -->\n",
    )
    .unwrap();
    let mine = dir.join("0002-whether-to-sunset-the-free-tier.md");
    std::fs::write(&mine, "# My own notes\n").unwrap();
    assert_eq!(
        t.fails(1, "--team Growth decision export --adr adr"),
        "error: 'adr/0002-whether-to-sunset-the-free-tier.md' was not written by rhythm, so it is left alone: move it away, export to another folder, or overwrite it with --force"
    );
    assert_eq!(read(&mine), "# My own notes\n");
    assert!(read(&legacy).starts_with("# 1. Cut the annual plan discount\n\n<!--"));

    assert_eq!(
        t.ok("--team Growth decision export --adr adr --force"),
        "3 decision records of Growth in adr: 3 written, 0 unchanged, 0 renamed\n"
    );
    assert!(
        read(&mine).starts_with("# 2. Whether to sunset the free tier\n\n- Status: proposed\n")
    );
    assert!(read(&legacy).contains("- Status: accepted\n"));
}
