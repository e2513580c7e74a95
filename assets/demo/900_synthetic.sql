-- Demo data 900: SYNTHETIC data. GENERATED, NOT REAL.
--
-- The seed papers give one position of the risk register (December 2021)
-- and no Public Attitudes Survey (PAS) figures. Demos need time series, so
-- this file generates them deterministically with SQL (recursive CTEs and
-- integer arithmetic; never random()), citing the 'synthetic' sources
-- 900 and 901. Re-running it on an empty database gives identical rows.

------------------------------------------------------------------------------
-- 1. Corporate risk register history, 2020-Q1 .. 2021-Q3 (source 900).
--    The 2021-Q4 point is the real December 2021 row from 020_risks.sql.
--    Each risk's path is a string of seven ordinals (1 = VL .. 5 = VH), one
--    per quarter, for likelihood and for impact. The 2021-Q3 values are
--    chosen so that the real December trend arrows hold (risks 1 and 6 fall,
--    9 and 11 rise, the rest unchanged) and so that risk 6 had High
--    likelihood before the spending review (seed 001 para 1.3).
--    Trend = direction of likelihood x impact (ordinals) against the
--    previous quarter. Progress is 'on_track' except where listed; risk 4 is
--    'limited' in 2021-Q3 because seed 001 para 1.4 says December was the
--    second quarter of limited progress.
------------------------------------------------------------------------------

INSERT INTO risk_assessments (risk_id, as_of, period, likelihood, impact, trend, progress, rag, commentary, source_id)
WITH RECURSIVE
  q(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM q WHERE n < 7),
  path(risk_id, l, i) AS (VALUES
    (1,  '4334444', '4444444'),
    (2,  '3344444', '3333333'),
    (3,  '3333444', '4444444'),
    (4,  '3333344', '3333333'),
    (5,  '3333333', '4445555'),
    (6,  '4444444', '4444444'),
    (7,  '4443333', '3333333'),
    (8,  '3333333', '4444444'),
    (9,  '3443222', '4444444'),
    (10, '4444555', '4555555'),
    (11, '3322222', '4444444')),
  not_on_track(risk_id, n, progress) AS (VALUES
    (1, 3, 'limited'),
    (2, 4, 'slipped'),
    (2, 5, 'limited'),
    (3, 6, 'limited'),
    (4, 7, 'limited'),
    (9, 2, 'limited'),
    (10, 6, 'limited'),
    (10, 7, 'limited'),
    (11, 6, 'no_progress')),
  pts AS (
    SELECT p.risk_id, q.n,
           CAST(substr(p.l, q.n, 1) AS INTEGER) AS lo,
           CAST(substr(p.i, q.n, 1) AS INTEGER) AS io
      FROM path p CROSS JOIN q),
  scored AS (
    SELECT a.risk_id, a.n, a.lo, a.io, a.lo * a.io AS score,
           (SELECT b.lo * b.io FROM pts b WHERE b.risk_id = a.risk_id AND b.n = a.n - 1) AS prev
      FROM pts a)
SELECT s.risk_id,
       date(printf('%04d-%02d-01', 2020 + (s.n - 1) / 4, ((s.n - 1) % 4 + 1) * 3), '+1 month', '-1 day'),
       printf('%04d-Q%d', 2020 + (s.n - 1) / 4, (s.n - 1) % 4 + 1),
       (SELECT level FROM level_values WHERE ordinal = s.lo),
       (SELECT level FROM level_values WHERE ordinal = s.io),
       CASE WHEN s.prev IS NULL OR s.prev = s.score THEN 'stable'
            WHEN s.score < s.prev THEN 'improving'
            ELSE 'worsening' END,
       COALESCE((SELECT x.progress FROM not_on_track x WHERE x.risk_id = s.risk_id AND x.n = s.n), 'on_track'),
       NULL,
       'SYNTHETIC: generated demo history, not a real register position.',
       900
  FROM scored s
 ORDER BY s.risk_id, s.n;

