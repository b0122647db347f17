"""What a reader is shown as proof: the verified mark under each example and the Examples page.

Both come from the verification record that `make test` wrote (notesite.record), when there is one. Each example's
entry is checked against the files as they are now (its fingerprint): an example edited since the suite ran it is
shown as not yet verified, never as verified. Dates and versions are the record's, never the build's clock, so two
builds from one record are identical. Without a record the marks say only what the suite does.
"""

from __future__ import annotations

import html
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .. import contract, record
from ..index import NoteIndex
from .listing import INDEX_FRONT_MATTER, human_date, text

EXAMPLES_URI = "examples.md"
KIND_NAMES = {"python": "Python", "sql": "SQL", "dbt": "dbt", "notebook": "Notebook"}


@dataclass(frozen=True)
class Proof:
    state: str  # "verified", "stale" (changed since it ran), "failed", "unrecorded" (no record of it)
    entry: dict | None = None

    @property
    def day(self) -> str:
        return self.entry["verified"][:10] if self.entry else ""

    def versions(self) -> str:
        """`Python 3.12.1 · duckdb 2.0.1`: the interpreter and the packages worth a glance."""
        if not self.entry:
            return ""
        shown = [f"Python {self.entry['python']}"]
        shown += [f"{name} {version}" for name, version in record.shown_packages(self.entry["packages"])]
        return " · ".join(shown)


class Proofs:
    """The record as one build reads it: the proof for each example, computed once per example per build."""

    def __init__(self, data: dict | None, snippets_dir: Path, docs_dir: Path):
        self.data, self.snippets_dir, self.docs_dir = data, snippets_dir, docs_dir
        self.cache: dict[tuple[str, str], Proof] = {}

    @classmethod
    def load(cls, path: Path, snippets_dir: Path, docs_dir: Path) -> Proofs:
        return cls(record.read(path), snippets_dir, docs_dir)

    def snippet(self, name: str) -> Proof:
        return self._proof("snippets", name, lambda: contract.fingerprint(self.snippets_dir / name))

    def notebook(self, src_uri: str) -> Proof:
        return self._proof("notebooks", src_uri, lambda: contract.file_fingerprint(self.docs_dir / src_uri))

    def _proof(self, group: str, name: str, fingerprint) -> Proof:
        if (group, name) not in self.cache:
            entry = (self.data or {}).get(group, {}).get(name)
            if entry is None:
                proof = Proof("unrecorded")
            elif entry["fingerprint"] != fingerprint():
                proof = Proof("stale", entry)
            else:
                proof = Proof("verified" if entry["result"] == "passed" else "failed", entry)
            self.cache[group, name] = proof
        return self.cache[group, name]


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def mark(proof: Proof, what: str, link: str, name: str) -> str:
    """The line under a shown example. `what`: "output" or "example"; `link`: the source's URL."""
    source = f'<a href="{html.escape(link)}">{html.escape(name)}</a>'
    when = f'<time datetime="{proof.entry["verified"]}">{human_date_iso(proof.day)}</time>' if proof.entry else ""
    if proof.state == "verified":
        return (
            f'<p class="snippet-check"><span aria-hidden="true">✓</span> Verified {what}: the test suite ran {source} '
            f"on {when} with {html.escape(proof.versions())} and compared what it printed, byte for byte.</p>"
        )
    if proof.state == "stale":
        return (
            f'<p class="snippet-check snippet-check--stale"><span aria-hidden="true">!</span> Not yet verified: '
            f"{source} changed after the test suite last ran it ({when}).</p>"
        )
    if proof.state == "failed":
        return (
            f'<p class="snippet-check snippet-check--failed"><span aria-hidden="true">✗</span> Failed verification: '
            f"the test suite's run of {source} on {when} did not pass.</p>"
        )
    return (
        f'<p class="snippet-check"><span aria-hidden="true">✓</span> Verified {what}: the test suite runs {source} '
        "and fails if it prints anything else.</p>"
    )


