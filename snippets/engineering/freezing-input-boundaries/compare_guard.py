"""The check that stays: a comparison that refuses outputs built from different inputs."""

import atexit
import shutil
import sys
import tempfile
from pathlib import Path

sys.dont_write_bytecode = True  # importing the helper must not write into the snippet folder
from _pipeline import (  # noqa: E402
    diff,
    fingerprint,
    freeze,
    live_0600,
    load_frozen,
    new_transform,
    new_transform_v2,
    old_transform,
    snapshot_0200,
)

SNAPSHOTS = Path(tempfile.mkdtemp(dir="."))
atexit.register(shutil.rmtree, SNAPSHOTS)


# --8<-- [start:check]
def run(transform, orders, customers):
    """Every output carries the fingerprint of the inputs it was built from."""
    return {"inputs": fingerprint(orders, customers), "output": transform(orders, customers)}


def compare(label, a, b):
    if a["inputs"] != b["inputs"]:
        print(f"{label}: refused, inputs differ ({a['inputs']} vs {b['inputs']})")
        return
    differences = diff(a["output"], b["output"])
    print(f"{label}: inputs {a['inputs']}, customers differing: {len(differences)}")


compare("live", run(old_transform, *snapshot_0200()), run(new_transform, *live_0600()))

frozen = load_frozen(SNAPSHOTS / "0200", freeze(*snapshot_0200(), SNAPSHOTS / "0200"))
compare("frozen, rewrite v1", run(old_transform, *frozen), run(new_transform, *frozen))
compare("frozen, rewrite v2", run(old_transform, *frozen), run(new_transform_v2, *frozen))
# --8<-- [end:check]
