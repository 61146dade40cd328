//! Which database a store test runs on. Tests written with `both!` run
//! once on an in-memory SQLite store and once on PostgreSQL, in a schema
//! of their own that is dropped when the test ends. The server is named by
//! `RHYTHM_TEST_PG` (`postgres://USER@HOST/DB`); without it, the PostgreSQL
//! half of each test returns at once and the run says so once.

use std::cell::{Cell, RefCell};
use std::io::Write as _;
use std::sync::Once;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::pg_url::PgUrl;
use crate::pg_url::password::Credentials;
use crate::storage::{OpenMode, Store};

pub(crate) const ENV: &str = "RHYTHM_TEST_PG";

thread_local! {
    static ON_PG: Cell<bool> = const { Cell::new(false) };
    static SCHEMAS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// A test body written once, run on both databases.
macro_rules! both {
    ($($(#[$doc:meta])* fn $name:ident() $body:block)*) => {$(
        $(#[$doc])*
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            fn body() $body

            #[test]
            fn sqlite() {
                body()
            }

            #[test]
            fn postgres() {
                if let Some(_on) = $crate::storage::tests::backend::on_pg() {
                    body()
                }
            }
        }
    )*};
}

fn server() -> Option<String> {
    std::env::var(ENV).ok().filter(|s| !s.is_empty())
}

/// While alive, `store()` gives PostgreSQL stores; dropping it drops
/// their schemas.
pub(crate) struct OnPg;

impl Drop for OnPg {
    fn drop(&mut self) {
        ON_PG.set(false);
        let schemas = SCHEMAS.take();
        if schemas.is_empty() {
            return;
        }
        let mut admin = admin();
        for schema in schemas {
            // A store still open keeps its schema until its connection
            // closes; dropping waits for that.
            let _ = admin.batch_execute(&format!("DROP SCHEMA IF EXISTS \"{schema}\" CASCADE"));
        }
    }
}

/// Switches this test to PostgreSQL, or says once that it cannot.
pub(crate) fn on_pg() -> Option<OnPg> {
    if server().is_none() {
        static SKIPPED: Once = Once::new();
        SKIPPED.call_once(|| {
            let _ = std::io::stderr().write_all(
                format!("PostgreSQL suite skipped: set {ENV}=postgres://USER@HOST/DB\n").as_bytes(),
            );
        });
        return None;
    }
    ON_PG.set(true);
    Some(OnPg)
}

pub(crate) fn on_postgres() -> bool {
    ON_PG.get()
}

/// A connection to the test server itself, for making and dropping schemas.
pub(crate) fn admin() -> postgres::Client {
    let url = server().unwrap_or_else(|| panic!("{ENV} is not set"));
    let mut client = postgres::Client::connect(&url, postgres::NoTls)
        .unwrap_or_else(|e| panic!("{ENV}={url}: {e}"));
    static SWEPT: Once = Once::new();
    SWEPT.call_once(|| sweep(&mut client));
    client
}

/// Drops the schemas of test runs that died before dropping their own.
fn sweep(client: &mut postgres::Client) {
    let Ok(rows) = client.query(
        "SELECT nspname::text FROM pg_namespace WHERE nspname LIKE 'rt\\_%'",
        &[],
    ) else {
        return;
    };
    for row in rows {
        let name: String = row.get(0);
        let pid = name.split('_').nth(1).unwrap_or_default();
        if !std::path::Path::new("/proc").join(pid).exists() {
            let _ = client.batch_execute(&format!("DROP SCHEMA IF EXISTS \"{name}\" CASCADE"));
        }
    }
}

/// A URL for a fresh, empty schema of the test server.
pub(crate) fn fresh_url() -> PgUrl {
    static N: AtomicUsize = AtomicUsize::new(0);
    let schema = format!(
        "rt_{}_{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    );
    admin()
        .batch_execute(&format!("CREATE SCHEMA \"{schema}\""))
        .unwrap_or_else(|e| panic!("{schema}: {e}"));
    SCHEMAS.with_borrow_mut(|s| s.push(schema.clone()));
    let base = server().unwrap_or_default();
    let glue = if base.contains('?') { '&' } else { '?' };
    PgUrl::parse(&format!("{base}{glue}options=-csearch_path%3D{schema}"))
        .unwrap_or_else(|e| panic!("{ENV}: {e}"))
}

pub(crate) fn credentials(url: &PgUrl) -> Credentials {
    Credentials {
        user: url.user.clone().unwrap_or_else(|| "postgres".to_string()),
        password: url.password().map(str::to_string),
        from: None,
        warning: None,
    }
}

/// A new store on the database this test runs on.
pub(crate) fn store() -> Store {
    if !on_postgres() {
        return Store::open_in_memory().unwrap();
    }
    let url = fresh_url();
    Store::connect(&url, &credentials(&url), OpenMode::Create)
        .unwrap_or_else(|e| panic!("{url}: {e}"))
}

/// Two stores on one database, as two processes would have it: a file on
/// SQLite, one schema on PostgreSQL. The directory, if any, is the file's.
pub(crate) fn pair() -> (Store, Store, Option<tempfile::TempDir>) {
    if on_postgres() {
        let url = fresh_url();
        let open = |mode| {
            Store::connect(&url, &credentials(&url), mode).unwrap_or_else(|e| panic!("{url}: {e}"))
        };
        let a = open(OpenMode::Create);
        return (a, open(OpenMode::MustExist), None);
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("team.db");
    let a = Store::open(&path, OpenMode::Create).unwrap();
    let b = Store::open(&path, OpenMode::MustExist).unwrap();
    (a, b, Some(dir))
}
