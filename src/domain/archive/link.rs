//! The export's links from weekly work to the brief: which measure,
//! action, off-track item or decision serves which choice or objective.
//! They come last, after the brief they point into, so an import writes
//! every record and every brief line before it links them; an
//! initiative names the line it serves in its own record instead.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::domain::model::Serving;

/// One piece of weekly work and the brief line it serves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LinkRecord {
    /// Which section `uid` is in.
    #[schemars(with = "Serving")]
    pub kind: String,
    /// The measure, action, off-track item or decision.
    pub uid: String,
    /// A choice or objective of its team's brief or the whole database's.
    pub serves_uid: String,
}

/// Links carry no time.
impl super::Timed for LinkRecord {
    fn each_time(&mut self, _: &mut dyn FnMut(&mut String)) {}
}
