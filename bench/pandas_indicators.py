#!/usr/bin/env python3
"""The bundled indicators, computed the way an analyst without the workbench
would: read the governance database's tables into pandas and work on the
data frames. This is the benchmark's peer (case 1), so every indicator
follows its Lua definition in scripts/ faithfully; `--check` compares the
numbers with `govbench eval --format json` so the comparison stays honest.

  pandas_indicators.py --db FILE [--as-of DATE]            print the results as JSON
  pandas_indicators.py --check --govbench BIN --db FILE [--as-of DATE]
                                                          compare with govbench eval; exit 1 on a difference
  pandas_indicators.py --check --govbench BIN --demo [--real DIR]
                                                          the same on a fresh demo database, with the real
                                                          CSVs of DIR imported (so every indicator has data)

Only values are computed (value, breakdown, series), not the working text
or the RAG: those are presentation, and the engine's share of them is small.
"""
import argparse
import json
import math
import os
import sqlite3
import subprocess
import sys
import tempfile

try:
    import numpy as np
    import pandas as pd
except ImportError:  # CTest reads 77 as "skipped": pandas is for benchmarks only
    print("pandas_indicators: python3-pandas is not installed (tools/install-deps.sh --bench)", file=sys.stderr)
    sys.exit(77)

QUARTER_RE = r"^\d{4}-Q[1-4]$"
ORD = {"VL": 1, "L": 1, "M": 2, "H": 3, "VH": 4}


def percent(part, whole):
    """stats.percent: rounded to 0.1, None when whole is 0."""
    if whole == 0:
        return None
    return math.floor(part * 1000 / whole + 0.5) / 10


def round1(x):
    """SQLite's round(x, 1)."""
    return np.sign(x) * np.floor(np.abs(x) * 10 + 0.5) / 10


