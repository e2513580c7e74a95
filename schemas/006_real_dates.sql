-- 006: every date column refuses a date that does not exist.
--
-- Each date column is checked with CHECK (date(x) IS x). SQLite's date()
-- checks the form YYYY-MM-DD and that the day is at most 31, but returns
-- an impossible date unchanged (date('2022-02-30') is '2022-02-30'), so
-- 2022-02-30, 2023-04-31 or 2023-02-29 got in. date(x, '+0 days') rolls
-- such a day over into the next month (2022-03-02), so a value equal to it
-- is a date that exists: 2024-02-29 and 2000-02-29 pass, 2023-02-29 and
-- 1900-02-29 do not.
--
-- A CHECK cannot be changed without rebuilding the table, which would
-- copy governance records and break the views and foreign keys that name
-- it. So each date column gets two triggers instead:
--   <table>_<column>_real_date_insert   BEFORE INSERT
--   <table>_<column>_real_date_update   BEFORE UPDATE OF <column>, only when
--                                       the value changes
-- which abort the statement with '<table>.<column>: not a real date
-- written YYYY-MM-DD' (RAISE takes a constant message; the program adds
-- the file, row or field). NULL passes, as the CHECK lets it.
--
-- Rows already stored are neither changed nor deleted: an update that
-- leaves the date as it is still works. `govbench check --db FILE` lists
-- them (table, row id, column, value) for someone to correct by hand.
--
-- Every date column of the schema must be listed here: a new table with a
-- date column adds its own pair (tests/unit/dates_test.cpp finds every
-- column with date(x) IS x and fails for one without triggers).

-- sources
CREATE TRIGGER sources_published_real_date_insert BEFORE INSERT ON sources
WHEN date(NEW.published, '+0 days') IS NOT NEW.published
BEGIN SELECT RAISE(ABORT, 'sources.published: not a real date written YYYY-MM-DD'); END;
CREATE TRIGGER sources_published_real_date_update BEFORE UPDATE OF published ON sources
WHEN NEW.published IS NOT OLD.published AND date(NEW.published, '+0 days') IS NOT NEW.published
BEGIN SELECT RAISE(ABORT, 'sources.published: not a real date written YYYY-MM-DD'); END;

-- meetings
CREATE TRIGGER meetings_held_on_real_date_insert BEFORE INSERT ON meetings
WHEN date(NEW.held_on, '+0 days') IS NOT NEW.held_on
BEGIN SELECT RAISE(ABORT, 'meetings.held_on: not a real date written YYYY-MM-DD'); END;
CREATE TRIGGER meetings_held_on_real_date_update BEFORE UPDATE OF held_on ON meetings
WHEN NEW.held_on IS NOT OLD.held_on AND date(NEW.held_on, '+0 days') IS NOT NEW.held_on
BEGIN SELECT RAISE(ABORT, 'meetings.held_on: not a real date written YYYY-MM-DD'); END;

-- risk_assessments
CREATE TRIGGER risk_assessments_as_of_real_date_insert BEFORE INSERT ON risk_assessments
WHEN date(NEW.as_of, '+0 days') IS NOT NEW.as_of
BEGIN SELECT RAISE(ABORT, 'risk_assessments.as_of: not a real date written YYYY-MM-DD'); END;
CREATE TRIGGER risk_assessments_as_of_real_date_update BEFORE UPDATE OF as_of ON risk_assessments
WHEN NEW.as_of IS NOT OLD.as_of AND date(NEW.as_of, '+0 days') IS NOT NEW.as_of
BEGIN SELECT RAISE(ABORT, 'risk_assessments.as_of: not a real date written YYYY-MM-DD'); END;

