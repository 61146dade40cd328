//! The home screen and a meeting screen asked for on a PostgreSQL database:
//! refused in one line before the terminal is taken over.

use super::{Session, assert_restored};

#[test]
fn a_screen_on_a_postgres_url_is_refused_before_the_terminal_changes() {
    let dir = tempfile::tempdir().unwrap();
    let url = "postgresql://ana:hunter2@db.example:6432/rhythm";
    for args in [vec!["--db", url], vec!["--db", url, "meeting"]] {
        let (status, screen) = Session::start(dir.path(), &args).finish();
        assert_eq!(status.exit_code(), 1, "{args:?}");
        assert_restored(&screen);
        assert_eq!(
            screen.contents().trim(),
            "error: PostgreSQL databases (postgresql://ana@db.example:6432/rhythm) are not supported by this build yet: use a SQLite file",
            "{args:?}"
        );
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}
