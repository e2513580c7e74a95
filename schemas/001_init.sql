-- 001: the governance schema.
--
-- Run by the migration runner inside one transaction; the runner sets
-- PRAGMA user_version, so this file sets no pragma and opens no transaction.
-- Column meanings and the seed papers each table is filled from are in
-- schemas/README.md.
--
-- Sections:
--   1. Reference data  (level_values, cipfa_principles)
--   2. Provenance      (sources)
--   3. Organisation    (roles, boards, meetings, pillars, areas)
--   4. Risk register   (risks, risk_leads, risk_pillars, risk_assessments,
--                       risk_targets, risk_appetite, controls, control_progress)
--   5. Action plans    (action_plans, plan_headings, action_items,
--                       action_updates, action_item_risks)
--   6. Governance improvement plans (improvement_areas and their links,
--                       improvement_findings, improvement_assurance,
--                       improvement_actions)
--   7. Audit and inspection (audits, audit_recommendations)
--   8. Statement of internal control survey (survey_questions, survey_results)
--   9. Measures        (metrics, observations, metric_targets)
--  10. Audit log       (audit_log)
--  11. Views           (risk_register, control_status)
--
-- Conventions: dates are ISO 'YYYY-MM-DD' text checked with date(x) IS x
-- (which also admits NULL); every enumerated column has a CHECK; every fact
-- row names the source it was taken from.

------------------------------------------------------------------------------
-- 1. Reference data (fixed; not demo data)
------------------------------------------------------------------------------

-- The five-point scale used for likelihood and impact ("H v M").
CREATE TABLE level_values (
  level   TEXT    PRIMARY KEY CHECK (level IN ('VL', 'L', 'M', 'H', 'VH')),
  ordinal INTEGER NOT NULL UNIQUE CHECK (ordinal BETWEEN 1 AND 5),
  label   TEXT    NOT NULL
);
INSERT INTO level_values (level, ordinal, label) VALUES
  ('VL', 1, 'Very low'),
  ('L',  2, 'Low'),
  ('M',  3, 'Medium'),
  ('H',  4, 'High'),
  ('VH', 5, 'Very high');

-- The seven principles of the CIPFA/SOLACE Delivering Good Governance
-- Framework (2016), lettered A-G and numbered 1-7 as in the Met AGS.
CREATE TABLE cipfa_principles (
  letter TEXT    PRIMARY KEY CHECK (letter IN ('A', 'B', 'C', 'D', 'E', 'F', 'G')),
  number INTEGER NOT NULL UNIQUE CHECK (number BETWEEN 1 AND 7),
  title  TEXT    NOT NULL
);
INSERT INTO cipfa_principles (letter, number, title) VALUES
  ('A', 1, 'Behaving with integrity, demonstrating strong commitment to ethical values, and respecting the rule of law'),
  ('B', 2, 'Ensuring openness and comprehensive stakeholder engagement'),
  ('C', 3, 'Defining outcomes in terms of sustainable economic, social and environmental benefits'),
  ('D', 4, 'Determining the interventions necessary to optimise the achievement of the intended outcomes'),
  ('E', 5, 'Developing the entity''s capacity, including the capability of its leadership and the individuals within it'),
  ('F', 6, 'Managing risks and performance through robust internal control and strong public financial management'),
  ('G', 7, 'Implementing good practices in transparency, reporting, and audit to deliver effective accountability');

------------------------------------------------------------------------------
-- 2. Provenance
------------------------------------------------------------------------------

-- One row per (document, section) that facts are taken from. 'seed' rows
-- name a file in shared/seeds/; 'synthetic' rows describe generated data;
-- 'import' and 'manual' are for data a user loads or types later.
CREATE TABLE sources (
  id        INTEGER PRIMARY KEY,
  kind      TEXT    NOT NULL CHECK (kind IN ('seed', 'synthetic', 'import', 'manual')),
  document  TEXT    NOT NULL CHECK (length(document) > 0),
  seed_file TEXT,
  section   TEXT,
  published TEXT    CHECK (date(published) IS published),
  note      TEXT,
  CHECK (kind <> 'seed' OR seed_file IS NOT NULL),
  CHECK (kind <> 'synthetic' OR seed_file IS NULL)
);