-- risk_targets
CREATE TRIGGER risk_targets_as_of_real_date_insert BEFORE INSERT ON risk_targets
WHEN date(NEW.as_of, '+0 days') IS NOT NEW.as_of
BEGIN SELECT RAISE(ABORT, 'risk_targets.as_of: not a real date written YYYY-MM-DD'); END;
CREATE TRIGGER risk_targets_as_of_real_date_update BEFORE UPDATE OF as_of ON risk_targets
WHEN NEW.as_of IS NOT OLD.as_of AND date(NEW.as_of, '+0 days') IS NOT NEW.as_of
BEGIN SELECT RAISE(ABORT, 'risk_targets.as_of: not a real date written YYYY-MM-DD'); END;

-- risk_appetite
CREATE TRIGGER risk_appetite_as_of_real_date_insert BEFORE INSERT ON risk_appetite
WHEN date(NEW.as_of, '+0 days') IS NOT NEW.as_of
BEGIN SELECT RAISE(ABORT, 'risk_appetite.as_of: not a real date written YYYY-MM-DD'); END;
CREATE TRIGGER risk_appetite_as_of_real_date_update BEFORE UPDATE OF as_of ON risk_appetite
WHEN NEW.as_of IS NOT OLD.as_of AND date(NEW.as_of, '+0 days') IS NOT NEW.as_of
BEGIN SELECT RAISE(ABORT, 'risk_appetite.as_of: not a real date written YYYY-MM-DD'); END;

-- controls
CREATE TRIGGER controls_target_date_real_date_insert BEFORE INSERT ON controls
WHEN date(NEW.target_date, '+0 days') IS NOT NEW.target_date
BEGIN SELECT RAISE(ABORT, 'controls.target_date: not a real date written YYYY-MM-DD'); END;
CREATE TRIGGER controls_target_date_real_date_update BEFORE UPDATE OF target_date ON controls
WHEN NEW.target_date IS NOT OLD.target_date AND date(NEW.target_date, '+0 days') IS NOT NEW.target_date
BEGIN SELECT RAISE(ABORT, 'controls.target_date: not a real date written YYYY-MM-DD'); END;

-- control_progress
CREATE TRIGGER control_progress_period_end_real_date_insert BEFORE INSERT ON control_progress
WHEN date(NEW.period_end, '+0 days') IS NOT NEW.period_end
BEGIN SELECT RAISE(ABORT, 'control_progress.period_end: not a real date written YYYY-MM-DD'); END;
CREATE TRIGGER control_progress_period_end_real_date_update BEFORE UPDATE OF period_end ON control_progress
WHEN NEW.period_end IS NOT OLD.period_end AND date(NEW.period_end, '+0 days') IS NOT NEW.period_end
BEGIN SELECT RAISE(ABORT, 'control_progress.period_end: not a real date written YYYY-MM-DD'); END;

-- action_plans
CREATE TRIGGER action_plans_published_real_date_insert BEFORE INSERT ON action_plans
WHEN date(NEW.published, '+0 days') IS NOT NEW.published
BEGIN SELECT RAISE(ABORT, 'action_plans.published: not a real date written YYYY-MM-DD'); END;
CREATE TRIGGER action_plans_published_real_date_update BEFORE UPDATE OF published ON action_plans
WHEN NEW.published IS NOT OLD.published AND date(NEW.published, '+0 days') IS NOT NEW.published
BEGIN SELECT RAISE(ABORT, 'action_plans.published: not a real date written YYYY-MM-DD'); END;

-- action_items
CREATE TRIGGER action_items_due_real_date_insert BEFORE INSERT ON action_items
WHEN date(NEW.due, '+0 days') IS NOT NEW.due
BEGIN SELECT RAISE(ABORT, 'action_items.due: not a real date written YYYY-MM-DD'); END;
CREATE TRIGGER action_items_due_real_date_update BEFORE UPDATE OF due ON action_items
WHEN NEW.due IS NOT OLD.due AND date(NEW.due, '+0 days') IS NOT NEW.due
BEGIN SELECT RAISE(ABORT, 'action_items.due: not a real date written YYYY-MM-DD'); END;

