//! Minutes rebuilt for a meeting that ended without written ones, from
//! what the database kept of it, and which decisions were made in it.

use crate::app::clock::format_duration;
use crate::domain::{Decision, DecisionState, Meeting};

use super::escape::md;
use super::sections::{clamped_end, decision_made, scorecard_section, time_section};

/// What can be said of a meeting that ended without written minutes (the
/// demo's history, or one imported): when it was held, the scorecard as the
/// room saw it, and the time spent.
pub fn from_record(team: &str, meeting: &Meeting) -> String {
    record(team, meeting, None)
}

/// [`from_record`] with the decisions made in the meeting first (see
/// [`made_in`]), as written minutes put them.
pub fn from_record_with(team: &str, meeting: &Meeting, made: &[&Decision]) -> String {
    record(team, meeting, Some(made))
}

fn record(team: &str, meeting: &Meeting, made: Option<&[&Decision]>) -> String {
    let spent: u32 = meeting.sections.iter().map(|s| s.seconds_spent).sum();
    let rating = meeting
        .rating
        .map(|r| format!(" Rated {r}/10."))
        .unwrap_or_default();
    let ended = meeting.ended_at.map(|e| {
        clamped_end(meeting.started_at, e, |t| {
            t.format("%Y-%m-%d %H:%M UTC").to_string()
        })
    });
    // Ended on a later day (left open over a weekend): the date alone
    // would say it was all held on the first.
    let until = match ended {
        Some((e, _)) if e.date_naive() != meeting.started_at.date_naive() => {
            e.format(", ended %a %Y-%m-%d %H:%M UTC").to_string()
        }
        _ => String::new(),
    };
    let mut out = format!(
        "# {} — {} review {}\n\nHeld {}{until} ({}).{rating}\n\n",
        md(team),
        meeting.kind,
        meeting.week,
        meeting.started_at.format("%Y-%m-%d"),
        format_duration(spent)
    );
    if let Some((_, Some(moved))) = ended {
        out.push_str(&moved);
        out.push_str("\n\n");
    }
    if let Some(made) = made {
        out.push_str("## Decisions made\n\n");
        if made.is_empty() {
            out.push_str("None.\n");
        }
        for d in made {
            out.push_str(&decision_made(d));
            out.push('\n');
        }
        out.push('\n');
    }
    match &meeting.snapshot {
        Some(card) => out.push_str(&scorecard_section(card, meeting.week)),
        None => out.push_str("No scorecard was kept for this meeting.\n"),
    }
    let sections: Vec<(String, u32, u32)> = meeting
        .sections
        .iter()
        .map(|s| (s.name.clone(), s.minutes, s.seconds_spent))
        .collect();
    out.push_str(&time_section(&sections));
    out
}

/// The decisions made in `meeting`, oldest first: those filed under it, and
/// those filed under no meeting (the demo's history, an import) but made
/// while it ran, the rule that files them when a meeting ends.
pub fn made_in<'a>(meeting: &Meeting, decisions: &'a [Decision]) -> Vec<&'a Decision> {
    let ran = |d: &Decision| match (d.made_at, meeting.ended_at) {
        (Some(made), Some(ended)) => {
            let ended = ended.max(meeting.started_at);
            d.state != DecisionState::Needed && made >= meeting.started_at && made <= ended
        }
        _ => false,
    };
    let mut made: Vec<&Decision> = decisions
        .iter()
        .filter(|d| match d.meeting_id {
            Some(id) => id == meeting.id,
            None => ran(d),
        })
        .collect();
    made.sort_by_key(|d| (d.made_at, d.id));
    made
}
