-- The operation log: every write through the store's door is one operation,
-- with the rows it touched and their images before and after, so it can be
-- shown, reversed exactly (undo) and re-applied (redo). The triggers that
-- fill `op_row` are generated from the schema (see `oplog::schema`).

CREATE TABLE operation (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    author      TEXT NOT NULL,
    source      TEXT NOT NULL CHECK (source IN ('cli', 'tui', 'import', 'demo')),
    kind        TEXT NOT NULL CHECK (kind IN ('change', 'undo', 'redo')),
    summary     TEXT NOT NULL,
    team_id     INTEGER,
    approved_by TEXT,
    undone_by   INTEGER REFERENCES operation(id),
    -- 0 once `rhythm log --compact` dropped its images, or when it kept none.
    undoable    INTEGER NOT NULL DEFAULT 1 CHECK (undoable IN (0, 1)),
    -- 1 while it is being applied and keeps images: the triggers look at
    -- the newest operation's flag, so logging costs no table of its own.
    logging     INTEGER NOT NULL DEFAULT 0 CHECK (logging IN (0, 1)),
    -- Its rows in `op_row` are the ids first_row..=last_row (they are
    -- written in one transaction, one writer at a time), so finding them
    -- needs no index of their own.
    first_row   INTEGER NOT NULL DEFAULT 1,
    last_row    INTEGER NOT NULL DEFAULT 0
) STRICT;
-- No index on team_id: `rhythm log --team` reads back from the newest
-- operation until it has enough, and every write would pay for one.

-- Which operations an undo or redo reversed.
CREATE TABLE op_undo (
    op_id     INTEGER NOT NULL REFERENCES operation(id),
    target_id INTEGER NOT NULL REFERENCES operation(id),
    PRIMARY KEY (op_id, target_id)
) STRICT;
CREATE INDEX op_undo_by_target ON op_undo (target_id);

-- One row written by an operation: its key (a JSON array of the primary
-- key's values) and its images (JSON objects of every column) before and
-- after; `before` is NULL for an insert, `after` for a delete.
CREATE TABLE op_row (
    id     INTEGER PRIMARY KEY,
    op_id  INTEGER NOT NULL REFERENCES operation(id),
    tbl    TEXT NOT NULL,
    key    TEXT NOT NULL,
    before TEXT,
    after  TEXT
) STRICT;
CREATE INDEX op_row_by_row ON op_row (tbl, key, op_id);

-- The operation being applied, while one is and keeps images: the log's
-- triggers insert their rows from this view, so they need no condition of
-- their own (and stay cheap for every process to parse when it opens).
CREATE VIEW op_current AS
    SELECT id AS op_id FROM operation
    WHERE id = (SELECT max(id) FROM operation) AND logging = 1;
