"""Checks that run on a tenant's dbt manifest: forked models and tables nothing builds any more."""

import difflib
import json
from pathlib import Path

import duckdb
import sqlglot
from sqlglot import exp

SHARED = "models/shared/"


def normalized(compiled_sql: str) -> list[str]:
    """One clause per line, no comments, no tenant database name: two copies of a model compare equal."""
    tree = sqlglot.parse_one(compiled_sql, read="duckdb")
    for table in tree.find_all(exp.Table):
        table.set("catalog", None)  # "tenant_b"."main"."stg_orders" -> main.stg_orders
    for identifier in tree.find_all(exp.Identifier):
        identifier.set("quoted", False)
    return tree.sql(dialect="duckdb", pretty=True, comments=False).splitlines()


def find_forks(manifest_path: Path, threshold: float = 0.6) -> list[str]:
    """Flag every model outside models/shared/ that reads raw sources or copies a shared model."""
    nodes = json.loads(manifest_path.read_text())["nodes"].values()
    models = sorted((n for n in nodes if n["resource_type"] == "model"), key=lambda n: n["name"])
    shared = [m for m in models if m["original_file_path"].startswith(SHARED)]
    findings = []
    for model in models:
        if model in shared:
            continue
        path = model["original_file_path"]
        for source in sorted(s for s in model["depends_on"]["nodes"] if s.startswith("source.")):
            findings.append(f"{path}: reads {source.split('.', 2)[2]} directly, not through a shared model")
        mine = normalized(model["compiled_code"])
        for original in shared:
            theirs = normalized(original["compiled_code"])
            similarity = difflib.SequenceMatcher(None, theirs, mine).ratio()
            if similarity >= threshold:
                findings.append(f"{path}: {similarity:.0%} the same as {original['name']} after normalizing")
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
