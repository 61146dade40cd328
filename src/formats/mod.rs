//! Files rhythm writes for people and other tools, and text shown on a
//! terminal. Pure: text in, text out.

pub mod adr;
pub mod altitude;
pub mod brief;
pub mod brief_edit;
pub mod csv;
pub mod health;
pub mod json;
pub mod markdown;
pub mod minutes;
pub mod plan;
pub mod report;
pub mod slug;
pub mod terminal;
pub mod wrap;
