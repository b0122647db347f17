# snippet: timeout=90
"""Predict the cost of grouped Python logic from the group sizes, and check the prediction against the clock."""

import time

import pandas as pd
from _workloads import WORKLOADS, workload
from reproduce import events_last_7d

# --8<-- [start:model]
# The cost model, in units of one row scanned by the function's inner loop:
# every row scans its whole group (n * n per group), and every call costs a fixed amount.
CALL_COST = 400  # one call of the function ~ 400 rows scanned: a round figure inside the range below


def predicted_cost(sizes: pd.Series, call_cost: int = CALL_COST) -> dict:
    """`sizes` is keys.value_counts(): one pass over the key column, before the function runs."""
    scans = int((sizes**2).sum())
    calls = call_cost * len(sizes)
    total = scans + calls
    return {"scans": scans, "calls": calls, "total": total, "per_row": total / sizes.sum()}


# --8<-- [end:model]


# --8<-- [start:clock]
def measured_order(repeats: int = 7) -> list[str]:
    """The workloads from fastest to slowest: best of a few runs each, taken in turns so that
    a busy moment on the machine hits every workload alike. CPU time of this process, not wall
    time, so other processes on a shared machine count for little. The times are never printed."""
    tables = {name: workload(name) for name in WORKLOADS}
    best = dict.fromkeys(WORKLOADS, float("inf"))
    for _ in range(repeats):
        for name, events in tables.items():
            start = time.process_time()
            events.groupby("customer_id")["ts"].transform(events_last_7d)
            best[name] = min(best[name], time.process_time() - start)
    return sorted(WORKLOADS, key=best.get)


def predicted_order(sizes: dict[str, pd.Series], call_cost: int) -> list[str]:
    cost = {name: predicted_cost(s, call_cost)["total"] for name, s in sizes.items()}
    return sorted(sizes, key=cost.get)


# --8<-- [end:clock]

# --8<-- [start:check]
sizes = {name: workload(name)["customer_id"].value_counts() for name in WORKLOADS}
print(f"{'workload':<11}{'rows_scanned':>13}{'call_cost':>11}{'total':>10}{'per_row':>9}")
for name in WORKLOADS:
    p = predicted_cost(sizes[name])
    print(f"{name:<11}{p['scans']:>13,}{p['calls']:>11,}{p['total']:>10,}{p['per_row']:>9.1f}")

measured = measured_order()
print(f"\nclock, fastest first:   {', '.join(measured)}")
for call_cost in (0, CALL_COST):
    predicted = predicted_order(sizes, call_cost)
    print(f"model, CALL_COST={call_cost:<5} {', '.join(predicted):<37} {predicted == measured}")
agree = [k for k in range(5_001) if predicted_order(sizes, k) == measured]
print(f"CALL_COST values that give the clock's order: {agree[0]:,} to {agree[-1]:,}" if agree else "none")
# --8<-- [end:check]
