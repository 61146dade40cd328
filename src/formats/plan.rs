//! The operating plan as a board: months as columns, and within each month
//! an initiative's milestones in phase order (decide, build, launch), each
//! with its mark and number. Pure: a `Plan` in, text out. The terminal
//! form wraps each cell to its column; the Markdown form is one table.

use chrono::{DateTime, Utc};

use crate::domain::plan::{Flag, Initiative, Milestone, Plan};
use crate::domain::{Month, Phase, PlanState};

use super::markdown::escape;
use super::terminal::one_line;
use super::wrap::wrap;

/// A phase's mark: shape, not colour, tells them apart.
pub fn phase_mark(phase: Phase) -> &'static str {
    match phase {
        Phase::Decide => "◇",
        Phase::Build => "■",
        Phase::Launch => "▲",
    }
}

/// A milestone's mark: done and stopped ones are marked as such, whatever
/// their phase; one stuck in decide carries the flag.
pub fn milestone_mark(m: &Milestone, now: DateTime<Utc>) -> &'static str {
    match m.state {
        PlanState::Done => "✓",
        PlanState::Closed => "✗",
        PlanState::Open if m.stuck(now).is_some() => "⚑",
        PlanState::Open => phase_mark(m.phase),
    }
}

/// The months a board shows, from `first`.
pub fn months(first: Month, count: usize) -> Vec<Month> {
    (0..count as i32).map(|n| first.plus(n)).collect()
}

/// One milestone in a cell: "◇ decide #4 Pick the vendor".
pub fn milestone_line(m: &Milestone, now: DateTime<Utc>) -> String {
    format!(
        "{} {} #{} {}",
        milestone_mark(m, now),
        m.phase,
        m.id,
        one_line(&m.title)
    )
}

/// What the marks mean, for the foot of a board.
pub const LEGEND: &str =
    "◇ decide  ■ build  ▲ launch  ✓ done  ✗ stopped  ⚑ in decide over a week, no decision owner";

/// The milestones of `initiative` in `month`, in phase order.
pub fn in_month(initiative: &Initiative, month: Month) -> impl Iterator<Item = &Milestone> {
    let mut ms: Vec<&Milestone> = initiative
        .milestones
        .iter()
        .filter(|m| m.month == month)
        .collect();
    ms.sort_by_key(|m| (m.phase, m.id));
    ms.into_iter()
}

/// An initiative's head: number, title, owner, span and what it serves.
pub fn initiative_head(i: &Initiative) -> String {
    let mut parts = vec![format!("#{} {}", i.id, one_line(&i.title))];
    let mut about = Vec::new();
    if let Some(owner) = &i.owner {
        about.push(one_line(owner).into_owned());
    }
    about.push(match i.end {
        Some(end) if end == i.start => i.start.label(),
        Some(end) => format!("{} to {}", i.start.label(), end.label()),
        None => format!("from {}, no end", i.start.label()),
    });
    if i.state != PlanState::Open {
        about.push(i.state.to_string());
    }
    parts.push(format!("({})", about.join(", ")));
    parts.join(" ")
}

/// What an initiative serves and who is on it, or `None`.
pub fn initiative_detail(i: &Initiative) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(s) = &i.serves {
        out.push(format!(
            "serves {} #{}: {}",
            s.kind,
            s.id,
            one_line(&s.text)
        ));
    }
    if !i.people.is_empty() {
        let people: Vec<String> = i
            .people
            .iter()
            .map(|p| format!("{} {} %", one_line(&p.person), p.share))
            .collect();
        out.push(format!("people: {}", people.join(", ")));
    }
    if let Some(note) = &i.note {
        out.push(format!("note: {}", one_line(note)));
    }
    out
}

/// How many of `i`'s milestones fall outside `shown`.
pub fn outside(i: &Initiative, shown: &[Month]) -> usize {
    i.milestones
        .iter()
        .filter(|m| !shown.contains(&m.month))
        .count()
}

/// The plan for the terminal, `width` columns wide: each initiative's
/// head, then its milestones under the months they fall in, then what the
/// plan flags and the flexible pool's draws.
pub fn text(plan: &Plan, shown: &[Month], now: DateTime<Utc>, width: usize) -> String {
    let mut out = format!(
        "{}'s operating plan, {} (flexible pool {} %)\n",
        one_line(&plan.team),
        span(shown),
        plan.flex
    );
    if plan.initiatives.is_empty() {
        out.push_str("\nNo initiatives yet.\n");
    }
    let column = (width.saturating_sub(3) / shown.len().max(1)).max(12);
    for i in &plan.initiatives {
        out.push('\n');
        out.push_str(&initiative_head(i));
        out.push('\n');
        for line in initiative_detail(i) {
            out.push_str(&format!("   {line}\n"));
        }
        let cells: Vec<Vec<String>> = shown
            .iter()
            .map(|&month| {
                in_month(i, month)
                    .flat_map(|m| {
                        // A milestone's second row starts under its title.
                        let rows = wrap(&milestone_line(m, now), column - 3);
                        rows.into_iter()
                            .enumerate()
                            .map(|(n, row)| if n == 0 { row } else { format!("  {row}") })
                    })
                    .collect()
            })
            .collect();
        if cells.iter().all(Vec::is_empty) {
            if i.milestones.is_empty() {
                out.push_str("   no milestones yet\n");
            }
        } else {
            let heads: Vec<String> = shown.iter().map(|m| m.label()).collect();
            out.push_str(&row(&heads, column));
            let height = cells.iter().map(Vec::len).max().unwrap_or(0);
            for n in 0..height {
                let line: Vec<String> = cells
                    .iter()
                    .map(|c| c.get(n).cloned().unwrap_or_default())
                    .collect();
                out.push_str(&row(&line, column));
            }
        }
        let hidden = outside(i, shown);
        if hidden > 0 {
            out.push_str(&format!(
                "   and {hidden} milestone{} in other months\n",
                if hidden == 1 { "" } else { "s" }
            ));
        }
    }
    if plan.initiatives.iter().any(|i| !i.milestones.is_empty()) {
        out.push_str(&format!("\n{LEGEND}\n"));
    }
    out.push_str(&foot(plan, now));
    out
}

