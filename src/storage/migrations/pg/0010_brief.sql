-- rhythm schema 10 on PostgreSQL: the strategy brief, as the file's 0010
-- makes it (see there), in the baseline's conventions.

CREATE TABLE brief_item (
    id           BIGINT PRIMARY KEY,
    team_id      BIGINT REFERENCES team(id) DEFERRABLE INITIALLY IMMEDIATE,
    quarter      TEXT COLLATE "C" NOT NULL,
    kind         TEXT COLLATE "C" NOT NULL
        CHECK (kind IN ('choice', 'objective', 'exclusion', 'measure')),
    position     BIGINT NOT NULL,
    text         TEXT COLLATE "C" NOT NULL DEFAULT '',
    detail       TEXT COLLATE "C" NOT NULL DEFAULT '',
    owner_id     BIGINT REFERENCES person(id) DEFERRABLE INITIALLY IMMEDIATE,
    measure_id   BIGINT REFERENCES measure(id) DEFERRABLE INITIALLY IMMEDIATE,
    objective_id BIGINT REFERENCES brief_item(id) DEFERRABLE INITIALLY IMMEDIATE,
    created_at   TEXT COLLATE "C" NOT NULL,
    updated_at   TEXT COLLATE "C" NOT NULL,
    uid          TEXT COLLATE "C",
    CHECK ((kind = 'measure') = (measure_id IS NOT NULL))
);
CREATE INDEX brief_item_by_quarter ON brief_item (team_id, quarter, kind, position);
CREATE INDEX brief_item_by_measure ON brief_item (measure_id);
CREATE INDEX brief_item_by_objective ON brief_item (objective_id);
CREATE UNIQUE INDEX brief_item_uid ON brief_item (uid);

CREATE FUNCTION brief_item_fill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.id IS NULL THEN
        NEW.id := (SELECT coalesce(max(id), 0) + 1 FROM brief_item);
    END IF;
    IF NEW.uid IS NULL THEN
        NEW.uid := replace(gen_random_uuid()::text, '-', '');
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER brief_item_fill BEFORE INSERT ON brief_item
    FOR EACH ROW EXECUTE FUNCTION brief_item_fill();
