//! `rhythm plan …`: the operating plan. Every command is one change
//! through the store's door, in the operation log and undoable.

use super::args::{InitiativeCommand, MilestoneCommand, PlanCommand, PlanFormat};
use super::{Ctx, Session, fail, print_json, serves};
use crate::domain::change::FieldEdit;
use crate::domain::plan::NewMilestone;
use crate::domain::plan::{InitiativeEdit, MilestoneEdit, NewFlexDraw, NewInitiative, PostMortem};
use crate::domain::{Change, FlexDrawId, InitiativeId, MilestoneId, Month, PlanState, Team};
use crate::formats::plan as board;
use crate::storage::PlanRecord;

/// How wide the text form's board is when the output is not a terminal.
const TEXT_WIDTH: usize = 100;

pub fn run(
    ctx: &mut Ctx<'_>,
    s: &mut Session,
    team: Option<&str>,
    command: PlanCommand,
) -> anyhow::Result<()> {
    let team = s.team(team)?;
    match command {
        PlanCommand::Show {
            from,
            months,
            format,
            json,
        } => {
            let from = from.unwrap_or_else(|| Month::containing(s.clock.today));
            let months = board::months(from, usize::from(months));
            let format = if json { PlanFormat::Json } else { format };
            show(ctx, s, &team, &months, format)
        }
        PlanCommand::Initiative(c) => initiative(ctx, s, &team, c),
        PlanCommand::Milestone(c) => milestone(ctx, s, &team, c),
        PlanCommand::Assign {
            person,
            initiative,
            share,
        } => {
            let initiative = InitiativeId(own(s, &team, PlanRecord::Initiative, initiative)?);
            s.apply(Change::AssignPerson {
                initiative,
                person: person.clone(),
                share,
            })?;
            if share == 0 {
                writeln!(ctx.out, "Took {person} off initiative #{initiative}")?;
            } else {
                writeln!(ctx.out, "{person}: {share} % on initiative #{initiative}")?;
            }
            over_allocation(ctx, s, &team)
        }
        PlanCommand::Flex { share } => {
            s.apply(Change::SetFlexShare {
                team: team.id,
                share,
            })?;
            writeln!(
                ctx.out,
                "{} keeps {share} % of everyone's time free as its flexible pool",
                team.name
            )?;
            over_allocation(ctx, s, &team)
        }
        PlanCommand::DrawFlex { why, on } => {
            let on = on.unwrap_or(s.clock.today);
            let id = s
                .apply(Change::DrawFlex(NewFlexDraw {
                    team: team.id,
                    why,
                    on,
                }))?
                .id;
            writeln!(
                ctx.out,
                "Recorded flex draw #{id} on {on}; write its post-mortem with `rhythm plan post-mortem {id} --what … --factors … --change …`"
            )?;
            Ok(())
        }
        PlanCommand::PostMortem {
            draw,
            what,
            factors,
            change,
        } => {
            let draw = FlexDrawId(own(s, &team, PlanRecord::FlexDraw, draw.id)?);
            s.apply(Change::WritePostMortem {
                draw,
                post_mortem: PostMortem {
                    what,
                    factors,
                    change,
                },
            })?;
            writeln!(ctx.out, "Wrote the post-mortem of flex draw #{draw}")?;
            Ok(())
        }
    }
}

fn show(
    ctx: &mut Ctx<'_>,
    s: &Session,
    team: &Team,
    months: &[Month],
    format: PlanFormat,
) -> anyhow::Result<()> {
    let plan = s.store.plan(team.id)?;
    let now = s.clock.now;
    match format {
        PlanFormat::Json => print_json(
            ctx.out,
            &board::PlanJson {
                plan: &plan,
                months,
                flags: plan.flags(now),
            },
        ),
        PlanFormat::Md => Ok(write!(ctx.out, "{}", board::markdown(&plan, months, now))?),
        PlanFormat::Text => Ok(write!(
            ctx.out,
            "{}",
            board::text(&plan, months, now, TEXT_WIDTH)
        )?),
    }
}

fn initiative(
    ctx: &mut Ctx<'_>,
    s: &mut Session,
    team: &Team,
    command: InitiativeCommand,
) -> anyhow::Result<()> {
    match command {
        InitiativeCommand::Add {
            title,
            owner,
            serves,
            start,
            end,
        } => {
            let serves = serves
                .as_deref()
                .map(|t| serves::line(s, team, t))
                .transpose()?;
            let start = start.unwrap_or_else(|| Month::containing(s.clock.today));
            let id = s
                .apply(Change::AddInitiative(NewInitiative {
                    team: team.id,
                    title: title.clone(),
                    owner,
                    serves,
                    start,
                    end,
                }))?
                .id;
            writeln!(ctx.out, "Added initiative #{id}: {title}")?;
            if end.is_none() {
                writeln!(
                    ctx.out,
                    "It has no end month: every programme has an end (rhythm plan initiative edit {id} --end 2027-03)"
                )?;
            }
        }
        InitiativeCommand::Edit {
            initiative,
            title,
            owner,
            serves,
            start,
            end,
        } => {
            let id = InitiativeId(own(s, team, PlanRecord::Initiative, initiative.id)?);
            let serves = match serves.as_deref().map(str::trim) {
                None => FieldEdit::Keep,
                Some("") => FieldEdit::Clear,
                Some(t) => FieldEdit::Set(serves::line(s, team, t)?),
            };
            let end = match end.as_deref().map(str::trim) {
                None => FieldEdit::Keep,
                Some("") => FieldEdit::Clear,
                Some(t) => FieldEdit::Set(t.parse::<Month>().map_err(|e| fail(e.to_string()))?),
            };
            let edit = InitiativeEdit {
                title,
                owner,
                serves,
                start,
                end,
            };
            if edit == InitiativeEdit::default() {
                return Err(super::usage(
                    "nothing to correct: give --title, --owner, --serves, --start or --end",
                ));
            }
            s.apply(Change::EditInitiative {
                initiative: id,
                edit,
            })?;
            writeln!(ctx.out, "Corrected initiative #{id}")?;
        }
        InitiativeCommand::Close {
            initiative,
            note,
            stopped,
        } => {
            let id = InitiativeId(own(s, team, PlanRecord::Initiative, initiative.id)?);
            let state = if stopped {
                PlanState::Closed
            } else {
                PlanState::Done
            };
            s.apply(Change::SetInitiativeState {
                initiative: id,
                state,
                note: Some(note),
            })?;
            let how = if stopped { "stopped" } else { "done" };
            writeln!(ctx.out, "Closed initiative #{id} ({how})")?;
        }
        InitiativeCommand::Reopen { initiative } => {
            let id = InitiativeId(own(s, team, PlanRecord::Initiative, initiative.id)?);
            s.apply(Change::SetInitiativeState {
                initiative: id,
                state: PlanState::Open,
                note: None,
            })?;
            writeln!(ctx.out, "Opened initiative #{id} again")?;
        }
    }
    Ok(())
}

