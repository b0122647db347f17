"""Re-execute a notebook and compare its outputs with the ones stored in it (what the site shows).

Outputs are compared after removing what legitimately changes between runs: execution counts, timing
metadata, memory addresses. Text, HTML and SVG are compared exactly; binary images (PNG, JPEG) only by
their presence, since their bytes are not a stable contract.
"""

from __future__ import annotations

import difflib
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ADDRESS = re.compile(r"0x[0-9a-fA-F]{6,}")
BINARY = ("image/png", "image/jpeg", "image/gif")
CELL_TIMEOUT = 120  # seconds per cell


@dataclass(frozen=True)
class CellDrift:
    index: int  # 1-based position among all cells
    source: str
    diff: str

    def headline(self) -> str:
        first = (self.source.strip().splitlines() or [""])[0][:60]
        return f"cell {self.index} (`{first}`)"


def normalized(outputs) -> str:
    """One comparable text for a cell's outputs."""
    parts = []
    for output in outputs:
        kind = output.get("output_type")
        if kind == "stream":
            parts.append(f"[{output.get('name')}]\n{output.get('text', '')}")
        elif kind in ("execute_result", "display_data"):
            for mime, value in sorted(output.get("data", {}).items()):
                text = "(binary image)" if mime in BINARY else (value if isinstance(value, str) else "".join(value))
                parts.append(f"[{mime}]\n{text}")
        elif kind == "error":
            parts.append(f"[error] {output.get('ename')}: {output.get('evalue')}")
    return ADDRESS.sub("0x…", "\n".join(parts))


def execute(path: Path, env: dict[str, str]) -> nbformat.NotebookNode:
    """A fresh run of the notebook, in an empty temporary folder. Raises CellExecutionError on error."""
    notebook = nbformat.read(path, as_version=4)
    kernel = notebook.metadata.get("kernelspec", {}).get("name", "python3")
    with tempfile.TemporaryDirectory(prefix="notebook-") as workdir:
        client = NotebookClient(
            notebook,
            kernel_name=kernel,
            timeout=CELL_TIMEOUT,
            allow_errors=False,
            record_timing=False,
            resources={"metadata": {"path": workdir}},
        )
        client.execute(env=env)
    return notebook


def drift(stored: nbformat.NotebookNode, fresh: nbformat.NotebookNode) -> list[CellDrift]:
    found = []
    for index, (old, new) in enumerate(zip(stored.cells, fresh.cells), start=1):
        if old.cell_type != "code":
            continue
        before, after = normalized(old.get("outputs", [])), normalized(new.get("outputs", []))
        if before != after:
            diff = "".join(
                difflib.unified_diff(
                    before.splitlines(keepends=True), after.splitlines(keepends=True), "stored", "re-executed", n=2
                )
            )
            found.append(CellDrift(index, old.source, diff))
    return found


__all__ = ["CellExecutionError", "drift", "execute"]
