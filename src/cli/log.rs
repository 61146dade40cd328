//! `rhythm log`, `rhythm undo` and `rhythm redo`: the operation log, one
//! record's history, and taking changes back.

use chrono::NaiveTime;

use super::args::{LogArgs, UndoArgs};
use super::table::{Table, clean};
use super::{Ctx, Session, print_json, usage};
use crate::domain::operation::RecordEvent;
use crate::domain::{OpId, OpKind, Operation};
use crate::storage::Reversed;

pub fn list(
    ctx: &mut Ctx<'_>,
    s: &mut Session,
    team: Option<&str>,
    a: &LogArgs,
) -> anyhow::Result<()> {
    if a.compact {
        return compact(ctx, s, a);
    }
    if let Some(record) = a.record {
        return history(ctx, s, record, a.json.json);
    }
    let team = team.map(|t| s.team(Some(t))).transpose()?;
    let ops = s.store.operations(team.map(|t| t.id), a.limit as usize)?;
    if a.json.json {
        let teams = s.store.teams()?;
        let views: Vec<OpView> = ops
            .iter()
            .map(|op| OpView {
                op,
                team: teams
                    .iter()
                    .find(|t| Some(t.id) == op.team)
                    .map(|t| t.name.as_str()),
            })
            .collect();
        return print_json(ctx.out, &views);
    }
    if ops.is_empty() {
        writeln!(ctx.out, "The log is empty: nothing has been changed yet")?;
        return Ok(());
    }
    let mut table = Table::new(&["Op", "When", "Who", "From", "What"]);
    for op in &ops {
        table.row(vec![
            format!("#{}", op.id),
            op.at.format("%Y-%m-%d %H:%M").to_string(),
            op.author.clone(),
            op.source.to_string(),
            line(op),
        ]);
    }
    write!(ctx.out, "{}", table.render())?;
    Ok(())
}

/// An operation as `log --json` prints it: its team by number and by name.
#[derive(serde::Serialize)]
struct OpView<'a> {
    #[serde(flatten)]
    op: &'a Operation,
    team: Option<&'a str>,
}

/// The log's line for an operation, with what became of it.
fn line(op: &Operation) -> String {
    let mut text = op.summary.clone();
    if let Some(by) = op.undone_by {
        text.push_str(&format!(" [undone by #{by}]"));
    } else if !op.undoable && op.kind == OpKind::Change {
        text.push_str(" [cannot be undone]");
    }
    if let Some(who) = &op.approved_by {
        text.push_str(&format!(" (approved by {who})"));
    }
    text
}

fn history(
    ctx: &mut Ctx<'_>,
    s: &Session,
    record: crate::domain::RecordRef,
    json: bool,
) -> anyhow::Result<()> {
    let events = s.store.record_history(record)?;
    if json {
        return print_json(ctx.out, &events);
    }
    if events.is_empty() {
        writeln!(
            ctx.out,
            "No operation in the log wrote {}:{} (changes made before the log began are not in it)",
            record.kind, record.id
        )?;
        return Ok(());
    }
    write_history(ctx.out, &events)
}

/// One record's history, oldest first: who, when, and each field's change.
pub fn write_history(
    out: &mut dyn std::io::Write,
    events: &[crate::domain::operation::RecordChange],
) -> anyhow::Result<()> {
    for e in events {
        let what = match e.what {
            RecordEvent::Created => "created",
            RecordEvent::Changed => "changed",
            RecordEvent::Deleted => "deleted",
        };
        let mut head = format!(
            "#{} {} {} by {} ({})",
            e.op.id,
            e.op.at.format("%Y-%m-%d %H:%M"),
            what,
            clean(&e.op.author),
            e.op.source
        );
        if let Some(who) = &e.op.approved_by {
            head.push_str(&format!(", approved by {}", clean(who)));
        }
        if let Some(by) = e.op.undone_by {
            head.push_str(&format!(" [undone by #{by}]"));
        }
        writeln!(out, "{head}: {}", clean(&e.op.summary))?;
        for f in &e.fields {
            writeln!(
                out,
                "    {}: {} → {}",
                f.field,
                shown(f.before.as_deref()),
                shown(f.after.as_deref())
            )?;
        }
    }
    Ok(())
}

fn shown(v: Option<&str>) -> String {
    match v {
        None => "(none)".into(),
        Some(t) => clean(t),
    }
}

fn compact(ctx: &mut Ctx<'_>, s: &mut Session, a: &LogArgs) -> anyhow::Result<()> {
    let Some(before) = a.before else {
        return Err(usage("--compact needs --before DATE"));
    };
    let n = s
        .store
        .compact_log(before.and_time(NaiveTime::MIN).and_utc())?;
    writeln!(
        ctx.out,
        "Compacted {n} operation{} before {before}: their lines stay in the log, but they can no longer be undone",
        if n == 1 { "" } else { "s" }
    )?;
    Ok(())
}

pub fn undo(ctx: &mut Ctx<'_>, s: &mut Session, a: &UndoArgs) -> anyhow::Result<()> {
    let done = s
        .store
        .undo(a.op.map(OpId), a.cascade, &s.origin, s.clock.now)?;
    report(ctx, &done)
}

pub fn redo(ctx: &mut Ctx<'_>, s: &mut Session) -> anyhow::Result<()> {
    let done = s.store.redo(&s.origin, s.clock.now)?;
    report(ctx, &done)
}

fn report(ctx: &mut Ctx<'_>, done: &Reversed) -> anyhow::Result<()> {
    writeln!(ctx.out, "{} (operation #{})", clean(&done.summary), done.op)?;
    if done.reversed.len() > 1 {
        for (op, line) in &done.reversed {
            writeln!(ctx.out, "    #{op} {}", clean(line))?;
        }
    }
    Ok(())
}
