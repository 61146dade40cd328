-- rhythm schema 9 on PostgreSQL, in one step: the same tables, columns (in
-- the same order), keys, checks and indexes as the SQLite file after
-- migrations 0001..0009.
--
-- Text is COLLATE "C" so it compares and sorts bytewise, as SQLite's BINARY.
-- Names that SQLite compares NOCASE stay "C" too; their case-insensitive
-- uniqueness is a unique index on lower(name COLLATE "C"), which folds ASCII
-- letters only, as NOCASE does.
--
-- Every foreign key is DEFERRABLE (INITIALLY IMMEDIATE) so undo can replay
-- rows in any order after SET CONSTRAINTS ALL DEFERRED.
--
-- Row ids follow SQLite's rowid rule (max + 1 when none is given) rather
-- than a sequence, so both stores number rows alike and operation.first_row
-- (max + 1 of op_row) is the id its first row gets; a sequence would skip
-- past rolled-back ids. Like SQLite, that needs one writer at a time.

CREATE TABLE meta (
    key   TEXT COLLATE "C" PRIMARY KEY,
    value TEXT COLLATE "C" NOT NULL
);

CREATE TABLE team (
    id         BIGINT PRIMARY KEY,
    name       TEXT COLLATE "C" NOT NULL,
    created_at TEXT COLLATE "C" NOT NULL,
    uid        TEXT COLLATE "C",
    review     TEXT COLLATE "C" NOT NULL DEFAULT 'current'
        CHECK (review IN ('current', 'previous'))
);
-- SQLite: name COLLATE NOCASE UNIQUE.
CREATE UNIQUE INDEX team_name_key ON team (lower(name COLLATE "C"));

CREATE TABLE person (
    id         BIGINT PRIMARY KEY,
    name       TEXT COLLATE "C" NOT NULL,
    created_at TEXT COLLATE "C" NOT NULL
);
-- SQLite: name COLLATE NOCASE UNIQUE.
CREATE UNIQUE INDEX person_name_key ON person (lower(name COLLATE "C"));

CREATE TABLE agenda_section (
    team_id  BIGINT NOT NULL REFERENCES team(id) DEFERRABLE INITIALLY IMMEDIATE,
    kind     TEXT COLLATE "C" NOT NULL CHECK (kind IN ('weekly', 'monthly', 'quarterly')),
    position BIGINT NOT NULL,
    name     TEXT COLLATE "C" NOT NULL,
    minutes  BIGINT NOT NULL CHECK (minutes >= 0),
    PRIMARY KEY (team_id, kind, position)
);

CREATE TABLE measure (
    id          BIGINT PRIMARY KEY,
    team_id     BIGINT NOT NULL REFERENCES team(id) DEFERRABLE INITIALLY IMMEDIATE,
    name        TEXT COLLATE "C" NOT NULL,
    owner_id    BIGINT REFERENCES person(id) DEFERRABLE INITIALLY IMMEDIATE,
    unit        TEXT COLLATE "C" NOT NULL DEFAULT '',
    kind        TEXT COLLATE "C" NOT NULL CHECK (kind IN ('leading', 'lagging')),
    direction   TEXT COLLATE "C" NOT NULL CHECK (direction IN ('higher', 'lower', 'range')),
    target      DOUBLE PRECISION,
    range_low   DOUBLE PRECISION,
    range_high  DOUBLE PRECISION,
    tolerance   DOUBLE PRECISION NOT NULL CHECK (tolerance >= 0 AND tolerance <= 1),
    position    BIGINT NOT NULL,
    archived    BIGINT NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    created_at  TEXT COLLATE "C" NOT NULL,
    updated_at  TEXT COLLATE "C" NOT NULL,
    uid         TEXT COLLATE "C",
    CHECK ((direction = 'range') = (target IS NULL)),
    CHECK ((direction = 'range') = (range_low IS NOT NULL AND range_high IS NOT NULL))
);
-- SQLite: UNIQUE (team_id, name) with name NOCASE.
CREATE UNIQUE INDEX measure_name_key ON measure (team_id, lower(name COLLATE "C"));
CREATE INDEX measure_by_team ON measure (team_id, archived, position);

CREATE TABLE reading (
    measure_id  BIGINT NOT NULL REFERENCES measure(id) DEFERRABLE INITIALLY IMMEDIATE,
    week        TEXT COLLATE "C" NOT NULL,
    value       DOUBLE PRECISION NOT NULL,
    note        TEXT COLLATE "C",
    recorded_at TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (measure_id, week)
);

