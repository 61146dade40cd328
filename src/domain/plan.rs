//! The operating plan: initiatives (an owner, the choice or objective they
//! serve, a span of months, people and their share of time) and their
//! milestones, each in a phase (decide, build, launch); the team's flexible
//! pool and its draws. Pure: what a plan holds and what it flags — work
//! stuck in *decide* without a decision owner, people given more than their
//! time, programmes without an end or past it, and draws whose post-mortem
//! is unwritten.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::change::{ChangeError, FieldEdit, check_line};
use super::model::{
    BriefItemId, DecisionId, FlexDrawId, InitiativeId, MilestoneId, Phase, PlanState, TeamId,
};
use super::month::Month;

/// A milestone in *decide* longer than this, with no decision owner, is
/// raised in the weekly review.
pub const DECIDE_DAYS: i64 = 7;

/// The flexible pool a new team keeps free, in percent of its capacity.
pub const FLEX_DEFAULT: u8 = 10;

/// The most a team may set aside as its flexible pool: beyond half, the
/// plan is the exception.
pub const FLEX_MAX: u8 = 50;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewInitiative {
    pub team: TeamId,
    pub title: String,
    pub owner: Option<String>,
    /// The choice or objective of a brief it serves.
    pub serves: Option<BriefItemId>,
    pub start: Month,
    /// `None`: no end yet, which the plan flags.
    pub end: Option<Month>,
}

/// Fields left `None` (or `Keep`) keep their stored value.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InitiativeEdit {
    pub title: Option<String>,
    pub owner: Option<String>,
    pub serves: FieldEdit<BriefItemId>,
    pub start: Option<Month>,
    pub end: FieldEdit<Month>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewMilestone {
    pub initiative: InitiativeId,
    pub title: String,
    pub owner: Option<String>,
    pub month: Month,
    pub phase: Phase,
}

/// Fields left `None` keep their stored value; the phase changes by
/// `MoveMilestone`, which restarts its clock.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MilestoneEdit {
    pub title: Option<String>,
    pub owner: Option<String>,
    pub month: Option<Month>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewFlexDraw {
    pub team: TeamId,
    pub why: String,
    pub on: NaiveDate,
}

/// What a draw on the flexible pool taught: what happened, what
/// contributed, and one change to the system.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostMortem {
    pub what: String,
    pub factors: String,
    pub change: String,
}

