//! Reading a whole database (or one team) into an `Archive`, values as
//! stored, in row-id order, so the same data always gives the same bytes.
//! Each section's query and row mapping is written once, here: the
//! in-memory `Store::export` and the streaming `Store::export_to`
//! (archive_stream.rs) both use them, so the two cannot drift apart.

use crate::storage::db::{self, Db, OptionalExtension, Row, params};

use crate::domain::TeamId;
use crate::domain::archive::{
    ActionRecord, AgendaRecord, Archive, BriefRecord, DecisionRecord, DependencyRecord,
    FlexDrawRecord, InitiativeRecord, MeasureRecord, MeetingRecord, MilestoneRecord,
    OffTrackRecord, PersonRecord, PostMortemRecord, ReadingRecord, SectionRecord, ShareRecord,
    SideRecord, TeamRecord, Timed, TriggerRecord,
};

use super::{Store, StoreError};

mod links;
pub(super) use links::LINKS;

/// One section of the export: a query taking the team (or NULL for all) as
/// `?1`, and how one of its rows becomes a record.
pub(super) struct Section<T> {
    pub sql: &'static str,
    pub row: fn(&Row<'_>) -> db::Result<T>,
}

pub(super) const TEAMS: Section<TeamRecord> = Section {
    sql: "SELECT uid, id, name, review, flex_share, created_at FROM team
          WHERE CAST(?1 AS BIGINT) IS NULL OR id = ?1 ORDER BY id",
    row: |r| {
        Ok(TeamRecord {
            uid: r.get(0)?,
            id: r.get(1)?,
            name: r.get(2)?,
            review: r.get(3)?,
            flex_share: r.get(4)?,
            created_at: r.get(5)?,
        })
    },
};

pub(super) const PEOPLE: Section<PersonRecord> = Section {
    sql: "SELECT id, name, created_at FROM person WHERE CAST(?1 AS BIGINT) IS NULL OR id IN (
              SELECT owner_id FROM measure WHERE team_id = ?1
              UNION SELECT owner_id FROM offtrack WHERE team_id = ?1
              UNION SELECT owner_id FROM action_item WHERE team_id = ?1
              UNION SELECT owner_id FROM decision WHERE team_id = ?1
              UNION SELECT owner_id FROM brief_item WHERE team_id = ?1
              UNION SELECT owner_id FROM initiative WHERE team_id = ?1
              UNION SELECT ip.person_id FROM initiative_person ip
                    JOIN initiative i ON i.id = ip.initiative_id WHERE i.team_id = ?1
              UNION SELECT ms.owner_id FROM milestone ms
                    JOIN initiative i ON i.id = ms.initiative_id WHERE i.team_id = ?1
              UNION SELECT owner_id FROM dependency
                    WHERE needing_team_id = ?1 OR providing_team_id = ?1
              UNION SELECT a.person_id FROM meeting_attendee a
                    JOIN meeting m ON m.id = a.meeting_id WHERE m.team_id = ?1)
          ORDER BY id",
    row: |r| {
        Ok(PersonRecord {
            id: r.get(0)?,
            name: r.get(1)?,
            created_at: r.get(2)?,
        })
    },
};

pub(super) const AGENDAS: Section<AgendaRecord> = Section {
    sql: "SELECT t.uid, s.kind, s.position, s.name, s.minutes, s.section FROM agenda_section s
          JOIN team t ON t.id = s.team_id WHERE CAST(?1 AS BIGINT) IS NULL OR s.team_id = ?1
          ORDER BY s.team_id, s.kind, s.position",
    row: |r| {
        Ok(AgendaRecord {
            team: r.get(0)?,
            kind: r.get(1)?,
            position: r.get(2)?,
            name: r.get(3)?,
            minutes: r.get(4)?,
            section: r.get(5)?,
        })
    },
};

pub(super) const MEASURES: Section<MeasureRecord> = Section {
    sql: "SELECT m.uid, m.id, t.uid, m.name, p.name, m.unit, m.kind, m.direction, m.target,
              m.range_low, m.range_high, m.tolerance, m.position, m.archived, m.created_at,
              m.updated_at, m.rollup
          FROM measure m JOIN team t ON t.id = m.team_id LEFT JOIN person p ON p.id = m.owner_id
          WHERE CAST(?1 AS BIGINT) IS NULL OR m.team_id = ?1 ORDER BY m.id",
    row: |r| {
        Ok(MeasureRecord {
            uid: r.get(0)?,
            id: r.get(1)?,
            team: r.get(2)?,
            name: r.get(3)?,
            owner: r.get(4)?,
            unit: r.get(5)?,
            kind: r.get(6)?,
            direction: r.get(7)?,
            target: r.get(8)?,
            range_low: r.get(9)?,
            range_high: r.get(10)?,
            tolerance: r.get(11)?,
            position: r.get(12)?,
            archived: r.get(13)?,
            created_at: r.get(14)?,
            updated_at: r.get(15)?,
            rollup: r.get(16)?,
        })
    },
};

