"""Deterministic orders and a small reference database (support file, not a snippet)."""

import hashlib
from decimal import ROUND_HALF_UP, Decimal

import duckdb
import numpy as np
import pandas as pd

CURRENCIES = ["EUR", "GBP", "USD"]
DAYS = pd.date_range("2026-06-01", periods=20, freq="D").date
CUSTOMERS = [f"C{i:03d}" for i in range(30)]
SEGMENTS = ["enterprise", "mid-market", "self-serve"]


def load_orders() -> pd.DataFrame:
    """600 orders: 30 customers, 3 currencies, 20 days."""
    rng = np.random.default_rng(11)
    n = 600
    return pd.DataFrame(
        {
            "order_id": np.arange(1, n + 1),
            "order_date": rng.choice(DAYS, size=n),
            "customer_id": rng.choice(CUSTOMERS, size=n),
            "currency": rng.choice(CURRENCIES, size=n),
            "amount": rng.integers(1_000, 90_000, size=n) / 100,
        }
    )


def reference_db() -> duckdb.DuckDBPyConnection:
    """Customer segments and daily FX rates, as a reference database would serve them."""
    rng = np.random.default_rng(5)
    con = duckdb.connect(":memory:")
    con.execute("CREATE TABLE customers (customer_id VARCHAR PRIMARY KEY, segment VARCHAR)")
    con.executemany(
        "INSERT INTO customers VALUES (?, ?)",
        [[c, SEGMENTS[i % len(SEGMENTS)]] for i, c in enumerate(CUSTOMERS)],
    )
    con.execute("CREATE TABLE fx_rates (currency VARCHAR, rate_date DATE, rate_to_eur DOUBLE)")
    base = {"EUR": 1.0, "GBP": 1.17, "USD": 0.92}
    rows = []
    for day in DAYS:
        for cur in CURRENCIES:
            drift = 0.0 if cur == "EUR" else float(rng.normal(0, 0.004))
            rows.append([cur, day, round(base[cur] + drift, 4)])
    con.executemany("INSERT INTO fx_rates VALUES (?, ?, ?)", rows)
    return con


def to_cents(amount: float, rate: float) -> Decimal:
    """The one rounding rule both pipelines use: exact decimal product, half a cent rounds up."""
    return (Decimal(str(amount)) * Decimal(str(rate))).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def digest(reports: dict[str, pd.DataFrame]) -> str:
    """A short fingerprint of every report, to compare runs at a glance."""
    h = hashlib.sha256()
    for name in sorted(reports):
        h.update(name.encode())
        h.update(reports[name].to_csv(index=False).encode())
    return h.hexdigest()[:12]
