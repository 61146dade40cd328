//! The queries behind the screens and commands. Each reads only what its
//! caller shows, through an index (see the schema), and returns domain types.

use crate::storage::db::{self, Db, OptionalExtension, Row, params};
use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::{
    ActionId, ActionItem, ActionState, AgendaSection, DecisionState, Direction, Goal, ItemState,
    Measure, MeasureId, MeetingKind, OffTrackId, OffTrackItem, Person, Reading, Target, Team,
    TeamId, Week,
};

use super::names::{self, Named};
use super::{Store, StoreError};

/// Which action items to list.
#[derive(Debug, Clone, Default)]
pub struct ActionFilter {
    /// Empty means every state.
    pub states: Vec<ActionState>,
    pub owner: Option<String>,
    /// Only items due in `from..=to` (either end may be open).
    pub due_from: Option<NaiveDate>,
    pub due_to: Option<NaiveDate>,
    /// Only items created at or after this moment.
    pub created_since: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Default)]
pub struct DecisionFilter {
    /// Empty means every state.
    pub states: Vec<DecisionState>,
}

pub(super) fn meta(conn: &Db, key: &str) -> db::Result<Option<String>> {
    conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()
}

pub(super) fn is_empty(conn: &Db) -> db::Result<bool> {
    conn.query_row("SELECT NOT EXISTS (SELECT 1 FROM team)", [], |r| r.get(0))
}

/// `state IN (...)` as a JSON array bound to one parameter, so a filter of
/// any length is one prepared statement.
pub(super) fn states_json<T: std::fmt::Display>(states: &[T]) -> Option<String> {
    (!states.is_empty()).then(|| {
        serde_json::Value::from(states.iter().map(|s| s.to_string()).collect::<Vec<_>>())
            .to_string()
    })
}

/// A filter's condition when the filter is given, else `?n` IS NULL (its
/// parameter is bound to NULL). Leaving absent filters out of the SQL,
/// rather than writing `(?n IS NULL OR cond)`, lets SQLite search an index
/// on the filtered column; each combination is its own cached statement.
pub(super) fn given(present: bool, n: u8, cond: &str) -> String {
    if present {
        cond.to_string()
    } else {
        format!("CAST(?{n} AS TEXT) IS NULL")
    }
}

const MEASURE_COLUMNS: &str = "m.id, m.team_id, m.name, p.name, m.unit, m.kind, m.direction,
    m.target, m.range_low, m.range_high, m.tolerance, m.position, m.archived";

fn measure_row(r: &Row<'_>) -> db::Result<Measure> {
    let direction: Direction = r.get(6)?;
    let target = match (r.get::<_, Option<f64>>(7)?, r.get(8)?, r.get(9)?) {
        (Some(v), _, _) => Target::Value(v),
        (None, Some(low), Some(high)) => Target::Range { low, high },
        // The schema's CHECKs make this unreachable; a neutral target keeps reads total.
        _ => Target::Value(0.0),
    };
    Ok(Measure {
        id: r.get(0)?,
        team_id: r.get(1)?,
        name: r.get(2)?,
        owner: r.get(3)?,
        unit: r.get(4)?,
        kind: r.get(5)?,
        goal: Goal {
            direction,
            target,
            tolerance: r.get(10)?,
        },
        position: r.get(11)?,
        archived: r.get(12)?,
    })
}

const OFFTRACK_COLUMNS: &str = "o.id, o.team_id, o.measure_id, m.name, o.title, p.name, o.why,
    o.change, o.state, o.raised_week, o.created_at";

fn offtrack_row(r: &Row<'_>) -> db::Result<OffTrackItem> {
    Ok(OffTrackItem {
        id: r.get(0)?,
        team_id: r.get(1)?,
        measure_id: r.get(2)?,
        measure: r.get(3)?,
        title: r.get(4)?,
        owner: r.get(5)?,
        why: r.get(6)?,
        change: r.get(7)?,
        state: r.get(8)?,
        raised_week: r.get(9)?,
        created_at: r.get(10)?,
    })
}

const ACTION_COLUMNS: &str = "a.id, a.team_id, a.title, p.name, a.due, a.state, a.source,
    a.source_id, a.created_at, a.closed_at";

fn action_row(r: &Row<'_>) -> db::Result<ActionItem> {
    Ok(ActionItem {
        id: r.get(0)?,
        team_id: r.get(1)?,
        title: r.get(2)?,
        owner: r.get(3)?,
        due: r.get(4)?,
        state: r.get(5)?,
        source: r.get(6)?,
        source_id: r.get(7)?,
        created_at: r.get(8)?,
        closed_at: r.get(9)?,
    })
}

