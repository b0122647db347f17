"""Zensical for the build benchmark: its own virtualenv under bench/, and the corpus's mkdocs.yml in its dialect.

Zensical 0.0.73 is pinned: the newest releases do not install on this machine, 0.0.73 does. It is kept out of
the project's virtualenv (it pins its own Markdown stack) and installed on first use from the package registry;
when that fails the benchmark says so and measures the two MkDocs variants only.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

VERSION = "0.0.73"
VENV = Path(__file__).resolve().parent / ".zensical-venv"
BINARY = VENV / "bin" / "zensical"
CONFIG = "zensical.yml"  # written beside mkdocs.yml in the bare corpus


def installed_version() -> str | None:
    if not BINARY.exists():
        return None
    done = subprocess.run([str(BINARY), "--version"], capture_output=True, text=True, check=False)
    found = re.search(r"\d+\.\d+\.\d+", done.stdout + done.stderr)
    return found.group(0) if found else None


def ensure() -> Path | None:
    """The zensical command, installed if needed; None (with the reason printed) when it cannot be."""
    if installed_version() == VERSION:
        return BINARY
    print(f"installing zensical=={VERSION} into {VENV.relative_to(VENV.parent.parent)} ...", flush=True)
    steps = [
        [sys.executable, "-m", "venv", "--clear", str(VENV)],
        [str(VENV / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        + [f"zensical=={VERSION}"],
    ]
    for step in steps:
        done = subprocess.run(step, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            print(f"Zensical skipped: `{' '.join(step[-2:])}` failed:\n{(done.stdout + done.stderr)[-2000:]}")
            return None
    if installed_version() != VERSION:
        print(f"Zensical skipped: {BINARY} does not report version {VERSION}")
        return None
    return BINARY


def describe(binary: Path | None) -> str:
    return f"Zensical {VERSION} (bench/.zensical-venv)" if binary else "Zensical skipped (could not be installed)"


def write_config(root: Path) -> None:
    """mkdocs.yml as Zensical 0.0.73 reads it: no MkDocs-only `!relative` tag (paths resolve from the project
    folder anyway), and no look-around in regular expressions (Zensical's Rust regex engine has none)."""
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("!relative $config_dir/", "")
    text = re.sub(r"\(\?<?[!=][^)]*\)", "", text)
    (root / CONFIG).write_text(text, encoding="utf-8")
