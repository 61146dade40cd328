-- rhythm schema 7: who drives a live meeting. One screen holds a meeting
-- at a time, a lease it renews with a heartbeat every few seconds; every
-- other screen on it follows. Bookkeeping, not part of the record: the
-- operation log does not watch this table (see oplog::schema), and the
-- lease goes with its meeting.

CREATE TABLE meeting_driver (
    meeting_id    INTEGER PRIMARY KEY REFERENCES meeting(id) ON DELETE CASCADE,
    -- The person at the driving screen.
    driver        TEXT NOT NULL,
    -- The screen (one process) holding the meeting; NULL once it left.
    screen        TEXT,
    heartbeat_at  TEXT NOT NULL,
    paused_at     TEXT,
    -- The record under the driver's cursor, for followers to highlight.
    selected_kind INTEGER,
    selected_id   INTEGER
) STRICT;
