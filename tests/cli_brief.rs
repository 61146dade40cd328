//! `rhythm brief`: a quarter's strategy brief written line by line from the
//! command line, shown as text, Markdown and JSON, corrected, dropped and
//! undone; a line that does not fit is refused in one line and changes
//! nothing.

#![allow(clippy::unwrap_used)] // helpers outside #[test] functions panic as test failures

mod common;

use common::Sandbox;

#[test]
fn a_brief_is_written_shown_corrected_and_undone_from_the_command_line() {
    let t = Sandbox::growth();
    let said = t.ok("brief show");
    assert!(
        said.starts_with("Growth has no brief for 2026-Q4 yet"),
        "{said}"
    );

    assert_eq!(
        t.ok("brief choice add 'Mid-market healthcare rather than all SMBs' --consequence 'longer sales cycles'"),
        "Added choice #1 to Growth's 2026-Q4 brief: Mid-market healthcare rather than all SMBs\n"
    );
    assert_eq!(
        t.ok("brief objective add 'Ten healthcare logos' --integrator Ana --measure 'net revenue retention' --measure 'Pipeline coverage'"),
        "Added objective #2 to Growth's 2026-Q4 brief: Ten healthcare logos\n"
    );
    t.ok("brief exclusion add 'No expansion to Germany' --unless 'churn is below 8 %'");
    t.ok("brief measure add 'Tier-2 response time'");
    let text = t.ok("brief show");
    assert_eq!(
        text,
        "Growth's strategy brief, 2026-Q4

Choices
  #1 Mid-market healthcare rather than all SMBs
     → longer sales cycles

Objectives
  #2 Ten healthcare logos (integrator: Ana)
     shown by #3 Net revenue retention, #4 Pipeline coverage

We will not
  #5 No expansion to Germany
     unless churn is below 8 %

The measures that matter
  #6 Tier-2 response time
"
    );
    let md = t.ok("brief show --format md");
    assert!(md.contains("- **Ten healthcare logos** — integrator: Ana — shown by: Net revenue retention, Pipeline coverage"), "{md}");
    let json = common::json(&t.ok("brief show --json"));
    assert_eq!(json["quarter"], "2026-Q4");
    assert_eq!(json["items"].as_array().unwrap().len(), 6);

    // The objective and its measures were one operation: one undo.
    let log = t.ok("log");
    assert!(
        log.contains("Added objective #2 to the 2026-Q4 brief: Ten healthcare logos (and the 2 measures that show it)"),
        "{log}"
    );

    t.ok("brief choice edit 1 --consequence 'fewer but larger deals'");
    assert!(t.ok("brief show").contains("→ fewer but larger deals"));
    assert_eq!(
        t.ok("brief objective drop 2"),
        "Dropped objective #2 with the measures that show it (rhythm undo brings it back)\n"
    );
    assert!(!t.ok("brief show").contains("Objectives"));
    t.ok("undo");
    assert_eq!(
        t.ok("brief show")
            .replace("fewer but larger deals", "longer sales cycles"),
        text
    );
    // Another quarter's brief is its own, and the first is named.
    let next = t.ok("brief show --quarter 2027-01-15");
    assert!(next.contains("no brief for 2027-Q1 yet"), "{next}");
    assert!(next.contains("Briefs written: 2026-Q4"), "{next}");
    assert!(
        next.contains(
            "Start 2027-Q1's from the last one with `rhythm brief new --quarter 2027-Q1`"
        ),
        "{next}"
    );
}

