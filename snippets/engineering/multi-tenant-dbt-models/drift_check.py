# snippet: timeout=120
"""The checks that catch a fork on review, and the table a deleted fork leaves behind."""

import shutil
import sys

import duckdb

sys.dont_write_bytecode = True  # importing the helpers must not write __pycache__ into the snippet folder
from _checks import THRESHOLD, find_forks, reconcile, stale_tables  # noqa: E402
from _dbt import HERE, dbt, install_fork, prepare, summary  # noqa: E402

project = prepare()  # shared project + one DuckDB file per tenant, raw.orders landed in each
fork = install_fork(project)  # tenant_b's copy of fct_orders, as in forked_model.py

# --8<-- [start:check]
print(f"fork check, flagging {THRESHOLD:.0%} or more alike")
for tenant in ["tenant_a", "tenant_b"]:  # the copy is enabled for tenant_b only
    manifest = dbt("build", tenant) / "manifest.json"
    print(f"{tenant}'s manifest:")
    for finding in find_forks(manifest):
        print(" ", finding)
# --8<-- [end:check]

# --8<-- [start:reconcile]
for line in reconcile(manifest, "tenant_b.duckdb"):  # tenant_b's manifest, the copy built
    print("reconcile:", line)
# --8<-- [end:reconcile]

# --8<-- [start:retire]
fork.unlink()  # retire the copy ...
shutil.copytree(HERE / "project" / "models" / "extensions", project / "models" / "extensions")  # ... for the extension
artifacts = dbt("build", "tenant_b")
manifest = artifacts / "manifest.json"
print("rebuild without the fork:", summary(artifacts))
print("fork check:", "; ".join(find_forks(manifest)) or "clean")
for line in reconcile(manifest, "tenant_b.duckdb"):
    print("reconcile:", line)
print("stale tables:", ", ".join(stale_tables("tenant_b", manifest, "tenant_b.duckdb")) or "none")

with duckdb.connect("tenant_b.duckdb") as con:  # once nothing reads it any more
    con.execute("drop table main.fct_orders_tenant_b")
print("stale tables after the drop:", ", ".join(stale_tables("tenant_b", manifest, "tenant_b.duckdb")) or "none")
# --8<-- [end:retire]
