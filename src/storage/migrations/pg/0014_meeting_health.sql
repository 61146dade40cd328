-- rhythm schema 14 on PostgreSQL, as the file's 0014 makes it: what a
-- meeting said of the team's execution, kept as it was then.

ALTER TABLE meeting ADD COLUMN missing_at_start BIGINT CHECK (missing_at_start >= 0);
ALTER TABLE meeting ADD COLUMN commitments_done BIGINT CHECK (commitments_done >= 0);
ALTER TABLE meeting ADD COLUMN commitments_due BIGINT
    CHECK (commitments_due >= coalesce(commitments_done, 0));
