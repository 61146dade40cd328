//! The operation log. Every write through the store's door opens one
//! operation in the same transaction: who, from where, when, a line a person
//! can read, and (through triggers made from the
//! schema) every row written with its images before and after. Undo and
//! redo replay those images backwards, and are operations themselves.

mod describe;
mod history;
mod replay;
pub(crate) mod schema;
pub(crate) mod schema_pg;
mod undo;

use crate::storage::db::{Db, OptionalExtension, params};
use chrono::{DateTime, Utc};

use crate::domain::{Change, OpId, OpKind, Origin, TeamId};

use super::StoreError;

pub(super) use describe::summarize;
pub use undo::Reversed;

/// Opens an operation. With `keep_images`, the triggers log every row the
/// transaction writes from now until `close`; without (the demo), the
/// operation is recorded but cannot be undone.
pub(super) fn open(
    conn: &Db,
    origin: &Origin,
    kind: OpKind,
    now: DateTime<Utc>,
    keep_images: bool,
) -> Result<OpId, StoreError> {
    let id = conn
        .prepare_cached(
            "INSERT INTO operation (at, author, source, kind, summary, approved_by, undoable,
                 logging, first_row)
             VALUES (?1, ?2, ?3, ?4, '', ?5, ?6, ?6,
                 (SELECT coalesce(max(id), 0) + 1 FROM op_row))
             RETURNING id",
        )?
        .query_row(
            params![
                now,
                origin.author,
                origin.source.as_str(),
                kind.as_str(),
                origin.approved_by,
                keep_images
            ],
            |r| r.get(0),
        )?;
    Ok(OpId(id))
}

/// Stops logging rows and gives the operation its line and its team.
pub(super) fn close(
    conn: &Db,
    op: OpId,
    summary: &str,
    team: Option<TeamId>,
) -> Result<(), StoreError> {
    let team = match team {
        Some(t) => Some(t.0),
        None => team_of(conn, op)?,
    };
    conn.prepare_cached(
        "UPDATE operation SET summary = ?1, team_id = ?2, logging = 0,
             last_row = (SELECT coalesce(max(id), 0) FROM op_row)
         WHERE id = ?3",
    )?
    .execute(params![summary, team, op.0])?;
    Ok(())
}

/// The team whose record the operation wrote first.
fn team_of(conn: &Db, op: OpId) -> Result<Option<i64>, StoreError> {
    let d = conn.dialect();
    let first = d.json_int("key", "$[0]");
    let image = |field: &str| d.json_int("coalesce(after, before)", &format!("$.{field}"));
    let team = conn
        .prepare_cached(&format!(
            "SELECT CASE tbl
               WHEN 'team' THEN {first}
               WHEN 'reading' THEN (SELECT team_id FROM measure WHERE id = {first})
               WHEN 'meeting_section' THEN (SELECT team_id FROM meeting WHERE id = {first})
               WHEN 'meeting_attendee' THEN (SELECT team_id FROM meeting WHERE id = {first})
               WHEN 'dependency' THEN coalesce({}, {})
               WHEN 'initiative_person' THEN (SELECT team_id FROM initiative WHERE id = {first})
               WHEN 'milestone' THEN (SELECT team_id FROM initiative WHERE id = {})
               ELSE {} END
             FROM op_row
             WHERE id >= (SELECT first_row FROM operation WHERE id = ?1) AND op_id = ?1
               AND tbl != 'person'
             ORDER BY id LIMIT 1",
            image("needing_team_id"),
            image("providing_team_id"),
            image("initiative_id"),
            image("team_id"),
        ))?
        .query_row([op.0], |r| r.get::<_, Option<i64>>(0))
        .optional()?;
    Ok(team.flatten())
}

/// Whether a change is recorded as an operation. The meeting clock's
/// saves and the driver's lease and heartbeat (every few seconds while a
/// meeting runs) are bookkeeping, not something anyone typed or would undo.
pub(super) fn is_logged(change: &Change) -> bool {
    !matches!(
        change,
        Change::SaveMeetingClock { .. } | Change::DriveMeeting { .. } | Change::LeaveMeeting { .. }
    )
}
