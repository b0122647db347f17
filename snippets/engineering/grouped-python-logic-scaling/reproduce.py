# snippet: timeout=60
"""A per-group Python function whose cost depends on the shape of the groups, not on the row count."""

import time

import pandas as pd
from _workloads import WORKLOADS, workload

WEEK = pd.Timedelta(days=7)


# --8<-- [start:function]
def events_last_7d(ts: pd.Series) -> pd.Series:
    """For each event: how many events of the same customer fall in [ts - 7 days, ts]."""
    times = ts.tolist()
    counts = []
    for t in times:
        start = t - WEEK
        counts.append(sum(1 for u in times if start <= u <= t))  # scans the whole group
    return pd.Series(counts, index=ts.index)


# --8<-- [end:function]

# --8<-- [start:measure]
group_sizes = []  # one entry per real call of the function: the size of the group it got


def counted(ts: pd.Series) -> pd.Series:
    group_sizes.append(len(ts))
    return events_last_7d(ts)


def measured_order(repeats: int = 7) -> list[str]:
    """The workloads from fastest to slowest: best of a few runs each, taken in turns so that
    a busy moment on the machine hits every workload alike. The times are never printed."""
    tables = {name: workload(name) for name in WORKLOADS}
    best = dict.fromkeys(WORKLOADS, float("inf"))
    for _ in range(repeats):
        for name, events in tables.items():
            start = time.perf_counter()
            events.groupby("customer_id")["ts"].transform(events_last_7d)
            best[name] = min(best[name], time.perf_counter() - start)
    return sorted(WORKLOADS, key=best.get)


# --8<-- [end:measure]

if __name__ == "__main__":
    # --8<-- [start:run]
    rank = {name: i for i, name in enumerate(measured_order(), start=1)}
    print(f"{'workload':<11}{'rows':>6}{'groups':>8}{'calls':>7}{'largest':>9}{'time_rank':>11}")
    for name in WORKLOADS:
        events = workload(name)
        group_sizes.clear()
        events.groupby("customer_id")["ts"].transform(counted)
        print(
            f"{name:<11}{len(events):>6,}{events['customer_id'].nunique():>8,}"
            f"{len(group_sizes):>7,}{max(group_sizes):>9,}{rank[name]:>11}"
        )
    # --8<-- [end:run]
