"""An exact request that lists exactly the tables the principal reads today: the table list does not change."""

import sys
from pathlib import Path

sys.dont_write_bytecode = True  # import the helpers without leaving __pycache__ beside them
sys.path.insert(0, str(Path(__file__).parent))
from _access import Request, make_plan, show_plan, warehouse  # noqa: E402

con = warehouse()

# --8<-- [start:sales]
sales_read = ("main.sales.customers_emea", "main.sales.orders_emea")  # what analyst_emea reads today
show_plan(make_plan(con, Request("req-2", "ana", "analyst_emea", "exact", sales_read)))
# --8<-- [end:sales]
