"""The first comparison: yesterday's production output against the rewrite run later on live tables."""

import sys

sys.dont_write_bytecode = True  # importing the helper must not write into the snippet folder
from _pipeline import diff, live_0600, new_transform, old_transform, snapshot_0200  # noqa: E402

# --8<-- [start:failure]
for label, (orders, customers) in (("02:00", snapshot_0200()), ("06:00", live_0600())):
    print(f"inputs at {label}: {len(orders)} orders, {len(customers)} customers")

old_out = old_transform(*snapshot_0200())  # production run, 02:00
new_out = new_transform(*live_0600())  # validation run of the rewrite, 06:00, live tables

differences = diff(old_out, new_out)
print(differences.to_string(index=False))
print(f"{len(differences)} of {len(set(old_out.customer_id) | set(new_out.customer_id))} customer keys differ")
# --8<-- [end:failure]
