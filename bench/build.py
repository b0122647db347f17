"""Build benchmark: the site with our hooks against bare Material and Zensical, on the same synthetic notes.

    python bench/build.py [--sizes 100,500,1000] [--runs 3,3,9] [--record]

For each size N, three builds of one corpus (bench/corpus.py: N notes, N/10 snippets), each cold (no site
folder, no cache) and each in its own process:
- hooks:    `mkdocs build --strict` with this repository's mkdocs.yml and hooks/;
- bare:     the same without `hooks:` (bare Material with the same plugins; home and section pages written
            as plain pages, notes declared not_in_nav);
- zensical: Zensical 0.0.73 on the bare corpus, installed into bench/.zensical-venv on first use (it reads
            mkdocs.yml and runs no hooks: that is the comparison).
After one uncounted build of each (WARM_UP), runs alternate (hooks, bare, zensical, then the reverse order)
so that drift in the machine's load falls on all three alike, and ratios are taken pair by pair within one
round. Then one instrumented build per N and MkDocs variant (bench/timed_build.py) says where the time goes
(MkDocs, each plugin, our hook events, each function of the engine) and whether mkdocs-jupyter reads Markdown
files with jupytext.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import corpus
import measure
import zensical_env

# One uncounted build per variant and size first. Right after the corpus was written, the first pair's ratio
# came out 1.17 and 1.18 in two runs where the later pairs gave 0.90 to 1.12 (new files still being written
# back, cold caches): a penalty on whichever variant happened to go first.
WARM_UP = 1
LABELS = {"hooks": "MkDocs + Material + hooks", "bare": "MkDocs + Material, no hooks", "zensical": "Zensical 0.0.73"}
KB = 1000  # bytes: the "60 KB per page"


@dataclass
class Runs:
    """Every cold build of one variant at one size."""

    seconds: list[float] = field(default_factory=list)
    cpu_seconds: list[float] = field(default_factory=list)
    peak_mib: list[float] = field(default_factory=list)
    html_per_page: float = 0.0  # bytes: all HTML pages / their number
    note_page: float = 0.0  # bytes: median note page
    nav_links: int = 0  # navigation links on a note page: must not grow with N
    pages: int = 0
    site_mib: float = 0.0


def site_figures(site: Path, runs: Runs) -> None:
    pages = list(site.rglob("*.html"))
    notes = sorted(p.stat().st_size for p in pages if re.fullmatch(r"note-\d+", p.parent.name))
    runs.pages = len(pages)
    runs.html_per_page = sum(p.stat().st_size for p in pages) / max(1, len(pages))
    runs.note_page = statistics.median(notes) if notes else 0
    sample = next((p for p in pages if p.parent.name == "note-0003"), None)
    runs.nav_links = sample.read_text(encoding="utf-8").count('class="md-nav__link') if sample else 0
    runs.site_mib = sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 2**20


def cold(root: Path) -> None:
    for leftover in ("site", ".cache"):
        shutil.rmtree(root / leftover, ignore_errors=True)


def commands(roots: dict[str, Path], zensical: Path | None) -> dict[str, list[str]]:
    mkdocs = [str(measure.BIN / "mkdocs"), "build", "--strict"]
    found = {"hooks": mkdocs, "bare": mkdocs}
    if zensical is not None:
        found["zensical"] = [str(zensical), "build", "--strict", "--clean", "-f", zensical_env.CONFIG]
    return found


def build_once(variant: str, root: Path, command: list[str], runs: Runs) -> None:
    cold(root)
    done = measure.run(command, root, measure.clean_env())
    if done.returncode != 0:
        raise SystemExit(f"{variant} build failed in {root} ({done.returncode}):\n{done.output[-3000:]}")
    runs.seconds.append(done.seconds)
    runs.cpu_seconds.append(done.cpu_seconds)
    runs.peak_mib.append(done.peak_rss_mib)
    site_figures(root / "site", runs)


def prepare(workdir: Path, size: int, with_zensical: bool) -> dict[str, Path]:
    roots = {"hooks": workdir / f"hooks-{size}", "bare": workdir / f"bare-{size}"}
    kinds = ["trivial", "duckdb"]
    everyone = corpus.generate(roots["hooks"], size, [kinds[k % 2] for k in range(size // 10)])
    shutil.copytree(roots["hooks"], roots["bare"])
    corpus.bare(roots["bare"], everyone)
    if with_zensical:
        zensical_env.write_config(roots["bare"])
        roots["zensical"] = roots["bare"]
    return roots


def instrumented(root: Path) -> dict:
    cold(root)
    done = measure.run([str(measure.BIN / "python"), str(Path(__file__).with_name("timed_build.py")), "."], root)
    if done.returncode != 0:
        raise SystemExit(f"instrumented build failed in {root}:\n{done.output[-3000:]}")
    return json.loads(done.output.strip().splitlines()[-1])


def jupytext_control(root: Path) -> dict:
    """The same build with mkdocs-jupyter's `ignore` removed: shows that the counter sees what it must not see."""
    config = root / "mkdocs.yml"
    original = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"^\s*ignore:.*\*\.md.*\n", "", original, count=1, flags=re.M), encoding="utf-8")
    try:
        return instrumented(root)
    finally:
        config.write_text(original, encoding="utf-8")


