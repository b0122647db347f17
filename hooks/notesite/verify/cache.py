"""Skip a snippet whose result cannot have changed since it last passed.

The key hashes everything that can change what a snippet prints or whether it passes:
- the snippet's fingerprint (contract.fingerprint: its name and every file of its note folder);
- the runner that runs it, and whether the network is taken away (isolation differs between machines);
- the exact environment the runner passes to it (runner.environment());
- the interpreter (version, implementation, executable) and every installed distribution with its version;
- the engine's own code: the contract, the runners and the verifier.
Only passes are remembered. A clean clone has no cache, so CI always runs everything; `pytest --cache-clear` does
the same locally.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import json
import sys
from pathlib import Path

from .. import contract
from ..contract import Snippet
from ..run import isolation, runner

ENGINE = Path(__file__).resolve().parent.parent  # the notesite package
ENGINE_PARTS = ("contract.py", "run", "verify")


@functools.cache
def interpreter() -> str:
    return json.dumps([sys.version, sys.implementation.cache_tag, sys.executable, sys.platform])


@functools.cache
def packages() -> str:
    """Every distribution importable from here, with its version (read once per test process)."""
    found = {(d.metadata["Name"] or "").lower(): d.version for d in importlib.metadata.distributions()}
    return json.dumps(sorted(found.items()))


@functools.cache
def engine_code() -> str:
    digest = hashlib.sha256()
    for part in ENGINE_PARTS:
        path = ENGINE / part
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            digest.update(file.relative_to(ENGINE).as_posix().encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()


def key(snippet: Snippet, fingerprint: str | None = None) -> str:
    """`fingerprint`: contract.fingerprint of the snippet, when the caller has it already."""
    chosen = runner.runner_for(snippet)
    parts = {
        "snippet": fingerprint or contract.fingerprint(snippet.path),
        "runner": chosen,
        "network": "declared" if snippet.network else isolation.available(),
        "environment": sorted(runner.environment().items()),
        "interpreter": interpreter(),
        "packages": packages(),
        "engine": engine_code(),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()
