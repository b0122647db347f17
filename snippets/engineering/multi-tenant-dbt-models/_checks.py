"""Checks that run on a tenant's dbt manifest: forked models and tables nothing builds any more."""

import difflib
import json
import re
from pathlib import Path

import duckdb
import sqlglot
from sqlglot import exp

SHARED = "models/shared/"
THRESHOLD = 0.6  # share of normalized lines two models have in common before the check flags a copy


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
        mine = normalized(model["compiled_code"] if compiled else jinja_as_sql(model["raw_code"]))
        for original in shared:
            theirs = normalized(original["compiled_code"] if compiled else jinja_as_sql(original["raw_code"]))
            similarity = difflib.SequenceMatcher(None, theirs, mine).ratio()
            if similarity >= threshold:
                findings.append(f"{where}: {similarity:.0%} the same as {original['name']}")
                diff = difflib.unified_diff(theirs, mine, lineterm="", n=0)
                findings += [f"    {line}" for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    return findings


def stale_tables(tenant: str, manifest_path: Path, database: str | Path) -> list[str]:
    """Tables in the tenant's database that no enabled model, seed or source accounts for."""
    manifest = json.loads(manifest_path.read_text())
    nodes = manifest["nodes"].values()
    expected = {(n["schema"], n["alias"]) for n in nodes if n["resource_type"] in ("model", "seed")}
    expected |= {(s["schema"], s["name"]) for s in manifest["sources"].values()}
    tables = "select table_schema, table_name from information_schema.tables where table_catalog = ?"
    with duckdb.connect(str(database)) as con:
        actual = set(con.execute(tables, [tenant]).fetchall())
    return [f"{schema}.{name}" for schema, name in sorted(actual - expected)]