def hook_seconds(timing: dict) -> float:
    return sum(seconds for origin, seconds in timing["by_origin"].items() if origin.startswith("hooks/"))


def ratio_line(results: dict[str, Runs], top: str, bottom: str, cpu: bool = False) -> tuple[str, float]:
    figures = (
        (results[top].cpu_seconds, results[bottom].cpu_seconds)
        if cpu
        else (results[top].seconds, results[bottom].seconds)
    )
    pairs = [a / b for a, b in zip(*figures)]
    middle = measure.median(pairs)
    return ", ".join(f"{r:.2f}" for r in pairs) + f" (median {middle:.2f})", middle


def report(sizes: list[int], results: dict[int, dict[str, Runs]], timings: dict, control: dict) -> str:
    rows = []
    for size in sizes:
        for variant, runs in results[size].items():
            rows.append(
                [
                    str(size),
                    LABELS[variant],
                    str(len(runs.seconds)),
                    f"{measure.median(runs.seconds):.2f}",
                    f"{measure.median(runs.cpu_seconds):.2f}",
                    f"{max(runs.peak_mib):.0f}",
                    f"{runs.html_per_page / KB:.1f}",
                    f"{runs.note_page / KB:.1f}",
                    str(runs.nav_links),
                    f"{runs.site_mib:.1f}",
                ]
            )
    header = ["notes", "builder", "runs", "seconds (median)", "CPU s (median)", "peak RSS MiB", "HTML KB/page"]
    header += ["note page KB", "nav links/page", "site MiB"]
    out = ["Cold `build --strict`, each in its own process (KB = 1000 bytes; peak RSS from os.wait4).", ""]
    out += [measure.table(header, rows), ""]

    ratio_rows = []
    for size in sizes:
        row = [str(size), ratio_line(results[size], "hooks", "bare")[0]]
        row.append(ratio_line(results[size], "hooks", "bare", cpu=True)[0])
        row.append(ratio_line(results[size], "hooks", "zensical")[0] if "zensical" in results[size] else "skipped")
        ratio_rows.append(row)
    out += [
        "Ratios of build seconds, pair by pair (same round, adjacent runs). The targets are judged on wall time;",
        "CPU time, which a busy virtual machine disturbs less, is shown for MkDocs against MkDocs (Zensical runs",
        "on several threads, so only wall time compares it fairly):",
        "",
    ]
    out += [measure.table(["notes", "hooks / bare", "hooks / bare, CPU time", "hooks / Zensical"], ratio_rows), ""]

    origin_rows = []
    for size in sizes:
        for variant in ("hooks", "bare"):
            timing = timings[size][variant]
            hooks = hook_seconds(timing)
            plugins = {o: s for o, s in timing["by_origin"].items() if not o.startswith("hooks/")}
            rest = timing["seconds"] - hooks - sum(plugins.values())
            origin_rows.append(
                [
                    str(size),
                    variant,
                    f"{timing['seconds']:.2f}",
                    f"{hooks:.2f} ({1000 * hooks / size:.2f} ms/note)" if variant == "hooks" else "",
                    ", ".join(f"{o} {s:.2f}" for o, s in sorted(plugins.items())),
                    f"{rest:.2f}",
                    str(timing["jupytext_reads_of_markdown"]),
                ]
            )
    out += ["Where an instrumented build spends its seconds (bench/timed_build.py, one build each):", ""]
    header = ["notes", "site", "build", "hook events", "plugins", "MkDocs + theme", "jupytext reads of .md"]
    out += [measure.table(header, origin_rows), ""]
    out += engine_table(sizes, timings)
    out.append(
        f"Control: with mkdocs-jupyter's `ignore` removed, the {sizes[0]}-note build reads "
        f"{control['jupytext_reads_of_markdown']} Markdown files with jupytext; with it, 0 is the figure above."
    )
    out += ["", "Targets:", *targets(sizes, results, timings)]
    return "\n".join(out)


def engine_table(sizes: list[int], timings: dict, top: int = 8) -> list[str]:
    """The engine's costliest functions at the largest size, in ms per note at every size: a function whose
    figure grows with N is not linear."""
    engine = {size: timings[size]["hooks"].get("engine", {}) for size in sizes}
    largest = engine[max(sizes)]
    names = sorted(largest, key=largest.get, reverse=True)[:top]
    if not names:
        return []
    rows = [[name] + [f"{1000 * engine[size].get(name, 0) / size:.3f}" for size in sizes] for name in names]
    header = ["engine function (inclusive)"] + [f"ms/note at {size}" for size in sizes]
    return ["The engine's functions in the same builds (hooks/notesite/, time including callees):", ""] + [
        measure.table(header, rows),
        "",
    ]


