# snippet: timeout=60
"""The same 7-day event count as one window query (DuckDB) and as a grouped rolling count (pandas)."""

import duckdb
import pandas as pd
from _workloads import WORKLOADS, workload
from reproduce import counted, group_sizes


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
    return rows.set_index("event_id")["events_7d"].astype("int64")


def events_last_7d_pandas(events: pd.DataFrame) -> pd.Series:
    ordered = events.sort_values(["customer_id", "ts"])
    counts = ordered.groupby("customer_id").rolling("7D", on="ts", closed="both")["event_id"].count()
    counts.index = ordered["event_id"]  # rolling keeps the sorted row order
    return counts.astype("int64").sort_index()


# --8<-- [end:fix]


# --8<-- [start:compare]
print(f"{'workload':<11}{'rows':>6}{'max_7d':>8}{'python_calls':>14}{'sql_equal':>11}{'pandas_equal':>14}")
for name in WORKLOADS:
    events = workload(name)
    group_sizes.clear()
    reference = events.groupby("customer_id")["ts"].transform(counted)  # the original function
    reference.index = events["event_id"]
    python_calls = len(group_sizes)

    group_sizes.clear()
    by_sql = events_last_7d_sql(events)
    by_pandas = events_last_7d_pandas(events)
    assert not group_sizes  # neither rewrite calls the original function
    print(
        f"{name:<11}{len(events):>6,}{reference.max():>8,}{python_calls:>14,}"
        f"{str(by_sql.equals(reference.rename('events_7d'))):>11}"
        f"{str(by_pandas.equals(reference.rename('events_7d'))):>14}"
    )
# --8<-- [end:compare]
