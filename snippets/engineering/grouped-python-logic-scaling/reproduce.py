# snippet: timeout=60
"""A per-group Python function whose cost depends on the shape of the groups, not on the row count."""

from collections import Counter

import pandas as pd
from _workloads import WORKLOADS, workload

WEEK = pd.Timedelta(days=7)
cost = Counter()


# --8<-- [start:failure]
def events_last_7d(ts: pd.Series) -> pd.Series:
    """For each event: how many events of the same customer fall in [ts - 7 days, ts]."""
    cost["calls"] += 1
    cost["peak_group"] = max(cost["peak_group"], len(ts))
    counts = []
    for t in ts:
        in_window = (ts >= t - WEEK) & (ts <= t)  # a boolean mask over the whole group
        cost["rows_touched"] += len(ts)
        counts.append(int(in_window.sum()))
    return pd.Series(counts, index=ts.index)


if __name__ == "__main__":
    print(f"{'workload':<11}{'rows':>6}{'groups':>8}{'calls':>7}{'peak':>6}{'rows_touched':>14}{'per_row':>9}")
    for name in WORKLOADS:
        events = workload(name)
        cost.clear()
        events["events_7d"] = events.groupby("customer_id")["ts"].transform(events_last_7d)
        rows = len(events)
        print(
            f"{name:<11}{rows:>6,}{events['customer_id'].nunique():>8,}{cost['calls']:>7,}"
            f"{cost['peak_group']:>6,}{cost['rows_touched']:>14,}{cost['rows_touched'] / rows:>9.1f}"
        )
# --8<-- [end:failure]
