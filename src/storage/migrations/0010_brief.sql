-- rhythm schema 10: the strategy brief. A team's brief for a quarter (or
-- the whole database's, with no team) is its lines in order: choices, each
-- with its consequence; objectives, each an outcome with its integrator
-- (owner_id, so renaming a person reaches it as it reaches every owner);
-- exclusions, each with what would lift it; and measures, either one of
-- the few that matter (no objective) or one that shows an objective.

CREATE TABLE brief_item (
    id           INTEGER PRIMARY KEY,
    team_id      INTEGER REFERENCES team(id),
    quarter      TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('choice', 'objective', 'exclusion', 'measure')),
    position     INTEGER NOT NULL,
    text         TEXT NOT NULL DEFAULT '',
    detail       TEXT NOT NULL DEFAULT '',
    owner_id     INTEGER REFERENCES person(id),
    measure_id   INTEGER REFERENCES measure(id),
    objective_id INTEGER REFERENCES brief_item(id),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    uid          TEXT,
    CHECK ((kind = 'measure') = (measure_id IS NOT NULL))
) STRICT;
CREATE INDEX brief_item_by_quarter ON brief_item (team_id, quarter, kind, position);
CREATE INDEX brief_item_by_measure ON brief_item (measure_id);
CREATE INDEX brief_item_by_objective ON brief_item (objective_id);
CREATE UNIQUE INDEX brief_item_uid ON brief_item (uid);
CREATE TRIGGER brief_item_uid AFTER INSERT ON brief_item WHEN NEW.uid IS NULL
BEGIN UPDATE brief_item SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id; END;