/// A team's plan as read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    pub team: String,
    /// The flexible pool, in percent of every person's time.
    pub flex: u8,
    /// Open initiatives first, then closed ones, each by start month.
    pub initiatives: Vec<Initiative>,
    pub draws: Vec<FlexDraw>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Initiative {
    pub id: InitiativeId,
    pub title: String,
    pub owner: Option<String>,
    /// The brief line it serves: its id, kind and text.
    pub serves: Option<Serves>,
    pub start: Month,
    pub end: Option<Month>,
    pub state: PlanState,
    /// Why it closed, or what was learned.
    pub note: Option<String>,
    /// People and their share of time, in percent, by name.
    pub people: Vec<Share>,
    pub milestones: Vec<Milestone>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Serves {
    pub id: BriefItemId,
    pub kind: super::model::BriefKind,
    pub text: String,
    pub quarter: super::quarter::Quarter,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Share {
    pub person: String,
    pub share: u8,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Milestone {
    pub id: MilestoneId,
    pub title: String,
    pub owner: Option<String>,
    pub month: Month,
    pub phase: Phase,
    /// When it entered its phase.
    pub phase_since: DateTime<Utc>,
    pub state: PlanState,
    pub note: Option<String>,
    /// The decision needed its decision owner was named in.
    pub decision: Option<DecisionId>,
    pub decision_owner: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FlexDraw {
    pub id: FlexDrawId,
    pub why: String,
    pub on: NaiveDate,
    pub post_mortem: Option<PostMortem>,
}

/// A milestone the decide rule raises in the weekly review: in *decide*
/// more than `DECIDE_DAYS` days with nobody named to decide it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stuck {
    pub milestone: MilestoneId,
    pub title: String,
    pub owner: Option<String>,
    pub month: Month,
    pub initiative: InitiativeId,
    pub initiative_title: String,
    pub since: DateTime<Utc>,
}

impl Stuck {
    /// Whole days in *decide* at `now`.
    pub fn days(&self, now: DateTime<Utc>) -> i64 {
        (now - self.since).num_days()
    }
}

/// What the plan flags, each with what to do about it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "flag", rename_all = "snake_case")]
pub enum Flag {
    /// In *decide* more than `DECIDE_DAYS` days with no decision owner.
    StuckInDecide {
        milestone: MilestoneId,
        title: String,
        initiative: String,
        days: i64,
    },
    /// A person's shares in one month add up past what the flexible pool
    /// leaves them.
    OverAllocated {
        person: String,
        month: Month,
        total: u32,
        limit: u8,
    },
    NoEnd {
        initiative: InitiativeId,
        title: String,
    },
    PastEnd {
        initiative: InitiativeId,
        title: String,
        end: Month,
    },
    PostMortemDue {
        draw: FlexDrawId,
        why: String,
        on: NaiveDate,
    },
}

impl Flag {
    /// The flag as one line, for lists and the board's foot.
    pub fn line(&self) -> String {
        match self {
            Flag::StuckInDecide {
                milestone,
                title,
                initiative,
                days,
            } => format!(
                "#{milestone} {title} ({initiative}): in decide {days} days, no decision owner"
            ),
            Flag::OverAllocated {
                person,
                month,
                total,
                limit,
            } => format!(
                "{person}: {total} % of their time in {}, over the {limit} % the flexible pool leaves",
                month.label()
            ),
            Flag::NoEnd { initiative, title } => {
                format!("#{initiative} {title}: no end month")
            }
            Flag::PastEnd {
                initiative,
                title,
                end,
            } => format!("#{initiative} {title}: past its end ({end}) and still open"),
            Flag::PostMortemDue { draw, why, on } => {
                format!("flex draw #{draw} on {on} ({why}): post-mortem not written")
            }
        }
    }
}

impl Milestone {
    /// Whether the decide rule raises it at `now`.
    pub fn stuck(&self, now: DateTime<Utc>) -> Option<i64> {
        let days = (now - self.phase_since).num_days();
        (self.state == PlanState::Open
            && self.phase == Phase::Decide
            && self.decision_owner.is_none()
            && days > DECIDE_DAYS)
            .then_some(days)
    }
}

impl Initiative {
    /// Whether it runs in `month`.
    pub fn runs_in(&self, month: Month) -> bool {
        self.start <= month && self.end.is_none_or(|end| month <= end)
    }
}

impl Plan {
    pub fn open(&self) -> impl Iterator<Item = &Initiative> {
        self.initiatives
            .iter()
            .filter(|i| i.state == PlanState::Open)
    }

    /// Everything the plan flags at `now`, in the order above.
    pub fn flags(&self, now: DateTime<Utc>) -> Vec<Flag> {
        let this_month = Month::containing(now.date_naive());
        let mut flags: Vec<Flag> = self
            .open()
            .flat_map(|i| {
                i.milestones.iter().filter_map(move |m| {
                    m.stuck(now).map(|days| Flag::StuckInDecide {
                        milestone: m.id,
                        title: m.title.clone(),
                        initiative: i.title.clone(),
                        days,
                    })
                })
            })
            .collect();
        flags.extend(self.over_allocated(this_month));
        for i in self.open() {
            match i.end {
                None => flags.push(Flag::NoEnd {
                    initiative: i.id,
                    title: i.title.clone(),
                }),
                Some(end) if end < this_month => flags.push(Flag::PastEnd {
                    initiative: i.id,
                    title: i.title.clone(),
                    end,
                }),
                Some(_) => {}
            }
        }
        flags.extend(
            self.draws
                .iter()
                .filter(|d| d.post_mortem.is_none())
                .map(|d| Flag::PostMortemDue {
                    draw: d.id,
                    why: d.why.clone(),
                    on: d.on,
                }),
        );
        flags
    }

    /// People whose shares add up past `100 - flex` in a month from `from`
    /// on (a month already past is history, not a plan), once per person:
    /// their first such month.
    fn over_allocated(&self, from: Month) -> Vec<Flag> {
        let limit = 100 - self.flex.min(100);
        let mut months: Vec<Month> = self
            .open()
            .flat_map(|i| [Some(i.start.max(from)), i.end])
            .flatten()
            .filter(|m| *m >= from)
            .collect();
        months.sort();
        months.dedup();
        let mut people: Vec<&str> = self
            .open()
            .flat_map(|i| i.people.iter().map(|s| s.person.as_str()))
            .collect();
        people.sort_unstable();
        people.dedup();
        people
            .into_iter()
            .filter_map(|person| {
                months.iter().find_map(|&month| {
                    let total = self.load(person, month);
                    (total > u32::from(limit)).then(|| Flag::OverAllocated {
                        person: person.to_string(),
                        month,
                        total,
                        limit,
                    })
                })
            })
            .collect()
    }

    /// The sum of `person`'s shares in the open initiatives running in
    /// `month`.
    pub fn load(&self, person: &str, month: Month) -> u32 {
        self.open()
            .filter(|i| i.runs_in(month))
            .flat_map(|i| &i.people)
            .filter(|s| s.person == person)
            .map(|s| u32::from(s.share))
            .sum()
    }
}

pub fn check_new_initiative(i: &NewInitiative) -> Result<(), ChangeError> {
    check_line("initiative title", &i.title)?;
    check_span(i.start, i.end)
}

pub fn check_initiative_edit(e: &InitiativeEdit) -> Result<(), ChangeError> {
    if let Some(t) = &e.title {
        check_line("initiative title", t)?;
    }
    if let (Some(start), FieldEdit::Set(end)) = (e.start, &e.end) {
        check_span(start, Some(*end))?;
    }
    Ok(())
}

/// An initiative ends in or after the month it starts.
pub fn check_span(start: Month, end: Option<Month>) -> Result<(), ChangeError> {
    match end {
        Some(end) if end < start => Err(ChangeError::Plan(format!(
            "an initiative ends in or after the month it starts: {end} is before {start}"
        ))),
        _ => Ok(()),
    }
}

pub fn check_share(share: u8) -> Result<(), ChangeError> {
    if share > 100 {
        return Err(ChangeError::Plan(format!(
            "'{share} %' is not a share of someone's time: use 0 to 100 (0 takes them off)"
        )));
    }
    Ok(())
}

pub fn check_flex(share: u8) -> Result<(), ChangeError> {
    if share > FLEX_MAX {
        return Err(ChangeError::Plan(format!(
            "'{share} %' is more than a flexible pool: use 0 to {FLEX_MAX} (10 to 15 is usual)"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
