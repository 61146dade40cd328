//! `rhythm health`: the team's execution figures over the last quarters
//! (see `domain::health`), as text or JSON. Reads only.

use serde::Serialize;

use super::args::HealthArgs;
use super::{Ctx, Session, print_json};
use crate::domain::health::{Health, health};
use crate::storage::DecisionFilter;

pub fn run(
    ctx: &mut Ctx<'_>,
    s: &mut Session,
    team: Option<&str>,
    args: HealthArgs,
) -> anyhow::Result<()> {
    let team = s.team(team)?;
    let meetings = s.store.meetings(team.id)?;
    let decisions = s.store.decisions(team.id, &DecisionFilter::default())?;
    let h = health(&meetings, &decisions, s.clock.today, args.quarters);
    if args.json.json {
        return print_json(ctx.out, &View::new(&team.name, &h));
    }
    let text = crate::formats::health::text(&super::table::clean(&team.name), &h);
    write!(ctx.out, "{text}")?;
    Ok(())
}

/// `health --json`: the figures, with the totals worked out.
#[derive(Serialize)]
struct View<'a> {
    team: &'a str,
    #[serde(flatten)]
    health: &'a Health,
    average_rating: Option<f64>,
    completion_percent: Option<u32>,
    length_percent: Option<u32>,
    average_missing: Option<f64>,
}

impl<'a> View<'a> {
    fn new(team: &'a str, health: &'a Health) -> View<'a> {
        View {
            team,
            health,
            average_rating: health.average_rating(),
            completion_percent: health.completion(),
            length_percent: health.length(),
            average_missing: health.average_missing(),
        }
    }
}