def median(values):
    values = sorted(values)
    n = len(values)
    if n == 0:
        return None
    return values[n // 2] if n % 2 else (values[n // 2 - 1] + values[n // 2]) / 2


def band(score):
    return "red" if score >= 12 else "amber" if score >= 5 else "green"


class Data:
    """The tables, read whole (as pd.read_sql would in a notebook)."""

    def __init__(self, path):
        self.con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        names = set(pd.read_sql_query("SELECT name FROM sqlite_master WHERE type = 'table'", self.con)["name"])
        self.has = names.__contains__
        self.cache = {}

    def table(self, name):
        if name not in self.cache:
            self.cache[name] = pd.read_sql_query(f'SELECT * FROM "{name}"', self.con)
        return self.cache[name]


def latest_by(df, key, order):
    """Per `key`, the row with the greatest `order` (SQL: ORDER BY order DESC LIMIT 1)."""
    if df.empty:
        return df
    return df.sort_values(order + ["id"], kind="mergesort").groupby(key, sort=False).tail(1)


# --- met-risk ---------------------------------------------------------------

def positions(d, as_of):
    risks = d.table("risks")
    a = d.table("risk_assessments")
    a = latest_by(a[a["as_of"] <= as_of], "risk_id", ["as_of"])
    t = d.table("risk_targets")
    t = latest_by(t[t["as_of"] <= as_of], "risk_id", ["as_of"])
    t = t[["risk_id", "likelihood", "impact"]].rename(columns={"likelihood": "target_likelihood", "impact": "target_impact"})
    rows = risks[["id", "ref", "name", "term"]].merge(a[["risk_id", "likelihood", "impact", "trend", "progress"]],
                                                     left_on="id", right_on="risk_id")
    rows = rows.drop(columns="risk_id").merge(t, left_on="id", right_on="risk_id", how="left")
    rows = rows.sort_values("ref")
    rows["score"] = rows["likelihood"].map(ORD) * rows["impact"].map(ORD)
    return rows


def quarter_end(period):
    y, q = int(period[:4]), int(period[6])
    return str(pd.Timestamp(year=y, month=q * 3, day=1) + pd.offsets.MonthEnd(0))[:10]


def controls(d, as_of):
    c = d.table("controls")
    p = d.table("control_progress").copy()
    if p.empty or c.empty:
        return pd.DataFrame(columns=["ref", "progress"])
    known = p["period_end"].where(p["period_end"].notna(), p["period"].map(quarter_end))
    p = latest_by(p[known <= as_of], "control_id", ["period"])
    risks = d.table("risks")[["id", "ref"]].rename(columns={"id": "risk_id"})
    rows = c[["id", "risk_id", "seq"]].merge(risks, on="risk_id").merge(
        p[["control_id", "progress"]], left_on="id", right_on="control_id")
    return rows


def met_risk(d, as_of, out):
    pos = positions(d, as_of)
    if len(pos):
        out["risk.count"] = {"value": len(pos)}
        out["risk.score"] = {"breakdown": {str(r): float(s) for r, s in zip(pos["ref"], pos["score"])}}
        bands = pos["score"].map(band).value_counts()
        out["risk.band_count"] = {"breakdown": {b: int(bands.get(b, 0)) for b in ("red", "amber", "green")}}
        out["risk.worsening"] = {"value": int((pos["trend"] == "worsening").sum())}
        prog = pos["progress"].fillna("not_stated").value_counts()
        out["risk.progress_count"] = {"breakdown": {p: int(prog.get(p, 0)) for p in
                                                    ("on_track", "limited", "slipped", "no_progress", "not_stated")}}
        tg = pos[pos["target_likelihood"].notna() & pos["target_impact"].notna()]
        if len(tg):
            dist = (tg["score"] - tg["target_likelihood"].map(ORD) * tg["target_impact"].map(ORD)).clip(lower=0)
            out["risk.target_distance"] = {"value": float(dist.sum()) / len(tg)}
            out["risk.far_from_target"] = {"value": int((dist > 4).sum())}
    obs = d.table("observations")
    rc = obs[(obs["metric_id"] == "risk.rag_count") & (obs["area"] == "London")]
    known = rc["period_end"].where(rc["period_end"].notna(), rc["period_start"])
    rc_known = rc.assign(known=known)[known <= as_of]
    if len(rc_known):
        period = rc_known.sort_values("known", kind="mergesort")["period"].iloc[-1]
        rows = rc[rc["period"] == period]
        out["risk.rag_count"] = {"breakdown": dict(zip(rows["grp"], rows["value"].astype(float)))}
    ctl = controls(d, as_of)
    if len(ctl):
        counts = ctl.groupby(["ref", "progress"]).size().unstack(fill_value=0)
        for s in ("on_track", "limited", "slipped", "no_progress"):
            if s not in counts:
                counts[s] = 0
        total = counts.sum(axis=1)
        out["risk.controls.on_track_by_risk"] = {
            "breakdown": {str(r): 100 * counts.loc[r, "on_track"] / total[r] for r in counts.index}}
        out["risk.controls.on_track"] = {"value": 100 * counts["on_track"].sum() / total.sum()}
        out["risk.controls.slipped"] = {"value": int(((counts["slipped"] + counts["no_progress"]) > 0).sum())}


# --- stop-search ------------------------------------------------------------

GROUPS = ["White", "Black", "Asian", "Other"]
NFA = ["Nothing found - no further action", "A no further action disposal"]
ARREST = ["Suspect arrested", "Arrest"]
CENSUS = {
    "All": ["Ethnic Group: All usual residents; measures: Value"],
    "White": ["Ethnic Group: White; measures: Value"],
    "Black": ["Ethnic Group: Black/African/Caribbean/Black British; measures: Value"],
    "Asian": ["Ethnic Group: Asian/Asian British; measures: Value"],
    "Other": ["Ethnic Group: Mixed/multiple ethnic groups; measures: Value",
              "Ethnic Group: Other ethnic group; measures: Value"],
}


def blank_to_none(s):
    s = s.astype("string").str.strip(" ")
    return s.mask(s == "")


def stop_search(d, as_of, out):
    if not (d.has("stop_search") and d.has("census_ethnicity")):
        return
    s = d.table("stop_search")
    date = s["Date"].astype("string")
    s = s[date.isna() | (date.str[:10] <= as_of)]
    eth, outcome = blank_to_none(s["Officer-defined ethnicity"]), blank_to_none(s["Outcome"])
    f = pd.DataFrame({"eth": eth.fillna("\0blank"), "has": outcome.notna(),
                      "pos": outcome.notna() & ~outcome.isin(NFA), "arr": outcome.isin(ARREST).fillna(False)})
    g = f.groupby("eth").agg(searches=("has", "size"), with_outcome=("has", "sum"), positive=("pos", "sum"),
                             arrests=("arr", "sum"))
    all_ = g.sum()
    if all_.get("searches", 0) == 0:
        return
    census = d.table("census_ethnicity")
    if census.empty:
        return
    pop = {k: sum(census[c].sum() for c in cols) for k, cols in CENSUS.items()}
    rates = {}
    for grp in GROUPS:
        n = g.loc[grp, "searches"] if grp in g.index else 0
        if pop[grp] and pop[grp] > 0:
            rates[grp] = 1000 * n / pop[grp]
    if pop["All"] > 0:
        out["stop_search.rate_per_1000"] = {"breakdown": rates, "value": 1000 * all_["searches"] / pop["All"]}
    if rates.get("White") and "Black" in rates:
        out["stop_search.disproportionality.black_white"] = {"value": rates["Black"] / rates["White"]}
    if all_["with_outcome"] > 0:
        for ind, field in (("stop_search.positive_outcome_rate", "positive"), ("stop_search.arrest_rate", "arrests")):
            shares = {grp: 100 * g.loc[grp, field] / g.loc[grp, "with_outcome"]
                      for grp in GROUPS if grp in g.index and g.loc[grp, "with_outcome"] > 0}
            out[ind] = {"breakdown": shares, "value": 100 * all_[field] / all_["with_outcome"]}


# --- trust-confidence ---------------------------------------------------------

MEASURES = ["good_job", "trust", "fair", "listen", "relied_on"]
RATING_LABELS = {"substantial": "Substantial", "adequate": "Adequate", "limited": "Limited",
                 "no_assurance": "No assurance"}
STATUS_LABELS = {"complete": "Complete", "in_progress": "In progress", "planned": "Planned", "on_hold": "On hold",
                 "withdrawn": "Withdrawn", None: "No status reported"}
FIGURES = [
    ("Gross misconduct hearings concluded", "misconduct.gm_hearings_concluded"),
    ("Gross misconduct hearings held", "misconduct.gm_hearings_held"),
    ("Officers suspended", "misconduct.officers_suspended"),
    ("Officers dismissed for gross misconduct", "misconduct.dismissed_gm"),
    ("Cases fast-tracked in the public interest", "misconduct.fast_tracked"),
]
GROUP_QUESTIONS = {
    "fair": ("The police in your area treat everyone fairly regardless of who they are",
             "% Strongly agree/Tend to agree"),
}
Y2016_COLUMNS = {
    "good_job": "Taking everything into account how good a job do you think the police in your area are doing? | "
                "% Excellent or Good",
    "relied_on": "The police can be relied upon to be there when needed | % Strongly Agree or Tend to agree",
    "fair": "The police treat everyone fairly regardless of who they are | % Strongly Agree or Tend to agree",
    "listen": "The police listen to the concerns of local people | % Strongly Agree or Tend to agree",
}


def quarterly(obs, as_of):
    """PAS rows: calendar-quarter periods ending by the date."""
    q = obs[obs["metric_id"].str.startswith("pas.")]
    return q[q["period"].str.match(QUARTER_RE) & (q["period_end"] <= as_of)]


def gaps(q, metric, grp):
    """grp minus White British per area and quarter (the SQL self-join)."""
    m = q[q["metric_id"] == metric]
    g = m[m["grp"] == grp][["area", "period", "value"]]
    c = m[m["grp"] == "White British"][["area", "period", "value"]]
    j = g.merge(c, on=["area", "period"], suffixes=("", "_c"))
    j["gap"] = round1(j["value"] - j["value_c"])
    return j


def numeric(col):
    return pd.to_numeric(col, errors="coerce")


def trust_confidence(d, as_of, out):
    obs = d.table("observations")
    sources = d.table("sources")
    q = quarterly(obs, as_of)
    all_obs = obs[obs["metric_id"].str.startswith("pas.")]
    for key in MEASURES:
        metric = "pas." + key
        s = q[(q["metric_id"] == metric) & (q["area"] == "London") & (q["grp"] == "All")].sort_values("period")
        if len(s):
            out["trust.pas." + key] = {"series": list(zip(s["period"], s["value"].astype(float)))}
        lq = q[(q["metric_id"] == metric) & (q["area"] == "London")]
        if len(lq):
            period = lq["period"].max()
            rows = all_obs[(all_obs["metric_id"] == metric) & (all_obs["area"] == "London") &
                           (all_obs["period"] == period) & (all_obs["grp"] != "All")]
            if len(rows):
                out["trust.pas." + key + ".by_group"] = {"breakdown": dict(zip(rows["grp"], rows["value"].astype(float)))}
    for key, grp in (("black", "Black"), ("asian", "Asian")):
        j = gaps(q, "pas.fair", grp)
        london = j[j["area"] == "London"].sort_values("period")
        if len(london):
            out["trust.confidence_gap." + key] = {"series": list(zip(london["period"], london["gap"].astype(float)))}
        areas = j[j["area"] != "London"].sort_values("period").groupby("area").tail(1)
        if len(areas):
            br = dict(zip(areas["area"], areas["gap"].astype(float)))
            out["trust.confidence_gap." + key + ".by_area"] = {"breakdown": br, "value": median(list(br.values()))}
    j = gaps(q, "pas.fair", "Black")
    j = j[j["area"] != "London"]
    if len(j):
        per = j.assign(wide=j["gap"] < -10).groupby("period").agg(areas=("wide", "size"), wide=("wide", "sum"))
        kept = per[per["areas"] * 2 >= per["areas"].max()]
        if len(kept):
            out["trust.confidence_gap.black.wide_share"] = {
                "series": [(p, percent(int(r.wide), int(r.areas))) for p, r in kept.iterrows()]}

    if d.has("pas_neighbourhood_groups") and as_of >= "2021-03-31":
        t = d.table("pas_neighbourhood_groups")
        q_text, measure = GROUP_QUESTIONS["fair"]
        c = numeric(t[f"{q_text} | White British | {measure}"])
        wide = total = 0
        for key, grp in (("black", "Black"), ("asian", "Asian")):
            g = numeric(t[f"{q_text} | {grp} | {measure}"])
            ok = t["neighbourhood"].notna() & g.notna() & c.notna()
            br = dict(zip(t.loc[ok, "neighbourhood"], (g - c)[ok].astype(float)))
            if br:
                out[f"trust.confidence_gap.{key}.neighbourhood"] = {"breakdown": br, "value": median(list(br.values()))}
                if key == "black":
                    total, wide = len(br), sum(v < -10 for v in br.values())
        if total:
            out["trust.confidence_gap.black.neighbourhood_wide_share"] = {"value": percent(wide, total)}
    if d.has("pas_2016") and as_of >= "2016-12-31":
        t = d.table("pas_2016")
        for key, col in Y2016_COLUMNS.items():
            v = numeric(t[col])
            ok = t["Neighbourhood"].notna() & v.notna()
            br = dict(zip(t.loc[ok, "Neighbourhood"], v[ok].astype(float)))
            if br:
                out[f"trust.pas.{key}.neighbourhood"] = {"breakdown": br, "value": median(list(br.values()))}

    # Misconduct: the latest London-wide figure known by the date.
    m = obs[(obs["area"] == "London") & (obs["grp"] == "All") & obs["metric_id"].str.startswith("misconduct.")]
    m = m.merge(sources[["id", "published"]].rename(columns={"id": "source_id"}), on="source_id")
    m = m.assign(known=m["period_end"].where(m["period_end"].notna(), m["published"]))
    m = m[m["known"].notna() & (m["known"] <= as_of)]
    for ind, suffix in (("trust.misconduct.throughput", ""), ("trust.misconduct.change", "_change")):
        br = {}
        for label, metric in FIGURES:
            rows = m[m["metric_id"] == metric + suffix].sort_values(["known", "period"])
            if len(rows):
                br[label] = float(rows["value"].iloc[-1])
        if br:
            out[ind] = {"breakdown": br}

    # DARA audits.
    a = d.table("audits")
    a = a[(a["kind"] == "DARA") & a["rating"].notna() & (a["reported"].isna() | (a["reported"] <= as_of))]
    if len(a):
        weak = a["rating"].isin(["limited", "no_assurance"]).sum()
        out["trust.audit.limited_share"] = {"value": percent(int(weak), len(a))}
        counts = a["rating"].value_counts()
        out["trust.audit.assurance_profile"] = {
            "breakdown": {label: int(counts.get(r, 0)) for r, label in RATING_LABELS.items()}}

    # Statement of Internal Control survey.
    sr = d.table("survey_results")
    fy_end = (sr["year"].str[:4].astype(int) + 1).astype(str) + "-03-31"
    years = sr.loc[fy_end <= as_of, "year"]
    if len(years):
        year = years.max()
        prev = f"{int(year[:4]) - 1:04d}/{int(year[:4]) % 100:02d}"
        sq = d.table("survey_questions")[["id", "number"]].rename(columns={"id": "question_id"})
        res = sr.merge(sq, on="question_id")
        now = dict(zip(res.loc[res["year"] == year, "number"], res.loc[res["year"] == year, "yes_pct"]))
        before = dict(zip(res.loc[res["year"] == prev, "number"], res.loc[res["year"] == prev, "yes_pct"]))
        if now:
            out["trust.sic.yes_by_question"] = {"breakdown": {f"Q{n:02d}": float(v) for n, v in now.items()}}
        change = {f"Q{n:02d}": float(v - before[n]) for n, v in now.items() if n in before}
        if change:
            out["trust.sic.yes_change"] = {"breakdown": change}

    # Governance Improvement Plan.
    areas = d.table("improvement_areas")
    actions = d.table("improvement_actions")
    begun = areas[areas["id"].isin(actions["area_id"]) &
                  ((areas["year"].str[:4].astype(int)).map(lambda y: f"{y:04d}-04-01") <= as_of)]
    if len(begun):
        year = begun["year"].max()
        year_actions = actions[actions["area_id"].isin(areas.loc[areas["year"] == year, "id"])]
        rated = year_actions[year_actions["rag"].notna() &
                             (year_actions["update_as_of"].isna() | (year_actions["update_as_of"] <= as_of))]
        if len(rated):
            counts = rated["rag"].value_counts()
            labels = {"red": "Red", "amber": "Amber", "green": "Green", "blue": "Blue (complete)"}
            out["trust.gip.actions_by_rag"] = {"breakdown": {lab: int(counts.get(r, 0)) for r, lab in labels.items()}}
        if len(year_actions):
            links = d.table("improvement_area_principles")
            per = year_actions[["area_id"]].merge(links, on="area_id")["principle"].value_counts()
            letters = d.table("cipfa_principles")["letter"]
            out["trust.gip.actions_by_principle"] = {"breakdown": {p: int(per.get(p, 0)) for p in letters}}

    # Rebuilding Trust priorities.
    plans = d.table("action_plans")
    plans = plans[plans["code"].isin(["RBT", "RBT2"]) & (plans["published"].isna() | (plans["published"] <= as_of))]
    items = d.table("action_items")
    items = items[items["plan_id"].isin(plans["id"]) & items["parent_id"].isna()]
    if len(items):
        u = d.table("action_updates")
        u = u[u["status"].notna() & (u["as_of"] <= as_of)]
        latest = u.sort_values(["as_of", "id"]).groupby("item_id").tail(1).set_index("item_id")["status"]
        status = items["id"].map(latest)
        status = status.where(status.notna(), items["status"])
        status = status.astype(object).where(status.notna(), None)
        counts = {label: 0 for label in STATUS_LABELS.values()}
        for s in status:
            counts[STATUS_LABELS[s]] += 1
        out["trust.rbt.status"] = {"breakdown": counts, "value": int((status == "complete").sum())}
        due = items["due"].notna() & (items["due"] <= as_of) & (status != "withdrawn")
        if due.sum():
            out["trust.rbt.delivered_vs_due"] = {"value": percent(int((due & (status == "complete")).sum()),
                                                                  int(due.sum()))}


def compute(db, as_of):
    d = Data(db)
    out = {}
    met_risk(d, as_of, out)
    stop_search(d, as_of, out)
    trust_confidence(d, as_of, out)
    return out


# --- check mode ---------------------------------------------------------------

def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)


