"""The same ticket as a plan: a diff against the current grants, inherited ones included, printed first."""

import sys
from pathlib import Path

sys.dont_write_bytecode = True  # import the helpers without leaving __pycache__ beside them
sys.path.insert(0, str(Path(__file__).parent))
from _access import Request, make_plan, readable, show_plan, warehouse  # noqa: E402

con = warehouse()

# --8<-- [start:plan]
finance_read = ("main.finance.invoices", "main.finance.payments")
as_written = Request("req-1", "ana", "analyst_emea", "exact", finance_read)
as_meant = Request("req-1", "ana", "analyst_emea", "add", finance_read)

for request in (as_written, as_meant):
    show_plan(make_plan(con, request))
print("analyst_emea can still read:", ", ".join(readable(con, "analyst_emea")))
# --8<-- [end:plan]
