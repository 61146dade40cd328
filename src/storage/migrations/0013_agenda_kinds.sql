-- rhythm schema 13: the agenda names the kind of each section (the
-- screen it shows), so an agenda is data: its order, titles and timeboxes
-- are the team's, and each kind of meeting (weekly, monthly, quarterly)
-- runs its own. A meeting copies its agenda when it starts, kinds too.
-- Rows written before name no kind: a section under a kind's own title
-- takes that kind, any other the default agenda's kind at its position
-- (the order the weekly review always had).

ALTER TABLE agenda_section ADD COLUMN section TEXT NOT NULL DEFAULT 'wrap_up'
    CHECK (section IN ('scorecard', 'off_track', 'dependencies', 'decisions', 'scorecard_rollup', 'objectives', 'risks', 'systemic_issues', 'commitments_guardrails', 'scored_quarter', 'choices_revisited', 'signals_assumptions', 'resources', 'what_to_stop', 'next_brief', 'wrap_up'));
UPDATE agenda_section SET section = CASE kind
        WHEN 'weekly' THEN coalesce(CASE lower(name) WHEN 'scorecard' THEN 'scorecard' WHEN 'off-track' THEN 'off_track' WHEN 'dependencies' THEN 'dependencies' WHEN 'decisions' THEN 'decisions' WHEN 'wrap-up' THEN 'wrap_up' END,
            CASE position WHEN 0 THEN 'scorecard' WHEN 1 THEN 'off_track' WHEN 2 THEN 'dependencies' WHEN 3 THEN 'decisions' WHEN 4 THEN 'wrap_up' ELSE 'wrap_up' END)
        WHEN 'monthly' THEN coalesce(CASE lower(name) WHEN 'scorecard roll-up' THEN 'scorecard_rollup' WHEN 'objectives' THEN 'objectives' WHEN 'risks' THEN 'risks' WHEN 'systemic issues' THEN 'systemic_issues' WHEN 'commitments & guardrails' THEN 'commitments_guardrails' WHEN 'wrap-up' THEN 'wrap_up' END,
            CASE position WHEN 0 THEN 'scorecard_rollup' WHEN 1 THEN 'objectives' WHEN 2 THEN 'risks' WHEN 3 THEN 'systemic_issues' WHEN 4 THEN 'commitments_guardrails' WHEN 5 THEN 'wrap_up' ELSE 'wrap_up' END)
        ELSE coalesce(CASE lower(name) WHEN 'scorecard & objectives scored' THEN 'scored_quarter' WHEN 'choices revisited' THEN 'choices_revisited' WHEN 'signals & assumptions' THEN 'signals_assumptions' WHEN 'resources' THEN 'resources' WHEN 'what to stop' THEN 'what_to_stop' WHEN 'next quarter''s brief' THEN 'next_brief' WHEN 'wrap-up' THEN 'wrap_up' END,
            CASE position WHEN 0 THEN 'scored_quarter' WHEN 1 THEN 'choices_revisited' WHEN 2 THEN 'signals_assumptions' WHEN 3 THEN 'resources' WHEN 4 THEN 'what_to_stop' WHEN 5 THEN 'next_brief' WHEN 6 THEN 'wrap_up' ELSE 'wrap_up' END) END;

ALTER TABLE meeting_section ADD COLUMN section TEXT NOT NULL DEFAULT 'wrap_up'
    CHECK (section IN ('scorecard', 'off_track', 'dependencies', 'decisions', 'scorecard_rollup', 'objectives', 'risks', 'systemic_issues', 'commitments_guardrails', 'scored_quarter', 'choices_revisited', 'signals_assumptions', 'resources', 'what_to_stop', 'next_brief', 'wrap_up'));
UPDATE meeting_section SET section = CASE (SELECT m.kind FROM meeting m WHERE m.id = meeting_section.meeting_id)
        WHEN 'weekly' THEN coalesce(CASE lower(name) WHEN 'scorecard' THEN 'scorecard' WHEN 'off-track' THEN 'off_track' WHEN 'dependencies' THEN 'dependencies' WHEN 'decisions' THEN 'decisions' WHEN 'wrap-up' THEN 'wrap_up' END,
            CASE position WHEN 0 THEN 'scorecard' WHEN 1 THEN 'off_track' WHEN 2 THEN 'dependencies' WHEN 3 THEN 'decisions' WHEN 4 THEN 'wrap_up' ELSE 'wrap_up' END)
        WHEN 'monthly' THEN coalesce(CASE lower(name) WHEN 'scorecard roll-up' THEN 'scorecard_rollup' WHEN 'objectives' THEN 'objectives' WHEN 'risks' THEN 'risks' WHEN 'systemic issues' THEN 'systemic_issues' WHEN 'commitments & guardrails' THEN 'commitments_guardrails' WHEN 'wrap-up' THEN 'wrap_up' END,
            CASE position WHEN 0 THEN 'scorecard_rollup' WHEN 1 THEN 'objectives' WHEN 2 THEN 'risks' WHEN 3 THEN 'systemic_issues' WHEN 4 THEN 'commitments_guardrails' WHEN 5 THEN 'wrap_up' ELSE 'wrap_up' END)
        ELSE coalesce(CASE lower(name) WHEN 'scorecard & objectives scored' THEN 'scored_quarter' WHEN 'choices revisited' THEN 'choices_revisited' WHEN 'signals & assumptions' THEN 'signals_assumptions' WHEN 'resources' THEN 'resources' WHEN 'what to stop' THEN 'what_to_stop' WHEN 'next quarter''s brief' THEN 'next_brief' WHEN 'wrap-up' THEN 'wrap_up' END,
            CASE position WHEN 0 THEN 'scored_quarter' WHEN 1 THEN 'choices_revisited' WHEN 2 THEN 'signals_assumptions' WHEN 3 THEN 'resources' WHEN 4 THEN 'what_to_stop' WHEN 5 THEN 'next_brief' WHEN 6 THEN 'wrap_up' ELSE 'wrap_up' END) END;
