//! No control character reaches a terminal from any printing command. Text
//! with every C0 and C1 control, DEL, the bidirectional overrides and
//! isolates, combining marks and escape sequences goes into a database
//! through the JSON import (the path that brings in what nobody typed);
//! then every command that prints, and the errors that quote a value, run
//! in-process through `cli::main_with`, and their bytes are checked. Files
//! written with `--out` keep the exact text (JSON with C1 and bidirectional
//! controls escaped, as it escapes C0 ones).

#![allow(clippy::unwrap_used)] // helpers outside #[test] functions panic as test failures

mod common;

use std::ffi::OsString;
use std::process::ExitCode;
use std::sync::OnceLock;

use common::{Sandbox, TODAY};
use proptest::prelude::*;
use rhythm::clock::Clock;
use serde_json::Value;

/// What one in-process run printed, and whether it succeeded.
struct Printed {
    line: String,
    ok: bool,
    out: Vec<u8>,
    err: Vec<u8>,
}

fn run(db: &std::path::Path, args: &[&str]) -> Printed {
    let mut argv: Vec<OsString> = vec!["rhythm".into(), "--db".into(), db.into()];
    argv.extend(args.iter().map(OsString::from));
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let mut ctx = rhythm::cli::Ctx {
        env_user: Some("ana".into()),
        ..rhythm::cli::Ctx::new(&mut out, &mut err, Clock::pinned(TODAY).unwrap())
    };
    let ok = rhythm::cli::main_with(argv, &mut ctx) == ExitCode::SUCCESS;
    Printed {
        line: format!("{args:?}"),
        ok,
        out,
        err,
    }
}

/// The characters a terminal acts on or that disguise text: every C0
/// control but the newline, DEL, C1, and the bidirectional controls.
fn hidden(c: char) -> bool {
    (c < ' ' && c != '\n')
        || ('\u{7f}'..='\u{9f}').contains(&c)
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

fn assert_clean(p: &Printed) {
    for (stream, bytes) in [("stdout", &p.out), ("stderr", &p.err)] {
        let text = String::from_utf8_lossy(bytes);
        if let Some(c) = text.chars().find(|c| hidden(*c)) {
            panic!(
                "rhythm {} printed U+{:04X} raw on {stream}:\n{}",
                p.line,
                c as u32,
                text.escape_debug()
            );
        }
    }
}

/// The demo team's export, cut down to a few readings: the shape every
/// case fills with its text.
fn template() -> &'static Value {
    static DOC: OnceLock<Value> = OnceLock::new();
    DOC.get_or_init(|| {
        let s = Sandbox::new();
        let made = run(&s.db(), &["demo", "--no-tui"]);
        assert!(made.ok, "{}", String::from_utf8_lossy(&made.err));
        let export = run(&s.db(), &["export", "--team", "Growth"]);
        assert!(export.ok, "{}", String::from_utf8_lossy(&export.err));
        let mut doc: Value = serde_json::from_slice(&export.out).unwrap();
        let readings = doc["readings"].as_array_mut().unwrap();
        let keep = readings.len().saturating_sub(12);
        readings.drain(..keep);
        doc
    })
}

/// Fields that name something: one line, no control characters (the
/// domain refuses them), but bidi controls and combining marks pass.
const NAMES: &[&str] = &["name", "owner", "title", "attendees"];
/// Free text, which keeps whatever it was given.
const TEXTS: &[&str] = &[
    "note", "why", "change", "context", "chosen", "options", "minutes", "what", "unit",
];

/// Every text field of the template with `text` after what it held, so
/// references between records (an owner and a person) still match.
fn hostile(doc: &mut Value, key: Option<&str>, text: &str, name: &str) {
    match doc {
        Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                hostile(v, Some(k), text, name);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| hostile(v, key, text, name)),
        Value::String(s) if !s.is_empty() => {
            if key.is_some_and(|k| NAMES.contains(&k)) {
                *s = format!("{s} {name}");
            } else if key.is_some_and(|k| TEXTS.contains(&k)) {
                *s = format!("{s} {text}");
            }
        }
        _ => {}
    }
}

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        // From 1: a NUL is refused in every text (tests/cli_sizes.rs).
        (1u32..0x20).prop_map(|c| char::from_u32(c).unwrap().to_string()),
        (0x7fu32..0xa0).prop_map(|c| char::from_u32(c).unwrap().to_string()),
        prop::sample::select(vec![
            "\u{202a}", "\u{202b}", "\u{202c}", "\u{202d}", "\u{202e}", "\u{2066}", "\u{2067}",
            "\u{2068}", "\u{2069}",
        ])
        .prop_map(str::to_string),
        prop::sample::select(vec![
            "e\u{301}",
            "a\u{336}\u{336}",
            "\u{20dd}",
            "o\u{308}\u{304}"
        ])
        .prop_map(str::to_string),
        prop::sample::select(vec![
            "\u{1b}[2J",
            "\u{1b}]0;owned\u{7}",
            "\u{9b}31m",
            "\u{1b}[?1049h",
            "🚀",
            "שלום",
            "x",
            " ",
        ])
        .prop_map(str::to_string),
    ]
}

/// Text with every kind of piece somewhere among the cases.
fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 1..10).prop_map(|p| p.concat())
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(12)
}