#[test]
fn a_line_that_does_not_fit_is_refused_in_one_line_and_changes_nothing() {
    let t = Sandbox::growth();
    t.ok("brief choice add Focus");
    let before = t.digest();
    for (line, says) in [
        (
            "brief objective edit 1 --text x",
            "error: #1 is a choice, not an objective: use `rhythm brief choice …`",
        ),
        (
            "brief choice drop 99",
            "error: there is no line #99 in any brief (see `rhythm brief show`)",
        ),
        (
            "brief measure add Churn",
            "error: unknown measure 'Churn' in Growth: the measures are 'Net revenue retention', 'Tier-2 response time', 'Pipeline coverage'",
        ),
        (
            "brief measure add 'Pipeline coverage' --objective 1",
            "error: #1 is a choice, not an objective",
        ),
        ("brief choice add '  '", "error: choice cannot be empty"),
    ] {
        assert_eq!(t.fails(1, line), says, "{line}");
    }
    for (line, says) in [
        (
            "brief show --quarter 2026-Q5",
            "is not a quarter: the quarter must be 1 to 4",
        ),
        ("brief choice edit 1", "nothing to correct"),
        ("brief show --whole --team Growth", "give one of them"),
    ] {
        let said = t.fails(2, line);
        assert!(said.contains(says), "{line}: {said}");
    }
    assert_eq!(t.digest(), before);
}

#[test]
fn the_whole_databases_brief_names_any_teams_measures() {
    let t = Sandbox::growth();
    t.ok("team add Platform");
    t.ok("--team Platform measure add Uptime --owner Bo --target 99.9");
    t.ok("brief choice add 'One product, two markets' --whole");
    t.ok("brief measure add Uptime --whole");
    let whole = t.ok("brief show --whole");
    assert!(
        whole.starts_with("The whole database's strategy brief, 2026-Q4"),
        "{whole}"
    );
    assert!(whole.contains("#2 Uptime"), "{whole}");
    // A team's own brief holds its own measures only.
    let said = t.fails(1, "--team Growth brief measure add Uptime");
    assert!(
        said.starts_with("error: unknown measure 'Uptime' in Growth"),
        "{said}"
    );
    let growth = t.ok("--team Growth brief show");
    assert!(growth.contains("no brief for 2026-Q4"), "{growth}");
}

#[test]
fn a_new_quarters_brief_starts_as_a_copy_of_the_last_and_the_old_stays() {
    let t = Sandbox::growth();
    let said = t.fails(1, "brief new --quarter 2027-Q1");
    assert!(
        said.contains("there is no brief before 2027-Q1 to start from"),
        "{said}"
    );
    t.ok("brief choice add Focus --consequence 'fewer deals'");
    t.ok("brief objective add Win --integrator Ana --measure 'Pipeline coverage'");
    t.ok("brief exclusion add 'No Germany'");
    let q4 = t.ok("brief show");
    assert_eq!(
        t.ok("brief new --quarter 2027-Q1"),
        "Started the 2027-Q1 brief from 2026-Q4's (4 lines): see `rhythm brief show --quarter 2027-Q1`\n"
    );
    let q1 = t.ok("brief show --quarter 2027-Q1");
    let numbers = |s: &str| -> String { s.chars().filter(|c| !c.is_ascii_digit()).collect() };
    assert_eq!(
        numbers(&q1.replace("2027-Q1", "2026-Q4")),
        numbers(&q4),
        "{q1}"
    );
    assert!(q1.contains("shown by #8 Pipeline coverage"), "{q1}");
    // Corrected there, the old quarter's stays as it was.
    t.ok("brief choice edit 5 --text 'Focus harder'");
    assert_eq!(t.ok("brief show"), q4);
    // A quarter with a brief is not started again; one undo takes the copy back.
    let said = t.fails(1, "brief new --quarter 2027-Q1");
    assert!(
        said.contains("the 2027-Q1 brief has 4 lines already"),
        "{said}"
    );
    t.ok("undo");
    t.ok("undo");
    assert!(
        t.ok("brief show --quarter 2027-Q1")
            .contains("no brief for 2027-Q1 yet")
    );
}

/// An "editor" that runs `script` on the file (`$1`), as a person would
/// edit it; the script may look at a counter to act differently each time.
fn editor(t: &Sandbox, script: &str) -> String {
    let path = t.path("editor.sh");
    std::fs::write(&path, format!("#!/bin/sh\n{script}\n")).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path.display().to_string()
}