------------------------------------------------------------------------------
-- 3. Organisation
------------------------------------------------------------------------------

-- Posts (not people): risk owners, working leads, board chairs, plan owners.
CREATE TABLE roles (
  id        INTEGER PRIMARY KEY,
  title     TEXT    NOT NULL UNIQUE,
  short     TEXT,
  note      TEXT,
  source_id INTEGER REFERENCES sources (id)
);

CREATE TABLE boards (
  id            INTEGER PRIMARY KEY,
  name          TEXT    NOT NULL UNIQUE,
  body          TEXT    NOT NULL DEFAULT 'MPS' CHECK (body IN ('MPS', 'MOPAC', 'MPS-MOPAC', 'external')),
  chair_role_id INTEGER REFERENCES roles (id),
  frequency     TEXT,
  remit         TEXT,
  source_id     INTEGER NOT NULL REFERENCES sources (id)
);

CREATE TABLE meetings (
  id        INTEGER PRIMARY KEY,
  board_id  INTEGER NOT NULL REFERENCES boards (id),
  held_on   TEXT    NOT NULL CHECK (date(held_on) IS held_on),
  title     TEXT,
  note      TEXT,
  source_id INTEGER NOT NULL REFERENCES sources (id),
  UNIQUE (board_id, held_on)
);

