//! `rhythm decision ...`: the decision log, made and still needed.

use super::args::{DecisionCommand, StateFilter};
use super::table::{Table, clean, clean_block};
use super::views::in_team;
use super::{Ctx, Session, corrections, fail, print_json, usage};
use crate::domain::change::NewDecision;
use crate::domain::{Change, Decision, DecisionId, DecisionState, Lane, RecordRef, Team};
use crate::storage::DecisionFilter;

pub fn run(
    ctx: &mut Ctx<'_>,
    s: &mut Session,
    team: Option<&str>,
    command: DecisionCommand,
) -> anyhow::Result<()> {
    let team = s.team(team)?;
    match command {
        DecisionCommand::Add {
            title,
            needed,
            owner,
            due,
            context,
            options,
            chosen,
            lane,
            serves,
        } => {
            if !needed && chosen.trim().is_empty() {
                return Err(usage(
                    "a decision made needs --chosen (the approach chosen); add --needed to log it as still needed",
                ));
            }
            if needed && !chosen.trim().is_empty() {
                return Err(usage(
                    "--chosen is for a decision made; leave out --needed, or --chosen",
                ));
            }
            if !needed && due.is_some() {
                return Err(usage("--due is for a decision still needed: add --needed"));
            }
            let add = Change::AddDecision(NewDecision {
                team: team.id,
                title: title.clone(),
                context,
                options,
                chosen,
                owner,
                lane,
                made: !needed,
                due,
            });
            let changes =
                super::serves::adding(s, &team, crate::domain::Serving::Decision, add, &serves)?;
            let id = s.apply_all(changes)?.id;
            let d = get(s, &team, id)?;
            let what = if needed { "needed" } else { "made" };
            writeln!(
                ctx.out,
                "Logged decision #{id} ({what}): {} — {}",
                d.title,
                who_when(&d)
            )?;
        }
        DecisionCommand::List { state, json } => {
            let states = match state {
                None => vec![DecisionState::Needed, DecisionState::Made],
                Some(StateFilter::All) => Vec::new(),
                Some(StateFilter::One(s)) => vec![s],
            };
            let decisions = s.store.decisions(team.id, &DecisionFilter { states })?;
            if json.json {
                return print_json(ctx.out, &in_team(&team, &decisions));
            }
            if decisions.is_empty() {
                writeln!(ctx.out, "{} has no decisions logged", team.name)?;
                return Ok(());
            }
            let today = s.clock.today;
            let mut t = Table::new(&["#", "State", "Decision", "Owner", "Due/made", "Lane", ""]);
            for d in &decisions {
                let when = match (d.state, d.due, d.made_at) {
                    (DecisionState::Needed, Some(due), _) => format!("due {due}"),
                    (_, _, Some(made)) => made.date_naive().to_string(),
                    _ => String::new(),
                };
                let flag = if d.is_flagged(today) {
                    "⚑ no owner for over a week"
                } else if d.state == DecisionState::Needed && d.due.is_some_and(|due| due < today) {
                    "⚑ overdue"
                } else {
                    ""
                };
                t.row(vec![
                    d.id.to_string(),
                    d.state.to_string(),
                    d.title.clone(),
                    d.owner.clone().unwrap_or_else(|| "—".into()),
                    when,
                    d.lane.to_string(),
                    flag.to_string(),
                ]);
            }
            write!(ctx.out, "{}", t.render())?;
        }
        DecisionCommand::Show { id, json } => {
            let d = get(s, &team, id)?;
            if json.json {
                return print_json(ctx.out, &in_team(&team, [&d])[0]);
            }
            write!(ctx.out, "{}", show(&d))?;
            if d.lane == Lane::Commitment {
                // A commitment's whole change log: who changed it, when, and
                // who approved (`rhythm log --record decision:N` for any).
                let events = s.store.record_history(RecordRef {
                    kind: "decision",
                    id: d.id.0,
                })?;
                writeln!(ctx.out, "\nChange log")?;
                let mut text = Vec::new();
                super::log::write_history(&mut text, &events)?;
                for line in String::from_utf8_lossy(&text).lines() {
                    writeln!(ctx.out, "  {line}")?;
                }
            }
        }
        DecisionCommand::Decide {
            id,
            chosen,
            owner,
            context,
            options,
        } => {
            let d = get(s, &team, id)?;
            s.apply(Change::Decide {
                decision: d.id,
                chosen,
                owner,
                context,
                options: (!options.is_empty()).then_some(options),
            })?;
            let d = get(s, &team, id)?;
            writeln!(ctx.out, "Decided #{id}: {} — {}", d.title, clean(&d.chosen))?;
        }
        DecisionCommand::Supersede { id, by } => {
            let old = get(s, &team, id)?;
            let new = get(s, &team, by)?;
            s.apply(Change::Supersede {
                old: old.id,
                new: new.id,
            })?;
            writeln!(
                ctx.out,
                "Decision #{id} ({}) is superseded by #{by} ({})",
                old.title, new.title
            )?;
        }
        DecisionCommand::Export { adr, force } => super::adr::export(ctx, s, &team, &adr, force)?,
        DecisionCommand::Edit { id, fields, serves } => {
            let link = super::serves::link(
                s,
                &team,
                crate::domain::Serving::Decision,
                crate::domain::change::RowRef::Id(id),
                &serves,
            )?;
            corrections::edit_decision(ctx, s, &team, id, fields, link)?
        }
        DecisionCommand::Assign { id, owner } => {
            corrections::assign_decision(ctx, s, &team, id, owner)?
        }
        DecisionCommand::Withdraw { id, why } => {
            corrections::withdraw_decision(ctx, s, &team, id, why)?
        }
    }
    Ok(())
}

fn get(s: &Session, team: &Team, id: i64) -> anyhow::Result<Decision> {
    s.store
        .decision(DecisionId(id))?
        .filter(|d| d.team_id == team.id)
        .ok_or_else(|| fail(format!("there is no decision #{id} in {}", team.name)))
}

fn who_when(d: &Decision) -> String {
    let owner = d.owner.as_deref().unwrap_or("no owner yet");
    match d.due {
        Some(due) => format!("{owner}, due {due}"),
        None => owner.to_string(),
    }
}

/// One decision in full, in the order a reader needs it.
fn show(d: &Decision) -> String {
    let mut out = format!("#{} {}\n", d.id, clean(&d.title));
    let mut field = |label: &str, value: &str| {
        if !value.trim().is_empty() {
            out.push_str(&format!("{label:<12}{}\n", clean(value)));
        }
    };
    field("State", d.state.as_str());
    field("Lane", d.lane.as_str());
    field("Owner", d.owner.as_deref().unwrap_or("—"));
    field("Due", &d.due.map(|x| x.to_string()).unwrap_or_default());
    field(
        "Made",
        &d.made_at
            .map(|x| x.date_naive().to_string())
            .unwrap_or_default(),
    );
    field(
        "Supersedes",
        &d.supersedes.map(|x| format!("#{x}")).unwrap_or_default(),
    );
    field(
        "Superseded",
        &d.superseded_by
            .map(|x| format!("by #{x}"))
            .unwrap_or_default(),
    );
    if !d.context.trim().is_empty() {
        out.push_str(&format!("\nContext\n  {}\n", clean_block(&d.context, "  ")));
    }
    if !d.options.is_empty() {
        out.push_str("\nOptions considered\n");
        for o in &d.options {
            out.push_str(&format!("  - {}\n", clean(o)));
        }
    }
    if !d.chosen.trim().is_empty() {
        out.push_str(&format!("\nDecision\n  {}\n", clean_block(&d.chosen, "  ")));
    }
    out
}
