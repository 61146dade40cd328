//! The demo's strategy briefs: each team's for the current quarter, with
//! choices and their consequences, objectives with integrators and the
//! measures that show them, exclusions, and the measures that matter.

use super::data::DemoData;
use crate::domain::brief::NewBriefItem;
use crate::domain::{BriefItemId, BriefKind, Change, Quarter, TeamId};
use crate::storage::{Batch, StoreError};

/// A choice or objective the demo wrote: its team, text and id, for the
/// plan's initiatives to serve.
pub type Served = (TeamId, String, BriefItemId);

pub fn add_all(
    w: &mut Batch<'_, '_>,
    data: &DemoData,
    teams: &[(TeamId, String)],
    quarter: Quarter,
) -> Result<Vec<Served>, StoreError> {
    let mut served = Vec::new();
    for spec in &data.briefs {
        let Some((team, _)) = teams.iter().find(|(_, n)| *n == spec.team) else {
            return Err(StoreError::Refused(format!(
                "the demo's brief names an unknown team '{}'",
                spec.team
            )));
        };
        let line = |kind, text: &str, detail: &str| {
            NewBriefItem::line(Some(*team), quarter, kind, text, detail)
        };
        for c in &spec.choices {
            let id = w.apply(&Change::AddBriefItem(line(
                BriefKind::Choice,
                &c.text,
                &c.consequence,
            )))?;
            served.push((*team, c.text.clone(), BriefItemId(id.id)));
        }
        for o in &spec.objectives {
            let objective = BriefItemId(
                w.apply(&Change::AddBriefItem(NewBriefItem {
                    integrator: Some(o.integrator.clone()),
                    ..line(BriefKind::Objective, &o.text, "")
                }))?
                .id,
            );
            served.push((*team, o.text.clone(), objective));
            for m in &o.measures {
                let m = w.measure_id(*team, m)?;
                w.apply(&Change::AddBriefItem(NewBriefItem::measure(
                    Some(*team),
                    quarter,
                    m,
                    Some(objective),
                )))?;
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
            let m = w.measure_id(*team, m)?;
            w.apply(&Change::AddBriefItem(NewBriefItem::measure(
                Some(*team),
                quarter,
                m,
                None,
            )))?;
        }
    }
    Ok(served)
}
