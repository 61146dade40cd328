//! The demo's operating plans: each team's initiatives from last month to
//! two months on, serving its brief's choices and objectives, with people
//! and their shares, milestones in decide, build and launch (some done),
//! its flexible pool and the draws on it. On purpose the plan flags three
//! things: Growth's milestone stuck in *decide* for twelve days without a
//! decision owner, a Platform engineer given more than the pool leaves,
//! and a Customer Success draw whose post-mortem is unwritten.

use chrono::{Days, NaiveDate};

use super::at;
use super::brief::Served;
use super::data::DemoData;
use crate::domain::plan::{NewFlexDraw, NewInitiative, NewMilestone};
use crate::domain::{Change, FlexDrawId, InitiativeId, MilestoneId, Month, PlanState, TeamId};
use crate::storage::{Batch, StoreError};

fn ago(today: NaiveDate, days: u64) -> NaiveDate {
    today.checked_sub_days(Days::new(days)).unwrap_or(today)
}

pub fn add_all(
    w: &mut Batch<'_, '_>,
    data: &DemoData,
    teams: &[(TeamId, String)],
    served: &[Served],
    today: NaiveDate,
) -> Result<(), StoreError> {
    let this = Month::containing(today);
    // A demo at the edge of the years rhythm keeps plans inside them.
    let last = Month::new(crate::domain::week::LAST_YEAR, 12).unwrap_or(this);
    let first = Month::new(crate::domain::week::FIRST_YEAR, 1).unwrap_or(this);
    let month = |n: i32| this.plus(n).clamp(first, last);
    for spec in &data.plans {
        let unknown = |what: &str, name: &str| {
            StoreError::Refused(format!("the demo's plan names an unknown {what} '{name}'"))
        };
        let team = teams
            .iter()
            .find(|(_, n)| *n == spec.team)
            .map(|(t, _)| *t)
            .ok_or_else(|| unknown("team", &spec.team))?;
        let begun = month(-1).first_day().min(today);
        w.set_now(at(begun, 9, 0));
        w.apply(&Change::SetFlexShare {
            team,
            share: spec.flex,
        })?;
        for i in &spec.initiatives {
            let serves = served
                .iter()
                .find(|(t, text, _)| *t == team && *text == i.serves)
                .map(|(_, _, id)| *id)
                .ok_or_else(|| unknown("brief line", &i.serves))?;
            let start = month(i.start);
            w.set_now(at(start.first_day().min(today), 9, 30));
            let initiative = InitiativeId(
                w.apply(&Change::AddInitiative(NewInitiative {
                    team,
                    title: i.title.clone(),
                    owner: Some(i.owner.clone()),
                    serves: Some(serves),
                    start,
                    end: Some(month(i.end)),
                }))?
                .id,
            );
            for (person, share) in &i.people {
                w.apply(&Change::AssignPerson {
                    initiative,
                    person: person.clone(),
                    share: *share,
                })?;
            }
            for m in &i.milestones {
                // Midnight: the days in its phase read the same all day.
                let since = ago(today, m.days_in_phase);
                w.set_now(at(since, 0, 0));
                let milestone = MilestoneId(
                    w.apply(&Change::AddMilestone(NewMilestone {
                        initiative,
                        title: m.title.clone(),
                        owner: Some(m.owner.clone()),
                        month: month(m.month),
                        phase: m.phase,
                    }))?
                    .id,
                );
                if m.state != PlanState::Open {
                    let done = since.checked_add_days(Days::new(3)).unwrap_or(since);
                    w.set_now(at(done.min(today), 11, 0));
                    w.apply(&Change::SetMilestoneState {
                        milestone,
                        state: m.state,
                        note: None,
                    })?;
                }
            }
        }
        for d in &spec.draws {
            let on = ago(today, d.days_ago);
            w.set_now(at(on, 14, 0));
            let draw = FlexDrawId(
                w.apply(&Change::DrawFlex(NewFlexDraw {
                    team,
                    why: d.why.clone(),
                    on,
                }))?
                .id,
            );
            if let Some(pm) = &d.post_mortem {
                let written = on.checked_add_days(Days::new(3)).unwrap_or(on);
                w.set_now(at(written.min(today), 15, 0));
                w.apply(&Change::WritePostMortem {
                    draw,
                    post_mortem: pm.clone(),
                })?;
            }
        }
    }
    Ok(())
}
