"""The test process's side of the zygotes (zygote.py): which one runs a snippet, starting and stopping them.

One zygote per set of heavy modules that snippets' folders import (none; duckdb; duckdb and pandas; dbt...),
each started on first use, so a run where every snippet is cached starts none. Not one zygote with every module:
a fork costs in proportion to the memory the parent maps, and on the CI machine a SQL snippet forked from a
zygote that also holds pandas costs 10 ms more (45 ms instead of 35) than one forked from a zygote with duckdb
alone; a trivial snippet forks from a bare interpreter in 2-3 ms. At most MAX_RUNNING zygotes run at once (the
least recently used stops). A zygote that fails is not restarted: the rest of the session runs its snippets in
subprocesses (slower, same results).
"""

from __future__ import annotations

import atexit
import json
import re
import select
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ..contract import Snippet

# Modules that cost a snippet hundreds of milliseconds (dbt: seconds) to import, and whose import starts no
# thread and opens no connection or file (zygote.py checks the threads).
PRELOADABLE = {"duckdb": "duckdb", "pandas": "pandas", "sqlglot": "sqlglot", "dbt": "dbt.cli.main"}
# Zygotes whose imports take seconds (dbt: about 3.4 s, against 0.2 to 0.3 s for duckdb, pandas or sqlglot).
# Their snippets share one pytest-xdist worker so that the import is paid once per run, not once per worker;
# the cheap ones are paid per worker, which keeps the snippets spread evenly.
SLOW_TO_WARM = {"dbt.cli.main"}
Modules = tuple[str, ...]  # the heavy modules a zygote has imported, sorted: which zygote it is
HEAVY_IMPORT = re.compile(rf"^[ \t]*(?:from|import)[ \t]+({'|'.join(PRELOADABLE)})\b", re.M)
SCRIPT = Path(__file__).with_name("zygote.py")
STARTUP = 120.0  # seconds a zygote may take to start or to import a module, on a loaded machine
MAX_RUNNING = 4  # zygotes per test process: 70 to 180 MB each


class ZygoteError(Exception):
    """The zygote did not start, stopped answering or died; the snippet is run in a subprocess instead."""


def preload_for(snippet: Snippet) -> Modules:
    """The preloadable modules the snippet will import: those its folder's Python files import (the snippet,
    its helpers, sibling snippets it imports), and duckdb for SQL."""
    names = {"duckdb"} if snippet.kind == "sql" else set()
    for path in snippet.note_dir.glob("*.py"):
        names.update(HEAVY_IMPORT.findall(path.read_text(encoding="utf-8", errors="replace")))
    return tuple(sorted(PRELOADABLE[name] for name in names))


class Zygote:
    """One zygote.py process: start it, hand it snippets, read what they printed."""

    def __init__(self, env: dict[str, str]):
        self.env = env
        self.runs = 0
        # Where children write stdout and stderr: beside, never inside, the snippet's empty working folder.
        self.scratch = Path(tempfile.mkdtemp(prefix="snippet-zygote-"))
        self.process = subprocess.Popen(
            [sys.executable, str(SCRIPT)],
            cwd=self.scratch,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            start_new_session=True,  # Ctrl-C stops pytest; the zygote then sees its stdin close and exits
        )
        try:
            self._receive(STARTUP)  # "ready", before any snippet's clock starts
        except ZygoteError:
            self.close()
            raise

    def run(self, argv: list[str], cwd: str, timeout: float, preload: Modules) -> tuple[int | None, bytes, bytes]:
        """(returncode, stdout, stderr) of `python *argv` run in `cwd`; returncode None: killed at the timeout."""
        # Files of their own per snippet: nothing a previous snippet left behind can write into them.
        self.runs += 1
        out, err = self.scratch / f"stdout-{self.runs}", self.scratch / f"stderr-{self.runs}"
        request = {"argv": argv, "cwd": cwd, "stdout": str(out), "stderr": str(err), "timeout": timeout}
        request["preload"] = list(preload)
        try:
            self.process.stdin.write(json.dumps(request).encode() + b"\n")
            self.process.stdin.flush()
        except OSError as error:
            raise ZygoteError(f"the zygote is gone: {error}") from None
        reply = self._receive(STARTUP + timeout)  # the zygote may import a module for this snippet first
        try:
            return reply["returncode"], out.read_bytes(), err.read_bytes()
        finally:
            out.unlink(missing_ok=True)
            err.unlink(missing_ok=True)

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


_running: dict[Modules, Zygote] = {}  # least recently used first
_failed: set[Modules] = set()


def get(modules: Modules, env: dict[str, str]) -> Zygote:
    """The zygote for snippets that import these modules, restarted if the environment snippets should see has
    changed since it started."""
    if modules in _failed:
        raise ZygoteError(f"the zygote for {modules} failed earlier in this session")
    zygote = _running.pop(modules, None)
    if zygote is not None and (zygote.env != env or zygote.process.poll() is not None):
        zygote.close()
        zygote = None
    if zygote is None:
        while len(_running) >= MAX_RUNNING:
            stop(next(iter(_running)))
        try:
            zygote = Zygote(env)
        except (OSError, ZygoteError) as error:
            _failed.add(modules)
            raise ZygoteError(f"the zygote for {modules} did not start: {error}") from None
    _running[modules] = zygote  # now the most recently used
    return zygote


def failed(modules: Modules) -> None:
    _failed.add(modules)
    stop(modules)


def stop(modules: Modules) -> None:
    zygote = _running.pop(modules, None)
    if zygote is not None:
        zygote.close()


def running() -> dict[str, int]:
    """Process id of every zygote running now, by the modules it holds (for the benchmark)."""
    return {" + ".join(modules) or "bare": zygote.process.pid for modules, zygote in _running.items()}


@atexit.register
def stop_all() -> None:
    for modules in list(_running):
        stop(modules)
