//! The demo's follow-ups: off-track items with why and change, action items
//! (open, done, overdue), cross-team dependencies (one blocked, one overdue)
//! and decisions (made, needed, one unowned for over a week, one superseded).

use chrono::NaiveDate;

use super::data::DemoData;
use super::{at, day};
use crate::domain::change::{NewAction, NewDecision, NewDependency, NewOffTrack, TeamSide};
use crate::domain::{
    ActionId, ActionSource, ActionState, Change, DecisionId, ItemState, OffTrackId, TeamId, Week,
};
use crate::storage::{Batch, StoreError};

pub fn add_all(
    w: &mut Batch<'_, '_>,
    data: &DemoData,
    teams: &[(TeamId, String)],
    week: Week,
    today: NaiveDate,
) -> Result<(), StoreError> {
    let side = |name: &str| match teams.iter().find(|(_, n)| n == name) {
        Some((id, n)) => TeamSide {
            team: Some(*id),
            name: n.clone(),
        },
        None => TeamSide {
            team: None,
            name: name.to_string(),
        },
    };
    let team = |name: &str| {
        side(name)
            .team
            .ok_or_else(|| StoreError::Refused(format!("the demo names an unknown team '{name}'")))
    };

    for o in &data.offtrack {
        let raised = week.offset(-o.raised_weeks_ago);
        let t = team(&o.team)?;
        w.set_now(at(day(raised, 1), 10, 20));
        let measure = match &o.measure {
            Some(m) => Some(w.measure_id(t, m)?),
            None => None,
        };
        let id = OffTrackId(
            w.apply(&Change::AddOffTrack(NewOffTrack {
                team: t,
                measure,
                title: o.title.clone(),
                owner: Some(o.owner.clone()),
                why: o.why.clone(),
                change: o.change.clone(),
                raised_week: raised,
            }))?
            .id,
        );
        if o.state != ItemState::Open {
            w.set_now(at(day(raised, 8), 10, 30));
            w.apply(&Change::SetOffTrackState {
                item: id,
                state: o.state,
            })?;
        }
    }

    for a in &data.actions {
        w.set_now(at(day(week, a.created), 10, 40));
        let id = ActionId(
            w.apply(&Change::AddAction(NewAction {
                team: team(&a.team)?,
                title: a.title.clone(),
                owner: Some(a.owner.clone()),
                due: Some(day(week, a.due)),
                source: ActionSource::Meeting,
                source_id: None,
            }))?
            .id,
        );
        if a.state != ActionState::Open {
            w.set_now(at(day(week, a.due).min(today), 15, 0));
            w.apply(&Change::SetActionState {
                action: id,
                state: a.state,
            })?;
        }
    }

    for d in &data.dependencies {
        w.set_now(at(day(week, d.created), 11, 0));
        w.apply(&Change::AddDependency(NewDependency {
            needing: side(&d.needing),
            providing: side(&d.providing),
            what: d.what.clone(),
            owner: Some(d.owner.clone()),
            needed_by: Some(day(week, d.needed_by)),
            status: d.status,
            note: d.note.clone(),
        }))?;
    }

    let mut decided: Vec<(String, DecisionId)> = Vec::new();
    for d in &data.decisions {
        // A decision that waited is recorded as needed first, then made:
        // the health figures' decision time.
        let asked = d.asked.filter(|_| !d.needed);
        w.set_now(at(day(week, d.created - asked.unwrap_or(0)), 10, 45));
        let id = w.apply(&Change::AddDecision(NewDecision {
            team: team(&d.team)?,
            title: d.title.clone(),
            context: d.context.clone(),
            options: d.options.clone(),
            chosen: if asked.is_some() {
                String::new()
            } else {
                d.chosen.clone()
            },
            owner: d.owner.clone(),
            lane: d.lane,
            made: !d.needed && asked.is_none(),
            due: d.due.map(|n| day(week, n)),
        }))?;
        let id = DecisionId(id.id);
        if asked.is_some() {
            w.set_now(at(day(week, d.created), 10, 45));
            w.apply(&Change::Decide {
                decision: id,
                chosen: d.chosen.clone(),
                owner: d.owner.clone(),
                context: None,
                options: None,
            })?;
        }
        decided.push((d.title.clone(), id));
    }
    let by_title = |title: &str| {
        decided
            .iter()
            .find(|(t, _)| t == title)
            .map(|(_, id)| *id)
            .ok_or_else(|| {
                StoreError::Refused(format!("the demo names an unknown decision '{title}'"))
            })
    };
    for s in &data.supersessions {
        w.set_now(at(day(week, s.day), 10, 50));
        w.apply(&Change::Supersede {
            old: by_title(&s.old)?,
            new: by_title(&s.new)?,
        })?;
    }
    Ok(())
}
