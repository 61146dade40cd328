//! Decisions as architecture decision records: one GitHub-flavoured
//! Markdown file per decision in the shape the ADR tools know, named
//! `0001-slugified-title.md` by the decision's own number so that exporting
//! again lands on the same files. A numbered title on the first line, then
//! a list of fields that opens with `- Status: accepted` (the MADR 2 header
//! that log4brains reads: the first list between the title and the first
//! `##` heading, a `Status:` item whose value is one of its words), then
//! the sections adr-tools writes: Status, Context, Options considered,
//! Decision and Consequences. No YAML front matter: MADR 3 and 4 make it
//! optional, and log4brains would read it as text. Pure: no files, no
//! clock; the CLI does the reading and writing, `plan` decides what.

use crate::domain::{Decision, DecisionId, DecisionState, Lane};

use super::markdown::escape as md;

mod plan;

use plan::seal;
pub use plan::{Origin, Record, Step, origin, plan};

/// The file a decision is written to: its number, four digits at least,
/// then its title as a slug.
pub fn file_name(d: &Decision) -> String {
    format!("{:04}-{}.md", d.id.0, slug(&d.title))
}

/// A decision title as a file-name word (see [`super::slug::file_slug`]).
pub fn slug(title: &str) -> String {
    super::slug::file_slug(title, "decision")
}

/// The decision number a file name starts with: `0007-anything.md` → 7.
pub fn number_of(file_name: &str) -> Option<i64> {
    let stem = file_name.strip_suffix(".md")?;
    let (number, rest) = stem.split_once('-')?;
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) || rest.is_empty() {
        return None;
    }
    number.parse().ok()
}

/// One decision as a record. `related` holds the decisions it may supersede
/// or be superseded by (the team's decisions), for their titles and files.
/// Nothing here depends on the day it runs, so an export of unchanged
/// decisions writes the same bytes.
pub fn render(team: &str, d: &Decision, related: &[Decision]) -> String {
    let find = |id: DecisionId| related.iter().find(|r| r.id == id);
    let link = |id: DecisionId| match find(id) {
        Some(r) => format!("[{}. {}]({})", r.id, md(&r.title), file_name(r)),
        None => format!("decision #{id}"),
    };
    let mut out = format!("# {}. {}\n\n", d.id, md(&d.title));

    let date = match d.state {
        DecisionState::Needed | DecisionState::Withdrawn => d.created_at,
        DecisionState::Made | DecisionState::Superseded => d.made_at.unwrap_or(d.created_at),
    };
    out.push_str(&format!("- Status: {}\n", status_word(d.state)));
    out.push_str(&format!("- Date: {}\n", date.date_naive()));
    out.push_str(&format!("- Team: {}\n", md(team)));
    let owner = d.owner.as_deref().map_or("no owner yet".to_string(), md);
    out.push_str(&format!("- Owner: {owner}\n"));
    out.push_str(&format!("- Lane: {}\n", d.lane));
    if let (DecisionState::Needed, Some(due)) = (d.state, d.due) {
        out.push_str(&format!("- Due: {due}\n"));
    }

    out.push_str("\n## Status\n\n");
    out.push_str(match d.state {
        DecisionState::Needed => "Proposed\n",
        DecisionState::Made => "Accepted\n",
        DecisionState::Superseded => "Superseded\n",
        DecisionState::Withdrawn => "Withdrawn: it is no longer needed\n",
    });
    if let Some(by) = d.superseded_by {
        out.push_str(&format!("\nSuperseded by {}\n", link(by)));
    }
    if let Some(old) = d.supersedes {
        out.push_str(&format!("\nSupersedes {}\n", link(old)));
    }

    out.push_str("\n## Context\n\n");
    out.push_str(&block(&d.context, "Not recorded."));

    out.push_str("\n## Options considered\n\n");
    let options: Vec<String> = d.options.iter().map(|o| md(o)).collect();
    if options.iter().all(String::is_empty) {
        out.push_str("None recorded.\n");
    }
    for o in options.iter().filter(|o| !o.is_empty()) {
        out.push_str(&format!("- {o}\n"));
    }

    out.push_str("\n## Decision\n\n");
    if d.state == DecisionState::Needed {
        let who = d
            .owner
            .as_deref()
            .map_or("It has no decision owner yet".to_string(), |o| {
                format!("{} is to make it", md(o))
            });
        let due = d.due.map(|x| format!(", by {x}")).unwrap_or_default();
        out.push_str(&format!("Not made yet. {who}{due}.\n"));
    } else if d.state == DecisionState::Withdrawn {
        out.push_str("Not made: it was withdrawn.\n");
    } else {
        out.push_str(&block(&d.chosen, "Not recorded."));
    }

    out.push_str("\n## Consequences\n\n");
    if let Some(by) = d.superseded_by {
        out.push_str(&format!(
            "It no longer applies: {} replaced it.\n\n",
            link(by)
        ));
    }
    if d.state == DecisionState::Needed {
        out.push_str("Nothing changes until it is made.\n\n");
    }
    if d.state == DecisionState::Withdrawn {
        out.push_str("Nothing changes: it was withdrawn without being made.\n\n");
    }
    out.push_str(lane_meaning(d.lane));
    out.push('\n');
    if let Some(old) = d.supersedes {
        out.push_str(&format!(
            "\nIt replaces {}, which no longer applies.\n",
            link(old)
        ));
    }
    seal(d.id, &out)
}

/// The status as MADR and log4brains spell it. log4brains knows draft,
/// proposed, rejected, accepted, deprecated and superseded, and shows any
/// other word as a draft; a withdrawn decision was never made, which is
/// what `rejected` says in both.
fn status_word(state: DecisionState) -> &'static str {
    match state {
        DecisionState::Needed => "proposed",
        DecisionState::Made => "accepted",
        DecisionState::Superseded => "superseded",
        DecisionState::Withdrawn => "rejected",
    }
}

/// What the lane means for changing the decision later.
fn lane_meaning(lane: Lane) -> &'static str {
    match lane {
        Lane::Commitment => {
            "Lane: commitment. It is tied to a target or a promise to customers, so changing it needs approval and leaves a change log: a new decision that supersedes this one."
        }
        Lane::Guardrail => {
            "Lane: guardrail. It is a risk limit the team owns: the team may change it by logging a new decision that supersedes this one, saying which risk it accepts instead."
        }
        Lane::Autonomy => {
            "Lane: autonomy. It is the team's own call: the team may change it as it learns, by logging a new decision that supersedes this one."
        }
    }
}

/// Free text as paragraphs: each line escaped as a line of its own, blank
/// lines kept as paragraph breaks, `empty` when there is no text.
fn block(text: &str, empty: &str) -> String {
    let mut paragraphs: Vec<Vec<String>> = vec![Vec::new()];
    for line in text.lines().map(md) {
        match paragraphs.last_mut() {
            Some(p) if !line.is_empty() => p.push(line),
            Some(p) if !p.is_empty() => paragraphs.push(Vec::new()),
            _ => {}
        }
    }
    let paragraphs: Vec<String> = paragraphs
        .into_iter()
        .filter(|p| !p.is_empty())
        .map(|p| p.join("\n"))
        .collect();
    if paragraphs.is_empty() {
        format!("{empty}\n")
    } else {
        format!("{}\n", paragraphs.join("\n\n"))
    }
}

#[cfg(test)]
mod tests;