fn milestone(
    ctx: &mut Ctx<'_>,
    s: &mut Session,
    team: &Team,
    command: MilestoneCommand,
) -> anyhow::Result<()> {
    match command {
        MilestoneCommand::Add {
            initiative,
            title,
            month,
            phase,
            owner,
        } => {
            let initiative = InitiativeId(own(s, team, PlanRecord::Initiative, initiative)?);
            let id = s
                .apply(Change::AddMilestone(NewMilestone {
                    initiative,
                    title: title.clone(),
                    owner,
                    month,
                    phase,
                }))?
                .id;
            writeln!(
                ctx.out,
                "Added milestone #{id} to initiative #{initiative} ({phase}, {}): {title}",
                month.label()
            )?;
        }
        MilestoneCommand::Edit {
            milestone,
            title,
            owner,
            month,
        } => {
            let id = MilestoneId(own(s, team, PlanRecord::Milestone, milestone.id)?);
            let edit = MilestoneEdit {
                title,
                owner,
                month,
            };
            if edit == MilestoneEdit::default() {
                return Err(super::usage(
                    "nothing to correct: give --title, --owner or --month",
                ));
            }
            s.apply(Change::EditMilestone {
                milestone: id,
                edit,
            })?;
            writeln!(ctx.out, "Corrected milestone #{id}")?;
        }
        MilestoneCommand::Move { milestone, phase } => {
            let id = MilestoneId(own(s, team, PlanRecord::Milestone, milestone.id)?);
            s.apply(Change::MoveMilestone {
                milestone: id,
                phase,
            })?;
            writeln!(ctx.out, "Milestone #{id} is in {phase} now")?;
        }
        MilestoneCommand::Done { milestone } => {
            let id = MilestoneId(own(s, team, PlanRecord::Milestone, milestone.id)?);
            set_state(s, id, PlanState::Done, None)?;
            writeln!(ctx.out, "Milestone #{id} is done")?;
        }
        MilestoneCommand::Stop { milestone, note } => {
            let id = MilestoneId(own(s, team, PlanRecord::Milestone, milestone.id)?);
            set_state(s, id, PlanState::Closed, Some(note))?;
            writeln!(ctx.out, "Stopped milestone #{id}")?;
        }
        MilestoneCommand::Reopen { milestone } => {
            let id = MilestoneId(own(s, team, PlanRecord::Milestone, milestone.id)?);
            set_state(s, id, PlanState::Open, None)?;
            writeln!(ctx.out, "Opened milestone #{id} again")?;
        }
    }
    Ok(())
}

fn set_state(
    s: &mut Session,
    milestone: MilestoneId,
    state: PlanState,
    note: Option<String>,
) -> anyhow::Result<()> {
    s.apply(Change::SetMilestoneState {
        milestone,
        state,
        note,
    })?;
    Ok(())
}

/// `id`, when it is a record of `team`'s plan; otherwise why not.
fn own(s: &Session, team: &Team, what: PlanRecord, id: i64) -> anyhow::Result<i64> {
    let name = match what {
        PlanRecord::Initiative => "initiative",
        PlanRecord::Milestone => "milestone",
        PlanRecord::FlexDraw => "flex draw",
    };
    match s.store.plan_record_team(what, id)? {
        None => Err(fail(format!(
            "there is no {name} #{id} (see `rhythm plan show`)"
        ))),
        Some(t) if t != team.id => Err(fail(format!(
            "{name} #{id} is in another team's plan, not {}'s: name that team with --team",
            team.name
        ))),
        Some(_) => Ok(id),
    }
}

/// After a change to people's time, says who is now given more than the
/// flexible pool leaves them.
fn over_allocation(ctx: &mut Ctx<'_>, s: &Session, team: &Team) -> anyhow::Result<()> {
    let plan = s.store.plan(team.id)?;
    for flag in plan.flags(s.clock.now) {
        if matches!(flag, crate::domain::plan::Flag::OverAllocated { .. }) {
            writeln!(ctx.err, "warning: {}", flag.line())?;
        }
    }
    Ok(())
}
