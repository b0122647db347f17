# snippet: timeout=90
"""Tenant B's loyalty work lives in a copy of fct_orders: the build is green, the numbers are not."""

import sys
from importlib.metadata import version

sys.dont_write_bytecode = True  # importing the helpers must not write __pycache__ into the snippet folder
from _dbt import dbt, failed_tests, install_fork, prepare, query, summary  # noqa: E402

print(", ".join(f"{package} {version(package)}" for package in ["dbt-core", "dbt-duckdb", "duckdb"]))
project = prepare()  # shared project + one DuckDB file per tenant, raw.orders landed in each
fork = install_fork(project)  # models/tenants/tenant_b/fct_orders_tenant_b.sql, copied before the dedup fix

# --8<-- [start:failure]
artifacts = dbt("build", "tenant_b")
print("dbt build tenant_b:", summary(artifacts))

same_question = """
    select '{model}', count(*), count(distinct order_id), sum(net_amount) filter (where is_revenue)
    from main.{model}
"""
print(f"{'model':<22}{'rows':>5}{'orders':>8}{'revenue':>9}")
for model in ["fct_orders", "fct_orders_tenant_b"]:
    [(name, rows, orders, revenue)] = query("tenant_b", same_question.format(model=model))
    print(f"{name:<22}{rows:>5}{orders:>8}{revenue:>9.2f}")

for model in ["fct_orders", "fct_orders_tenant_b"]:
    amounts = query("tenant_b", f"select net_amount from main.{model} where order_id = 'B-2' order by all")
    print(f"B-2 in {model}:", ", ".join(f"{amount:.2f}" for (amount,) in amounts))
# --8<-- [end:failure]

# --8<-- [start:unique]
# The test fct_orders has, declared on the copy as well: the YAML nobody copied.
(fork.parent / "schema.yml").write_text("""
version: 2
models:
  - name: fct_orders_tenant_b
    columns:
      - name: order_id
        data_tests:
          - unique:
              config:
                store_failures: true  # keep the failing rows in a table, to name them
""")
artifacts = dbt("build", "tenant_b", check=False)  # a failing test fails the build: read its results
print("with a unique test on the copy:")
print("  build:", summary(artifacts))
print("  failed:", *failed_tests(artifacts))
audit = "select unique_field, n_records from main_dbt_test__audit.unique_fct_orders_tenant_b_order_id"
for order_id, versions in query("tenant_b", audit):
    print(f"  failing row: order_id {order_id}, {versions} rows")
# --8<-- [end:unique]