-- The seven pillars of Met Direction (the Met's strategy to 2025):
-- three operational priorities (1-3) and four enabling priorities (4-7).
CREATE TABLE pillars (
  id        INTEGER PRIMARY KEY CHECK (id BETWEEN 1 AND 7),
  title     TEXT    NOT NULL UNIQUE,
  short     TEXT    NOT NULL UNIQUE,
  kind      TEXT    NOT NULL CHECK (kind IN ('operational', 'enabling')),
  source_id INTEGER NOT NULL REFERENCES sources (id)
);

-- Geographies that observations may be broken down by. observations.area
-- is deliberately not a foreign key (imports may bring other areas).
CREATE TABLE areas (
  name      TEXT    PRIMARY KEY,
  kind      TEXT    NOT NULL CHECK (kind IN ('london', 'borough', 'bcu', 'ward', 'neighbourhood', 'other')),
  parent    TEXT    REFERENCES areas (name),
  source_id INTEGER REFERENCES sources (id)
);

------------------------------------------------------------------------------
-- 4. Corporate risk register
------------------------------------------------------------------------------

CREATE TABLE risks (
  id            INTEGER PRIMARY KEY,
  ref           INTEGER NOT NULL UNIQUE CHECK (ref > 0),
  name          TEXT    NOT NULL UNIQUE,
  description   TEXT    NOT NULL,
  owner_role_id INTEGER NOT NULL REFERENCES roles (id),
  term          TEXT    NOT NULL CHECK (term IN ('short', 'long')),
  source_id     INTEGER NOT NULL REFERENCES sources (id)
);

CREATE TABLE risk_leads (
  risk_id    INTEGER NOT NULL REFERENCES risks (id),
  role_id    INTEGER NOT NULL REFERENCES roles (id),
  seq        INTEGER NOT NULL CHECK (seq > 0),
  as_written TEXT,
  source_id  INTEGER NOT NULL REFERENCES sources (id),
  PRIMARY KEY (risk_id, role_id),
  UNIQUE (risk_id, seq)
);

CREATE TABLE risk_pillars (
  risk_id   INTEGER NOT NULL REFERENCES risks (id),
  pillar_id INTEGER NOT NULL REFERENCES pillars (id),
  source_id INTEGER NOT NULL REFERENCES sources (id),
  PRIMARY KEY (risk_id, pillar_id)
);

-- The current position of a risk at a date: likelihood v impact, trend arrow,
-- the owner's view of progress towards target, and an overall RAG.
CREATE TABLE risk_assessments (
  id         INTEGER PRIMARY KEY,
  risk_id    INTEGER NOT NULL REFERENCES risks (id),
  as_of      TEXT    NOT NULL CHECK (date(as_of) IS as_of),
  period     TEXT    CHECK (period IS NULL OR period GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]'),
  likelihood TEXT    NOT NULL REFERENCES level_values (level)
                     CHECK (likelihood IN ('VL', 'L', 'M', 'H', 'VH')),
  impact     TEXT    NOT NULL REFERENCES level_values (level)
                     CHECK (impact IN ('VL', 'L', 'M', 'H', 'VH')),
  trend      TEXT    CHECK (trend IN ('improving', 'stable', 'worsening')),
  progress   TEXT    CHECK (progress IN ('on_track', 'limited', 'slipped', 'no_progress')),
  rag        TEXT    CHECK (rag IN ('red', 'amber', 'green', 'blue')),
  commentary TEXT,
  source_id  INTEGER NOT NULL REFERENCES sources (id),
  UNIQUE (risk_id, as_of)
);
CREATE INDEX idx_risk_assessments_risk_as_of ON risk_assessments (risk_id, as_of);

CREATE TABLE risk_targets (
  id         INTEGER PRIMARY KEY,
  risk_id    INTEGER NOT NULL REFERENCES risks (id),
  as_of      TEXT    NOT NULL CHECK (date(as_of) IS as_of),
  likelihood TEXT    NOT NULL REFERENCES level_values (level)
                     CHECK (likelihood IN ('VL', 'L', 'M', 'H', 'VH')),
  impact     TEXT    NOT NULL REFERENCES level_values (level)
                     CHECK (impact IN ('VL', 'L', 'M', 'H', 'VH')),
  source_id  INTEGER NOT NULL REFERENCES sources (id),
  UNIQUE (risk_id, as_of)
);
CREATE INDEX idx_risk_targets_risk_as_of ON risk_targets (risk_id, as_of);

-- Appetite on the Orange Book scale where stated, else free text.
CREATE TABLE risk_appetite (
  id        INTEGER PRIMARY KEY,
  risk_id   INTEGER NOT NULL REFERENCES risks (id),
  as_of     TEXT    NOT NULL CHECK (date(as_of) IS as_of),
  level     TEXT    CHECK (level IN ('averse', 'minimal', 'cautious', 'open', 'eager')),
  appetite  TEXT,
  source_id INTEGER NOT NULL REFERENCES sources (id),
  CHECK (level IS NOT NULL OR appetite IS NOT NULL),
  UNIQUE (risk_id, as_of)
);

-- Key controls: actions in place or in progress to move a risk to target.
CREATE TABLE controls (
  id            INTEGER PRIMARY KEY,
  risk_id       INTEGER NOT NULL REFERENCES risks (id),
  seq           INTEGER NOT NULL CHECK (seq > 0),
  description   TEXT    NOT NULL,
  owner         TEXT,
  owner_role_id INTEGER REFERENCES roles (id),
  target_date   TEXT    CHECK (date(target_date) IS target_date),
  note          TEXT,
  source_id     INTEGER NOT NULL REFERENCES sources (id),
  UNIQUE (risk_id, seq)
);

-- Quarterly status of a control. period is a calendar quarter 'YYYY-Qn'.
CREATE TABLE control_progress (
  id         INTEGER PRIMARY KEY,
  control_id INTEGER NOT NULL REFERENCES controls (id),
  period     TEXT    NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]'),
  period_end TEXT    CHECK (date(period_end) IS period_end),
  progress   TEXT    NOT NULL CHECK (progress IN ('on_track', 'limited', 'slipped', 'no_progress')),
  note       TEXT,
  source_id  INTEGER NOT NULL REFERENCES sources (id),
  UNIQUE (control_id, period)
);
CREATE INDEX idx_control_progress_control_period ON control_progress (control_id, period);

------------------------------------------------------------------------------
-- 5. Action plans (Rebuilding Trust, STRIDE, VAWG, Turnaround, ...)
------------------------------------------------------------------------------

CREATE TABLE action_plans (
  id             INTEGER PRIMARY KEY,
  code           TEXT    NOT NULL UNIQUE CHECK (code GLOB '[A-Z]*'),
  title          TEXT    NOT NULL,
  owner          TEXT,
  owner_role_id  INTEGER REFERENCES roles (id),
  published      TEXT    CHECK (date(published) IS published),
  date_precision TEXT    CHECK (date_precision IN ('day', 'month', 'year')),
  description    TEXT,
  source_id      INTEGER NOT NULL REFERENCES sources (id),
  CHECK ((published IS NULL) = (date_precision IS NULL))
);

