"""The zygote runs a snippet exactly as a fresh `python snippet.py` does: same stdout, stderr and exit status.

Each case is a small snippet that exercises one thing the interpreter does around a script (exit statuses,
tracebacks, teardown, `__main__`, crashes, timeouts); it runs both ways, through the plugin's runner, and the
results must be identical. Differences that are documented (preloaded modules, stack depth) are not tested.
"""

from __future__ import annotations

import os
import textwrap

import pytest

from notesite.contract import Snippet
from notesite.run import runner, zygotes

CASES = {
    "prints": "print('a'); print('b', end='')",
    "exit status": "import sys; print('bye'); sys.exit(3)",
    "exit message": "import sys; sys.exit('fatal: no input')",
    "exit none": "raise SystemExit",
    "exception": "def f():\n    return {}['rate']\nprint('before')\nf()",
    "chained exception": "try:\n    1 / 0\nexcept ZeroDivisionError as e:\n    raise ValueError('bad') from e",
    "exception group": "raise ExceptionGroup('many', [ValueError(1), KeyError(2)])",
    "exception note": "e = ValueError('x')\ne.add_note('see the docs')\nraise e",
    "syntax error": "print('never')\nx = (",
    "syntax warning": "print('\\d')",
    "keyboard interrupt": "raise KeyboardInterrupt",
    "os exit": "import os; print('flushed', flush=True); os._exit(3)",
    "segfault": "import ctypes; ctypes.string_at(0)",
    "main module": (
        "import sys, os\nprint(__name__, __file__ == os.path.abspath(sys.argv[0]), __package__, __spec__)\n"
        "print(sys.modules['__main__'].__dict__ is globals(), type(__loader__).__name__)\n"
        "print(os.path.basename(sys.path[0]), os.listdir('.'))"
    ),
    "no future annotations": "def f(x: int) -> 'str': pass\nprint(f.__annotations__)",
    "pickle a class of __main__": (
        "import pickle\nclass Point:\n    def __init__(self, x): self.x = x\n"
        "print(pickle.loads(pickle.dumps(Point(2))).x)"
    ),
    "atexit": "import atexit\natexit.register(print, 'at exit')\nprint('main')",
    "finalizer": "class Noisy:\n    def __del__(self): print('collected')\nkeep = Noisy()\nprint('main')",
    "thread outlives main": (
        "import threading, time\n"
        "threading.Thread(target=lambda: (time.sleep(0.2), print('thread done'))).start()\nprint('main done')"
    ),
    "stdin is empty": "import sys\nprint(repr(sys.stdin.read()))\ninput()",
    "environment": (
        "import os, sys, time\nprint(os.environ['PYTHONHASHSEED'], hash('abc'), sys.flags.hash_randomization)\n"
        "print(time.tzname, sorted(k for k in os.environ if k.startswith(('PYTEST', 'SNIPPET', 'PYTHONPATH'))))"
    ),
    "deprecation warning": "import warnings\nwarnings.warn('old', DeprecationWarning)\nprint('after')",
    "unicode and bytes": "import sys\nprint('naïve – ✓')\nsys.stdout.buffer.write(b'\\xff\\n')",
    "large output": "print('x' * 100 + '\\n' * 0, end='')\nfor i in range(20000): print(i)",
    "child process": "import subprocess, sys\nsubprocess.run([sys.executable, '-c', 'print(42)'], check=True)",
    "multiprocessing": (
        "import multiprocessing as mp\ndef square(x): return x * x\nif __name__ == '__main__':\n"
        "    with mp.get_context('fork').Pool(2) as pool: print(pool.map(square, [1, 2, 3]))"
    ),
    "writes its folder": "open('scratch.txt', 'w').write('x')\nimport os; print(os.listdir('.'))",
    "data snippet": "import pandas as pd\nprint(pd.DataFrame({'a': [1, 2]}).sum().to_string())",
    # Closes the pipe the child reports its status on: the zygote must fall back to the exit status.
    "closes its descriptors": "import os, sys\nos.closerange(3, 1024)\nprint('closed')\nsys.exit(4)",
    # The forked process ends through the zygote's own exit path too: its status must not pass for the snippet's.
    "forks a process that exits 3": (
        "import os, sys\npid = os.fork()\nif pid == 0:\n    print('forked', flush=True)\n    sys.exit(3)\n"
        "print('forked process exited', os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))"
    ),
}


def run_both(path) -> tuple[runner.RunResult, runner.RunResult]:
    """Both ways, explicitly: a failing zygote must fail the test, not fall back to a subprocess."""
    snippet = Snippet.at(path)
    fresh = runner.run_in_subprocess(snippet)
    forked = runner.run_in_zygote(snippet, zygotes.preload_for(snippet))
    return fresh, forked


