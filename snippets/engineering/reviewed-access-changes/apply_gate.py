"""Review and approval that the apply step refuses to skip, on the same ticket."""

import sys
from pathlib import Path

sys.dont_write_bytecode = True  # import the helpers without leaving __pycache__ beside them
sys.path.insert(0, str(Path(__file__).parent))
from _access import Refused, Request, apply, approve, make_plan, readable, start_log, submit, warehouse  # noqa: E402

FINANCE_READ = ("main.finance.invoices", "main.finance.payments")
con = warehouse()
log = start_log(con, at="2026-04-20 09:00:00")


def try_apply(plan_id, at):
    try:
        print(f"{at[11:16]} apply {plan_id}: applied {apply(con, log, plan_id, at)} changes")
    except Refused as refusal:
        print(f"{at[11:16]} apply {plan_id}: REFUSED, {refusal}")


# --8<-- [start:flow]
exact = submit(con, log, Request("req-1", "ana", "analyst_emea", "exact", FINANCE_READ), at="2026-04-20 09:14:00")
try_apply(exact.plan_id, at="2026-04-20 09:15:00")
approve(log, exact.plan_id, "ben", at="2026-04-20 09:30:00")
try_apply(exact.plan_id, at="2026-04-20 09:31:00")
# ana writes chen's approval into the log herself, with the MAC copied from ben's row
mac = con.execute("SELECT detail FROM access_audit WHERE event = 'approved'").fetchone()[0]
log.append("2026-04-20 09:32:00", "approved", "chen", plan_id=exact.plan_id, detail=mac)
print("09:32 chain after her row:", log.verify() or "intact")
try_apply(exact.plan_id, at="2026-04-20 09:33:00")

# chen (main.sales) does not approve the REVOKEs. ben, who owns main.finance, resubmits as "add" and approves it
own = submit(con, log, Request("req-1", "ben", "analyst_emea", "add", FINANCE_READ), at="2026-04-20 09:35:00")
approve(log, own.plan_id, "ben", at="2026-04-20 09:36:00")
try_apply(own.plan_id, at="2026-04-20 09:37:00")
# then he hands the gate the same request with ana as the requester, which he never submitted
forged = make_plan(con, Request("req-1", "ana", "analyst_emea", "add", FINANCE_READ))
try_apply(forged.plan_id, at="2026-04-20 09:38:00")

add = submit(con, log, Request("req-1", "ana", "analyst_emea", "add", FINANCE_READ), at="2026-04-20 09:40:00")
approve(log, add.plan_id, "ben", at="2026-04-20 09:45:00")
# out of band, someone revokes the sales schema grant by hand; the plan's statements stay the same
con.execute("DELETE FROM grants WHERE principal = 'analyst_emea' AND privilege = 'SELECT' AND securable = 'main.sales'")
try_apply(add.plan_id, at="2026-04-20 10:00:00")

again = submit(con, log, Request("req-1", "ana", "analyst_emea", "add", FINANCE_READ), at="2026-04-20 10:05:00")
approve(log, again.plan_id, "ben", at="2026-04-20 10:20:00")
try_apply(again.plan_id, at="2026-04-20 10:21:00")
print("changes in", add.plan_id, "and", again.plan_id, "the same:", add.changes == again.changes)
print("analyst_emea can read:", *readable(con, "analyst_emea"), sep="\n  ")
# --8<-- [end:flow]
