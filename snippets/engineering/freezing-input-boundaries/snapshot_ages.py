"""An acceptance test covers only what its snapshot contains: a NULL status tells two fixes apart."""

import atexit
import shutil
import sys
import tempfile
from functools import partial
from pathlib import Path

sys.dont_write_bytecode = True  # importing the helper must not write into the snippet folder
import duckdb  # noqa: E402
import pandas as pd  # noqa: E402
from _pipeline import diff, freeze, load_frozen, new_transform, new_transform_v2, old_transform, show, snapshot_0200  # noqa: E402

SNAPSHOTS = Path(tempfile.mkdtemp(dir="."))
atexit.register(shutil.rmtree, SNAPSHOTS)

# --8<-- [start:ages]
print(f"pandas {pd.__version__}, duckdb {duckdb.__version__}")  # how each side treats a missing status
# The obvious fix: NULL <> 'test' is NULL, not true, so WHERE drops a row with no status.
first_try = partial(new_transform, test_filter="lower(o.status) <> 'test'")

later_day = snapshot_0200()
later_day[0].loc[later_day[0].order_id == "O07", "status"] = None  # O07 arrives without a status

for day, inputs in (("0200", snapshot_0200()), ("later", later_day)):
    run_id = freeze(*inputs, SNAPSHOTS / day)
    frozen = load_frozen(SNAPSHOTS / day, run_id)
    old = old_transform(*frozen)
    for label, transform in (("<>", first_try), ("IS DISTINCT FROM", new_transform_v2)):
        show(f"snapshot {day} ({run_id}), {label}:", diff(old, transform(*frozen)))
# --8<-- [end:ages]