def same(fresh: runner.RunResult, forked: runner.RunResult, path) -> None:
    def normal(output: bytes) -> bytes:
        return output.replace(str(path.parent).encode(), b"<folder>")

    assert (forked.returncode, normal(forked.stdout), normal(forked.stderr)) == (
        fresh.returncode,
        normal(fresh.stdout),
        normal(fresh.stderr),
    )


@pytest.mark.parametrize("source", CASES.values(), ids=CASES.keys())
def test_zygote_runs_a_snippet_as_the_interpreter_does(source, tmp_path):
    path = tmp_path / "engineering" / "note" / "case.py"
    path.parent.mkdir(parents=True)
    path.write_text(textwrap.dedent(source) + "\n", encoding="utf-8")
    fresh, forked = run_both(path)
    same(fresh, forked, path)


def test_sql_snippet_runs_as_run_sql_does(tmp_path):
    path = tmp_path / "engineering" / "note" / "totals.sql"
    path.parent.mkdir(parents=True)
    (path.parent / "_setup.sql").write_text("create table t as select range as n from range(5);\n")
    path.write_text("select sum(n) as total from t;\nselect * from missing;\n", encoding="utf-8")
    fresh, forked = run_both(path)
    same(fresh, forked, path)
    assert fresh.returncode == 1 and b"missing" in fresh.stderr


def test_every_sql_snippet_starts_from_an_untouched_database(tmp_path):
    """The duckdb zygote keeps run_sql's database open and forks each SQL snippet from it: what one snippet
    creates, the next one must not see, and the zygote must stay single-threaded to fork safely."""
    folder = tmp_path / "engineering" / "note"
    folder.mkdir(parents=True)
    creates, looks = folder / "creates.sql", folder / "looks.sql"
    creates.write_text("create table leftover as select 1 as n;\nselect count(*) as tables from duckdb_tables();\n")
    looks.write_text(
        "select count(*) as tables from duckdb_tables();\n"
        "select current_database() as db, current_setting('threads') as threads;\n"
    )
    pids = set()
    for path in (creates, looks, creates, looks):
        fresh, forked = run_both(path)
        same(fresh, forked, path)
        assert forked.returncode == 0, forked.stderr
        pids.add(zygotes.running()["duckdb"])
    assert len(pids) == 1, "every run must come from the same zygote, or a leak could not show"
    (pid,) = pids
    assert len(os.listdir(f"/proc/{pid}/task")) == 1, "the duckdb zygote runs a thread: forking it is unsafe"


def test_timeout_kills_the_snippet_and_keeps_what_it_printed(tmp_path):
    path = tmp_path / "engineering" / "note" / "hang.py"
    path.parent.mkdir(parents=True)
    path.write_text(
        "# snippet: timeout=0.5\nimport subprocess, sys\nprint('working', flush=True)\n"
        "subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'])\nwhile True: pass\n"
    )
    fresh, forked = run_both(path)
    assert fresh.timed_out and forked.timed_out
    assert fresh.stdout == forked.stdout == b"working\n"


def test_one_zygote_serves_every_test(tmp_path, monkeypatch):
    """pytest changes PYTEST_CURRENT_TEST for every test: snippets never see it, so the zygote is not restarted."""
    path = tmp_path / "engineering" / "note" / "hello.py"
    path.parent.mkdir(parents=True)
    path.write_text("print('hello')\n", encoding="utf-8")
    snippet = Snippet.at(path)
    monkeypatch.setenv(runner.RUNNER_VARIABLE, "zygote")
    pids = []
    for test in ("first", "second"):
        monkeypatch.setenv("PYTEST_CURRENT_TEST", f"test_runner.py::{test} (call)")
        assert runner.run(snippet).stdout == b"hello\n"
        pids.append(zygotes.running()["bare"])
    assert pids[0] == pids[1]


def test_only_slow_to_warm_zygotes_keep_their_snippets_on_one_worker(tmp_path, monkeypatch):
    """dbt snippets share one xdist worker (their import takes seconds); duckdb ones spread over all workers."""
    from notesite.verify.items import zygote_group

    monkeypatch.delenv(runner.RUNNER_VARIABLE, raising=False)
    folders = {name: tmp_path / "engineering" / name for name in ("dbt-note", "sql-note")}
    for folder in folders.values():
        folder.mkdir(parents=True)
    dbt = folders["dbt-note"] / "run.py"
    dbt.write_text("from dbt.cli.main import dbtRunner\nprint(dbtRunner)\n", encoding="utf-8")
    sql = folders["sql-note"] / "totals.sql"
    sql.write_text("select 1 as n;\n", encoding="utf-8")
    assert zygote_group(dbt) == "zygote-dbt.cli.main"
    assert zygote_group(sql) is None
    monkeypatch.setenv(runner.RUNNER_VARIABLE, "subprocess")
    assert zygote_group(dbt) is None  # no zygote, nothing to share
