//! `rhythm import-readings` and `rhythm export-readings`: readings as CSV.

use super::args::{ExportReadingsArgs, ImportReadingsArgs};
use super::{Ctx, Session, fail};

pub fn import(_ctx: &mut Ctx<'_>, _s: &mut Session, _team: Option<&str>, _a: &ImportReadingsArgs) -> anyhow::Result<()> {
    Err(fail("import-readings is being built"))
}

pub fn export(_ctx: &mut Ctx<'_>, _s: &Session, _team: Option<&str>, _a: &ExportReadingsArgs) -> anyhow::Result<()> {
    Err(fail("export-readings is being built"))
}
