---@meta
-- Type stubs for the Governance Workbench pack API (LuaLS / VS Code's Lua
-- extension). Add this folder to "Lua.workspace.library" so your editor
-- completes and checks pack code. These files are never run.

---The workbench API available to every pack file.
---@class gov
---@field api integer The API level this workbench implements (packs declare `api = 1` in pack.lua).
---@field version string The workbench version, e.g. "0.1.0".
---@field param gov.param Parameter specifications for views.
---@field stats gov.stats Intervals, tests, trend and control charts.
gov = {}

---@alias gov.Polarity "higher_is_better"|"lower_is_better"|"neutral"
---@alias gov.Band "red"|"amber"|"green"|"blue"

---@class gov.Thresholds
---@field green number The value at which the indicator turns green (with `polarity`, which side is better).
---@field amber number The value at which it turns amber; beyond it, red.
---@field mode? "plain"|"significant" "plain" (default): the value decides. "significant" (noise-aware): red only when the value's interval lies wholly beyond the amber line, or its series' SPC verdict is special cause concerning; a red value whose interval or SPC limits reach back over the line is amber. Without an interval or SPC, as plain.

---@class gov.IndicatorSpec
---@field id string Unique dotted lower-case id, e.g. "trust.confidence_gap.black".
---@field title string What a board member reads.
---@field description? string A sentence on what it measures and why.
---@field unit? string "%", "pp", "per 1,000", ...
---@field polarity? gov.Polarity Which direction is better (required with `thresholds`).
---@field thresholds? gov.Thresholds RAG from the value; give this or `rag`, not both.
---@field rag? fun(value: any): gov.Band|nil Your own RAG rule.
---@field compute fun(ctx: gov.Context): gov.ComputeResult Returns a number, a series, a breakdown or the explicit table form; nil means "no data".
---@field explain? fun(value: gov.ComputeResult): string The working shown beside the value; receives what compute returned.
---@field tags? string[] Free labels for grouping.

---What compute may return (docs/INDICATORS.md):
--- - a number: the headline value;
--- - nil: "no data" (never a colour);
--- - a series: `{ ["2021-Q1"] = 61.2, ["2021-Q2"] = 60.8 }` or `{ { period = "2021-Q1", value = 61.2 }, ... }`;
--- - a breakdown: `{ Black = 12.3, ["White British"] = 4.5 }`;
--- - the explicit form, a gov.IndicatorValue.
---@alias gov.ComputeResult number|nil|table<string, number>|gov.SeriesPoint[]|gov.IndicatorValue

---@class gov.SeriesPoint
---@field period string "2021", "2021-Q1", "2021-03", "2021-03-31", "2021/22" or "2021/22-Q3".
---@field value number|nil
---@field lower? number The point's interval (give both ends or neither).
---@field upper? number
---@field n? number The count behind the point (respondents, searches).

---A breakdown group with its interval: `{ Black = { value = 61, lower = 57.1, upper = 64.8, n = 610 } }`.
---@class gov.GroupValue
---@field value number|nil
---@field lower? number
---@field upper? number
---@field n? number

---Asks the engine for the series' XmR chart (gov.stats.xmr, with the indicator's polarity): `spc = true` or these fields.
---@class gov.SpcRequest
---@field target? number A target to judge assurance against (consistently meeting, hit and miss, consistently failing).
---@field baseline? integer Limits from the first `baseline` periods of each segment (default: all of it).
---@field recalculate? string[] Periods where the process changed on purpose: each starts limits of its own.

