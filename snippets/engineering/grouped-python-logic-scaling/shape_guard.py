# snippet: timeout=60
"""Predict the cost of grouped Python logic from the group sizes, check the prediction, refuse bad shapes."""

import pandas as pd
from _workloads import WORKLOADS, workload
from reproduce import measured_order

# --8<-- [start:guard]
# The cost model, in units of one comparison in the function's inner loop:
# every row scans its whole group (n * n per group), and every call costs a fixed amount.
CALL_COST = 400  # one call of the function ~ 400 comparisons on the machine that runs these examples
# The budget: the shape the job was written for costs 50 a row; allow some headroom, no more.
MAX_COST_PER_ROW = 80


def shape_report(keys: pd.Series, call_cost: int = CALL_COST) -> dict:
    sizes = keys.value_counts().sort_index().sort_values(ascending=False, kind="stable")
    rows = int(sizes.sum())
    cost = int((sizes**2).sum()) + call_cost * len(sizes)
    return {
        "groups": len(sizes),
        "largest": f"{sizes.index[0]} ({sizes.iloc[0]})",
        "cost": cost,
        "per_row": cost / rows,
        "verdict": "run" if cost / rows <= MAX_COST_PER_ROW else "refuse",
    }


# --8<-- [end:guard]

# --8<-- [start:check]
reports = {name: shape_report(workload(name)["customer_id"]) for name in WORKLOADS}
print(f"{'workload':<11}{'groups':>7}  {'largest':<14}{'cost':>8}{'per_row':>8}  verdict")
for name, r in reports.items():
    print(f"{name:<11}{r['groups']:>7}  {r['largest']:<14}{r['cost']:>8,}{r['per_row']:>8.1f}  {r['verdict']}")

measured = measured_order()
print(f"\nclock, fastest first:  {', '.join(measured)}")
for call_cost in (0, CALL_COST):
    cost = {name: shape_report(workload(name)["customer_id"], call_cost)["cost"] for name in WORKLOADS}
    predicted = sorted(WORKLOADS, key=cost.get)
    print(f"model, CALL_COST={call_cost:<4} {', '.join(predicted):<37} {predicted == measured}")
# --8<-- [end:check]
