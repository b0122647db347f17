"""The same rerun with an explicit window, a pinned support-data snapshot and a run manifest."""

from datetime import date

import duckdb
from _job import RunSpec, prepare, published, rerun_spec, run, run_statements, scheduled_spec, scope, snapshot_support
from _warehouse import build_warehouse, fingerprint, partition, remap_in_place

# --8<-- [start:timeline]
D2, D3, D4, D10, D11, D12, D13 = (date(2026, 5, d) for d in (2, 3, 4, 10, 11, 12, 13))


def timeline(execute):
    """The scheduled run, the remap and a new snapshot, with `execute` as the way a run is carried out."""
    con = build_warehouse()
    prepare(con)
    snapshot_support(con, D4)
    snapshot_support(con, D4)  # the snapshot job, retried: the copy exists, nothing is added
    execute(con, scheduled_spec(D3, D4), D4)  # the scheduled run for [05-03, 05-04)
    remap_in_place(con)  # 2026-05-08
    snapshot_support(con, D12)
    return con


con = timeline(run)
original = fingerprint(con, D3, D4)
# The scope preview: "just rerun the job" on 2026-05-12, then the restore.
print(scope(scheduled_spec(D11, D12)))
print(scope(rerun_spec(con, D3, "restore partition")))
run(con, rerun_spec(con, D3, "restore partition"), D12)
print(partition(con, "2026-05-03").to_string(index=False, float_format="{:.2f}".format))
print(f"restore matches original md5: {fingerprint(con, D3, D4) == original}")
mappings, rates = con.execute(
    """SELECT (SELECT count(*) FROM sku_map_snapshots WHERE snapshot_date = $d),
              (SELECT count(*) FROM fx_rates_snapshots WHERE snapshot_date = $d)""",
    {"d": D4},
).fetchone()
print(f"snapshot {D4} after a retried job: {mappings} mappings, {rates} rates")
try:
    con.execute("INSERT INTO sku_map_snapshots SELECT DATE '2026-05-04', sku, category FROM sku_map")
except duckdb.ConstraintException:
    print(f"a second copy of snapshot {D4}: refused by its primary key")

# Refusals: a snapshot that was never taken, a day never published, an order the snapshot cannot map.
trial = timeline(run)
trial.execute("INSERT INTO orders VALUES (1012, '2026-05-03', 'E-500', 'EUR', 999.00)")  # late, new SKU
for attempt in (
    lambda: run(trial, RunSpec(D3, D4, D10, "restate"), D12),
    lambda: run(trial, rerun_spec(trial, D2, "restore partition"), D12),
    lambda: run(trial, rerun_spec(trial, D3, "restore partition"), D12),
):
    try:
        attempt()
    except (RuntimeError, LookupError) as refusal:
        print(f"refused: {refusal}")
print(f"after the refusals, {D3} matches manifest: {published(trial, D3)}; {D2}: {published(trial, D2)}")

# A restatement is allowed, but only as a decision with a reason: '' breaks the manifest's CHECK.
for name, execute in (("three autocommits", run_statements), ("one transaction", run)):
    trial = timeline(execute)
    try:
        execute(trial, RunSpec(D3, D4, D12, reason=""), D12)
    except duckdb.ConstraintException:
        print(f"{name}: restatement refused; partition matches manifest: {published(trial, D3)}")

run(con, RunSpec(D3, D4, D12, "restate: B-200 remap"), D12)
# A restore after the restatement repeats the restatement, the latest run of the day.
print(scope(rerun_spec(con, D3, "restore partition")))
run(con, rerun_spec(con, D3, "restore partition"), D13)
print(
    con.sql("""SELECT run_id AS run, ran_on, window_start AS start, support_snapshot AS snapshot,
                      reason, output_rows AS rows, output_total AS total, output_md5[:8] AS md5
               FROM run_manifest ORDER BY run_id""")
    .df()
    .to_string(index=False)
)
# --8<-- [end:timeline]
