"""Freeze both reads, then split every live difference exactly into an input effect and a code effect."""

import atexit
import shutil
import sys
import tempfile
from pathlib import Path

import pandas as pd

sys.dont_write_bytecode = True  # importing the helper must not write into the snippet folder
from _pipeline import (  # noqa: E402
    diff,
    fingerprint,
    freeze,
    input_changes,
    live_0600,
    load_frozen,
    name,
    new_transform,
    old_transform,
    residual,
    show,
    snapshot_0200,
)

SNAPSHOTS = Path(tempfile.mkdtemp(dir="."))
atexit.register(shutil.rmtree, SNAPSHOTS)

# --8<-- [start:signal]
# 1. Signal: both versions on the same frozen inputs. Every difference here is the rewrite's.
run_log = {"0200": freeze(*snapshot_0200(), SNAPSHOTS / "0200")}  # fingerprints, kept outside the folders
inputs_0200 = load_frozen(SNAPSHOTS / "0200", run_log["0200"])
signal = diff(old_transform(*inputs_0200), new_transform(*inputs_0200))
show(f"frozen 02:00 inputs {run_log['0200']}, old job vs rewrite:", signal)
# --8<-- [end:signal]


# --8<-- [start:split]
def deltas(changes):
    """after - before per customer key and measure; a key missing on one side counts as 0 there."""
    d = changes.set_index("customer_id").fillna(0)
    return pd.DataFrame({m: d[f"{m}_new"] - d[f"{m}_old"] for m in ("orders", "revenue")})


def split(inputs_0200, inputs_0600):
    """live = (old@02:00 vs old@06:00) + (old@06:00 vs new@06:00): one variable per part."""
    old_0200, old_0600 = old_transform(*inputs_0200), old_transform(*inputs_0600)
    new_0600 = new_transform(*inputs_0600)
    live = diff(old_0200, new_0600)
    print(f"02:00 inputs {fingerprint(*inputs_0200)}, 06:00 inputs {fingerprint(*inputs_0600)}")
    input_effect = diff(old_0200, old_0600)  # same code, two inputs: named by the classifier
    code_effect = diff(old_0600, new_0600)  # same inputs, two codes: every row is the rewrite's
    changes = input_changes(inputs_0200, inputs_0600)
    show("input effect, old job on 02:00 vs 06:00 inputs:", input_effect, name(changes, inputs_0200[1]))
    show("code effect, old job vs rewrite on 06:00 inputs:", code_effect)
    show("residual, old job on 02:00 + named changes vs 06:00:", residual(inputs_0200, inputs_0600, changes))
    print(f"keys differing: live {len(live)}, input effect {len(input_effect)}, code effect {len(code_effect)}")
    gap = deltas(input_effect).add(deltas(code_effect), fill_value=0).sub(deltas(live), fill_value=0)
    print(f"input + code - live = 0 in {int((gap == 0).sum().sum())} of {gap.size} (key, measure) cells")


# 2. The 06:00 read is frozen too, so the split can be rerun on exactly these inputs.
run_log["0600"] = freeze(*live_0600(), SNAPSHOTS / "0600")
split(inputs_0200, load_frozen(SNAPSHOTS / "0600", run_log["0600"]))
# --8<-- [end:split]

# --8<-- [start:variant]
# Another morning: the late order O23 arrives with the status 'Test'.
orders, customers = live_0600()
orders.loc[orders.order_id == "O23", "status"] = "Test"
run_log["0600b"] = freeze(orders, customers, SNAPSHOTS / "0600b")
print()
split(inputs_0200, load_frozen(SNAPSHOTS / "0600b", run_log["0600b"]))
# --8<-- [end:variant]
