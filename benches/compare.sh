#!/usr/bin/env bash
# Side-by-side comparisons on the large data set, in one run, ending in a
# table with the ratios (see BENCHMARKS.md for the method and the results):
#
#   - `rhythm scorecard --format json` against the sqlite3 command line
#     running the same query on the same file: the floor set by SQLite;
#   - `rhythm action list` against Taskwarrior listing the same 10,000 open
#     tasks (and both writing them as JSON);
#   - the peak memory of the meeting screen's first frame and of
#     `rhythm export` (GNU time's "Maximum resident set size").
#
# Usage: benches/compare.sh            (from anywhere in the repository)
# Needs: cargo, hyperfine, sqlite3, task (Taskwarrior), GNU time and script
# (Debian packages hyperfine, sqlite3, taskwarrior, time, bsdutils).
# As root on Debian or Ubuntu it installs what is missing with apt-get;
# otherwise it names the missing packages and stops.
#
# Environment: RUNS (default 10) runs per command, TEAMS and WEEKS (default
# 50 and 520) for the data set, TASKS (default 10000) for the task lists.

set -euo pipefail

cd "$(dirname "$0")/.."

RUNS=${RUNS:-10}
TEAMS=${TEAMS:-50}
WEEKS=${WEEKS:-520}
TASKS=${TASKS:-10000}
# The benches' pinned "now": Tuesday of 2026-W48. The scorecard covers the
# 13 weeks 2026-W36..2026-W48.
export RHYTHM_NOW=2026-11-24T10:00:00Z
WEEK_FROM=2026-W36
WEEK_TO=2026-W48

say() { printf '\n== %s\n' "$*" >&2; }

# --- Tools ----------------------------------------------------------------