---The explicit result form: any of these fields.
---@class gov.IndicatorValue
---@field value? number The headline (with a series: defaults to the last period's value).
---@field series? table<string, number>|gov.SeriesPoint[] Period -> value.
---@field breakdown? table<string, number|gov.GroupValue|table<string, number>> Group -> value, group -> value with interval, or group -> series.
---@field explain? string The working shown beside the value.
---@field note? string A caveat shown under the value ("provisional", "small sample").
---@field lower? number The headline's interval, lower end (give both ends or neither).
---@field upper? number The headline's interval, upper end.
---@field n? number The count behind the headline: respondents, searches, neighbourhoods.
---@field n_label? string What n counts, for the words: "neighbourhoods" reads "98 neighbourhoods".
---@field level? number The intervals' confidence, default 0.95.
---@field spc? boolean|gov.SpcRequest The series' XmR chart and verdicts (a series of at least two periods).

---An indicator's result, as ctx.indicator, t.eval and `govbench eval --format json` give it.
---@class gov.IndicatorResult
---@field id string
---@field title string
---@field unit string
---@field status "ok"|"no_data"|"error"
---@field kind "none"|"number"|"series"|"breakdown"
---@field value number|nil The headline.
---@field rag gov.Band|nil The RAG, when the indicator has thresholds or a rag function.
---@field polarity gov.Polarity
---@field series table<string, number>|nil Period -> value.
---@field breakdown table<string, number|table<string, number>>|nil Group -> value (or series).
---@field breakdown_rag table<string, gov.Band>|nil Group -> RAG, when groups are rated.
---@field lower number|nil The headline's interval.
---@field upper number|nil
---@field n number|nil
---@field n_label string|nil
---@field level number|nil The intervals' confidence, when there are intervals.
---@field intervals table<string, {lower: number, upper: number, n: number}>|nil Period or group -> its interval.
---@field spc gov.SpcSummary|nil The XmR chart, when compute asked for one.
---@field change_significant boolean|nil For a series: whether the latest change is beyond noise (SPC special cause, or intervals whose difference leaves out zero); nil when it cannot say.
---@field explain string|nil The working.
---@field note string|nil
---@field error string|nil Why it failed (status "error"), with file and line.
---@field warning string|nil A likely mistake that is not an error ("compute returned nothing: is a `return` missing?").
---@field provenance gov.Provenance Where it came from.

---@class gov.Provenance
---@field pack string
---@field pack_version string
---@field file string The file the indicator is defined in.
---@field line integer
---@field definition_hash string Changes when any file of the pack changes.
---@field data_version integer
---@field as_of string
---@field evaluated_at string UTC, ISO 8601.

---Registers an indicator. Mistakes are reported with the field, file and line.
---@param spec gov.IndicatorSpec
function gov.indicator(spec) end

---@class gov.RuleSpec
---@field id string Unique dotted id, e.g. "met.lxi4".
---@field title string
---@field description? string
---@field score? fun(r: table): number Score one assessment (r.likelihood, r.impact, any other column).
---@field band? fun(score: number, risk: table): gov.Band Band for a score; `risk` is the assessment `score` received.
---@field likelihood? string[] Likelihood labels, low to high (required for data rules; for code rules, the heat map's axis).
---@field impact? string[] Impact labels, low to high (required for data rules; for code rules, the heat map's axis).
---@field grid? gov.Band[][] Data rules: grid[likelihood][impact] = band.

---Registers a risk scoring rule: code (`score` and `band`) or data (`likelihood`, `impact`, `grid`).
---@param spec gov.RuleSpec
function gov.rule(spec) end

---@class gov.ViewSpec
---@field id string Unique dotted id, e.g. "audit_panel.risks".
---@field title string
---@field board? string The board that reads it ("Audit Panel").
---@field description? string
---@field params? table<string, gov.ParamSpec> Controls shown above the view.
---@field build fun(ctx: gov.Context, params: table): table Returns the view tree.

---Registers a board view.
---@param spec gov.ViewSpec
function gov.view(spec) end

---@class gov.TestSpec
---@field name string What the test checks, shown by `govbench pack test`.
---@field run fun(t: gov.TestContext) The test body; print() output is shown under the test's name.

---Registers a pack test.
---@param spec gov.TestSpec
function gov.test(spec) end

---@class gov.ParamSpec
---@field kind "choice"|"date"|"number"|"toggle"|"multi"
---@field default? any

---What pack.lua returns: the pack's manifest.
---@class gov.Manifest
---@field name string Lower-case letters, digits and single dashes, starting with a letter ("my-gap").
---@field version string A semantic version, "1.0.0".
---@field api integer The API level the pack is written for (this workbench: 1).
---@field title? string
---@field description? string
---@field license? string
---@field authors? string[]
---@field permissions? string[] What the pack asks to do beyond reading (shown at install).
---@field requires? table<string, string> Other packs it uses: ["met-risk"] = "^1.0".
---@field data? gov.ManifestData The tables and columns it reads (checked against the database).
---@field parameters? table<string, string|gov.ManifestParameter> Settings a database may change (`govbench setting --db DB pack.<pack>.<name> VALUE`), read with ctx.pack_param(name): name -> default, or { default =, description = }.

---@class gov.ManifestParameter
---@field default string The value when the database sets none (e.g. the table's usual name).
---@field description? string What it is, for `govbench setting --db DB` and the pack's readers.

---@class gov.ManifestData
---@field tables? string[] Tables the pack reads.
---@field columns? table<string, string[]> Table -> the columns it reads.

---@class gov.param
gov.param = {}

---A single choice from a list: gov.param.choice { "all", "short", "long", default = "all" }.
---@param spec table
---@return gov.ParamSpec
function gov.param.choice(spec) end

---A date: gov.param.date { default = "2021-12-31" }.
---@param spec table
---@return gov.ParamSpec
function gov.param.date(spec) end

---A number (a slider): gov.param.number { min = 1, max = 20, step = 1, default = 5 }.
---@param spec table
---@return gov.ParamSpec
function gov.param.number(spec) end

---On or off: gov.param.toggle { default = false }.
---@param spec table
---@return gov.ParamSpec
function gov.param.toggle(spec) end

---Several choices from a list: gov.param.multi { "Black", "Asian", "White British" }.
---@param spec table
---@return gov.ParamSpec
function gov.param.multi(spec) end

---The context passed to compute, score and build functions: the only way to
---the database (read-only; parameters are bound, never spliced).
---@class gov.Context
---@field as_of string The date the evaluation is "as at", always an ISO date ("2021-12-31"): today's unless --as-of, the window's date or a scenario gives another.
---@field period? string The period being evaluated, when there is one.
---@field params table<string, string> The view's or evaluation's parameters.
local ctx = {}

---Runs a read-only query; returns every row as a table keyed by column name (NULL columns are absent).
---@param query string SQL with ? placeholders
---@param ... nil|boolean|number|string Values bound to the placeholders
---@return table[]
function ctx.sql(query, ...) end

---Runs a read-only query; returns the first column of the first row, or nil.
---@param query string
---@param ... nil|boolean|number|string
---@return any
function ctx.value(query, ...) end

---Iterates over a large result one row at a time: `for row in ctx.rows(q) do ... end`.
---@param query string
---@param ... nil|boolean|number|string
---@return fun(): table|nil
function ctx.rows(query, ...) end

---Iterates over a large result without a table per row: each row's values are the loop's
---variables after the row number, `for i, ref, name in ctx.tuples("SELECT ref, name FROM risks") do ... end`
---(a NULL is nil; the row number keeps the loop going past a NULL first column). The statement
---is closed when the loop ends, even by break or error.
---@param query string
---@param ... nil|boolean|number|string
---@return fun(): integer?, ...
function ctx.tuples(query, ...) end

---Runs a read-only query; returns its result as columns, one array per column, and the row count:
---`local cols, n = ctx.columns_of(q)` then `for i = 1, n do ... cols.name[i] ... end`.
---Built without a table per row: the fastest way to read a large result into Lua. A NULL is a
---hole (nil) in its column, so loop to n rather than using ipairs or #.
---@param query string
---@param ... nil|boolean|number|string
---@return table<string, any[]> columns
---@return integer n
function ctx.columns_of(query, ...) end

---A value computed once per state of the database and shared by every indicator, rule and view of
---this pack that asks for `name` (at the same as_of, period and params): `build()` runs the first
---time; later calls get the same table while the database is unchanged. After an edit, if `update`
---is given and the audit log names the rows written, `update(value, changes)` brings the value up to
---date (`changes`: `{ table =, action = "insert"|"update"|"delete", row_id =, before =, after = }`
---for the tables the value read; return the value, or nil to have `build` run again); otherwise
---`build` runs again. What `build` read counts as read by every caller, so results are recomputed
---exactly when it changes. Never shared with another pack, database or date. Treat the value as
---read-only outside `update`.
---@generic T
---@param name string
---@param build fun(): T
---@param update? fun(value: T, changes: table[]): T?
---@return T
function ctx.shared(name, build, update) end

---Another indicator's result (evaluated first; cycles are reported).
---@param id string
---@return gov.IndicatorResult
function ctx.indicator(id) end

---The column names of a table or view, in order (as `govbench describe TABLE` lists them).
---An unknown table is an error naming it and the nearest tables.
---@param table string The table's name (matched without regard to case)
---@return string[]
function ctx.columns(table) end

---A parameter pack.lua declares (`parameters = { name = { default = "...", description = "..." } }`):
---the database's setting pack.<pack>.<name> (`govbench setting`) if it has one, else the default.
---An undeclared name is an error listing the declared ones.
---@param name string
---@param pack? string Another pack this one requires (default: the pack whose code is running)
---@return string
function ctx.pack_param(name, pack) end

---The object a gov.test body receives: a gov.Context on the test database
---(t.sql, t.value, t.rows, t.indicator) plus the functions below.
---@class gov.TestContext: gov.Context
local t = {}

---Evaluates an indicator on the test database; returns its result.
---@param id string
---@param options? { as_of?: string, params?: table<string, string> }
---@return gov.IndicatorResult
function t.eval(id, options) end

---Scores one position with a rule: returns { score = n, band = "red"|"amber"|"green"|"blue" }.
---@param rule string
---@param likelihood string
---@param impact string
---@param extra? table Other risk fields the rule reads.
---@return table
function t.score(rule, likelihood, impact, extra) end

---Fails the test (naming its file and line) unless actual == expected.
---@param actual any
---@param expected any
---@param msg? string
function t.eq(actual, expected, msg) end

---Fails unless |actual - expected| <= tol (default 1e-9).
---@param actual number
---@param expected number
---@param tol? number
---@param msg? string
function t.near(actual, expected, tol, msg) end

---Fails unless value is truthy.
---@param value any
---@param msg? string
function t.ok(value, msg) end

---Element constructors for board views (docs/VIEWS.md). Each returns a table
---{ type, site, ...fields, children } that the host validates and renders.
---@class gov.ui
gov.ui = {}

---Every element: its positional entries (for page, section, columns) are its children.
---@class gov.ui.Element
---@field type string
---@field site? string Where it was made ("views/risks.lua:12"), filled in by the host.

---@class gov.ui.Page: gov.ui.Element
---@field title string
---@field subtitle? string
---@field as_at? string The date (YYYY-MM-DD) the page's figures are as at: the latest data on or before `ctx.as_of`. The provenance states it apart from the production date; it may not be later than `ctx.as_of`.

---A page: `title`, `subtitle`, `as_at`; its positional entries are its elements.
---@param spec gov.ui.Page|table
---@return gov.ui.Page
function gov.ui.page(spec) end

---@class gov.ui.Section: gov.ui.Element
---@field title string

---A section with a heading (`title`); positional entries are its elements.
---@param spec gov.ui.Section|table
---@return gov.ui.Section
function gov.ui.section(spec) end

---@class gov.ui.Columns: gov.ui.Element
---@field widths? number[] Relative widths, one per child.

---Elements side by side; optional `widths` (relative).
---@param spec gov.ui.Columns|table
---@return gov.ui.Columns
function gov.ui.columns(spec) end

---@class gov.ui.Text: gov.ui.Element
---@field text string **bold**, *italic*, lines starting "- " are bullets; a blank line starts a paragraph, any other line break is kept.

---Text with markup: **bold**, *italic*, lines starting "- " are bullets.
---@param text string|gov.ui.Text
---@return gov.ui.Text
function gov.ui.text(text) end

---@class gov.ui.Tile
---@field label? string
---@field value? number|string
---@field unit? string
---@field rag? gov.Band
---@field change? number
---@field note? string
---@field indicator? string An indicator id: the tile shows its result.

---@class gov.ui.Tiles: gov.ui.Element
---@field items gov.ui.Tile[]
---@field title? string

---KPI tiles: `items` = { { label, value, unit, rag, change, note } or { indicator = "id" } }.
---@param spec gov.ui.Tiles
---@return gov.ui.Tiles
function gov.ui.tiles(spec) end

---@class gov.ui.Column
---@field key string The row field shown.
---@field label string The header.
---@field format? "text"|"number"|"integer"|"percent"|"date"|"rag"

---@class gov.ui.Table: gov.ui.Element
---@field columns gov.ui.Column[]
---@field rows table[] Rows keyed by the columns' keys.
---@field totals? table A last row (same keys).
---@field sort? string The key the rows are sorted by, as given.
---@field title? string

---A table: `columns` = { { key, label, format } } (text, number, integer, percent, date, rag), `rows`, `totals`, `sort`, `title`.
---@param spec gov.ui.Table
---@return gov.ui.Table
function gov.ui.table(spec) end

---@class gov.ui.Heatmap: gov.ui.Element
---@field rule? string A scoring rule id (default: the active rule).
---@field term? "short"|"long"
---@field show? "both"|"current"|"target"
---@field title? string

---A heat map of the register scored with `rule` (default: the active rule); `term` short/long; `show` both/current/target.
---@param spec gov.ui.Heatmap
---@return gov.ui.Heatmap
function gov.ui.heatmap(spec) end

---@class gov.ui.ChartSeries
---@field name string
---@field points { label: string, value: number, lower?: number, upper?: number }[] A point may carry its interval (both ends): a whisker on a bar, a shaded band under a line.

---@class gov.ui.Chart: gov.ui.Element
---@field kind "line"|"bar"|"stacked_bar"|"spc"
---@field series? gov.ui.ChartSeries[] Required except for kind "spc" with `indicator`.
---@field indicator? string With kind "spc": the indicator whose XmR chart to draw (its compute returns a series with `spc = ...`); the host fills in the series, limits, special-cause marks, target and verdicts.
---@field target? number A dashed target line.
---@field unit? string
---@field level? number The points' intervals' confidence (default 0.95), said in the tooltips.
---@field title? string

---A chart: `kind` line/bar/stacked_bar, `series` = { { name, points = { { label, value } } } }, `target`, `unit`, `title`; a point with `lower`/`upper` gets a whisker (bar) or a band (line), and `level` says their confidence; or `kind = "spc", indicator = "id"`: an XmR chart (mean, process limits, special causes), the same on screen and on paper.
---@param spec gov.ui.Chart
---@return gov.ui.Chart
function gov.ui.chart(spec) end

---@class gov.ui.RagSummary: gov.ui.Element
---@field counts { red?: integer, amber?: integer, green?: integer, blue?: integer }
---@field title? string

---Counts by band: `counts` = { red = n, amber = n, green = n }, `title`.
---@param spec gov.ui.RagSummary
---@return gov.ui.RagSummary
function gov.ui.rag_summary(spec) end

---@class gov.ui.Link: gov.ui.Element
---@field text string
---@field view string The view to open.
---@field params? table<string, any> Its parameters.

---A drill-down to another view: `text`, `view`, `params`.
---@param spec gov.ui.Link
---@return gov.ui.Link
function gov.ui.link(spec) end

-- The sandbox's versions of three standard functions (the rest are Lua's own).

---Sets a table's metatable, as in Lua, except that a metatable with a `__gc`
---field (a finalizer) is refused with an error: finalizers would run outside
---any call and its time budget.
---@generic T: table
---@param t T
---@param mt table|nil
---@return T
function setmetatable(t, mt) end

---`s` repeated `n` times, separated by `sep`, as in Lua; refused with an error
---when the result would be larger than the pack's memory cap.
---@param s string
---@param n integer
---@param sep? string
---@return string
function string.rep(s, n, sep) end

---Moves `a1[f..e]` to `a2[t..]`, as in Lua; refused with an error when more
---elements are asked for than the pack's memory could hold.
---@param a1 table
---@param f integer
---@param e integer
---@param t integer
---@param a2? table
---@return table
function table.move(a1, f, e, t, a2) end

---An XmR chart in a result (ctx.indicator, `govbench eval --format json`).
---@class gov.SpcSummary
---@field mean number The latest segment's mean.
---@field lcl number Its lower process limit.
---@field ucl number Its upper process limit.
---@field variation gov.Variation
---@field variation_words string "Common cause variation", "Special cause: concerning", ...
---@field assurance? gov.Assurance
---@field assurance_words? string
---@field target? number
---@field segments {from: integer, to: integer, mean: number, moving_range: number, lcl: number, ucl: number}[]
---@field special {point: integer, rules: string[], direction: "high"|"low"}[] The special-cause points (1-based).

-- ---- gov.stats -------------------------------------------------------------
-- Pure functions of numbers, checked against scipy/statsmodels to 1e-6.
-- A bad argument is an error naming the call: "gov.stats.wilson: x must be
-- between 0 and n (10), not 12 (indicators/gap.lua:7)". `level` is the
-- confidence, between 0 and 1 (default 0.95). See docs/INDICATORS.md,
-- "Uncertainty", for which to use when.

---@alias gov.Variation "common_cause"|"special_cause_improving"|"special_cause_concerning"|"special_cause_high"|"special_cause_low"
---@alias gov.Assurance "consistently_meeting"|"hit_and_miss"|"consistently_failing"

---@class gov.stats
gov.stats = {}

---@class gov.stats.Interval
---@field estimate number The point estimate (a proportion 0..1, a difference, a ratio or a mean).
---@field lower number
---@field upper number
---@field level number

---@class gov.stats.ProportionInterval: gov.stats.Interval
---@field n number

---Wilson score interval for a proportion x of n (x may be fractional, e.g. a published percentage times its base). The default for survey shares.
---@param x number
---@param n number
---@param level? number
---@return gov.stats.ProportionInterval
function gov.stats.wilson(x, n, level) end

---Clopper-Pearson ("exact") interval for x of n, whole counts. Conservative; for small counts and published "exact" figures.
---@param x integer
---@param n integer
---@param level? number
---@return gov.stats.ProportionInterval
function gov.stats.clopper_pearson(x, n, level) end

---@class gov.stats.Difference: gov.stats.Interval
---@field p1 number x1 / n1
---@field p2 number x2 / n2
---@field z number The pooled two-proportion z statistic (p1 = p2).
---@field p_value number Its two-sided p-value.

---The difference p1 - p2 of two independent proportions (a survey gap) with its interval (Newcombe's hybrid score, or "wald") and the two-sample z test.
---@param x1 number
---@param n1 number
---@param x2 number
---@param n2 number
---@param options? {level?: number, method?: "newcombe"|"wald"}
---@return gov.stats.Difference
function gov.stats.proportion_diff(x1, n1, x2, n2, options) end

---@class gov.stats.RateRatio: gov.stats.Interval
---@field rate1 number x1 / e1
---@field rate2 number x2 / e2
---@field z number The score test statistic of equal rates.
---@field p_value number Its two-sided p-value.

---The ratio of two rates (x1 / e1) / (x2 / e2), counts Poisson over fixed exposures (populations): the log-method interval and the score test. Disproportionality.
---@param x1 number Events in group 1 (at least 1).
---@param e1 number Its exposure (population).
---@param x2 number
---@param e2 number
---@param level? number
---@return gov.stats.RateRatio
function gov.stats.rate_ratio(x1, e1, x2, e2, level) end

---@class gov.stats.Mean: gov.stats.Interval
---@field sd number The sample standard deviation.
---@field n integer

---The mean of at least two values with its Student t interval. `values`: a list, or a series keyed by period.
---@param values number[]|table<string, number>
---@param level? number
---@return gov.stats.Mean
function gov.stats.mean(values, level) end

---@class gov.stats.Median: gov.stats.Interval
---@field coverage number The interval's actual confidence: at least `level`, unless n is too small for it (n < 6 at 95%), when the interval is the whole range.
---@field n integer

---The median with its distribution-free interval from order statistics (no assumption about the values' distribution). `values`: a list, or a series keyed by period.
---@param values number[]|table<string, number>
---@param level? number
---@return gov.stats.Median
function gov.stats.median(values, level) end

---@class gov.stats.MannKendall
---@field s number
---@field variance number With the tie correction.
---@field z number With a continuity correction of 1.
---@field p_value number Two-sided.
---@field tau number S / (n(n-1)/2).
---@field slope number Sen's slope, per step.
---@field intercept number median(values) - slope * median(step), steps from 0.
---@field trend "increasing"|"decreasing"|"no trend" At alpha.
---@field n integer

---Mann-Kendall test of a monotonic trend in values at equal steps, with Sen's slope. `values`: a list, or a series keyed by period (taken in period order).
---@param values number[]|table<string, number>
---@param alpha? number Default 0.05.
---@return gov.stats.MannKendall
function gov.stats.mann_kendall(values, alpha) end

---@class gov.stats.XmrPoint
---@field value number
---@field period? string When the values were a series.
---@field mean number Its segment's mean.
---@field lcl number
---@field ucl number
---@field special boolean Marked by any rule.
---@field rules ("beyond"|"shift"|"trend"|"near")[] beyond the limits; a run of 7 on one side; a run of 6 rising or falling; 2 of 3 in the outer third.
---@field direction? "high"|"low"

---@class gov.stats.Xmr
---@field points gov.stats.XmrPoint[]
---@field segments {from: integer, to: integer, mean: number, moving_range: number, lcl: number, ucl: number}[]
---@field mean number The latest segment's.
---@field lcl number
---@field ucl number
---@field variation gov.Variation From the latest point.
---@field variation_words string
---@field assurance? gov.Assurance With a target and a polarity.
---@field assurance_words? string
---@field target? number

---XmR (individuals) chart, NHS "Making Data Count": limits mean +/- 2.66 x mean moving range; special-cause rules; variation and assurance verdicts.
---@param values number[]|table<string, number> A list, or a series keyed by period.
---@param options? {baseline?: integer, recalculate?: (integer|string)[], polarity?: gov.Polarity, target?: number}
---@return gov.stats.Xmr
function gov.stats.xmr(values, options) end