/// The flags and the draws, as the text form and the board end with them.
pub fn foot(plan: &Plan, now: DateTime<Utc>) -> String {
    let mut out = String::new();
    let flags = plan.flags(now);
    if !flags.is_empty() {
        out.push_str("\nFlagged\n");
        for f in &flags {
            out.push_str(&format!("  ⚑ {}\n", one_line(&f.line())));
        }
    }
    if !plan.draws.is_empty() {
        out.push_str("\nFlexible pool draws\n");
        for d in &plan.draws {
            let pm = match &d.post_mortem {
                Some(pm) => format!("change: {}", one_line(&pm.change)),
                None => "post-mortem due".to_string(),
            };
            out.push_str(&format!(
                "  #{} {} {} ({pm})\n",
                d.id,
                d.on,
                one_line(&d.why)
            ));
        }
    }
    out
}

fn row(cells: &[String], column: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    let mut line = String::from("   ");
    for (n, c) in cells.iter().enumerate() {
        line.push_str(c);
        if n + 1 < cells.len() {
            line.push_str(&" ".repeat(column.saturating_sub(c.width())));
        }
    }
    format!("{}\n", line.trim_end())
}

fn span(shown: &[Month]) -> String {
    match (shown.first(), shown.last()) {
        (Some(a), Some(b)) if a != b => format!("{} to {}", a.label(), b.label()),
        (Some(a), _) => a.label(),
        _ => String::new(),
    }
}

/// The plan as Markdown: one table, an initiative per row and a month per
/// column, milestones in phase order in each cell; then the flags.
pub fn markdown(plan: &Plan, shown: &[Month], now: DateTime<Utc>) -> String {
    let mut out = format!(
        "# {}'s operating plan, {}\n\nFlexible pool: {} % of everyone's time.\n",
        escape(&plan.team),
        span(shown),
        plan.flex
    );
    if plan.initiatives.is_empty() {
        out.push_str("\nNo initiatives yet.\n");
    } else {
        out.push_str("\n| Initiative |");
        for m in shown {
            out.push_str(&format!(" {} |", m.label()));
        }
        out.push_str("\n| --- |");
        out.push_str(&" --- |".repeat(shown.len()));
        out.push('\n');
        for i in &plan.initiatives {
            let mut head = vec![escape(&initiative_head(i))];
            head.extend(initiative_detail(i).iter().map(|l| escape(l)));
            out.push_str(&format!("| {} |", head.join("<br>")));
            for &month in shown {
                let cell: Vec<String> = in_month(i, month)
                    .map(|m| escape(&milestone_line(m, now)))
                    .collect();
                out.push_str(&format!(" {} |", cell.join("<br>")));
            }
            out.push('\n');
        }
    }
    let flags = plan.flags(now);
    if !flags.is_empty() {
        out.push_str("\n## Flagged\n\n");
        for f in &flags {
            out.push_str(&format!("- {}\n", escape(&f.line())));
        }
    }
    if plan.initiatives.iter().any(|i| !i.milestones.is_empty()) {
        out.push_str(&format!("\n{LEGEND}\n"));
    }
    if !plan.draws.is_empty() {
        out.push_str("\n## Flexible pool draws\n\n");
        for d in &plan.draws {
            out.push_str(&format!("- \\#{} {}: {}", d.id, d.on, escape(&d.why)));
            match &d.post_mortem {
                Some(pm) => out.push_str(&format!(
                    ". What happened: {}. Contributing factors: {}. Change: {}.\n",
                    escape(&pm.what),
                    escape(&pm.factors),
                    escape(&pm.change)
                )),
                None => out.push_str(" (post-mortem due)\n"),
            }
        }
    }
    out
}

/// What `rhythm plan show --format json` prints: the plan, the months
/// shown and what it flags.
#[derive(Debug, serde::Serialize)]
pub struct PlanJson<'a> {
    #[serde(flatten)]
    pub plan: &'a Plan,
    pub months: &'a [Month],
    pub flags: Vec<Flag>,
}
