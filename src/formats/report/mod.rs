//! `rhythm report` and `rhythm minutes --format html`: one self-contained
//! HTML page for people outside the terminal (a file share, an e-mail
//! attachment). Pure: the data the command read from the store in, the
//! page out. Imports neither the store nor the terminal.
//!
//! Every element is written by maud, which escapes all text by default, so
//! no stored name can become markup; the only markup passed through as is
//! comes from the two crates that made it (plotters' SVG, whose text is
//! numbers and weeks; pulldown-cmark's HTML of the Markdown minutes, with
//! raw HTML turned into text). The page loads nothing: its style is
//! inline, its charts are inline SVG, it has no script.

mod chart;
mod markdown;
mod sections;

use chrono::NaiveDate;
use maud::{DOCTYPE, Markup, PreEscaped, html};

use crate::domain::{Decision, Dependency, OffTrackItem, Scorecard, Team, Week};

pub use chart::ChartError;

/// What the report shows of one team, as the command read it.
pub struct TeamReport {
    pub team: Team,
    pub from: Week,
    pub to: Week,
    /// The scorecard of `to`, with a history from `from`.
    pub card: Scorecard,
    /// The same weeks a year (52 weeks) earlier, for the line beside.
    pub last_year: Scorecard,
    pub offtrack: Vec<OffTrackItem>,
    pub deps: Vec<Dependency>,
    pub needed: Vec<Decision>,
    /// Made within the period, newest first.
    pub made: Vec<Decision>,
    pub minutes: Option<Minutes>,
}

/// One ended meeting's minutes, as the Markdown `rhythm minutes` prints.
pub struct Minutes {
    /// Such as "#12, weekly review 2026-W47".
    pub title: String,
    pub markdown: String,
}

/// The whole report: the teams in order, and the day it was made.
pub struct Report {
    pub today: NaiveDate,
    pub teams: Vec<TeamReport>,
}

pub fn render(report: &Report) -> Result<String, ChartError> {
    let names: Vec<&str> = report.teams.iter().map(|t| t.team.name.as_str()).collect();
    let title = format!("{} — rhythm report", names.join(", "));
    let mut teams = Vec::with_capacity(report.teams.len());
    for t in &report.teams {
        teams.push(sections::team(t, report.today)?);
    }
    let body = html! {
        header {
            h1 { (shown(&title)) }
            p.meta { "Made " (report.today) " by rhythm. This page needs no network: it can be opened from a file share or an e-mail." }
            @if report.teams.len() > 1 {
                nav { ul { @for (i, t) in report.teams.iter().enumerate() {
                    li { a href=(format!("#team-{}", i + 1)) { (shown(&t.team.name)) } }
                } } }
            }
        }
        @for (i, t) in teams.into_iter().enumerate() {
            section.team id=(format!("team-{}", i + 1)) { (t) }
        }
    };
    Ok(page(&title, body))
}

/// `rhythm minutes --format html`: the Markdown minutes as one page, the
/// same content in the same order.
pub fn minutes_page(title: &str, markdown: &str) -> String {
    page(
        title,
        html! { article.minutes { (markdown::to_html(markdown, 0)) } },
    )
}

/// The page around `body`: its style inline, nothing fetched; it ends
/// with a line break, as a text file (and a shell prompt after it) expects.
fn page(title: &str, body: Markup) -> String {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (shown(title)) }
                style { (PreEscaped(STYLE)) }
            }
            body { main { (body) } }
        }
    }
    .into_string()
        + "\n"
}

const STYLE: &str = include_str!("style.css");

/// Stored text as the page shows it: a control character (an ANSI escape
/// an import carried in) is spelt out as the terminal shows it, never
/// written raw into a file that is read elsewhere.
fn shown(text: &str) -> std::borrow::Cow<'_, str> {
    crate::formats::terminal::visible(text)
}

#[cfg(test)]
mod tests;
