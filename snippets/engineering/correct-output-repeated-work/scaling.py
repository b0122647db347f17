# snippet: timeout=90
"""The old pipeline's queries grow with orders x reports; the keys it needs barely move."""

import fix
import reproduce
from _data import load_orders

ALL_ORDERS = load_orders()


# --8<-- [start:scaling]
def revenue_by_currency(enriched=None):  # a fourth report, written like the other three
    enriched = reproduce.enriched_orders() if enriched is None else enriched
    return enriched.groupby("currency", as_index=False)["amount_eur"].sum()


print(f"{'orders':>6}{'reports':>9}{'enrich runs':>13}{'queries':>9}{'distinct keys':>15}{'fixed':>7}")
for n_orders in (150, 300):
    orders = ALL_ORDERS.head(n_orders)
    reproduce.load_orders = orders.copy
    keys = orders["customer_id"].nunique() + len(orders[["currency", "order_date"]].drop_duplicates())
    for n_reports in (3, 4):
        reproduce.work.clear()
        fix.work.clear()
        reproduce.build_reports()
        enriched = fix.enrich(orders)
        fix.build_reports(enriched)
        if n_reports == 4:
            revenue_by_currency()  # old: the fourth report enriches again
            revenue_by_currency(enriched)  # fixed: it reads the one enriched frame
        old = reproduce.work["customers queries"] + reproduce.work["fx_rates queries"]
        new = fix.work["customers queries"] + fix.work["fx_rates queries"]
        print(f"{n_orders:>6}{n_reports:>9}{reproduce.work['enrich runs']:>13}{old:>9,}{keys:>15}{new:>7}")
# --8<-- [end:scaling]
