//! A meeting's minutes as CommonMark: decisions and actions first, then the
//! off-track items with why and change, dependencies, and the scorecard as
//! the room saw it.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::app::Board;
use crate::app::clock::format_duration;
use crate::domain::{
    ActionState, Decision, DecisionState, Meeting, MeetingId, MeetingKind, MeetingSection,
    Scorecard, Week,
};

pub struct Input<'a> {
    pub board: &'a Board,
    pub meeting: &'a Meeting,
    pub seconds: &'a [u32],
    pub ended_at: DateTime<Utc>,
}

/// One line of Markdown text: no line breaks, no leading or trailing
/// spaces, and every character that could start markup escaped, so what was
/// typed reads back as typed wherever the line lands (a list item, a table
/// cell, a heading). Backslash escapes are valid before any ASCII
/// punctuation in CommonMark; they are added only where needed, because the
/// raw text is also read on screen.
pub(crate) fn md(text: &str) -> String {
    let flat: String = text
        .chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect();
    let text = flat.trim();
    let mut out = String::with_capacity(text.len() + 4);
    let marker = block_marker_at(text);
    for (i, c) in text.char_indices() {
        let escape = match c {
            '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '\\' | '~' => true,
            // `&copy;` or `&#169;` would render as ©.
            '&' => is_entity(&text[i + 1..]),
            _ => marker == Some(i),
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Where a line starting with `text` would open a block (a bullet or
/// ordered list item, a thematic break or a setext underline) in place of
/// plain text: the byte index of the character to escape.
fn block_marker_at(text: &str) -> Option<usize> {
    let first = text.chars().next()?;
    let rest = &text[first.len_utf8()..];
    match first {
        '-' | '+' | '='
            if rest.is_empty()
                || rest.starts_with(' ')
                || rest.chars().all(|c| c == first || c == ' ') =>
        {
            Some(0)
        }
        '0'..='9' => {
            let digits = text.chars().take_while(char::is_ascii_digit).count();
            let then = text[digits..]
                .strip_prefix('.')
                .or_else(|| text[digits..].strip_prefix(')'));
            let opens = then.is_some_and(|t| t.is_empty() || t.starts_with(' '));
            (digits <= 9 && opens).then_some(digits)
        }
        _ => None,
    }
}

/// Whether the text after an `&` would make it an entity reference.
fn is_entity(after: &str) -> bool {
    let name = after
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '#')
        .count();
    name > 0 && after[name..].starts_with(';')
}

fn or_dash(text: Option<&str>) -> String {
    text.map(md).unwrap_or_else(|| "—".into())
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
    line(format!(
        "Held {} {}–{} ({} of {planned} planned minutes).{rating}",
        m.started_at.with_timezone(&b.offset).format("%Y-%m-%d"),
        b.local_time(m.started_at),
        b.local_time(input.ended_at),
        format_duration(total)
    ));

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
        line(format!("- {} ({who}{due}){flag}", md(&d.title)));
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
    line("## Last week's commitments".into());
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
        line(format!(
            "- [{mark}] {} ({})",
            md(&a.title),
            or_dash(a.owner.as_deref())
        ));
    }

    line(String::new());
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
            d.status.as_str().replace('_', " "),
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

/// A decision made, as a list item with its context and options beneath
/// (no final line break).
fn decision_made(d: &Decision) -> String {
    let mut out = format!(
        "- **{}** — {} (owner {}, {})",
        md(&d.title),
        md(&d.chosen),
        or_dash(d.owner.as_deref()),
        d.lane
    );
    if !d.context.trim().is_empty() {
        out.push_str(&format!("\n  - Context: {}", md(&d.context)));
    }
    if !d.options.is_empty() {
        let options: Vec<String> = d.options.iter().map(|o| md(o)).collect();
        out.push_str(&format!("\n  - Options considered: {}", options.join("; ")));
    }
    out
}

fn scorecard_section(card: &Scorecard, week: Week) -> String {
    let mut out = String::from("## Scorecard as the room saw it\n\n");
    out.push_str(&format!("| Status | Measure | Owner | Target | {week} |\n"));
    out.push_str("| --- | --- | --- | --- | --- |\n");
    for r in &card.measures {
        out.push_str(&format!(
            "| {} {} | {} | {} | {} | {} |\n",
            r.status.symbol(),
            r.status.label(),
            md(&r.name),
            or_dash(r.owner.as_deref()),
            md(&r.target_text()),
            md(&r.value_text())
        ));
    }
    out.push_str(&format!("\n{}\n", card.summary));
    out
}

/// (section, timebox minutes, seconds spent)
fn time_section(sections: &[(String, u32, u32)]) -> String {
    let mut out = String::from("\n## Time\n\n| Section | Timebox | Spent |\n| --- | --- | --- |\n");
    for (name, minutes, spent) in sections {
        out.push_str(&format!(
            "| {} | {minutes} min | {} |\n",
            md(name),
            format_duration(*spent)
        ));
    }
    out
}

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
    let mut out = format!(
        "# {} — {} review {}\n\nHeld {} ({}).{rating}\n\n",
        md(team),
        meeting.kind,
        meeting.week,
        meeting.started_at.format("%Y-%m-%d"),
        format_duration(spent)
    );
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

/// Whether the minutes were written when the meeting ended, or rebuilt
/// from what the database kept of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    Written,
    Rebuilt,
}

/// `rhythm minutes --format json`: one ended meeting as data, the same
/// facts as the Markdown minutes. Its shape, version 1:
///
/// ```text
/// {
///   "version": 1,
///   "meeting": {
///     "id": 3, "team": "Growth", "kind": "weekly", "week": "2026-W47",
///     "started_at": "2026-11-17T10:00:00Z", "ended_at": "2026-11-17T10:59:25Z",
///     "rating": 9,                 (1 to 10, or null when not rated)
///     "attendees": ["Ana", "Cy"],
///     "planned_minutes": 60, "seconds_spent": 3565,
///     "sections": [{"name": "Scorecard", "minutes": 10, "seconds_spent": 617}, ...]
///   },
///   "decisions": [...],            (made in the meeting, as `decision show --json`)
///   "scorecard": {...},            (as the room saw it, as `scorecard --json`; or null)
///   "minutes": "# Growth — ...",   (the Markdown minutes, as `--format md` prints them)
///   "minutes_source": "written"    (or "rebuilt" when none were written at the end)
/// }
/// ```
///
/// Times are UTC in RFC 3339. Fields may be added under the same version;
/// a field's meaning never changes without a new one.
#[derive(Debug, Serialize)]
pub struct Document<'a> {
    pub version: u32,
    pub meeting: MeetingDoc<'a>,
    pub decisions: Vec<&'a Decision>,
    pub scorecard: Option<&'a Scorecard>,
    pub minutes: &'a str,
    pub minutes_source: Source,
}

#[derive(Debug, Serialize)]
pub struct MeetingDoc<'a> {
    pub id: MeetingId,
    pub team: &'a str,
    pub kind: MeetingKind,
    pub week: Week,
    pub started_at: DateTime<Utc>,
    pub ended_at: Option<DateTime<Utc>>,
    pub rating: Option<u8>,
    pub attendees: &'a [String],
    pub planned_minutes: u32,
    pub seconds_spent: u32,
    pub sections: &'a [MeetingSection],
}

