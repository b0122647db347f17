"""How a reader finds the next note: related notes, backlinks, and when a note last changed.

All of it is computed once per build from the note index, never per page over all notes:
- related notes come from an inverted index tag -> notes, so a note only meets notes it shares a tag with,
  and within a tag only the notes written around the same time (bounded work per note);
- backlinks invert the links every note makes, read once when the index is built;
- last-changed dates come from one `git log` over the docs folder, not one git call per page.
"""

from __future__ import annotations

import datetime as dt
import heapq
import subprocess
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from ..index import Note, NoteIndex

RELATED_LIMIT = 3
TAG_WINDOW = 25  # notes on each side, by date, that a note is compared with within one tag


@dataclass(frozen=True)
class Discovery:
    related: dict[str, list[Note]]
    linked_from: dict[str, list[Note]]


def discover(index: NoteIndex, limit: int = RELATED_LIMIT, cache: dict | None = None) -> Discovery:
    """`cache` (under `mkdocs serve`, kept across rebuilds): related notes and backlinks depend only on every
    note's address, date, tags and links; when none of those changed, the last rebuild's lists are reused."""
    by_uri = index.by_uri()
    if cache is not None:
        key = tuple((n.src_uri, n.meta.date, n.meta.tags, tuple(sorted(n.links))) for n in index.notes)
        if cache.get("key") == key:
            related, linked = cache["lists"]
            return Discovery(
                {uri: [by_uri[u] for u in uris] for uri, uris in related.items()},
                {uri: [by_uri[u] for u in uris] for uri, uris in linked.items()},
            )
        found = discover(index, limit)
        lists = [{uri: [n.src_uri for n in notes] for uri, notes in part.items()} for part in (found.related, found.linked_from)]
        cache["key"], cache["lists"] = key, tuple(lists)
        return found
    linked_from: dict[str, list[Note]] = defaultdict(list)
    for note in index.notes:  # newest first, so backlinks are listed newest first too
        for target in sorted(note.links):
            if target in by_uri and target != note.src_uri:
                linked_from[target].append(note)

    by_tag: dict[str, list[Note]] = defaultdict(list)  # newest first, like the index
    for note in index.notes:
        for tag in note.meta.tags:
            by_tag[tag].append(note)
    position = {tag: {n.src_uri: i for i, n in enumerate(notes)} for tag, notes in by_tag.items()}

    related = {}
    for note in index.notes:
        score: Counter[str] = Counter()
        for tag in note.meta.tags:
            # Only the notes of this tag written around the same time: a popular tag on a large site would
            # otherwise make every note score every other note (quadratic). Small tags are seen whole.
            at = position[tag][note.src_uri]
            for other in by_tag[tag][max(0, at - TAG_WINDOW) : at + TAG_WINDOW + 1]:
                score[other.src_uri] += 1
        for other_uri in note.links | {n.src_uri for n in linked_from[note.src_uri]}:
            if other_uri in by_uri:
                score[other_uri] += 1  # a link either way counts like one more shared tag
        score.pop(note.src_uri, None)
        best = heapq.nsmallest(limit, score, key=lambda uri: (-score[uri], -by_uri[uri].meta.date.toordinal(), uri))
        related[note.src_uri] = [by_uri[uri] for uri in best]
    return Discovery(related, dict(linked_from))


def git_dates(docs_dir: Path) -> dict[str, dt.date]:
    """Last commit date of every file under docs_dir that was changed after it was added (docs-relative path
    -> date), from one `git log`.

    Empty when there is no git history to trust: not a repository, git missing, or a shallow clone (where
    every file would seem to have changed in the one commit the clone has)."""

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=docs_dir, capture_output=True, text=True, check=True, timeout=30
        ).stdout

    try:
        if git("rev-parse", "--is-shallow-repository").strip() != "false":
            return {}
        log = git("log", "--format=@%cs", "--name-only", "--relative", "--", ".")
    except (OSError, subprocess.SubprocessError):
        return {}
    dates: dict[str, dt.date] = {}
    commits: Counter[str] = Counter()
    current = None
    for line in log.splitlines():
        if line.startswith("@"):
            current = dt.date.fromisoformat(line[1:])
        elif line and current is not None:
            dates.setdefault(line, current)  # git log is newest first: keep the first date seen
            commits[line] += 1
    # The commit that added a file says when it was imported, not when it was updated.
    return {path: day for path, day in dates.items() if commits[path] > 1}
