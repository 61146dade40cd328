//! rhythm: a team's weekly review in the terminal, kept in one SQLite file.
//!
//! Layers point one way: `domain` (pure rules) ← `storage` (the only home of
//! the database drivers, under `storage::db`) ← `cli` and the binary. Time
//! enters only through `clock`.

pub mod app;
pub mod cli;
pub mod clock;
pub mod config;
pub mod demo;
pub mod domain;
pub mod files;
pub mod formats;
pub mod hooks;
pub mod input;
pub mod paths;
pub mod pg_url;
pub mod storage;
pub mod tui;
pub mod ui;
