"""Freeze both reads, then split every live difference exactly into an input effect and a code effect."""

import atexit
import shutil
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.dont_write_bytecode = True  # importing the helper must not write into the snippet folder
from _pipeline import (  # noqa: E402
    diff,
    fingerprint,
    freeze,
    live_0600,
    load_frozen,
    new_transform,
    old_transform,
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


# --8<-- [start:classify]
def input_causes(before, after):
    """Name each order-level change between two input snapshots, for every customer key it touches."""
    (orders_a, customers_a), (orders_b, _) = before, after
    m = orders_a.merge(orders_b, on="order_id", how="outer", suffixes=("_a", "_b"))
    existed = set(customers_a.customer_id)  # every customer at the earlier time, with or without orders
    causes = defaultdict(list)  # customer key -> every input change that touched it
    moved = m[m.customer_id_a.notna() & m.customer_id_b.notna() & (m.customer_id_a != m.customer_id_b)]
    for old_id, new_id in sorted(set(zip(moved.customer_id_a, moved.customer_id_b))):
        merged = new_id in existed  # the target key already existed: a merge, not a re-key
        causes[old_id].append(f"{'merged into' if merged else 're-keyed to'} {new_id}")
        causes[new_id].append(f"{'absorbed' if merged else 're-keyed from'} {old_id}")
    late, deleted = m[m.customer_id_a.isna()], m[m.customer_id_b.isna()]
    for order_id, customer_id in zip(late.order_id, late.customer_id_b):
        causes[customer_id].append(f"late order {order_id}")
    for order_id, customer_id in zip(deleted.order_id, deleted.customer_id_a):
        causes[customer_id].append(f"deleted order {order_id}")
    return causes


# --8<-- [end:classify]


# --8<-- [start:split]
def split(inputs_0200, inputs_0600):
    """live = (old@02:00 vs old@06:00) + (old@06:00 vs new@06:00): one variable per part."""
    old_0200, old_0600 = old_transform(*inputs_0200), old_transform(*inputs_0600)
    new_0600 = new_transform(*inputs_0600)
    live = diff(old_0200, new_0600)
    print(f"02:00 inputs {fingerprint(*inputs_0200)}, 06:00 inputs {fingerprint(*inputs_0600)}")
    input_effect = diff(old_0200, old_0600)  # same code, two inputs: named by the classifier
    code_effect = diff(old_0600, new_0600)  # same inputs, two codes: every row is the rewrite's
    show("input effect, old job on 02:00 vs 06:00 inputs:", input_effect, input_causes(inputs_0200, inputs_0600))
    show("code effect, old job vs rewrite on 06:00 inputs:", code_effect)
    print(f"keys differing: live {len(live)}, input effect {len(input_effect)}, code effect {len(code_effect)}")


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
