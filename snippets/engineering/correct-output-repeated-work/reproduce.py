# snippet: timeout=60
"""A pipeline whose reports are right while the same enrichment and lookups run many times over."""

from collections import Counter

import pandas as pd
from _data import digest, load_orders, reference_db, to_cents

REF = reference_db()
work = Counter()


# --8<-- [start:failure]
def segment_for(customer_id: str) -> str:
    work["segment queries"] += 1
    return REF.execute("SELECT segment FROM customers WHERE customer_id = ?", [customer_id]).fetchone()[0]


def eur_rate(currency: str, day) -> float:
    work["fx queries"] += 1
    return REF.execute(
        "SELECT rate_to_eur FROM fx_rates WHERE currency = ? AND rate_date = ?", [currency, day]
    ).fetchone()[0]


def enriched_orders() -> pd.DataFrame:
    work["enrich runs"] += 1
    orders = load_orders()
    work["order rows enriched"] += len(orders)
    orders["segment"] = orders["customer_id"].map(segment_for)
    orders["amount_eur"] = [
        to_cents(amount, eur_rate(cur, day))
        for amount, cur, day in zip(orders["amount"], orders["currency"], orders["order_date"], strict=True)
    ]
    return orders


# Three reports, each written by a different person, each asking for "the enriched orders".
def daily_revenue() -> pd.DataFrame:
    return enriched_orders().groupby("order_date", as_index=False)["amount_eur"].sum()


def revenue_by_segment() -> pd.DataFrame:
    return enriched_orders().groupby("segment", as_index=False)["amount_eur"].sum()


def top_customers() -> pd.DataFrame:
    totals = enriched_orders().groupby("customer_id", as_index=False)["amount_eur"].sum()
    return totals.sort_values("amount_eur", ascending=False, kind="stable").head(5).reset_index(drop=True)


def build_reports() -> dict[str, pd.DataFrame]:
    return {"daily": daily_revenue(), "segment": revenue_by_segment(), "top": top_customers()}


# --8<-- [end:failure]


if __name__ == "__main__":
    # --8<-- [start:run]
    reports = build_reports()
    print(reports["segment"].to_string(index=False))
    print(f"daily rows: {len(reports['daily'])}, top customer: {reports['top'].iloc[0, 0]}")
    print(f"report digest: {digest(reports)}")
    orders = load_orders()
    keys = {
        "segment queries": orders["customer_id"].nunique(),
        "fx queries": len(orders[["currency", "order_date"]].drop_duplicates()),
    }
    print(f"{'work':<20}{'count':>7}{'distinct keys':>15}{'per key':>9}")
    for name, count in sorted(work.items()):
        per_key = f"{keys[name]:>15}{count / keys[name]:>9.1f}" if name in keys else ""
        print(f"{name:<20}{count:>7,}{per_key}")
    # --8<-- [end:run]
