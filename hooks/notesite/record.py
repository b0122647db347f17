"""The verification record: what `make test` verified, when, and with what; what the build shows readers.

One JSON file (by default `.cache/notesite/verification.json`, beside mkdocs.yml and ignored by git), written by
the pytest plugin at the end of a run and read by the build. Per example (a snippet, by its path under the snippets
folder, or a notebook, by its path under the docs folder):

    fingerprint   contract.fingerprint of the example when it ran (the build compares it with the files now)
    kind          python, sql, dbt or notebook
    result        passed or failed
    runner        zygote, subprocess or nbclient
    seconds       how long it ran (the last real run's, for a cached pass)
    python        the interpreter's version
    packages      the versions of the distributions that provide the modules the example imports
    verified      when it ran (UTC, ISO 8601); a cached pass keeps the date of the run that verified it

The schema is record.schema.json beside this file. Imports neither MkDocs nor pytest.
"""

from __future__ import annotations

import ast
import datetime as dt
import functools
import importlib.metadata
import json
import os
import sys
import tempfile
from pathlib import Path

from . import contract

SCHEMA_VERSION = 1
DEFAULT_PATH = ".cache/notesite/verification.json"
SCHEMA_FILE = Path(__file__).with_name("record.schema.json")


def now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def python_version() -> str:
    return ".".join(map(str, sys.version_info[:3]))


def imported_modules(sources: list[str]) -> set[str]:
    """The top-level modules that Python sources import (`import a.b` and `from a import b`; not relative)."""
    found = set()
    for source in sources:
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.add(node.module.split(".")[0])
    return found


@functools.cache
def _distributions() -> dict[str, list[str]]:
    return importlib.metadata.packages_distributions()


def package_versions(modules: set[str]) -> dict[str, str]:
    """Distribution name -> version, for the installed distributions that provide these modules (the standard
    library and the example's own helper modules provide none)."""
    versions = {}
    for module in sorted(modules):
        for name in _distributions().get(module, []):
            try:
                versions[name] = importlib.metadata.version(name)
            except importlib.metadata.PackageNotFoundError:
                continue
    return dict(sorted(versions.items(), key=lambda item: item[0].lower()))


def snippet_entry(snippet: Path, fingerprint: str, result: str, runner: str | None, seconds: float | None) -> dict:
    """`fingerprint`: contract.fingerprint of the snippet, which the caller has already computed for its cache key."""
    sources = [p.read_text(encoding="utf-8", errors="replace") for p in snippet.parent.glob("*.py")]
    modules = imported_modules(sources)
    if snippet.suffix == ".sql":
        kind, modules = "sql", modules | {"duckdb"}
    else:
        kind = "dbt" if "dbt" in modules else "python"
    return entry(fingerprint, kind, result, runner, seconds, modules)


def notebook_entry(notebook: Path, code: list[str], result: str, seconds: float | None) -> dict:
    return entry(contract.file_fingerprint(notebook), "notebook", result, "nbclient", seconds, imported_modules(code))


def entry(fingerprint: str, kind: str, result: str, runner: str | None, seconds: float | None, modules) -> dict:
    return {
        "fingerprint": fingerprint,
        "kind": kind,
        "result": result,
        "runner": runner or "",
        "seconds": round(seconds, 4) if seconds is not None else None,
        "python": python_version(),
        "packages": package_versions(set(modules)),
        "verified": now(),
    }


def shown_packages(packages: dict[str, str], limit: int = 3) -> list[tuple[str, str]]:
    """The versions worth a reader's glance, at most `limit`: a distribution named like a module (duckdb), a
    `-core` one (dbt-core), or a plug-in that pairs two of them (dbt-duckdb); not the helpers they pull in."""
    names = {name.lower() for name in packages}
    stems = {name.split("-")[0] for name in names}

    def worth_showing(name: str) -> bool:
        prefix, _, suffix = name.lower().partition("-")
        return not suffix or suffix == "core" or (prefix in stems and suffix in names)

    return [(name, version) for name, version in packages.items() if worth_showing(name)][:limit]


def read(path: Path) -> dict | None:
    """The record, or None when there is none (a build before any test run) or it cannot be read."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("schema") == SCHEMA_VERSION else None


def write(path: Path, snippets: dict[str, dict], notebooks: dict[str, dict], keep: dict | None = None) -> None:
    """Write the record atomically; entries of `keep` (the previous record) not run this time are kept when their
    example still exists (the caller passes only those)."""
    keep = keep or {}
    data = {
        "schema": SCHEMA_VERSION,
        "snippets": dict(sorted({**keep.get("snippets", {}), **snippets}.items())),
        "notebooks": dict(sorted({**keep.get("notebooks", {}), **notebooks}.items())),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False, encoding="utf-8", suffix=".tmp") as file:
        json.dump(data, file, indent=1, sort_keys=True)
        file.write("\n")
    os.replace(file.name, path)


def merge(records: list[dict]) -> dict:
    """One record from the parts that shards of a run wrote: every example once, its newest entry (on a tie, the
    entry of the later part)."""
    merged: dict[str, dict[str, dict]] = {"snippets": {}, "notebooks": {}}
    for part in records:
        for group in merged:
            for name, found in part.get(group, {}).items():
                if name not in merged[group] or found["verified"] >= merged[group][name]["verified"]:
                    merged[group][name] = found
    return {"schema": SCHEMA_VERSION, **{group: dict(sorted(entries.items())) for group, entries in merged.items()}}


def main(argv: list[str]) -> int:
    """`python -m notesite.record merge PART.json… --into RECORD.json`: what CI's build job runs on the parts the
    test shards uploaded."""
    if len(argv) < 4 or argv[0] != "merge" or argv[-2] != "--into":
        print("usage: python -m notesite.record merge PART.json [PART.json…] --into RECORD.json", file=sys.stderr)
        return 2
    parts = []
    for name in argv[1:-2]:
        part = read(Path(name))
        if part is None:
            print(f"{name}: not a verification record (schema {SCHEMA_VERSION})", file=sys.stderr)
            return 1
        parts.append(part)
    merged = merge(parts)
    write(Path(argv[-1]), merged["snippets"], merged["notebooks"])
    counts = {group: len(merged[group]) for group in ("snippets", "notebooks")}
    print(f"{argv[-1]}: {counts['snippets']} snippets and {counts['notebooks']} notebooks from {len(parts)} parts")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
