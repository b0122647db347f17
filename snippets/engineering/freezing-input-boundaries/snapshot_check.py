"""The fingerprint ignores how the inputs are laid out; a snapshot edited by hand is refused on load."""

import atexit
import hashlib
import shutil
import sys
import tempfile
from pathlib import Path

sys.dont_write_bytecode = True  # importing the helper must not write into the snippet folder
import duckdb  # noqa: E402
from _pipeline import fingerprint, freeze, load_frozen, snapshot_0200  # noqa: E402

SNAPSHOTS = Path(tempfile.mkdtemp(dir="."))
atexit.register(shutil.rmtree, SNAPSHOTS)


# --8<-- [start:layout]
def csv_fingerprint(orders, customers):
    """The first version: rows sorted, then serialized as CSV in whatever layout the frame has."""
    digest = hashlib.sha256()
    for df in (orders, customers):
        digest.update(df.sort_values(list(df.columns)).to_csv(index=False).encode())
    return digest.hexdigest()[:12]


orders, customers = snapshot_0200()
# The same rows as another reader hands them over: other column order, amounts as floats.
reread = orders[["amount", "status", "customer_id", "order_id"]].astype({"amount": "float64"})
for name, fp in (("csv", csv_fingerprint), ("canonical", fingerprint)):
    a, b = fp(orders, customers), fp(reread, customers)
    print(f"{name:<10} built {a}  re-read {b}  {'same' if a == b else 'DIFFERENT'}")
# --8<-- [end:layout]

# --8<-- [start:tamper]
folder = SNAPSHOTS / "0200"
frozen_id = freeze(orders, customers, folder)  # recorded in the run log, not in the folder


def try_load(label):
    try:
        load_frozen(folder, frozen_id)
        print(f"{label}: loaded")
    except ValueError as refusal:
        print(f"{label}: refused: {refusal}")


try_load("as frozen")
# Someone "fixes" the snapshot by hand: the odd status 'Test' becomes 'test'.
path = folder / "orders.parquet"
duckdb.execute(f"COPY (SELECT * REPLACE (lower(status) AS status) FROM '{path}') TO '{path}.new' (FORMAT parquet)")
Path(f"{path}.new").replace(path)
try_load("hand-edited")
# --8<-- [end:tamper]