pub(super) const READINGS: Section<ReadingRecord> = Section {
    sql: "SELECT m.uid, r.week, r.value, r.note, r.recorded_at
          FROM reading r JOIN measure m ON m.id = r.measure_id
          WHERE CAST(?1 AS BIGINT) IS NULL OR m.team_id = ?1 ORDER BY r.measure_id, r.week",
    row: |r| {
        Ok(ReadingRecord {
            measure: r.get(0)?,
            week: r.get(1)?,
            value: r.get(2)?,
            note: r.get(3)?,
            recorded_at: r.get(4)?,
        })
    },
};

pub(super) const OFFTRACK: Section<OffTrackRecord> = Section {
    sql: "SELECT o.uid, o.id, t.uid, m.uid, o.title, p.name, o.why, o.change, o.state,
              o.raised_week, o.created_at, o.updated_at
          FROM offtrack o JOIN team t ON t.id = o.team_id
          LEFT JOIN measure m ON m.id = o.measure_id LEFT JOIN person p ON p.id = o.owner_id
          WHERE CAST(?1 AS BIGINT) IS NULL OR o.team_id = ?1 ORDER BY o.id",
    row: |r| {
        Ok(OffTrackRecord {
            uid: r.get(0)?,
            id: r.get(1)?,
            team: r.get(2)?,
            measure: r.get(3)?,
            title: r.get(4)?,
            owner: r.get(5)?,
            why: r.get(6)?,
            change: r.get(7)?,
            state: r.get(8)?,
            raised_week: r.get(9)?,
            created_at: r.get(10)?,
            updated_at: r.get(11)?,
        })
    },
};

pub(super) const ACTIONS: Section<ActionRecord> = Section {
    sql: "SELECT a.uid, a.id, t.uid, a.title, p.name, a.due, a.state, a.source,
              CASE a.source WHEN 'offtrack' THEN (SELECT uid FROM offtrack WHERE id = a.source_id)
                            WHEN 'decision' THEN (SELECT uid FROM decision WHERE id = a.source_id)
              END,
              a.created_at, a.updated_at, a.closed_at
          FROM action_item a JOIN team t ON t.id = a.team_id LEFT JOIN person p ON p.id = a.owner_id
          WHERE CAST(?1 AS BIGINT) IS NULL OR a.team_id = ?1 ORDER BY a.id",
    row: |r| {
        Ok(ActionRecord {
            uid: r.get(0)?,
            id: r.get(1)?,
            team: r.get(2)?,
            title: r.get(3)?,
            owner: r.get(4)?,
            due: r.get(5)?,
            state: r.get(6)?,
            source: r.get(7)?,
            source_uid: r.get(8)?,
            created_at: r.get(9)?,
            updated_at: r.get(10)?,
            closed_at: r.get(11)?,
        })
    },
};

pub(super) const DEPENDENCIES: Section<DependencyRecord> = Section {
    sql: "SELECT d.uid, d.id, nt.uid, coalesce(nt.name, d.needing_external), pt.uid,
              coalesce(pt.name, d.providing_external), d.what, p.name, d.needed_by, d.status,
              d.note, d.created_at, d.updated_at
          FROM dependency d LEFT JOIN team nt ON nt.id = d.needing_team_id
          LEFT JOIN team pt ON pt.id = d.providing_team_id LEFT JOIN person p ON p.id = d.owner_id
          WHERE CAST(?1 AS BIGINT) IS NULL OR d.needing_team_id = ?1 OR d.providing_team_id = ?1 ORDER BY d.id",
    row: |r| {
        Ok(DependencyRecord {
            uid: r.get(0)?,
            id: r.get(1)?,
            needing: SideRecord {
                team: r.get(2)?,
                name: r.get(3)?,
            },
            providing: SideRecord {
                team: r.get(4)?,
                name: r.get(5)?,
            },
            what: r.get(6)?,
            owner: r.get(7)?,
            needed_by: r.get(8)?,
            status: r.get(9)?,
            note: r.get(10)?,
            created_at: r.get(11)?,
            updated_at: r.get(12)?,
        })
    },
};

