-- rhythm schema 1. Append-only: later changes go in new numbered files.
-- Names compare case-insensitively (COLLATE NOCASE) because people type them.
-- Timestamps are UTC text; dates are YYYY-MM-DD; weeks are YYYY-Www, which
-- sort in time order as text.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE team (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL COLLATE NOCASE UNIQUE,
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE person (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL COLLATE NOCASE UNIQUE,
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE agenda_section (
    team_id  INTEGER NOT NULL REFERENCES team(id),
    kind     TEXT NOT NULL CHECK (kind IN ('weekly', 'monthly', 'quarterly')),
    position INTEGER NOT NULL,
    name     TEXT NOT NULL,
    minutes  INTEGER NOT NULL CHECK (minutes >= 0),
    PRIMARY KEY (team_id, kind, position)
) STRICT;

CREATE TABLE measure (
    id          INTEGER PRIMARY KEY,
    team_id     INTEGER NOT NULL REFERENCES team(id),
    name        TEXT NOT NULL COLLATE NOCASE,
    owner_id    INTEGER REFERENCES person(id),
    unit        TEXT NOT NULL DEFAULT '',
    kind        TEXT NOT NULL CHECK (kind IN ('leading', 'lagging')),
    direction   TEXT NOT NULL CHECK (direction IN ('higher', 'lower', 'range')),
    target      REAL,
    range_low   REAL,
    range_high  REAL,
    tolerance   REAL NOT NULL CHECK (tolerance >= 0 AND tolerance <= 1),
    position    INTEGER NOT NULL,
    archived    INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (team_id, name),
    CHECK ((direction = 'range') = (target IS NULL)),
    CHECK ((direction = 'range') = (range_low IS NOT NULL AND range_high IS NOT NULL))
) STRICT;
CREATE INDEX measure_by_team ON measure (team_id, archived, position);

CREATE TABLE reading (
    measure_id  INTEGER NOT NULL REFERENCES measure(id),
    week        TEXT NOT NULL,
    value       REAL NOT NULL,
    note        TEXT,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (measure_id, week)
) STRICT, WITHOUT ROWID;

CREATE TABLE offtrack (
    id          INTEGER PRIMARY KEY,
    team_id     INTEGER NOT NULL REFERENCES team(id),
    measure_id  INTEGER REFERENCES measure(id),
    title       TEXT NOT NULL,
    owner_id    INTEGER REFERENCES person(id),
    why         TEXT NOT NULL DEFAULT '',
    change      TEXT NOT NULL DEFAULT '',
    state       TEXT NOT NULL CHECK (state IN ('open', 'resolved', 'dropped')),
    raised_week TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX offtrack_by_team ON offtrack (team_id, state);
CREATE INDEX offtrack_by_measure ON offtrack (measure_id);

CREATE TABLE action_item (
    id         INTEGER PRIMARY KEY,
    team_id    INTEGER NOT NULL REFERENCES team(id),
    title      TEXT NOT NULL,
    owner_id   INTEGER REFERENCES person(id),
    due        TEXT,
    state      TEXT NOT NULL CHECK (state IN ('open', 'done', 'dropped')),
    source     TEXT NOT NULL CHECK (source IN ('manual', 'meeting', 'offtrack', 'decision')),
    source_id  INTEGER,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    closed_at  TEXT
) STRICT;
CREATE INDEX action_by_team ON action_item (team_id, state, due);
CREATE INDEX action_by_owner ON action_item (owner_id, state);

CREATE TABLE dependency (
    id                 INTEGER PRIMARY KEY,
    needing_team_id    INTEGER REFERENCES team(id),
    needing_external   TEXT,
    providing_team_id  INTEGER REFERENCES team(id),
    providing_external TEXT,
    what               TEXT NOT NULL,
    owner_id           INTEGER REFERENCES person(id),
    needed_by          TEXT,
    status             TEXT NOT NULL CHECK (status IN ('on_track', 'at_risk', 'blocked', 'done')),
    note               TEXT,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    CHECK ((needing_team_id IS NULL) != (needing_external IS NULL)),
    CHECK ((providing_team_id IS NULL) != (providing_external IS NULL)),
    CHECK (needing_team_id IS NOT NULL OR providing_team_id IS NOT NULL)
) STRICT;
CREATE INDEX dependency_by_needing ON dependency (needing_team_id, status);
CREATE INDEX dependency_by_providing ON dependency (providing_team_id, status);

CREATE TABLE meeting (
    id              INTEGER PRIMARY KEY,
    team_id         INTEGER NOT NULL REFERENCES team(id),
    kind            TEXT NOT NULL CHECK (kind IN ('weekly', 'monthly', 'quarterly')),
    week            TEXT NOT NULL,
    started_at      TEXT NOT NULL,
    ended_at        TEXT,
    current_section INTEGER NOT NULL DEFAULT 0,
    rating          INTEGER CHECK (rating BETWEEN 1 AND 10),
    snapshot        TEXT,
    UNIQUE (team_id, kind, week)
) STRICT;

CREATE TABLE meeting_section (
    meeting_id    INTEGER NOT NULL REFERENCES meeting(id),
    position      INTEGER NOT NULL,
    name          TEXT NOT NULL,
    minutes       INTEGER NOT NULL,
    seconds_spent INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (meeting_id, position)
) STRICT;

CREATE TABLE meeting_attendee (
    meeting_id INTEGER NOT NULL REFERENCES meeting(id),
    person_id  INTEGER NOT NULL REFERENCES person(id),
    PRIMARY KEY (meeting_id, person_id)
) STRICT;

CREATE TABLE decision (
    id            INTEGER PRIMARY KEY,
    team_id       INTEGER NOT NULL REFERENCES team(id),
    title         TEXT NOT NULL,
    context       TEXT NOT NULL DEFAULT '',
    options       TEXT NOT NULL DEFAULT '[]',
    chosen        TEXT NOT NULL DEFAULT '',
    owner_id      INTEGER REFERENCES person(id),
    lane          TEXT NOT NULL CHECK (lane IN ('commitment', 'guardrail', 'autonomy')),
    state         TEXT NOT NULL CHECK (state IN ('needed', 'made', 'superseded')),
    due           TEXT,
    made_at       TEXT,
    meeting_id    INTEGER REFERENCES meeting(id),
    supersedes_id INTEGER REFERENCES decision(id),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;
CREATE INDEX decision_by_team ON decision (team_id, state);
CREATE INDEX decision_by_supersedes ON decision (supersedes_id);
CREATE INDEX decision_by_meeting ON decision (meeting_id);
