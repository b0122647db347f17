"""Support code for "Freezing Input Boundaries": the inputs, the old job, the rewrite, and the diff."""

import hashlib
import json
from collections import defaultdict, namedtuple
from decimal import Decimal
from pathlib import Path

import duckdb
import pandas as pd

REGIONS = {f"C{n:02}": region for n, region in enumerate(["north", "south", "east", "west"] * 3, start=1)}

# --8<-- [start:inputs]
ORDERS = [  # (order_id, customer_id, status, amount in EUR), as the old job read them at 02:00
    ("O01", "C01", "paid", 120), ("O02", "C01", "paid", 80),
    ("O03", "C02", "paid", 45), ("O04", "C02", "refunded", 30),
    ("O05", "C03", "paid", 210), ("O06", "C03", "paid", 95),
    ("O07", "C04", "paid", 60),
    ("O08", "C05", "paid", 150), ("O09", "C05", "Test", 999), ("O10", "C05", "paid", 40),
    ("O11", "C06", "test", 500), ("O12", "C06", "paid", 75),
    ("O13", "C07", "paid", 130), ("O14", "C07", "refunded", 20),
    ("O15", "C08", "paid", 55),
    ("O16", "C09", "paid", 90),
    ("O17", "C10", "paid", 110), ("O18", "C10", "paid", 35),
    ("O19", "C11", "paid", 70),
    ("O20", "C12", "paid", 160), ("O21", "C12", "paid", 25),
]  # fmt: skip


def live_0600():
    """The same tables four hours later. None of this is the rewrite's doing: the CRM merged C12 into C07
    and reissued C03's key as C103, two orders arrived late, and order O18 was deleted upstream."""
    rekey = {"C12": "C07", "C03": "C103"}
    orders = [(o, rekey.get(c, c), s, a) for o, c, s, a in ORDERS if o != "O18"]
    orders += [("O22", "C02", "paid", 65), ("O23", "C07", "paid", 140)]
    regions = {rekey.get(c, c): r for c, r in REGIONS.items() if c != "C12"}
    return frame(orders, regions)


# --8<-- [end:inputs]


def frame(orders, regions):
    orders_df = pd.DataFrame(orders, columns=["order_id", "customer_id", "status", "amount"])
    customers_df = pd.DataFrame(sorted(regions.items()), columns=["customer_id", "region"])
    return orders_df, customers_df


def snapshot_0200():
    """The inputs as the old job read them, at 02:00."""
    return frame(ORDERS, REGIONS)


# --8<-- [start:transforms]
def old_transform(orders, customers):
    """The old job (pandas): per customer, orders and paid revenue, test orders excluded."""
    kept = orders[orders["status"].str.lower() != "test"]
    kept = kept.assign(paid=kept["amount"].where(kept["status"] == "paid", 0))
    out = kept.groupby("customer_id", as_index=False).agg(orders=("order_id", "count"), revenue=("paid", "sum"))
    return out.merge(customers, on="customer_id")[["customer_id", "region", "orders", "revenue"]]


def new_transform(orders, customers, test_filter="o.status <> 'test'"):
    """The rewrite (SQL on DuckDB): meant to produce the same table."""
    con = duckdb.connect()
    con.register("orders", orders)
    con.register("customers", customers)
    return con.execute(f"""
        SELECT o.customer_id, c.region, count(*) AS orders,
               sum(CASE WHEN o.status = 'paid' THEN o.amount ELSE 0 END) AS revenue
        FROM orders AS o JOIN customers AS c USING (customer_id)
        WHERE {test_filter}
        GROUP BY ALL
    """).df()


# --8<-- [end:transforms]


# --8<-- [start:v2]
def new_transform_v2(orders, customers):
    """The rewrite after the fix: one changed line, the filter on test orders."""
    return new_transform(orders, customers, test_filter="lower(o.status) IS DISTINCT FROM 'test'")


# --8<-- [end:v2]


def diff(old_out, new_out):
    """Customers whose row differs between two outputs, or exists on one side only."""
    both = old_out.merge(new_out, on="customer_id", how="outer", suffixes=("_old", "_new"), indicator=True)
    for col in ("orders", "revenue"):
        both[f"{col}_old"] = both[f"{col}_old"].astype("Int64")
        both[f"{col}_new"] = both[f"{col}_new"].astype("Int64")
    changed = (
        (both["_merge"] != "both")
        | (both["orders_old"] != both["orders_new"])
        | (both["revenue_old"] != both["revenue_new"])
        | (both["region_old"] != both["region_new"])
    )
    cols = ["customer_id", "orders_old", "orders_new", "revenue_old", "revenue_new"]
    return both.loc[changed.fillna(True), cols].sort_values("customer_id").reset_index(drop=True)


# --8<-- [start:freeze]
# The declared input schema: the fingerprint covers these columns, in this order, as these types.
SCHEMA = {
    "orders": {"order_id": str, "customer_id": str, "status": str, "amount": "cents"},
    "customers": {"customer_id": str, "region": str},
}


def canonical(value, kind):
    if pd.isna(value):
        return None
    if kind == "cents":  # 120, 120.0 and Decimal("120.00") are one value
        return str(Decimal(str(value)).quantize(Decimal("0.01")))
    return kind(value)