def human_date_iso(day: str) -> str:
    import datetime as dt

    return human_date(dt.date.fromisoformat(day))


def problem(proof: Proof, where: str) -> str | None:
    """What a strict build on CI must not publish: an example shown as verified that the record contradicts."""
    if proof.state == "stale":
        return f"{where}: changed since the verification record was written; run the test suite before building"
    if proof.state == "failed":
        return f"{where}: failed in the run the verification record comes from"
    return None


# --- the Examples page ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Example:
    note: str  # the note's src_uri
    name: str  # a snippet (relative to the snippets folder) or the notebook's src_uri
    notebook: bool = False


def examples_of(notes: NoteIndex, docs_dir: Path, includes: contract.Includes, snippets_dir: Path) -> list[Example]:
    """Every example the notes show, in the order of the notes (newest first) and of their includes."""
    found = []
    for note in notes.notes:
        if note.src_uri.endswith(".ipynb"):
            found.append(Example(note.src_uri, note.src_uri, notebook=True))
            continue
        source = (docs_dir / note.src_uri).read_text(encoding="utf-8-sig")
        seen = []
        for include in includes.scan(source).includes:
            path = includes.resolve(include)
            role = contract.shown_as(path, snippets_dir) if path is not None else None
            if isinstance(role, contract.Shown) and role.snippet and role.snippet not in seen:
                seen.append(role.snippet)
        found += [Example(note.src_uri, name) for name in seen]
    return found


def examples_page(examples: list[Example], notes: NoteIndex, proofs: Proofs, source_link) -> str:
    """The Examples page: every example, grouped by note, with its kind, run time, versions and last verification."""
    by_uri = notes.by_uri()
    proofs_of = {ex: proofs.notebook(ex.name) if ex.notebook else proofs.snippet(ex.name) for ex in examples}
    counts = {state: sum(p.state == state for p in proofs_of.values()) for state in ("verified", "stale", "failed")}
    recorded = sorted({p.day for p in proofs_of.values() if p.entry})
    if proofs.data is None:
        summary = (
            f"{len(examples)} examples. This build had no verification record, so it cannot say when each last "
            "ran: every one of them is run by the test suite, which fails on any difference from what the page shows."
        )
    else:
        span = " to ".join(dict.fromkeys([recorded[0], recorded[-1]])) if recorded else "never"
        summary = (
            f"{len(examples)} examples: {counts['verified']} verified as shown, {counts['stale']} changed since they "
            f"last ran, {counts['failed']} failed. Last runs: {span}."
        )
    parts = [INDEX_FRONT_MATTER.replace("  - toc\n", ""), "# Examples\n\n", text(summary), "\n{ .note-intro }\n"]
    current = None
    for example in examples:
        if example.note != current:
            current = example.note
            note = by_uri[current]
            parts.append(f"\n## [{text(note.meta.title)}]({current})\n\n")
            parts.append("| Example | Kind | Ran in | With | Last verified | Status |\n|---|---|---|---|---|---|\n")
        parts.append(row(example, proofs_of[example], source_link))
    return "".join(parts)


def row(example: Example, proof: Proof, source_link) -> str:
    name = PurePosixPath(example.name).name
    label = f"[{text(name)}]({source_link(example)})"
    entry = proof.entry or {}
    kind = KIND_NAMES.get(entry.get("kind", ""), "Notebook" if example.notebook else "")
    seconds = f"{entry['seconds']:.2f} s" if entry.get("seconds") is not None else "—"
    status = {"verified": "✓ verified", "stale": "! changed since", "failed": "✗ failed", "unrecorded": "—"}
    day = human_date_iso(proof.day) if proof.entry else "—"
    cells = [label, kind or "—", seconds, text(proof.versions()) or "—", day, status[proof.state]]
    return "| " + " | ".join(cells) + " |\n"