def targets(sizes: list[int], results: dict[int, dict[str, Runs]], timings: dict) -> list[str]:
    big, small = max(sizes), min(sizes)
    found = []
    if "zensical" in results[big]:
        _, versus_zensical = ratio_line(results[big], "hooks", "zensical")
        found.append(
            measure.verdict(
                versus_zensical <= 1.0,
                f"cold build of {big} notes with hooks vs Zensical cold: {versus_zensical:.2f}× "
                f"({measure.median(results[big]['hooks'].seconds):.1f} s vs "
                f"{measure.median(results[big]['zensical'].seconds):.1f} s)",
            )
        )
    else:
        found.append("- not measured: Zensical could not be installed (see above)")
    _, versus_bare = ratio_line(results[big], "hooks", "bare")
    _, versus_bare_cpu = ratio_line(results[big], "hooks", "bare", cpu=True)
    overhead = f"{versus_bare - 1:+.0%} wall time ({versus_bare_cpu - 1:+.0%} CPU time)"
    found.append(measure.verdict(versus_bare <= 1.05, f"hooks over bare Material at {big} notes: {overhead} (≤ +5%)"))
    page = results[big]["hooks"].html_per_page / KB
    found.append(measure.verdict(page <= 60, f"HTML per page at {big} notes: {page:.1f} KB (≤ 60 KB)"))
    first = results[small]["hooks"].html_per_page / KB
    growth = page / first - 1
    found.append(
        measure.verdict(
            abs(growth) <= 0.10, f"bytes per page {small} → {big} notes: {first:.1f} → {page:.1f} KB ({growth:+.0%})"
        )
    )
    per_note = [hook_seconds(timings[n]["hooks"]) / n for n in sizes]
    engine_small, engine_big = timings[small]["hooks"].get("engine", {}), timings[big]["hooks"].get("engine", {})
    growing = [
        f"{name} {1000 * engine_small.get(name, 0) / small:.2f} → {1000 * seconds / big:.2f} ms/note"
        for name, seconds in sorted(engine_big.items(), key=lambda item: -item[1])
        if seconds / big >= 0.05e-3 and seconds / big > 2 * engine_small.get(name, 0) / small
    ]
    found.append(
        measure.verdict(
            not growing,
            "hooks linear in N: "
            + " → ".join(f"{1000 * p:.2f}" for p in per_note)
            + " ms per note in all hook events"
            + (f"; growing faster than N: {'; '.join(growing)}" if growing else ""),
        )
    )
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,500,1000", help="numbers of notes")
    parser.add_argument("--runs", default="3,3,9", help="cold builds per variant, per size")
    parser.add_argument("--record", action="store_true", help="write the figures into bench/RESULTS.md")
    args = parser.parse_args()
    sizes = [int(n) for n in args.sizes.split(",")]
    rounds = [int(n) for n in args.runs.split(",")]
    started_on = measure.machine()
    print(started_on, flush=True)
    zensical = zensical_env.ensure()
    results: dict[int, dict[str, Runs]] = {}
    timings: dict[int, dict] = {}
    with tempfile.TemporaryDirectory(prefix="bench-build-") as workdir:
        for size, count in zip(sizes, rounds):
            roots = prepare(Path(workdir), size, zensical is not None)
            argvs = commands(roots, zensical)
            results[size] = {variant: Runs() for variant in argvs}
            print(f"{size} notes: {WARM_UP} uncounted build of each builder first", flush=True)
            for variant in list(argvs) * WARM_UP:
                build_once(variant, roots[variant], argvs[variant], Runs())
            for round_number in range(count):
                order = list(argvs) if round_number % 2 == 0 else list(reversed(argvs))
                for variant in order:
                    build_once(variant, roots[variant], argvs[variant], results[size][variant])
                    print(f"{size} notes, {variant}: {results[size][variant].seconds[-1]:.2f} s", flush=True)
            timings[size] = {variant: instrumented(roots[variant]) for variant in ("hooks", "bare")}
            if size == sizes[0]:
                control = jupytext_control(roots["hooks"])
            for root in set(roots.values()):
                shutil.rmtree(root)
    body = report(sizes, results, timings, control)
    versions = measure.versions("mkdocs", "mkdocs-material", "mkdocs-jupyter", "mkdocs-rss-plugin", "jupytext")
    text = f"`make bench` (bench/build.py), {started_on}\n{versions}, {zensical_env.describe(zensical)}.\n\n{body}"
    print("\n" + text)
    if args.record:
        measure.record("## Build", text)


if __name__ == "__main__":
    main()
