//! The minutes written when a meeting ends, from the board as the room
//! left it: what was decided and promised, then every change the meeting
//! made (from the operation log), then the record of the room.

use chrono::{DateTime, Utc};

use crate::app::Board;
use crate::app::clock::format_duration;
use crate::domain::{ActionState, Meeting};

use super::escape::{md, or_dash};
use super::sections::{clamped_end, decision_made, scorecard_section, time_section};

pub struct Input<'a> {
    pub board: &'a Board,
    pub meeting: &'a Meeting,
    pub seconds: &'a [u32],
    pub ended_at: DateTime<Utc>,
}

pub fn render(input: &Input<'_>) -> String {
    let b = input.board;
    let m = input.meeting;
    let mut out = String::new();
    let mut line = |s: String| {
        out.push_str(&s);
        out.push('\n');
    };
    let total: u32 = input.seconds.iter().sum();
    let planned: u32 = b.agenda.iter().map(|s| s.minutes).sum();
    line(format!("# {} — weekly review {}", md(&b.team.name), m.week));
    line(String::new());
    let rating = m
        .rating
        .map(|r| format!(" Rated {r}/10."))
        .unwrap_or_default();
    let (ended, moved) = clamped_end(m.started_at, input.ended_at, |t| b.local_time(t));
    // A meeting left open overnight (or over a weekend) ends on another
    // day where the room sits: a bare time would read as the day it began.
    let day = |t: DateTime<Utc>| t.with_timezone(&b.offset).date_naive();
    let until = if day(ended) == day(m.started_at) {
        format!("–{}", b.local_time(ended))
    } else {
        ended
            .with_timezone(&b.offset)
            .format(", ended %a %Y-%m-%d %H:%M")
            .to_string()
    };
    line(format!(
        "Held {} {}{until} ({} of {planned} planned minutes).{rating}",
        m.started_at.with_timezone(&b.offset).format("%Y-%m-%d"),
        b.local_time(m.started_at),
        format_duration(total)
    ));
    if let Some(moved) = moved {
        line(String::new());
        line(moved);
    }

    line(String::new());
    line("## Decisions made".into());
    line(String::new());
    if b.recap.decisions_made.is_empty() {
        line("None.".into());
    }
    for d in &b.recap.decisions_made {
        line(decision_made(d));
    }

    line(String::new());
    line("## Decisions needed".into());
    line(String::new());
    if b.needed.is_empty() {
        line("None.".into());
    }
    for d in &b.needed {
        let due = d.due.map(|x| format!(", due {x}")).unwrap_or_default();
        let flag = if d.is_flagged(b.today) {
            " — ⚑ waiting over a week"
        } else {
            ""
        };
        let who = d
            .owner
            .as_deref()
            .map_or("no owner yet".to_string(), |o| format!("owner {}", md(o)));
        let age = if b.is_new_need(d) { "new" } else { "carried" };
        line(format!("- {} ({age}, {who}{due}){flag}", md(&d.title)));
    }

    line(String::new());
    line("## New action items".into());
    line(String::new());
    if b.recap.new_actions.is_empty() {
        line("None.".into());
    }
    for a in &b.recap.new_actions {
        let due = a.due.map(|x| format!(", due {x}")).unwrap_or_default();
        line(format!(
            "- {} (owner {}{due})",
            md(&a.title),
            or_dash(a.owner.as_deref())
        ));
    }

    line(String::new());
    line("## Commitments due".into());
    line(String::new());
    let (done, all) = b.completion();
    match b.completion_percent() {
        None => line("None were due.".into()),
        Some(pct) => {
            line(format!("{done} of {all} done ({pct}%)."));
            line(String::new());
        }
    }
    for a in &b.commitments {
        let mark = match a.state {
            ActionState::Done => "x",
            ActionState::Open => " ",
            ActionState::Dropped => "-",
        };
        let due = a.due.map(|x| format!(", due {x}")).unwrap_or_default();
        let carried = match b.carried(a) {
            0 => String::new(),
            n => format!(" — carried {n}×"),
        };
        line(format!(
            "- [{mark}] {} ({}{due}){carried}",
            md(&a.title),
            or_dash(a.owner.as_deref())
        ));
    }

    line(String::new());
    line("## Changes made".into());
    line(String::new());
    let changes = b.changes_made();
    if changes.is_empty() {
        line("None.".into());
        line(String::new());
    }
    for (heading, said) in changes {
        line(format!("### {heading}"));
        line(String::new());
        for l in said {
            line(format!("- {}", md(&l)));
        }
        line(String::new());
    }

    line("## Off-track".into());
    line(String::new());
    if b.offtrack.is_empty() {
        line("Nothing is off track.".into());
    }
    for o in &b.offtrack {
        line(format!(
            "### {} ({})",
            md(&o.item.title),
            or_dash(o.item.owner.as_deref())
        ));
        line(String::new());
        line(format!(
            "- Why: {}",
            or_dash(
                Some(&o.item.why)
                    .filter(|w| !w.is_empty())
                    .map(String::as_str)
            )
        ));
        line(format!(
            "- Change by next week: {}",
            or_dash(
                Some(&o.item.change)
                    .filter(|c| !c.is_empty())
                    .map(String::as_str)
            )
        ));
        line(String::new());
    }

    line("## Dependencies".into());
    line(String::new());
    if b.deps.is_empty() {
        line("None open.".into());
    } else {
        line("| Status | Needs/owes | Team | What | Owner | Needed by | Waiting |".into());
        line("| --- | --- | --- | --- | --- | --- | --- |".into());
    }
    for d in &b.deps {
        let needs = b.dep_needs(d);
        let other = if needs {
            &d.providing.name
        } else {
            &d.needing.name
        };
        let overdue = if d.is_overdue(b.today) {
            " (overdue)"
        } else {
            ""
        };
        line(format!(
            "| {} | {} | {} | {} | {} | {}{overdue} | {} days |",
            d.status.words(),
            if needs { "needs" } else { "owes" },
            md(other),
            md(&d.what),
            or_dash(d.owner.as_deref()),
            d.needed_by
                .map(|x| x.to_string())
                .unwrap_or_else(|| "—".into()),
            d.days_waiting(b.today)
        ));
    }

    line(String::new());
    out.push_str(&scorecard_section(&b.scorecard, m.week));
    let sections: Vec<(String, u32, u32)> = b
        .agenda
        .iter()
        .enumerate()
        .map(|(i, s)| {
            (
                s.name.clone(),
                s.minutes,
                input.seconds.get(i).copied().unwrap_or(0),
            )
        })
        .collect();
    out.push_str(&time_section(&sections));
    out
}
