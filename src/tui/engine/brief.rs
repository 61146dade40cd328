//! The strategy brief read from the home screen (`b`): this quarter's, as
//! `rhythm brief show` prints it, or how to start one.

use super::Engine;
use crate::app::Msg;
use crate::clock::Clock;
use crate::domain::Quarter;

impl Engine {
    pub(super) fn brief(&self, clock: &Clock) -> Msg {
        let quarter = Quarter::containing(clock.today);
        let team = &self.team;
        match self.store.brief(Some(team.id), quarter) {
            Ok(brief) if brief.is_empty() => Msg::Read {
                title: format!("{} · strategy brief {quarter}", team.name),
                text: format!(
                    "{} has no brief for {quarter} yet.\n\n\
                     A brief is a few explicit choices and what follows from each, the \
                     objectives that show them, what the team will not do, and the \
                     measures that matter. Write one from the command line:\n\n\
                     rhythm brief choice add \"TEXT\" --consequence \"TEXT\"\n\
                     rhythm brief objective add \"TEXT\" --integrator NAME --measure MEASURE\n\
                     rhythm brief exclusion add \"TEXT\" --unless \"TEXT\"\n\
                     rhythm brief measure add MEASURE{}",
                    team.name,
                    self.start_from_last(quarter)
                ),
            },
            Ok(brief) => {
                // The altitude check under the brief: whether this week's
                // work flows from it.
                let check = match self.store.altitude_check(team, quarter, clock.today) {
                    Ok(check) => crate::formats::altitude::text(&check),
                    Err(e) => format!("The altitude check could not be read: {e}"),
                };
                Msg::Read {
                    title: format!("{} · strategy brief {quarter}", team.name),
                    text: format!("{}\n\n{check}", crate::formats::brief::body(&brief)),
                }
            }
            Err(e) => Msg::Saved(Err(format!("could not read the brief: {e}"))),
        }
    }

    /// How to start from an earlier quarter's brief, when there is one.
    fn start_from_last(&self, quarter: Quarter) -> String {
        let earlier = self
            .store
            .brief_quarters(Some(self.team.id))
            .unwrap_or_default()
            .into_iter()
            .find(|q| *q < quarter);
        match earlier {
            Some(q) => {
                format!("\n\nor start it from {q}'s:\n\nrhythm brief new --quarter {quarter}")
            }
            None => String::new(),
        }
    }
}
