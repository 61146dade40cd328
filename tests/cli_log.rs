//! `rhythm log`, `undo` and `redo` as a person types them: what each prints,
//! what the database holds after, and a clear refusal for every mistake.

#![allow(clippy::unwrap_used)]

mod common;

use common::{Sandbox, json};
use rhythm::domain::{ActionId, ActionState};

fn action_state(t: &Sandbox, id: i64) -> Option<ActionState> {
    t.store().action(ActionId(id)).unwrap().map(|a| a.state)
}

#[test]
fn every_correction_shows_in_the_log_and_undo_takes_each_back() {
    let t = Sandbox::growth();
    t.ok("record 'Net revenue retention' 104.5 --note 'two renewals'");
    t.ok("action add 'Call Bo' --owner Cy --due 2026-12-01");
    t.ok("dep add 'SSO' --to Platform --owner Bo");
    t.ok("decision add 'Enter Germany?' --needed --owner Ana");
    // Each correction: the command, and the line the log must show for it.
    let cases = [
        (
            "record 'Net revenue retention' 103",
            "Recorded Net revenue retention = 103 % for 2026-W48 (was 104.5)",
        ),
        (
            "record 'Net revenue retention' --clear",
            "Cleared Net revenue retention for 2026-W48 (was 103 %)",
        ),
        (
            "action edit 1 --owner Dee",
            "Edited action #1: owner Cy → Dee",
        ),
        ("action done 1", "Marked action #1 done"),
        ("action reopen 1", "Reopened action #1"),
        (
            "dep edit 1 --what 'SAML SSO'",
            "Edited dependency #1: what SSO → SAML SSO",
        ),
        ("dep delete 1", "Deleted dependency #1: SAML SSO"),
        ("decision assign 1 Bo", "Edited decision #1: owner Ana → Bo"),
        ("decision withdraw 1", "Withdrew decision #1"),
        ("person rename Cy Cyril", "Renamed person Cy to Cyril"),
        (
            "team rename Growth Growth-EU",
            "Renamed team #1: name Growth → Growth-EU",
        ),
    ];
    for (command, line) in cases {
        let before = t.ok("export");
        t.ok(command);
        let log = json(&t.ok("log --limit 1 --json"));
        assert_eq!(log[0]["summary"], line, "{command}");
        assert_eq!(log[0]["author"], "ana");
        let undone = t.ok("undo");
        assert!(undone.starts_with("Undid #"), "{undone}");
        assert_eq!(t.ok("export"), before, "undo of {command}");
        t.ok("redo");
    }
}

#[test]
fn undo_refuses_what_a_later_change_built_on_and_cascades_on_request() {
    let t = Sandbox::growth();
    t.ok("action add 'Call Bo' --owner Cy");
    t.ok("action done 1");
    assert_eq!(
        t.fails(1, "undo --op 5"),
        "error: operation #6 (Marked action #1 done) changed what #5 wrote: undo #6 first, or add --cascade to undo both"
    );
    assert_eq!(action_state(&t, 1), Some(ActionState::Done));
    assert_eq!(
        t.ok("undo --op 5 --cascade"),
        "Undid #5: Added action #1: Call Bo (and 1 later) (operation #7)\n    #6 Marked action #1 done\n    #5 Added action #1: Call Bo\n"
    );
    assert_eq!(action_state(&t, 1), None);
    assert_eq!(
        t.ok("redo"),
        "Redid #5: Added action #1: Call Bo (and 1 later) (operation #8)\n"
    );
    assert_eq!(action_state(&t, 1), Some(ActionState::Done));
}

