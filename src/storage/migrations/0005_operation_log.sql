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
    -- The changes as asked for, in the domain's JSON.
    changes     TEXT NOT NULL DEFAULT '[]',
    undone_by   INTEGER REFERENCES operation(id),
    -- 0 once `rhythm log --compact` dropped its images, or when it kept none.
    undoable    INTEGER NOT NULL DEFAULT 1 CHECK (undoable IN (0, 1))
) STRICT;
CREATE INDEX operation_by_team ON operation (team_id, id);

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
CREATE INDEX op_row_by_op ON op_row (op_id);
CREATE INDEX op_row_by_row ON op_row (tbl, key, op_id);

-- Holds the id of the operation being applied, while one is: the triggers
-- log rows only then (the meeting clock's saves are not operations).
CREATE TABLE op_current (
    op_id INTEGER NOT NULL
) STRICT;
