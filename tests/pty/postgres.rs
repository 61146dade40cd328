//! The home screen and a meeting screen asked for on a PostgreSQL server
//! that cannot be reached: one line before the terminal is taken over.

use super::{Session, assert_restored};

#[test]
fn a_screen_on_an_unreachable_server_is_refused_before_the_terminal_changes() {
    let dir = tempfile::tempdir().unwrap();
    let url = "postgresql://ana:hunter2@db.example:6432/rhythm";
    for args in [vec!["--db", url], vec!["--db", url, "meeting"]] {
        let (status, screen) = Session::start(dir.path(), &args).finish();
        assert_eq!(status.exit_code(), 1, "{args:?}");
        assert_restored(&screen);
        let said = screen.contents();
        let said = said.trim();
        assert!(
            said.starts_with("error: cannot reach PostgreSQL at db.example:6432: ")
                && !said.contains('\n')
                && !said.contains("hunter2"),
            "{args:?}: {said}"
        );
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}
