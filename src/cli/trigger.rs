//! `rhythm trigger …`: rules on a measure ("Burn > 400 for 3 weeks") with
//! the response each sets off. Each write is a change through the store's
//! door, so the log has it and `rhythm undo` takes it back; the store works
//! out when each rule fired from the readings.

use serde::Serialize;

use super::args::TriggerCommand;
use super::table::{Table, clean};
use super::{Ctx, Session, fail, print_json, resolve, usage};
use crate::domain::trigger::{NewTrigger, Rule, Trigger, TriggerEdit};
use crate::domain::{Change, MeasureId, Team, TriggerId};

pub fn run(
    ctx: &mut Ctx<'_>,
    s: &mut Session,
    team: Option<&str>,
    command: TriggerCommand,
) -> anyhow::Result<()> {
    match command {
        TriggerCommand::Add { response, rule } => {
            let team = s.team(team)?;
            let (measure, read) = rule_of(s, &team, &rule)?;
            let id = s
                .apply(Change::AddTrigger(NewTrigger {
                    measure,
                    rule: read,
                    typed: rule,
                    response,
                }))?
                .id;
            let t = one(s, TriggerId(id))?;
            writeln!(ctx.out, "Added trigger #{id} to {}: {}", t.team, said(&t))?;
        }
        TriggerCommand::List { json } => {
            let team = s.team(team)?;
            let triggers = s.store.triggers(Some(team.id), false)?;
            if json.json {
                let views: Vec<View<'_>> = triggers.iter().map(View::from).collect();
                return print_json(ctx.out, &views);
            }
            if triggers.is_empty() {
                writeln!(
                    ctx.out,
                    "{} has no trigger rules yet: add one with `rhythm trigger add \"RESPONSE\" --when \"MEASURE > N for 3 weeks\"`",
                    team.name
                )?;
                return Ok(());
            }
            let mut table = Table::new(&["#", "Rule", "Response", "State", "Last fired"]);
            for t in &triggers {
                table.row(vec![
                    t.id.to_string(),
                    clean(&t.rule.to_string()),
                    clean(&t.response),
                    state(t),
                    t.last_fired.clone().unwrap_or_else(|| "never".into()),
                ]);
            }
            write!(ctx.out, "{}", table.render())?;
        }
        TriggerCommand::Edit { id, rule, response } => {
            let t = of_team(s, team, id)?;
            if rule.is_none() && response.is_none() {
                return Err(usage("nothing to correct: give a new --when or --response"));
            }
            let rule = match rule {
                Some(typed) => {
                    let team = s.team(Some(&t.team))?;
                    let (measure, read) = rule_of(s, &team, &typed)?;
                    Some((measure, read, typed))
                }
                None => None,
            };
            s.apply(Change::EditTrigger {
                trigger: t.id,
                edit: TriggerEdit { rule, response },
            })?;
            let t = one(s, t.id)?;
            writeln!(ctx.out, "Corrected trigger #{}: {}", t.id, said(&t))?;
        }
        TriggerCommand::Drop { id } => {
            let t = of_team(s, team, id)?;
            s.apply(Change::DropTrigger { trigger: t.id })?;
            writeln!(
                ctx.out,
                "Dropped trigger #{}: {} (rhythm undo brings it back)",
                t.id,
                clean(&t.rule.to_string())
            )?;
        }
    }
    Ok(())
}

/// A rule as typed, read, with its measure found among the team's: a rule
/// that does not read names the part at fault, an unknown measure offers
/// the closest names.
fn rule_of(s: &Session, team: &Team, typed: &str) -> anyhow::Result<(MeasureId, Rule)> {
    let rule: Rule = typed.parse().map_err(|e| usage(format!("{e}")))?;
    let measures = s.store.measures(team.id, true)?;
    let m = resolve::measure(&measures, &team.name, &rule.measure).map_err(fail)?;
    Ok((m.id, rule))
}

fn one(s: &Session, id: TriggerId) -> anyhow::Result<Trigger> {
    s.store
        .triggers(None, false)?
        .into_iter()
        .find(|t| t.id == id)
        .ok_or_else(|| fail(format!("no trigger #{id}: see `rhythm trigger list`")))
}

/// Trigger `id`; with --team, only that team's.
fn of_team(s: &Session, team: Option<&str>, id: i64) -> anyhow::Result<Trigger> {
    let t = one(s, TriggerId(id))?;
    if let Some(wanted) = team {
        let team = s.team(Some(wanted))?;
        if team.name != t.team {
            return Err(fail(format!(
                "trigger #{id} is {}'s, not {}'s",
                t.team, team.name
            )));
        }
    }
    Ok(t)
}

fn state(t: &Trigger) -> String {
    match &t.firing_since {
        Some(since) => format!("⚑ firing since {since}"),
        None => "quiet".into(),
    }
}

fn said(t: &Trigger) -> String {
    format!(
        "{} → {} ({})",
        clean(&t.rule.to_string()),
        clean(&t.response),
        state(t)
    )
}

/// A trigger as `trigger list --json` prints it.
#[derive(Serialize)]
struct View<'a> {
    id: i64,
    team: &'a str,
    measure: &'a str,
    rule: String,
    response: &'a str,
    state: &'static str,
    firing_since: Option<&'a str>,
    last_fired: Option<&'a str>,
    episodes: usize,
}

impl<'a> From<&'a Trigger> for View<'a> {
    fn from(t: &'a Trigger) -> View<'a> {
        View {
            id: t.id.0,
            team: &t.team,
            measure: &t.measure,
            rule: t.rule.to_string(),
            response: &t.response,
            state: if t.firing_since.is_some() {
                "firing"
            } else {
                "quiet"
            },
            firing_since: t.firing_since.as_deref(),
            last_fired: t.last_fired.as_deref(),
            episodes: t.episodes,
        }
    }
}