fn edit(t: &Sandbox, script: &str) -> common::Run {
    let editor = editor(t, script);
    t.exec(
        &[("VISUAL", editor.as_str())],
        &["--db", "team.db", "brief", "edit"],
    )
}

#[test]
fn brief_edit_saves_what_changed_in_one_operation() {
    let t = Sandbox::growth();
    t.ok("brief choice add Focus --consequence 'fewer deals'");
    t.ok("brief objective add Win --integrator Ana --measure 'Pipeline coverage'");
    t.ok("brief exclusion add 'No Germany'");
    // Quit without saving a change: nothing changes.
    let before = t.digest();
    let run = edit(&t, "true");
    assert_eq!(
        run.ok(),
        "No changes: the 2026-Q4 brief was left as it was\n"
    );
    assert_eq!(t.digest(), before);
    // Correct a consequence, drop the exclusion, add a choice, swap the
    // objective's measure and add a measure that matters.
    let run = edit(
        &t,
        r#"sed -i \
  -e 's/consequence: fewer deals/consequence: fewer, larger deals/' \
  -e '/No Germany/,+1d' \
  -e 's/^## Objectives$/- Self-serve first\n  consequence: sales calls wait\n\n## Objectives/' \
  -e 's/  measure: Pipeline coverage/  measure: Net revenue retention/' \
  "$1"
echo '- Tier-2 response time' >> "$1""#,
    );
    assert_eq!(
        run.ok(),
        "Saved the 2026-Q4 brief: 3 added, 1 corrected, 2 dropped\n"
    );
    let shown = t.ok("brief show");
    assert!(shown.contains("→ fewer, larger deals"), "{shown}");
    assert!(shown.contains("Self-serve first\n"), "{shown}");
    assert!(shown.contains("→ sales calls wait"), "{shown}");
    assert!(
        shown.contains(" Net revenue retention\n") && shown.contains("shown by #"),
        "{shown}"
    );
    assert!(!shown.contains("No Germany"), "{shown}");
    assert!(shown.contains("Tier-2 response time"), "{shown}");
    // One operation, one undo.
    t.ok("undo");
    assert_eq!(t.digest(), before);
}

