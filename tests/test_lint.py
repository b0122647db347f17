"""Lint is part of the suite: ruff's checks and its formatting over all the Python in the repository."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

RUFF = Path(sys.executable).parent / "ruff"
TARGETS = ["hooks", "tests", "snippets", "bench"]


@pytest.mark.parametrize("command", [["check"], ["format", "--check"]], ids=["ruff check", "ruff format"])
def test_ruff(command):
    targets = [t for t in TARGETS if (REPO / t).exists()]
    done = subprocess.run([str(RUFF), *command, *targets], cwd=REPO, capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"{done.stdout}{done.stderr}\nfix with: make format"
