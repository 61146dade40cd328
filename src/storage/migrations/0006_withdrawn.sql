-- rhythm schema 6: a needed decision that is no longer needed can be
-- withdrawn. SQLite cannot change a CHECK constraint in place, so the
-- decision table is rebuilt (create, copy, drop, rename) with its indexes
-- and its uid trigger. Foreign keys are off while a migration runs and are
-- checked before it commits (see migrate.rs).

CREATE TABLE decision_new (
    id            INTEGER PRIMARY KEY,
    team_id       INTEGER NOT NULL REFERENCES team(id),
    title         TEXT NOT NULL,
    context       TEXT NOT NULL DEFAULT '',
    options       TEXT NOT NULL DEFAULT '[]',
    chosen        TEXT NOT NULL DEFAULT '',
    owner_id      INTEGER REFERENCES person(id),
    lane          TEXT NOT NULL CHECK (lane IN ('commitment', 'guardrail', 'autonomy')),
    state         TEXT NOT NULL CHECK (state IN ('needed', 'made', 'superseded', 'withdrawn')),
    due           TEXT,
    made_at       TEXT,
    meeting_id    INTEGER REFERENCES meeting(id),
    supersedes_id INTEGER REFERENCES decision(id),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    uid           TEXT
) STRICT;

INSERT INTO decision_new (id, team_id, title, context, options, chosen, owner_id, lane, state,
        due, made_at, meeting_id, supersedes_id, created_at, updated_at, uid)
    SELECT id, team_id, title, context, options, chosen, owner_id, lane, state,
        due, made_at, meeting_id, supersedes_id, created_at, updated_at, uid
    FROM decision;

DROP TABLE decision;
ALTER TABLE decision_new RENAME TO decision;

CREATE INDEX decision_by_supersedes ON decision (supersedes_id);
CREATE INDEX decision_by_meeting ON decision (meeting_id);
CREATE INDEX decision_by_team_made ON decision (team_id, state, made_at);
CREATE UNIQUE INDEX decision_uid ON decision (uid);
CREATE TRIGGER decision_uid AFTER INSERT ON decision WHEN NEW.uid IS NULL
BEGIN UPDATE decision SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id; END;
