//! The demo's strategy briefs: each team's for the current quarter, with
//! choices and their consequences, objectives with integrators and the
//! measures that show them, exclusions, and the measures that matter.

use super::data::DemoData;
use crate::domain::brief::NewBriefItem;
use crate::domain::{BriefItemId, BriefKind, Change, MeasureId, Quarter, TeamId};
use crate::storage::{Batch, StoreError};

pub fn add_all(
    w: &mut Batch<'_, '_>,
    data: &DemoData,
    teams: &[(TeamId, String)],
    quarter: Quarter,
) -> Result<(), StoreError> {
    for spec in &data.briefs {
        let Some((team, _)) = teams.iter().find(|(_, n)| *n == spec.team) else {
            return Err(StoreError::Refused(format!(
                "the demo's brief names an unknown team '{}'",
                spec.team
            )));
        };
        let line = |kind, text: &str, detail: &str| NewBriefItem {
            team: Some(*team),
            quarter,
            kind,
            text: text.to_string(),
            detail: detail.to_string(),
            integrator: None,
            measure: None,
            objective: None,
        };
        for c in &spec.choices {
            w.apply(&Change::AddBriefItem(line(
                BriefKind::Choice,
                &c.text,
                &c.consequence,
            )))?;
        }
        for o in &spec.objectives {
            let objective = BriefItemId(
                w.apply(&Change::AddBriefItem(NewBriefItem {
                    integrator: Some(o.integrator.clone()),
                    ..line(BriefKind::Objective, &o.text, "")
                }))?
                .id,
            );
            for m in &o.measures {
                w.apply(&Change::AddBriefItem(NewBriefItem {
                    measure: Some(measure(w, *team, m)?),
                    objective: Some(objective),
                    ..line(BriefKind::Measure, "", "")
                }))?;
            }
        }
        for e in &spec.exclusions {
            w.apply(&Change::AddBriefItem(line(
                BriefKind::Exclusion,
                &e.text,
                &e.unless,
            )))?;
        }
        for m in &spec.measures {
            w.apply(&Change::AddBriefItem(NewBriefItem {
                measure: Some(measure(w, *team, m)?),
                ..line(BriefKind::Measure, "", "")
            }))?;
        }
    }
    Ok(())
}

fn measure(w: &Batch<'_, '_>, team: TeamId, name: &str) -> Result<MeasureId, StoreError> {
    w.measure_id(team, name)
}
