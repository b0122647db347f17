"""Predict the cost of grouped Python logic from the group sizes, before running it."""

import pandas as pd
from _workloads import WORKLOADS, workload

# --8<-- [start:guard]
# The shape the per-group function was written for, stated as numbers.
BUDGET = {"max_group_rows": 100, "max_groups": 200, "max_touches_per_row": 25}


def shape_report(keys: pd.Series) -> dict:
    sizes = keys.value_counts().sort_index().sort_values(ascending=False, kind="stable")
    rows = int(sizes.sum())
    predicted_touches = int((sizes**2).sum())  # a full-group scan per row: n * n per group
    return {
        "rows": rows,
        "groups": len(sizes),
        "largest": f"{sizes.index[0]} ({sizes.iloc[0]})",
        "touches_per_row": predicted_touches / rows,
        "violations": [
            name
            for name, broken in [
                ("max_group_rows", sizes.iloc[0] > BUDGET["max_group_rows"]),
                ("max_groups", len(sizes) > BUDGET["max_groups"]),
                ("max_touches_per_row", predicted_touches / rows > BUDGET["max_touches_per_row"]),
            ]
            if broken
        ],
    }


for name in WORKLOADS:
    r = shape_report(workload(name)["customer_id"])
    verdict = "run" if not r["violations"] else "refuse: " + ", ".join(r["violations"])
    print(
        f"{name:<11} groups={r['groups']:<4} largest={r['largest']:<14} "
        f"touches/row={r['touches_per_row']:>5.1f}  {verdict}"
    )
# --8<-- [end:guard]
