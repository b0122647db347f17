# snippet: timeout=60
"""A pipeline whose reports are right while the same enrichment and lookups run many times over."""

from collections import Counter

import pandas as pd
import sqlglot
from _data import digest, load_orders, reference_db, to_cents
from sqlglot import exp


# --8<-- [start:counting]
class CountedConnection:
    """Every query the pipeline sends passes through here, so no new lookup can skip the count."""

    def __init__(self, con, work: Counter):
        self.con, self.work = con, work

    def query(self, sql: str, params: list) -> pd.DataFrame:
        # Every table the query reads, not just the first: a join is its own counter.
        tables = sorted({t.name for t in sqlglot.parse_one(sql, read="duckdb").find_all(exp.Table)})
        table = "+".join(tables)
        result = self.con.execute(sql, params)
        columns = [column[0] for column in result.description]
        rows = result.fetchall()
        self.work[f"{table} queries"] += 1
        self.work[f"{table} rows fetched"] += len(rows)
        return pd.DataFrame(rows, columns=columns)


# --8<-- [end:counting]

work = Counter()
REF = CountedConnection(reference_db(), work)


# --8<-- [start:failure]
def segment_for(customer_id: str) -> str:
    return REF.query("SELECT segment FROM customers WHERE customer_id = ?", [customer_id]).iat[0, 0]


def eur_rate(currency: str, day) -> float:
    return REF.query("SELECT rate_to_eur FROM fx_rates WHERE currency = ? AND rate_date = ?", [currency, day]).iat[0, 0]


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
        "customers": orders["customer_id"].nunique(),
        "fx_rates": len(orders[["currency", "order_date"]].drop_duplicates()),
    }
    print(f"{'work':<24}{'count':>7}{'distinct keys':>15}{'per key':>9}")
    for name, count in sorted(work.items()):
        table = name.split()[0]
        per_key = f"{keys[table]:>15}{count / keys[table]:>9.1f}" if table in keys else ""
        print(f"{name:<24}{count:>7,}{per_key}")
    # --8<-- [end:run]
