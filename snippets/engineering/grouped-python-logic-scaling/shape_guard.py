"""Check the shape of the groups before running the grouped logic: refuse growth, set placeholders aside."""

import pandas as pd
from _workloads import WORKLOADS, workload
from reproduce import count_work, events_last_7d

# --8<-- [start:guard]
PLACEHOLDER_KEYS = {"UNKNOWN", ""}  # not customers: their rows go aside, with an alert
# A shape-change detector, not a slot budget: the shape the job was written for scans
# 10 rows per row; twice that means the groups changed shape, whatever the row count.
MAX_SCANS_PER_ROW = 20
# One call per row is the worst case of call overhead: a constant factor, so warn, do not refuse.
WARN_CALLS_PER_ROW = 0.5


def shape_guard(keys: pd.Series, placeholders: set[str] = PLACEHOLDER_KEYS) -> dict:
    # isin matches a null only if the list holds one, and this list holds none: isna() says it
    placeholder = keys.isna() | keys.isin(placeholders)
    aside = keys[placeholder].fillna("<null>").value_counts()
    sizes = keys[~placeholder].value_counts().sort_index()
    sizes = sizes.sort_values(ascending=False, kind="stable")  # largest first, ties by key
    profile = {"aside": ", ".join(f"{key} ({n})" for key, n in aside.items()) or "-"}
    if sizes.empty:  # every row was a placeholder: say so, do not divide by zero
        return profile | {"largest": "-", "scans_per_row": None, "calls_per_row": None, "verdict": "refuse, no keys"}
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
    return profile | {
        "largest": f"{sizes.index[0]} ({sizes.iloc[0]})",
        "scans_per_row": scans_per_row,
        "calls_per_row": calls_per_row,
        "verdict": verdict,
    }


# --8<-- [end:guard]


def show(name: str, g: dict) -> None:
    scans = "-" if g["scans_per_row"] is None else f"{g['scans_per_row']:.1f}"
    calls = "-" if g["calls_per_row"] is None else f"{g['calls_per_row']:.2f}"
    print(f"{name:<12}{g['aside']:<14}{g['largest']:<14}{scans:>9}{calls:>11}  {g['verdict']}")


# --8<-- [start:check]
print(f"{'workload':<12}{'set aside':<14}{'largest':<14}{'scans/row':>9}{'calls/row':>11}  verdict")
for name in WORKLOADS:
    show(name, shape_guard(workload(name)["customer_id"]))

skewed = workload("skewed")
print("\nthe skewed input with no placeholder list, before the fill, and all UNKNOWN:")
show("no list", shape_guard(skewed["customer_id"], placeholders=set()))
nulls = skewed["customer_id"].mask(skewed["customer_id"] == "UNKNOWN")  # the ids before the fill
show("null keys", shape_guard(nulls))
show("all UNKNOWN", shape_guard(pd.Series(["UNKNOWN"] * 500)))
kept = skewed[~skewed["customer_id"].isin(PLACEHOLDER_KEYS)]  # what runs after setting aside
print(
    f"\nskewed, rows scanned: {sum(n for _, n in count_work(kept)):,} with UNKNOWN set aside,"
    f" {sum(n for _, n in count_work(skewed)):,} with it"
)

unseen = skewed.assign(customer_id=nulls).groupby("customer_id")["ts"].transform(events_last_7d)
print(f"\ngroupby on the null keys (dropna=True by default): {unseen.isna().sum()} of {len(unseen)} rows get NaN")
# --8<-- [end:check]