/// Without their sections and attendees: `meeting_details` adds those.
pub(super) const MEETINGS: Section<MeetingRecord> = Section {
    sql: "SELECT m.uid, m.id, t.uid, m.kind, m.week, m.started_at, m.ended_at, m.current_section,
              m.rating, m.snapshot, m.minutes, m.missing_at_start, m.commitments_done,
              m.commitments_due
          FROM meeting m JOIN team t ON t.id = m.team_id
          WHERE CAST(?1 AS BIGINT) IS NULL OR m.team_id = ?1 ORDER BY m.id",
    row: |r| {
        let snapshot: Option<String> = r.get(9)?;
        Ok(MeetingRecord {
            uid: r.get(0)?,
            id: r.get(1)?,
            team: r.get(2)?,
            kind: r.get(3)?,
            week: r.get(4)?,
            started_at: r.get(5)?,
            ended_at: r.get(6)?,
            current_section: r.get(7)?,
            rating: r.get(8)?,
            snapshot: snapshot.and_then(|s| serde_json::from_str(&s).ok()),
            minutes: r.get(10)?,
            sections: Vec::new(),
            attendees: Vec::new(),
            missing_at_start: r.get(11)?,
            commitments_done: r.get(12)?,
            commitments_due: r.get(13)?,
        })
    },
};

pub(super) const DECISIONS: Section<DecisionRecord> = Section {
    sql: "SELECT d.uid, d.id, t.uid, d.title, d.context, d.options, d.chosen, p.name, d.lane,
              d.state, d.due, d.made_at, m.uid, s.uid, d.created_at, d.updated_at
          FROM decision d JOIN team t ON t.id = d.team_id LEFT JOIN person p ON p.id = d.owner_id
          LEFT JOIN meeting m ON m.id = d.meeting_id LEFT JOIN decision s ON s.id = d.supersedes_id
          WHERE CAST(?1 AS BIGINT) IS NULL OR d.team_id = ?1 ORDER BY d.id",
    row: |r| {
        let options: String = r.get(5)?;
        Ok(DecisionRecord {
            uid: r.get(0)?,
            id: r.get(1)?,
            team: r.get(2)?,
            title: r.get(3)?,
            context: r.get(4)?,
            options: serde_json::from_str(&options).unwrap_or_default(),
            chosen: r.get(6)?,
            owner: r.get(7)?,
            lane: r.get(8)?,
            state: r.get(9)?,
            due: r.get(10)?,
            made_at: r.get(11)?,
            meeting: r.get(12)?,
            supersedes: r.get(13)?,
            created_at: r.get(14)?,
            updated_at: r.get(15)?,
        })
    },
};

/// A one-team export carries that team's brief only. The whole database's
/// brief is no team's: it may name any team's measures, and a team's
/// export merged into another database must not bring it along, nor add
/// it twice when each team's export is merged; a whole export keeps it.
pub(super) const BRIEF: Section<BriefRecord> = Section {
    sql: "SELECT b.uid, b.id, t.uid, b.quarter, b.kind, b.position, b.text, b.detail, p.name,
              m.uid, o.uid, b.created_at, b.updated_at
          FROM brief_item b LEFT JOIN team t ON t.id = b.team_id
          LEFT JOIN person p ON p.id = b.owner_id LEFT JOIN measure m ON m.id = b.measure_id
          LEFT JOIN brief_item o ON o.id = b.objective_id
          WHERE CAST(?1 AS BIGINT) IS NULL OR b.team_id = ?1 ORDER BY b.id",
    row: |r| {
        Ok(BriefRecord {
            uid: r.get(0)?,
            id: r.get(1)?,
            team: r.get(2)?,
            quarter: r.get(3)?,
            kind: r.get(4)?,
            position: r.get(5)?,
            text: r.get(6)?,
            detail: r.get(7)?,
            integrator: r.get(8)?,
            measure: r.get(9)?,
            objective: r.get(10)?,
            created_at: r.get(11)?,
            updated_at: r.get(12)?,
        })
    },
};

