//! Which commands only read the database. A read opens the file read-only
//! and never brings its schema up to date: that is a write, and a file an
//! older rhythm wrote is only changed by a command that changes it or by
//! `rhythm migrate` (each keeps a backup first).

use super::args::{
    ActionCommand, AgendaCommand, BriefCommand, Command, DecisionCommand, DepCommand,
    MeasureCommand, OffTrackCommand, PersonCommand, PlanCommand, TeamCommand, TriggerCommand,
};

/// Whether `command` only reads the database (writing files of its own,
/// such as minutes, exports or a backup, is no write to the database).
pub fn reads_only(command: &Command) -> bool {
    use Command as C;
    match command {
        C::Where
        | C::Health(_)
        | C::Follow
        | C::Minutes(_)
        | C::Scorecard(_)
        | C::Export(_)
        | C::Report(_)
        | C::ExportReadings(_)
        | C::Backup { .. }
        | C::Check
        | C::Completions { .. }
        | C::Man { .. }
        | C::Config(_) => true,
        C::Log(a) => !a.compact,
        C::Team(c) => matches!(c, TeamCommand::List(_)),
        C::Person(c) => matches!(c, PersonCommand::List { .. }),
        C::Measure(c) => matches!(c, MeasureCommand::List { .. }),
        C::Action(c) => matches!(c, ActionCommand::List { .. }),
        C::OffTrack(c) => matches!(c, OffTrackCommand::List { .. }),
        C::Dep(c) => matches!(c, DepCommand::List { .. }),
        C::Decision(c) => matches!(
            c,
            DecisionCommand::List { .. }
                | DecisionCommand::Show { .. }
                | DecisionCommand::Export { .. }
        ),
        C::Brief(c) => matches!(c, BriefCommand::Show { .. } | BriefCommand::Check { .. }),
        C::Plan(c) => matches!(c, PlanCommand::Show { .. }),
        C::Trigger(c) => matches!(c, TriggerCommand::List { .. }),
        C::Agenda(c) => matches!(c, AgendaCommand::Show { .. }),
        C::Init
        | C::Meeting(_)
        | C::Demo(_)
        | C::Record(_)
        | C::Import(_)
        | C::Copy(_)
        | C::ImportReadings(_)
        | C::Undo(_)
        | C::Redo
        | C::Migrate => false,
    }
}