impl Store {
    pub fn teams(&self) -> Result<Vec<Team>, StoreError> {
        let mut stmt = self.cached(&format!(
            "SELECT id, name, review FROM team ORDER BY {}",
            self.conn.dialect().nocase("name")
        ))?;
        let rows = stmt.query_map([], |r| {
            Ok(Team {
                id: r.get(0)?,
                name: r.get(1)?,
                review: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every team with how many measures it has (archived ones aside), in
    /// one query: what `team list` shows.
    pub fn teams_with_measures(&self) -> Result<Vec<(Team, usize)>, StoreError> {
        let mut stmt = self.cached(&format!(
            "SELECT t.id, t.name, t.review,
                    (SELECT count(*) FROM measure m WHERE m.team_id = t.id AND m.archived = 0)
             FROM team t ORDER BY {}",
            self.conn.dialect().nocase("t.name")
        ))?;
        let rows = stmt.query_map([], |r| {
            let team = Team {
                id: r.get(0)?,
                name: r.get(1)?,
                review: r.get(2)?,
            };
            let measures: i64 = r.get(3)?;
            Ok((team, usize::try_from(measures).unwrap_or_default()))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn people(&self) -> Result<Vec<Person>, StoreError> {
        self.people_where(&format!(
            "SELECT id, name FROM person p ORDER BY {}",
            self.conn.dialect().nocase("name")
        ))
    }

    /// People as `sql` (id, name) lists them: everyone, or only owners.
    pub(super) fn people_where(&self, sql: &str) -> Result<Vec<Person>, StoreError> {
        let mut stmt = self.cached(sql)?;
        let rows = stmt.query_map([], |r| {
            Ok(Person {
                id: r.get(0)?,
                name: r.get(1)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// A team's measures in scorecard order; archived ones last, if asked for.
    pub fn measures(
        &self,
        team: TeamId,
        include_archived: bool,
    ) -> Result<Vec<Measure>, StoreError> {
        let sql = format!(
            "SELECT {MEASURE_COLUMNS} FROM measure m LEFT JOIN person p ON p.id = m.owner_id
             WHERE m.team_id = ?1 AND (CAST(?2 AS BIGINT) != 0 OR m.archived = 0)
             ORDER BY m.archived, m.position, m.id"
        );
        let mut stmt = self.cached(&sql)?;
        let rows = stmt.query_map(params![team, include_archived], measure_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Readings of a team's measures in the weeks `from..=to`.
    pub fn readings(&self, team: TeamId, from: Week, to: Week) -> Result<Vec<Reading>, StoreError> {
        let mut stmt = self.cached(
            "SELECT r.measure_id, r.week, r.value, r.note
             FROM measure m JOIN reading r ON r.measure_id = m.id AND r.week BETWEEN ?2 AND ?3
             WHERE m.team_id = ?1
             ORDER BY r.measure_id, r.week",
        )?;
        let rows = stmt.query_map(params![team, from, to], |r| {
            Ok(Reading {
                measure_id: r.get(0)?,
                week: r.get(1)?,
                value: r.get(2)?,
                note: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn reading(&self, measure: MeasureId, week: Week) -> Result<Option<Reading>, StoreError> {
        let mut stmt = self.cached(
            "SELECT measure_id, week, value, note FROM reading WHERE measure_id = ?1 AND week = ?2",
        )?;
        Ok(stmt
            .query_row(params![measure, week], |r| {
                Ok(Reading {
                    measure_id: r.get(0)?,
                    week: r.get(1)?,
                    value: r.get(2)?,
                    note: r.get(3)?,
                })
            })
            .optional()?)
    }

    /// Action items, open ones by due date first.
    pub fn actions(
        &self,
        team: TeamId,
        filter: &ActionFilter,
    ) -> Result<Vec<ActionItem>, StoreError> {
        let f = filter;
        let sql = format!(
            "SELECT {ACTION_COLUMNS} FROM action_item a LEFT JOIN person p ON p.id = a.owner_id
             WHERE a.team_id = ?1 AND {} AND {} AND {} AND {} AND {}
             ORDER BY a.state != 'open', a.due IS NULL, a.due, a.id",
            given(
                !f.states.is_empty(),
                2,
                &format!("a.state IN ({})", self.conn.dialect().json_texts("?2"))
            ),
            given(f.owner.is_some(), 3, "a.owner_id = ?3"),
            given(f.due_from.is_some(), 4, "a.due >= ?4"),
            given(f.due_to.is_some(), 5, "a.due <= ?5"),
            given(f.created_since.is_some(), 6, "a.created_at >= ?6"),
        );
        // Nobody by that name owns nothing: -1 is no row's id.
        let owner = match &f.owner {
            Some(name) => {
                Some(names::find(&self.conn, Named::Person, name, None)?.map_or(-1, |p| p.0))
            }
            None => None,
        };
        let mut stmt = self.cached(&sql)?;
        let rows = stmt.query_map(
            params![
                team,
                states_json(&filter.states),
                owner,
                filter.due_from,
                filter.due_to,
                filter.created_since
            ],
            action_row,
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The commitments a review checks: every action due by `through` that
    /// is still open, however old (an overdue promise stays until it is done
    /// or dropped), and those closed since the last review (`closed_since`)
    /// or due after it (`due_after`), so the room sees what got done.
    /// Open ones first, the oldest due first: the ones most worth discussing.
    pub fn commitments(
        &self,
        team: TeamId,
        through: NaiveDate,
        due_after: NaiveDate,
        closed_since: DateTime<Utc>,
    ) -> Result<Vec<ActionItem>, StoreError> {
        let sql = format!(
            "SELECT {ACTION_COLUMNS} FROM action_item a LEFT JOIN person p ON p.id = a.owner_id
             WHERE a.team_id = ?1 AND a.due <= ?2
               AND (a.state = 'open' OR a.due > ?3 OR a.closed_at >= ?4)
             ORDER BY a.state != 'open', a.due, a.id"
        );
        let mut stmt = self.cached(&sql)?;
        let rows = stmt.query_map(params![team, through, due_after, closed_since], action_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn action(&self, id: ActionId) -> Result<Option<ActionItem>, StoreError> {
        let sql = format!(
            "SELECT {ACTION_COLUMNS} FROM action_item a LEFT JOIN person p ON p.id = a.owner_id
             WHERE a.id = ?1"
        );
        Ok(self.cached(&sql)?.query_row([id], action_row).optional()?)
    }

    pub fn offtrack_items(
        &self,
        team: TeamId,
        states: &[ItemState],
    ) -> Result<Vec<OffTrackItem>, StoreError> {
        let sql = format!(
            "SELECT {OFFTRACK_COLUMNS} FROM offtrack o
             LEFT JOIN person p ON p.id = o.owner_id LEFT JOIN measure m ON m.id = o.measure_id
             WHERE o.team_id = ?1 AND {}
             ORDER BY o.state != 'open', o.id",
            given(
                !states.is_empty(),
                2,
                &format!("o.state IN ({})", self.conn.dialect().json_texts("?2"))
            )
        );
        let mut stmt = self.cached(&sql)?;
        let rows = stmt.query_map(params![team, states_json(states)], offtrack_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// A team's open off-track items, each with its measure's value in the
    /// week it was raised and in `week` (none without a measure or a
    /// reading): what the review's Off-track section shows, in one query.
    #[allow(clippy::type_complexity)] // the item and its two values
    pub fn open_offtrack_with_values(
        &self,
        team: TeamId,
        week: Week,
    ) -> Result<Vec<(OffTrackItem, Option<f64>, Option<f64>)>, StoreError> {
        let sql = format!(
            "SELECT {OFFTRACK_COLUMNS}, raised.value, now.value FROM offtrack o
             LEFT JOIN person p ON p.id = o.owner_id LEFT JOIN measure m ON m.id = o.measure_id
             LEFT JOIN reading raised
                 ON raised.measure_id = o.measure_id AND raised.week = o.raised_week
             LEFT JOIN reading now ON now.measure_id = o.measure_id AND now.week = ?2
             WHERE o.team_id = ?1 AND o.state = 'open'
             ORDER BY o.id"
        );
        let mut stmt = self.cached(&sql)?;
        let rows = stmt.query_map(params![team, week], |r| {
            Ok((offtrack_row(r)?, r.get(11)?, r.get(12)?))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn offtrack_item(&self, id: OffTrackId) -> Result<Option<OffTrackItem>, StoreError> {
        let sql = format!(
            "SELECT {OFFTRACK_COLUMNS} FROM offtrack o
             LEFT JOIN person p ON p.id = o.owner_id LEFT JOIN measure m ON m.id = o.measure_id
             WHERE o.id = ?1"
        );
        Ok(self
            .cached(&sql)?
            .query_row([id], offtrack_row)
            .optional()?)
    }

    pub fn agenda(
        &self,
        team: TeamId,
        kind: MeetingKind,
    ) -> Result<Vec<AgendaSection>, StoreError> {
        let mut stmt = self.cached(
            "SELECT name, minutes, section FROM agenda_section WHERE team_id = ?1 AND kind = ?2
             ORDER BY position",
        )?;
        let rows = stmt.query_map(params![team, kind], |r| {
            Ok(AgendaSection {
                kind: r.get(2)?,
                name: r.get(0)?,
                minutes: r.get(1)?,
            })
        })?;
        let agenda: Vec<AgendaSection> = rows.collect::<Result<_, _>>()?;
        // A kind of meeting the team never set an agenda for runs the
        // default one.
        if agenda.is_empty() {
            return Ok(crate::domain::agenda::default_agenda(kind));
        }
        Ok(agenda)
    }
}
