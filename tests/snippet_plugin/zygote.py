"""The zygote: a warm interpreter that forks one isolated child per snippet.

Started by runner.py as `python zygote.py`, with the snippets' environment (PYTHONHASHSEED and the rest
cannot change after an interpreter starts, so the zygote is started with them). It serves one request at a
time over its stdin/stdout, and imports the heavy modules a snippet's folder uses before forking for it, once:

    request  (one JSON line): {"argv": [script, *args], "cwd": ..., "stdout": file, "stderr": file, "timeout": s}
    response (one JSON line): {"returncode": int | null}     null: killed at the timeout

Each snippet runs in a child forked from the zygote, so it starts with the modules already imported but with
the isolation of its own process: its own session (a timeout kills everything it started), its own working
folder, fd 1 and 2 on its own files, and `argv[0]` run as `__main__` exactly as `python argv[0]` runs it.
The zygote itself never runs snippet code, so one snippet cannot change what the next one sees.

What differs from a fresh `python snippet.py`, knowingly: the preloaded modules are already in sys.modules
(with whatever warning filters and atexit hooks their import installs), the script runs 8 frames below the
top of the stack (the recursion limit is not raised to compensate: a snippet may print it), and interpreter
teardown is reproduced in its observable steps (threads joined, atexit hooks, globals released, streams
flushed) rather than by a real Py_Finalize.
"""

from __future__ import annotations

import atexit
import gc
import importlib
import json
import os
import re
import runpy
import select
import signal
import sys

# Modules that cost a snippet hundreds of milliseconds (dbt: seconds) to import and that open no thread or
# connection when imported. The zygote imports one the first time a snippet's folder imports it (a SQL
# snippet's runner imports duckdb), so a session that never uses pandas or dbt does not pay for them.
PRELOADABLE = {"duckdb": "duckdb", "pandas": "pandas", "sqlglot": "sqlglot", "dbt": "dbt.cli.main"}
IMPORTS = re.compile(rf"^[ \t]*(?:from|import)[ \t]+({'|'.join(PRELOADABLE)})\b", re.M)
KILLED = None  # the returncode reported for a child killed at its timeout


def imported_by(script: str) -> set[str]:
    """The preloadable modules that the Python files beside the script (the script, its helpers) import."""
    folder = os.path.dirname(os.path.abspath(script))
    found = set()
    for entry in os.scandir(folder):
        if entry.name.endswith(".py") and entry.is_file():
            with open(entry.path, encoding="utf-8", errors="replace") as source:
                found.update(IMPORTS.findall(source.read()))
    return found


def preload(names: set[str]) -> None:
    missing = [PRELOADABLE[name] for name in sorted(names) if PRELOADABLE[name] not in sys.modules]
    if not missing:
        return
    for module in missing:
        try:
            importlib.import_module(module)
        except Exception:  # noqa: BLE001  (the snippet will import it itself and report what is wrong)
            continue
    # numpy's OpenBLAS starts a thread pool when imported, and shuts it down in its fork handler. One throw-away
    # fork now leaves the zygote single-threaded, so that no snippet is ever forked while another thread runs.
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
    # Objects that exist now are shared with every child: keep the collector from touching (and so copying)
    # their pages in each child.
    gc.freeze()


# --- in the child: run argv[0] as `python argv[0] argv[1:]` would ---------------------------------------------


def exit_status(error: SystemExit) -> int:
    """The exit status the interpreter gives `raise SystemExit(code)`."""
    code = error.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)  # sys.exit("message"): the interpreter prints it and exits 1
    return 1


def print_uncaught(error: BaseException, script: str) -> None:
    """The traceback the interpreter prints: from the script's first frame on, without runpy and this file."""
    tb = error.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != script:
        tb = tb.tb_next
    # None when the script never started (a SyntaxError): the interpreter prints no "Traceback" header then.
    sys.excepthook(type(error), error.with_traceback(tb), tb)


