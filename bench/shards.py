"""How long verification takes on 1, 4 and 16 CI runners, for 1,000 and 10,000 snippets: a simulation.

The per-snippet costs are measured: the `seconds` of every snippet in the verification record that the last
`make test` wrote (.cache/notesite/verification.json), a real mix of trivial Python, DuckDB, pandas and dbt
snippets. A site of N snippets is these costs repeated in order until there are N. The snippets are split across
the runners by pytest-split's own least-duration algorithm (what CI's matrix runs), and each runner's share runs
on its 2 cores (pytest-xdist), placed longest first on the less loaded core. A runner also pays a fixed cost that
this machine cannot measure (job start, checkout, Python and packages, Chromium); it is an assumption, printed with
the table, and `--setup` changes it.

    python bench/shards.py [--setup 120] [--record]
"""

from __future__ import annotations

import argparse
import heapq
import json
from dataclasses import dataclass

import measure
from pytest_split.algorithms import Algorithms

RECORD = measure.REPO / ".cache" / "notesite" / "verification.json"
SIZES = (1_000, 10_000)
RUNNERS = (1, 4, 16)
CORES = 2


@dataclass(frozen=True)
class Item:
    nodeid: str


def costs() -> list[float]:
    if not RECORD.exists():
        raise SystemExit(f"{RECORD.relative_to(measure.REPO)} is missing: run `make test` first (it measures them)")
    entries = json.loads(RECORD.read_text(encoding="utf-8"))["snippets"].values()
    return [entry["seconds"] for entry in entries if entry.get("seconds") is not None]


def on_cores(durations: list[float], cores: int = CORES) -> float:
    """Wall time of a runner's share on its cores: longest first, each to the core that frees up first."""
    loads = [0.0] * cores
    for duration in sorted(durations, reverse=True):
        heapq.heapreplace(loads, loads[0] + duration)
    return max(loads)


def simulate(measured: list[float], snippets: int, runners: int, setup: float) -> tuple[float, float]:
    """(wall time of the slowest runner, its share of the snippet seconds) for one matrix."""
    durations = {f"snippets/{i}.py": measured[i % len(measured)] for i in range(snippets)}
    items = [Item(nodeid) for nodeid in durations]
    groups = Algorithms["least_duration"].value(runners, items, durations)
    walls = [on_cores([durations[item.nodeid] for item in group.selected]) for group in groups]
    return setup + max(walls), max(group.duration for group in groups)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--setup", type=float, default=120.0, help="fixed seconds per runner (an assumption)")
    parser.add_argument("--record", action="store_true")
    args = parser.parse_args()
    measured = costs()
    mean = sum(measured) / len(measured)
    rows = []
    for snippets in SIZES:
        row = [f"{snippets:,}"]
        for runners in RUNNERS:
            wall, _ = simulate(measured, snippets, runners, args.setup)
            row.append(f"{wall / 60:.1f} min")
        rows.append(row)
    lines = [
        f"Measured: {len(measured)} snippets of this site (verification record of the last `make test`), "
        f"{mean * 1000:.0f} ms each on average, {max(measured):.2f} s the longest. Assumed: {args.setup:.0f} s of "
        f"fixed cost per runner; {CORES} cores each. Split: pytest-split's least_duration.",
        "",
        measure.table(["snippets", *(f"{r} runner{'s' * (r > 1)}" for r in RUNNERS)], rows),
    ]
    print("\n".join(lines))
    if args.record:
        measure.record("## Verification on a matrix of runners (simulation)", "\n".join(lines))


if __name__ == "__main__":
    main()
