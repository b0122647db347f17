# snippet: timeout=60
"""A work budget: how much work one run may do, derived from its input, checked after the run."""

import functools

import fix
import reproduce
from _data import load_orders, reference_db

REF = fix.REF


# --8<-- [start:budget]
def over_budget(work, orders) -> list[str]:
    """Each stage runs once; each reference table gets one query that returns exactly one row per key."""
    customer_keys = orders["customer_id"].nunique()
    fx_keys = len(orders[["currency", "order_date"]].drop_duplicates())
    most = {"enrich runs": 1, "order rows enriched": len(orders), "customers queries": 1, "fx_rates queries": 1}
    exactly = {"customers rows fetched": customer_keys, "fx_rates rows fetched": fx_keys}
    problems = [f"{k} {work[k]:,} > {limit:,}" for k, limit in most.items() if work[k] > limit]
    problems += [f"{k} {work[k]:,} != {want:,}" for k, want in exactly.items() if work[k] != want]
    # A counter nobody gave a limit is a failure too: a new lookup must be budgeted before it ships.
    problems += [f"{k} {work[k]:,}: no limit" for k in sorted(work) if k not in most | exactly]
    return problems


# --8<-- [end:budget]


def run_cached():
    # The quick fix: memoize the two lookups, leave the pipeline's shape alone.
    reproduce.segment_for = functools.lru_cache(maxsize=None)(reproduce.segment_for)
    reproduce.eur_rate = functools.lru_cache(maxsize=None)(reproduce.eur_rate)
    reproduce.build_reports()


def run_two_lists(orders):
    # My first set-based version: the same parameters, matched as two independent lists.
    fix.RATES_SQL = """SELECT currency, rate_date AS order_date, rate_to_eur FROM fx_rates
        WHERE currency = ANY(?) AND rate_date = ANY(?)"""
    fix.build_reports(fix.enrich(orders))


def run_missing_reference(orders):
    # The fixed pipeline against reference data that lost a customer and one GBP rate.
    con = reference_db()
    con.execute("DELETE FROM customers WHERE customer_id = 'C003'")
    con.execute("DELETE FROM fx_rates WHERE currency = 'GBP' AND rate_date = DATE '2026-06-05'")
    fix.REF = reproduce.CountedConnection(con, fix.work)
    try:
        fix.build_reports(fix.enrich(orders))
    finally:
        fix.REF = REF


def run_new_lookup(orders):
    # Next quarter someone adds a region lookup to the fixed pipeline, and no limit for it.
    fix.REF.con.execute("CREATE OR REPLACE TABLE regions AS SELECT customer_id, 'EMEA' AS region FROM customers")
    enriched = fix.enrich(orders)
    keys = [sorted(orders["customer_id"].unique())]
    regions = fix.REF.query("SELECT * FROM regions WHERE customer_id = ANY(?)", keys)
    fix.build_reports(enriched.merge(regions, on="customer_id", how="left", validate="many_to_one"))


# --8<-- [start:check]
orders = load_orders()
rerun = orders[orders["amount"] >= 850].reset_index(drop=True)  # a rerun of the large orders only
variants = {
    "per-row lookups": (orders, reproduce.work, reproduce.build_reports),
    "lru_cache added": (orders, reproduce.work, run_cached),
    "enrich once": (orders, fix.work, lambda: fix.build_reports(fix.enrich(orders))),
    "enrich once, rerun": (rerun, fix.work, lambda: fix.build_reports(fix.enrich(rerun))),
    "C003, a GBP rate gone": (orders, fix.work, lambda: run_missing_reference(orders)),
    "region lookup added": (orders, fix.work, lambda: run_new_lookup(orders)),
    "two ANY lists, rerun": (rerun, fix.work, lambda: run_two_lists(rerun)),
}
for name, (given, work, run) in variants.items():
    work.clear()
    try:
        run()
        problems = over_budget(work, given)
    except LookupError as error:  # the merge guard stops the run; the budget reads its counters anyway
        problems = [f"raised LookupError: {error}", *over_budget(work, given)]
    print(f"{name:<21} {len(given):>4} orders  {'PASS' if not problems else 'FAIL'}")
    for problem in problems:
        print(f"    {problem}")
# --8<-- [end:check]
