"""Under `mkdocs serve` only: check the snippets a page shows in the background, and tell the author.

The build never waits for a snippet. When a page is rendered, each snippet it shows is looked up by its
fingerprint (contract.fingerprint: its note folder's code, expected output, setup and data files); an unknown one
is queued, and a single background thread checks it with the verifier's own API (notesite.verify.api.check), so
the verdict and its message are exactly what `make test` would say. A new verdict is written to a status file
that `mkdocs serve` watches, which triggers one more rebuild: the page then shows the failure in place, and the
serve log says it too. `mkdocs build` never starts the checker, so what it produces is unchanged.

The checker's queue and thread must outlive a rebuild, so hooks/notes.py keeps this module when it re-imports the
rest of the engine: after editing it (or the verifier it calls), restart `make serve`.
"""

from __future__ import annotations

import json
import queue
import sys
import threading
from pathlib import Path

from .. import contract
from ..verify import api
from ..verify.project import Project

STATUS_DIR = Path(".cache") / "notesite-live"


class LiveCheck:
    def __init__(self, root: Path, accept_command: str | None = None):
        self.root = root
        self.accept_command = accept_command
        self.status_file = root / STATUS_DIR / "status.json"
        self.verdicts: dict[str, api.Verdict] = {}
        self.pending: set[str] = set()
        self.lock = threading.Lock()
        self.jobs: queue.Queue[tuple[str, Path]] = queue.Queue()
        self.status_file.parent.mkdir(parents=True, exist_ok=True)
        threading.Thread(target=self._work, name="notesite-live-check", daemon=True).start()

    def verdict(self, snippet: Path) -> api.Verdict | None:
        """The verdict for the snippet as it is now on disk; queues a check and returns None if unknown."""
        key = contract.fingerprint(snippet)
        with self.lock:
            if key in self.verdicts:
                return self.verdicts[key]
            if key not in self.pending:
                self.pending.add(key)
                self.jobs.put((key, snippet))
        return None

    def check_all(self, snippets_dir: Path) -> None:
        """Queue every snippet (at start-up, when no page has asked yet)."""
        for snippet in contract.discover(snippets_dir).snippets:
            self.verdict(snippet)

    def _work(self) -> None:
        shown: dict[Path, bool] = {}  # what the pages show now, per snippet: pass (mark) or fail (box)
        while True:
            key, snippet = self.jobs.get()
            try:  # the pages as they are now: which lines show the snippet goes into the message
                verdict = api.check(Project.load(self.root, self.accept_command), snippet)
            except Exception as error:  # noqa: BLE001  (a checker that dies would leave every page unchecked)
                verdict = api.Verdict(False, f"could not check {snippet.name}: {error!r}")
            with self.lock:
                self.verdicts[key] = verdict
                self.pending.discard(key)
            if not verdict.ok:
                print(f"\nnotes: snippet check failed while serving:\n{verdict.message}\n", file=sys.stderr)
            # A page shows a pass until told otherwise: rebuild only when what it shows must change.
            if shown.get(snippet, True) != verdict.ok or not verdict.ok:
                self._touch(snippet, verdict)
            shown[snippet] = verdict.ok

    def _touch(self, snippet: Path, verdict: api.Verdict) -> None:
        """Write the newest verdict where `mkdocs serve` watches, so the page is rebuilt with it."""
        self.status_file.parent.mkdir(parents=True, exist_ok=True)
        record = {"snippet": str(snippet.relative_to(self.root)), "ok": verdict.ok}
        self.status_file.write_text(json.dumps(record) + "\n", encoding="utf-8")


_live: LiveCheck | None = None


def start(root: Path, accept_command: str | None = None) -> LiveCheck:
    global _live
    if _live is None:
        _live = LiveCheck(root, accept_command)
    return _live


def active() -> LiveCheck | None:
    """The running checker, or None outside `mkdocs serve`."""
    return _live