def shut_down(namespace: dict) -> None:
    """What Py_Finalize does that a snippet can observe, in its order: wait for non-daemon threads, run
    atexit hooks, release the script's globals (their __del__ may print), flush the standard streams."""
    threading = sys.modules.get("threading")
    if threading is not None:
        threading._shutdown()
    atexit._run_exitfuncs()
    namespace.clear()
    gc.collect()
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()


def run_as_main(argv: list[str]) -> int:
    script = argv[0]
    sys.argv = list(argv)
    sys.path[0] = os.path.dirname(os.path.realpath(script))  # as the interpreter sets it for a script
    namespace: dict = {}
    interrupted = False
    try:
        namespace = runpy.run_path(script, run_name="__main__")
        code = 0
    except SystemExit as error:
        code = exit_status(error)
    except BaseException as error:  # noqa: BLE001  (the interpreter reports anything, then exits 1)
        print_uncaught(error, script)
        interrupted, code = isinstance(error, KeyboardInterrupt), 1
    try:
        shut_down(namespace)
    except BaseException:  # noqa: BLE001
        code = 120  # what the interpreter exits with when flushing stdout fails
    if interrupted:  # the interpreter re-raises SIGINT on itself, so the parent sees a signal
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGINT)
    return code


def redirect(fd: int, path: str, flags: int) -> None:
    opened = os.open(path, flags, 0o600)
    os.dup2(opened, fd)
    os.close(opened)


def child(request: dict, control: tuple[int, int]) -> None:
    """In the forked child: never returns."""
    code = 1
    try:
        os.setsid()  # own session and process group: a timeout kills everything the snippet started
        for fd in control:
            os.close(fd)
        redirect(0, os.devnull, os.O_RDONLY)
        redirect(1, request["stdout"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        redirect(2, request["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        os.chdir(request["cwd"])
        numpy = sys.modules.get("numpy")
        if numpy is not None:  # `random` reseeds itself after a fork; numpy's global generator does not
            numpy.random.seed()
        code = run_as_main(request["argv"])
    except BaseException as error:  # noqa: BLE001  (a bug here must not return into the zygote's loop)
        os.write(2, f"zygote: could not run the snippet: {error!r}\n".encode())
    finally:
        os._exit(code)


# --- in the zygote -----------------------------------------------------------------------------------------------


def kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:  # the child had not called setsid yet
        os.kill(pid, signal.SIGKILL)


def wait(pid: int, timeout: float, control_in: int) -> int | None:
    """The child's returncode (negative: the signal that killed it), or KILLED after the timeout. Also stops
    the child when the test process goes away (its end of the control pipe closes)."""
    pidfd = os.pidfd_open(pid)
    try:
        ready, _, _ = select.select([pidfd, control_in], [], [], timeout)
    finally:
        os.close(pidfd)
    if pidfd in ready:
        return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
    kill_group(pid)
    os.waitpid(pid, 0)
    if control_in in ready:
        sys.exit(0)
    return KILLED


def serve(control_in: int, control_out: int) -> None:
    lines = os.fdopen(control_in, "rb", buffering=0)
    for line in iter(lines.readline, b""):
        request = json.loads(line)
        preload(imported_by(request["argv"][0]))
        for stream in (sys.stdout, sys.stderr):
            stream.flush()  # nothing of the zygote's may end up in a child's output
        pid = os.fork()
        if pid == 0:
            child(request, (control_in, control_out))
        returncode = wait(pid, request["timeout"], control_in)
        os.write(control_out, json.dumps({"returncode": returncode}).encode() + b"\n")


def main() -> None:
    # The control channel moves off fds 0 and 1, so that a module printing while it is imported cannot corrupt
    # it; stray output goes to stderr, which is the test process's.
    control_in, control_out = os.dup(0), os.dup(1)
    redirect(0, os.devnull, os.O_RDONLY)
    os.dup2(2, 1)
    os.write(control_out, b'{"ready": true}\n')
    serve(control_in, control_out)


if __name__ == "__main__":
    main()
