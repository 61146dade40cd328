//! `rhythm scorecard`: the team's measures for one week as a table,
//! GitHub-flavoured Markdown or JSON, with the summary line.

use super::args::{Format, ScorecardArgs};
use super::table::{Table, clean};
use super::{Ctx, Session, print_json};
use crate::domain::scorecard::{self, Scorecard};
use crate::formats::markdown::escape;

pub fn run(
    ctx: &mut Ctx<'_>,
    s: &Session,
    team: Option<&str>,
    a: &ScorecardArgs,
) -> anyhow::Result<()> {
    let team = s.team(team)?;
    let week = a.week.unwrap_or_else(|| s.this_week());
    let weeks = a.weeks as usize;
    let measures = s.store.measures(team.id, false)?;
    let from = week.offset(1 - weeks as i64);
    let readings = s.store.readings(team.id, from, week)?;
    let card = scorecard::build(&team.name, &measures, &readings, week, weeks);
    let format = if a.json { Format::Json } else { a.format };
    match format {
        Format::Json => print_json(ctx.out, &card),
        Format::Md => Ok(write!(ctx.out, "{}", markdown(&card))?),
        Format::Table => Ok(write!(ctx.out, "{}", table(&card))?),
    }
}

/// The scorecard as a terminal table; shared with `rhythm demo`.
pub fn table(card: &Scorecard) -> String {
    let week = card.week;
    let mut out = format!(
        "{} · {week} ({} – {}) · trend over {} weeks\n",
        clean(&card.team),
        week.monday().format("%-d %b"),
        week.sunday().format("%-d %b %Y"),
        card.weeks
    );
    if card.measures.is_empty() {
        out.push_str("No measures yet: add one with `rhythm measure add NAME --owner PERSON --target VALUE`\n");
        return out;
    }
    let mut t = Table::new(&["Status", "Measure", "Owner", "Target", "Trend", "This week"]);
    for row in &card.measures {
        t.row(vec![
            format!("{} {}", row.status.symbol(), row.status.label()),
            row.name.clone(),
            row.owner.clone().unwrap_or_default(),
            row.target_text(),
            row.sparkline(),
            row.value_text(),
        ]);
    }
    out.push_str(&t.render());
    out.push_str(&format!("{}\n", card.summary));
    out
}

/// The scorecard as a GFM table. Names go through the one Markdown escaper,
/// the one the minutes use, so a name reads as typed in both.
pub fn markdown(card: &Scorecard) -> String {
    let mut out = format!(
        "## {} scorecard, {}\n\n| Status | Measure | Owner | Target | Last {} weeks | {} |\n| --- | --- | --- | --- | --- | --- |\n",
        escape(&card.team),
        card.week,
        card.weeks,
        card.week
    );
    for row in &card.measures {
        out.push_str(&format!(
            "| {} {} | {} | {} | {} | `{}` | {} |\n",
            row.status.symbol(),
            row.status.label(),
            escape(&row.name),
            escape(row.owner.as_deref().unwrap_or("")),
            escape(&row.target_text()),
            row.sparkline(),
            escape(&row.value_text()),
        ));
    }
    out.push_str(&format!("\n{}\n", card.summary));
    out
}
