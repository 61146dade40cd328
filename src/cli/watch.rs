//! `rhythm follow`: the meeting on another terminal, read-only.

use super::{Ctx, DbChoice, Session};
use crate::domain::{OpSource, Origin};
use crate::storage::OpenMode;
use crate::tui;

pub fn follow(ctx: &mut Ctx<'_>, db: &DbChoice, team: Option<&str>) -> anyhow::Result<()> {
    let opened = db.open(OpenMode::ReadOnly)?;
    let path = opened.anchor()?;
    let session = Session {
        store: opened.store,
        clock: ctx.clock,
        // A follower never writes; the origin is never used.
        origin: Origin::new("follower", OpSource::Tui),
    };
    let team = session.team(team)?;
    tui::follow(session.store, &path, team)
}