def check(ours, govbench_json):
    """Differences between our numbers and govbench's, as lines of text."""
    problems = []
    theirs = {r["id"]: r for r in govbench_json}
    for ind, r in sorted(theirs.items()):
        mine = ours.get(ind)
        if r.get("status") == "error":
            problems.append(f"{ind}: govbench failed: {r.get('error')}")
            continue
        if r.get("status") != "ok":
            if mine is not None:
                problems.append(f"{ind}: govbench has no data, pandas has {mine}")
            continue
        if mine is None:
            problems.append(f"{ind}: pandas has no data, govbench has a result")
            continue
        if "value" in mine and not close(mine["value"], r.get("value")):
            problems.append(f"{ind}: value {mine['value']} (pandas) vs {r.get('value')} (govbench)")
        for part in ("breakdown", "series"):
            if part not in mine:
                continue
            want = dict(mine[part]) if part == "series" else mine[part]
            got = r.get(part) or {}
            if not isinstance(got, dict):
                problems.append(f"{ind}: govbench's {part} is not an object")
                continue
            if set(got) != set(want):
                problems.append(f"{ind}: {part} keys differ: pandas {sorted(want)[:6]}... vs govbench {sorted(got)[:6]}...")
                continue
            for k, v in want.items():
                if not close(v, got[k]):
                    problems.append(f"{ind}: {part} {k}: {v} (pandas) vs {got[k]} (govbench)")
    for ind in sorted(set(ours) - set(theirs)):
        problems.append(f"{ind}: pandas computes an indicator govbench does not have")
    return problems, len(theirs)