CREATE TABLE offtrack (
    id          BIGINT PRIMARY KEY,
    team_id     BIGINT NOT NULL REFERENCES team(id) DEFERRABLE INITIALLY IMMEDIATE,
    measure_id  BIGINT REFERENCES measure(id) DEFERRABLE INITIALLY IMMEDIATE,
    title       TEXT COLLATE "C" NOT NULL,
    owner_id    BIGINT REFERENCES person(id) DEFERRABLE INITIALLY IMMEDIATE,
    why         TEXT COLLATE "C" NOT NULL DEFAULT '',
    change      TEXT COLLATE "C" NOT NULL DEFAULT '',
    state       TEXT COLLATE "C" NOT NULL CHECK (state IN ('open', 'resolved', 'dropped')),
    raised_week TEXT COLLATE "C" NOT NULL,
    created_at  TEXT COLLATE "C" NOT NULL,
    updated_at  TEXT COLLATE "C" NOT NULL,
    uid         TEXT COLLATE "C"
);
CREATE INDEX offtrack_by_team ON offtrack (team_id, state);
CREATE INDEX offtrack_by_measure ON offtrack (measure_id);

CREATE TABLE action_item (
    id         BIGINT PRIMARY KEY,
    team_id    BIGINT NOT NULL REFERENCES team(id) DEFERRABLE INITIALLY IMMEDIATE,
    title      TEXT COLLATE "C" NOT NULL,
    owner_id   BIGINT REFERENCES person(id) DEFERRABLE INITIALLY IMMEDIATE,
    due        TEXT COLLATE "C",
    state      TEXT COLLATE "C" NOT NULL CHECK (state IN ('open', 'done', 'dropped')),
    source     TEXT COLLATE "C" NOT NULL
        CHECK (source IN ('manual', 'meeting', 'offtrack', 'decision')),
    source_id  BIGINT,
    created_at TEXT COLLATE "C" NOT NULL,
    updated_at TEXT COLLATE "C" NOT NULL,
    closed_at  TEXT COLLATE "C",
    uid        TEXT COLLATE "C"
);
CREATE INDEX action_by_team ON action_item (team_id, state, due);
CREATE INDEX action_by_owner ON action_item (owner_id, state);
CREATE INDEX action_by_source ON action_item (source, source_id);
CREATE INDEX action_by_team_due ON action_item (team_id, due);
CREATE INDEX action_by_team_created ON action_item (team_id, created_at);

CREATE TABLE dependency (
    id                 BIGINT PRIMARY KEY,
    needing_team_id    BIGINT REFERENCES team(id) DEFERRABLE INITIALLY IMMEDIATE,
    needing_external   TEXT COLLATE "C",
    providing_team_id  BIGINT REFERENCES team(id) DEFERRABLE INITIALLY IMMEDIATE,
    providing_external TEXT COLLATE "C",
    what               TEXT COLLATE "C" NOT NULL,
    owner_id           BIGINT REFERENCES person(id) DEFERRABLE INITIALLY IMMEDIATE,
    needed_by          TEXT COLLATE "C",
    status             TEXT COLLATE "C" NOT NULL
        CHECK (status IN ('on_track', 'at_risk', 'blocked', 'done')),
    note               TEXT COLLATE "C",
    created_at         TEXT COLLATE "C" NOT NULL,
    updated_at         TEXT COLLATE "C" NOT NULL,
    uid                TEXT COLLATE "C",
    CHECK ((needing_team_id IS NULL) != (needing_external IS NULL)),
    CHECK ((providing_team_id IS NULL) != (providing_external IS NULL)),
    CHECK (needing_team_id IS NOT NULL OR providing_team_id IS NOT NULL)
);
CREATE INDEX dependency_by_needing ON dependency (needing_team_id, status);
CREATE INDEX dependency_by_providing ON dependency (providing_team_id, status);

CREATE TABLE meeting (
    id              BIGINT PRIMARY KEY,
    team_id         BIGINT NOT NULL REFERENCES team(id) DEFERRABLE INITIALLY IMMEDIATE,
    kind            TEXT COLLATE "C" NOT NULL CHECK (kind IN ('weekly', 'monthly', 'quarterly')),
    week            TEXT COLLATE "C" NOT NULL,
    started_at      TEXT COLLATE "C" NOT NULL,
    ended_at        TEXT COLLATE "C",
    current_section BIGINT NOT NULL DEFAULT 0,
    rating          BIGINT CHECK (rating BETWEEN 1 AND 10),
    snapshot        TEXT COLLATE "C",
    minutes         TEXT COLLATE "C",
    uid             TEXT COLLATE "C",
    UNIQUE (team_id, kind, week)
);
CREATE INDEX meeting_by_team_week ON meeting (team_id, week);

