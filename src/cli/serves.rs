//! `--serves`: the choice or objective of a brief that a piece of work
//! serves, named by its words (any case; a unique part of them will do) or
//! by its number, with the closest ones offered when none matches.

use super::args::ServesArg;
use super::{Session, fail, resolve};
use crate::domain::brief::BriefItem;
use crate::domain::change::RowRef;
use crate::domain::names;
use crate::domain::{BriefItemId, BriefKind, Change, Quarter, Serving, Team};

/// The change `--serves` asks for on `record` (an empty value unlinks
/// it), or `None` when the flag was not given. Read before anything is
/// written, so a name that finds nothing writes nothing.
pub fn link(
    s: &Session,
    team: &Team,
    kind: Serving,
    record: RowRef,
    arg: &ServesArg,
) -> anyhow::Result<Option<Change>> {
    let Some(typed) = arg.serves.as_deref() else {
        return Ok(None);
    };
    let line = if typed.trim().is_empty() {
        None
    } else {
        Some(line(s, team, typed)?)
    };
    Ok(Some(Change::Serve { kind, record, line }))
}

/// `first` and, when `--serves` was given, the link of the record it adds:
/// one operation.
pub fn adding(
    s: &Session,
    team: &Team,
    kind: Serving,
    first: Change,
    arg: &ServesArg,
) -> anyhow::Result<Vec<Change>> {
    let mut changes = vec![first];
    changes.extend(link(s, team, kind, RowRef::Earlier(0), arg)?);
    Ok(changes)
}

/// The line `typed` names among the choices and objectives of `team`'s
/// brief and the whole database's, this quarter's (or, where a brief has
/// none this quarter, its latest).
pub fn line(s: &Session, team: &Team, typed: &str) -> anyhow::Result<BriefItemId> {
    let wanted = typed.trim();
    if let Some(n) = wanted.strip_prefix('#')
        && let Ok(id) = n.parse::<i64>()
    {
        return by_number(s, team, BriefItemId(id));
    }
    let lines = candidates(s, team)?;
    let partial = names::by_words(&lines, wanted, |l| l.text.as_str());
    if let [one] = partial.as_slice() {
        return Ok(one.id);
    }
    let scope = format!("{}'s brief or the whole database's", team.name);
    if partial.len() > 1 {
        let which: Vec<String> = partial
            .iter()
            .map(|l| format!("#{} '{}'", l.id, l.text))
            .collect();
        return Err(fail(format!(
            "'{wanted}' is part of more than one choice or objective in {scope}: {}; give more of its words or its number",
            which.join(", ")
        )));
    }
    resolve::pick("choice or objective", &scope, wanted, &lines, |l| {
        l.text.as_str()
    })
    .map(|l| l.id)
    .map_err(fail)
}

fn by_number(s: &Session, team: &Team, id: BriefItemId) -> anyhow::Result<BriefItemId> {
    match s.store.brief_line(id)? {
        None => Err(fail(format!(
            "there is no line #{id} in any brief (see `rhythm brief show`)"
        ))),
        Some((kind, _)) if !matches!(kind, BriefKind::Choice | BriefKind::Objective) => Err(fail(
            format!("#{id} is a {kind}: work serves a choice or an objective"),
        )),
        Some((_, Some(of))) if of != team.id => Err(fail(format!(
            "#{id} is in another team's brief: work serves {}'s or the whole database's",
            team.name
        ))),
        Some(_) => Ok(id),
    }
}

fn candidates(s: &Session, team: &Team) -> anyhow::Result<Vec<BriefItem>> {
    let now = Quarter::containing(s.clock.today);
    let mut out = Vec::new();
    for owner in [Some(team.id), None] {
        let quarter = match s
            .store
            .brief_quarters(owner)?
            .into_iter()
            .find(|q| *q <= now)
        {
            Some(q) => q,
            None => continue,
        };
        out.extend(
            s.store
                .brief(owner, quarter)?
                .items
                .into_iter()
                .filter(|l| matches!(l.kind, BriefKind::Choice | BriefKind::Objective)),
        );
    }
    Ok(out)
}
