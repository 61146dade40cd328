-- rhythm schema 12 on PostgreSQL: trigger rules, their episodes and the
-- measure's monthly roll-up, as the file's 0012 makes them (see there), in
-- the baseline's conventions.

ALTER TABLE measure ADD COLUMN rollup TEXT COLLATE "C"
    CHECK (rollup IN ('last', 'sum', 'average'));

CREATE TABLE trigger_rule (
    id          BIGINT PRIMARY KEY,
    team_id     BIGINT NOT NULL REFERENCES team(id) DEFERRABLE INITIALLY IMMEDIATE,
    measure_id  BIGINT NOT NULL REFERENCES measure(id) DEFERRABLE INITIALLY IMMEDIATE,
    rule        TEXT COLLATE "C" NOT NULL,
    condition   TEXT COLLATE "C" NOT NULL
        CHECK (condition IN ('below', 'at_most', 'above', 'at_least', 'outside', 'within')),
    low         DOUBLE PRECISION NOT NULL,
    high        DOUBLE PRECISION,
    periods     BIGINT NOT NULL CHECK (periods BETWEEN 1 AND 52),
    period      TEXT COLLATE "C" NOT NULL CHECK (period IN ('weeks', 'months')),
    response    TEXT COLLATE "C" NOT NULL,
    created_at  TEXT COLLATE "C" NOT NULL,
    updated_at  TEXT COLLATE "C" NOT NULL,
    uid         TEXT COLLATE "C",
    CHECK ((condition IN ('outside', 'within')) = (high IS NOT NULL))
);
CREATE INDEX trigger_rule_by_team ON trigger_rule (team_id);
CREATE INDEX trigger_rule_by_measure ON trigger_rule (measure_id);
CREATE UNIQUE INDEX trigger_rule_uid ON trigger_rule (uid);

CREATE FUNCTION trigger_rule_fill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.id IS NULL THEN
        NEW.id := (SELECT coalesce(max(id), 0) + 1 FROM trigger_rule);
    END IF;
    IF NEW.uid IS NULL THEN
        NEW.uid := replace(gen_random_uuid()::text, '-', '');
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER trigger_rule_fill BEFORE INSERT ON trigger_rule
    FOR EACH ROW EXECUTE FUNCTION trigger_rule_fill();

CREATE TABLE trigger_episode (
    id          BIGINT PRIMARY KEY,
    trigger_id  BIGINT NOT NULL REFERENCES trigger_rule(id) DEFERRABLE INITIALLY IMMEDIATE,
    fired       TEXT COLLATE "C" NOT NULL,
    recorded_at TEXT COLLATE "C" NOT NULL,
    cleared     TEXT COLLATE "C",
    UNIQUE (trigger_id, fired)
);

CREATE FUNCTION trigger_episode_fill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.id IS NULL THEN
        NEW.id := (SELECT coalesce(max(id), 0) + 1 FROM trigger_episode);
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER trigger_episode_fill BEFORE INSERT ON trigger_episode
    FOR EACH ROW EXECUTE FUNCTION trigger_episode_fill();
