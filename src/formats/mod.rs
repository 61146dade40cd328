//! Files rhythm writes for people and other tools. Pure: text in, text out.

pub mod adr;
pub mod csv;
pub mod minutes;
pub mod slug;
