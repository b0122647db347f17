# snippet: timeout=60
"""The same 7-day event count as one window query (DuckDB), a grouped rolling count (pandas) and one loop."""

import duckdb
import pandas as pd
from _workloads import WORKLOADS, workload
from loop import events_last_7d_loop
from reproduce import calls, counted, events_last_7d


# --8<-- [start:fix]
def events_last_7d_sql(events: pd.DataFrame) -> pd.Series:
    rows = duckdb.sql(
        """
        SELECT event_id,
               count(*) OVER (
                   PARTITION BY customer_id ORDER BY ts
                   RANGE BETWEEN INTERVAL 7 DAYS PRECEDING AND CURRENT ROW
               ) AS events_7d
        FROM events
        ORDER BY event_id
        """
    ).df()
    return rows.set_index("event_id")["events_7d"]


def events_last_7d_pandas(events: pd.DataFrame) -> pd.Series:
    ordered = events.sort_values(["customer_id", "ts"])  # each group's times must increase
    windows = ordered.groupby("customer_id")[["ts", "event_id"]].rolling("7D", on="ts", closed="both")
    counts = windows.count()["event_id"].droplevel("customer_id")  # index: the input's row labels
    counts.index = events.loc[counts.index, "event_id"]  # looked up by label, not by position
    return counts.astype("int64").sort_index().rename("events_7d")


# --8<-- [end:fix]


# --8<-- [start:compare]
print(f"pandas {pd.__version__}, duckdb {duckdb.__version__}\n")
print(f"{'workload':<11}{'max_7d':>7}  {'at_key':<9}{'sql_equal':>9}{'pandas_equal':>14}{'loop_equal':>12}")
for name in WORKLOADS:
    events = workload(name)
    reference = events.groupby("customer_id")["ts"].transform(counted)  # the original function
    reference.index = events["event_id"]  # transform keeps the input's rows and order
    reference = reference.rename("events_7d")
    top_key = events.set_index("event_id").loc[reference.idxmax(), "customer_id"]

    calls.clear()
    results = [f(events) for f in (events_last_7d_sql, events_last_7d_pandas, events_last_7d_loop)]
    assert not calls  # no rewrite calls the original function
    equal = [str(r.equals(reference)) for r in results]
    print(f"{name:<11}{reference.max():>7}  {top_key:<9}{equal[0]:>9}{equal[1]:>14}{equal[2]:>12}")
# --8<-- [end:compare]


# --8<-- [start:seams]
def fixture(*stamps: str) -> pd.DataFrame:
    """One customer's events; a trailing "Z" makes `ts` tz-aware, which DuckDB reads as TIMESTAMPTZ."""
    return pd.DataFrame({"event_id": range(1, len(stamps) + 1), "customer_id": "C1", "ts": pd.to_datetime(stamps)})


ties = fixture("2026-03-01 09:00", "2026-03-02 10:00", "2026-03-02 10:00")  # two rows share a timestamp
dst_week = fixture("2026-03-02 13:00Z", "2026-03-09 12:30Z")  # 167.5 hours apart; pandas "7D" is 168

print(f"\n{'fixture':<19}{'original':<11}{'sql':<11}{'pandas':<11}loop")
for label, events, zone in [
    ("ties", ties, "UTC"),
    ("DST week, UTC", dst_week, "UTC"),
    ("DST week, New York", dst_week, "America/New_York"),
]:
    duckdb.sql(f"SET TimeZone = '{zone}'")  # the session's zone; DuckDB's default is the machine's
    original = events.groupby("customer_id")["ts"].transform(events_last_7d).tolist()
    results = [f(events).tolist() for f in (events_last_7d_sql, events_last_7d_pandas, events_last_7d_loop)]
    print(f"{label:<19}" + "".join(f"{str(r):<11}" for r in [original, *results]).rstrip())
duckdb.sql("SET TimeZone = 'UTC'")
# --8<-- [end:seams]