/// A trigger rule; its episodes come from `trigger_episodes`.
pub(super) const TRIGGERS: Section<TriggerRecord> = Section {
    sql: "SELECT r.uid, r.id, t.uid, m.uid, r.rule, r.condition, r.low, r.high, r.periods,
              r.period, r.response, r.created_at, r.updated_at
          FROM trigger_rule r JOIN team t ON t.id = r.team_id
          JOIN measure m ON m.id = r.measure_id
          WHERE CAST(?1 AS BIGINT) IS NULL OR r.team_id = ?1 ORDER BY r.id",
    row: |r| {
        Ok(TriggerRecord {
            uid: r.get(0)?,
            id: r.get(1)?,
            team: r.get(2)?,
            measure: r.get(3)?,
            rule: r.get(4)?,
            condition: r.get(5)?,
            low: r.get(6)?,
            high: r.get(7)?,
            periods: r.get(8)?,
            period: r.get(9)?,
            response: r.get(10)?,
            created_at: r.get(11)?,
            updated_at: r.get(12)?,
            episodes: Vec::new(),
        })
    },
};

/// Without their people: `initiative_people` adds those. A one-team export
/// leaves out the whole database's brief (see `BRIEF`), and so an
/// initiative's link to a line of it.
pub(super) const INITIATIVES: Section<InitiativeRecord> = Section {
    sql: "SELECT i.uid, i.id, t.uid, i.title, p.name, s.uid, i.start_month, i.end_month, i.state,
              i.note, i.created_at, i.updated_at
          FROM initiative i JOIN team t ON t.id = i.team_id
          LEFT JOIN person p ON p.id = i.owner_id
          LEFT JOIN brief_item s ON s.id = i.serves_id
               AND (CAST(?1 AS BIGINT) IS NULL OR s.team_id = ?1)
          WHERE CAST(?1 AS BIGINT) IS NULL OR i.team_id = ?1 ORDER BY i.id",
    row: |r| {
        Ok(InitiativeRecord {
            uid: r.get(0)?,
            id: r.get(1)?,
            team: r.get(2)?,
            title: r.get(3)?,
            owner: r.get(4)?,
            serves: r.get(5)?,
            start: r.get(6)?,
            end: r.get(7)?,
            state: r.get(8)?,
            note: r.get(9)?,
            people: Vec::new(),
            created_at: r.get(10)?,
            updated_at: r.get(11)?,
        })
    },
};

pub(super) const MILESTONES: Section<MilestoneRecord> = Section {
    sql: "SELECT m.uid, m.id, i.uid, m.title, p.name, m.month, m.phase, m.phase_since, m.state,
              m.note, d.uid, m.created_at, m.updated_at
          FROM milestone m JOIN initiative i ON i.id = m.initiative_id
          LEFT JOIN person p ON p.id = m.owner_id LEFT JOIN decision d ON d.id = m.decision_id
          WHERE CAST(?1 AS BIGINT) IS NULL OR i.team_id = ?1 ORDER BY m.id",
    row: |r| {
        Ok(MilestoneRecord {
            uid: r.get(0)?,
            id: r.get(1)?,
            initiative: r.get(2)?,
            title: r.get(3)?,
            owner: r.get(4)?,
            month: r.get(5)?,
            phase: r.get(6)?,
            phase_since: r.get(7)?,
            state: r.get(8)?,
            note: r.get(9)?,
            decision: r.get(10)?,
            created_at: r.get(11)?,
            updated_at: r.get(12)?,
        })
    },
};