-- Headings (themes, objectives, programmes) a plan groups its items under.
CREATE TABLE plan_headings (
  id        INTEGER PRIMARY KEY,
  plan_id   INTEGER NOT NULL REFERENCES action_plans (id),
  seq       INTEGER NOT NULL CHECK (seq > 0),
  title     TEXT    NOT NULL,
  source_id INTEGER NOT NULL REFERENCES sources (id),
  UNIQUE (plan_id, seq)
);

CREATE TABLE action_items (
  id            INTEGER PRIMARY KEY,
  plan_id       INTEGER NOT NULL REFERENCES action_plans (id),
  heading_id    INTEGER REFERENCES plan_headings (id),
  parent_id     INTEGER REFERENCES action_items (id),
  seq           INTEGER NOT NULL CHECK (seq > 0),
  title         TEXT    NOT NULL,
  detail        TEXT,
  owner         TEXT,
  owner_role_id INTEGER REFERENCES roles (id),
  due           TEXT    CHECK (date(due) IS due),
  due_text      TEXT,
  status        TEXT    CHECK (status IN ('planned', 'in_progress', 'complete', 'on_hold', 'withdrawn')),
  rag           TEXT    CHECK (rag IN ('red', 'amber', 'green', 'blue')),
  source_id     INTEGER NOT NULL REFERENCES sources (id),
  UNIQUE (plan_id, seq)
);
CREATE INDEX idx_action_items_plan ON action_items (plan_id, heading_id);

CREATE TABLE action_updates (
  id        INTEGER PRIMARY KEY,
  item_id   INTEGER NOT NULL REFERENCES action_items (id),
  as_of     TEXT    NOT NULL CHECK (date(as_of) IS as_of),
  text      TEXT    NOT NULL,
  status    TEXT    CHECK (status IN ('planned', 'in_progress', 'complete', 'on_hold', 'withdrawn')),
  rag       TEXT    CHECK (rag IN ('red', 'amber', 'green', 'blue')),
  source_id INTEGER NOT NULL REFERENCES sources (id)
);
CREATE INDEX idx_action_updates_item_as_of ON action_updates (item_id, as_of);

CREATE TABLE action_item_risks (
  item_id   INTEGER NOT NULL REFERENCES action_items (id),
  risk_id   INTEGER NOT NULL REFERENCES risks (id),
  source_id INTEGER NOT NULL REFERENCES sources (id),
  PRIMARY KEY (item_id, risk_id)
);

------------------------------------------------------------------------------
-- 6. Governance Improvement Plans (GIP)
------------------------------------------------------------------------------

-- year is the financial year 'YYYY/YY'. number is the area's number in that
-- year's plan (NULL for proposed areas not yet numbered).
CREATE TABLE improvement_areas (
  id                INTEGER PRIMARY KEY,
  year              TEXT    NOT NULL CHECK (year GLOB '[0-9][0-9][0-9][0-9]/[0-9][0-9]'),
  number            INTEGER CHECK (number > 0),
  title             TEXT    NOT NULL,
  aim               TEXT,
  owner_role_id     INTEGER REFERENCES roles (id),
  status            TEXT    CHECK (status IN ('proposed', 'in_progress', 'closed')),
  related_risk_note TEXT,
  note              TEXT,
  source_id         INTEGER NOT NULL REFERENCES sources (id),
  UNIQUE (year, number)
);

CREATE TABLE improvement_area_leads (
  area_id    INTEGER NOT NULL REFERENCES improvement_areas (id),
  role_id    INTEGER NOT NULL REFERENCES roles (id),
  seq        INTEGER NOT NULL CHECK (seq > 0),
  as_written TEXT,
  source_id  INTEGER NOT NULL REFERENCES sources (id),
  PRIMARY KEY (area_id, role_id)
);

CREATE TABLE improvement_area_risks (
  area_id   INTEGER NOT NULL REFERENCES improvement_areas (id),
  risk_id   INTEGER NOT NULL REFERENCES risks (id),
  source_id INTEGER NOT NULL REFERENCES sources (id),
  PRIMARY KEY (area_id, risk_id)
);

