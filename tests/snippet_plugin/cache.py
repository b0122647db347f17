"""Skip a snippet whose result cannot have changed: same files, same dependencies, same interpreter.

The key hashes everything that can change what a snippet prints or whether it passes: every file in its
note folder (the snippet, its expected output, setup files, data, a dbt project), the verifier's own code,
requirements.txt and the Python version. Only passes are remembered. A clean clone has no cache, so CI
always runs everything; `pytest --cache-clear` does the same locally.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

PLUGIN_DIR = Path(__file__).parent


def key(note_dir: Path, snippet_name: str, requirements: Path) -> str:
    digest = hashlib.sha256()
    digest.update(sys.version.encode())
    digest.update(snippet_name.encode())
    files = sorted(p for p in note_dir.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    files += sorted(PLUGIN_DIR.glob("*.py"))
    if requirements.exists():
        files.append(requirements)
    for path in files:
        digest.update(path.as_posix().encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()