-- action_updates
CREATE TRIGGER action_updates_as_of_real_date_insert BEFORE INSERT ON action_updates
WHEN date(NEW.as_of, '+0 days') IS NOT NEW.as_of
BEGIN SELECT RAISE(ABORT, 'action_updates.as_of: not a real date written YYYY-MM-DD'); END;
CREATE TRIGGER action_updates_as_of_real_date_update BEFORE UPDATE OF as_of ON action_updates
WHEN NEW.as_of IS NOT OLD.as_of AND date(NEW.as_of, '+0 days') IS NOT NEW.as_of
BEGIN SELECT RAISE(ABORT, 'action_updates.as_of: not a real date written YYYY-MM-DD'); END;

-- improvement_actions
CREATE TRIGGER improvement_actions_due_real_date_insert BEFORE INSERT ON improvement_actions
WHEN date(NEW.due, '+0 days') IS NOT NEW.due
BEGIN SELECT RAISE(ABORT, 'improvement_actions.due: not a real date written YYYY-MM-DD'); END;
CREATE TRIGGER improvement_actions_due_real_date_update BEFORE UPDATE OF due ON improvement_actions
WHEN NEW.due IS NOT OLD.due AND date(NEW.due, '+0 days') IS NOT NEW.due
BEGIN SELECT RAISE(ABORT, 'improvement_actions.due: not a real date written YYYY-MM-DD'); END;

CREATE TRIGGER improvement_actions_update_as_of_real_date_insert BEFORE INSERT ON improvement_actions
WHEN date(NEW.update_as_of, '+0 days') IS NOT NEW.update_as_of
BEGIN SELECT RAISE(ABORT, 'improvement_actions.update_as_of: not a real date written YYYY-MM-DD'); END;
CREATE TRIGGER improvement_actions_update_as_of_real_date_update BEFORE UPDATE OF update_as_of ON improvement_actions
WHEN NEW.update_as_of IS NOT OLD.update_as_of AND date(NEW.update_as_of, '+0 days') IS NOT NEW.update_as_of
BEGIN SELECT RAISE(ABORT, 'improvement_actions.update_as_of: not a real date written YYYY-MM-DD'); END;

-- audits
CREATE TRIGGER audits_reported_real_date_insert BEFORE INSERT ON audits
WHEN date(NEW.reported, '+0 days') IS NOT NEW.reported
BEGIN SELECT RAISE(ABORT, 'audits.reported: not a real date written YYYY-MM-DD'); END;
CREATE TRIGGER audits_reported_real_date_update BEFORE UPDATE OF reported ON audits
WHEN NEW.reported IS NOT OLD.reported AND date(NEW.reported, '+0 days') IS NOT NEW.reported
BEGIN SELECT RAISE(ABORT, 'audits.reported: not a real date written YYYY-MM-DD'); END;

-- audit_recommendations
CREATE TRIGGER audit_recommendations_due_real_date_insert BEFORE INSERT ON audit_recommendations
WHEN date(NEW.due, '+0 days') IS NOT NEW.due
BEGIN SELECT RAISE(ABORT, 'audit_recommendations.due: not a real date written YYYY-MM-DD'); END;
CREATE TRIGGER audit_recommendations_due_real_date_update BEFORE UPDATE OF due ON audit_recommendations
WHEN NEW.due IS NOT OLD.due AND date(NEW.due, '+0 days') IS NOT NEW.due
BEGIN SELECT RAISE(ABORT, 'audit_recommendations.due: not a real date written YYYY-MM-DD'); END;

