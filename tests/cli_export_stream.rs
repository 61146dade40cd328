//! `rhythm export --out` writes beside the file and renames it into place:
//! an earlier export is replaced whole, and no partial file is left behind.
//! (The bytes themselves are held to the in-memory archive's by the unit
//! tests in storage/archive_stream.rs and by cli_transfer's round trips.)

#![allow(clippy::unwrap_used)]

mod common;

use common::Sandbox;

fn names(t: &Sandbox, dir: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(t.path(dir))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn an_export_replaces_the_file_and_leaves_nothing_else() {
    let t = Sandbox::growth();
    std::fs::create_dir(t.path("out")).unwrap();
    std::fs::write(
        t.path("out/team.json"),
        "an older, longer file ".repeat(10_000),
    )
    .unwrap();
    let said = t.ok("export --out out/team.json");
    assert!(said.starts_with("Exported "), "{said}");
    assert_eq!(names(&t, "out"), ["team.json"]);
    let written = std::fs::read(t.path("out/team.json")).unwrap();
    assert_eq!(written, t.ok("export").into_bytes());
}
