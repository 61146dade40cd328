-- rhythm schema 11: the operating plan. A team's initiatives, each with
-- an owner, the brief line it serves (a choice or an objective), a span of
-- months (no end is allowed, and flagged), the people on it with their
-- share of time; the milestones of each, in a phase (decide, build,
-- launch) since a time (the decide rule counts from it), with the decision
-- needed that named who decides; the team's flexible pool (a share of
-- everyone's time kept free) and the draws on it, each with its
-- post-mortem once written.

ALTER TABLE team ADD COLUMN flex_share INTEGER NOT NULL DEFAULT 10
    CHECK (flex_share BETWEEN 0 AND 50);

CREATE TABLE initiative (
    id          INTEGER PRIMARY KEY,
    team_id     INTEGER NOT NULL REFERENCES team(id),
    title       TEXT NOT NULL,
    owner_id    INTEGER REFERENCES person(id),
    serves_id   INTEGER REFERENCES brief_item(id),
    start_month TEXT NOT NULL,
    end_month   TEXT,
    state       TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'done', 'closed')),
    note        TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    uid         TEXT
) STRICT;
CREATE INDEX initiative_by_team ON initiative (team_id, state, start_month);
CREATE INDEX initiative_by_serves ON initiative (serves_id);
CREATE UNIQUE INDEX initiative_uid ON initiative (uid);
CREATE TRIGGER initiative_uid AFTER INSERT ON initiative WHEN NEW.uid IS NULL
BEGIN UPDATE initiative SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id; END;

CREATE TABLE initiative_person (
    initiative_id INTEGER NOT NULL REFERENCES initiative(id),
    person_id     INTEGER NOT NULL REFERENCES person(id),
    share         INTEGER NOT NULL CHECK (share BETWEEN 1 AND 100),
    PRIMARY KEY (initiative_id, person_id)
) STRICT;
CREATE INDEX initiative_person_by_person ON initiative_person (person_id);

CREATE TABLE milestone (
    id            INTEGER PRIMARY KEY,
    initiative_id INTEGER NOT NULL REFERENCES initiative(id),
    title         TEXT NOT NULL,
    owner_id      INTEGER REFERENCES person(id),
    month         TEXT NOT NULL,
    phase         TEXT NOT NULL CHECK (phase IN ('decide', 'build', 'launch')),
    phase_since   TEXT NOT NULL,
    state         TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'done', 'closed')),
    note          TEXT,
    decision_id   INTEGER REFERENCES decision(id),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    uid           TEXT
) STRICT;
CREATE INDEX milestone_by_initiative ON milestone (initiative_id, month);
CREATE INDEX milestone_by_decision ON milestone (decision_id);
CREATE UNIQUE INDEX milestone_uid ON milestone (uid);
CREATE TRIGGER milestone_uid AFTER INSERT ON milestone WHEN NEW.uid IS NULL
BEGIN UPDATE milestone SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id; END;

CREATE TABLE flex_draw (
    id         INTEGER PRIMARY KEY,
    team_id    INTEGER NOT NULL REFERENCES team(id),
    why        TEXT NOT NULL,
    drawn_on   TEXT NOT NULL,
    pm_what    TEXT,
    pm_factors TEXT,
    pm_change  TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    uid        TEXT
) STRICT;
CREATE INDEX flex_draw_by_team ON flex_draw (team_id, drawn_on);
CREATE UNIQUE INDEX flex_draw_uid ON flex_draw (uid);
CREATE TRIGGER flex_draw_uid AFTER INSERT ON flex_draw WHEN NEW.uid IS NULL
BEGIN UPDATE flex_draw SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id; END;

-- Work linked to the strategy: a measure, an action item, an off-track
-- item or a decision may name the choice or objective it serves, as an
-- initiative does (the brief's altitude check reads these links).
ALTER TABLE measure ADD COLUMN serves_id INTEGER REFERENCES brief_item(id);
ALTER TABLE action_item ADD COLUMN serves_id INTEGER REFERENCES brief_item(id);
ALTER TABLE offtrack ADD COLUMN serves_id INTEGER REFERENCES brief_item(id);
ALTER TABLE decision ADD COLUMN serves_id INTEGER REFERENCES brief_item(id);
CREATE INDEX measure_by_serves ON measure (serves_id) WHERE serves_id IS NOT NULL;
CREATE INDEX action_item_by_serves ON action_item (serves_id) WHERE serves_id IS NOT NULL;
CREATE INDEX offtrack_by_serves ON offtrack (serves_id) WHERE serves_id IS NOT NULL;
CREATE INDEX decision_by_serves ON decision (serves_id) WHERE serves_id IS NOT NULL;
