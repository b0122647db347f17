# snippet: timeout=90
"""Count the work of grouped Python logic from the group sizes, and check one claim against the clock."""

import time

import pandas as pd
from _workloads import WORKLOADS, workload
from reproduce import events_last_7d


# --8<-- [start:model]
def predicted_work(sizes: pd.Series) -> dict:
    """`sizes` is keys.value_counts(): one pass over the key column, before the function runs."""
    return {"scans": int((sizes**2).sum()), "calls": len(sizes)}  # every row scans its whole group


# --8<-- [end:model]


# --8<-- [start:check]
def best_cpu(names: list[str], repeats: int = 7) -> dict[str, float]:
    """The best CPU time (not wall time) of a few runs taken in turns, so that a busy moment on a
    shared machine hits every workload alike. The times are never printed."""
    tables = {name: workload(name) for name in names}
    best = dict.fromkeys(names, float("inf"))
    for _ in range(repeats):
        for name, events in tables.items():
            start = time.process_time()
            events.groupby("customer_id")["ts"].transform(events_last_7d)
            best[name] = min(best[name], time.process_time() - start)
    return best


print(f"{'workload':<11}{'rows_scanned':>13}{'calls':>7}")
for name in WORKLOADS:
    p = predicted_work(workload(name)["customer_id"].value_counts())
    print(f"{name:<11}{p['scans']:>13,}{p['calls']:>7,}")

cpu = best_cpu(["fragmented", "skewed"])
print(f"\nfragmented CPU time >= 1.5x skewed: {cpu['fragmented'] >= 1.5 * cpu['skewed']}")
# --8<-- [end:check]