declare -A package=(
    [hyperfine]=hyperfine
    [sqlite3]=sqlite3
    [task]=taskwarrior
    [/usr/bin/time]=time
    [script]=bsdutils
)
missing=()
for tool in "${!package[@]}"; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("${package[$tool]}")
done
if ((${#missing[@]})); then
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1; then
        say "Installing: ${missing[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
        echo "compare.sh needs these Debian packages: ${missing[*]}" >&2
        echo "install them (apt-get install ${missing[*]}) and run it again" >&2
        exit 1
    fi
fi
command -v cargo >/dev/null 2>&1 || {
    echo "compare.sh needs cargo (https://rustup.rs)" >&2
    exit 1
}

# --- Build and data -------------------------------------------------------

say "Building rhythm (release)"
cargo build --release --quiet
target=${CARGO_TARGET_DIR:-target}
BIN=$(realpath "$target/release/rhythm")
# Under the target folder rather than the system's temporary one, which may
# be in memory: writes should reach a disk, as a user's would.
W=$(realpath "$target")/compare
mkdir -p "$W"
rm -rf "$W/run"
mkdir -p "$W/run"
R=$W/run

DB=$W/large-${TEAMS}x${WEEKS}.db
if [[ ! -s $DB || $BIN -nt $DB ]]; then
    say "Generating the data set: $TEAMS teams × $WEEKS weeks"
    rm -f "$DB" "$DB-wal" "$DB-shm"
    "$BIN" --db "$DB" demo --teams "$TEAMS" --weeks "$WEEKS" --no-tui >/dev/null
fi
# The runs below write (the meeting, its clock): keep the cached file clean.
cp "$DB" "$R/large.db"
DB=$R/large.db
TEAM=$(sqlite3 "$DB" "SELECT name FROM team ORDER BY name LIMIT 1")
TEAM_SQL=${TEAM//\'/\'\'}
sqlite3 "$DB" "SELECT 'Data set: ' || (SELECT count(*) FROM team) || ' teams, '
    || (SELECT count(*) FROM reading) || ' readings, '
    || (SELECT count(*) FROM action_item) || ' action items, '
    || (SELECT count(*) FROM decision) || ' decisions, '
    || (SELECT count(*) FROM dependency) || ' dependencies, '
    || (SELECT count(*) FROM meeting) || ' meetings; '
    || (SELECT page_count * page_size / 1048576 FROM pragma_page_count, pragma_page_size)
    || ' MB on disk'" >&2
echo "Team: $TEAM" >&2

hf() { # name, hyperfine arguments...
    local name=$1
    shift
    hyperfine --export-json "$R/hf-$name.json" "$@" >&2
}

# --- 1. Scorecard against the sqlite3 floor -------------------------------

# What `rhythm scorecard` reads: the team, its measures (with owners) and
# their readings in the 13 weeks, in one statement, printed as JSON.
SCORECARD_SQL="SELECT m.id, m.name, p.name AS owner, m.unit, m.kind, m.direction, m.target,
 m.range_low, m.range_high, m.tolerance, r.week, r.value, r.note
 FROM team t JOIN measure m ON m.team_id = t.id AND m.archived = 0
 LEFT JOIN person p ON p.id = m.owner_id
 LEFT JOIN reading r ON r.measure_id = m.id AND r.week BETWEEN '$WEEK_FROM' AND '$WEEK_TO'
 WHERE t.name = '$TEAM_SQL' ORDER BY m.position, m.id, r.week"
SCORECARD_SQL=$(tr '\n' ' ' <<<"$SCORECARD_SQL")

say "1. rhythm scorecard --format json against sqlite3 on the same file"
"$BIN" --db "$DB" --team "$TEAM" scorecard --format json >"$R/scorecard.json"
sqlite3 -json "$DB" "$SCORECARD_SQL" >"$R/scorecard-sqlite3.json"
echo "rhythm wrote $(wc -c <"$R/scorecard.json") bytes, sqlite3 $(wc -c <"$R/scorecard-sqlite3.json")" >&2
hf scorecard -N --warmup 3 --runs "$RUNS" \
    -n sqlite3 "sqlite3 -json $DB \"$SCORECARD_SQL\"" \
    -n rhythm "$BIN --db $DB --team \"$TEAM\" scorecard --format json"

# --- 2. Action list against Taskwarrior -----------------------------------

say "2. rhythm action list against Taskwarrior, $TASKS open tasks"
# The same tasks for both, made by SQLite: title, owner (Taskwarrior's
# project), due date. rhythm takes them as an export file for one team.
sqlite3 :memory: "
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $TASKS),
task(i, title, owner, due) AS (
  SELECT i, 'Follow up on customer request ' || i || ' and report back',
         printf('owner%02d', i % 20 + 1), date('2026-09-01', '+' || (i % 180) || ' days')
  FROM n)
SELECT json_object('format', 'rhythm', 'version', 1,
  'teams', json_array(json_object('uid', 'team-tasks', 'id', 1, 'name', 'Tasks',
                                  'created_at', '2026-08-03 09:00:00+00:00')),
  'people', (SELECT json_group_array(json_object('id', k, 'name', printf('owner%02d', k),
                                                 'created_at', '2026-08-03 09:00:00+00:00'))
             FROM (SELECT DISTINCT i % 20 + 1 AS k FROM n WHERE i <= 20 ORDER BY k)),
  'agendas', json_array(), 'measures', json_array(), 'readings', json_array(),
  'offtrack', json_array(),
  'actions', (SELECT json_group_array(json_object('uid', 'action-' || i, 'id', i,
                'team', 'team-tasks', 'title', title, 'owner', owner, 'due', due,
                'state', 'open', 'source', 'manual', 'source_uid', NULL,
                'created_at', '2026-08-03 09:00:00+00:00',
                'updated_at', '2026-08-03 09:00:00+00:00', 'closed_at', NULL))
              FROM task),
  'dependencies', json_array(), 'meetings', json_array(), 'decisions', json_array());
" >"$R/tasks-rhythm.json"
sqlite3 :memory: "
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $TASKS)
SELECT json_group_array(json_object(
  'uuid', printf('%08x-0000-4000-8000-%012x', i, i),
  'description', 'Follow up on customer request ' || i || ' and report back',
  'project', printf('owner%02d', i % 20 + 1),
  'status', 'pending', 'entry', '20260803T090000Z',
  'due', strftime('%Y%m%dT000000Z', date('2026-09-01', '+' || (i % 180) || ' days'))))
FROM n;" >"$R/tasks-taskwarrior.json"

ADB=$R/tasks.db
"$BIN" --db "$ADB" import "$R/tasks-rhythm.json" >/dev/null

export TASKRC=$R/taskrc
mkdir -p "$R/task"
printf 'data.location=%s\nconfirmation=no\nhooks=off\nverbose=nothing\ncolor=off\ndefaultwidth=0\n' \
    "$R/task" >"$TASKRC"
TW="task rc:$TASKRC rc.data.location=$R/task rc.confirmation=no rc.hooks=off rc.verbose=nothing"
$TW import "$R/tasks-taskwarrior.json" >/dev/null 2>&1
rhythm_rows=$("$BIN" --db "$ADB" --team Tasks action list | grep -c 'Follow up on')
task_rows=$($TW list 2>/dev/null | grep -c 'Follow up on')
echo "rows listed: rhythm $rhythm_rows, Taskwarrior $task_rows" >&2
if [[ $rhythm_rows != "$TASKS" || $task_rows != "$TASKS" ]]; then
    echo "the two lists do not hold the same $TASKS tasks: stopping" >&2
    exit 1
fi
hf actions -N --warmup 3 --runs "$RUNS" \
    -n "task list" "$TW list" \
    -n "rhythm action list" "$BIN --db $ADB --team Tasks action list"
hf actions-json -N --warmup 3 --runs "$RUNS" \
    -n "task export" "$TW export" \
    -n "rhythm action list --json" "$BIN --db $ADB --team Tasks action list --json"

# --- 3. Peak memory -------------------------------------------------------

say "3. Peak memory: the meeting's first frame, and rhythm export"
# The meeting screen needs a terminal: `script` gives it a 200×60 one, and
# RHYTHM_FAULT=panic makes rhythm stop (with a panic, on purpose) as soon
# as its first frame is drawn, so its peak is the first frame's. With
# RUST_BACKTRACE set the panic would symbolize a backtrace, which costs far
# more memory than the frame: it is turned off. The script reads what to
# run from the environment, so no name needs quoting twice.
export BENCH_BIN=$BIN BENCH_DB=$DB BENCH_TEAM=$TEAM BENCH_TIME=$R/first-frame.time
cat >"$R/first-frame.sh" <<'EOF'
#!/bin/sh
stty cols 200 rows 60
export TERM=xterm-256color RHYTHM_FAULT=panic RUST_BACKTRACE=0
exec /usr/bin/time -v -o "$BENCH_TIME" "$BENCH_BIN" --db "$BENCH_DB" --team "$BENCH_TEAM" meeting
EOF
chmod +x "$R/first-frame.sh"
script -qec "$R/first-frame.sh" /dev/null </dev/null >/dev/null 2>&1 || true
grep -q "exited with non-zero status 101" "$R/first-frame.time" || {
    echo "the meeting screen did not reach its first frame:" >&2
    cat "$R/first-frame.time" >&2
    exit 1
}
/usr/bin/time -v -o "$R/export.time" "$BIN" --db "$DB" export --out "$R/export.json" >/dev/null
hf export -N --warmup 1 --runs 3 \
    -n "rhythm export" "$BIN --db $DB export --out $R/export.json"

# --- Results --------------------------------------------------------------

median() { # file, index: median seconds
    sqlite3 :memory: "SELECT json_extract(CAST(readfile('$R/hf-$1.json') AS TEXT), '\$.results[$2].median')"
}
ms() { awk -v s="$1" 'BEGIN { printf "%.1f", s * 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
peak() { awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$1"; }

sc_sql=$(median scorecard 0)
sc_rhythm=$(median scorecard 1)
tw_list=$(median actions 0)
rh_list=$(median actions 1)
tw_json=$(median actions-json 0)
rh_json=$(median actions-json 1)
export_s=$(median export 0)

cat <<EOF

Results ($(nproc) CPUs, $RUNS runs each; times are medians)

| Comparison | rhythm | other | ratio | target |
| --- | ---: | ---: | ---: | --- |
| scorecard --format json vs sqlite3 -json | $(ms "$sc_rhythm") ms | $(ms "$sc_sql") ms | $(ratio "$sc_rhythm" "$sc_sql")× the floor | ≤ 2× |
| action list vs task list ($TASKS tasks) | $(ms "$rh_list") ms | $(ms "$tw_list") ms | $(ratio "$tw_list" "$rh_list")× faster | ≥ 5× |
| action list --json vs task export | $(ms "$rh_json") ms | $(ms "$tw_json") ms | $(ratio "$tw_json" "$rh_json")× faster | (none) |

| Process | time | peak memory | target |
| --- | ---: | ---: | --- |
| rhythm meeting, to its first frame (200×60) | (see the meeting bench) | $(peak "$R/first-frame.time") MB | ≤ 50 MB |
| rhythm export ($(($(wc -c <"$R/export.json") / 1048576)) MB of JSON) | $(ms "$export_s") ms | $(peak "$R/export.time") MB | ≤ 50 MB |
EOF
