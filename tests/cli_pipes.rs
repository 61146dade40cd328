//! Standard output as shells and scripts use it. Every command that prints
//! ends quietly when its reader goes away, as `rhythm ... | head -1` does:
//! exit 0, nothing on stderr, never a panic. The real binary runs with its
//! standard output a pipe whose reader is closed before it starts (every
//! write fails at once) or after one byte. And `--out -` is standard
//! output, never a file called `-`.

#![allow(clippy::unwrap_used)]

mod common;

use std::io::Read;
use std::process::{Output, Stdio};

use common::{Sandbox, shell_words};

/// Every printing command, on the demo database (three teams, a history
/// with ended meetings and decisions).
const PRINTING: &[&str] = &[
    "",
    "demo --no-tui",
    "--help",
    "--version",
    "help",
    "help record",
    "record --help",
    "action add -h",
    "completions bash",
    "completions zsh",
    "completions fish",
    "man",
    "where",
    "init",
    "team list",
    "team list --json",
    "person list --all",
    "measure list --team Growth",
    "scorecard --team Growth",
    "scorecard --team Growth --format md",
    "scorecard --team Growth --format json",
    "action list --all --team Growth",
    "offtrack list --all --team Growth",
    "dep list --all --team Growth",
    "decision list --state all --team Growth",
    "decision show 1 --team Growth",
    "minutes --team Growth",
    "minutes --list --team Growth",
    "minutes --team Growth --format json",
    "minutes --team Growth --format html",
    "report --out -",
    "export",
    "export --team Growth",
    "export-readings --team Growth",
    "export-readings --team Growth --form long",
    "log",
    "log --json",
    "check",
    "decision export --adr adr --team Growth",
    "record 'Net revenue retention' 104 --team Growth",
    "action add 'Call the renewals' --owner Ana --team Growth",
];

fn demo() -> Sandbox {
    let t = Sandbox::new();
    t.ok("demo --no-tui");
    t
}

/// `rhythm --db team.db LINE` with stdout a pipe; `keep` bytes are read
/// before the reader closes (0: closed before the command starts).
fn piped(t: &Sandbox, line: &str, keep: usize) -> Output {
    let (mut reader, writer) = std::io::pipe().unwrap();
    let mut command = t.command(&shell_words(&format!("--db team.db {line}")));
    command
        .stdin(Stdio::null())
        .stdout(writer)
        .stderr(Stdio::piped());
    if keep == 0 {
        drop(reader);
        return command.output().unwrap();
    }
    let child = command.spawn().unwrap();
    // The command's copy of the writer is its own; ours goes with `command`.
    drop(command);
    let mut first = vec![0; keep];
    reader.read_exact(&mut first).unwrap();
    drop(reader);
    child.wait_with_output().unwrap()
}

fn assert_quiet(line: &str, keep: usize, out: &Output) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.code() == Some(0) && stderr.is_empty(),
        "rhythm {line} with its reader gone after {keep} bytes: {:?}, stderr:\n{stderr}",
        out.status
    );
}

#[test]
fn every_printing_command_ends_quietly_when_the_reader_is_gone() {
    let t = demo();
    for line in PRINTING {
        assert_quiet(line, 0, &piped(&t, line, 0));
    }
}

#[test]
fn every_printing_command_ends_quietly_when_the_reader_stops_after_a_byte() {
    let t = demo();
    for line in PRINTING {
        assert_quiet(line, 1, &piped(&t, line, 1));
    }
}

/// A write that fails for another reason than a closed pipe is reported:
/// help and completions included, which clap would write and forget.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_reported_not_ignored() {
    let t = demo();
    for line in ["--help", "--version", "completions bash", "team list"] {
        let full = std::fs::File::create("/dev/full").unwrap();
        let out = t
            .command(&shell_words(&format!("--db team.db {line}")))
            .stdout(full)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "rhythm {line} > /dev/full");
        assert!(
            stderr.starts_with("error: ") && stderr.lines().count() == 1,
            "rhythm {line} > /dev/full: {stderr}"
        );
    }
}

/// `--out -` prints what the command prints without `--out`, byte for
/// byte, and writes no file.
#[test]
fn out_dash_is_standard_output_for_every_command_that_takes_out() {
    let t = demo();
    for line in [
        "export",
        "export --team Growth",
        "minutes --team Growth",
        "minutes --team Growth --format json",
        "export-readings --team Growth --form long",
    ] {
        let plain = t.run(line).ok();
        assert!(!plain.is_empty(), "{line} printed nothing");
        let dashed = t.run(&format!("{line} --out -")).ok();
        assert!(plain == dashed, "{line} --out - printed something else");
        assert!(
            !t.path("-").exists(),
            "{line} --out - wrote a file called -"
        );
    }
    // A file that is there already, called `-`, is left alone.
    std::fs::write(t.path("-"), "kept").unwrap();
    t.ok("minutes --team Growth --out -");
    t.ok("export --out -");
    assert_eq!(std::fs::read_to_string(t.path("-")).unwrap(), "kept");
    // A file called `-` can still be written, named as ./-.
    let said = t.ok("export --team Growth --out ./-");
    assert!(said.starts_with("Exported "), "{said}");
    assert_eq!(
        std::fs::read_to_string(t.path("-")).unwrap(),
        t.ok("export --team Growth")
    );
}

/// A data file asked for on standard output, piped or redirected, is the
/// very file `--out FILE` writes: control characters in a note and all.
/// A terminal sees them spelt out (`terminal_text`).
#[test]
fn data_on_a_pipe_is_the_file_exactly() {
    let t = Sandbox::growth();
    let note = "a\u{1b}[31mb\u{202e}c";
    t.exec(
        &[],
        &[
            "--db",
            "team.db",
            "record",
            "Net revenue retention",
            "1",
            "--note",
            note,
        ],
    )
    .ok();
    for (command, file) in [
        ("export-readings --form long", "r.csv"),
        ("export-readings", "w.csv"),
    ] {
        t.ok(&format!("{command} --out {file}"));
        let piped = t.ok(&format!("{command} --out -"));
        assert_eq!(
            piped.as_bytes(),
            std::fs::read(t.path(file)).unwrap(),
            "{command}"
        );
    }
    // The long form carries the notes.
    assert!(t.ok("export-readings --form long --out -").contains(note));
}
