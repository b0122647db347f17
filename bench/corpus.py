"""A synthetic notes site for the benchmarks: N notes and M snippets in a throw-away copy of this site.

The copy uses this repository's real mkdocs.yml and hooks/ (and the plain pages at the top of docs/, such as
the tags page), so a benchmark builds exactly what `make build` builds, only with more notes. Every note is
valid for hooks/notesite/frontmatter.py and reads like a note: about 800 words under headings, a table, an
illustration marked `<!-- not-run: synthetic -->`, links to other notes (one to a heading), tags from a small
vocabulary. The first M notes show one snippet each, with its expected output beside it.

`bare(root)` turns a copy into the same corpus for bare Material (and Zensical): no hooks, so the home and
section pages are written as plain pages and the notes are declared `not_in_nav`.

    python bench/corpus.py /tmp/site --notes 100 --snippets 10 --kinds trivial,duckdb
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import snippet_kinds

REPO = Path(__file__).resolve().parent.parent
SECTIONS = ("engineering", "study", "debug")
TAGS = ("sql", "dbt", "python", "data-quality", "migration", "observability", "performance", "testing")
VOCABULARY = """
pipeline partition warehouse snapshot rerun backfill schema contract lineage freshness owner ticket latency batch
window grain join key null duplicate source target staging model test check alert dashboard incident review
rollout migration cutover parity baseline drift threshold budget queue worker retry idempotent upstream downstream
column row table view index plan cost memory spill the a of to and in that is for on with as it was by we not but
when then each every only
"""
WORDS = VOCABULARY.split()
HEADINGS = ("Context", "What happened", "Failure modes", "The fix", "Checks that catch it", "What to keep")
FIRST_DAY = dt.date(2020, 1, 1)


@dataclass(frozen=True)
class Note:
    number: int
    section: str
    slug: str
    title: str

    @property
    def src_uri(self) -> str:
        return f"{self.section}/{self.slug}.md"


def notes(count: int) -> list[Note]:
    rng = random.Random(7)
    made = []
    for number in range(count):
        words = " ".join(rng.sample(WORDS[:60], 3))
        made.append(Note(number, SECTIONS[number % 3], f"note-{number:04d}", f"Note {number:04d}: {words.title()}"))
    return made


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random, sentences: int = 5) -> str:
    return " ".join(sentence(rng) for _ in range(sentences))


def link(source: Note, target: Note, anchor: str = "") -> str:
    path = f"{target.slug}.md" if target.section == source.section else f"../{target.section}/{target.slug}.md"
    return f"[{target.title}]({path}{anchor})"


def front_matter(note: Note, rng: random.Random) -> str:
    day = FIRST_DAY + dt.timedelta(days=2 * note.number)
    tags = ", ".join(sorted(rng.sample(TAGS, rng.randint(2, 3))))
    lines = [
        "---",
        f'title: "{note.title}"',
        f'summary: "{sentence(rng)[:200]}"',
        f"date: {day.isoformat()}",
        f"tags: [{tags}]",
    ]
    if note.number % 5 == 0:
        lines.append(f"updated: {(day + dt.timedelta(days=30)).isoformat()}")
    return "\n".join(lines + ["---", ""])


def table(rng: random.Random) -> str:
    rows = [f"| {rng.choice(WORDS)} | {rng.randint(1, 999)} | {rng.randint(0, 100)}% |" for _ in range(4)]
    return "\n".join(["| check | rows | share |", "| --- | ---: | ---: |", *rows])


def illustration(rng: random.Random) -> str:
    name = rng.choice(("orders", "events", "runs"))
    return (
        "<!-- not-run: synthetic -->\n```python\n"
        f"def rerun(partitions):\n    return [p for p in partitions if p.{name}_changed]\n```"
    )


def note_text(note: Note, everyone: list[Note], shown: list[str]) -> str:
    """About 800 words of prose; `shown` are the include lines of the note's snippet, if it has one."""
    rng = random.Random(note.number)
    others = [everyone[rng.randrange(len(everyone))] for _ in range(3)]
    parts = [front_matter(note, rng), paragraph(rng, 4)]
    for number, heading in enumerate(HEADINGS):
        parts.append(f"## {heading}")
        parts.append(paragraph(rng))
        if number == 1:
            parts.append(table(rng))
        if number == 2:
            parts += [f"### {heading} in practice", paragraph(rng, 4), illustration(rng)]
        if number == 3:
            parts += shown
        parts.append(paragraph(rng, 3))
    see_also = ", ".join(link(note, other) for other in others if other != note)
    target = everyone[(note.number + 1) % len(everyone)]
    parts.append(f"See also {see_also or 'the other notes'}, and {link(note, target, '#failure-modes')}.")
    return "\n\n".join(parts) + "\n"


