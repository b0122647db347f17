"""A snippet run with `exec` in the benchmark's own process: no isolation at all, the floor of what it costs.

Nothing protects this process from the snippet: its imports stay loaded, its changes to globals, the
environment and the working folder's contents would leak into the next snippet, and a crash or a hang would
take the benchmark down. The verifier never runs snippets this way; the benchmark does, to show what the
isolation costs.
"""

from __future__ import annotations

import builtins
import contextlib
import io
import os
import sys
import tempfile
from pathlib import Path

from notesite.contract import Snippet
from notesite.run import runner


def run(snippet: Snippet) -> str:
    """What `python <command>` prints when executed here, in an empty temporary folder. The working folder,
    sys.argv, sys.path[0] and the environment are put back afterwards (a dbt snippet sets variables), so that
    the benchmark's other measurements do not depend on it."""
    argv = runner.command(snippet)[1:]  # the script (the snippet, or run_sql.py for SQL) and its arguments
    script = argv[0]
    saved = (os.getcwd(), sys.argv, sys.path[0], dict(os.environ))
    printed = io.StringIO()
    with tempfile.TemporaryDirectory(prefix="snippet-") as workdir:
        os.chdir(workdir)
        sys.argv, sys.path[0] = list(argv), str(Path(script).parent)
        try:
            with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(io.StringIO()):
                code = compile(Path(script).read_bytes(), script, "exec", dont_inherit=True)
                exec(code, {"__name__": "__main__", "__file__": script, "__builtins__": builtins})
        except SystemExit:
            pass
        finally:
            os.chdir(saved[0])
            sys.argv, sys.path[0] = saved[1], saved[2]
            os.environ.clear()
            os.environ.update(saved[3])
    return printed.getvalue()
