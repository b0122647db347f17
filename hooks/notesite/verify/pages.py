"""pytest items for the pages themselves: every example shown is verified, notebooks still reproduce."""

from __future__ import annotations

import time

import nbformat
import pytest

from .. import contract, record
from ..run import runner
from . import figures, notebooks
from .items import AuthorItem
from .report import SnippetFailure


class PageFile(pytest.File):
    def collect(self):
        yield ShownItem.from_parent(self, name="shown examples")
        yield FiguresItem.from_parent(self, name="prose figures")


class FiguresItem(AuthorItem):
    """Every figure the prose quotes stands in an example the page shows (verify/figures.py says what counts)."""

    def runtest(self) -> None:
        project = self.project
        source = self.path.read_text(encoding="utf-8-sig")
        if self.path.suffix == ".ipynb":
            notebook = nbformat.reads(source, as_version=4)
            prose = [
                (number, line)
                for cell in notebook.cells
                if cell.cell_type == "markdown"
                for number, line in figures.prose_lines(cell.source, project.includes)
            ]
            shown = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
            shown += [
                notebooks.normalized(cell.get("outputs", [])) for cell in notebook.cells if cell.cell_type == "code"
            ]
            searched = ["the notebook's code cells and their outputs"]
        else:
            prose = figures.prose_lines(source, project.includes)
            shown, searched = figures.page_shown_texts(source, project.includes)
        missing = figures.untraced(prose, shown, figures.allowed(source))
        if missing:
            page = project.rel(self.path)
            lines = "\n".join(
                f"{page}:{f.line}: figure {f.text} appears in no example this page shows" for f in missing
            )
            raise SnippetFailure(
                f"{lines}\n\nsearched: {', '.join(searched) or 'nothing: the page shows no example'}\n"
                "Prose that quotes a figure goes wrong when the output changes. Quote it from an output the page\n"
                "shows (print it in the snippet), or drop it. If it does not come from an example (a version, a\n"
                "year), say so in a marker on the page: <!-- figure 1.11: why it is not from an output -->"
            )


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
        yield FiguresItem.from_parent(self, name="prose figures")


class NotebookItem(AuthorItem):
    """The notebook runs top to bottom without error and prints what the page shows."""

    def runtest(self) -> None:
        project = self.project
        where = project.rel(self.path)
        stored = nbformat.read(self.path, as_version=4)
        name = self.path.relative_to(project.docs_dir).as_posix()  # its name in the verification record
        code = [cell.source for cell in stored.cells if cell.cell_type == "code"]
        started = time.monotonic()
        try:
            fresh = notebooks.execute(self.path, runner.environment())
        except notebooks.CellExecutionError as error:
            failed = record.notebook_entry(self.path, code, "failed", None)
            self.user_properties.append(("record", ("notebooks", name, failed)))
            raise SnippetFailure(f"{where}: a cell raised when re-executed:\n{error}") from None
        seconds = time.monotonic() - started
        changed = notebooks.drift(stored, fresh)
        result = "failed" if changed and not self.config.getoption("accept") else "passed"
        entry = record.notebook_entry(self.path, code, result, seconds)
        self.user_properties.append(("record", ("notebooks", name, entry)))
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
