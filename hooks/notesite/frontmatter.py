"""The one front-matter schema of a note, and its validation.

Used by the MkDocs hooks (at build time) and by the test suite alike, so that "what a valid note is" is
written down once. Every problem is reported with the file, the line of the field, what was found and what
is expected; all problems of a file are collected before anything stops, so an author fixes them in one go.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REQUIRED = ("title", "summary", "date", "tags")
OPTIONAL = ("updated", "featured")
# Keys Material for MkDocs itself understands; allowed so that a note can still hide the TOC, etc.
THEME_KEYS = ("hide", "search", "template", "icon", "status", "comments")
KNOWN = REQUIRED + OPTIONAL + THEME_KEYS

TITLE_MAX = 120
SUMMARY_MAX = 320  # the card text, the feed entry and the meta description: search engines cut at ~160
TAG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


# libyaml's parser when PyYAML was built with it (10x faster per note), else the pure-Python one.
_Safe = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Safe):
    """YAML without implicit timestamps: `date: 2026-13-02` stays text, so we can say what is wrong with it
    instead of PyYAML raising from deep inside its constructor."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Problem:
    path: str  # as the author knows it, e.g. docs/engineering/my-note.md
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(frozen=True)
class NoteMeta:
    title: str
    summary: str
    date: dt.date
    tags: tuple[str, ...]
    updated: dt.date | None = None
    featured: bool = False
    extra: dict = field(default_factory=dict, compare=False)


class FrontMatterError(Exception):
    """One or more notes have invalid front matter; str() lists every problem, one per line."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def split(text: str) -> tuple[str | None, str, int]:
    """Return (front-matter YAML or None, body, line number where the body starts)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return None, text, 1
    return match.group(1) or "", text[match.end() :], match.group(0).count("\n") + 1


def notebook_markdown(text: str) -> list[str]:
    """The Markdown cells of a notebook, in order: the first holds its front matter (where mkdocs-jupyter reads
    it), all of them are its prose."""
    cells = json.loads(text).get("cells", [])
    sources = (cell.get("source", "") for cell in cells if cell.get("cell_type") == "markdown")
    return ["".join(source) if isinstance(source, list) else source for source in sources]


def notebook_source(text: str) -> str:
    """The first Markdown cell of a notebook: where mkdocs-jupyter reads a notebook's front matter."""
    return next(iter(notebook_markdown(text)), "")


def _field_line(yaml_text: str, key: str) -> int:
    """Line (1-based, counting the opening ---) where `key:` is written; 1 when absent."""
    for number, line in enumerate(yaml_text.splitlines(), start=2):
        if re.match(rf"^{re.escape(key)}\s*:", line):
            return number
    return 1


def _as_date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return None  # a time of day is never meant here, and would make ordering timezone-dependent
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def parse(text: str, path: str) -> tuple[NoteMeta | None, list[Problem], str]:
    """Validate a note's source. Returns (meta or None, problems, body)."""
    yaml_text, body, _ = split(text)
    if yaml_text is None:
        example = "---\ntitle: …\nsummary: …\ndate: 2026-01-31\ntags: [sql]\n---"
        return None, [Problem(path, 1, f"no front matter; a note starts with:\n{example}")], body
    try:
        data = yaml.load(yaml_text, Loader=_Loader) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        reason = getattr(error, "problem", None) or str(error)
        return None, [Problem(path, line, f"front matter is not valid YAML: {reason}")], body
    if not isinstance(data, dict):
        return None, [Problem(path, 2, "front matter must be a mapping of `key: value` lines")], body

    problems: list[Problem] = []

    def bad(key: str, message: str) -> None:
        problems.append(Problem(path, _field_line(yaml_text, key), f"{key}: {message}"))

    for key in data:
        if key not in KNOWN:
            near = difflib.get_close_matches(str(key), KNOWN, n=1)
            hint = f"did you mean `{near[0]}`?" if near else f"known fields: {', '.join(KNOWN)}"
            bad(str(key), f"unknown field; {hint}")
    for key in REQUIRED:
        if key not in data:
            problems.append(Problem(path, 1, f"{key}: required field is missing"))

    title = data.get("title")
    if "title" in data and (not isinstance(title, str) or not title.strip()):
        bad("title", "expected a non-empty line of text")
    elif isinstance(title, str) and len(title) > TITLE_MAX:
        bad("title", f"{len(title)} characters; keep it under {TITLE_MAX}")

    summary = data.get("summary")
    if "summary" in data and (not isinstance(summary, str) or not summary.strip()):
        bad("summary", "expected one sentence of text: the card, feed and meta description text")
    elif isinstance(summary, str) and len(summary) > SUMMARY_MAX:
        bad("summary", f"{len(summary)} characters; keep it under {SUMMARY_MAX}")

    date = _as_date(data.get("date"))
    if "date" in data and date is None:
        bad("date", f"expected an ISO date like 2026-01-31, got {data.get('date')!r}")
    updated = _as_date(data.get("updated")) if "updated" in data else None
    if "updated" in data and updated is None:
        bad("updated", f"expected an ISO date like 2026-01-31, got {data.get('updated')!r}")
    elif updated and date and updated < date:
        bad("updated", f"{updated} is before the note's date {date}")

    tags = data.get("tags")
    if "tags" in data:
        if not isinstance(tags, list) or not tags:
            bad("tags", "expected a non-empty list, e.g. [sql, data-quality]")
            tags = []
        for tag in tags:
            if not isinstance(tag, str) or not TAG.match(tag):
                bad("tags", f"{tag!r} is not a lower-case, hyphenated tag like `data-quality`")
        if len(set(map(str, tags))) != len(tags):
            bad("tags", "a tag is listed twice")

    featured = data.get("featured", False)
    if not isinstance(featured, bool):
        bad("featured", f"expected true or false, got {featured!r}")

    if problems:
        return None, problems, body
    meta = NoteMeta(
        title=title.strip(),
        summary=" ".join(summary.split()),
        date=date,
        tags=tuple(tags),
        updated=updated,
        featured=featured,
        extra={k: v for k, v in data.items() if k in THEME_KEYS},
    )
    return meta, [], body


def read(path: Path, shown_as: str) -> tuple[NoteMeta | None, list[Problem], str]:
    """Read and validate a note file (.md or .ipynb); `shown_as` is the path used in messages. A UTF-8 byte-order
    mark is read as MkDocs reads it: not part of the text."""
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix == ".ipynb":
        try:
            text = notebook_source(text)
        except (json.JSONDecodeError, AttributeError) as error:
            return None, [Problem(shown_as, 1, f"not a readable notebook: {error}")], ""
    return parse(text, shown_as)
