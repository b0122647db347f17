"""What the benchmarks share: running a measured process, describing the machine, printing and recording tables.

Wall time comes from time.perf_counter around the process; peak memory and CPU time from os.wait4, whose
rusage covers the process and every descendant it waited for (ru_maxrss: the largest resident set among them,
in KiB). CPU time does not count the time a virtual machine's CPU was taken away (steal), so it is the steadier
figure for single-threaded builders; wall time is what a user waits for, and the only fair one for a
multi-threaded builder.
Figures on a shared 2-core machine are noisy: the benchmarks alternate what they compare and print ratios
measured pair by pair, and record the load average next to the figures.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# The repository's snippet plugin and engine, importable as the test suite has them (pyproject's pythonpath).
# Every benchmark imports this module before them.
sys.path[:0] = [str(REPO / "tests"), str(REPO / "hooks")]
RESULTS = REPO / "bench" / "RESULTS.md"
BIN = Path(sys.executable).parent


@dataclass(frozen=True)
class Measured:
    seconds: float
    peak_rss_mib: float
    returncode: int
    output: str
    cpu_seconds: float = 0.0  # user + system time of the process and the descendants it waited for


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Measured:
    """Run a command to completion; its wall time, peak memory, status and output (stdout and stderr)."""
    with tempfile.TemporaryFile() as sink:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=sink, stderr=sink)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        sink.seek(0)
        output = sink.read().decode("utf-8", errors="replace")
    cpu = usage.ru_utime + usage.ru_stime
    return Measured(seconds, usage.ru_maxrss / 1024, process.returncode, output, cpu)


def clean_env(**extra: str) -> dict[str, str]:
    """The caller's environment without pytest's and Python path variables, plus `extra`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "PYTHONPATH", "SNIPPET_RUNNER"))}
    env.update(NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1", **extra)
    return env


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "absent"


def machine() -> str:
    """One paragraph: when, on what, with which versions, under which load."""
    model = "unknown CPU"
    memory = "unknown memory"
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
        model = next(line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if line.startswith("model name"))
        meminfo = Path("/proc/meminfo").read_text().splitlines()
        kib = int(next(line.split()[1] for line in meminfo if line.startswith("MemTotal")))
        memory = f"{kib / 2**20:.0f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return (
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; {cores} CPUs ({model}), {memory}, "
        f"{platform.system()} {platform.release()}; Python {platform.python_version()}; load average {load} "
        "(1, 5, 15 min) when the run started."
    )


def versions(*packages: str) -> str:
    return ", ".join(f"{package} {version(package)}" for package in packages)


def table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table, readable as plain text too."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows)]

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(str(cell).ljust(width) for cell, width in zip(cells, widths)) + " |"

    return "\n".join([line(header), "| " + " | ".join("-" * width for width in widths) + " |", *map(line, rows)])


def verdict(met: bool, text: str) -> str:
    return f"- {'met' if met else '**not met**'}: {text}"


def record(heading: str, body: str) -> None:
    """Replace this benchmark's section of bench/RESULTS.md (from its `## ` heading to the next one), or append
    it. Other benchmarks own the other sections."""
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    lines = text.rstrip("\n").split("\n")
    section = [heading, "", *body.strip("\n").split("\n")]
    if heading in lines:
        start = lines.index(heading)
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
        lines[start:end] = section + ([""] if end < len(lines) else [])
    else:
        lines += ["", *section]
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"\nrecorded in {RESULTS.relative_to(REPO)} under {heading!r}")
