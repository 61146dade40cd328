-- rhythm schema 8: which week a team's weekly review looks at. A team
-- that meets on Monday reviews the week just ended ('previous'); every
-- team so far reviewed the week it met in, so that stays the default.

ALTER TABLE team ADD COLUMN review TEXT NOT NULL DEFAULT 'current'
    CHECK (review IN ('current', 'previous'));
