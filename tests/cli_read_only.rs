//! A database whose permissions allow no writing can still be read: the
//! commands that only read work on it, and those that write say in one
//! line that it is read-only, leaving it as it was. The permission bits
//! decide, so this holds for root too (whom the system would let write).

#![allow(clippy::unwrap_used)] // helpers outside #[test] functions panic as test failures

mod common;

use std::os::unix::fs::PermissionsExt;

use common::Sandbox;

fn read_only(t: &Sandbox) {
    let path = t.db();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
}

#[test]
fn read_commands_read_a_read_only_file_and_writes_are_refused() {
    let t = Sandbox::growth();
    t.ok("--team Growth record 'Net revenue retention' 104 --note 'kept'");
    let before = t.digest();
    read_only(&t);
    for read in [
        "--team Growth scorecard",
        "--team Growth scorecard --format json",
        "check",
        "export",
        "--team Growth action list",
        "--team Growth decision list",
        "log",
        "team list",
        "--team Growth export-readings",
        "report --out -",
    ] {
        t.ok(read);
    }
    for write in [
        "--team Growth record 'Net revenue retention' 105",
        "--team Growth action add Call --owner Ana",
        "team add Finance",
        "undo",
    ] {
        assert_eq!(
            t.fails(1, write),
            "error: 'team.db' is read-only (its permissions allow no writing), and this command changes it: make it writable first (chmod u+w)",
            "{write}"
        );
    }
    std::fs::set_permissions(t.db(), std::fs::Permissions::from_mode(0o600)).unwrap();
    assert_eq!(t.digest(), before, "nothing was written");
}
