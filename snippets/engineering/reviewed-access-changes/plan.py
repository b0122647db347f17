"""The same ticket as a plan: a diff against the current privileges, printed before anything runs."""

import sys
from pathlib import Path

sys.dont_write_bytecode = True  # import the helpers without leaving __pycache__ beside them
sys.path.insert(0, str(Path(__file__).parent))
from _access import Request, held, make_plan, show_plan, warehouse  # noqa: E402

con = warehouse()

# --8<-- [start:plan]
finance_read = (("SELECT", "finance.invoices"), ("SELECT", "finance.payments"))
as_written = Request("req-1", "ana", "analyst_emea", "exact", finance_read)
as_meant = Request("req-1", "ana", "analyst_emea", "add", finance_read)

for request in (as_written, as_meant):
    show_plan(make_plan(con, request))
print("analyst_emea still holds:", ", ".join(held(con, "analyst_emea")))
# --8<-- [end:plan]