/// Each case is one import and some thirty commands: a dozen is enough to
/// meet every control character across the runs that CI makes.
fn check(text: &str) {
    // Lookups trim what is typed: a name that ends in a space is another
    // matter than this one.
    let name = format!(
        "n{}z",
        text.chars().filter(|c| !c.is_control()).collect::<String>()
    );
    let mut doc = template().clone();
    hostile(&mut doc, None, text, &name);
    let s = Sandbox::new();
    let db = s.db();
    let file = s.path("hostile.json");
    std::fs::write(&file, serde_json::to_vec(&doc).unwrap()).unwrap();
    let file = file.to_str().unwrap();
    let imported = run(&db, &["import", file]);
    assert_clean(&imported);
    assert!(
        imported.ok,
        "the import refused the text: {}",
        String::from_utf8_lossy(&imported.err)
    );

    let team = format!("Growth {name}");
    let measure = format!("New MRR {name}");
    let t = team.as_str();

    // A file keeps the exact text.
    let out = s.path("out.json");
    let written = run(
        &db,
        &["export", "--team", t, "--out", out.to_str().unwrap()],
    );
    assert!(written.ok);
    let bytes = std::fs::read(&out).unwrap();
    // JSON spells every one of them as an escape, so even `cat` shows it.
    let raw = String::from_utf8(bytes.clone()).unwrap();
    assert!(
        !raw.chars().any(|c| hidden(c) && c != '\n'),
        "the export file holds a raw control character"
    );
    let back: Value = serde_json::from_slice(&bytes).unwrap();
    let why: Vec<&str> = back["offtrack"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["why"].as_str())
        .collect();
    assert!(
        !why.is_empty() && why.iter().all(|w| w.ends_with(text)),
        "the exported file lost the exact text {text:?}: {why:?}"
    );

    // The HTML pages spell every hidden character out, as the terminal
    // shows it: a page is read in a browser or a mail client, where a
    // bidirectional override would reorder what it says.
    let page = s.path("page.html");
    let page_arg = page.to_str().unwrap();
    for args in [
        &["report", "--team", t, "--out", page_arg][..],
        &[
            "minutes", "--team", t, "--format", "html", "--out", page_arg,
        ],
    ] {
        let written = run(&db, args);
        assert!(written.ok, "rhythm {}", written.line);
        let html = std::fs::read_to_string(&page).unwrap();
        assert!(
            !html.chars().any(|c| hidden(c) && c != '\n'),
            "rhythm {} wrote a raw control character",
            written.line
        );
    }

    let m = measure.as_str();
    let unknown = format!("No such {text}");
    let u = unknown.as_str();
    let printing: &[&[&str]] = &[
        &["team", "list"],
        &["team", "list", "--json"],
        &["person", "list", "--all"],
        &["measure", "list", "--team", t],
        &["scorecard", "--team", t],
        &["scorecard", "--team", t, "--format", "md"],
        &["scorecard", "--team", t, "--format", "json"],
        &["action", "list", "--all", "--team", t],
        &["offtrack", "list", "--all", "--team", t],
        &["dep", "list", "--all", "--team", t],
        &["decision", "list", "--team", t],
        &["decision", "show", "1", "--team", t],
        &["decision", "show", "2", "--team", t],
        &["minutes", "--team", t],
        &["minutes", "--list", "--team", t],
        &["minutes", "--team", t, "--format", "json"],
        &["minutes", "--team", t, "--format", "html"],
        &["report", "--team", t, "--out", "-"],
        &["export", "--team", t],
        &["export-readings", "--team", t],
        &["export-readings", "--form", "long", "--team", t],
        &["log"],
        &["check"],
    ];
    for args in printing {
        let p = run(&db, args);
        assert_clean(&p);
        assert!(
            p.ok,
            "rhythm {}: {}",
            p.line,
            String::from_utf8_lossy(&p.err)
        );
    }
    // Echoes of what a command changed, and errors that quote a value:
    // whether each succeeds is not the point here, what it prints is.
    let merge_doc = {
        let mut d = doc.clone();
        hostile(&mut d, None, "changed", "changed");
        let path = s.path("merge.json");
        std::fs::write(&path, serde_json::to_vec(&d).unwrap()).unwrap();
        path
    };
    let merge = merge_doc.to_str().unwrap();
    let echoing: &[&[&str]] = &[
        &["action", "done", "1", "--team", t],
        &["decision", "decide", "2", "--chosen", text, "--team", t],
        &["measure", "edit", m, "--unit", text, "--team", t],
        &["record", m, "5", "--note", text, "--team", t],
        &["record", u, "5", "--team", t],
        &["scorecard", "--team", u],
        &["measure", "add", text, "--team", t],
        &["import", "--merge", merge],
        &["log"],
        &["undo"],
    ];
    for args in echoing {
        assert_clean(&run(&db, args));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn no_printing_command_sends_a_control_character_to_the_terminal(text in text()) {
        check(&text);
    }
}

/// Every control character at least once, whatever the generator drew.
#[test]
fn every_control_character_at_once() {
    // All but NUL, which no text may hold (tests/cli_sizes.rs).
    let all: String = (1u32..0x20)
        .chain(0x7f..0xa0)
        .chain(0x202a..0x202f)
        .chain(0x2066..0x206a)
        .filter_map(char::from_u32)
        .collect();
    check(&format!("a{all}e\u{301}"));
}

/// The one thing printed before `main_with` takes over the streams: a
/// clock pinned by the environment that is not a date, quoted back.
#[test]
fn a_bad_pinned_clock_is_quoted_without_its_controls() {
    let s = Sandbox::new();
    let run = s.exec(&[("RHYTHM_NOW", "\u{1b}]0;owned\u{7}\u{9b}2J")], &["check"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: RHYTHM_NOW '\\u001b]0;owned\\u0007\\u009b2J' is not a date (2026-11-25) or an RFC 3339 time (2026-11-25T09:00:00Z) in the years 1900 to 9998\n"
    );
}