-- observations
CREATE TRIGGER observations_period_start_real_date_insert BEFORE INSERT ON observations
WHEN date(NEW.period_start, '+0 days') IS NOT NEW.period_start
BEGIN SELECT RAISE(ABORT, 'observations.period_start: not a real date written YYYY-MM-DD'); END;
CREATE TRIGGER observations_period_start_real_date_update BEFORE UPDATE OF period_start ON observations
WHEN NEW.period_start IS NOT OLD.period_start AND date(NEW.period_start, '+0 days') IS NOT NEW.period_start
BEGIN SELECT RAISE(ABORT, 'observations.period_start: not a real date written YYYY-MM-DD'); END;

CREATE TRIGGER observations_period_end_real_date_insert BEFORE INSERT ON observations
WHEN date(NEW.period_end, '+0 days') IS NOT NEW.period_end
BEGIN SELECT RAISE(ABORT, 'observations.period_end: not a real date written YYYY-MM-DD'); END;
CREATE TRIGGER observations_period_end_real_date_update BEFORE UPDATE OF period_end ON observations
WHEN NEW.period_end IS NOT OLD.period_end AND date(NEW.period_end, '+0 days') IS NOT NEW.period_end
BEGIN SELECT RAISE(ABORT, 'observations.period_end: not a real date written YYYY-MM-DD'); END;

-- indicator_results
CREATE TRIGGER indicator_results_as_of_real_date_insert BEFORE INSERT ON indicator_results
WHEN date(NEW.as_of, '+0 days') IS NOT NEW.as_of
BEGIN SELECT RAISE(ABORT, 'indicator_results.as_of: not a real date written YYYY-MM-DD'); END;
CREATE TRIGGER indicator_results_as_of_real_date_update BEFORE UPDATE OF as_of ON indicator_results
WHEN NEW.as_of IS NOT OLD.as_of AND date(NEW.as_of, '+0 days') IS NOT NEW.as_of
BEGIN SELECT RAISE(ABORT, 'indicator_results.as_of: not a real date written YYYY-MM-DD'); END;

-- risk_scores
CREATE TRIGGER risk_scores_as_of_real_date_insert BEFORE INSERT ON risk_scores
WHEN date(NEW.as_of, '+0 days') IS NOT NEW.as_of
BEGIN SELECT RAISE(ABORT, 'risk_scores.as_of: not a real date written YYYY-MM-DD'); END;
CREATE TRIGGER risk_scores_as_of_real_date_update BEFORE UPDATE OF as_of ON risk_scores
WHEN NEW.as_of IS NOT OLD.as_of AND date(NEW.as_of, '+0 days') IS NOT NEW.as_of
BEGIN SELECT RAISE(ABORT, 'risk_scores.as_of: not a real date written YYYY-MM-DD'); END;

-- sessions
CREATE TRIGGER sessions_held_on_real_date_insert BEFORE INSERT ON sessions
WHEN date(NEW.held_on, '+0 days') IS NOT NEW.held_on
BEGIN SELECT RAISE(ABORT, 'sessions.held_on: not a real date written YYYY-MM-DD'); END;
CREATE TRIGGER sessions_held_on_real_date_update BEFORE UPDATE OF held_on ON sessions
WHEN NEW.held_on IS NOT OLD.held_on AND date(NEW.held_on, '+0 days') IS NOT NEW.held_on
BEGIN SELECT RAISE(ABORT, 'sessions.held_on: not a real date written YYYY-MM-DD'); END;

-- scenarios
CREATE TRIGGER scenarios_as_of_real_date_insert BEFORE INSERT ON scenarios
WHEN date(NEW.as_of, '+0 days') IS NOT NEW.as_of
BEGIN SELECT RAISE(ABORT, 'scenarios.as_of: not a real date written YYYY-MM-DD'); END;
CREATE TRIGGER scenarios_as_of_real_date_update BEFORE UPDATE OF as_of ON scenarios
WHEN NEW.as_of IS NOT OLD.as_of AND date(NEW.as_of, '+0 days') IS NOT NEW.as_of
BEGIN SELECT RAISE(ABORT, 'scenarios.as_of: not a real date written YYYY-MM-DD'); END;
