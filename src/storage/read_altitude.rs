//! The altitude check as read: a team's brief and the whole database's,
//! its open work with what each piece serves, and this week's statuses,
//! put to `domain::altitude::check`.

use chrono::NaiveDate;

use crate::domain::altitude::{self, Check};
use crate::domain::{MeasureId, Month, Quarter, Status, Team, Week};

use super::{Store, StoreError};

impl Store {
    /// The altitude check of `team`'s brief and the whole database's for
    /// `quarter`, against the team's work in the week of `today`.
    pub fn altitude_check(
        &self,
        team: &Team,
        quarter: Quarter,
        today: NaiveDate,
    ) -> Result<Check, StoreError> {
        let own = self.brief(Some(team.id), quarter)?;
        let whole = self.brief(None, quarter)?;
        let week = Week::containing(today);
        let work = self.strategy_work(team.id, Month::containing(today), week.sunday())?;
        let measures = self.measures(team.id, false)?;
        let readings = self.readings(team.id, week, week)?;
        let card = crate::domain::scorecard::build(&team.name, &measures, &readings, week, 1);
        let status = |id: MeasureId| {
            measures
                .iter()
                .zip(&card.measures)
                .find(|(m, _)| m.id == id)
                .map_or(Status::Missing, |(_, row)| row.status)
        };
        Ok(altitude::check(&[&own, &whole], &work, status))
    }
}
