"""Checks that run on a tenant's dbt manifest: forked models, tables nothing builds, revenue that disagrees."""

import difflib
import json
import re
from pathlib import Path

import duckdb
import sqlglot
from sqlglot import exp

SHARED = "models/shared/"
THRESHOLD = 0.6  # share of normalized lines two models have in common before the check flags a copy
REVENUE = "sum(net_amount) filter (where is_revenue)"  # how fct_orders counts revenue


def normalized(sql: str) -> list[str]:
    """One clause per line, no comments, no tenant database name: two copies of a model compare equal."""
    tree = sqlglot.parse_one(sql, read="duckdb")
    for table in tree.find_all(exp.Table):
        table.set("catalog", None)  # "tenant_b"."main"."stg_orders" -> main.stg_orders
    for identifier in tree.find_all(exp.Identifier):
        identifier.set("quoted", False)
    return tree.sql(dialect="duckdb", pretty=True, comments=False).splitlines()


def jinja_as_sql(raw_code: str) -> str:
    """A disabled model is never compiled: read its raw code with ref/source as names, other calls as SQL."""
    sql = re.sub(r"\{%.*?%\}|\{\{\s*config\(.*?\)\s*\}\}", "", raw_code, flags=re.S)
    sql = re.sub(r"\{\{\s*ref\(\s*'(\w+)'\s*\)\s*\}\}", r"\1", sql)
    sql = re.sub(r"\{\{\s*source\(\s*'(\w+)',\s*'(\w+)'\s*\)\s*\}\}", r"\1.\2", sql)
    return re.sub(r"\{\{\s*(.*?)\s*\}\}", r"\1", sql, flags=re.S)  # {{ net_amount('x') }} -> net_amount('x')


def comparable(model: dict, compiled: bool) -> list[str] | None:
    """Normalized lines of a model, or None when raw code with both Jinja branches left in does not parse."""
    try:
        return normalized(model["compiled_code"] if compiled else jinja_as_sql(model["raw_code"]))
    except sqlglot.errors.ParseError:
        return None


def find_forks(manifest_path: Path, threshold: float = THRESHOLD) -> list[str]:
    """Flag every model outside models/shared/, enabled or disabled, that reads sources or copies a shared model."""
    manifest = json.loads(manifest_path.read_text())
    enabled = [n for n in manifest["nodes"].values() if n["resource_type"] == "model"]
    # A model switched off for this tenant is not compiled, but it is listed: under "disabled", not "nodes".
    disabled = [n for versions in manifest["disabled"].values() for n in versions if n["resource_type"] == "model"]
    shared = sorted((m for m in enabled if m["original_file_path"].startswith(SHARED)), key=lambda m: m["name"])
    findings = []
    for model in sorted(enabled + disabled, key=lambda m: m["original_file_path"]):
        path = model["original_file_path"]
        if path.startswith(SHARED):
            continue
        compiled = model in enabled  # enabled: compiled SQL for this tenant; disabled: raw code only
        where = model["name"] if compiled else f"{model['name']} [disabled]"
        for source in sorted(".".join(s) for s in model["sources"]):
            findings.append(f"{where}: reads source {source} directly")
        mine = comparable(model, compiled)
        for original in shared:
            theirs = comparable(original, compiled)
            if mine is None or theirs is None:
                findings.append(f"{where}: not compared with {original['name']}, raw code does not parse")
                continue
            similarity = difflib.SequenceMatcher(None, theirs, mine).ratio()
            if similarity >= threshold:
                findings.append(f"{where}: {similarity:.0%} the same as {original['name']}")
                diff = difflib.unified_diff(theirs, mine, lineterm="", n=0)
                findings += [f"    {line}" for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    return findings


def stale_tables(tenant: str, manifest_path: Path, database: str | Path) -> list[str]:
    """Tables and views, in every schema of the tenant's database, that no enabled node or source accounts for."""
    manifest = json.loads(manifest_path.read_text())
    nodes = manifest["nodes"].values()
    expected = {(n["schema"], n["alias"]) for n in nodes if n["resource_type"] in ("model", "seed", "snapshot")}
    expected |= {(s["schema"], s["name"]) for s in manifest["sources"].values()}
    tables = "select table_schema, table_name from information_schema.tables where table_catalog = ?"
    with duckdb.connect(str(database)) as con:
        actual = set(con.execute(tables, [tenant]).fetchall())
    return [f"{schema}.{name}" for schema, name in sorted(actual - expected)]


def reconcile(manifest_path: Path, database: str | Path) -> list[str]:
    """Every model outside models/shared/ that carries net_amount must add up to fct_orders' revenue."""
    manifest = json.loads(manifest_path.read_text())
    nodes = manifest["nodes"].values()
    models = [n for n in nodes if n["resource_type"] == "model" and not n["original_file_path"].startswith(SHARED)]
    columns_of = "select column_name from information_schema.columns where table_schema = ? and table_name = ?"
    lines = []
    with duckdb.connect(str(database)) as con:
        [(expected,)] = con.execute(f"select {REVENUE} from main.fct_orders").fetchall()
        for model in sorted(models, key=lambda m: m["name"]):
            relation = f"{model['schema']}.{model['alias']}"
            columns = {c for (c,) in con.execute(columns_of, [model["schema"], model["alias"]]).fetchall()}
            if "net_amount" not in columns:
                lines.append(f"{model['name']}: no net_amount column, not reconciled")
                continue
            # an order-level model marks its revenue rows; an aggregate that kept only revenue has no is_revenue
            [(revenue,)] = con.execute(
                f"select {REVENUE if 'is_revenue' in columns else 'sum(net_amount)'} from {relation}"
            ).fetchall()
            verdict = "ok" if round(revenue, 2) == round(expected, 2) else "MISMATCH"
            lines.append(f"{model['name']}: revenue {revenue:.2f}, fct_orders {expected:.2f}: {verdict}")
            if "order_id" in columns:  # an order-level model holds one row per order
                [(rows, orders)] = con.execute(f"select count(*), count(distinct order_id) from {relation}").fetchall()
                if rows != orders:
                    lines.append(f"{model['name']}: {rows} rows for {orders} orders: MISMATCH")
    return lines
