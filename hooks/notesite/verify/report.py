"""Failure messages in the author's terms: which file and line, which pages show it, what to do next."""

from __future__ import annotations

import difflib
import re
import signal

from ..contract import Snippet
from ..run import runner
from ..run.runner import RunResult
from .project import Project

TRACE_LINE = re.compile(r'File "(?P<file>[^"]+)", line (?P<line>\d+)')
SQL_ERROR = re.compile(r"^(?P<file>\S+\.sql):(?P<line>\d+): (?P<message>.*)$", re.M)
# What a refused connection looks like from inside a network namespace with no device up, in Python and DuckDB.
NO_NETWORK = re.compile(
    r"Network is unreachable|Errno 101|Temporary failure in name resolution|Errno -3|"
    r"Name or service not known|Could not resolve host"
)


class SnippetFailure(Exception):
    """A snippet check failed; the message is complete and needs no Python traceback around it."""


def commands(project: Project, snippet: Snippet) -> tuple[str, str]:
    """(how to reproduce, how to accept new output) as an author would type them."""
    path = project.rel(snippet.path)
    if snippet.kind == "sql":
        reproduce = f"python {project.rel(runner.SQL_RUNNER)} {path}"
    else:
        reproduce = f"python {path}"
    return reproduce, project.accept(snippet.path)


def shown_lines(project: Project, snippet: Snippet) -> str:
    code = [f"{place} (code)" for place in project.places(snippet.path)]
    output = [f"{place} (output)" for place in project.places(snippet.expected)]
    return "shown on: " + (", ".join(code + output) or "no page")


def _relative(project: Project, text: str) -> str:
    return text.replace(str(project.root) + "/", "")


def _tail(text: str, lines: int = 30) -> str:
    kept = text.rstrip("\n").splitlines()[-lines:]
    return "\n".join("    " + line for line in kept) or "    (nothing)"


def orphan(project: Project, snippet: Snippet) -> SnippetFailure:
    target = snippet.path.relative_to(project.snippets_dir).as_posix()
    return SnippetFailure(
        f"{project.rel(snippet.path)}: not shown on any page.\n"
        f"Every snippet is there to be read: include it in its note, e.g.\n\n"
        f'    ```{snippet.kind}\n    --8<-- "{target}"\n    ```\n\n'
        "or delete it. (Helpers that are not examples start with `_`, e.g. `_helpers.py`.)"
    )


def output_not_shown(project: Project, snippet: Snippet) -> SnippetFailure:
    target = snippet.expected.relative_to(project.snippets_dir).as_posix()
    return SnippetFailure(
        f"{project.rel(snippet.expected)}: the output is checked but not shown on any page.\n"
        f"{shown_lines(project, snippet)}\n"
        f'Show it after the code block:\n\n    ```text title="Output"\n    --8<-- "{target}"\n    ```'
    )


def missing_expected(project: Project, snippet: Snippet, result: RunResult) -> SnippetFailure:
    _, accept = commands(project, snippet)
    return SnippetFailure(
        f"{project.rel(snippet.path)}: no expected output yet ({project.rel(snippet.expected)} is missing).\n"
        f"It printed:\n{_tail(result.stdout_text)}\n\n"
        f"If that is right, record it: {accept}"
    )


def timed_out(project: Project, snippet: Snippet, result: RunResult) -> SnippetFailure:
    reproduce, _ = commands(project, snippet)
    marker = "--" if snippet.kind == "sql" else "#"
    return SnippetFailure(
        f"{project.rel(snippet.path)}: timed out after {snippet.timeout:g} s and was killed "
        "(the other snippets still ran).\n"
        f"{shown_lines(project, snippet)}\n"
        f"output before it was killed:\n{_tail(result.stdout_text, 10)}\n\n"
        f"If it loops, fix it (reproduce: {reproduce}). If it is only slow, declare a longer timeout\n"
        f"in its first lines: `{marker} snippet: timeout={int(snippet.timeout * 3)}`"
    )


