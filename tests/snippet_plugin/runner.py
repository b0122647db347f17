"""Run one snippet in its own process, in an empty temporary folder, with a timeout.

Two ways to get that process, with the same isolation and the same results:
- zygote (the default): a warm interpreter per test process (zygote.py) that has already imported the heavy
  modules forks one child per snippet. A trivial snippet then costs a fork instead of an interpreter start,
  and a DuckDB or pandas one does not pay for the import again.
- subprocess: a fresh `python snippet.py` per snippet. Used where fork is not available (no os.fork or no
  os.pidfd_open, i.e. not Linux), when the zygote cannot start or dies, and on request with
  `SNIPPET_RUNNER=subprocess` (the benchmark's baseline, and a way to rule the zygote out).

Either way the child gets its own session (process group) so that a timeout kills everything it started, not
only the interpreter, and output is unbuffered so that what a hanging snippet printed before it hung is kept.
"""

from __future__ import annotations

import atexit
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

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
RUNNER_VARIABLE = "SNIPPET_RUNNER"  # "zygote" (default) or "subprocess"
DROPPED = (
    "PYTHONPATH",
    "PYTHONSTARTUP",
    "PYTHONHOME",
    "PYTEST_ADDOPTS",
    "PYTEST_XDIST_WORKER",
    "FORCE_COLOR",
    RUNNER_VARIABLE,  # a snippet sees the same environment whichever way it runs
)
ZYGOTE_SCRIPT = Path(__file__).with_name("zygote.py")
ZYGOTE_STARTUP = 120.0  # seconds to import the preloaded modules, on a loaded machine
ZYGOTE_GRACE = 10.0  # seconds past a snippet's timeout before a silent zygote is presumed dead


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
        try:
            return run_in_zygote(snippet, command[1:])
        except ZygoteError:
            _discard_zygote()  # and run this snippet the plain way; the next one starts a new zygote
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


def run_in_zygote(snippet: Snippet, argv: list[str]) -> RunResult:
    zygote = _current_zygote()
    with tempfile.TemporaryDirectory(prefix="snippet-") as workdir:
        started = time.monotonic()
        code, out, err = zygote.run(argv, workdir, snippet.timeout)
        seconds = time.monotonic() - started
    return RunResult(_decode(out), _decode(err), code, seconds)


class ZygoteError(Exception):
    """The zygote did not start, stopped answering or died; the snippet is run in a subprocess instead."""


class Zygote:
    """The test process's side of zygote.py: start it, hand it snippets, read what they printed."""

    def __init__(self, env: dict[str, str]):
        self.env = env
        # Where children write stdout and stderr: beside, never inside, the snippet's empty working folder.
        self.scratch = Path(tempfile.mkdtemp(prefix="snippet-zygote-"))
        self.process = subprocess.Popen(
            [sys.executable, str(ZYGOTE_SCRIPT)],
            cwd=self.scratch,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            start_new_session=True,  # Ctrl-C stops pytest; the zygote then sees its stdin close and exits
        )
        try:
            self.ready = self._receive(ZYGOTE_STARTUP)  # before any snippet's clock starts
        except ZygoteError:
            self.close()
            raise

    def run(self, argv: list[str], cwd: str, timeout: float) -> tuple[int | None, bytes, bytes]:
        out, err = self.scratch / "stdout", self.scratch / "stderr"
        request = {"argv": argv, "cwd": cwd, "stdout": str(out), "stderr": str(err), "timeout": timeout}
        try:
            self.process.stdin.write(json.dumps(request).encode() + b"\n")
            self.process.stdin.flush()
        except OSError as error:
            raise ZygoteError(f"the zygote is gone: {error}") from None
        reply = self._receive(timeout + ZYGOTE_GRACE)
        return reply["returncode"], out.read_bytes(), err.read_bytes()

    def _receive(self, timeout: float) -> dict:
        ready, _, _ = select.select([self.process.stdout], [], [], timeout)
        line = self.process.stdout.readline() if ready else b""
        if not line:
            raise ZygoteError("the zygote did not answer")
        return json.loads(line)

    def close(self) -> None:
        self.process.stdin.close()  # the zygote's signal to stop (and to kill a child still running)
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process.stdout.close()
        shutil.rmtree(self.scratch, ignore_errors=True)


_zygote: Zygote | None = None


def _current_zygote() -> Zygote:
    """The test process's zygote, started on first use (a run where every snippet is cached starts none), and
    restarted when the environment snippets should see has changed since it started."""
    global _zygote
    env = environment()
    if _zygote is not None and (_zygote.env != env or _zygote.process.poll() is not None):
        _discard_zygote()
    if _zygote is None:
        try:
            _zygote = Zygote(env)
        except (OSError, ZygoteError) as error:
            raise ZygoteError(f"the zygote did not start: {error}") from None
    return _zygote


@atexit.register
def _discard_zygote() -> None:
    global _zygote
    if _zygote is not None:
        zygote, _zygote = _zygote, None
        zygote.close()
