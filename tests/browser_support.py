"""Helpers of the browser tests (tests/test_browser.py): the local server, what a page did, axe, the notes.

Everything here is plain Python or Playwright; the fixtures that start things live in the test module.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import REPO

from notesite import config, contract
from notesite.index import COMMENT, FENCE, Note, NoteIndex

CHROMIUM = Path("/usr/bin/chromium")  # Debian's package; Playwright never downloads a browser here
# No sandbox: CI runs as root in a container. The rest keep Chromium from talking to Google on its own, so the
# machine stays offline and a request the tests see is always the page's.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
AXE_INSTALL = "npm install --no-save axe-core@4.14.1  (in the repository root; .ci/run does it on CI)"
BLOCKING_IMPACTS = ("serious", "critical")
SNIPPETS = config.load(REPO).snippets_dir
INCLUDES = config.load(REPO).includes()


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def require(present: bool, what: str) -> None:
    """Skip loudly when a tool is missing on a laptop; on CI a missing tool fails, so nothing is skipped there."""
    if present:
        return
    if in_ci():
        pytest.fail(f"CI must run the browser tests, but {what}", pytrace=False)
    pytest.skip(f"BROWSER TESTS NOT RUN: {what}")


# -- the local server ------------------------------------------------------------------------------------------


# -- what a page did -------------------------------------------------------------------------------------------


@dataclass
class PageWatch:
    """Every request a page made and every error it reported, recorded from before navigation starts."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @classmethod
    def attach(cls, page) -> PageWatch:
        watch = cls()
        page.on("request", lambda request: watch.requests.append(request.url))
        page.on("console", watch._on_console)
        page.on("pageerror", lambda error: watch.errors.append(f"uncaught: {error}"))
        return watch

    def _on_console(self, message) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text} ({message.location.get('url', '?')})")

    def foreign_requests(self) -> list[str]:
        """Requests to any host but 127.0.0.1. data: and blob: URLs are built in the page and leave nothing."""
        return [
            url
            for url in self.requests
            if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).hostname != "127.0.0.1"
        ]

    def errors_except_missing(self, url: str) -> list[str]:
        """The errors, without the one Chromium logs for a document served with 404 (the 404 page's own)."""
        expected = f"console: Failed to load resource: the server responded with a status of 404 (Not Found) ({url})"
        return [error for error in self.errors if error != expected]


# -- axe-core --------------------------------------------------------------------------------------------------


# Each violation with the CSS selector of every element it found; a contrast failure also with its colours and
# ratio, because the fix is a colour and this names it.
AXE_RUN = """async () => (await axe.run(document)).violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    targets: v.nodes.map(node => {
        const data = (node.any[0] || {}).data || {};
        const colours = `${data.fgColor} on ${data.bgColor}: ${data.contrastRatio}`;
        const contrast = data.fgColor ? `  (${colours}, needs ${data.expectedContrastRatio})` : '';
        return node.target.join(' ') + contrast;
    })}))"""


def axe_violations(page) -> list[dict]:
    """Run axe-core (injected from node_modules) on the page; its violations, as plain dictionaries."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate(AXE_RUN)


def blocking(violations: list[dict]) -> list[dict]:
    return [violation for violation in violations if violation["impact"] in BLOCKING_IMPACTS]


def describe_violations(violations: list[dict], most_targets: int = 8) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}  {violation['helpUrl']}")
        targets = violation["targets"]
        lines += [f"    {target}" for target in targets[:most_targets]]
        if len(targets) > most_targets:
            lines.append(f"    … and {len(targets) - most_targets} more elements")
    return "\n".join(lines)


# -- the notes, read from their sources ------------------------------------------------------------------------


def page_path(note: Note) -> str:
    """The note's URL path on the site, e.g. "engineering/my-note/"."""
    return note.src_uri.rsplit(".", 1)[0] + "/"


def first_fence_include(note: Note, docs: Path) -> contract.Include | None:
    """The include of the note's first code fence when that fence shows one snippet file, else None."""
    if not note.src_uri.endswith(".md"):
        return None
    found = contract.fences((docs / note.src_uri).read_text(encoding="utf-8"))
    if not found or not contract.is_include_fence(found[0], INCLUDES):
        return None
    targets = INCLUDES.scan("\n".join(found[0].body)).includes
    return targets[0] if len(targets) == 1 else None


def shown_code(include: contract.Include) -> str:
    """The code a page shows for an include, as pymdownx.snippets renders it."""
    return INCLUDES.text(include)


def body_only_word(notes: NoteIndex, docs: Path) -> tuple[Note, str]:
    """A Markdown note and a word of its prose that no other page contains and that is not in its title or
    summary, so only a search of the page bodies can find the note by it. Any note will do (a freshly scaffolded
    one has only template words, shared with nothing unique): the first, newest first, that has such a word; its
    longest one (long words are never stop words), alphabetically first among equals, so the choice is stable."""
    texts = {note.src_uri: (docs / note.src_uri).read_text(encoding="utf-8") for note in notes.notes}
    words = {uri: set(re.findall(r"[a-z]+", text.lower())) for uri, text in texts.items()}
    for note in notes.notes:
        if not note.src_uri.endswith(".md"):  # prose, not JSON
            continue
        taken = set(re.findall(r"[a-z]+", " ".join([note.meta.title, note.meta.summary, *note.meta.tags]).lower()))
        taken = taken.union(*(w for uri, w in words.items() if uri != note.src_uri))
        prose = COMMENT.sub(" ", FENCE.sub(" ", texts[note.src_uri]))
        candidates = set(re.findall(r"(?<![\w/.-])[a-z]{6,}(?![\w/.-])", prose.lower())) - taken
        if candidates:
            return note, min(candidates, key=lambda word: (-len(word), word))
    raise AssertionError("no Markdown note has a word of its prose that no other page has")
