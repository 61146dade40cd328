//! Sizes are bounded the same way on every path: a title or a text longer
//! than any change may hold is refused whether typed at the command line
//! or arriving in an import, and an import of an endless stream is refused
//! at once instead of growing until memory runs out.

#![allow(clippy::unwrap_used)] // helpers outside #[test] functions panic as test failures

mod common;

use common::Sandbox;
use rhythm::domain::change::{TEXT_MAX, TITLE_MAX};

#[test]
fn a_title_too_long_is_refused_at_the_command_line_and_changes_nothing() {
    let t = Sandbox::growth();
    let before = t.digest();
    let title = "x".repeat(TITLE_MAX + 1);
    let said = t.fails(1, &format!("--team Growth action add {title} --owner Ana"));
    assert!(
        said.contains(&format!(
            "action title 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…' is too long ({} characters; at most {TITLE_MAX})",
            TITLE_MAX + 1
        )),
        "{said}"
    );
    assert_eq!(t.digest(), before);
    t.ok(&format!(
        "--team Growth action add {} --owner Ana",
        "x".repeat(TITLE_MAX)
    ));
}

#[test]
fn a_note_too_long_is_refused_and_changes_nothing() {
    let t = Sandbox::growth();
    let before = t.digest();
    let note = "n".repeat(TEXT_MAX + 1);
    let run = t.exec(
        &[],
        &[
            "--db",
            "team.db",
            "--team",
            "Growth",
            "record",
            "Net revenue retention",
            "104",
            "--note",
            &note,
        ],
    );
    let said = run.fails(1);
    assert!(said.contains("note 'nnnn"), "{said}");
    assert!(
        said.contains(&format!(
            "({} characters; at most {TEXT_MAX})",
            TEXT_MAX + 1
        )),
        "{said}"
    );
    assert_eq!(t.digest(), before);
}

/// An export whose titles are longer than the command line accepts is
/// refused by the same rule, so no path stores what another refuses.
#[test]
fn an_import_is_held_to_the_same_lengths() {
    let t = Sandbox::growth();
    t.ok("--team Growth action add Short --owner Ana");
    let json = t.ok("export");
    let long = "y".repeat(TITLE_MAX + 1);
    let edited = json.replacen("\"Short\"", &format!("\"{long}\""), 1);
    assert_ne!(edited, json);
    std::fs::write(t.path("long.json"), edited).unwrap();
    let run = t.raw("--db other.db import long.json");
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stderr.contains("is too long") && run.stderr.contains(&format!("at most {TITLE_MAX}")),
        "{run:?}"
    );
}

/// `/dev/zero` never ends: both imports refuse it once it passes their
/// bound, and write nothing.
#[test]
fn an_endless_input_is_refused_at_its_bound() {
    let t = Sandbox::growth();
    let before = t.digest();
    let said = t.fails(1, "import /dev/zero --merge");
    assert!(said.contains("is larger than an export can be"), "{said}");
    let said = t.fails(1, "--team Growth import-readings /dev/zero");
    assert!(
        said.contains("is larger than a readings file can be"),
        "{said}"
    );
    assert_eq!(t.digest(), before);
}

/// A NUL cannot be typed at a prompt or passed as an argument, but an
/// export can carry one as `\u0000`: SQLite would keep it where
/// PostgreSQL refuses it, so the import is refused on both, naming the
/// field, and writes nothing. The six characters `\u0000` typed as text
/// are not a NUL and go through.
#[test]
fn a_nul_in_an_import_is_refused_and_its_spelling_as_text_is_kept() {
    let t = Sandbox::growth();
    t.ok("--team Growth record 'Net revenue retention' 104 --note marker");
    let json = t.ok("export");
    assert!(json.contains("\"marker\""), "{json}");

    let with_nul = json.replacen("\"marker\"", "\"mark\\u0000er\"", 1);
    std::fs::write(t.path("nul.json"), with_nul).unwrap();
    let run = t.raw("--db other.db import nul.json");
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stderr
            .contains("note 'mark\\0er' contains a NUL character (\\0), which no text may hold"),
        "{run:?}"
    );
    assert!(!t.path("other.db").exists(), "{run:?}");

    let spelled = json.replacen("\"marker\"", "\"mark\\\\u0000er\"", 1);
    std::fs::write(t.path("spelled.json"), &spelled).unwrap();
    t.raw("--db spelled.db import spelled.json").ok();
    let back = t.raw("--db spelled.db export").ok();
    assert!(back.contains("\"mark\\\\u0000er\""), "{back}");
}