CREATE TABLE improvement_area_principles (
  area_id   INTEGER NOT NULL REFERENCES improvement_areas (id),
  principle TEXT    NOT NULL REFERENCES cipfa_principles (letter)
                    CHECK (principle IN ('A', 'B', 'C', 'D', 'E', 'F', 'G')),
  source_id INTEGER NOT NULL REFERENCES sources (id),
  PRIMARY KEY (area_id, principle)
);

-- "AGS 2020-21 and risks findings we are aiming to address".
CREATE TABLE improvement_findings (
  id        INTEGER PRIMARY KEY,
  area_id   INTEGER NOT NULL REFERENCES improvement_areas (id),
  seq       INTEGER NOT NULL CHECK (seq > 0),
  text      TEXT    NOT NULL,
  source_id INTEGER NOT NULL REFERENCES sources (id),
  UNIQUE (area_id, seq)
);

-- Assurance mapping: one row per area and level (1 = internal management
-- controls, 2 = management scrutiny and oversight, 3 = independent
-- oversight). rag is NULL where the paper's rating cannot be read.
CREATE TABLE improvement_assurance (
  area_id   INTEGER NOT NULL REFERENCES improvement_areas (id),
  level     INTEGER NOT NULL CHECK (level IN (1, 2, 3)),
  rag       TEXT    CHECK (rag IN ('red', 'amber', 'green', 'blue')),
  evidence  TEXT,
  note      TEXT,
  source_id INTEGER NOT NULL REFERENCES sources (id),
  PRIMARY KEY (area_id, level)
);

CREATE TABLE improvement_actions (
  id                      INTEGER PRIMARY KEY,
  area_id                 INTEGER NOT NULL REFERENCES improvement_areas (id),
  seq                     INTEGER NOT NULL CHECK (seq > 0),
  action                  TEXT    NOT NULL,
  lead                    TEXT,
  timescale               TEXT,
  due                     TEXT    CHECK (date(due) IS due),
  quarterly_update        TEXT,
  update_as_of            TEXT    CHECK (date(update_as_of) IS update_as_of),
  status                  TEXT    CHECK (status IN ('planned', 'in_progress', 'complete', 'on_hold', 'withdrawn')),
  rag                     TEXT    CHECK (rag IN ('red', 'amber', 'green', 'blue')),
  carried_forward         INTEGER NOT NULL DEFAULT 0 CHECK (carried_forward IN (0, 1)),
  carry_forward_principle TEXT    REFERENCES cipfa_principles (letter)
                                  CHECK (carry_forward_principle IN ('A', 'B', 'C', 'D', 'E', 'F', 'G')),
  carry_forward_note      TEXT,
  source_id               INTEGER NOT NULL REFERENCES sources (id),
  UNIQUE (area_id, seq),
  CHECK (carried_forward = 1 OR carry_forward_principle IS NULL)
);

------------------------------------------------------------------------------
-- 7. Audit and inspection
------------------------------------------------------------------------------

CREATE TABLE audits (
  id             INTEGER PRIMARY KEY,
  kind           TEXT    NOT NULL CHECK (kind IN ('DARA', 'HMICFRS', 'IOPC', 'ICO', 'independent', 'other')),
  review_type    TEXT    CHECK (review_type IN ('audit', 'follow_up', 'advisory', 'inspection', 'review')),
  title          TEXT    NOT NULL,
  reported       TEXT    CHECK (date(reported) IS reported),
  date_precision TEXT    CHECK (date_precision IN ('day', 'month', 'year')),
  rating         TEXT    CHECK (rating IN ('substantial', 'adequate', 'limited', 'no_assurance')),
  prior_rating   TEXT    CHECK (prior_rating IN ('substantial', 'adequate', 'limited', 'no_assurance')),
  principle      TEXT    REFERENCES cipfa_principles (letter)
                         CHECK (principle IN ('A', 'B', 'C', 'D', 'E', 'F', 'G')),
  summary        TEXT,
  source_id      INTEGER NOT NULL REFERENCES sources (id),
  CHECK ((reported IS NULL) = (date_precision IS NULL))
);