# The real files and how the bundled packs' READMEs import them.
REAL_IMPORTS = [
    ("2016-06-metropolitan-stop-and-search.csv", "stop_search", 1),
    ("census-2011-ethnic-groups-by-output-area.csv", "census_ethnicity", 1),
    ("2015-16_to_2020-21_inclusive_neighbourhood_indicators.csv", "pas_neighbourhood_groups", 3),
    ("2016-police-perceptions.csv", "pas_2016", 2),
]


def make_demo(govbench, folder, real):
    db = os.path.join(folder, "demo.db")
    subprocess.run([govbench, "init-demo", db], check=True, capture_output=True)
    if real:
        for name, table, header_rows in REAL_IMPORTS:
            path = os.path.join(real, name)
            if not os.path.exists(path):
                raise SystemExit(f"pandas_indicators: {path} is missing")
            subprocess.run([govbench, "import", path, "--db", db, "--table", table, "--header-rows", str(header_rows)],
                           check=True, capture_output=True)
    return db


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db")
    ap.add_argument("--demo", action="store_true", help="check on a fresh demo database (with --check)")
    ap.add_argument("--real", help="with --demo: import the real CSVs of this folder first")
    ap.add_argument("--as-of", default="2022-12-31")
    ap.add_argument("--check", action="store_true", help="compare with govbench eval --format json")
    ap.add_argument("--govbench", help="the govbench binary (for --check)")
    args = ap.parse_args()
    if args.check and not args.govbench:
        ap.error("--check needs --govbench BIN")
    if args.demo:
        if not args.check:
            ap.error("--demo goes with --check")
        with tempfile.TemporaryDirectory(prefix="govbench-pandas-") as folder:
            args.db = make_demo(args.govbench, folder, args.real)
            return check_db(args)
    if not args.db:
        ap.error("give --db FILE (or --check --demo)")
    if not args.check:
        json.dump(compute(args.db, args.as_of), sys.stdout, default=float)
        print()
        return 0
    return check_db(args)


def check_db(args):
    ours = compute(args.db, args.as_of)
    run = subprocess.run([args.govbench, "eval", "--db", args.db, "--as-of", args.as_of, "--format", "json"],
                         capture_output=True, text=True)
    if run.returncode != 0:
        print(f"pandas_indicators: govbench eval failed ({run.returncode}): {run.stderr}", file=sys.stderr)
        return 1
    problems, n = check(ours, json.loads(run.stdout))
    for p in problems:
        print("pandas_indicators: " + p, file=sys.stderr)
    print(f"pandas_indicators: {n} indicators compared, {sum(1 for _ in ours)} with data in pandas, "
          f"{len(problems)} difference(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
