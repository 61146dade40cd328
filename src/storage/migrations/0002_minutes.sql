-- rhythm schema 2: a meeting keeps the minutes written when it ended, and
-- live-meeting lookups (this team's meeting of this week) use an index.

ALTER TABLE meeting ADD COLUMN minutes TEXT;
CREATE INDEX action_by_source ON action_item (source, source_id);
