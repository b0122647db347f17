"""Shared test helpers: a throw-away copy of a small site that uses this repository's engine.

`FixtureSite` copies tests/fixture_site (three sections, a Python snippet, a SQL snippet with a setup file,
a notebook) together with the real mkdocs.yml and hooks/ into a temporary folder, so a test can break one
thing and run the real build or the real snippet checks on it, exactly as an author would, in a
subprocess, and read what they print.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from notesite import config, index

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixture_site"
BIN = Path(sys.executable).parent


@dataclass(frozen=True)
class Result:
    returncode: int
    output: str  # stdout and stderr together, as a terminal shows them


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "PYTHONPATH"))}
    env["NO_MKDOCS_2_WARNING"] = "1"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def _run(command: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: float = 180) -> Result:
    done = subprocess.run(
        command, cwd=cwd, env=env or _env(), capture_output=True, text=True, timeout=timeout, check=False
    )
    return Result(done.returncode, done.stdout + done.stderr)


class FixtureSite:
    def __init__(self, root: Path):
        self.root = root
        shutil.copytree(FIXTURE, root)
        shutil.copytree(REPO / "hooks", root / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
        # Makes root the rootdir, and loads the snippet plugin from this repository, as pyproject.toml does here.
        (root / "pytest.ini").write_text(
            f"[pytest]\naddopts = -p notesite.verify.plugin\npythonpath = {REPO / 'hooks'}\n"
            "notesite_accept_command = make accept NOTE={note}\n",
            encoding="utf-8",
        )

    def path(self, rel: str) -> Path:
        return self.root / rel

    def read(self, rel: str) -> str:
        return self.path(rel).read_text(encoding="utf-8")

    def write(self, rel: str, text: str) -> None:
        target = self.path(rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    def append(self, rel: str, text: str) -> None:
        self.write(rel, self.read(rel) + text)

    def replace(self, rel: str, old: str, new: str) -> None:
        text = self.read(rel)
        assert old in text, f"{old!r} not in {rel}"
        self.write(rel, text.replace(old, new))

    def build(self, env: dict[str, str] | None = None) -> Result:
        """`mkdocs build --strict` into _site/; `env`: variables to set for this build (CI, say)."""
        command = [str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(self.root / "_site")]
        return _run(command, self.root, {**_env(), "CI": "", **(env or {})})

    def verify(self, *args: str, cache: bool = False, env: dict[str, str] | None = None) -> Result:
        """The snippet and page checks on this site; with `cache`, results persist between calls as in `make test`;
        `env`: variables to set for this run."""
        env = {**_env(), **(env or {})}
        env["PYTHONPATH"] = str(REPO / "hooks")
        no_cache = [] if cache else ["-p", "no:cacheprovider"]
        command = [sys.executable, "-m", "pytest", "-p", "notesite.verify.plugin", *no_cache, "-q", *args]
        return _run(command, self.root, env)

    def files(self) -> dict[str, bytes]:
        """The site's files, without the caches a run writes (.cache/, git-ignored in a real site: the verification
        record, mkdocs-jupyter's cache)."""
        return {
            p.relative_to(self.root).as_posix(): p.read_bytes()
            for p in self.root.rglob("*")
            if p.is_file() and p.relative_to(self.root).parts[0] != ".cache"
        }


@pytest.fixture
def site(tmp_path: Path) -> FixtureSite:
    return FixtureSite(tmp_path / "site")


@dataclass(frozen=True)
class BuiltSite:
    root: Path  # the built site/ folder
    output: str  # what `mkdocs build --strict` printed
    returncode: int


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> BuiltSite:
    """The real site, built once per test worker (mark modules that use it `xdist_group("site")`)."""
    root = tmp_path_factory.mktemp("site")
    result = _run([str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(root)], REPO)
    return BuiltSite(root, result.output, result.returncode)


@pytest.fixture(scope="session")
def notes() -> index.NoteIndex:
    """The real note index, read the way the build reads it."""
    site = config.load(REPO)
    docs = site.docs_dir
    uris = [p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.suffix in (".md", ".ipynb")]
    return index.build(docs, uris, site.sections)


def page(site: BuiltSite, uri: str) -> BeautifulSoup:
    return BeautifulSoup((site.root / uri).read_text(encoding="utf-8"), "html.parser")


def note_page(note: index.Note) -> str:
    """Where a note's HTML is in the built site."""
    return note.src_uri.rsplit(".", 1)[0] + "/index.html"
