"""Freeze the 02:00 inputs, run both versions on them, then attribute every live difference to a cause."""

import sys

sys.dont_write_bytecode = True  # importing the helper must not write into the snippet folder
from _pipeline import diff, freeze, live_0600, load_frozen, new_transform, old_transform, snapshot_0200  # noqa: E402

# --8<-- [start:signal]
# 1. Signal: both versions on the same frozen inputs. Every difference here is the rewrite's.
frozen_id = freeze(*snapshot_0200(), "frozen")
orders, customers = load_frozen("frozen", frozen_id)
signal = diff(old_transform(orders, customers), new_transform(orders, customers))
print(f"frozen inputs {frozen_id}, old vs rewrite:")
print(signal.to_string(index=False))
# --8<-- [end:signal]

# --8<-- [start:attribute]
# 2. Noise: what changed in the inputs themselves between 02:00 and 06:00, order by order.
before, after = snapshot_0200()[0], live_0600()[0]
m = before.merge(after, on="order_id", how="outer", suffixes=("_0200", "_0600"))
rekeyed = m[m.customer_id_0200.notna() & m.customer_id_0600.notna() & (m.customer_id_0200 != m.customer_id_0600)]
late = m[m.customer_id_0200.isna()]
known_before = set(before.customer_id)
cause = {}
for old_id, new_id in sorted(set(zip(rekeyed.customer_id_0200, rekeyed.customer_id_0600))):
    merged = new_id in known_before
    cause[old_id] = f"input: {'merged into' if merged else 're-keyed to'} {new_id}"
    cause[new_id] = f"input: {'absorbed' if merged else 're-keyed from'} {old_id}"
for order_id, customer_id in zip(late.order_id, late.customer_id_0600):
    cause[customer_id] = f"input: late order {order_id}"
for row in signal.itertuples():
    rewrite = f"rewrite: orders {row.orders_old} -> {row.orders_new}"
    cause[row.customer_id] = f"{cause[row.customer_id]} + {rewrite}" if row.customer_id in cause else rewrite

# 3. Attribution: every difference of the live comparison gets a cause, or is reported as unexplained.
noisy = diff(old_transform(*snapshot_0200()), new_transform(*live_0600()))
noisy["cause"] = [cause.get(c, "UNEXPLAINED") for c in noisy.customer_id]
print("\nlive inputs, old at 02:00 vs rewrite at 06:00:")
print(noisy[["customer_id", "orders_old", "orders_new", "cause"]].to_string(index=False))
print(f"unexplained: {(noisy.cause == 'UNEXPLAINED').sum()}")
# --8<-- [end:attribute]
