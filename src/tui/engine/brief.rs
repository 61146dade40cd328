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
                     rhythm brief measure add MEASURE",
                    team.name
                ),
            },
            Ok(brief) => Msg::Read {
                title: format!("{} · strategy brief {quarter}", team.name),
                text: crate::formats::brief::body(&brief),
            },
            Err(e) => Msg::Saved(Err(format!("could not read the brief: {e}"))),
        }
    }
}
