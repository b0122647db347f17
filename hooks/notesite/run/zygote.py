"""The zygote: a warm interpreter that forks one isolated child per snippet.

Started by zygotes.py as `python zygote.py`, with the snippets' environment (PYTHONHASHSEED and the rest
cannot change after an interpreter starts, so the zygote is started with them). It serves one request at a
time over its stdin/stdout, and imports the heavy modules a snippet's folder uses before forking for it, once:

    request  (one JSON line): {"argv": [script, *args], "cwd": ..., "stdout": file, "stderr": file, "timeout": s}
    response (one JSON line): {"returncode": int | null}     null: killed at the timeout

The child reports its exit status over a pipe of its own just before it exits, and the zygote answers then
and reaps the child afterwards, while the test process reads the output (0.2 to 0.3 ms less per snippet).
A child that dies without reporting (a signal, a crash) is answered from waitpid, as before.

Each snippet runs in a child forked from the zygote, so it starts with the modules already imported but with
the isolation of its own process: its own session (a timeout kills everything it started), its own working
folder, fd 1 and 2 on its own files, and `argv[0]` run as `__main__` as `python argv[0]` runs it.
The zygote itself never runs snippet code, so one snippet cannot change what the next one sees.

What differs from a fresh `python snippet.py`, knowingly: the preloaded modules are already in sys.modules
(with whatever warning filters and atexit hooks their import installs), the script runs 5 frames below the
top of the stack (the recursion limit is not raised to compensate: a snippet may print it), and interpreter
teardown is reproduced in its observable steps (threads joined, atexit hooks, globals released, streams
flushed) rather than by a real Py_Finalize.
"""

from __future__ import annotations

import atexit
import builtins
import contextlib
import gc
import importlib
import importlib.machinery
import json
import os
import select
import signal
import sys
import time
import types
import warnings

import isolation  # beside this file (sys.path[0]); standard library only

KILLED = None  # the returncode reported for a child killed at its timeout


def warm_up_duckdb() -> None:
    """Open the SQL runner's database (run_sql.py, beside this file) and keep it open: opening a DuckDB database
    is most of what a SQL snippet costs (about 17 ms), and each forked child now finds it open, as its own copy
    of a database no statement has touched. The runner's configuration starts no thread, so the zygote stays
    single-threaded (preload() checks). The query pays DuckDB's first-query setup here, once; it changes nothing."""
    import run_sql  # beside this file

    HELD.append(run_sql.connect())
    HELD[-1].execute("select 42").fetchall()


HELD: list = []  # what the warm-ups keep open for every child
WARM_UPS = {"duckdb": warm_up_duckdb}


def threads() -> int:
    return len(os.listdir("/proc/self/task"))


def preload(modules: list[str]) -> None:
    """Import what the request asks for, once: the runner picks heavy modules that import without side effects.
    Exits (the runner then uses subprocesses) rather than fork while another thread runs."""
    missing = [module for module in modules if module not in sys.modules]
    if not missing:
        return
    for module in missing:
        try:
            importlib.import_module(module)
            WARM_UPS.get(module, lambda: None)()
        except Exception:  # noqa: BLE001  (the snippet will import it itself and report what is wrong)
            continue
    # numpy's OpenBLAS starts a thread pool when imported, and shuts it down in its fork handler. One throw-away
    # fork now leaves the zygote single-threaded, so that no snippet is ever forked while another thread runs.
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
    if threads() != 1:
        sys.exit(f"zygote: {threads()} threads after importing {', '.join(missing)}; refusing to fork")
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
    """The traceback the interpreter prints: from the script's first frame on, without this file's frames."""
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


class Script:
    """What `python argv[0] argv[1:]` runs: argv, the `sys.path[0]` the interpreter computes, a fresh `__main__`
    holding what the interpreter puts in it, and the script's code. Made in the zygote before it forks: compiling
    in each child would cost it a copy of every memory page the compiler writes to (1.5 ms on the CI machine)."""

    def __init__(self, argv: list[str]):
        self.argv = list(argv)
        self.path_entry = os.path.dirname(os.path.realpath(argv[0]))  # the script's folder, links resolved
        self.main = types.ModuleType("__main__")
        self.main.__file__ = os.path.abspath(argv[0])
        self.main.__cached__ = None
        self.main.__loader__ = importlib.machinery.SourceFileLoader("__main__", self.main.__file__)
        self.main.__builtins__ = builtins
        try:
            self.code: types.CodeType | None = self.compile(self.main.__file__, warn=False)
        except Exception:  # noqa: BLE001  (a SyntaxError, a warning made an error, a missing file...)
            self.code = None  # the child compiles it, and reports what is wrong as the interpreter would

    @staticmethod
    def compile(path: str, warn: bool = True) -> types.CodeType:
        with open(path, "rb") as source, warnings.catch_warnings():
            if not warn:  # a SyntaxWarning must reach the child's stderr: make it fail here instead
                warnings.simplefilter("error")
            # dont_inherit: this file's `from __future__ import annotations` must not apply to the snippet.
            return compile(source.read(), path, "exec", dont_inherit=True)


