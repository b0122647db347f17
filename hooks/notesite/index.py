"""The note index: every note's metadata, read once per build, in one pass over the files.

A note is `<section>/<slug>.md` (or `.ipynb`) under the docs folder, where `<section>` is one of the sections
configured in `mkdocs.yml` (`extra.notes.sections`). Pages at the top of the docs folder (an about page, the
tags page) are plain pages, not notes. Everything the site lists (home, section pages, related notes) is
computed from this index, so a listing can never disagree with the notes themselves.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from . import frontmatter
from .frontmatter import FrontMatterError, NoteMeta, Problem
from .links import links_in

NOTE_SUFFIXES = (".md", ".ipynb")
WORDS_PER_MINUTE = 220
FENCE = re.compile(r"^(\s*)(`{3,}|~{3,}).*?^\1\2\s*$", re.M | re.S)
COMMENT = re.compile(r"<!--.*?-->", re.S)
WORD = re.compile(r"[A-Za-z0-9][\w'’-]*")


@dataclass(frozen=True)
class Section:
    key: str  # the folder under docs/, e.g. "engineering"
    title: str  # e.g. "Engineering Notes"
    description: str  # one line, shown under the section heading

    @property
    def index_uri(self) -> str:
        return f"{self.key}/index.md"


@dataclass(frozen=True)
class Note:
    section: Section
    slug: str
    src_uri: str  # relative to docs/, e.g. "engineering/my-note.md"
    meta: NoteMeta
    words: int
    links: frozenset[str] = frozenset()  # docs-relative paths of the notes and pages it links to

    @property
    def reading_minutes(self) -> int:
        return max(1, math.ceil(self.words / WORDS_PER_MINUTE))


@dataclass(frozen=True)
class NoteIndex:
    sections: tuple[Section, ...]
    notes: tuple[Note, ...]  # newest first (date, then title for a stable order)

    def in_section(self, section: Section) -> list[Note]:
        return [note for note in self.notes if note.section == section]

    def featured(self) -> Note | None:
        return next((note for note in self.notes if note.meta.featured), None)

    def by_uri(self) -> dict[str, Note]:
        return {note.src_uri: note for note in self.notes}


def prose_words(body: str) -> int:
    """Words a reader reads: code blocks, snippet includes and HTML comments do not count."""
    return len(WORD.findall(COMMENT.sub(" ", FENCE.sub(" ", body))))


def notebook_body(path: Path) -> str:
    return "\n\n".join(frontmatter.notebook_markdown(path.read_text(encoding="utf-8-sig")))


def sections_from_config(extra: dict) -> tuple[Section, ...]:
    """Read `extra.notes.sections` from mkdocs.yml; a clear error when it is missing or malformed."""
    raw = (extra or {}).get("notes", {}).get("sections")
    if not isinstance(raw, list) or not raw:
        raise ValueError(
            "mkdocs.yml: extra.notes.sections is missing; list the sections, each with "
            "`key` (the folder under docs/), `title` and `description`"
        )
    sections = []
    for number, item in enumerate(raw, start=1):
        if not isinstance(item, dict) or not all(isinstance(item.get(k), str) for k in ("key", "title", "description")):
            raise ValueError(f"mkdocs.yml: extra.notes.sections item {number} needs key, title and description")
        sections.append(Section(item["key"], item["title"], item["description"]))
    return tuple(sections)


def is_note_candidate(src_uri: str) -> bool:
    """A page inside a folder of docs/ (top-level pages are plain pages)."""
    path = PurePosixPath(src_uri)
    return path.suffix in NOTE_SUFFIXES and len(path.parts) > 1 and path.name != "index.md"


def build(
    docs_dir: Path,
    src_uris: list[str],
    sections: tuple[Section, ...],
    docs_label: str = "docs",
    cache: dict | None = None,
) -> NoteIndex:
    """Read and validate every note. Raises FrontMatterError listing every problem found.

    `cache` (under `mkdocs serve`, kept across rebuilds): a note file whose size and modification time are unchanged
    since the last rebuild is not read again."""
    by_key = {section.key: section for section in sections}
    problems: list[Problem] = []
    notes: list[Note] = []
    for src_uri in sorted(src_uris):
        if not is_note_candidate(src_uri):
            continue
        path = PurePosixPath(src_uri)
        shown = f"{docs_label}/{src_uri}"
        if path.parts[0] not in by_key:
            known = ", ".join(by_key)
            problems.append(Problem(shown, 1, f"`{path.parts[0]}` is not a section; notes live in one of: {known}"))
            continue
        if len(path.parts) != 2:
            problems.append(
                Problem(shown, 1, f"notes sit directly in their section folder: {path.parts[0]}/{path.name}")
            )
            continue
        stat = (docs_dir / src_uri).stat()
        stamp = (src_uri, stat.st_mtime_ns, stat.st_size, shown)
        if cache is not None and stamp in cache:
            # Plain values, made into this module's classes again: `mkdocs serve` re-imports the engine on
            # every rebuild, and an object of the previous import's class would compare unequal to this one's.
            meta, words, links = cache[stamp]
            notes.append(Note(by_key[path.parts[0]], path.stem, src_uri, NoteMeta(**meta), words, links))
            continue
        meta, found, body = frontmatter.read(docs_dir / src_uri, shown)
        problems += found
        if meta is None:
            continue
        if path.suffix == ".ipynb":
            body = notebook_body(docs_dir / src_uri)
        links = links_in(src_uri, body)
        note = Note(by_key[path.parts[0]], path.stem, src_uri, meta, prose_words(body), links)
        notes.append(note)
        if cache is not None:
            cache[stamp] = (dict(vars(meta)), note.words, links)
    problems += _duplicates(notes, docs_label)
    if problems:
        raise FrontMatterError(problems)
    notes.sort(key=lambda note: (-note.meta.date.toordinal(), note.meta.title.lower()))
    return NoteIndex(sections, tuple(notes))


def _duplicates(notes: list[Note], docs_label: str) -> list[Problem]:
    """Slugs name snippet folders and `make verify NOTE=…`; titles name pages: both must be unique."""
    problems = []
    for attribute, what in (("slug", "slug"), ("title", "title")):
        seen: dict[str, Note] = {}
        for note in notes:
            value = note.slug if attribute == "slug" else note.meta.title.casefold()
            if value in seen:
                first = seen[value]
                problems.append(
                    Problem(
                        f"{docs_label}/{note.src_uri}",
                        1,
                        f"same {what} as {docs_label}/{first.src_uri}: {value!r}; every note needs its own {what}",
                    )
                )
            seen.setdefault(value, note)
    featured = [note for note in notes if note.meta.featured]
    for extra in featured[1:]:
        problems.append(
            Problem(
                f"{docs_label}/{extra.src_uri}",
                1,
                f"featured: only one note can be featured, and {docs_label}/{featured[0].src_uri} already is",
            )
        )
    return problems
