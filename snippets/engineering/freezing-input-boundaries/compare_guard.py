"""The check that stays: a comparison that refuses outputs built from different inputs."""

import sys
import tempfile
from pathlib import Path

sys.dont_write_bytecode = True  # importing the helper must not write into the snippet folder
import duckdb  # noqa: E402
from _pipeline import diff, fingerprint, freeze, live_0600, load_frozen, new_transform, old_transform, snapshot_0200  # noqa: E402


def new_transform_v2(orders, customers):
    """The rewrite after the fix: test orders matched case-insensitively, as the old job did."""
    con = duckdb.connect()
    con.register("orders", orders)
    con.register("customers", customers)
    return con.execute("""
        SELECT o.customer_id, c.region, count(*) AS orders,
               sum(CASE WHEN o.status = 'paid' THEN o.amount ELSE 0 END) AS revenue
        FROM orders AS o JOIN customers AS c USING (customer_id)
        WHERE lower(o.status) <> 'test'
        GROUP BY ALL
    """).df()


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

folder = Path(tempfile.mkdtemp(dir=".")) / "0200"
frozen = load_frozen(folder, freeze(*snapshot_0200(), folder))
compare("frozen, rewrite v1", run(old_transform, *frozen), run(new_transform, *frozen))
compare("frozen, rewrite v2", run(old_transform, *frozen), run(new_transform_v2, *frozen))
# --8<-- [end:check]
