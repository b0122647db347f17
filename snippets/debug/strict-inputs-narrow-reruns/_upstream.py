"""Upstream, the output writer and the timeline both versions of the job run through.

Upstream partitions are folders in the working directory, landing/<source>/dt=<day>/, written part by part
and complete once they hold a _SUCCESS marker. The job writes output/dt=<day>/. Everything here is the world
around the job; the two snippets differ only in the job's `run(days)`.
"""

import contextlib
import hashlib
import io
import shutil
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

REQUIRED = ("orders", "payments")
LANDING = Path("landing")
OUTPUT = Path("output")
WINDOW = [(date(2026, 9, 28) + timedelta(n)).isoformat() for n in range(7)]
COMMAND = f"daily_revenue --from {WINDOW[0]} --to {WINDOW[-1]}"

writes = Counter()  # day -> times its output partition was written
unfinished = {}  # day -> (input partition without _SUCCESS when the day was written, revenue published)


def land(source: str, day: str, amounts=(10, 20), *, finish: bool = True) -> None:
    """Upstream writes one part file per amount, then the marker. finish=False stops after the first part."""
    part = LANDING / source / f"dt={day}"
    part.mkdir(parents=True, exist_ok=True)
    for n, amount in enumerate(amounts if finish else amounts[:1]):
        (part / f"part-{n}.csv").write_text(f"amount\n{amount}\n")
    if finish:
        (part / "_SUCCESS").touch()


def fingerprint(day: str) -> str:
    """What the day's output is built from: every input file's name and content."""
    digest = hashlib.sha256()
    for source in REQUIRED:
        for path in sorted((LANDING / source / f"dt={day}").glob("*")):
            digest.update(path.as_posix().encode() + path.read_bytes())
    return digest.hexdigest()[:12]


# --8<-- [start:writer]
def write_output(day: str) -> None:
    """Replace the day's output partition, then mark it with the fingerprint of what it was built from."""
    parts = sorted((LANDING / "payments" / f"dt={day}").glob("part-*.csv"))
    revenue = sum(int(p.read_text().split()[1]) for p in parts)
    out = OUTPUT / f"dt={day}"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    (out / "revenue.csv").write_text(f"day,revenue\n{day},{revenue}\n")
    (out / "_SUCCESS").write_text(fingerprint(day))
    # --8<-- [end:writer]
    writes[day] += 1
    for source in REQUIRED:
        if not (LANDING / source / f"dt={day}" / "_SUCCESS").exists():
            unfinished[day] = (f"{source}/dt={day}", revenue)


def invoke(run, label: str) -> None:
    """Run the job over the window as the scheduler does; echo its log, its exit status and what it wrote."""
    print(f"$ {COMMAND}  # {label}")
    before = Counter(writes)
    log = io.StringIO()
    with contextlib.redirect_stdout(log):
        try:
            status = run(WINDOW)
        except FileNotFoundError as error:
            print(f"FileNotFoundError: {error}")
            status = 1
    print(log.getvalue(), end="")
    written = [day[5:] for day in WINDOW if writes[day] > before[day]]
    print(f"exit {status}; wrote {len(written)}: {' '.join(written)}".rstrip())


def timeline(run) -> None:
    """The same upstream story and the same scheduler for both versions of the job."""
    shutil.rmtree(LANDING, ignore_errors=True)  # a second run in the same folder starts from scratch
    shutil.rmtree(OUTPUT, ignore_errors=True)
    for day in WINDOW:
        if day != "2026-10-01":
            land("orders", day)
        if day not in ("2026-10-01", "2026-10-03"):
            land("payments", day)
    land("payments", "2026-10-01", finish=False)  # still being written

    invoke(run, "scheduled")
    print("-- upstream: orders/dt=2026-10-01 lands; payments/dt=2026-10-01 still writing --")
    land("orders", "2026-10-01")
    invoke(run, "retry 1")
    print("-- upstream: payments/dt=2026-10-01 and payments/dt=2026-10-03 finish --")
    land("payments", "2026-10-01")
    land("payments", "2026-10-03")
    invoke(run, "retry 2")
    print("-- upstream restates payments/dt=2026-09-29 --")
    land("payments", "2026-09-29", amounts=(10, 25))
    invoke(run, "rerun")

    revenue = [(OUTPUT / f"dt={day}" / "revenue.csv").read_text().split()[-1] for day in WINDOW]
    print(f"output days: {len(revenue)}, revenue: {' '.join(r.split(',')[1] for r in revenue)}")
    print(f"writes: {sum(writes.values())} for {len(WINDOW)} days")
    for day, (source, revenue) in sorted(unfinished.items()):
        print(f"{day} published once with revenue {revenue} ({source} unfinished)")
    if not unfinished:
        print("days published from unfinished inputs: none")
