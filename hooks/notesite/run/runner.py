"""Run one snippet in its own process, in an empty temporary folder, with a timeout, without network.

Two ways to get that process, with the same isolation and the same results:
- zygote (the default): a warm interpreter (zygote.py, managed by zygotes.py) that has already imported the
  heavy modules forks one child per snippet. A trivial snippet then costs a fork instead of an interpreter
  start, and a DuckDB or pandas one does not pay for the import again.
- subprocess: a fresh `python snippet.py` per snippet. Used where fork is not available (no os.fork or no
  os.pidfd_open, i.e. not Linux), when a zygote cannot start or dies, for a snippet that declares `network`,
  and on request with `SNIPPET_RUNNER=subprocess` (the benchmark's baseline, and a way to rule the zygote out).

Either way the snippet gets its own session (process group), and when it exits or times out the whole group is
killed, so nothing it started outlives it or writes into another snippet's output. Output goes to files, not
pipes (a background child holding a pipe open would make the runner wait for it), and is kept as bytes.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from ..contract import Snippet
from . import isolation, zygotes

SQL_RUNNER = Path(__file__).with_name("run_sql.py")
# Same inputs, same output: no hash randomisation, no local time zone or locale, no colour codes, no
# telemetry, no plotting window.
ENVIRONMENT = {
    "PYTHONHASHSEED": "0",
    "PYTHONUNBUFFERED": "1",
    "PYTHONDONTWRITEBYTECODE": "1",  # no __pycache__ beside the snippets
    "PYTHONIOENCODING": "utf-8",
    "TZ": "UTC",
    "LC_ALL": "C.UTF-8",
    "LANG": "C.UTF-8",
    "COLUMNS": "100",
    "NO_COLOR": "1",
    "MPLBACKEND": "Agg",
    "DO_NOT_TRACK": "1",
    "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
}
# The only variables a snippet inherits: where programs and the home folder are, and the OpenBLAS settings some
# processors need to compute correctly. Nothing else of the author's shell reaches a snippet, so a snippet prints
# the same on a laptop and on CI, and the cache key (which hashes this environment) does not change with the shell.
INHERITED = ("PATH", "HOME", "TMPDIR", "LD_LIBRARY_PATH", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
RUNNER_VARIABLE = "SNIPPET_RUNNER"  # "zygote" (default) or "subprocess"


@dataclass(frozen=True)
class RunResult:
    stdout: bytes
    stderr: bytes
    returncode: int | None  # None when killed at the timeout
    seconds: float
    runner: str  # "zygote" or "subprocess": which one ran it

    @property
    def timed_out(self) -> bool:
        return self.returncode is None

    @property
    def stdout_text(self) -> str:
        return self.stdout.decode("utf-8", errors="replace")

    @property
    def stderr_text(self) -> str:
        return self.stderr.decode("utf-8", errors="replace")


def environment() -> dict[str, str]:
    env = {key: os.environ[key] for key in INHERITED if key in os.environ}
    env.update(ENVIRONMENT)
    return env


def chosen_runner() -> str:
    wanted = os.environ.get(RUNNER_VARIABLE, "zygote")
    if wanted not in ("zygote", "subprocess"):
        raise ValueError(f"{RUNNER_VARIABLE}={wanted!r}: expected `zygote` or `subprocess`")
    if not (hasattr(os, "fork") and hasattr(os, "pidfd_open")):
        return "subprocess"
    return wanted


def runner_for(snippet: Snippet) -> str:
    """Which runner a snippet gets: a snippet with network runs outside the zygote, whose namespace has none."""
    return "subprocess" if snippet.network else chosen_runner()


def command(snippet: Snippet) -> list[str]:
    if snippet.kind == "sql":
        return [sys.executable, str(SQL_RUNNER), str(snippet.path)]
    return [sys.executable, str(snippet.path)]


def run(snippet: Snippet) -> RunResult:
    if runner_for(snippet) == "zygote":
        modules = zygotes.preload_for(snippet)
        try:
            return run_in_zygote(snippet, modules)
        except zygotes.ZygoteError:
            zygotes.failed(modules)  # this snippet, and the next ones of this zygote, run the plain way
    return run_in_subprocess(snippet)


def kill_group(pgid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):  # the group is already empty
        os.killpg(pgid, signal.SIGKILL)


def run_in_subprocess(snippet: Snippet) -> RunResult:
    isolate = None if snippet.network else isolation.isolate_network
    with tempfile.TemporaryDirectory(prefix="snippet-") as scratch:
        workdir = Path(scratch, "work")
        workdir.mkdir()
        out_path, err_path = Path(scratch, "stdout"), Path(scratch, "stderr")
        with out_path.open("wb") as out, err_path.open("wb") as err:
            started = time.monotonic()
            try:
                process = subprocess.Popen(
                    command(snippet),
                    cwd=workdir,
                    env=environment(),
                    stdin=subprocess.DEVNULL,
                    stdout=out,
                    stderr=err,
                    start_new_session=True,
                    preexec_fn=isolate,
                )
            except subprocess.SubprocessError as error:  # the isolation failed in the child
                message = f"the snippet could not be started without network: {error}; {isolation.HINT}\n"
                return RunResult(b"", message.encode(), 1, 0.0, "subprocess")
            try:
                code: int | None = process.wait(timeout=snippet.timeout)
            except subprocess.TimeoutExpired:
                code = None
            finally:
                kill_group(process.pid)  # whatever the snippet started goes with it
                process.wait()
            seconds = time.monotonic() - started
        return RunResult(out_path.read_bytes(), err_path.read_bytes(), code, seconds, "subprocess")


def run_in_zygote(snippet: Snippet, modules: zygotes.Modules) -> RunResult:
    zygote = zygotes.get(modules, environment())
    with tempfile.TemporaryDirectory(prefix="snippet-") as workdir:
        started = time.monotonic()
        code, out, err = zygote.run(command(snippet)[1:], workdir, snippet.timeout, modules)
        seconds = time.monotonic() - started
    return RunResult(out, err, code, seconds, "zygote")
