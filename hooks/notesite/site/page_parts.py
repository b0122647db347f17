"""The small pieces the engine adds to a note's page: its header line, the marks on verified examples, the
related-notes and backlinks blocks, and the social meta tags. Pure functions from data to text."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from .. import contract
from ..index import Note
from .listing import dates


def header(note: Note, updated: dt.date | None, proof: str | None = None) -> str:
    """The note's date line; `proof`: what the test suite did with a notebook's outputs (HTML)."""
    parts = [dates(note.meta.date, updated), f"{note.reading_minutes} min read"]
    if proof:
        parts.append(proof)
    return f'<p class="note-meta">{" · ".join(parts)}</p>\n'


def note_list(title: str, notes: list[Note], url_of: Callable[[Note], str], css: str) -> str:
    if not notes:
        return ""
    items = "".join(
        f'<li><a href="{html.escape(url_of(n))}">{html.escape(n.meta.title)}</a>'
        f'<span class="note-links__summary"> — {html.escape(n.meta.summary)}</span></li>'
        for n in notes
    )
    slug = css.rsplit("--", 1)[-1]
    return (
        f'<nav class="note-links {css}" aria-labelledby="{slug}-heading">'
        f'<h2 id="{slug}-heading">{html.escape(title)}</h2><ul>{items}</ul></nav>\n'
    )


def shown_snippets(body: list[str], includes: contract.Includes, base: Path) -> list[tuple[str, str]]:
    """(role, snippet) for each verified file a fence shows: its code or its expected output."""
    found = []
    for include in includes.scan("\n".join(body)).includes:
        path = includes.resolve(include)
        role = contract.shown_as(path, base) if path is not None else None
        if isinstance(role, contract.Shown) and role.snippet:
            found.append((role.role, role.snippet))
    return found


def mark_verified(
    markdown: str,
    includes: contract.Includes,
    base: Path,
    mark: Callable[[str, str], str],
    failure: Callable[[str], str | None] = lambda snippet: None,
) -> str:
    """Add a quiet "checked" line after each block that shows a snippet's output (or its code, when the
    page shows no output for it): `mark(what, snippet)` writes it, `what` being "output" or "example".
    Illustrations get no mark.

    `failure(snippet)` returns the test suite's message for a snippet known to fail right now (only under
    `mkdocs serve`); that snippet gets a visible failure box instead of the mark."""
    lines = markdown.splitlines()
    blocks = [
        (fence, shown)
        for fence in contract.fences(markdown)
        if contract.is_include_fence(fence, includes) and (shown := shown_snippets(fence.body, includes, base))
    ]
    shown_outputs = {snippet for _, shown in blocks for role, snippet in shown if role == "output"}
    after: dict[int, str] = {}
    for fence, shown in blocks:
        for role, snippet in shown:
            if role == "code" and snippet in shown_outputs:
                continue
            opening = lines[fence.line - 1]
            indent = opening[: len(opening) - len(opening.lstrip())]
            problem = failure(snippet)
            after[fence.line + len(fence.body)] = (
                failure_box(PurePosixPath(snippet).name, problem, indent)
                if problem
                else f"\n{indent}{mark('output' if role == 'output' else 'example', snippet)}\n"
            )
            break
    if not after:
        return markdown
    out = []
    for number, line in enumerate(lines):
        out.append(line)
        if number in after:
            out.append(after[number])
    return "\n".join(out) + ("\n" if markdown.endswith("\n") else "")


def failure_box(name: str, message: str, indent: str) -> str:
    """What the author sees under a failing example while serving (never in a real build)."""
    body = "\n".join(f"{indent}        {line}" for line in message.splitlines())
    return (
        f'\n{indent}!!! failure "{name} fails the test suite right now (shown only by make serve)"\n\n'
        f"{indent}    ```text\n{body}\n{indent}    ```\n"
    )


def social_meta(title: str, description: str, url: str | None, site_name: str, article: bool) -> str:
    tags = {
        "og:type": "article" if article else "website",
        "og:title": title,
        "og:description": description,
        "og:site_name": site_name,
        "og:url": url or "",
    }
    head = "".join(
        f'<meta property="{key}" content="{html.escape(value, quote=True)}">\n' for key, value in tags.items() if value
    )
    head += '<meta name="twitter:card" content="summary">\n'
    head += f'<meta name="twitter:title" content="{html.escape(title, quote=True)}">\n'
    head += f'<meta name="twitter:description" content="{html.escape(description, quote=True)}">\n'
    return head
