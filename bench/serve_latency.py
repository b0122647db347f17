"""Save-to-served latency under `make serve`: the time from saving a file to the served page containing the edit.

For each site size (synthetic notes from corpus.py, the real engine and mkdocs.yml), `mkdocs serve` runs as
`make serve` runs it (`--dirty`: the engine's incremental rebuilds) and, for comparison in the same run, without
`--dirty` (every save rebuilds the whole site). Three kinds of save, each repeated:
- a note's prose (a new paragraph);
- a snippet the note shows (a new comment line in its code);
- a note's front matter (its title, which its section page and the home page list too).
The clock starts just before the file is written and stops when an HTTP request for the note's page returns the
edit (polled every 10 ms). Figures go to bench/RESULTS.md.

    python bench/serve_latency.py --record            # 14, 500 and 1,000 notes
    python bench/serve_latency.py --sizes 14,100
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import corpus
import measure

EDITS = ("note", "snippet", "front matter")
REPEATS = 3
TARGETS = {14: 0.3, 1000: 1.0}  # seconds, note edit (issue 16)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, limit: float = 300) -> float:
    started = time.monotonic()
    while time.monotonic() - started < limit:
        if text in fetch(url):
            return time.monotonic()
        time.sleep(0.01)
    raise TimeoutError(f"{url} never showed {text!r}")


class Served:
    def __init__(self, root: Path, dirty: bool):
        self.port = free_port()
        command = [str(Path(sys.executable).parent / "mkdocs"), "serve", "--livereload"]
        command += ["--dirty"] if dirty else []
        command += ["--dev-addr", f"127.0.0.1:{self.port}"]
        self.process = subprocess.Popen(
            command, cwd=root, env=measure.clean_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        self.url = f"http://127.0.0.1:{self.port}"

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def edit(root: Path, note: corpus.Note, kind: str, token: str) -> None:
    page = root / "docs" / note.src_uri
    if kind == "note":
        page.write_text(page.read_text(encoding="utf-8") + f"\nA new paragraph, {token}.\n", encoding="utf-8")
    elif kind == "snippet":
        snippet = next((root / "snippets" / note.section / note.slug).glob("*.py"))
        snippet.write_text(f"# {token}\n" + snippet.read_text(encoding="utf-8"), encoding="utf-8")
    else:
        text = page.read_text(encoding="utf-8")
        page.write_text(text.replace(f'title: "{note.title}', f'title: "{note.title} {token}', 1), encoding="utf-8")


def latencies(root: Path, note: corpus.Note, dirty: bool) -> dict[str, list[float]]:
    served = Served(root, dirty)
    found: dict[str, list[float]] = {kind: [] for kind in EDITS}
    try:
        url = f"{served.url}/{note.src_uri.removesuffix('.md')}/"
        wait_for(url, note.slug)
        time.sleep(1.0)  # let the first build's file watcher settle
        for repeat in range(REPEATS):
            for kind in EDITS:
                token = f"edit{'dirty' if dirty else 'full'}{kind.replace(' ', '')}{repeat}"
                started = time.monotonic()
                edit(root, note, kind, token)
                found[kind].append(wait_for(url, token) - started)
                time.sleep(0.5)
    finally:
        served.close()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="14,500,1000")
    parser.add_argument("--record", action="store_true")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    rows, results = [], {}
    with tempfile.TemporaryDirectory(prefix="serve-latency-") as workdir:
        for size in sizes:
            for dirty in (True, False):
                root = Path(workdir) / f"{size}-{'dirty' if dirty else 'full'}"
                everyone = corpus.generate(root, size, ["trivial"])
                found = latencies(root, everyone[0], dirty)
                results[size, dirty] = {kind: statistics.median(values) for kind, values in found.items()}
                print(size, "incremental" if dirty else "full rebuild", results[size, dirty], flush=True)
        for size in sizes:
            inc, full = results[size, True], results[size, False]
            rows.append(
                [f"{size:,}"]
                + [f"{inc[kind]:.2f} s" for kind in EDITS]
                + [f"{full[kind]:.2f} s" for kind in EDITS]
                + [f"{full['note'] / inc['note']:.1f}×"]
            )
    header = ["notes", *(f"{k} (make serve)" for k in EDITS), *(f"{k} (full rebuild)" for k in EDITS), "note speed-up"]
    lines = [
        f"Machine: {measure.machine()}. {measure.versions('mkdocs', 'mkdocs-material')}. "
        f"Median of {REPEATS} saves each; the clock stops when the served note page contains the edit.",
        "",
        measure.table(header, rows),
        "",
    ]
    for size, limit in TARGETS.items():
        if (size, True) in results:
            seconds = results[size, True]["note"]
            lines.append(
                measure.verdict(seconds <= limit, f"note edit at {size:,} notes: {seconds:.2f} s (≤ {limit} s)")
            )
    print("\n".join(lines))
    if args.record:
        measure.record("## Save-to-served latency (make serve)", "\n".join(lines))


if __name__ == "__main__":
    main()
