"""Verifying one snippet, as a function: what the pytest items call and what the serve-time checker calls.

`check(project, path)` runs the snippet and returns a Verdict: passed, or failed with the message an author
reads (the same text `make test` prints). With `accept=True` a changed output is written to the expected-output
file, as the exact bytes the snippet printed. Nothing here knows about pytest or MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..contract import DeclarationError, Snippet
from ..run import runner
from . import report
from .project import Project
from .report import SnippetFailure


@dataclass(frozen=True)
class Verdict:
    ok: bool
    message: str = ""  # the failure, in the author's terms; empty when ok
    accepted: Path | None = None  # the expected-output file written with --accept
    seconds: float | None = None  # how long the snippet ran; None when it did not run
    runner: str | None = None


def load(project: Project, path: Path) -> Snippet:
    """The snippet and its declarations; SnippetFailure when a declaration cannot be read."""
    try:
        return Snippet.at(path)
    except DeclarationError as error:
        raise report.declaration(project, path, error) from None


def shown(project: Project, snippet: Snippet) -> None:
    """The page side of the contract, checked before the cache: a page that stops showing a snippet or its
    output fails even when the snippet itself is unchanged."""
    if not project.places(snippet.path):
        raise report.orphan(project, snippet)
    if snippet.expected.exists() and snippet.expected.stat().st_size and not project.places(snippet.expected):
        raise report.output_not_shown(project, snippet)


def run(project: Project, snippet: Snippet, accept: bool = False) -> Verdict:
    """Run it and compare its output with the expected output, byte for byte. Raises SnippetFailure."""
    result = runner.run(snippet)
    if result.timed_out:
        raise report.timed_out(project, snippet, result)
    if result.returncode != snippet.expected_exit:
        raise report.failed(project, snippet, result)
    expected = snippet.expected.read_bytes() if snippet.expected.exists() else None
    if expected == result.stdout:
        return Verdict(True, seconds=result.seconds, runner=result.runner)
    if not accept:
        if expected is None:
            raise report.missing_expected(project, snippet, result)
        raise report.drifted(project, snippet, result, expected)
    snippet.expected.write_bytes(result.stdout)
    if result.stdout and not project.places(snippet.expected):
        raise report.output_not_shown(project, snippet)
    return Verdict(True, accepted=snippet.expected, seconds=result.seconds, runner=result.runner)


def check(project: Project, path: Path, accept: bool = False) -> Verdict:
    """Everything the suite checks about one snippet, as a verdict (no cache: the caller keeps its own)."""
    try:
        snippet = load(project, path)
        shown(project, snippet)
        return run(project, snippet, accept)
    except SnippetFailure as failure:
        return Verdict(False, str(failure))
