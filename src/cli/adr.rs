//! `rhythm decision export --adr DIR`: decisions as architecture decision records.

use std::path::Path;

use super::{Ctx, Session, fail};
use crate::domain::Team;

pub fn export(_ctx: &mut Ctx<'_>, _s: &Session, _team: &Team, _dir: &Path) -> anyhow::Result<()> {
    Err(fail("decision export is being built"))
}
