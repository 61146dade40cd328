-- rhythm schema 11 on PostgreSQL: the operating plan, as the file's 0011
-- makes it (see there), in the baseline's conventions.

ALTER TABLE team ADD COLUMN flex_share BIGINT NOT NULL DEFAULT 10
    CHECK (flex_share BETWEEN 0 AND 50);

CREATE TABLE initiative (
    id          BIGINT PRIMARY KEY,
    team_id     BIGINT NOT NULL REFERENCES team(id) DEFERRABLE INITIALLY IMMEDIATE,
    title       TEXT COLLATE "C" NOT NULL,
    owner_id    BIGINT REFERENCES person(id) DEFERRABLE INITIALLY IMMEDIATE,
    serves_id   BIGINT REFERENCES brief_item(id) DEFERRABLE INITIALLY IMMEDIATE,
    start_month TEXT COLLATE "C" NOT NULL,
    end_month   TEXT COLLATE "C",
    state       TEXT COLLATE "C" NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'done', 'closed')),
    note        TEXT COLLATE "C",
    created_at  TEXT COLLATE "C" NOT NULL,
    updated_at  TEXT COLLATE "C" NOT NULL,
    uid         TEXT COLLATE "C"
);
CREATE INDEX initiative_by_team ON initiative (team_id, state, start_month);
CREATE INDEX initiative_by_serves ON initiative (serves_id);
CREATE UNIQUE INDEX initiative_uid ON initiative (uid);

CREATE FUNCTION initiative_fill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.id IS NULL THEN
        NEW.id := (SELECT coalesce(max(id), 0) + 1 FROM initiative);
    END IF;
    IF NEW.uid IS NULL THEN
        NEW.uid := replace(gen_random_uuid()::text, '-', '');
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER initiative_fill BEFORE INSERT ON initiative
    FOR EACH ROW EXECUTE FUNCTION initiative_fill();

CREATE TABLE initiative_person (
    initiative_id BIGINT NOT NULL REFERENCES initiative(id) DEFERRABLE INITIALLY IMMEDIATE,
    person_id     BIGINT NOT NULL REFERENCES person(id) DEFERRABLE INITIALLY IMMEDIATE,
    share         BIGINT NOT NULL CHECK (share BETWEEN 1 AND 100),
    PRIMARY KEY (initiative_id, person_id)
);
CREATE INDEX initiative_person_by_person ON initiative_person (person_id);

CREATE TABLE milestone (
    id            BIGINT PRIMARY KEY,
    initiative_id BIGINT NOT NULL REFERENCES initiative(id) DEFERRABLE INITIALLY IMMEDIATE,
    title         TEXT COLLATE "C" NOT NULL,
    owner_id      BIGINT REFERENCES person(id) DEFERRABLE INITIALLY IMMEDIATE,
    month         TEXT COLLATE "C" NOT NULL,
    phase         TEXT COLLATE "C" NOT NULL CHECK (phase IN ('decide', 'build', 'launch')),
    phase_since   TEXT COLLATE "C" NOT NULL,
    state         TEXT COLLATE "C" NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'done', 'closed')),
    note          TEXT COLLATE "C",
    decision_id   BIGINT REFERENCES decision(id) DEFERRABLE INITIALLY IMMEDIATE,
    created_at    TEXT COLLATE "C" NOT NULL,
    updated_at    TEXT COLLATE "C" NOT NULL,
    uid           TEXT COLLATE "C"
);
CREATE INDEX milestone_by_initiative ON milestone (initiative_id, month);
CREATE INDEX milestone_by_decision ON milestone (decision_id);
CREATE UNIQUE INDEX milestone_uid ON milestone (uid);

CREATE FUNCTION milestone_fill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.id IS NULL THEN
        NEW.id := (SELECT coalesce(max(id), 0) + 1 FROM milestone);
    END IF;
    IF NEW.uid IS NULL THEN
        NEW.uid := replace(gen_random_uuid()::text, '-', '');
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER milestone_fill BEFORE INSERT ON milestone
    FOR EACH ROW EXECUTE FUNCTION milestone_fill();

CREATE TABLE flex_draw (
    id         BIGINT PRIMARY KEY,
    team_id    BIGINT NOT NULL REFERENCES team(id) DEFERRABLE INITIALLY IMMEDIATE,
    why        TEXT COLLATE "C" NOT NULL,
    drawn_on   TEXT COLLATE "C" NOT NULL,
    pm_what    TEXT COLLATE "C",
    pm_factors TEXT COLLATE "C",
    pm_change  TEXT COLLATE "C",
    created_at TEXT COLLATE "C" NOT NULL,
    updated_at TEXT COLLATE "C" NOT NULL,
    uid        TEXT COLLATE "C"
);
CREATE INDEX flex_draw_by_team ON flex_draw (team_id, drawn_on);
CREATE UNIQUE INDEX flex_draw_uid ON flex_draw (uid);

CREATE FUNCTION flex_draw_fill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.id IS NULL THEN
        NEW.id := (SELECT coalesce(max(id), 0) + 1 FROM flex_draw);
    END IF;
    IF NEW.uid IS NULL THEN
        NEW.uid := replace(gen_random_uuid()::text, '-', '');
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER flex_draw_fill BEFORE INSERT ON flex_draw
    FOR EACH ROW EXECUTE FUNCTION flex_draw_fill();

ALTER TABLE measure ADD COLUMN serves_id BIGINT REFERENCES brief_item(id) DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE action_item ADD COLUMN serves_id BIGINT REFERENCES brief_item(id) DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE offtrack ADD COLUMN serves_id BIGINT REFERENCES brief_item(id) DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE decision ADD COLUMN serves_id BIGINT REFERENCES brief_item(id) DEFERRABLE INITIALLY IMMEDIATE;
CREATE INDEX measure_by_serves ON measure (serves_id) WHERE serves_id IS NOT NULL;
CREATE INDEX action_item_by_serves ON action_item (serves_id) WHERE serves_id IS NOT NULL;
CREATE INDEX offtrack_by_serves ON offtrack (serves_id) WHERE serves_id IS NOT NULL;
CREATE INDEX decision_by_serves ON decision (serves_id) WHERE serves_id IS NOT NULL;
