//! The demo's trigger rules, added with their measure so each firing is
//! recorded as the history's readings come in: Growth's cost per
//! acquisition fired once a month ago, cleared, and fires again in the
//! demo's current week; its monthly rule on retention stays quiet.

use super::data::DemoData;
use crate::domain::trigger::{NewTrigger, Rule};
use crate::domain::{Change, Measure};
use crate::storage::{Batch, StoreError};

/// The rules of `team` on `measure`, if the demo has any.
pub fn add_for(
    w: &mut Batch<'_, '_>,
    data: &DemoData,
    team: &str,
    measure: &Measure,
) -> Result<(), StoreError> {
    for spec in &data.triggers {
        if spec.team != team {
            continue;
        }
        let rule: Rule = spec
            .when
            .parse()
            .map_err(|e| StoreError::Refused(format!("demo trigger: {e}")))?;
        if rule.measure != measure.name {
            continue;
        }
        w.apply(&Change::AddTrigger(NewTrigger {
            measure: measure.id,
            rule,
            typed: spec.when.clone(),
            response: spec.response.clone(),
        }))?;
    }
    Ok(())
}