#[test]
fn mistakes_are_refused_with_the_value_quoted_and_change_nothing() {
    let t = Sandbox::growth();
    let before = t.ok("export");
    assert_eq!(
        t.fails(1, "undo --op 99"),
        "error: there is no operation #99"
    );
    assert_eq!(
        t.fails(1, "redo"),
        "error: there is nothing to redo: no undo since the last change"
    );
    let bad = t.fails(2, "log --record note:4");
    assert!(bad.contains("'note:4' is not a record"), "{bad}");
    let bad = t.fails(2, "undo --op x");
    assert!(bad.contains("'x'"), "{bad}");
    let bad = t.fails(2, "log --compact");
    assert!(bad.contains("--before"), "{bad}");
    assert_eq!(t.ok("export"), before);
    let fresh = Sandbox::new();
    fresh.ok("init");
    assert_eq!(fresh.fails(1, "undo"), "error: there is nothing to undo");
    assert_eq!(
        fresh.ok("log"),
        "The log is empty: nothing has been changed yet\n"
    );
}

#[test]
fn the_author_is_named_by_as_then_the_environment() {
    let t = Sandbox::growth();
    t.ok("--as 'Dee Dee' action add 'One' --owner Bo");
    t.exec(
        &[("RHYTHM_USER", "eli")],
        &["--db", "team.db", "action", "add", "Two", "--owner", "Bo"],
    )
    .ok();
    let log = json(&t.ok("log --limit 2 --json"));
    assert_eq!(log[0]["author"], "eli");
    assert_eq!(log[1]["author"], "Dee Dee");
    assert_eq!(log[0]["source"], "cli");
}

#[test]
fn compacting_keeps_the_lines_and_says_what_can_no_longer_be_undone() {
    let t = Sandbox::growth();
    assert_eq!(
        t.ok("log --compact --before 2026-11-26"),
        "Compacted 4 operations before 2026-11-26: their lines stay in the log, but they can no longer be undone\n"
    );
    let log = t.ok("log");
    assert!(
        log.contains("Added team Growth [cannot be undone]"),
        "{log}"
    );
    let err = t.fails(1, "undo");
    assert!(err.contains("cannot be undone"), "{err}");
}

#[test]
fn an_import_is_one_operation_that_undo_takes_back_and_redo_makes_again() {
    let t = Sandbox::growth();
    t.ok("record 'Net revenue retention' 104.5 --note 'two renewals'");
    t.ok("action add 'Call Bo' --owner Cy");
    // A decision superseded: the import links the two with an update,
    // which undo must reverse as an update, not re-insert.
    t.ok("decision add 'Hold prices' --chosen 'as they are'");
    t.ok("decision add 'Raise prices' --chosen '5%'");
    t.ok("decision supersede 1 --by 2");
    t.ok("export --out all.json");
    let exported = std::fs::read_to_string(t.path("all.json")).unwrap();
    let copy = |line: &str| t.exec(&[], &shell(&format!("--db copy.db {line}")));
    copy("import all.json").ok();
    let log = json(&copy("log --json").ok());
    assert_eq!(log.as_array().unwrap().len(), 1);
    assert_eq!(log[0]["source"], "import");
    assert!(copy("undo").ok().starts_with("Undid #1: Imported all.json"));
    assert_eq!(
        copy("team list").ok(),
        "No teams yet: add one with `rhythm team add NAME`\n"
    );
    copy("redo").ok();
    assert_eq!(copy("export").ok(), exported);
}

fn shell(line: &str) -> Vec<String> {
    common::shell_words(line)
}

#[test]
fn with_no_name_in_the_environment_the_author_is_the_account() {
    let t = Sandbox::growth();
    let out = t
        .command(&["--db", "team.db", "action", "add", "Ship", "--owner", "Ana"])
        .env_remove("RHYTHM_USER")
        .env_remove("USER")
        .env_remove("LOGNAME")
        .env_remove("USERNAME")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let whoami = std::process::Command::new("id")
        .arg("-un")
        .output()
        .unwrap();
    let account = String::from_utf8(whoami.stdout).unwrap();
    let log = json(&t.ok("log --json --limit 1"));
    assert_eq!(log[0]["author"], account.trim());
}
