"""Prose that cannot rot: every figure a page's prose quotes must stand in an example it shows.

When an accepted output changes, prose that quoted the old figure silently goes wrong. So a page's prose is
searched for figures, and each must appear in the code or output the same page shows (what its includes render,
or a notebook's code and outputs).

What a figure is, and why: the forms that carry a measurement and that a changed output would change:
dates (2026-09-14), times of day (22:40), decimals (7,022.76 or 1.20), numbers with thousands separators
(2,484), percentages (20%, 12.5%) and integers of three or more digits (404). Small integers ("3 rows", "step 2")
are too common in ordinary prose to check without noise; numbers written as words are left to the reviewer.
A figure matches when its value appears among the numbers of the shown text: thousands separators are ignored
(2,484 matches 2484), trailing zeros too (20.0 matches 20), and a percentage also matches its fraction (20%
matches 0.2). Dates and times match as written.

Not prose: front matter, fenced code, HTML comments, include lines and link targets. A figure that does not
come from an example (a version, a year) is allowed by a marker anywhere on the page that names it and says why:
`<!-- figure 1.11, 1.12: dbt-core versions the site pins, not outputs -->`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .. import contract

DATE = r"\d{4}-\d{2}-\d{2}"
TIME = r"\d{1,2}:\d{2}(?::\d{2})?"
NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+|\d+"
FIGURE = re.compile(
    rf"(?<![\w.,:/-])(?:(?P<date>{DATE})|(?P<time>{TIME})|(?P<number>{NUMBER})(?P<percent>\s?%)?)(?![\w/]|[.,:-]\d)"
)
SOURCE_NUMBER = re.compile(rf"(?<![\d.])(?:{NUMBER})")
MARKER = re.compile(r"<!--\s*figures?\s+(?P<figures>[^:>]+?)\s*:\s*(?P<reason>[^>]*?\S)\s*-->")
COMMENT = re.compile(r"<!--.*?-->", re.S)
LINK_TARGET = re.compile(r"\]\([^)]*\)|<https?://[^>]+>|https?://\S+")


@dataclass(frozen=True)
class Figure:
    line: int
    text: str


def is_figure(match: re.Match) -> bool:
    number = match.group("number")
    if number is None or match.group("percent"):
        return True
    return "," in number or "." in number or len(number) >= 3


def values(number: str) -> set[Decimal]:
    try:
        value = Decimal(number.replace(",", ""))
    except InvalidOperation:
        return set()
    return {value.normalize()}


def shown_values(texts: list[str]) -> tuple[set[Decimal], str]:
    """The numbers of the shown texts, and the texts themselves joined (for dates and times)."""
    joined = "\n".join(texts)
    found: set[Decimal] = set()
    for match in SOURCE_NUMBER.finditer(joined):
        found |= values(match.group(0))
        found |= values(match.group(0).replace(",", "."))  # 12,50 as a European decimal
    return found, joined


def prose_lines(source: str, includes: contract.Includes) -> list[tuple[int, str]]:
    """(line number, text) of the page's prose: no front matter, fences, comments, include lines or link targets."""
    lines = source.split("\n")
    hidden = set()
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), 0)
        hidden.update(range(end + 1))
    for fence in contract.fences(source):
        hidden.update(range(fence.line - 1, fence.line + len(fence.body) + 1))
    for include in includes.scan(source).includes:
        hidden.add(include.line - 1)
    without_comments = COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), source).split("\n")
    return [
        (number + 1, LINK_TARGET.sub(" ", text))
        for number, text in enumerate(without_comments)
        if number not in hidden and text.strip()
    ]


def allowed(source: str) -> set[str]:
    figures = set()
    for marker in MARKER.finditer(source):
        figures.update(f.strip() for f in marker.group("figures").split(",") if f.strip())
    return figures


def untraced(prose: list[tuple[int, str]], shown: list[str], exceptions: set[str]) -> list[Figure]:
    numbers, joined = shown_values(shown)
    missing = []
    for line, text in prose:
        for match in FIGURE.finditer(text):
            if not is_figure(match) or match.group(0).strip() in exceptions:
                continue
            figure = match.group(0).strip()
            if match.group("date") or match.group("time"):
                found = figure in joined
            else:
                value = values(match.group("number"))
                if match.group("percent"):
                    value |= {(v / 100).normalize() for v in value}
                found = bool(value & numbers)
            if not found:
                missing.append(Figure(line, figure))
    return missing


def page_shown_texts(source: str, includes: contract.Includes) -> tuple[list[str], list[str]]:
    """What a Markdown page shows through its includes: (texts, names of the files they come from)."""
    texts, names = [], []
    for include in includes.scan(source).includes:
        if includes.resolve(include) is not None:
            texts.append(includes.text(include))
            names.append(include.target)
    return texts, names
