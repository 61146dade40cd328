//! The names a shell offers while a command is being typed. Each list is
//! one small read, so pressing TAB never waits on the file.

use crate::storage::db::{self, params};

use super::names::stored;
use super::{Store, StoreError};

/// Which names to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameList {
    Teams,
    People,
    /// The measures on a scorecard (archived ones are left out).
    Measures,
}

impl Store {
    /// The names of `list`, sorted. Measures are those of the team named
    /// `team` (any case), or of every team when no team is named: the
    /// command being typed may not have chosen one yet.
    pub fn names(&self, list: NameList, team: Option<&str>) -> Result<Vec<String>, StoreError> {
        let team = team.map(stored);
        let d = self.conn.dialect();
        let (sql, team) = match list {
            NameList::Teams => (
                format!("SELECT name FROM team ORDER BY {}", d.nocase("name")),
                None,
            ),
            NameList::People => (
                format!("SELECT name FROM person ORDER BY {}", d.nocase("name")),
                None,
            ),
            NameList::Measures => (
                format!(
                    "SELECT m.name FROM measure m JOIN team t ON t.id = m.team_id
                     WHERE m.archived = 0 AND (CAST(?1 AS TEXT) IS NULL OR {} = {})
                     GROUP BY m.name ORDER BY {}",
                    d.nocase("t.name"),
                    d.nocase("?1"),
                    d.nocase("m.name")
                ),
                Some(team),
            ),
        };
        let mut stmt = self.cached(&sql)?;
        let name = |r: &db::Row<'_>| r.get::<_, String>(0);
        let rows = match team {
            Some(team) => stmt.query_map(params![team], name)?,
            None => stmt.query_map([], name)?,
        };
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
