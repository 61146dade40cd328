//! Store tests: every Change on an in-memory store, files for reopen and WAL.
