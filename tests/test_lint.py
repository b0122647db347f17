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


def test_the_workflow_is_valid_for_github_actions():
    """Against the GitHub Actions workflow schema that check-jsonschema ships (no network)."""
    workflows = sorted(str(p) for p in (REPO / ".github" / "workflows").glob("*.yml"))
    checker = Path(sys.executable).parent / "check-jsonschema"
    done = subprocess.run(
        [str(checker), "--builtin-schema", "vendor.github-workflows", *workflows],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_workflow_shards_as_many_runners_as_it_says():
    """SHARDS tells pytest-split how many parts there are; the matrix must run exactly those parts."""
    import yaml

    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    test = workflow["jobs"]["test"]
    assert test["strategy"]["matrix"]["shard"] == list(range(1, int(test["env"]["SHARDS"]) + 1))
