"""Run the shared dbt project for one tenant, in the current (temporary) folder.

Every tenant is one dbt target: its own DuckDB file and its own target folder. The target name is
also the key of the tenant's settings, so one name picks both the database and the logic.
"""

import json
import os
import shutil
from pathlib import Path

import duckdb

HERE = Path(__file__).parent
WORK = Path.cwd()  # the snippet's temporary folder: project copy, profiles.yml, one .duckdb per tenant
TENANTS = ["tenant_a", "tenant_b"]  # tenants with raw data and an entry in tenant_settings

os.environ.update(
    DBT_SEND_ANONYMOUS_USAGE_STATS="False",
    DO_NOT_TRACK="1",
    DBT_LOG_PATH=str(WORK / "logs"),
)

from dbt.cli.main import dbtRunner  # noqa: E402  (after the environment is set)


def prepare() -> Path:
    """Copy the shared project here, write one profile target per tenant, land each tenant's raw data."""
    project = WORK / "project"
    for leftover in [project, WORK / "target", *WORK.glob("*.duckdb")]:  # a rerun in the same folder starts clean
        shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink(missing_ok=True)
    shutil.copytree(HERE / "project", project)
    # --8<-- [start:profiles]
    # One profile, one output (dbt target) per tenant, one DuckDB file per tenant. The target name
    # is the tenant: tenant_setting() looks up target.name in the registry.
    targets = TENANTS + ["tenant_c"]  # tenant_c: connection set up, no registry entry yet
    outputs = {t: {"type": "duckdb", "path": str(WORK / f"{t}.duckdb"), "threads": 1} for t in targets}
    profile = {"orders_platform": {"target": TENANTS[0], "outputs": outputs}}
    (WORK / "profiles.yml").write_text(json.dumps(profile, indent=2))  # JSON is valid YAML
    # --8<-- [end:profiles]
    for tenant in TENANTS:  # stands in for the ingestion job that lands raw.orders per tenant
        with duckdb.connect(str(WORK / f"{tenant}.duckdb")) as con:
            con.execute("create schema raw")
            con.execute(
                "create table raw.orders as select * from read_csv($path)",
                {"path": str(HERE / "raw" / f"{tenant}_orders.csv")},
            )
    return project


def dbt(command: str, tenant: str, dbt_vars: dict | None = None, check: bool = True) -> Path:
    """`dbt <command>` for one tenant; returns that tenant's target folder (manifest.json, run_results.json)."""
    target_path = WORK / "target" / tenant
    # --8<-- [start:invoke]
    args = [command, "--project-dir", str(WORK / "project"), "--profiles-dir", str(WORK)]
    args += ["--target", tenant]  # the tenant: its database and, through target.name, its settings
    args += ["--target-path", str(target_path)]  # its manifest, run results and partial-parse state
    args += ["--quiet", "--no-use-colors", "--log-level", "none", "--no-version-check"]
    # --8<-- [end:invoke]
    if dbt_vars:  # only the mismatch example passes --vars
        args += ["--vars", json.dumps(dbt_vars)]
    result = dbtRunner().invoke(args)
    if check and not result.success:
        failures = [
            f"{r.node.name}: {r.status} {r.message}"
            for r in (result.result or [])
            if str(r.status) not in ("success", "pass")
        ]
        raise RuntimeError(f"dbt {command} failed for {tenant}: {result.exception or failures}")
    return target_path


def query(tenant: str, sql: str) -> list[tuple]:
    with duckdb.connect(str(WORK / f"{tenant}.duckdb")) as con:
        return con.execute(sql).fetchall()


def summary(target_path: Path) -> str:
    """What `dbt build` reported, counted by resource type and status: '3 models success, ...'."""
    results = json.loads((target_path / "run_results.json").read_text())["results"]
    counts: dict[tuple[str, str], int] = {}
    for r in results:
        key = (r["unique_id"].split(".")[0], r["status"])
        counts[key] = counts.get(key, 0) + 1
    return ", ".join(f"{n} {kind}{'s' if n > 1 else ''} {status}" for (kind, status), n in sorted(counts.items()))


def failed_tests(target_path: Path) -> list[str]:
    """The tests that failed in the last run, with dbt's count of failing rows."""
    results = json.loads((target_path / "run_results.json").read_text())["results"]
    return [
        f"{r['unique_id'].split('.')[2]}: {r['status']}, {r['failures']} failing row{'s' if r['failures'] > 1 else ''}"
        for r in sorted(results, key=lambda r: r["unique_id"])
        if r["unique_id"].startswith("test.") and r["status"] in ("fail", "error")
    ]


def install_fork(project: Path) -> Path:
    """The state before the fix: tenant_b's loyalty work lives in a copy of fct_orders, not in an extension."""
    shutil.rmtree(project / "models" / "extensions")
    fork = project / "models" / "tenants" / "tenant_b" / "fct_orders_tenant_b.sql"
    fork.parent.mkdir(parents=True)
    shutil.copy(HERE / "fork" / "fct_orders_tenant_b.sql", fork)
    return fork
