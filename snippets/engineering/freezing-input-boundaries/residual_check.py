"""A change the classifier has no name for is caught by replaying only the named changes."""

import atexit
import shutil
import sys
import tempfile
from pathlib import Path

sys.dont_write_bytecode = True  # importing the helper must not write into the snippet folder
from _pipeline import (  # noqa: E402
    FIELDS,
    diff,
    freeze,
    input_changes,
    live_0600,
    load_frozen,
    name,
    old_transform,
    residual,
    show,
    snapshot_0200,
)

SNAPSHOTS = Path(tempfile.mkdtemp(dir="."))
atexit.register(shutil.rmtree, SNAPSHOTS)

# --8<-- [start:refund]
# A third morning: order O13 of C07, paid at 02:00, has been refunded by 06:00.
orders, customers = live_0600()
orders.loc[orders.order_id == "O13", "status"] = "refunded"
inputs_0200 = load_frozen(SNAPSHOTS / "0200", freeze(*snapshot_0200(), SNAPSHOTS / "0200"))
inputs_0600 = load_frozen(SNAPSHOTS / "0600", freeze(orders, customers, SNAPSHOTS / "0600"))
input_effect = diff(old_transform(*inputs_0200), old_transform(*inputs_0600))
c07 = input_effect[input_effect.customer_id == "C07"]

for label, fields in (("first classifier, customer_id only", ["customer_id"]), ("every field read", FIELDS)):
    changes = input_changes(inputs_0200, inputs_0600, fields)
    show(f"{label}: input effect on C07", c07, name(changes, inputs_0200[1]))
    show("residual, old job on 02:00 + named changes vs 06:00:", residual(inputs_0200, inputs_0600, changes))
# --8<-- [end:refund]
