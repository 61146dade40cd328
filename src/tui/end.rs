//! Ending a meeting as the room saw it, for a meeting of any week: the
//! screen (a review left open earlier) and `rhythm meeting end` share it.

use std::path::Path;

use crate::clock::Clock;
use crate::domain::{Change, Meeting, MeetingId, Team, Week};
use crate::files::{Replace, write_private};
use crate::formats::minutes;
use crate::storage::{Store, StoreError};

use super::load_board;

/// The change that ends `m` at `clock.now`, and its minutes: the scorecard
/// as of the meeting's own week is frozen as its snapshot.
pub fn ending(
    store: &Store,
    team: &Team,
    m: &Meeting,
    clock: &Clock,
) -> Result<(Change, String), StoreError> {
    let mut at = *clock;
    if m.week < Week::containing(at.today) {
        at.today = m.week.sunday();
    }
    let mut board = load_board(store, team, &at)?;
    if board.meeting.as_ref().map(|b| b.id) != Some(m.id) {
        board.meeting = Some(m.clone());
    }
    let seconds: Vec<u32> = m.sections.iter().map(|x| x.seconds_spent).collect();
    let text = minutes::render(&minutes::Input {
        board: &board,
        meeting: m,
        seconds: &seconds,
        ended_at: clock.now,
    });
    let change = Change::EndMeeting {
        meeting: m.id,
        snapshot: Box::new(board.scorecard),
        minutes: text.clone(),
    };
    Ok((change, text))
}

/// Minutes go beside the database, in `minutes/`, one file per meeting,
/// named by team, week and the start of the meeting's stable id
/// (`growth-2026-W49-3f9a2c1b.md`): random, so databases that share a
/// folder never share a name. The file ends with a line naming the meeting
/// and the database; a file of that name that lacks this line belongs to
/// another meeting and is never replaced: the minutes take the next free
/// name (`-2`, `-3`) instead of failing, because a meeting that has just
/// ended cannot wait while someone clears a folder. Returns the file's path.
/// The screen and `rhythm meeting end` both write them here.
pub fn write_minutes(
    store: &Store,
    db_path: &Path,
    team: &str,
    week: Week,
    meeting: MeetingId,
    text: &str,
) -> Result<String, String> {
    let dir = db_path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join("minutes");
    crate::files::create_private_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let uid = store
        .meeting_uid(meeting)
        .map_err(|e| e.to_string())?
        .unwrap_or_else(|| meeting.0.to_string());
    let db_name: String = db_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '<' | '>'))
        .collect();
    let mark = format!("<!-- rhythm: the minutes of meeting {uid} in {db_name} -->");
    let body = format!("{}\n\n{mark}\n", text.trim_end());
    let stem = format!(
        "{}-{week}-{}",
        crate::formats::slug::file_slug(team, "team"),
        uid.get(..8).unwrap_or(&uid)
    );
    let guard = store.guard();
    for n in 1..=MAX_NAMES {
        let name = match n {
            1 => format!("{stem}.md"),
            n => format!("{stem}-{n}.md"),
        };
        let path = dir.join(name);
        let ours = std::fs::read_to_string(&path).is_ok_and(|t| t.lines().any(|l| l == mark));
        let replace = if ours { Replace::Yes } else { Replace::No };
        match write_private(&path, body.as_bytes(), replace, &guard) {
            Ok(()) => return Ok(path.display().to_string()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(format!("{}: {e}", path.display())),
        }
    }
    Err(format!(
        "{}: {MAX_NAMES} files named {stem} are there already",
        dir.display()
    ))
}

/// How many names the minutes try before giving up on a crowded folder.
const MAX_NAMES: usize = 100;