CREATE TABLE meeting_section (
    meeting_id    BIGINT NOT NULL REFERENCES meeting(id) DEFERRABLE INITIALLY IMMEDIATE,
    position      BIGINT NOT NULL,
    name          TEXT COLLATE "C" NOT NULL,
    minutes       BIGINT NOT NULL,
    seconds_spent BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (meeting_id, position)
);

CREATE TABLE meeting_attendee (
    meeting_id BIGINT NOT NULL REFERENCES meeting(id) DEFERRABLE INITIALLY IMMEDIATE,
    person_id  BIGINT NOT NULL REFERENCES person(id) DEFERRABLE INITIALLY IMMEDIATE,
    PRIMARY KEY (meeting_id, person_id)
);

CREATE UNIQUE INDEX team_uid ON team (uid);
CREATE UNIQUE INDEX measure_uid ON measure (uid);
CREATE UNIQUE INDEX offtrack_uid ON offtrack (uid);
CREATE UNIQUE INDEX action_item_uid ON action_item (uid);
CREATE UNIQUE INDEX dependency_uid ON dependency (uid);
CREATE UNIQUE INDEX meeting_uid ON meeting (uid);

-- The operation log (see oplog::schema); its triggers are installed by the
-- store, not here.
CREATE TABLE operation (
    id          BIGINT PRIMARY KEY,
    at          TEXT COLLATE "C" NOT NULL,
    author      TEXT COLLATE "C" NOT NULL,
    source      TEXT COLLATE "C" NOT NULL CHECK (source IN ('cli', 'tui', 'import', 'demo')),
    kind        TEXT COLLATE "C" NOT NULL CHECK (kind IN ('change', 'undo', 'redo')),
    summary     TEXT COLLATE "C" NOT NULL,
    team_id     BIGINT,
    approved_by TEXT COLLATE "C",
    undone_by   BIGINT REFERENCES operation(id) DEFERRABLE INITIALLY IMMEDIATE,
    undoable    BIGINT NOT NULL DEFAULT 1 CHECK (undoable IN (0, 1)),
    logging     BIGINT NOT NULL DEFAULT 0 CHECK (logging IN (0, 1)),
    first_row   BIGINT NOT NULL DEFAULT 1,
    last_row    BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE op_undo (
    op_id     BIGINT NOT NULL REFERENCES operation(id) DEFERRABLE INITIALLY IMMEDIATE,
    target_id BIGINT NOT NULL REFERENCES operation(id) DEFERRABLE INITIALLY IMMEDIATE,
    PRIMARY KEY (op_id, target_id)
);
CREATE INDEX op_undo_by_target ON op_undo (target_id);

CREATE TABLE op_row (
    id     BIGINT PRIMARY KEY,
    op_id  BIGINT NOT NULL REFERENCES operation(id) DEFERRABLE INITIALLY IMMEDIATE,
    tbl    TEXT COLLATE "C" NOT NULL,
    key    TEXT COLLATE "C" NOT NULL,
    before TEXT COLLATE "C",
    after  TEXT COLLATE "C"
);
CREATE INDEX op_row_by_row ON op_row (tbl, key, op_id);

CREATE VIEW op_current AS
    SELECT id AS op_id FROM operation
    WHERE id = (SELECT max(id) FROM operation) AND logging = 1;

CREATE TABLE decision (
    id            BIGINT PRIMARY KEY,
    team_id       BIGINT NOT NULL REFERENCES team(id) DEFERRABLE INITIALLY IMMEDIATE,
    title         TEXT COLLATE "C" NOT NULL,
    context       TEXT COLLATE "C" NOT NULL DEFAULT '',
    options       TEXT COLLATE "C" NOT NULL DEFAULT '[]',
    chosen        TEXT COLLATE "C" NOT NULL DEFAULT '',
    owner_id      BIGINT REFERENCES person(id) DEFERRABLE INITIALLY IMMEDIATE,
    lane          TEXT COLLATE "C" NOT NULL
        CHECK (lane IN ('commitment', 'guardrail', 'autonomy')),
    state         TEXT COLLATE "C" NOT NULL
        CHECK (state IN ('needed', 'made', 'superseded', 'withdrawn')),
    due           TEXT COLLATE "C",
    made_at       TEXT COLLATE "C",
    meeting_id    BIGINT REFERENCES meeting(id) DEFERRABLE INITIALLY IMMEDIATE,
    supersedes_id BIGINT REFERENCES decision(id) DEFERRABLE INITIALLY IMMEDIATE,
    created_at    TEXT COLLATE "C" NOT NULL,
    updated_at    TEXT COLLATE "C" NOT NULL,
    uid           TEXT COLLATE "C"
);
CREATE INDEX decision_by_supersedes ON decision (supersedes_id);
CREATE INDEX decision_by_meeting ON decision (meeting_id);
CREATE INDEX decision_by_team_made ON decision (team_id, state, made_at);
CREATE UNIQUE INDEX decision_uid ON decision (uid);

-- Not logged by the operation log; its key is the meeting's, always given.
CREATE TABLE meeting_driver (
    meeting_id    BIGINT PRIMARY KEY
        REFERENCES meeting(id) ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE,
    driver        TEXT COLLATE "C" NOT NULL,
    screen        TEXT COLLATE "C",
    heartbeat_at  TEXT COLLATE "C" NOT NULL,
    paused_at     TEXT COLLATE "C",
    selected_kind BIGINT,
    selected_id   BIGINT
);

-- Fill omitted ids (SQLite's rowid rule, above) and uids. BEFORE INSERT, so
-- the row is complete when written: the operation log sees one insert with
-- its uid, where SQLite's AFTER INSERT uid triggers add an update. A uid is
-- a random UUID's 32 hex digits (122 random bits; SQLite's has 128).
CREATE FUNCTION team_fill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.id IS NULL THEN
        NEW.id := (SELECT coalesce(max(id), 0) + 1 FROM team);
    END IF;
    IF NEW.uid IS NULL THEN
        NEW.uid := replace(gen_random_uuid()::text, '-', '');
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER team_fill BEFORE INSERT ON team
    FOR EACH ROW EXECUTE FUNCTION team_fill();

CREATE FUNCTION person_fill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.id IS NULL THEN
        NEW.id := (SELECT coalesce(max(id), 0) + 1 FROM person);
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER person_fill BEFORE INSERT ON person
    FOR EACH ROW EXECUTE FUNCTION person_fill();

CREATE FUNCTION measure_fill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.id IS NULL THEN
        NEW.id := (SELECT coalesce(max(id), 0) + 1 FROM measure);
    END IF;
    IF NEW.uid IS NULL THEN
        NEW.uid := replace(gen_random_uuid()::text, '-', '');
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER measure_fill BEFORE INSERT ON measure
    FOR EACH ROW EXECUTE FUNCTION measure_fill();

CREATE FUNCTION offtrack_fill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.id IS NULL THEN
        NEW.id := (SELECT coalesce(max(id), 0) + 1 FROM offtrack);
    END IF;
    IF NEW.uid IS NULL THEN
        NEW.uid := replace(gen_random_uuid()::text, '-', '');
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER offtrack_fill BEFORE INSERT ON offtrack
    FOR EACH ROW EXECUTE FUNCTION offtrack_fill();

CREATE FUNCTION action_item_fill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.id IS NULL THEN
        NEW.id := (SELECT coalesce(max(id), 0) + 1 FROM action_item);
    END IF;
    IF NEW.uid IS NULL THEN
        NEW.uid := replace(gen_random_uuid()::text, '-', '');
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER action_item_fill BEFORE INSERT ON action_item
    FOR EACH ROW EXECUTE FUNCTION action_item_fill();

CREATE FUNCTION dependency_fill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.id IS NULL THEN
        NEW.id := (SELECT coalesce(max(id), 0) + 1 FROM dependency);
    END IF;
    IF NEW.uid IS NULL THEN
        NEW.uid := replace(gen_random_uuid()::text, '-', '');
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER dependency_fill BEFORE INSERT ON dependency
    FOR EACH ROW EXECUTE FUNCTION dependency_fill();

CREATE FUNCTION meeting_fill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.id IS NULL THEN
        NEW.id := (SELECT coalesce(max(id), 0) + 1 FROM meeting);
    END IF;
    IF NEW.uid IS NULL THEN
        NEW.uid := replace(gen_random_uuid()::text, '-', '');
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER meeting_fill BEFORE INSERT ON meeting
    FOR EACH ROW EXECUTE FUNCTION meeting_fill();

CREATE FUNCTION operation_fill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.id IS NULL THEN
        NEW.id := (SELECT coalesce(max(id), 0) + 1 FROM operation);
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER operation_fill BEFORE INSERT ON operation
    FOR EACH ROW EXECUTE FUNCTION operation_fill();

CREATE FUNCTION op_row_fill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.id IS NULL THEN
        NEW.id := (SELECT coalesce(max(id), 0) + 1 FROM op_row);
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER op_row_fill BEFORE INSERT ON op_row
    FOR EACH ROW EXECUTE FUNCTION op_row_fill();

CREATE FUNCTION decision_fill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.id IS NULL THEN
        NEW.id := (SELECT coalesce(max(id), 0) + 1 FROM decision);
    END IF;
    IF NEW.uid IS NULL THEN
        NEW.uid := replace(gen_random_uuid()::text, '-', '');
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER decision_fill BEFORE INSERT ON decision
    FOR EACH ROW EXECUTE FUNCTION decision_fill();
