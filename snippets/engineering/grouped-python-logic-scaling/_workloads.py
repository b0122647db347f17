"""Deterministic event tables with different group shapes (support file, not a snippet)."""

import numpy as np
import pandas as pd

START = pd.Timestamp("2026-03-01")
MINUTES_IN_WINDOW = 60 * 24 * 60  # events fall somewhere in 60 days


def make_events(group_sizes: dict[str, int], seed: int = 7) -> pd.DataFrame:
    """One row per event; every timestamp is unique so no method has to break ties."""
    rng = np.random.default_rng(seed)
    total = sum(group_sizes.values())
    minutes = rng.choice(MINUTES_IN_WINDOW, size=total, replace=False)
    customers = np.repeat(list(group_sizes), list(group_sizes.values()))
    events = pd.DataFrame(
        {
            "customer_id": customers,
            "ts": START + pd.to_timedelta(minutes, unit="min"),
            "amount": rng.integers(5, 500, size=total),
        }
    )
    events = events.sort_values("ts", kind="stable").reset_index(drop=True)
    events.insert(0, "event_id", np.arange(1, total + 1))
    return events


def customers(n: int) -> list[str]:
    return [f"C{i:04d}" for i in range(n)]


WORKLOADS = {
    # 50 customers, 10 events each: the shape the job was written for.
    "bounded": {c: 10 for c in customers(50)},
    # Same 500 rows, but half of them carry one placeholder key.
    "skewed": {**{c: 10 for c in customers(25)}, "UNKNOWN": 250},
    # Same 50 customers after their history kept growing.
    "grown": {c: 100 for c in customers(50)},
    # Same 500 rows, one event per customer.
    "fragmented": {c: 1 for c in customers(500)},
}


def workload(name: str) -> pd.DataFrame:
    return make_events(WORKLOADS[name])
