//! The parts of the minutes that written and rebuilt minutes share: a
//! decision made, the scorecard as the room saw it, the time spent.

use chrono::{DateTime, Utc};

use crate::app::clock::format_duration;
use crate::domain::{Decision, Scorecard, Week};

use super::escape::{md, or_dash};

/// When a meeting ended, as the minutes show it: never before it started.
/// A clock set back while it ran (a laptop's time corrected, a machine
/// moving between zones) clamps to the start, and the minutes say so in
/// the sentence returned beside it, `shown` printing a time as the room
/// reads it.
pub(super) fn clamped_end(
    started: DateTime<Utc>,
    ended: DateTime<Utc>,
    shown: impl Fn(DateTime<Utc>) -> String,
) -> (DateTime<Utc>, Option<String>) {
    if ended >= started {
        return (ended, None);
    }
    let note = format!(
        "The clock moved back while the meeting ran: it ended at {} by the clock, before it started at {}, so its end is shown as its start.",
        shown(ended),
        shown(started)
    );
    (started, Some(note))
}

/// A decision made, as a list item with its context and options beneath
/// (no final line break).
pub(super) fn decision_made(d: &Decision) -> String {
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

pub(super) fn scorecard_section(card: &Scorecard, week: Week) -> String {
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
pub(super) fn time_section(sections: &[(String, u32, u32)]) -> String {
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
