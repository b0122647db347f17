"""Under `mkdocs serve` only: check the snippets a page shows in the background, and tell the author.

The build never waits for a snippet. When a page is rendered, each snippet it shows is looked up by a key
that hashes its note folder (code, expected output, setup and data files); an unknown key is queued, and a
single background thread runs that one snippet through the real test suite (`pytest <snippet>`), so the
verdict and its message are exactly what `make test` would say. A new verdict is written to a status file
that `mkdocs serve` watches, which triggers one more rebuild: the page then shows the failure in place,
and the serve log says it too. `mkdocs build` never imports the checks, so what it produces is unchanged.

This module is imported once per `mkdocs serve` process (it is not re-imported on rebuild like the engine),
because its queue and thread must outlive a rebuild. After editing it, restart `make serve`.
"""

from __future__ import annotations

import hashlib
import json
import queue
import re
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

STATUS_DIR = Path(".cache") / "notesite-live"
FAILURE_BLOCK = re.compile(r"^_{3,} .*? _{3,}$\n(?P<body>.*?)(?=^(?:_{3,} |={3,} ))", re.M | re.S)


@dataclass(frozen=True)
class Verdict:
    ok: bool
    message: str  # the test suite's own failure message; empty when ok


class LiveCheck:
    def __init__(self, root: Path):
        self.root = root
        self.status_file = root / STATUS_DIR / "status.json"
        self.verdicts: dict[str, Verdict] = {}
        self.pending: set[str] = set()
        self.lock = threading.Lock()
        self.jobs: queue.Queue[tuple[str, Path]] = queue.Queue()
        self.status_file.parent.mkdir(parents=True, exist_ok=True)
        threading.Thread(target=self._work, name="notesite-live-check", daemon=True).start()

    def verdict(self, snippet: Path) -> Verdict | None:
        """The verdict for the snippet as it is now on disk; queues a check and returns None if unknown."""
        key = fingerprint(snippet)
        with self.lock:
            if key in self.verdicts:
                return self.verdicts[key]
            if key not in self.pending:
                self.pending.add(key)
                self.jobs.put((key, snippet))
        return None

    def check_all(self, snippets_dir: Path) -> None:
        """Queue every snippet (at start-up, when no page has asked yet)."""
        for snippet in sorted(snippets_dir.glob("*/*/*")):
            if snippet.suffix in (".py", ".sql") and not snippet.name.startswith("_"):
                self.verdict(snippet)

    def _work(self) -> None:
        shown: dict[Path, bool] = {}  # what the pages show now, per snippet: pass (mark) or fail (box)
        while True:
            key, snippet = self.jobs.get()
            verdict = run(self.root, snippet)
            with self.lock:
                self.verdicts[key] = verdict
                self.pending.discard(key)
            if not verdict.ok:
                print(f"\nnotes: snippet check failed while serving:\n{verdict.message}\n", file=sys.stderr)
            # A page shows a pass until told otherwise: rebuild only when what it shows must change.
            if shown.get(snippet, True) != verdict.ok or not verdict.ok:
                self._touch(snippet, verdict)
            shown[snippet] = verdict.ok

    def _touch(self, snippet: Path, verdict: Verdict) -> None:
        """Write the newest verdict where `mkdocs serve` watches, so the page is rebuilt with it."""
        self.status_file.parent.mkdir(parents=True, exist_ok=True)
        record = {"snippet": str(snippet.relative_to(self.root)), "ok": verdict.ok}
        self.status_file.write_text(json.dumps(record) + "\n", encoding="utf-8")


def fingerprint(snippet: Path) -> str:
    digest = hashlib.sha256(snippet.name.encode())
    for path in sorted(p for p in snippet.parent.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def run(root: Path, snippet: Path) -> Verdict:
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:xdist", "-p", "no:cacheprovider", str(snippet)]
    try:
        done = subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=600, check=False)
    except (OSError, subprocess.SubprocessError) as error:
        return Verdict(False, f"could not run the snippet check: {error}")
    if done.returncode == 0:
        return Verdict(True, "")
    match = FAILURE_BLOCK.search(done.stdout)
    return Verdict(False, (match.group("body") if match else done.stdout[-3000:]).strip())


_live: LiveCheck | None = None


def start(root: Path) -> LiveCheck:
    global _live
    if _live is None:
        _live = LiveCheck(root)
    return _live


def active() -> LiveCheck | None:
    """The running checker, or None outside `mkdocs serve`."""
    return _live
