"""The engine is reusable: installed with pip into an empty virtualenv, it builds and verifies another site.

The other site is tests/fixture_site with a mkdocs.yml that loads the engine as a plugin (`plugins: [notesite]`),
not through this repository's hook file, and no pytest configuration but its rootdir: the pytest plugin must
arrive through its entry point. Nothing of hooks/ is copied into the site, and no path of this repository is put
on the virtualenv's sys.path.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURE, REPO, _env

TOP_LEVEL_IGNORED = {".git", ".venv", "site", ".cache", ".pytest_cache", "node_modules", "bench", "docs", "snippets"}


def ignored(folder: str, names: list[str]) -> set[str]:
    """Build output and local environments at the top of the repository (hooks/notesite/site/ is source)."""
    top = Path(folder) == REPO
    return {name for name in names if name == "__pycache__" or (top and name in TOP_LEVEL_IGNORED)}


def run(command: list[str], cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess:
    env = {k: v for k, v in _env().items() if k != "VIRTUAL_ENV"}
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False)


def plugin_config() -> str:
    """This site's mkdocs.yml, with the engine as an installed plugin instead of the hook file."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert "hooks:\n  - hooks/notes.py\n" in text and "plugins:\n  - search\n" in text
    text = text.replace("hooks:\n  - hooks/notes.py\n", "")
    text = text.replace("watch:\n  - snippets\n  - hooks\n", "watch:\n  - snippets\n")
    return text.replace("plugins:\n  - search\n", "plugins:\n  - search\n  - notesite\n")


@pytest.mark.xdist_group("install")
def test_pip_install_gives_another_site_the_mkdocs_and_pytest_plugins(tmp_path):
    # The repository as pip gets it from a checkout (a copy, so that the build leaves no egg-info in this clone).
    source = tmp_path / "source"
    shutil.copytree(REPO, source, ignore=ignored)
    venv = tmp_path / "venv"
    assert run([sys.executable, "-m", "venv", str(venv)], tmp_path).returncode == 0
    python = venv / "bin" / "python"
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    installed = run([*pip, "-r", str(REPO / "requirements.txt"), str(source)], tmp_path)
    assert installed.returncode == 0, installed.stdout + installed.stderr

    site = tmp_path / "other-site"
    shutil.copytree(FIXTURE, site)
    (site / "mkdocs.yml").write_text(plugin_config(), encoding="utf-8")
    (site / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")  # the rootdir; the plugin comes by entry point
    assert not (site / "hooks").exists()

    where = run([str(python), "-c", "import notesite; print(notesite.__file__)"], site)
    assert where.stdout.strip().startswith(str(venv)), where.stdout + where.stderr

    built = run([str(venv / "bin" / "mkdocs"), "build", "--strict"], site)
    assert built.returncode == 0, built.stdout + built.stderr
    assert "Verified output" in (site / "site" / "engineering" / "alpha" / "index.html").read_text(encoding="utf-8")

    verified = run([str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider"], site)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "11 passed" in verified.stdout
    collected = run([str(python), "-m", "pytest", "--collect-only", "-q"], site).stdout
    assert "snippets/engineering/alpha/hello.py::hello.py" in collected and "docs/study/beta.ipynb" in collected

    # The installed engine fails a drifted snippet with the same message as this repository's.
    out = site / "snippets" / "engineering" / "alpha" / "hello.out"
    out.write_text("a=1\nb=3\n", encoding="utf-8")
    drifted = run([str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider"], site)
    assert drifted.returncode == 1
    assert "snippets/engineering/alpha/hello.out:2: output drifted" in drifted.stdout
    assert "python -m pytest --accept snippets/engineering/alpha/hello.py" in drifted.stdout
