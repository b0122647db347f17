"""Review and approval that the apply step refuses to skip, on the same ticket."""

import sys
from pathlib import Path

sys.dont_write_bytecode = True  # import the helpers without leaving __pycache__ beside them
sys.path.insert(0, str(Path(__file__).parent))
from _access import Refused, Request, apply, approve, held, start_log, submit, warehouse  # noqa: E402

FINANCE_READ = (("SELECT", "finance.invoices"), ("SELECT", "finance.payments"))
con = warehouse()
log = start_log(con, at="2026-04-20 09:00:00")


def try_apply(plan, approvals, at):
    try:
        print(f"{at[11:16]} apply {plan.plan_id}: changes applied: {apply(con, log, plan, approvals, at)}")
    except Refused as refusal:
        print(f"{at[11:16]} apply {plan.plan_id}: REFUSED, {refusal}")


# --8<-- [start:flow]
exact = submit(con, log, Request("req-1", "ana", "analyst_emea", "exact", FINANCE_READ), at="2026-04-20 09:14:00")
try_apply(exact, [], at="2026-04-20 09:15:00")
try_apply(exact, [approve(log, exact, "ana", at="2026-04-20 09:16:00")], at="2026-04-20 09:17:00")
try_apply(exact, [approve(log, exact, "ben", at="2026-04-20 09:30:00")], at="2026-04-20 09:31:00")

# chen (sales) does not approve the REVOKEs; ana resubmits the request as "add"
add = submit(con, log, Request("req-1", "ana", "analyst_emea", "add", FINANCE_READ), at="2026-04-20 09:35:00")
ben_ok = approve(log, add, "ben", at="2026-04-20 09:40:00")
# out of band, someone runs one GRANT by hand before the apply step gets to it
con.execute("INSERT INTO grants VALUES ('analyst_emea', 'SELECT', 'finance.invoices')")
try_apply(add, [ben_ok], at="2026-04-20 10:00:00")

again = submit(con, log, Request("req-1", "ana", "analyst_emea", "add", FINANCE_READ), at="2026-04-20 10:05:00")
try_apply(again, [approve(log, again, "ben", at="2026-04-20 10:20:00")], at="2026-04-20 10:21:00")
print("analyst_emea holds:", ", ".join(held(con, "analyst_emea")))
# --8<-- [end:flow]