------------------------------------------------------------------------------
-- 2. Public Attitudes Survey by borough and group, 2020-Q1 .. 2022-Q4
--    (source 901). Five measures x 32 boroughs x 6 groups x 12 quarters.
--    value = measure base + borough offset + group gap x measure factor
--            + quarter drift + noise, rounded to 0.1 and kept within 40-95.
--    * borough offset: ((b*37 + m*11) % 13) - 6, i.e. -6 .. +6 points
--    * group gap: Black 6 points below White British (the "persistent gap"
--      of seed 004 AGS section 2), Mixed 4, Other 1.5, All 1, Asian +1;
--      scaled up for fairness and trust, down for "relied on"
--    * drift: confidence falls through 2021 and 2022 (Sarah Everard's murder,
--      March 2021; sentencing, September 2021; events of early 2022)
--    * noise: ((q*7919 + b*104729 + g*31 + m*613) % 97), scaled to -2 .. +2
------------------------------------------------------------------------------

INSERT INTO observations (metric_id, period, period_start, period_end, area, grp, value, qualifier, note, source_id)
WITH RECURSIVE
  q(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM q WHERE n < 12),
  drift(n, d) AS (VALUES
    (1, 0.0), (2, -0.5), (3, -1.0), (4, -1.5),
    (5, -2.0), (6, -3.5), (7, -4.5), (8, -6.5),
    (9, -8.0), (10, -9.0), (11, -10.0), (12, -10.5)),
  measures(metric_id, m, base, gap_factor) AS (VALUES
    ('pas.good_job',  1, 64.0, 1.0),
    ('pas.trust',     2, 78.0, 1.3),
    ('pas.fair',      3, 74.0, 1.6),
    ('pas.listen',    4, 68.0, 1.0),
    ('pas.relied_on', 5, 68.0, 0.8)),
  grps(grp, g, gap) AS (VALUES
    ('All',           1, -1.0),
    ('White British', 2,  0.0),
    ('Black',         3, -6.0),
    ('Asian',         4,  1.0),
    ('Mixed',         5, -4.0),
    ('Other',         6, -1.5)),
  boroughs(area, b) AS (
    SELECT name, row_number() OVER (ORDER BY name) FROM areas WHERE kind = 'borough'),
  cells AS (
    SELECT ms.metric_id, ms.m, ms.base, ms.gap_factor, bo.area, bo.b, gr.grp, gr.g, gr.gap, q.n, dr.d,
           2020 + (q.n - 1) / 4 AS y, (q.n - 1) % 4 + 1 AS qn
      FROM measures ms CROSS JOIN boroughs bo CROSS JOIN grps gr CROSS JOIN q
      JOIN drift dr ON dr.n = q.n)
SELECT c.metric_id,
       printf('%04d-Q%d', c.y, c.qn),
       printf('%04d-%02d-01', c.y, (c.qn - 1) * 3 + 1),
       date(printf('%04d-%02d-01', c.y, (c.qn - 1) * 3 + 1), '+3 months', '-1 day'),
       c.area,
       c.grp,
       round(max(40.0, min(95.0,
             c.base
           + ((c.b * 37 + c.m * 11) % 13) - 6
           + c.gap * c.gap_factor
           + c.d
           + ((c.n * 7919 + c.b * 104729 + c.g * 31 + c.m * 613) % 97) * 4.0 / 96.0 - 2.0)), 1),
       'exact',
       NULL,
       901
  FROM cells c
 ORDER BY c.metric_id, c.area, c.g, c.n;

-- London rows: the unweighted mean of the 32 boroughs, per measure, group and quarter.
INSERT INTO observations (metric_id, period, period_start, period_end, area, grp, value, qualifier, note, source_id)
SELECT metric_id, period, min(period_start), min(period_end), 'London', grp, round(avg(value), 1), 'exact',
       'Mean of the 32 synthetic borough values.', 901
  FROM observations
 WHERE source_id = 901 AND area <> 'London'
 GROUP BY metric_id, period, grp
 ORDER BY metric_id, grp, period;