def copy_site(root: Path) -> None:
    """The real configuration, engine and plain pages, without the real notes and snippets."""
    root.mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "hooks", root / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    (root / "docs").mkdir()
    for page in (REPO / "docs").iterdir():
        if page.is_file():  # the tags page and any other page at the top: the nav may name them
            shutil.copy(page, root / "docs" / page.name)
    for section in SECTIONS:
        (root / "docs" / section).mkdir()
    (root / "snippets").mkdir()


def generate(root: Path, note_count: int, snippet_kinds_in_order: list[str] = ()) -> list[Note]:
    """Write the corpus into `root` (which must not exist). Snippet k is shown by note k, of the given kind."""
    copy_site(root)
    everyone = notes(note_count)
    recorded = snippet_kinds.Recorder()
    for note in everyone:
        shown = []
        if note.number < len(snippet_kinds_in_order):
            folder = root / "snippets" / note.section / note.slug
            name = snippet_kinds.write(snippet_kinds_in_order[note.number], folder, note.number, recorded)
            shown = snippet_kinds.include_lines(f"{note.section}/{note.slug}", name)
        (root / "docs" / note.src_uri).write_text(note_text(note, everyone, shown), encoding="utf-8")
    return everyone


# --- the same corpus without the hooks ---------------------------------------------------------------------------

HOOKS_BLOCK = re.compile(r"^hooks:[ \t]*\n(?:(?:[ \t]+-.*|[ \t]*#.*)?\n)*", re.M)


def bare(root: Path, everyone: list[Note]) -> None:
    """Remove the hooks from a generated copy: the generated pages become plain pages, the notes stay out of the
    navigation (as the hooks keep them) without failing the strict build as omitted files."""
    config = root / "mkdocs.yml"
    text, removed = HOOKS_BLOCK.subn("", config.read_text(encoding="utf-8"))
    if removed != 1:
        raise SystemExit(f"{config}: expected one `hooks:` block to remove, found {removed}")
    config.write_text(text + "\nnot_in_nav: |\n  /*/*.md\n", encoding="utf-8")
    (root / "docs" / "index.md").write_text(listing("Field Notes", everyone, ""), encoding="utf-8")
    # The navigation names the engine's Examples page; without the engine it is a plain page.
    (root / "docs" / "examples.md").write_text("# Examples\n\nEvery example of the site.\n", encoding="utf-8")
    for section in SECTIONS:
        members = [note for note in everyone if note.section == section]
        (root / "docs" / section / "index.md").write_text(listing(section.title(), members, section), "utf-8")


def listing(title: str, members: list[Note], folder: str) -> str:
    lines = [f"# {title}", ""]
    for note in members:
        path = note.src_uri if not folder else f"{note.slug}.md"
        lines.append(f"- [{note.title}]({path})")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, help="folder to create")
    parser.add_argument("--notes", type=int, default=100)
    parser.add_argument("--snippets", type=int, default=0)
    parser.add_argument("--kinds", default="trivial", help=f"comma-separated, cycled: {', '.join(snippet_kinds.KINDS)}")
    parser.add_argument("--bare", action="store_true", help="without the hooks (bare Material, Zensical)")
    args = parser.parse_args()
    kinds = args.kinds.split(",")
    everyone = generate(args.root, args.notes, [kinds[k % len(kinds)] for k in range(args.snippets)])
    if args.bare:
        bare(args.root, everyone)
    print(f"{args.root}: {args.notes} notes, {args.snippets} snippets")


if __name__ == "__main__":
    main()
