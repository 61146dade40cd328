-- rhythm schema 12: trigger rules. A rule watches one measure of a team:
-- a condition (below, at most, above, at least, outside or within a
-- range: `low` holds the value of a one-sided comparison, `high` only a
-- range's top) held for `periods` consecutive weeks or months, and the
-- response it sets off. `rule` keeps the rule as it was typed.
--
-- An episode is one firing: the period its run completed (`fired`, a week
-- such as 2026-W46 or a month such as 2026-11) and the first period after
-- it the condition no longer held (`cleared`, NULL while it still fires).
-- Episodes follow from the readings: the store works them out again, in
-- the same transaction, whenever a reading of the measure changes.
--
-- A measure's monthly roll-up says which value stands for a month in a
-- monthly rule: its last week's, the sum of its weeks' or their average.
-- NULL takes the default its unit gives (`domain::trigger::Rollup::for_unit`).

ALTER TABLE measure ADD COLUMN rollup TEXT CHECK (rollup IN ('last', 'sum', 'average'));

CREATE TABLE trigger_rule (
    id          INTEGER PRIMARY KEY,
    team_id     INTEGER NOT NULL REFERENCES team(id),
    measure_id  INTEGER NOT NULL REFERENCES measure(id),
    rule        TEXT NOT NULL,
    condition   TEXT NOT NULL
        CHECK (condition IN ('below', 'at_most', 'above', 'at_least', 'outside', 'within')),
    low         REAL NOT NULL,
    high        REAL,
    periods     INTEGER NOT NULL CHECK (periods BETWEEN 1 AND 52),
    period      TEXT NOT NULL CHECK (period IN ('weeks', 'months')),
    response    TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    uid         TEXT,
    CHECK ((condition IN ('outside', 'within')) = (high IS NOT NULL))
) STRICT;
CREATE INDEX trigger_rule_by_team ON trigger_rule (team_id);
CREATE INDEX trigger_rule_by_measure ON trigger_rule (measure_id);
CREATE UNIQUE INDEX trigger_rule_uid ON trigger_rule (uid);
CREATE TRIGGER trigger_rule_uid AFTER INSERT ON trigger_rule WHEN NEW.uid IS NULL
BEGIN UPDATE trigger_rule SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id; END;

CREATE TABLE trigger_episode (
    id          INTEGER PRIMARY KEY,
    trigger_id  INTEGER NOT NULL REFERENCES trigger_rule(id),
    fired       TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    cleared     TEXT,
    UNIQUE (trigger_id, fired)
) STRICT;
