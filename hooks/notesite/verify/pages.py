"""pytest items for the pages themselves: every example shown is verified, notebooks still reproduce."""

from __future__ import annotations

import nbformat
import pytest

from .. import contract
from ..run import runner
from . import notebooks
from .items import AuthorItem
from .report import SnippetFailure


class PageFile(pytest.File):
    def collect(self):
        yield ShownItem.from_parent(self, name="shown examples")


class ShownItem(AuthorItem):
    """Every include shows a verified file as pymdownx renders it, and every ```python / ```sql fence is a
    snippet include or says why it is not run."""

    def runtest(self) -> None:
        project = self.project
        page = project.rel(self.path)
        source = self.path.read_text(encoding="utf-8-sig")
        problems = [
            f"{page}:{line}: {problem}"
            for line, problem in contract.include_problems(source, project.includes, project.snippets_dir)
        ]
        if problems:
            raise SnippetFailure("\n".join(problems))
        bad = contract.unverified_fences(source, project.includes)
        if bad:
            lines = "\n".join(f"{page}:{fence.line}: ```{fence.lang} block that nothing runs" for fence in bad)
            raise SnippetFailure(
                f"{lines}\n\nA reader may copy this code, and no test checks it. Either move it into a snippet\n"
                'file under snippets/ and include it (`--8<-- "section/note/name.py"`), or, if it is not\n'
                "meant to run (pseudo-code, a fragment), say so on the line just above the fence:\n"
                "    <!-- not-run: why this is not runnable -->"
            )

    def reportinfo(self):
        return self.path, 0, f"page {self.project.rel(self.path)}: shown examples"


class NotebookFile(pytest.File):
    def collect(self):
        yield NotebookItem.from_parent(self, name="re-executed outputs")


class NotebookItem(AuthorItem):
    """The notebook runs top to bottom without error and prints what the page shows."""

    def runtest(self) -> None:
        project = self.project
        where = project.rel(self.path)
        stored = nbformat.read(self.path, as_version=4)
        try:
            fresh = notebooks.execute(self.path, runner.environment())
        except notebooks.CellExecutionError as error:
            raise SnippetFailure(f"{where}: a cell raised when re-executed:\n{error}") from None
        changed = notebooks.drift(stored, fresh)
        if changed and self.config.getoption("accept"):
            nbformat.write(fresh, self.path)  # only outputs differ: the cells' sources are the ones just read
            self.user_properties.append(("accepted", where))
            return
        if changed:
            details = "\n\n".join(f"{where}: {cell.headline()}: output changed\n{cell.diff}" for cell in changed)
            raise SnippetFailure(
                f"{details}\n\nThe page shows the stored outputs. If the new ones are right, store them:\n"
                f"{project.accept(self.path)}   (re-executes it and saves the outputs); otherwise fix the cell."
            )

    def reportinfo(self):
        return self.path, 0, f"notebook {self.project.rel(self.path)}"
