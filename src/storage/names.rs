//! Finding a team, person or measure by its name as people read it (see
//! `domain::names`). The column's own NOCASE index answers the common case,
//! a name typed as stored; only a name it misses is compared by key
//! against the rows in scope, which are few (one file's teams and people,
//! one team's measures).

use crate::storage::db::{self, Db, OptionalExtension, params};

use crate::domain::names;

/// The form every name is written in.
pub(super) use crate::domain::names::stored;

/// Where a name is unique.
#[derive(Debug, Clone, Copy)]
pub(super) enum Named {
    Team,
    Person,
    /// A measure's name is unique within its team.
    Measure(i64),
}

impl Named {
    /// The table, and the condition that keeps to the scope (`?1` is the
    /// row to leave out, `?2` the team).
    fn from(self) -> (&'static str, &'static str, Option<i64>) {
        match self {
            Named::Team => (
                "team",
                "id IS DISTINCT FROM ?1 AND CAST(?2 AS BIGINT) IS NULL",
                None,
            ),
            Named::Person => (
                "person",
                "id IS DISTINCT FROM ?1 AND CAST(?2 AS BIGINT) IS NULL",
                None,
            ),
            Named::Measure(team) => (
                "measure",
                "id IS DISTINCT FROM ?1 AND team_id = ?2",
                Some(team),
            ),
        }
    }
}

/// The row of `what` named `name` (other than `except`), with its name as
/// stored.
pub(super) fn find(
    conn: &Db,
    what: Named,
    name: &str,
    except: Option<i64>,
) -> db::Result<Option<(i64, String)>> {
    let (table, scope, team) = what.from();
    let name = names::stored(name);
    let d = conn.dialect();
    let exact = conn
        .prepare_cached(&format!(
            "SELECT id, name FROM {table} WHERE {scope} AND {} = {}",
            d.nocase("name"),
            d.nocase("?3")
        ))?
        .query_row(params![except, team, name], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    if exact.is_some() {
        return Ok(exact);
    }
    let key = names::key(&name);
    let mut rows = conn.prepare_cached(&format!(
        "SELECT id, name FROM {table} WHERE {scope} ORDER BY id"
    ))?;
    let mut rows = rows.query(params![except, team])?;
    while let Some(row) = rows.next()? {
        let stored: String = row.get(1)?;
        if names::key(&stored) == key {
            return Ok(Some((row.get(0)?, stored)));
        }
    }
    Ok(None)
}
