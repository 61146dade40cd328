-- rhythm schema 3: stable ids. Records that move between databases (export,
-- import --merge) are matched by a random `uid`, never by their row id.
-- Inserts need not name it: a trigger fills it in.

ALTER TABLE team ADD COLUMN uid TEXT;
ALTER TABLE measure ADD COLUMN uid TEXT;
ALTER TABLE offtrack ADD COLUMN uid TEXT;
ALTER TABLE action_item ADD COLUMN uid TEXT;
ALTER TABLE dependency ADD COLUMN uid TEXT;
ALTER TABLE decision ADD COLUMN uid TEXT;
ALTER TABLE meeting ADD COLUMN uid TEXT;

UPDATE team SET uid = lower(hex(randomblob(16)));
UPDATE measure SET uid = lower(hex(randomblob(16)));
UPDATE offtrack SET uid = lower(hex(randomblob(16)));
UPDATE action_item SET uid = lower(hex(randomblob(16)));
UPDATE dependency SET uid = lower(hex(randomblob(16)));
UPDATE decision SET uid = lower(hex(randomblob(16)));
UPDATE meeting SET uid = lower(hex(randomblob(16)));

CREATE UNIQUE INDEX team_uid ON team (uid);
CREATE UNIQUE INDEX measure_uid ON measure (uid);
CREATE UNIQUE INDEX offtrack_uid ON offtrack (uid);
CREATE UNIQUE INDEX action_item_uid ON action_item (uid);
CREATE UNIQUE INDEX dependency_uid ON dependency (uid);
CREATE UNIQUE INDEX decision_uid ON decision (uid);
CREATE UNIQUE INDEX meeting_uid ON meeting (uid);

CREATE TRIGGER team_uid AFTER INSERT ON team WHEN NEW.uid IS NULL
BEGIN UPDATE team SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id; END;
CREATE TRIGGER measure_uid AFTER INSERT ON measure WHEN NEW.uid IS NULL
BEGIN UPDATE measure SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id; END;
CREATE TRIGGER offtrack_uid AFTER INSERT ON offtrack WHEN NEW.uid IS NULL
BEGIN UPDATE offtrack SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id; END;
CREATE TRIGGER action_item_uid AFTER INSERT ON action_item WHEN NEW.uid IS NULL
BEGIN UPDATE action_item SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id; END;
CREATE TRIGGER dependency_uid AFTER INSERT ON dependency WHEN NEW.uid IS NULL
BEGIN UPDATE dependency SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id; END;
CREATE TRIGGER decision_uid AFTER INSERT ON decision WHEN NEW.uid IS NULL
BEGIN UPDATE decision SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id; END;
CREATE TRIGGER meeting_uid AFTER INSERT ON meeting WHEN NEW.uid IS NULL
BEGIN UPDATE meeting SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id; END;
