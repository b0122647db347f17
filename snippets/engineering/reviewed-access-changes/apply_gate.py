"""Review and approval that the apply step refuses to skip, on the same ticket."""

import sys
from pathlib import Path

sys.dont_write_bytecode = True  # import the helpers without leaving __pycache__ beside them
sys.path.insert(0, str(Path(__file__).parent))
from _access import Refused, Request, apply, approve, readable, start_log, submit, warehouse  # noqa: E402

FINANCE_READ = ("main.finance.invoices", "main.finance.payments")
con = warehouse()
log = start_log(con, at="2026-04-20 09:00:00")


def try_apply(plan, at):
    try:
        print(f"{at[11:16]} apply {plan.plan_id}: applied {apply(con, log, plan, at)} changes")
    except Refused as refusal:
        print(f"{at[11:16]} apply {plan.plan_id}: REFUSED, {refusal}")


# --8<-- [start:flow]
exact = submit(con, log, Request("req-1", "ana", "analyst_emea", "exact", FINANCE_READ), at="2026-04-20 09:14:00")
try_apply(exact, at="2026-04-20 09:15:00")
approve(log, exact.plan_id, "ana", at="2026-04-20 09:16:00")
try_apply(exact, at="2026-04-20 09:17:00")
approve(log, exact.plan_id, "ben", at="2026-04-20 09:30:00")
try_apply(exact, at="2026-04-20 09:31:00")

# chen (main.sales) does not approve the REVOKEs; ana resubmits the request as "add"
add = submit(con, log, Request("req-1", "ana", "analyst_emea", "add", FINANCE_READ), at="2026-04-20 09:35:00")
approve(log, add.plan_id, "ben", at="2026-04-20 09:40:00")
# out of band, someone runs one GRANT by hand before the apply step gets to it
con.execute("INSERT INTO grants VALUES ('analyst_emea', 'SELECT', 'TABLE', 'main.finance.invoices')")
try_apply(add, at="2026-04-20 10:00:00")

again = submit(con, log, Request("req-1", "ana", "analyst_emea", "add", FINANCE_READ), at="2026-04-20 10:05:00")
approve(log, again.plan_id, "ben", at="2026-04-20 10:20:00")
try_apply(again, at="2026-04-20 10:21:00")
print("analyst_emea can read:", *readable(con, "analyst_emea"), sep="\n  ")
# --8<-- [end:flow]