def failed(project: Project, snippet: Snippet, result: RunResult) -> SnippetFailure:
    """Non-zero exit: a Python exception (with its line), or a crash (exit status or signal)."""
    reproduce, _ = commands(project, snippet)
    where = project.rel(snippet.path)
    stderr = _relative(project, result.stderr_text)
    in_snippet = [m for m in TRACE_LINE.finditer(result.stderr_text) if m.group("file") == str(snippet.path)]
    last_line = (stderr.strip().splitlines() or [""])[-1]
    sql_error = SQL_ERROR.search(stderr) if snippet.kind == "sql" else None
    if sql_error:
        headline = (
            f"{_relative(project, sql_error.group('file'))}:{sql_error.group('line')}: {sql_error.group('message')}"
        )
    elif "Traceback (most recent call last)" in stderr:
        line = f":{in_snippet[-1].group('line')}" if in_snippet else ""
        headline = f"{where}{line}: raised {last_line}"
    elif result.returncode is not None and result.returncode < 0:
        name = signal.Signals(-result.returncode).name
        headline = f"{where}: crashed: killed by signal {name} (the other snippets still ran)"
    else:
        headline = f"{where}: exited with status {result.returncode}, expected {snippet.expected_exit}"
    advice = (
        "If the failure is the point of the example, catch it and print it, or declare the exit\n"
        "status in its first lines: `# snippet: exit=<status>`"
    )
    if not snippet.network and NO_NETWORK.search(stderr):
        advice = (
            "Snippets run without network, and this one tried to connect. An example should not need the\n"
            "network (keep its data beside it); if this one must, declare it in its first lines:\n"
            "`# snippet: network` (`-- snippet: network` in SQL), and say so on the page."
        )
    return SnippetFailure(
        f"{headline}\n{shown_lines(project, snippet)}\n\n"
        f"stderr:\n{_tail(stderr)}\n"
        f"stdout:\n{_tail(result.stdout_text, 10)}\n\n"
        f"reproduce: {reproduce}\n{advice}"
    )


def drifted(project: Project, snippet: Snippet, result: RunResult, expected: bytes) -> SnippetFailure:
    """The outputs differ as bytes. The diff shows lines as text; where that would hide the difference (line
    endings, bytes that are not UTF-8), the differing lines are also shown as Python byte strings."""
    reproduce, accept = commands(project, snippet)
    old, new = expected.splitlines(keepends=True), result.stdout.splitlines(keepends=True)
    first = next((i for i, (a, b) in enumerate(zip(old, new)) if a != b), min(len(old), len(new)))
    as_text = [[line.decode("utf-8", errors="replace") for line in lines] for lines in (old, new)]
    diff = "".join(
        difflib.unified_diff(
            *as_text, f"{project.rel(snippet.expected)} (shown on the page)", f"{reproduce} (now)", n=2
        )
    )
    if not diff.endswith("\n"):
        diff += "\n"
    if expected.rstrip(b"\r\n") == result.stdout.rstrip(b"\r\n"):
        diff += "(only the trailing newlines differ)\n"
    elif first < min(len(old), len(new)) and old[first].rstrip(b"\r\n") == new[first].rstrip(b"\r\n"):  # noqa: E501
        diff += (
            f"(line {first + 1} differs in its line ending only: {old[first][-2:]!r} before, {new[first][-2:]!r} now)\n"
        )
    return SnippetFailure(
        f"{project.rel(snippet.expected)}:{first + 1}: output drifted: "
        f"{snippet.path.name} now prints something else than the page shows.\n"
        f"{shown_lines(project, snippet)}\n\n{diff}\n"
        f"If the new output is right, accept it: {accept}\n"
        "Otherwise fix the snippet; the prose around it may quote the old figures."
    )


def declaration(project: Project, snippet_path, error: Exception) -> SnippetFailure:
    return SnippetFailure(f"{project.rel(snippet_path)}:{error}")


def stray(project: Project, path, problem: str) -> SnippetFailure:
    places = ", ".join(str(place) for place in project.places(path))
    shown = f"\nshown on: {places} (the page shows it as if it were verified)" if places else ""
    return SnippetFailure(f"{project.rel(path)}: {problem}{shown}")