CREATE TABLE audit_recommendations (
  id        INTEGER PRIMARY KEY,
  audit_id  INTEGER NOT NULL REFERENCES audits (id),
  seq       INTEGER NOT NULL CHECK (seq > 0),
  kind      TEXT    NOT NULL DEFAULT 'recommendation'
                    CHECK (kind IN ('recommendation', 'area_for_improvement', 'cause_of_concern', 'finding')),
  text      TEXT    NOT NULL,
  status    TEXT    CHECK (status IN ('open', 'in_progress', 'implemented', 'closed')),
  owner     TEXT,
  due       TEXT    CHECK (date(due) IS due),
  note      TEXT,
  source_id INTEGER NOT NULL REFERENCES sources (id),
  UNIQUE (audit_id, seq)
);

------------------------------------------------------------------------------
-- 8. Statement of Internal Control survey (senior leaders, AGS)
------------------------------------------------------------------------------

CREATE TABLE survey_questions (
  id        INTEGER PRIMARY KEY,
  number    INTEGER NOT NULL UNIQUE CHECK (number > 0),
  text      TEXT    NOT NULL,
  principle TEXT    REFERENCES cipfa_principles (letter)
                    CHECK (principle IN ('A', 'B', 'C', 'D', 'E', 'F', 'G')),
  source_id INTEGER NOT NULL REFERENCES sources (id)
);

-- year is the financial year 'YYYY/YY' the survey reports on.
CREATE TABLE survey_results (
  id          INTEGER PRIMARY KEY,
  question_id INTEGER NOT NULL REFERENCES survey_questions (id),
  year        TEXT    NOT NULL CHECK (year GLOB '[0-9][0-9][0-9][0-9]/[0-9][0-9]'),
  yes_pct     REAL    NOT NULL CHECK (yes_pct BETWEEN 0 AND 100),
  partly_pct  REAL    CHECK (partly_pct BETWEEN 0 AND 100),
  no_pct      REAL    CHECK (no_pct BETWEEN 0 AND 100),
  note        TEXT,
  source_id   INTEGER NOT NULL REFERENCES sources (id),
  UNIQUE (question_id, year)
);

------------------------------------------------------------------------------
-- 9. Measures: metric definitions and a long table of observations
------------------------------------------------------------------------------

CREATE TABLE metrics (
  id          TEXT    PRIMARY KEY CHECK (id GLOB '[a-z]*' AND id NOT GLOB '*[^a-z0-9_.]*'),
  title       TEXT    NOT NULL,
  unit        TEXT    NOT NULL,
  polarity    TEXT    NOT NULL CHECK (polarity IN ('higher_is_better', 'lower_is_better', 'neutral')),
  description TEXT,
  source_id   INTEGER NOT NULL REFERENCES sources (id)
);

-- period labels: 'YYYY-Qn' calendar quarter, 'YYYY-MM' month, 'YYYY/YY'
-- financial year (April-March), 'YYYY/YY-Qn' financial quarter, 'YYYY-MM-DD'
-- a snapshot; period_start/period_end give the dates the label stands for.
-- qualifier says how the paper states the figure ('over 3,000' -> 'over').
CREATE TABLE observations (
  id           INTEGER PRIMARY KEY,
  metric_id    TEXT    NOT NULL REFERENCES metrics (id),
  period       TEXT    NOT NULL CHECK (length(period) > 0),
  period_start TEXT    CHECK (date(period_start) IS period_start),
  period_end   TEXT    CHECK (date(period_end) IS period_end),
  area         TEXT    NOT NULL DEFAULT 'London',
  grp          TEXT    NOT NULL DEFAULT 'All',
  value        REAL    NOT NULL,
  qualifier    TEXT    NOT NULL DEFAULT 'exact' CHECK (qualifier IN ('exact', 'over', 'under', 'up_to', 'about')),
  note         TEXT,
  source_id    INTEGER NOT NULL REFERENCES sources (id),
  CHECK (period_start IS NULL OR period_end IS NULL OR period_start <= period_end)
);
CREATE UNIQUE INDEX idx_observations_metric_area_grp_period ON observations (metric_id, area, grp, period);
CREATE INDEX idx_observations_metric_period ON observations (metric_id, period);

