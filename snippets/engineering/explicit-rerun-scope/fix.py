"""The same rerun with an explicit window, a pinned support-data snapshot and a run manifest."""

from datetime import date

import duckdb
from _job import RunSpec, prepare, published, rerun_spec, run, run_statements, scheduled_spec, snapshot_support
from _warehouse import build_warehouse, fingerprint, partition, remap_in_place

# --8<-- [start:timeline]
D3, D4, D12 = date(2026, 5, 3), date(2026, 5, 4), date(2026, 5, 12)


def timeline(execute):
    """The scheduled run, the remap and a new snapshot, with `execute` as the way a run is carried out."""
    con = build_warehouse()
    prepare(con)
    snapshot_support(con, D4)
    execute(con, scheduled_spec(D4), D4)  # the scheduled run
    remap_in_place(con)  # 2026-05-08
    snapshot_support(con, D12)
    return con


con = timeline(run)
original = fingerprint(con, D3, D4)
run(con, rerun_spec(con, D3, "restore partition"), D12)
print(partition(con, "2026-05-03").to_string(index=False, float_format="{:.2f}".format))
print(f"restore matches original md5: {fingerprint(con, D3, D4) == original}")

# A restatement is allowed, but only as a decision with a reason: '' breaks the manifest's CHECK.
for name, execute in (("three autocommits", run_statements), ("one transaction", run)):
    trial = timeline(execute)
    try:
        execute(trial, RunSpec(D3, D4, D12, reason=""), D12)
    except duckdb.ConstraintException:
        print(f"{name}: restatement refused; partition matches manifest: {published(trial, D3)}")

run(con, RunSpec(D3, D4, D12, "restate: B-200 remap"), D12)
print(
    con.sql("""SELECT run_id AS run, ran_on, window_start, support_snapshot AS snapshot,
                      reason, output_rows AS rows, output_total AS total, output_md5[:8] AS md5
               FROM run_manifest ORDER BY run_id""")
    .df()
    .to_string(index=False)
)
# --8<-- [end:timeline]
