//! The operating plan as read: a team's initiatives with their people and
//! milestones, its flexible pool and the draws on it. Four queries
//! whatever the plan's size.

use std::collections::HashMap;

use crate::storage::db::{OptionalExtension, params};

use crate::domain::altitude::{Work, WorkKind};
use crate::domain::plan::{
    FlexDraw, Initiative, Milestone, Plan, PostMortem, Serves, Share, Stuck,
};
use crate::domain::{InitiativeId, TeamId};

use super::{Store, StoreError};

impl Store {
    /// `team`'s plan: open initiatives first, each kind by start month.
    pub fn plan(&self, team: TeamId) -> Result<Plan, StoreError> {
        let (name, flex): (String, u8) = self
            .conn
            .prepare_cached("SELECT name, flex_share FROM team WHERE id = ?1")?
            .query_row([team], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .ok_or(StoreError::NotFound {
                what: "team",
                id: team.0,
            })?;
        let mut initiatives = self
            .conn
            .prepare_cached(
                "SELECT i.id, i.title, p.name, i.start_month, i.end_month, i.state, i.note,
                        b.id, b.kind, b.text, b.quarter
                 FROM initiative i
                 LEFT JOIN person p ON p.id = i.owner_id
                 LEFT JOIN brief_item b ON b.id = i.serves_id
                 WHERE i.team_id = ?1
                 ORDER BY i.state != 'open', i.start_month, i.id",
            )?
            .query_map([team], |r| {
                let serves = match r.get::<_, Option<crate::domain::BriefItemId>>(7)? {
                    Some(id) => Some(Serves {
                        id,
                        kind: r.get(8)?,
                        text: r.get(9)?,
                        quarter: r.get(10)?,
                    }),
                    None => None,
                };
                Ok(Initiative {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    owner: r.get(2)?,
                    serves,
                    start: r.get(3)?,
                    end: r.get(4)?,
                    state: r.get(5)?,
                    note: r.get(6)?,
                    people: Vec::new(),
                    milestones: Vec::new(),
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let at: HashMap<InitiativeId, usize> = initiatives
            .iter()
            .enumerate()
            .map(|(n, i)| (i.id, n))
            .collect();
        let shares = self
            .conn
            .prepare_cached(
                "SELECT ip.initiative_id, p.name, ip.share
                 FROM initiative_person ip
                 JOIN initiative i ON i.id = ip.initiative_id
                 JOIN person p ON p.id = ip.person_id
                 WHERE i.team_id = ?1
                 ORDER BY ip.share DESC, p.name",
            )?
            .query_map([team], |r| {
                Ok((
                    r.get::<_, InitiativeId>(0)?,
                    Share {
                        person: r.get(1)?,
                        share: r.get(2)?,
                    },
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        for (of, share) in shares {
            if let Some(&n) = at.get(&of) {
                initiatives[n].people.push(share);
            }
        }
        let milestones = self
            .conn
            .prepare_cached(
                "SELECT m.initiative_id, m.id, m.title, p.name, m.month, m.phase, m.phase_since,
                        m.state, m.note, m.decision_id, dp.name
                 FROM milestone m
                 JOIN initiative i ON i.id = m.initiative_id
                 LEFT JOIN person p ON p.id = m.owner_id
                 LEFT JOIN decision d ON d.id = m.decision_id AND d.state != 'withdrawn'
                 LEFT JOIN person dp ON dp.id = d.owner_id
                 WHERE i.team_id = ?1
                 ORDER BY m.month, CASE m.phase WHEN 'decide' THEN 1 WHEN 'build' THEN 2 ELSE 3 END,
                          m.id",
            )?
            .query_map([team], |r| {
                Ok((
                    r.get::<_, InitiativeId>(0)?,
                    Milestone {
                        id: r.get(1)?,
                        title: r.get(2)?,
                        owner: r.get(3)?,
                        month: r.get(4)?,
                        phase: r.get(5)?,
                        phase_since: r.get(6)?,
                        state: r.get(7)?,
                        note: r.get(8)?,
                        decision: r.get(9)?,
                        decision_owner: r.get(10)?,
                    },
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        for (of, m) in milestones {
            if let Some(&n) = at.get(&of) {
                initiatives[n].milestones.push(m);
            }
        }
        let draws = self
            .conn
            .prepare_cached(
                "SELECT id, why, drawn_on, pm_what, pm_factors, pm_change
                 FROM flex_draw WHERE team_id = ?1 ORDER BY drawn_on DESC, id DESC",
            )?
            .query_map([team], |r| {
                let post_mortem = match (
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, Option<String>>(5)?,
                ) {
                    (Some(what), Some(factors), Some(change)) => Some(PostMortem {
                        what,
                        factors,
                        change,
                    }),
                    _ => None,
                };
                Ok(FlexDraw {
                    id: r.get(0)?,
                    why: r.get(1)?,
                    on: r.get(2)?,
                    post_mortem,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Plan {
            team: name,
            flex,
            initiatives,
            draws,
        })
    }

    /// `team`'s milestones the decide rule raises at `now`: open, in an
    /// open initiative, in *decide* since more than `DECIDE_DAYS` days,
    /// and no decision needed or made names who decides. Longest stuck
    /// first. One query: the board reads it on every reload.
    pub fn stuck_milestones(
        &self,
        team: TeamId,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Vec<Stuck>, StoreError> {
        let before = now - chrono::Duration::days(crate::domain::plan::DECIDE_DAYS + 1);
        Ok(self
            .conn
            .prepare_cached(
                "SELECT m.id, m.title, p.name, m.month, i.id, i.title, m.phase_since
                 FROM initiative i
                 JOIN milestone m ON m.initiative_id = i.id
                 LEFT JOIN person p ON p.id = m.owner_id
                 LEFT JOIN decision d ON d.id = m.decision_id AND d.state != 'withdrawn'
                 WHERE i.team_id = ?1 AND i.state = 'open' AND m.state = 'open'
                   AND m.phase = 'decide' AND m.phase_since <= ?2 AND d.id IS NULL
                 ORDER BY m.phase_since, m.id",
            )?
            .query_map(params![team, before], |r| {
                Ok(Stuck {
                    milestone: r.get(0)?,
                    title: r.get(1)?,
                    owner: r.get(2)?,
                    month: r.get(3)?,
                    initiative: r.get(4)?,
                    initiative_title: r.get(5)?,
                    since: r.get(6)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?)
    }

    /// `team`'s open work and what each piece serves, for the altitude
    /// check: open initiatives and their open milestones (this month's
    /// are now), active measures, open action items (now when due by
    /// `week_end` or undated), open off-track items and decisions needed
    /// (both now). One query.
    pub fn strategy_work(
        &self,
        team: TeamId,
        month: crate::domain::Month,
        week_end: chrono::NaiveDate,
    ) -> Result<Vec<Work>, StoreError> {
        let kinds = [
            WorkKind::Initiative,
            WorkKind::Milestone,
            WorkKind::Measure,
            WorkKind::Action,
            WorkKind::OffTrack,
            WorkKind::Decision,
        ];
        Ok(self
            .conn
            .prepare_cached(
                "SELECT 0, i.id, i.title, p.name, i.serves_id, 0
                   FROM initiative i LEFT JOIN person p ON p.id = i.owner_id
                  WHERE i.team_id = ?1 AND i.state = 'open'
                 UNION ALL
                 SELECT 1, m.id, m.title, p.name, i.serves_id, CASE WHEN m.month = ?2 THEN 1 ELSE 0 END
                   FROM initiative i JOIN milestone m ON m.initiative_id = i.id
                   LEFT JOIN person p ON p.id = m.owner_id
                  WHERE i.team_id = ?1 AND i.state = 'open' AND m.state = 'open'
                 UNION ALL
                 SELECT 2, x.id, x.name, p.name, x.serves_id, 0
                   FROM measure x LEFT JOIN person p ON p.id = x.owner_id
                  WHERE x.team_id = ?1 AND x.archived = 0
                 UNION ALL
                 SELECT 3, a.id, a.title, p.name, a.serves_id,
                        CASE WHEN a.due IS NULL OR a.due <= ?3 THEN 1 ELSE 0 END
                   FROM action_item a LEFT JOIN person p ON p.id = a.owner_id
                  WHERE a.team_id = ?1 AND a.state = 'open'
                 UNION ALL
                 SELECT 4, o.id, o.title, p.name, o.serves_id, 1
                   FROM offtrack o LEFT JOIN person p ON p.id = o.owner_id
                  WHERE o.team_id = ?1 AND o.state = 'open'
                 UNION ALL
                 SELECT 5, d.id, d.title, p.name, d.serves_id, 1
                   FROM decision d LEFT JOIN person p ON p.id = d.owner_id
                  WHERE d.team_id = ?1 AND d.state = 'needed'",
            )?
            .query_map(params![team, month, week_end], |r| {
                let kind: i64 = r.get(0)?;
                Ok(Work {
                    kind: kinds[usize::try_from(kind).unwrap_or(0).min(5)],
                    id: r.get(1)?,
                    title: r.get(2)?,
                    owner: r.get(3)?,
                    serves: r.get(4)?,
                    now: r.get::<_, i64>(5)? != 0,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?)
    }

    /// The team an initiative, milestone or flex draw is in, if there is
    /// one by that number.
    pub fn plan_record_team(
        &self,
        table: PlanRecord,
        id: i64,
    ) -> Result<Option<TeamId>, StoreError> {
        let sql = match table {
            PlanRecord::Initiative => "SELECT team_id FROM initiative WHERE id = ?1",
            PlanRecord::Milestone => {
                "SELECT i.team_id FROM milestone m JOIN initiative i ON i.id = m.initiative_id
                 WHERE m.id = ?1"
            }
            PlanRecord::FlexDraw => "SELECT team_id FROM flex_draw WHERE id = ?1",
        };
        Ok(self
            .conn
            .prepare_cached(sql)?
            .query_row([id], |r| r.get(0))
            .optional()?)
    }
}

/// The plan's records addressed by number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanRecord {
    Initiative,
    Milestone,
    FlexDraw,
}
