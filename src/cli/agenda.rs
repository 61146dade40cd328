//! `rhythm agenda …`: show, set or reset the agenda of a kind of meeting.
//! A new agenda is one change through the store's door (the log has it,
//! `rhythm undo` takes it back); a meeting already under way keeps the
//! agenda it started with.

use serde::Serialize;

use super::args::AgendaCommand;
use super::table::{Table, clean};
use super::{Ctx, Session, fail, print_json};
use crate::domain::agenda::{self, Typed};
use crate::domain::{AgendaSection, Change, MeetingKind};

pub fn run(
    ctx: &mut Ctx<'_>,
    s: &mut Session,
    team: Option<&str>,
    command: AgendaCommand,
) -> anyhow::Result<()> {
    let team = s.team(team)?;
    let (kind, sections) = match command {
        AgendaCommand::Show { kind, json } => {
            let sections = s.store.agenda(team.id, kind)?;
            if json.json {
                return print_json(ctx.out, &View::new(&team.name, kind, &sections));
            }
            return show(ctx, &team.name, kind, &sections);
        }
        AgendaCommand::Set {
            kind,
            agenda: typed,
        } => {
            let sections = agenda::parse(kind, &typed).map_err(|e| fail(e.to_string()))?;
            (kind, sections)
        }
        AgendaCommand::Reset { kind } => (kind, agenda::default_agenda(kind)),
    };
    s.apply(Change::SetAgenda {
        team: team.id,
        kind,
        sections: sections.clone(),
    })?;
    writeln!(
        ctx.out,
        "Set the {kind} agenda of {} ({} minutes): {}",
        team.name,
        total(&sections),
        Typed(&sections)
    )?;
    Ok(())
}

fn total(sections: &[AgendaSection]) -> u32 {
    sections.iter().map(|s| s.minutes).sum()
}

fn show(
    ctx: &mut Ctx<'_>,
    team: &str,
    kind: MeetingKind,
    sections: &[AgendaSection],
) -> anyhow::Result<()> {
    writeln!(
        ctx.out,
        "{}'s {kind} agenda, {} minutes:",
        clean(team),
        total(sections)
    )?;
    let mut table = Table::new(&["#", "Section", "Minutes", "Shows"]);
    for (i, s) in sections.iter().enumerate() {
        table.row(vec![
            (i + 1).to_string(),
            clean(&s.name),
            s.minutes.to_string(),
            s.kind.title().to_string(),
        ]);
    }
    write!(ctx.out, "{}", table.render())?;
    Ok(())
}

/// `agenda show --json`: the team, the kind, the total and each section.
#[derive(Serialize)]
struct View<'a> {
    team: &'a str,
    kind: MeetingKind,
    minutes: u32,
    sections: Vec<SectionView<'a>>,
}

#[derive(Serialize)]
struct SectionView<'a> {
    name: &'a str,
    section: crate::domain::SectionKind,
    minutes: u32,
}

impl<'a> View<'a> {
    fn new(team: &'a str, kind: MeetingKind, sections: &'a [AgendaSection]) -> View<'a> {
        View {
            team,
            kind,
            minutes: total(sections),
            sections: sections
                .iter()
                .map(|s| SectionView {
                    name: &s.name,
                    section: s.kind,
                    minutes: s.minutes,
                })
                .collect(),
        }
    }
}
