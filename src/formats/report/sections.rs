//! One team's part of the report: the scorecard as charts, then the open
//! off-track items, dependencies, decisions needed and made, and the last
//! meeting's minutes. Words, symbols and numbers come from the domain
//! (`Status::symbol`, `target_text`, `DepStatus::words`), as on screen.

use chrono::NaiveDate;
use maud::{Markup, html};

use super::{ChartError, TeamReport, chart, markdown, shown};
use crate::domain::scorecard::ScorecardRow;
use crate::domain::{Decision, Dependency, OffTrackItem, TeamId};

pub fn team(t: &TeamReport, today: NaiveDate) -> Result<Markup, ChartError> {
    let mut cards = Vec::with_capacity(t.card.measures.len());
    for (i, row) in t.card.measures.iter().enumerate() {
        let last: Vec<Option<f64>> = t
            .last_year
            .measures
            .get(i)
            .map(|r| r.history.iter().map(|p| p.value).collect())
            .unwrap_or_default();
        cards.push(measure(row, &last)?);
    }
    Ok(html! {
        h2 { (shown(&t.team.name)) }
        p.period {
            (t.from) " to " (t.to) " (" (t.card.weeks) " weeks) · " (t.card.summary.to_string())
        }
        h3 { "Scorecard" }
        @if cards.is_empty() {
            p.empty { "No measures yet." }
        } @else {
            div.cards { @for c in cards { (c) } }
        }
        h3 { "Open off-track items" }
        (offtrack(&t.offtrack))
        h3 { "Dependencies" }
        (deps(&t.deps, t.team.id, today))
        h3 { "Decisions needed" }
        (decisions(&t.needed, today))
        h3 { "Decisions made, " (t.from) " to " (t.to) }
        (decisions(&t.made, today))
        h3 { "Last meeting's minutes" }
        @match &t.minutes {
            Some(m) => {
                p.meta { "Meeting " (shown(&m.title)) }
                div.minutes { (markdown::to_html(&m.markdown, 3)) }
            }
            None => p.empty { "No meeting had ended by " (t.to) "." },
        }
    })
}

fn measure(row: &ScorecardRow, last_year: &[Option<f64>]) -> Result<Markup, ChartError> {
    let svg = chart::svg(row, last_year)?;
    let has_last = last_year.iter().any(Option::is_some);
    Ok(html! {
        article.measure.(row.status.key()) {
            h4 { (shown(&row.name)) }
            p.status { (row.status.symbol()) " " (row.status.label()) }
            p { "This week " (shown(&row.value_text())) " · target " (shown(&row.target_text())) }
            p.owner { "Owner " (shown(row.owner.as_deref().unwrap_or("—"))) " · " (row.kind.as_str()) }
            @if let Some(note) = &row.note { p.note { "Note: " (shown(note)) } }
            figure {
                (maud::PreEscaped(svg))
                figcaption {
                    span.key.this {} "this year"
                    @if has_last { span.key.last {} "last year" }
                    @match row.target {
                        crate::domain::Target::Range { .. } => { span.key.band {} "target band" }
                        crate::domain::Target::Value(_) => { span.key.target {} "target" }
                    }
                }
            }
        }
    })
}

/// The tables' column names: in the head, and on each cell, where a
/// phone's narrow page shows a row as lines that each name their column
/// (see the style's `data-label`).
const OFFTRACK: [&str; 5] = ["Item", "Owner", "Why", "Change by next week", "Raised"];
const DEPS: [&str; 7] = [
    "Status",
    "Needs/owes",
    "Team",
    "What",
    "Owner",
    "Needed by",
    "Waiting",
];

fn head(columns: &[&str]) -> Markup {
    html! { thead { tr { @for c in columns { th { (c) } } } } }
}

fn offtrack(items: &[OffTrackItem]) -> Markup {
    html! {
        @if items.is_empty() {
            p.empty { "Nothing is off track." }
        } @else {
            div.scroll { table {
                (head(&OFFTRACK))
                tbody { @for o in items { tr {
                    td data-label=(OFFTRACK[0]) { (shown(&o.title)) }
                    td data-label=(OFFTRACK[1]) { (shown(o.owner.as_deref().unwrap_or("—"))) }
                    td data-label=(OFFTRACK[2]) { (shown(or_dash(&o.why))) }
                    td data-label=(OFFTRACK[3]) { (shown(or_dash(&o.change))) }
                    td data-label=(OFFTRACK[4]) { (o.raised_week) }
                } } }
            } }
        }
    }
}

fn deps(deps: &[Dependency], team: TeamId, today: NaiveDate) -> Markup {
    html! {
        @if deps.is_empty() {
            p.empty { "None open." }
        } @else {
            div.scroll { table {
                (head(&DEPS))
                tbody { @for d in deps {
                    @let needs = d.needing.id == Some(team);
                    @let other = if needs { &d.providing.name } else { &d.needing.name };
                    tr {
                        td data-label=(DEPS[0]) { (d.status.words()) }
                        td data-label=(DEPS[1]) { (if needs { "needs" } else { "owes" }) }
                        td data-label=(DEPS[2]) { (shown(other)) }
                        td data-label=(DEPS[3]) { (shown(&d.what)) }
                        td data-label=(DEPS[4]) { (shown(d.owner.as_deref().unwrap_or("—"))) }
                        td data-label=(DEPS[5]) {
                            (d.needed_by.map_or("—".to_string(), |x| x.to_string()))
                            @if d.is_overdue(today) { " (overdue)" }
                        }
                        td data-label=(DEPS[6]) { (d.days_waiting(today)) " days" }
                    }
                } }
            } }
        }
    }
}

fn decisions(list: &[Decision], today: NaiveDate) -> Markup {
    html! {
        @if list.is_empty() {
            p.empty { "None." }
        } @else {
            ul.decisions { @for d in list { li {
                strong { (shown(&d.title)) }
                @if !d.chosen.trim().is_empty() { " — " (shown(&d.chosen)) }
                " (owner " (shown(d.owner.as_deref().unwrap_or("none yet"))) ", " (d.lane)
                @if let Some(due) = d.due { ", due " (due) }
                @if let Some(made) = d.made_at { ", made " (made.date_naive()) }
                ")"
                @if d.is_flagged(today) { " — ⚑ waiting over a week" }
                @if !d.context.trim().is_empty() { br; "Context: " (shown(&d.context)) }
            } } }
        }
    }
}

fn or_dash(text: &str) -> &str {
    if text.trim().is_empty() { "—" } else { text }
}