def run_as_main(script: Script) -> int:
    """`python argv[0] argv[1:]`, from running the script to its exit status. Not runpy.run_path: it probes the
    path with every import hook first (1.5 ms per run) and runs the script in a stand-in `__main__`."""
    sys.argv, sys.path[0] = script.argv, script.path_entry
    main = sys.modules["__main__"] = script.main
    interrupted, exiting = False, False
    try:
        exec(script.code or Script.compile(main.__file__), main.__dict__)
        status = 0
    except SystemExit as error:
        status, exiting = exit_status(error), True
    except BaseException as error:  # noqa: BLE001  (the interpreter reports anything, then exits 1)
        print_uncaught(error, main.__file__)
        interrupted, status = isinstance(error, KeyboardInterrupt), 1
    if not exiting:  # the interpreter forgets the script's file name, unless SystemExit ended it at once
        for name in ("__file__", "__cached__"):
            main.__dict__.pop(name, None)
    try:
        shut_down(main.__dict__)
    except BaseException:  # noqa: BLE001
        status = 120  # what the interpreter exits with when flushing stdout fails
    if interrupted:  # the interpreter re-raises SIGINT on itself, so the parent sees a signal
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGINT)
    return status


def redirect(fd: int, path: str, flags: int) -> None:
    opened = os.open(path, flags, 0o600)
    os.dup2(opened, fd)
    os.close(opened)


def child(request: dict, script: Script, control: tuple[int, int], status: int) -> None:
    """In the forked child: never returns."""
    code = 1
    try:
        os.setsid()  # own session and process group: a timeout kills everything the snippet started
        for fd in control:
            os.close(fd)
        # fd 0 is already /dev/null: the zygote's own (main()).
        redirect(1, request["stdout"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        redirect(2, request["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        os.chdir(request["cwd"])
        numpy = sys.modules.get("numpy")
        if numpy is not None:  # `random` reseeds itself after a fork; numpy's global generator does not
            numpy.random.seed()
        code = run_as_main(script)
    except BaseException as error:  # noqa: BLE001  (a bug here must not return into the zygote's loop)
        os.write(2, f"zygote: could not run the snippet: {error!r}\n".encode())
    finally:
        # Everything the snippet printed is in its files now. Tell the zygote the status before exiting: the exit
        # and the zygote's wake-up on it (0.2 to 0.3 ms) then overlap the test process's work instead of delaying
        # it. The pid tells this child's report from one by a process the snippet forked, which inherits the pipe
        # and would come through here too. A snippet that closed or replaced the pipe's descriptor only loses
        # the shortcut: without a report, the zygote answers from waitpid.
        try:
            os.write(status, f"{os.getpid()} {code & 0xFF}\n".encode())
        finally:
            os._exit(code)


# --- in the zygote -----------------------------------------------------------------------------------------------


def kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:  # the group is empty, or the child had not called setsid yet
        with contextlib.suppress(ProcessLookupError):  # already reaped
            os.kill(pid, signal.SIGKILL)


def wait(pid: int, timeout: float, control_in: int, status: int) -> tuple[int | None, bool]:
    """The child's returncode (negative: the signal that killed it), or KILLED after the timeout, and whether
    the child still has to be reaped (it reported its status and is exiting). Also stops the child when the
    test process goes away (its end of the control pipe closes)."""
    deadline = time.monotonic() + timeout
    pidfd = os.pidfd_open(pid)
    reports = b""
    try:
        while True:
            watched = [pidfd, control_in] + ([status] if status >= 0 else [])
            ready, _, _ = select.select(watched, [], [], max(0.0, deadline - time.monotonic()))
            if status in ready:
                data = os.read(status, 4096)
                reports += data
                for line in reports.decode(errors="replace").splitlines():
                    reporter, _, code = line.partition(" ")
                    if reporter == str(pid) and code.isdigit():
                        return int(code), True
                if not data:  # every writer is gone without this child's report: it died; waitpid says how
                    status = -1
                continue
            break
    finally:
        os.close(pidfd)
    if pidfd in ready:
        return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]), False
    kill_group(pid)
    os.waitpid(pid, 0)
    if control_in in ready:
        sys.exit(0)
    return KILLED, False


def serve(control_in: int, control_out: int) -> None:
    # Buffered: the test process writes one request and waits for its answer, so nothing is ever left in the
    # buffer while wait() watches the same descriptor for the test process going away.
    lines = os.fdopen(control_in, "rb")
    for line in iter(lines.readline, b""):
        request = json.loads(line)
        preload(request["preload"])
        script = Script(request["argv"])
        for stream in (sys.stdout, sys.stderr):
            stream.flush()  # nothing of the zygote's may end up in a child's output
        status_in, status_out = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(status_in)
            child(request, script, (control_in, control_out), status_out)
        os.close(status_out)
        try:
            returncode, exiting = wait(pid, request["timeout"], control_in, status_in)
        finally:
            os.close(status_in)
        os.write(control_out, json.dumps({"returncode": returncode}).encode() + b"\n")
        kill_group(pid)  # whatever the snippet started in the background ends with it
        if exiting:  # reported its status: reap it while the test process reads the output
            os.waitpid(pid, 0)


def main() -> None:
    # The control channel moves off fds 0 and 1, so that a module printing while it is imported cannot corrupt
    # it; stray output goes to stderr, which is the test process's.
    control_in, control_out = os.dup(0), os.dup(1)
    redirect(0, os.devnull, os.O_RDONLY)
    try:  # once, for every child: a snippet that needs the network runs outside the zygote
        isolation.isolate_network()
    except isolation.IsolationError as error:
        sys.exit(f"zygote: {error}")
    os.dup2(2, 1)
    gc.freeze()  # see preload()
    os.write(control_out, b'{"ready": true}\n')
    serve(control_in, control_out)


if __name__ == "__main__":
    main()
