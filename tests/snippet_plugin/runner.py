"""Run one snippet in its own process, in an empty temporary folder, with a timeout.

The child gets its own session (process group) so that a timeout kills everything it started, not only
the interpreter. Output is unbuffered so that what a hanging snippet printed before it hung is kept.
"""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass

from .snippet import Snippet

# Same inputs, same output: no hash randomisation, no local time zone or locale, no colour codes, no
# telemetry, no plotting window. PYTHONPATH is dropped so the test suite's paths do not leak in.
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
DROPPED = ("PYTHONPATH", "PYTHONSTARTUP", "PYTHONHOME", "PYTEST_ADDOPTS", "PYTEST_XDIST_WORKER", "FORCE_COLOR")


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
    env = {key: value for key, value in os.environ.items() if key not in DROPPED}
    env.update(ENVIRONMENT)
    return env


def run(snippet: Snippet) -> RunResult:
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
    decode = lambda data: data.decode("utf-8", errors="replace")  # noqa: E731
    return RunResult(decode(out), decode(err), code, seconds)