-- Targets and ambitions stated for a metric ("at least 12 per year per BCU").
CREATE TABLE metric_targets (
  id        INTEGER PRIMARY KEY,
  metric_id TEXT    NOT NULL REFERENCES metrics (id),
  period    TEXT,
  area      TEXT    NOT NULL DEFAULT 'London',
  grp       TEXT    NOT NULL DEFAULT 'All',
  value     REAL    NOT NULL,
  qualifier TEXT    NOT NULL DEFAULT 'exact' CHECK (qualifier IN ('exact', 'at_least', 'at_most', 'about')),
  note      TEXT,
  source_id INTEGER NOT NULL REFERENCES sources (id)
);
CREATE INDEX idx_metric_targets_metric ON metric_targets (metric_id);

------------------------------------------------------------------------------
-- 10. Audit log (written by the program in the same transaction as a change)
------------------------------------------------------------------------------

CREATE TABLE audit_log (
  id     INTEGER PRIMARY KEY,
  at     TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  who    TEXT,
  action TEXT    NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'import', 'migrate', 'init')),
  tbl    TEXT,
  row_id TEXT,
  before TEXT,
  after  TEXT
);
CREATE INDEX idx_audit_log_tbl_at ON audit_log (tbl, at);

------------------------------------------------------------------------------
-- 11. Views
------------------------------------------------------------------------------

-- Each risk with its latest assessment and its latest target.
CREATE VIEW risk_register AS
SELECT
  r.id                                   AS risk_id,
  r.ref                                  AS ref,
  r.name                                 AS name,
  r.description                          AS description,
  o.title                                AS owner,
  (SELECT group_concat(title, '; ')
     FROM (SELECT ro.title AS title
             FROM risk_leads rl JOIN roles ro ON ro.id = rl.role_id
            WHERE rl.risk_id = r.id ORDER BY rl.seq)) AS leads,
  (SELECT group_concat(id, ',')
     FROM (SELECT rp.pillar_id AS id FROM risk_pillars rp
            WHERE rp.risk_id = r.id ORDER BY rp.pillar_id)) AS pillars,
  r.term                                 AS term,
  a.likelihood                           AS likelihood,
  a.impact                               AS impact,
  lv_l.ordinal                           AS likelihood_ordinal,
  lv_i.ordinal                           AS impact_ordinal,
  a.trend                                AS trend,
  a.progress                             AS progress,
  a.rag                                  AS rag,
  t.likelihood                           AS target_likelihood,
  t.impact                               AS target_impact,
  tv_l.ordinal                           AS target_likelihood_ordinal,
  tv_i.ordinal                           AS target_impact_ordinal,
  a.as_of                                AS as_of,
  t.as_of                                AS target_as_of,
  a.commentary                           AS commentary,
  a.source_id                            AS source_id
FROM risks r
JOIN roles o ON o.id = r.owner_role_id
LEFT JOIN risk_assessments a
       ON a.id = (SELECT a2.id FROM risk_assessments a2
                   WHERE a2.risk_id = r.id ORDER BY a2.as_of DESC LIMIT 1)
LEFT JOIN risk_targets t
       ON t.id = (SELECT t2.id FROM risk_targets t2
                   WHERE t2.risk_id = r.id ORDER BY t2.as_of DESC LIMIT 1)
LEFT JOIN level_values lv_l ON lv_l.level = a.likelihood
LEFT JOIN level_values lv_i ON lv_i.level = a.impact
LEFT JOIN level_values tv_l ON tv_l.level = t.likelihood
LEFT JOIN level_values tv_i ON tv_i.level = t.impact;

-- Each control with its latest reported progress (NULL if never reported).
CREATE VIEW control_status AS
SELECT
  c.id          AS control_id,
  r.ref         AS risk_ref,
  r.name        AS risk_name,
  c.seq         AS seq,
  c.description AS description,
  c.target_date AS target_date,
  p.period      AS period,
  p.progress    AS progress,
  p.note        AS progress_note
FROM controls c
JOIN risks r ON r.id = c.risk_id
LEFT JOIN control_progress p
       ON p.id = (SELECT p2.id FROM control_progress p2
                   WHERE p2.control_id = c.id ORDER BY p2.period DESC LIMIT 1);
