//! `rhythm export` and `rhythm import`: a whole database as versioned JSON.

use super::args::{ExportArgs, ImportArgs};
use super::{Ctx, DbChoice, Session, fail};

pub fn export(_ctx: &mut Ctx<'_>, _s: &Session, _team: Option<&str>, _a: &ExportArgs) -> anyhow::Result<()> {
    Err(fail("export is being built"))
}

pub fn import(_ctx: &mut Ctx<'_>, _db: &DbChoice, _a: &ImportArgs) -> anyhow::Result<()> {
    Err(fail("import is being built"))
}
