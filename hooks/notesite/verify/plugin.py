"""pytest plugin: every runnable file under the snippets folder is a test, and so is every page.

Registered as the `notesite` pytest11 entry point when the engine is installed, or loaded with
`-p notesite.verify.plugin`. It reads mkdocs.yml at the rootdir to find the docs and snippets folders (through the
contract), collects each snippet as one item that runs it in its own process and compares what it prints with its
expected output, and each file that looks verified but is not (a runnable file outside a note folder, an output
with no snippet) as an item that fails. Each page is checked for includes that would show unverified code and for
runnable fences that nothing runs; each notebook is re-executed and compared with its stored outputs.
`--accept` writes new expected output instead of failing on drift, and lists every file it wrote.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest

from .. import contract, record
from .items import PROJECT, SnippetFile, StrayFile
from .pages import NotebookFile, PageFile
from .project import Project

ACCEPT_INI = "notesite_accept_command"
RECORD_INI = "notesite_record"


def pytest_addoption(parser):
    group = parser.getgroup("notesite", "tested notes")
    group.addoption(
        "--accept",
        action="store_true",
        default=False,
        help="write what each snippet prints now into its .out file (only expected-output files change)",
    )
    parser.addini(
        ACCEPT_INI,
        "how an author records new expected output, shown in drift messages; {path}: the snippet, {note}: its folder",
        default=None,
    )
    parser.addini(RECORD_INI, "where the verification record is written, relative to the rootdir", default=None)


def pytest_configure(config):
    root = Path(config.rootpath)
    if not (root / "mkdocs.yml").exists():
        config.stash[PROJECT] = None
        return
    project = config.stash[PROJECT] = Project.load(root, config.getini(ACCEPT_INI))
    if not hasattr(config, "workerinput"):  # the controller (or a run without xdist) writes the record
        path = root / (config.getini(RECORD_INI) or record.DEFAULT_PATH)
        config.pluginmanager.register(RecordWriter(project, path), "notesite-record")


class RecordWriter:
    """Collects what each item verified (its report's `record` property, from any xdist worker) and writes the
    verification record when the run ends. Examples not run this time keep their entry while they exist."""

    def __init__(self, project: Project, path: Path):
        self.project, self.path = project, path
        self.found: dict[str, dict[str, dict]] = {"snippets": {}, "notebooks": {}}

    def pytest_runtest_logreport(self, report):
        for key, value in report.user_properties:
            if key == "record":
                group, name, entry = value
                self.found[group][name] = entry

    def pytest_sessionfinish(self, session):
        if not any(self.found.values()):
            return
        previous = record.read(self.path) or {}
        kept = {
            "snippets": {
                n: e for n, e in previous.get("snippets", {}).items() if (self.project.snippets_dir / n).is_file()
            },
            "notebooks": {
                n: e for n, e in previous.get("notebooks", {}).items() if (self.project.docs_dir / n).is_file()
            },
        }
        record.write(self.path, self.found["snippets"], self.found["notebooks"], kept)


def _relative(path: Path, folder: Path) -> PurePosixPath | None:
    try:
        return PurePosixPath(path.resolve().relative_to(folder).as_posix())
    except ValueError:
        return None


def pytest_collect_file(file_path: Path, parent):
    project = parent.config.stash[PROJECT]
    if project is None:
        return None
    rel = _relative(file_path, project.snippets_dir)
    if rel is not None:
        if contract.is_snippet(rel):
            return SnippetFile.from_parent(parent, path=file_path)
        problem = contract.stray_problem(file_path, project.snippets_dir)
        return StrayFile.from_parent(parent, path=file_path, problem=problem) if problem else None
    if _relative(file_path, project.docs_dir) is not None:
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
    """A `.py` file under the snippets folder (`pytest snippets/…/fix.py`) would otherwise also be imported as a
    test module: executed inside the pytest process, in the repository, where it could write files."""
    project = parent.config.stash[PROJECT]
    if project is not None and _relative(module_path, project.snippets_dir) is not None:
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
        return "notesite: no mkdocs.yml at the rootdir, no snippets collected"
    return f"notesite: snippets {project.rel(project.snippets_dir)}/, pages {project.rel(project.docs_dir)}/"
