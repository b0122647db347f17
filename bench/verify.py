"""Verifier benchmark: what checking one snippet costs, with and without isolation, cold and cached.

    python bench/verify.py [--runs 30] [--record]

On a synthetic site (bench/corpus.py) with trivial, DuckDB (.sql), pandas and dbt snippets:
1. per snippet, three ways, alternating (ABC, then BCA, ...): a fresh interpreter per snippet (the plugin's
   subprocess runner, `SNIPPET_RUNNER=subprocess`), a child forked from the warm zygote (the plugin's default),
   and `exec` in this process (no isolation at all: the floor);
2. the snippet checks as `make test` runs them, on the synthetic site and on this repository's snippets: cold
   with fresh interpreters, cold with the zygotes, and again with nothing changed (the plugin's cache);
3. the speed-up of `pytest -n auto` over one process, on the synthetic site, without the cache.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import corpus
import in_process
import measure
import snippet_kinds

from notesite import contract
from notesite.contract import Snippet
from notesite.run import runner, zygotes

METHODS = ("fresh interpreter", "zygote fork", "in-process exec")
TESTS = ["--no-header", "-q"]


def timed(method: str, snippet: Snippet) -> tuple[float, bytes]:
    """(seconds, what it printed or how it failed) for one run of one snippet, timed around the whole call:
    temporary folder, choice of zygote, process, output."""
    started = time.perf_counter()
    if method == "in-process exec":
        printed = in_process.run(snippet).encode()
    else:
        result = runner.run_in_subprocess(snippet) if method == "fresh interpreter" else runner.run(snippet)
        printed = (
            result.stdout
            if result.returncode == 0
            else b"exit " + str(result.returncode).encode() + b": " + result.stderr[-1000:]
        )
    return time.perf_counter() - started, printed


def per_snippet(site: Path, kinds: dict[str, int]) -> tuple[dict[str, dict[str, list[float]]], dict[str, float]]:
    """Seconds per run, per kind and method; and the first zygote run of each kind (zygote start, imports)."""
    by_kind: dict[str, list[Path]] = {}
    for path in contract.discover(site / "snippets").snippets:
        by_kind.setdefault(snippet_kinds.kind_of(path), []).append(path)
    seconds: dict[str, dict[str, list[float]]] = {}
    first_zygote_run: dict[str, float] = {}
    wrong = []
    for kind in kinds:
        snippets = [Snippet.at(path) for path in by_kind[kind]]
        expected = snippets[0].expected.read_bytes()
        first_zygote_run[kind] = timed("zygote fork", snippets[0])[0]
        in_process.run(snippets[0])  # imports what the kind needs into this process: the floor is warm
        seconds[kind] = {method: [] for method in METHODS}
        for number, snippet in enumerate(snippets):
            order = METHODS[number % 3 :] + METHODS[: number % 3]
            for method in order:
                spent, printed = timed(method, snippet)
                seconds[kind][method].append(spent)
                if printed != expected:
                    wrong.append(f"{kind}, {method}, {snippet.path.parent.name}: printed {printed!r}")
        print(f"{kind}: {len(snippets)} snippets × {len(METHODS)} ways", flush=True)
    if wrong:
        raise SystemExit("runs that printed something else than the expected output:\n" + "\n".join(wrong))
    return seconds, first_zygote_run


def per_snippet_table(seconds, first_zygote_run) -> tuple[str, dict[str, float]]:
    rows, ratios = [], {}
    for kind, methods in seconds.items():
        pairs = [a / b for a, b in zip(methods["fresh interpreter"], methods["zygote fork"])]
        ratios[kind] = measure.median(pairs)
        rows.append(
            [kind, str(len(pairs))]
            + [f"{1000 * measure.median(methods[m]):.1f}" for m in METHODS]
            + [f"{1000 * min(methods['zygote fork']):.1f}", f"{ratios[kind]:.1f}×"]
            + [f"{1000 * first_zygote_run[kind]:.0f}"]
        )
    header = ["kind", "runs", "fresh interpreter ms", "zygote fork ms", "in-process exec ms", "zygote fork ms (min)"]
    header += ["fresh / zygote (pairwise median)", "first zygote run ms"]
    return measure.table(header, rows), ratios


def pytest_command(*args: str) -> list[str]:
    return [str(measure.BIN / "python"), "-m", "pytest", *TESTS, *args]


def snippet_item_seconds(junit: Path) -> tuple[int, float]:
    """(snippet items, seconds they took) from a JUnit XML report."""
    cases = [case for case in ElementTree.parse(junit).iter("testcase") if case.get("classname", "").startswith("snip")]
    return len(cases), sum(float(case.get("time", 0)) for case in cases)


def checks(root: Path, *options: str, runner_name: str = "zygote") -> tuple[float, int, float]:
    """`pytest -n auto --dist loadgroup snippets` as `make test` runs it: (wall seconds, snippet items, seconds
    spent in them)."""
    with tempfile.NamedTemporaryFile(suffix=".xml") as junit:
        command = pytest_command("-n", "auto", "--dist", "loadgroup", *options, f"--junitxml={junit.name}", "snippets")
        done = measure.run(command, root, measure.clean_env(SNIPPET_RUNNER=runner_name))
        if done.returncode != 0:
            raise SystemExit(f"snippet checks failed in {root}:\n{done.output[-3000:]}")
        return (done.seconds, *snippet_item_seconds(Path(junit.name)))


def suite_runs(root: Path, label: str, cache: Path) -> list[str]:
    """Cold with fresh interpreters, cold with zygotes (filling `cache`), then again with nothing changed."""
    fresh, items, _ = checks(root, "-p", "no:cacheprovider", runner_name="subprocess")
    forked, _, _ = checks(root, "-o", f"cache_dir={cache}", "--cache-clear")
    again, _, in_items = checks(root, "-o", f"cache_dir={cache}")
    return [label, str(items), f"{fresh:.1f}", f"{forked:.1f}", f"{again:.1f}", f"{in_items:.2f}"]


def parallel_speedup(site: Path, rounds: int = 2) -> list[str]:
    walls: dict[str, list[float]] = {"0": [], "auto": []}
    for number in range(rounds):
        for workers in ("0", "auto") if number % 2 == 0 else ("auto", "0"):
            done = measure.run(
                pytest_command("-p", "no:cacheprovider", "-n", workers, "snippets"), site, measure.clean_env()
            )
            if done.returncode != 0:
                raise SystemExit(f"snippet checks failed in {site}:\n{done.output[-3000:]}")
            walls[workers].append(done.seconds)
    pairs = [a / b for a, b in zip(walls["0"], walls["auto"])]
    return [
        str(len(contract.discover(site / "snippets").snippets)),
        ", ".join(f"{s:.1f}" for s in walls["0"]),
        ", ".join(f"{s:.1f}" for s in walls["auto"]),
        ", ".join(f"{r:.2f}" for r in pairs) + f" (median {measure.median(pairs):.2f})",
    ]


def zygote_threads() -> str:
    counts = []
    for tier, pid in sorted(zygotes.running().items()):
        threads = len(os.listdir(f"/proc/{pid}/task"))
        counts.append(f"{tier} zygote: {threads} thread{'s' * (threads != 1)}")
    return "; ".join(counts) or "no zygote running"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="snippets per kind (dbt: a sixth, at least 3)")
    parser.add_argument("--record", action="store_true", help="write the figures into bench/RESULTS.md")
    args = parser.parse_args()
    started_on = measure.machine()
    print(started_on, flush=True)
    kinds = {"trivial": args.runs, "duckdb": args.runs, "pandas": args.runs, "dbt": max(3, args.runs // 6)}
    order = [kind for kind, count in kinds.items() for _ in range(count)]
    with tempfile.TemporaryDirectory(prefix="bench-verify-") as workdir:
        site = Path(workdir) / "site"
        corpus.generate(site, len(order), order)
        (site / "pytest.ini").write_text(
            f"[pytest]\naddopts = -p notesite.verify.plugin\npythonpath = {measure.REPO / 'hooks'}\n"
        )
        seconds, first_runs = per_snippet(site, kinds)
        threads = zygote_threads()
        cost_table, ratios = per_snippet_table(seconds, first_runs)
        print("\n" + cost_table, flush=True)
        suites = [suite_runs(site, "synthetic site", Path(workdir) / "cache-synthetic")]
        if (measure.REPO / "snippets").is_dir():  # with its own cache folder: the repository's is never touched
            suites.append(suite_runs(measure.REPO, "this repository", Path(workdir) / "cache-repository"))
        speedup = parallel_speedup(site)
    text = report(started_on, cost_table, threads, suites, speedup, seconds, ratios)
    print("\n" + text)
    if args.record:
        measure.record("## Verifier", text)


def report(started_on, cost_table, threads, suites, speedup, seconds, ratios) -> str:
    trivial = 1000 * measure.median(seconds["trivial"]["zygote fork"])
    rerun_items = max(float(row[-1]) for row in suites)
    lines = [
        f"`make bench` (bench/verify.py), {started_on}",
        measure.versions("pytest", "pytest-xdist", "duckdb", "pandas", "dbt-core", "dbt-duckdb") + ".",
        "",
        "Per snippet, wall time around the plugin's runner (temporary folder, choice of zygote, process, timeout, "
        "output captured), median of the runs; the three ways alternate snippet by snippet. In-process exec has no "
        "isolation and no fresh interpreter state: it is the floor, not an option. First zygote run: starting the "
        "zygote and importing the kind's modules, paid once per test process.",
        "",
        cost_table,
        "",
        f"Zygotes after the runs: {threads} (a fork never copies a running thread).",
        "",
        "The snippet checks as `make test` runs them (`pytest -n auto --dist loadgroup snippets`; wall seconds, "
        "one run each): cold with a fresh interpreter per snippet, cold with the zygotes, then again with nothing "
        "changed (the plugin's cache; the last column sums the snippet items' own time).",
        "",
        measure.table(
            ["site", "snippet items", "cold, fresh interpreters", "cold, zygotes", "re-run", "re-run: in items"],
            suites,
        ),
        "",
        "`pytest -n auto` against one process, synthetic site, no cache (wall seconds, alternating):",
        "",
        measure.table(["snippets", "-n 0 s", "-n auto s", "speed-up per pair"], [speedup]),
        "",
        "Targets:",
        measure.verdict(trivial <= 3, f"trivial snippet with process isolation: {trivial:.1f} ms (≤ 3 ms)"),
        measure.verdict(
            ratios["duckdb"] >= 5, f"DuckDB snippet vs a fresh interpreter: {ratios['duckdb']:.1f}× faster (≥ 5×)"
        ),
        measure.verdict(rerun_items <= 1, f"re-run with nothing changed: {rerun_items:.2f} s in snippet items (≤ 1 s)"),
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
