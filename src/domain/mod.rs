//! Meeting vocabulary and rules: weeks, the status rule, the scorecard, and
//! `Change`, the one type every write goes through. Pure: imports neither
//! rusqlite nor ratatui, and never reads the clock.

pub mod activity;
pub mod agenda;
pub mod altitude;
pub mod archive;
pub mod brief;
pub mod change;
pub mod driver;
pub mod health;
pub mod model;
pub mod month;
pub mod names;
pub mod operation;
pub mod plan;
pub mod quarter;
pub mod restore;
pub mod scorecard;
pub mod status;
pub mod trigger;
pub mod week;

pub use change::Change;
pub use driver::Driver;
pub use model::*;
pub use month::Month;
pub use operation::{Operation, Origin, RecordRef};
pub use quarter::Quarter;
pub use scorecard::Scorecard;
pub use status::{Direction, Goal, Status, Target};
pub use week::Week;