pub const DOCUMENT_VERSION: u32 = 1;

pub fn document<'a>(
    team: &'a str,
    meeting: &'a Meeting,
    made: Vec<&'a Decision>,
    minutes: &'a str,
    source: Source,
) -> Document<'a> {
    Document {
        version: DOCUMENT_VERSION,
        meeting: MeetingDoc {
            id: meeting.id,
            team,
            kind: meeting.kind,
            week: meeting.week,
            started_at: meeting.started_at,
            ended_at: meeting.ended_at,
            rating: meeting.rating,
            attendees: &meeting.attendees,
            planned_minutes: meeting.sections.iter().map(|s| s.minutes).sum(),
            seconds_spent: meeting.sections.iter().map(|s| s.seconds_spent).sum(),
            sections: &meeting.sections,
        },
        decisions: made,
        scorecard: meeting.snapshot.as_ref(),
        minutes,
        minutes_source: source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Lane, MeetingKind, TeamId};

    #[test]
    fn md_keeps_typed_text_out_of_markup() {
        assert_eq!(md("  Plain words, 20% off  "), "Plain words, 20% off");
        assert_eq!(
            md("a|b *c* _d_ `e` [f] <g> #h \\ ~i"),
            "a\\|b \\*c\\* \\_d\\_ \\`e\\` \\[f\\] \\<g\\> \\#h \\\\ \\~i"
        );
        assert_eq!(md("two\nlines\tand\u{7}bell"), "two lines andbell");
        // What would open a block at the start of a list item or a line.
        assert_eq!(md("- not a list"), "\\- not a list");
        assert_eq!(md("+ nor this"), "\\+ nor this");
        assert_eq!(md("---"), "\\---");
        assert_eq!(md("==="), "\\===");
        assert_eq!(md("12. not ordered"), "12\\. not ordered");
        assert_eq!(md("3) nor this"), "3\\) nor this");
        // ...but not where it cannot.
        assert_eq!(md("-5% churn"), "-5% churn");
        assert_eq!(md("2026 plan. Q1"), "2026 plan. Q1");
        assert_eq!(md("1.5x coverage"), "1.5x coverage");
        assert_eq!(md("3–5 x"), "3–5 x");
        assert_eq!(md("7"), "7");
        assert_eq!(md("1."), "1\\.");
        assert_eq!(md("a - b"), "a - b");
        // Entities only where they would be read as one.
        assert_eq!(
            md("R&D &copy; &#169; & more"),
            "R&D \\&copy; \\&\\#169; & more"
        );
    }

    fn meeting() -> Meeting {
        Meeting {
            id: MeetingId(3),
            team_id: TeamId(1),
            kind: MeetingKind::Weekly,
            week: "2026-W47".parse().unwrap(),
            started_at: "2026-11-17T10:00:00Z".parse().unwrap(),
            ended_at: Some("2026-11-17T11:00:00Z".parse().unwrap()),
            current_section: 0,
            sections: Vec::new(),
            attendees: Vec::new(),
            rating: Some(9),
            snapshot: None,
            minutes: None,
        }
    }

    fn decision(id: i64, made_at: Option<&str>, meeting: Option<i64>) -> Decision {
        Decision {
            id: crate::domain::DecisionId(id),
            team_id: TeamId(1),
            title: format!("Decision {id}"),
            context: String::new(),
            options: Vec::new(),
            chosen: "Yes".into(),
            owner: Some("Ana".into()),
            lane: Lane::Autonomy,
            state: if made_at.is_some() {
                DecisionState::Made
            } else {
                DecisionState::Needed
            },
            due: None,
            made_at: made_at.map(|t| t.parse().unwrap()),
            meeting_id: meeting.map(MeetingId),
            supersedes: None,
            superseded_by: None,
            created_at: "2026-11-01T10:00:00Z".parse().unwrap(),
        }
    }

    #[test]
    fn decisions_made_in_a_meeting_are_filed_under_it_or_made_while_it_ran() {
        let decisions = [
            decision(1, Some("2026-11-17T10:40:00Z"), Some(3)),
            decision(2, Some("2026-11-17T10:20:00Z"), None),
            decision(3, Some("2026-11-17T10:30:00Z"), Some(2)),
            decision(4, Some("2026-11-17T11:30:00Z"), None),
            decision(5, None, None),
            decision(6, Some("2026-11-10T10:30:00Z"), Some(3)),
        ];
        let made: Vec<i64> = made_in(&meeting(), &decisions)
            .iter()
            .map(|d| d.id.0)
            .collect();
        assert_eq!(made, [6, 2, 1]);
    }

    #[test]
    fn rebuilt_minutes_put_the_decisions_first() {
        let decisions = [decision(1, Some("2026-11-17T10:40:00Z"), None)];
        let m = meeting();
        let text = from_record_with("Growth", &m, &made_in(&m, &decisions));
        assert!(
            text.starts_with(
                "# Growth — weekly review 2026-W47\n\nHeld 2026-11-17 (00:00). Rated 9/10.\n\n\
                 ## Decisions made\n\n- **Decision 1** — Yes (owner Ana, autonomy)\n\n\
                 No scorecard was kept for this meeting.\n"
            ),
            "{text}"
        );
        let text = from_record_with("Growth", &m, &[]);
        assert!(text.contains("## Decisions made\n\nNone.\n\n"), "{text}");
        assert!(!from_record("Growth", &m).contains("## Decisions made"));
    }
}
