-- rhythm schema 4: indexes for the screens over a long history (years of
-- weekly meetings, thousands of action items per team), so each screen
-- reads only what it shows: a team's latest meetings, its decisions made in
-- the last weeks, action items due or created in a window.

CREATE INDEX meeting_by_team_week ON meeting (team_id, week);
CREATE INDEX action_by_team_due ON action_item (team_id, due);
CREATE INDEX action_by_team_created ON action_item (team_id, created_at);

-- (team, state, made_at) serves every search decision_by_team served.
CREATE INDEX decision_by_team_made ON decision (team_id, state, made_at);
DROP INDEX decision_by_team;