#[test]
fn a_brief_that_does_not_read_is_reopened_with_its_errors_and_saves_nothing() {
    let t = Sandbox::growth();
    t.ok("brief choice add Focus");
    let before = t.digest();
    // First a stray line and an unknown measure; then, shown the errors,
    // the editor corrects them.
    let run = edit(
        &t,
        r#"if grep -q '^# error: ' "$1"; then
  grep '^# error: ' "$1" > errors.txt
  sed -i -e '/^stray/d' -e 's/measure: Churn/measure: Pipeline coverage/' "$1"
else
  printf 'stray words\n## Objectives\n- Win\n  measure: Churn\n' >> "$1"
fi"#,
    );
    assert_eq!(
        run.ok(),
        "Saved the 2026-Q4 brief: 2 added, 0 corrected, 0 dropped\n"
    );
    let errors = std::fs::read_to_string(t.path("errors.txt")).unwrap();
    let lines: Vec<&str> = errors.lines().collect();
    assert_eq!(lines.len(), 2, "{errors}");
    assert!(
        lines[0].contains(": 'stray words' is not a line of the brief"),
        "{errors}"
    );
    assert!(
        lines[1].contains(": unknown measure 'Churn' in Growth"),
        "{errors}"
    );
    assert!(t.ok("brief show").contains(" Pipeline coverage\n"));

    // Given back unchanged with its errors: nothing is saved, in one line.
    t.ok("undo");
    assert_eq!(t.digest(), before);
    let run = edit(&t, r#"grep -q '^# error: ' "$1" || echo 'stray' >> "$1""#);
    let said = run.fails(1);
    assert!(
        said.starts_with("error: the brief still did not read, and nothing was saved: line ")
            && said.ends_with(
                ": 'stray' is not a line of the brief: start it with '- ' under a heading"
            ),
        "{said}"
    );
    assert_eq!(t.digest(), before);
    // An editor that fails saves nothing.
    let said = edit(&t, "echo '- New' >> \"$1\"; exit 3").fails(1);
    assert!(
        said.contains("ended with exit status: 3: nothing was saved"),
        "{said}"
    );
    assert_eq!(t.digest(), before);
}

#[test]
fn a_line_of_another_teams_brief_is_refused_with_team() {
    let t = Sandbox::growth();
    t.ok("team add Platform");
    t.ok("--team Platform brief choice add Reliability");
    let before = t.digest();
    let said = t.fails(1, "--team Growth brief choice edit 1 --text Hijacked");
    assert_eq!(
        said,
        "error: #1 is in Platform's brief, not Growth's: leave out --team, or name that one"
    );
    let said = t.fails(1, "--team Growth brief choice drop 1");
    assert!(said.contains("is in Platform's brief"), "{said}");
    assert_eq!(t.digest(), before);
    t.ok("--team Platform brief choice edit 1 --text 'Reliability first'");
}

#[test]
fn brief_edit_reopens_on_what_the_store_would_refuse_and_keeps_a_file_it_cannot_save() {
    let t = Sandbox::growth();
    t.ok("brief choice add Focus --consequence 'fewer deals'");
    t.ok("brief measure add 'Pipeline coverage'");
    let before = t.digest();
    // A second consequence, a measure named twice, a title past its
    // bound and an emptied file are all said at the top of the reopened
    // file, by line; given back unchanged, nothing is saved.
    let long = "x".repeat(600);
    for (change, says) in [
        (
            "sed -i 's/  consequence: fewer deals/  consequence: a\\n  consequence: b/' \"$1\""
                .to_string(),
            "a second 'consequence:' for one line",
        ),
        (
            "echo '- Pipeline coverage' >> \"$1\"".to_string(),
            "the measure 'pipeline coverage' is there already",
        ),
        (
            format!("sed -i 's/\\[#1\\] Focus/[#1] {long}/' \"$1\""),
            "is too long",
        ),
        (
            ": > \"$1\"".to_string(),
            "the file holds no line of the brief",
        ),
    ] {
        let script = format!(
            "if grep -q '^# error: ' \"$1\"; then grep '^# error: ' \"$1\" > errors.txt; else {change}; fi"
        );
        let said = edit(&t, &script).fails(1);
        assert!(
            said.starts_with("error: the brief still did not read, and nothing was saved: line "),
            "{said}"
        );
        let errors = std::fs::read_to_string(t.path("errors.txt")).unwrap();
        assert!(errors.contains(says), "{change}: {errors}");
        assert_eq!(t.digest(), before, "{change}");
    }
    // Changed elsewhere while the editor was open: nothing is saved, and
    // what was written is kept.
    let db = t.path("team.db");
    let script = format!(
        "sed -i 's/Focus/Focus harder/' \"$1\"; RHYTHM_NOW=2026-11-24 {} --db '{}' brief choice add Elsewhere >/dev/null",
        env!("CARGO_BIN_EXE_rhythm"),
        db.display()
    );
    let said = edit(&t, &script).fails(1);
    assert!(
        said.starts_with("error: the brief was changed elsewhere while you edited it: nothing was saved; what you wrote is kept in '"),
        "{said}"
    );
    let kept = said.split('\'').nth(1).unwrap();
    assert!(
        std::fs::read_to_string(kept)
            .unwrap()
            .contains("Focus harder")
    );
    std::fs::remove_file(kept).unwrap();
    let shown = t.ok("brief show");
    assert!(
        shown.contains("#1 Focus\n") && shown.contains("Elsewhere"),
        "{shown}"
    );
}
