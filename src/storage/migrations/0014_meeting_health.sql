-- rhythm schema 14: what a meeting said of the team's execution, kept as
-- it was then for the health figures (`rhythm health`): how many measures
-- had no value for the week when it started, and how many of the
-- commitments due were done when it ended. NULL for meetings before.

ALTER TABLE meeting ADD COLUMN missing_at_start INTEGER CHECK (missing_at_start >= 0);
ALTER TABLE meeting ADD COLUMN commitments_done INTEGER CHECK (commitments_done >= 0);
ALTER TABLE meeting ADD COLUMN commitments_due INTEGER
    CHECK (commitments_due >= coalesce(commitments_done, 0));
