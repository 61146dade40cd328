//! Ending a meeting as the room saw it, for a meeting of any week: the
//! screen (a review left open earlier) and `rhythm meeting end` share it.

use std::path::{Path, PathBuf};

use crate::clock::Clock;
use crate::domain::change::MINUTES_MAX;
use crate::domain::{Change, Meeting, MeetingId, Team, Week};
use crate::files::{Replace, write_private};
use crate::formats::minutes;
use crate::hooks::Running;
use crate::storage::{DecisionFilter, Store, StoreError};

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
    let text = within_bound(minutes::render(&minutes::Input {
        board: &board,
        meeting: m,
        seconds: &seconds,
        ended_at: clock.now,
    }));
    let change = Change::EndMeeting {
        meeting: m.id,
        commitments: board.completion_counts(),
        snapshot: Box::new(board.scorecard),
        minutes: text.clone(),
    };
    Ok((change, text))
}

/// Minutes past `MINUTES_MAX` (texts that each fit their bound, many of
/// them) are cut there, saying so: the meeting ends whatever it holds, and
/// every text stays whole in the database.
fn within_bound(text: String) -> String {
    if text.chars().count() <= MINUTES_MAX {
        return text;
    }
    let note = "\n\n(The minutes stop here: they reached rhythm's limit of 10,000,000 characters. Every record they cut is whole in the database.)\n";
    let keep = MINUTES_MAX - note.chars().count();
    let mut cut: String = text.chars().take(keep).collect();
    cut.push_str(note);
    cut
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
///
/// With a folder in `after`, the minutes go there instead; with a hook,
/// it runs once they are written (see `Written`).
pub fn write_minutes(
    store: &Store,
    db_path: &Path,
    after: &AfterMeeting,
    team: &str,
    week: Week,
    meeting: MeetingId,
    text: &str,
) -> Result<Written, String> {
    let path = write_file(store, db_path, after, team, week, meeting, text)?;
    let hook = after.hook.as_ref().map(|hook| {
        let db = match &after.server {
            Some(url) => url.clone(),
            None => absolute_text(db_path),
        };
        start_hook(store, &db, hook, &path, team, week, meeting, text)
    });
    Ok(Written {
        path: path.display().to_string(),
        hook,
    })
}

/// Where the minutes were written, and the hook started then, if any: the
/// meeting has ended and its minutes are safe whatever the hook does.
pub struct Written {
    pub path: String,
    /// The running hook, or why it could not start.
    pub hook: Option<Result<Running, String>>,
}

/// Where an ended meeting's minutes go, and what runs then (from the
/// config file: `minutes` and `hooks.meeting_end`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AfterMeeting {
    pub minutes_dir: Option<PathBuf>,
    /// A server's database as the hook is told it (`RHYTHM_DB`): its URL
    /// without the password. None for a file, which is named by its path.
    pub server: Option<String>,
    pub hook: Option<String>,
}

/// Starts the hook, given the minutes on standard input, their file, and
/// the meeting as `minutes --format json` prints it in a file beside them.
#[allow(clippy::too_many_arguments)]
fn start_hook(
    store: &Store,
    db: &str,
    hook: &str,
    path: &Path,
    team: &str,
    week: Week,
    meeting: MeetingId,
    text: &str,
) -> Result<Running, String> {
    let m = store
        .meeting(meeting)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("meeting #{meeting} is gone"))?;
    let decisions = store
        .decisions(m.team_id, &DecisionFilter::default())
        .map_err(|e| e.to_string())?;
    let made = minutes::made_in(&m, &decisions);
    let doc = minutes::document(team, &m, made, text, minutes::Source::Written);
    let json = crate::formats::json::to_string_pretty(&doc).map_err(|e| e.to_string())?;
    let json_path = path.with_extension("json");
    // A file of that name is replaced only when it is this meeting's.
    let ours = |t: &str| {
        serde_json::from_str::<serde_json::Value>(t).is_ok_and(|v| {
            v["meeting"]["id"] == serde_json::json!(meeting.0) && v["minutes"] == text
        })
    };
    let replace = match std::fs::read_to_string(&json_path) {
        Ok(t) if ours(&t) => Replace::Yes,
        _ => Replace::No,
    };
    write_private(
        &json_path,
        format!("{json}\n").as_bytes(),
        replace,
        &store.guard(),
    )
    .map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => format!(
            "'{}' is there already and is not this meeting's: move it",
            json_path.display()
        ),
        _ => format!("{}: {e}", json_path.display()),
    })?;
    let env = vec![
        ("RHYTHM_MINUTES".to_string(), absolute_text(path)),
        ("RHYTHM_MEETING_JSON".to_string(), absolute_text(&json_path)),
        ("RHYTHM_TEAM".to_string(), team.to_string()),
        ("RHYTHM_WEEK".to_string(), week.to_string()),
        ("RHYTHM_DB".to_string(), db.to_string()),
    ];
    Ok(Running::start(hook.to_string(), text.to_string(), env))
}

/// A path as the hook is given it: absolute, so a hook that changes folder
/// still finds it.
fn absolute_text(p: &Path) -> String {
    let p = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    p.as_os_str().to_string_lossy().into_owned()
}

/// Writes the minutes' file (see `write_minutes`); returns its path.
fn write_file(
    store: &Store,
    db_path: &Path,
    after: &AfterMeeting,
    team: &str,
    week: Week,
    meeting: MeetingId,
    text: &str,
) -> Result<PathBuf, String> {
    let dir = after.minutes_dir.clone().unwrap_or_else(|| {
        db_path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .join("minutes")
    });
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
        // Only the very same minutes are written over (the same end, once
        // more): minutes of an end since undone may have been edited by
        // hand, and another meeting's or someone's file is never ours.
        let same = std::fs::read(&path).is_ok_and(|t| t == body.as_bytes());
        let replace = if same { Replace::Yes } else { Replace::No };
        match write_private(&path, body.as_bytes(), replace, &guard) {
            Ok(()) => return Ok(path),
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
