//! The text `--help` prints after the options, and the man pages turn into
//! sections of their own: a block that starts with a line such as
//! `Examples:` becomes a section of that name. Every example line is
//! parsed by a test, so none can name a flag that is gone.

/// Where the database is, and how to start; `-h` shows only this.
pub const ROOT: &str = "The database is --db PATH, else $RHYTHM_DB, else rhythm.db in your data directory (see `rhythm where`).
Start with `rhythm demo`, or `rhythm init --team NAME`.";

/// `--help` and the main man page: the same, then examples and exit codes.
pub const ROOT_LONG: &str = "The database is --db PATH, else $RHYTHM_DB, else rhythm.db in your data directory (see `rhythm where`).
Start with `rhythm demo`, or `rhythm init --team NAME`.

Examples:
  rhythm demo
  rhythm --db team.db init --team Growth
  rhythm --db team.db scorecard
  rhythm --db team.db meeting
  rhythm man > rhythm.1

Exit status:
  0  done; also when a reader stops early, as `| head -1` does
  1  could not be done: an unknown name, a duplicate, a bad database
  2  a usage error (a bad flag, week, date or number)";

pub const MEETING: &str = "Examples:
  rhythm meeting                    # this week's review, on screen
  rhythm meeting --week 2026-W47    # an earlier week's
  rhythm meeting end                # end a meeting left open
  rhythm meeting rate 12 8";

pub const MINUTES: &str = "Examples:
  rhythm minutes                                   # the last meeting's
  rhythm minutes --list
  rhythm minutes --meeting 12 --format json --out m12.json
  rhythm minutes --out - | less";

pub const MEASURE: &str = "Examples:
  rhythm measure add NRR --owner Ana --target 110 --tolerance 0.05
  rhythm measure add Latency --owner Bo --direction lower --target 8
  rhythm measure add Coverage --owner Cy --unit x --range 3..5
  rhythm measure move Coverage 1";

pub const RECORD: &str = "Examples:
  rhythm record NRR 104.5
  rhythm record NRR 98 --week 2026-W47 --note \"-5% vs last week\"
  rhythm record Coverage --clear --week 2026-W47";

pub const SCORECARD: &str = "Examples:
  rhythm scorecard
  rhythm scorecard --week 2026-W47 --weeks 26
  rhythm scorecard --format md > scorecard.md";

pub const ACTION: &str = "Examples:
  rhythm action add \"Call the renewals\" --owner Ana --due 2026-11-30
  rhythm action list --owner Ana
  rhythm action done 12
  rhythm action edit 12 --due 2026-12-04";

pub const DECISION: &str = "Examples:
  rhythm decision add Hiring --needed --owner Ana --due 2026-12-04
  rhythm decision decide 4 --chosen \"Wait for Q2\" --option \"Go ahead\"
  rhythm decision add \"Ship weekly\" --chosen Tuesdays --lane guardrail
  rhythm decision list --state all
  rhythm decision export --adr docs/decisions";

pub const EXPORT: &str = "Examples:
  rhythm export --out team.json               # everything, lossless
  rhythm export --team Growth > growth.json
  rhythm export-readings --form long --out readings.csv";

pub const REPORT: &str = "Examples:
  rhythm report --out report.html             # every team, 13 weeks
  rhythm report --teams Growth,Support --weeks 26 --out r.html
  rhythm report --from 2026-W36 --to 2026-W48 --out q.html";

pub const COPY: &str = "Examples:
  rhythm copy --from team.db --to postgres://ana@db.example/rhythm
  rhythm copy --from postgres://ana@db.example/rhythm --to back.db
  rhythm copy --from team.db --to growth.db --team Growth";

pub const IMPORT: &str = "Examples:
  rhythm --db copy.db import team.json            # into an empty file
  rhythm --db other.db import team.json --merge   # add what is new
  rhythm --db copy.db import - < team.json";

pub const PLAN: &str = "Examples:
  rhythm plan initiative add \"Healthcare onboarding kit\" --owner Ana --serves \"mid-market healthcare\" --start 2026-12 --end 2027-02
  rhythm plan milestone add 1 \"Pick the e-signature vendor\" --month 2026-12 --phase decide
  rhythm plan milestone move 4 build
  rhythm plan assign Ben 1 40%
  rhythm plan draw-flex --why \"Payment outage\"
  rhythm plan post-mortem 1 --what \"...\" --factors \"...\" --change \"...\"
  rhythm plan show --format md";

pub const BRIEF: &str = "Examples:
  rhythm brief choice add \"Mid-market healthcare rather than all SMBs\" --consequence \"longer sales cycles, fewer but larger deals\"
  rhythm brief objective add \"Ten healthcare logos\" --integrator Ana --measure NRR
  rhythm brief exclusion add \"No expansion to Germany\" --unless \"churn is below 8 %\"
  rhythm brief measure add \"Pipeline coverage\"
  rhythm brief show --format md
  rhythm brief show --quarter 2026-Q3 --whole";

pub const HEALTH: &str = "Examples:
  rhythm health
  rhythm health --quarters 4
  rhythm health --team Platform --json";

pub const AGENDA: &str = "Examples:
  rhythm agenda show
  rhythm agenda set \"Scorecard 10, Off-track 30, Decisions 15, Wrap-up 5\"
  rhythm agenda show --kind monthly --json
  rhythm agenda set --kind quarterly \"Scorecard & objectives scored 30, Choices revisited 90, Wrap-up 10\"
  rhythm agenda reset";

pub const TRIGGER: &str = "Examples:
  rhythm trigger add \"Renegotiate vendor contracts\" --when \"Burn > 400 for 3 weeks\"
  rhythm trigger add \"Freeze hiring\" --when \"Net ARR growth < 5 for 2 months\"
  rhythm trigger list --json
  rhythm trigger edit 2 --when \"Coverage outside 3..5 for 2 weeks\"
  rhythm trigger drop 2";
