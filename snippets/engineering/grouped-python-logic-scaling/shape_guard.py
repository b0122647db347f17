"""Check the shape of the groups before running the grouped logic: refuse growth, set placeholders aside."""

import pandas as pd
from _workloads import WORKLOADS, workload

# --8<-- [start:guard]
PLACEHOLDER_KEYS = {"UNKNOWN", ""}  # not customers: their rows go aside, with an alert
# The shape the job was written for scans 10 rows per row; allow twice that, no more.
MAX_SCANS_PER_ROW = 20
# One call per row is the worst case of call overhead: a constant factor, so warn, do not refuse.
WARN_CALLS_PER_ROW = 0.5


def shape_guard(keys: pd.Series, placeholders: set[str] = PLACEHOLDER_KEYS) -> dict:
    placeholder = keys.isin(placeholders)
    aside = keys[placeholder].value_counts()
    sizes = keys[~placeholder].value_counts().sort_index()
    sizes = sizes.sort_values(ascending=False, kind="stable")  # largest first, ties by key
    scans_per_row = int((sizes**2).sum()) / sizes.sum()  # grows with the groups: quadratic work
    calls_per_row = len(sizes) / sizes.sum()  # at most 1, whatever the data: linear work
    if scans_per_row > MAX_SCANS_PER_ROW:
        verdict = "refuse"
    elif len(aside):
        verdict = "run, alert"  # the run keeps its slot; someone looks at the rows set aside
    elif calls_per_row > WARN_CALLS_PER_ROW:
        verdict = "run, warn"
    else:
        verdict = "run"
    return {
        "aside": ", ".join(f"{key} ({n})" for key, n in aside.items()) or "-",
        "largest": f"{sizes.index[0]} ({sizes.iloc[0]})",
        "scans_per_row": scans_per_row,
        "calls_per_row": calls_per_row,
        "verdict": verdict,
    }


# --8<-- [end:guard]


# --8<-- [start:check]
def show(name: str, g: dict) -> None:
    print(
        f"{name:<12}{g['aside']:<14}{g['largest']:<14}{g['scans_per_row']:>9.1f}"
        f"{g['calls_per_row']:>11.2f}  {g['verdict']}"
    )


print(f"{'workload':<12}{'set aside':<14}{'largest':<14}{'scans/row':>9}{'calls/row':>11}  verdict")
for name in WORKLOADS:
    show(name, shape_guard(workload(name)["customer_id"]))
print("\nthe same skewed input, with no placeholder list:")
show("skewed", shape_guard(workload("skewed")["customer_id"], placeholders=set()))
# --8<-- [end:check]