/// Fills in a trigger's episodes, in the order they fired.
pub(super) fn trigger_episodes(c: &Db, t: &mut TriggerRecord) -> Result<(), StoreError> {
    let mut stmt = c.prepare_cached(
        "SELECT fired, recorded_at, cleared FROM trigger_episode WHERE trigger_id = ?1
         ORDER BY fired, id",
    )?;
    t.episodes = stmt
        .query_map([t.id], |r| {
            Ok(crate::domain::archive::EpisodeRecord {
                fired: r.get(0)?,
                recorded_at: r.get(1)?,
                cleared: r.get(2)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(())
}

pub(super) const FLEX_DRAWS: Section<FlexDrawRecord> = Section {
    sql: "SELECT f.uid, f.id, t.uid, f.why, f.drawn_on, f.pm_what, f.pm_factors, f.pm_change,
              f.created_at, f.updated_at
          FROM flex_draw f JOIN team t ON t.id = f.team_id
          WHERE CAST(?1 AS BIGINT) IS NULL OR f.team_id = ?1 ORDER BY f.id",
    row: |r| {
        let what: Option<String> = r.get(5)?;
        let post_mortem = match what {
            Some(what) => Some(PostMortemRecord {
                what,
                factors: r.get::<_, Option<String>>(6)?.unwrap_or_default(),
                change: r.get::<_, Option<String>>(7)?.unwrap_or_default(),
            }),
            None => None,
        };
        Ok(FlexDrawRecord {
            uid: r.get(0)?,
            id: r.get(1)?,
            team: r.get(2)?,
            why: r.get(3)?,
            drawn_on: r.get(4)?,
            post_mortem,
            created_at: r.get(8)?,
            updated_at: r.get(9)?,
        })
    },
};

/// Fills in the people on an initiative and their shares, by person.
pub(super) fn initiative_people(c: &Db, i: &mut InitiativeRecord) -> Result<(), StoreError> {
    let mut people = c.prepare_cached(
        "SELECT p.name, ip.share FROM initiative_person ip JOIN person p ON p.id = ip.person_id
         WHERE ip.initiative_id = ?1 ORDER BY p.id",
    )?;
    i.people = people
        .query_map([i.id], |r| {
            Ok(ShareRecord {
                person: r.get(0)?,
                share: r.get(1)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(())
}

/// Every record of `section`, in its order.
fn all<T>(c: &Db, section: &Section<T>, team: Option<TeamId>) -> Result<Vec<T>, StoreError> {
    let mut stmt = c.prepare(section.sql)?;
    let rows = stmt.query_map(params![team], section.row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The uid of the team a one-team export is of.
pub(super) fn own_uid(c: &Db, team: Option<TeamId>) -> Result<Option<String>, StoreError> {
    match team {
        Some(id) => Ok(c
            .query_row("SELECT uid FROM team WHERE id = ?1", [id], |r| r.get(0))
            .optional()?),
        None => Ok(None),
    }
}

/// A one-team export names only its own team on either side.
pub(super) fn keep_own_side(d: &mut DependencyRecord, own: Option<&str>) {
    for side in [&mut d.needing, &mut d.providing] {
        if side.team.is_some() && side.team.as_deref() != own {
            side.team = None;
        }
    }
}

/// Fills in a meeting's sections, in agenda order, and its attendees.
pub(super) fn meeting_details(c: &Db, m: &mut MeetingRecord) -> Result<(), StoreError> {
    let mut sections = c.prepare_cached(
        "SELECT name, minutes, seconds_spent, section FROM meeting_section WHERE meeting_id = ?1
         ORDER BY position",
    )?;
    m.sections = sections
        .query_map([m.id], |r| {
            Ok(SectionRecord {
                name: r.get(0)?,
                minutes: r.get(1)?,
                seconds_spent: r.get(2)?,
                section: r.get(3)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    let mut attendees = c.prepare_cached(
        "SELECT p.name FROM meeting_attendee a JOIN person p ON p.id = a.person_id
         WHERE a.meeting_id = ?1 ORDER BY p.id",
    )?;
    m.attendees = attendees
        .query_map([m.id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(())
}

impl Store {
    /// Everything in the database, or only `team`'s records (with the
    /// dependencies that name it, and the people its records name; see
    /// `BRIEF` for the brief), times
    /// written as the export writes them.
    pub fn export(&self, team: Option<TeamId>) -> Result<Archive, StoreError> {
        let mut a = export_from(&self.conn, team)?;
        a.to_exported();
        Ok(a)
    }
}

/// The records as stored (times in the store's text), to compare with.
pub(super) fn export_from(c: &Db, team: Option<TeamId>) -> Result<Archive, StoreError> {
    let mut a = Archive::empty();
    a.teams = all(c, &TEAMS, team)?;
    a.people = all(c, &PEOPLE, team)?;
    a.agendas = all(c, &AGENDAS, team)?;
    a.measures = all(c, &MEASURES, team)?;
    a.readings = all(c, &READINGS, team)?;
    a.offtrack = all(c, &OFFTRACK, team)?;
    a.actions = all(c, &ACTIONS, team)?;
    a.dependencies = all(c, &DEPENDENCIES, team)?;
    if team.is_some() {
        let own = own_uid(c, team)?;
        for d in &mut a.dependencies {
            keep_own_side(d, own.as_deref());
        }
    }
    a.meetings = all(c, &MEETINGS, team)?;
    for m in &mut a.meetings {
        meeting_details(c, m)?;
    }
    a.decisions = all(c, &DECISIONS, team)?;
    a.brief = all(c, &BRIEF, team)?;
    a.triggers = all(c, &TRIGGERS, team)?;
    for t in &mut a.triggers {
        trigger_episodes(c, t)?;
    }
    a.plan.initiatives = all(c, &INITIATIVES, team)?;
    for i in &mut a.plan.initiatives {
        initiative_people(c, i)?;
    }
    a.plan.milestones = all(c, &MILESTONES, team)?;
    a.plan.flex_draws = all(c, &FLEX_DRAWS, team)?;
    a.links = all(c, &LINKS, team)?;
    Ok(a)
}
