# snippet: timeout=90
"""One shared project, two tenants: differences come from settings, extensions build on shared models."""

import json
import sys

sys.dont_write_bytecode = True  # importing the helpers must not write __pycache__ into the snippet folder
import _checks  # noqa: E402
from _dbt import TENANTS, dbt, prepare, query, summary  # noqa: E402


def first_error_line(error: RuntimeError) -> str:
    """The macro's message, without dbt's 'Compilation Error in model ...' header and call stack."""
    return next(line.strip() for line in str(error).splitlines() if "tenant" in line and "Compilation" not in line)


prepare()  # shared project + one DuckDB file per tenant, raw.orders landed in each

# --8<-- [start:fix]
for tenant in TENANTS:  # one run per tenant: same code, --target names the tenant
    artifacts = dbt("build", tenant)  # that tenant's manifest.json and run_results.json
    print(f"{tenant}: {summary(artifacts)}")
    compiled = json.loads((artifacts / "manifest.json").read_text())["nodes"]["model.orders_platform.fct_orders"]
    print(
        "  net_amount compiles to:",
        next(line.strip() for line in compiled["compiled_code"].splitlines() if "as net_amount" in line),
    )
    orders = query(tenant, "select order_id, status, net_amount from main.fct_orders order by order_id")
    for order_id, status, net_amount in orders:
        print(f"  {order_id}  {status:<10}{net_amount:>7.2f}")
    tables = query(tenant, "select table_name from information_schema.tables where table_schema = 'main' order by 1")
    print("  tables:", ", ".join(name for (name,) in tables))
    if "fct_loyalty_points" in {name for (name,) in tables}:
        points = query(tenant, "select customer_id, points from main.fct_loyalty_points order by all")
        print("  loyalty points:", ", ".join(f"{customer} {n}" for customer, n in points))
    manifest = artifacts / "manifest.json"
    for line in _checks.reconcile(manifest, f"{tenant}.duckdb"):
        print("  reconcile:", line)
    problems = _checks.find_forks(manifest) + _checks.stale_tables(tenant, manifest, f"{tenant}.duckdb")
    print("  forks and stale tables:", "; ".join(problems) or "none")
# --8<-- [end:fix]

# --8<-- [start:unknown]
try:  # tenant A's connection, tenant B's name in --vars: the run the old --vars registry allowed
    dbt("build", "tenant_a", dbt_vars={"tenant": "tenant_b"})
except RuntimeError as error:
    print("--target tenant_a --vars '{tenant: tenant_b}':\n ", first_error_line(error))
tables = query("tenant_a", "select table_name from information_schema.tables where table_schema = 'main' order by 1")
print("  tenant_a tables afterwards:", ", ".join(name for (name,) in tables))

try:  # a tenant that has a warehouse connection but no entry in tenant_settings
    dbt("build", "tenant_c")
except RuntimeError as error:
    print("--target tenant_c:\n ", first_error_line(error))
# --8<-- [end:unknown]
