"""Two weeks of real runs of the fixed job, then the audit queries over the manifest they wrote."""

from datetime import date, timedelta
from pathlib import Path

from _job import RunSpec, prepare, rerun_spec, run, scheduled_spec, snapshot_support
from _warehouse import build_warehouse, remap_in_place

con = build_warehouse()
prepare(con)

# --8<-- [start:timeline]
for offset in range(10):  # the scheduler: runs on 2026-05-03 to 2026-05-12
    start = date(2026, 5, 2) + timedelta(days=offset)
    end = start + timedelta(days=1)  # each run starts the morning its interval closes
    if end == date(2026, 5, 8):
        remap_in_place(con)
    snapshot_support(con, end)
    run(con, scheduled_spec(start, end), ran_on=end)

# 2026-05-12, after the scheduled run: an order for 2026-05-11 arrives late.
con.execute("INSERT INTO orders VALUES (1011, '2026-05-11', 'A-100', 'GBP', 20.00)")

may3, may11, may12, may13 = date(2026, 5, 3), date(2026, 5, 11), date(2026, 5, 12), date(2026, 5, 13)
run(con, rerun_spec(con, may3, "restore partition"), ran_on=may12)
run(con, RunSpec(may3, may3 + timedelta(days=1), may12, "restate: B-200 remap"), ran_on=may12)
run(con, rerun_spec(con, may11, "restore partition"), ran_on=may13)
# --8<-- [end:timeline]

((n,),) = con.execute("SELECT count(*) FROM run_manifest").fetchall()
print(f"{n} runs in the manifest")
audit = (Path(__file__).parent / "_audit.sql").read_text(encoding="utf-8")
for query in filter(str.strip, audit.split(";")):
    query = "\n".join(line for line in query.splitlines() if not line.startswith("-- --8<--"))
    if query.strip():
        print()
        print(con.sql(query).df().to_string(index=False))
