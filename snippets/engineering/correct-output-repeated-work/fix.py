# snippet: timeout=60
"""Enrich once, look each key up once, hand the same frame to every report; compare with the old run."""

from collections import Counter

import duckdb
import pandas as pd
import reproduce
from _data import digest, load_orders, reference_db, to_cents

work = Counter()
REF = reproduce.CountedConnection(reference_db(), work)


# --8<-- [start:fix]
# Composite keys travel as pairs: two parallel lists, unnested side by side into one row per pair.
RATES_SQL = """SELECT currency, rate_date AS order_date, rate_to_eur FROM fx_rates
    JOIN (SELECT unnest(CAST(? AS VARCHAR[])) AS currency, unnest(CAST(? AS DATE[])) AS rate_date) AS wanted
    USING (currency, rate_date)"""


def merge_lookup(orders: pd.DataFrame, found: pd.DataFrame, on: list[str]) -> pd.DataFrame:
    """Left merge that raises on a duplicate reference row (validate) and on a missing one (indicator)."""
    out = orders.merge(found, on=on, how="left", validate="many_to_one", indicator=True)
    missing = out.loc[out["_merge"] == "left_only", on].drop_duplicates()
    if len(missing):
        keys = [" ".join(map(str, key)) for key in missing.itertuples(index=False)]
        rows = int((out["_merge"] == "left_only").sum())
        raise LookupError(f"not in reference data: {', '.join(keys)} ({rows} orders)")
    return out.drop(columns="_merge")


def enrich(orders: pd.DataFrame) -> pd.DataFrame:
    work["enrich runs"] += 1
    work["order rows enriched"] += len(orders)
    customer_ids = sorted(orders["customer_id"].unique())
    pairs = orders[["currency", "order_date"]].drop_duplicates().sort_values(["currency", "order_date"])

    # One query per reference table; the keys are parameters, so no client-side table is involved.
    segments = REF.query(
        "SELECT customer_id, segment FROM customers WHERE customer_id = ANY(?)",
        [customer_ids],
    )
    rates = REF.query(RATES_SQL, [pairs["currency"].tolist(), pairs["order_date"].tolist()])

    out = merge_lookup(orders, segments, ["customer_id"])
    out = merge_lookup(out, rates, ["currency", "order_date"])
    out["amount_eur"] = [to_cents(a, r) for a, r in zip(out["amount"], out["rate_to_eur"], strict=True)]
    return out.drop(columns="rate_to_eur")


def build_reports(enriched: pd.DataFrame) -> dict[str, pd.DataFrame]:
    totals = enriched.groupby("customer_id", as_index=False)["amount_eur"].sum()
    return {
        "daily": enriched.groupby("order_date", as_index=False)["amount_eur"].sum(),
        "segment": enriched.groupby("segment", as_index=False)["amount_eur"].sum(),
        "top": totals.sort_values("amount_eur", ascending=False, kind="stable").head(5).reset_index(drop=True),
    }


# --8<-- [end:fix]


if __name__ == "__main__":
    # --8<-- [start:compare]
    reports = build_reports(enrich(load_orders()))  # one enriched frame, three readers
    before = reproduce.build_reports()
    for name in sorted(before):
        pd.testing.assert_frame_equal(reports[name], before[name], check_exact=True)
    print(f"reports identical: {len(before)} of {len(before)}")
    print(f"report digest: before {digest(before)}, after {digest(reports)}")
    print(f"{'work':<24}{'before':>8}{'after':>8}")

    def shown(counter, name):
        return f"{counter[name]:,}" if name in counter else "-"

    for name in sorted(reproduce.work | work):
        print(f"{name:<24}{shown(reproduce.work, name):>8}{shown(work, name):>8}")
    # --8<-- [end:compare]
    print(f"duckdb {duckdb.__version__}")
