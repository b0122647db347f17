"""pytest plugin: every runnable file under the snippets folder is a test, and so is every page.

Loaded with `-p snippet_plugin` (pyproject.toml does it). It reads mkdocs.yml at the root to find the docs
and snippets folders, collects `snippets/<section>/<note>/<name>.py|.sql` as one item each, runs it in its
own process and compares what it prints with `<name>.out`. Each page under docs/ is checked for runnable
code that nothing verifies; each notebook is re-executed and compared with its stored outputs.
`--accept` writes new expected output instead of failing on drift, and lists every file it wrote.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .items import PROJECT, SnippetFile
from .pages import NotebookFile, PageFile
from .project import Project
from .snippet import is_snippet


def pytest_addoption(parser):
    group = parser.getgroup("snippets", "tested notes")
    group.addoption(
        "--accept",
        action="store_true",
        default=False,
        help="write what each snippet prints now into its .out file (only expected-output files change)",
    )


def pytest_configure(config):
    root = Path(config.rootpath)
    config.stash[PROJECT] = Project.load(root) if (root / "mkdocs.yml").exists() else None


def pytest_collect_file(file_path: Path, parent):
    project = parent.config.stash[PROJECT]
    if project is None:
        return None
    if is_snippet(file_path, project.snippets_dir):
        return SnippetFile.from_parent(parent, path=file_path)
    if file_path.is_relative_to(project.docs_dir):
        if file_path.suffix == ".md":
            return PageFile.from_parent(parent, path=file_path)
        if file_path.suffix == ".ipynb" and ".ipynb_checkpoints" not in file_path.parts:
            return NotebookFile.from_parent(parent, path=file_path)
    return None


class _NotAModule(pytest.File):
    """What pytest's Python plugin gets for a snippet: nothing to import, nothing to collect."""

    def collect(self):
        return []


@pytest.hookimpl(tryfirst=True)
def pytest_pycollect_makemodule(module_path: Path, parent):
    """A snippet named on the command line (`pytest snippets/…/fix.py`) would otherwise also be imported as a
    test module: executed inside the pytest process, in the repository, where it could write files."""
    project = parent.config.stash[PROJECT]
    if project is not None and is_snippet(module_path, project.snippets_dir):
        return _NotAModule.from_parent(parent, path=module_path)
    return None


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    # stats also holds deselected items and warnings: keep only test reports
    reports = [r for reports in terminalreporter.stats.values() for r in reports if isinstance(r, pytest.TestReport)]
    accepted = sorted({value for r in reports for key, value in r.user_properties if key == "accepted"})
    cached = sum(1 for r in reports if r.when == "call" and ("snippet", "cached") in r.user_properties)
    if config.getoption("accept"):
        terminalreporter.section("accepted snippet output")
        for path in accepted:
            terminalreporter.write_line(f"wrote {path}")
        if not accepted:
            terminalreporter.write_line("no expected output changed")
    if cached:
        terminalreporter.write_line(
            f"{cached} snippet(s) unchanged since they last passed: not re-run (pytest --cache-clear runs all)"
        )


@pytest.hookimpl(tryfirst=True)
def pytest_report_header(config):
    project = config.stash[PROJECT]
    if project is None:
        return "snippets: no mkdocs.yml at the root, no snippets collected"
    return f"snippets: {project.rel(project.snippets_dir)}/, pages: {project.rel(project.docs_dir)}/"
