//! The export's links from weekly work to the brief, read in one query
//! over the four kinds of record that can serve a line: measures first,
//! then actions, off-track items and decisions, each in row-id order. A
//! one-team export keeps only links to its own team's brief, as it keeps
//! only that brief (see `BRIEF`).

use super::Section;
use crate::domain::archive::LinkRecord;

pub(in crate::storage) const LINKS: Section<LinkRecord> = Section {
    sql: "SELECT 'measure', x.uid, s.uid, 1, x.id FROM measure x
               JOIN brief_item s ON s.id = x.serves_id
               WHERE CAST(?1 AS BIGINT) IS NULL OR (x.team_id = ?1 AND s.team_id = ?1)
          UNION ALL
          SELECT 'action', x.uid, s.uid, 2, x.id FROM action_item x
               JOIN brief_item s ON s.id = x.serves_id
               WHERE CAST(?1 AS BIGINT) IS NULL OR (x.team_id = ?1 AND s.team_id = ?1)
          UNION ALL
          SELECT 'offtrack', x.uid, s.uid, 3, x.id FROM offtrack x
               JOIN brief_item s ON s.id = x.serves_id
               WHERE CAST(?1 AS BIGINT) IS NULL OR (x.team_id = ?1 AND s.team_id = ?1)
          UNION ALL
          SELECT 'decision', x.uid, s.uid, 4, x.id FROM decision x
               JOIN brief_item s ON s.id = x.serves_id
               WHERE CAST(?1 AS BIGINT) IS NULL OR (x.team_id = ?1 AND s.team_id = ?1)
          ORDER BY 4, 5",
    row: |r| {
        Ok(LinkRecord {
            kind: r.get(0)?,
            uid: r.get(1)?,
            serves_uid: r.get(2)?,
        })
    },
};