def fingerprint(orders, customers):
    """Content hash of the inputs that ignores row order, column order and dtypes."""
    digest = hashlib.sha256()
    for name, df in (("orders", orders), ("customers", customers)):
        columns = SCHEMA[name]
        rows = [
            [canonical(v, kind) for v, kind in zip(row, columns.values(), strict=True)]
            for row in df[list(columns)].itertuples(index=False)
        ]
        digest.update(json.dumps([name, list(columns), sorted(rows, key=json.dumps)]).encode())
    return digest.hexdigest()[:12]


def freeze(orders, customers, folder):
    """Write the inputs once, as files nobody updates, and return their fingerprint. The caller records
    it outside the folder (run log, output metadata): a hash kept beside the files is edited with them."""
    folder = Path(folder)
    folder.mkdir(parents=True)  # an existing snapshot is never overwritten
    con = duckdb.connect()
    for name, df in (("orders", orders), ("customers", customers)):
        con.register(name, df)
        con.execute(f"COPY (SELECT * FROM {name}) TO '{folder / name}.parquet' (FORMAT parquet)")
    return fingerprint(orders, customers)


def load_frozen(folder, expected):
    """Read a frozen snapshot back, and refuse it if it is not the one that was frozen."""
    con = duckdb.connect()
    orders, customers = (
        con.execute(f"SELECT * FROM '{Path(folder) / name}.parquet'").df() for name in ("orders", "customers")
    )
    found = fingerprint(orders, customers)
    if found != expected:
        raise ValueError(f"snapshot {Path(folder).name} is {found}, was frozen as {expected}")
    return orders, customers


# --8<-- [end:freeze]

# --8<-- [start:classify]
FIELDS = ("customer_id", "status", "amount")  # every order column the job reads
Change = namedtuple("Change", "order_id field old new keys")  # keys: the customer keys it touches


def input_changes(before, after, fields=FIELDS):
    """Every order-level difference between two input snapshots: late, deleted, or a field edited."""
    a, b = before[0].set_index("order_id"), after[0].set_index("order_id")
    changes = []
    for order in sorted(set(a.index) | set(b.index)):
        if order not in a.index:
            changes.append(Change(order, "row", None, dict(b.loc[order]), [b.at[order, "customer_id"]]))
        elif order not in b.index:
            changes.append(Change(order, "row", dict(a.loc[order]), None, [a.at[order, "customer_id"]]))
        else:
            keys = sorted({a.at[order, "customer_id"], b.at[order, "customer_id"]})
            for field in fields:
                old, new = a.at[order, field], b.at[order, field]
                if not (pd.isna(old) and pd.isna(new)) and old != new:
                    changes.append(Change(order, field, old, new, keys))
    return changes


def name(changes, customers_before):
    """Turn each change into a cause for every customer key it touches."""
    existed = set(customers_before.customer_id)  # every customer at the earlier time, with or without orders
    causes = defaultdict(list)  # customer key -> every input change that touched it
    for c in changes:
        if c.field == "row":
            labels = {c.keys[0]: f"{'late' if c.old is None else 'deleted'} order {c.order_id}"}
        elif c.field == "customer_id":
            merged = c.new in existed  # the target key already existed: a merge, not a re-key
            labels = {
                c.old: f"{'merged into' if merged else 're-keyed to'} {c.new}",
                c.new: f"{'absorbed' if merged else 're-keyed from'} {c.old}",
            }
        else:  # an edit in place: no key moves, so nothing else would name it
            labels = {key: f"{c.order_id} {c.field} {c.old} -> {c.new}" for key in c.keys}
        for key, label in labels.items():
            if label not in causes[key]:  # appended, never assigned over another cause
                causes[key].append(label)
    return causes


# --8<-- [end:classify]


# --8<-- [start:residual]
def replay(before, changes):
    """The earlier inputs with only the named changes applied."""
    orders, customers = before[0].set_index("order_id"), before[1].copy()
    for c in changes:
        if c.field == "row" and c.new is None:
            orders = orders.drop(c.order_id)
        elif c.field == "row":
            orders = pd.concat([orders, pd.DataFrame([c.new], index=[c.order_id])])
        else:
            orders.loc[c.order_id, c.field] = c.new
        if c.field == "customer_id" and c.new in set(customers.customer_id):  # merged: the old row goes
            customers = customers[customers.customer_id != c.old]
        elif c.field == "customer_id":  # re-keyed: the customer keeps its row under the new key
            customers.loc[customers.customer_id == c.old, "customer_id"] = c.new
    return orders.rename_axis("order_id").reset_index(), customers


def residual(before, after, changes):
    """The old job on (earlier inputs + named changes) against the old job on the later inputs. Must be empty."""
    return diff(old_transform(*replay(before, changes)), old_transform(*after))


# --8<-- [end:residual]


def show(title, changes, causes=None):
    """Print a diff as one line per customer key: orders and revenue before -> after, and its causes."""
    print(title)
    if changes.empty:
        print("  (none)")

    def arrow(a, b):
        return f"{'-' if pd.isna(a) else a} -> {'-' if pd.isna(b) else b}"

    for r in changes.itertuples():
        named = ["UNEXPLAINED"] if causes is None or not causes.get(r.customer_id) else causes[r.customer_id]
        orders, revenue = arrow(r.orders_old, r.orders_new), arrow(r.revenue_old, r.revenue_new)
        line = f"  {r.customer_id:<5} orders {orders:<7} revenue {revenue:<11}"
        for i, cause in enumerate(named if causes is not None else []):
            part = f" {cause}" if i == 0 else f" + {cause}"
            if len(line) + len(part) > 78:  # keep the output narrow: go on under the causes
                print(line)
                line = " " * 8 + part
            else:
                line += part
        print(line.rstrip())
