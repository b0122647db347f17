"""Run one snippet in its own process, in an empty temporary folder, with a timeout.

Two ways to get that process, with the same isolation and the same results:
- zygote (the default): a warm interpreter (zygote.py, managed by zygotes.py) that has already imported the
  heavy modules forks one child per snippet. A trivial snippet then costs a fork instead of an interpreter
  start, and a DuckDB or pandas one does not pay for the import again.
- subprocess: a fresh `python snippet.py` per snippet. Used where fork is not available (no os.fork or no
  os.pidfd_open, i.e. not Linux), when a zygote cannot start or dies, and on request with
  `SNIPPET_RUNNER=subprocess` (the benchmark's baseline, and a way to rule the zygote out).

Either way the child gets its own session (process group) so that a timeout kills everything it started, not
only the interpreter, and output is unbuffered so that what a hanging snippet printed before it hung is kept.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass

from . import zygotes
from .snippet import Snippet

# Same inputs, same output: no hash randomisation, no local time zone or locale, no colour codes, no
# telemetry, no plotting window. PYTHONPATH is dropped so the test suite's paths do not leak in, and pytest's
# own variables (PYTEST_CURRENT_TEST changes with every test) so that a snippet never sees the test runner.
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
RUNNER_VARIABLE = "SNIPPET_RUNNER"  # "zygote" (default) or "subprocess"
DROPPED = ("PYTHONPATH", "PYTHONSTARTUP", "PYTHONHOME", "FORCE_COLOR", RUNNER_VARIABLE)
DROPPED_PREFIX = "PYTEST_"


@dataclass(frozen=True)
class RunResult:
    stdout: str
    stderr: str
    returncode: int | None  # None when killed at the timeout
    seconds: float

    @property
    def timed_out(self) -> bool:
        return self.returncode is None


def environment() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in DROPPED and not key.startswith(DROPPED_PREFIX)}
    env.update(ENVIRONMENT)
    return env


def chosen_runner() -> str:
    wanted = os.environ.get(RUNNER_VARIABLE, "zygote")
    if wanted not in ("zygote", "subprocess"):
        raise ValueError(f"{RUNNER_VARIABLE}={wanted!r}: expected `zygote` or `subprocess`")
    if not (hasattr(os, "fork") and hasattr(os, "pidfd_open")):
        return "subprocess"
    return wanted


def run(snippet: Snippet) -> RunResult:
    command = snippet.command()
    if chosen_runner() == "zygote" and command[0] == sys.executable:
        modules = zygotes.preload_for(snippet)
        try:
            return run_in_zygote(snippet, modules, command[1:])
        except zygotes.ZygoteError:
            zygotes.failed(modules)  # this snippet, and the next ones of this zygote, run the plain way
    return run_in_subprocess(snippet)


def _decode(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def run_in_subprocess(snippet: Snippet) -> RunResult:
    with tempfile.TemporaryDirectory(prefix="snippet-") as workdir:
        started = time.monotonic()
        process = subprocess.Popen(
            snippet.command(),
            cwd=workdir,
            env=environment(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        try:
            out, err = process.communicate(timeout=snippet.timeout)
            code: int | None = process.returncode
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            out, err = process.communicate()
            code = None
        seconds = time.monotonic() - started
    return RunResult(_decode(out), _decode(err), code, seconds)


def run_in_zygote(snippet: Snippet, modules: zygotes.Modules, argv: list[str]) -> RunResult:
    zygote = zygotes.get(modules, environment())
    with tempfile.TemporaryDirectory(prefix="snippet-") as workdir:
        started = time.monotonic()
        code, out, err = zygote.run(argv, workdir, snippet.timeout, modules)
        seconds = time.monotonic() - started
    return RunResult(_decode(out), _decode(err), code, seconds)
