# snippet: timeout=60
"""Two float roundings that can disagree with each other and with half-up; one decimal rule in both paths."""

import datetime

import duckdb
import fix
import pandas as pd
import reproduce

# --8<-- [start:rounding]
# Five orders: four whose exact euro amount ends in half a cent, one that does not.
DAY = datetime.date(2026, 6, 1)
orders = pd.DataFrame(
    {
        "order_id": [1, 2, 3, 4, 5],
        "order_date": [DAY] * 5,
        "customer_id": ["C000"] * 5,
        "currency": ["USD", "CHF", "GBP", "CHF", "SEK"],
        "amount": [835.00, 47.00, 241.25, 1.00, 120.10],
    }
)
rates = {"USD": 0.919, "CHF": 1.085, "GBP": 1.172, "SEK": 0.0917}
rate = orders["currency"].map(rates)

# The two roundings the pipelines used before: round() per row, Series.round on the frame.
old_per_row = [round(a * r, 2) for a, r in zip(orders["amount"], rate, strict=True)]
old_frame = (orders["amount"] * rate).round(2)

# Both real pipelines, now sharing to_cents, on these orders and a reference db holding these rates.
ref = duckdb.connect()
ref.execute("CREATE TABLE customers AS SELECT 'C000' AS customer_id, 'enterprise' AS segment")
ref.execute("CREATE TABLE fx_rates (currency VARCHAR, rate_date DATE, rate_to_eur DOUBLE)")
ref.executemany("INSERT INTO fx_rates VALUES (?, ?, ?)", [[c, DAY, r] for c, r in rates.items()])
reproduce.REF = reproduce.CountedConnection(ref, reproduce.work)
fix.REF = reproduce.CountedConnection(ref, fix.work)
reproduce.load_orders = orders.copy
per_row_path = reproduce.enriched_orders()["amount_eur"]
set_based_path = fix.enrich(orders.copy())["amount_eur"]

print(f"{'amount':>7}{'rate':>7}{'round()':>9}{'.round(2)':>10}  {'per-row path':>12}{'set-based':>10}")
for i, (a, r) in enumerate(zip(orders["amount"], rate, strict=True)):
    print(
        f"{a:>7.2f}{r:>7}{old_per_row[i]:>9.2f}{old_frame.iloc[i]:>10.2f}  "
        f"{per_row_path.iloc[i]:>12}{set_based_path.iloc[i]:>10}"
    )
half_up = [float(x) for x in per_row_path]
n = len(orders)
print(f"round() gives half-up:   {sum(p == h for p, h in zip(old_per_row, half_up, strict=True))} of {n}")
print(f".round(2) gives half-up: {sum(f == h for f, h in zip(old_frame, half_up, strict=True))} of {n}")
print(f"old roundings agree:     {sum(p == f for p, f in zip(old_per_row, old_frame, strict=True))} of {n}")
print(f"paths agree now:         {int((per_row_path == set_based_path).sum())} of {n}")
# --8<-- [end:rounding]
