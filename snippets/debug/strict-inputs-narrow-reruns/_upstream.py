"""Upstream, the output writer and the timeline both versions of the job run through.

Upstream partitions are folders in the working directory, landing/<source>/dt=<day>/. Upstream writes each day
as its own job into its own folder, the way Spark's overwrite mode does: delete the folder, write the parts, then
the _SUCCESS marker. The job writes output/dt=<day>/. Everything here is the world around the job; the two
snippets differ only in the job's `run(days)`. An upstream event scheduled `during` a run fires when the job
first reads input files, that is after any up-front check and before the bytes are read.
"""

import contextlib
import hashlib
import io
import shutil
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

REQUIRED = ("orders", "payments")
LANDING = Path("landing")
OUTPUT = Path("output")
WINDOW = [(date(2026, 9, 28) + timedelta(n)).isoformat() for n in range(7)]
COMMAND = f"daily_revenue --from {WINDOW[0]} --to {WINDOW[-1]}"

writes = Counter()  # day -> times its output partition was written
unfinished = defaultdict(list)  # day -> revenue of each write made while an input had no _SUCCESS
during = []  # upstream events that happen once the job starts reading


# --8<-- [start:land]
def land(source: str, day: str, amounts=(10, 20), *, finish: bool = True) -> None:
    """Upstream replaces a day: delete it, write one part per amount, then _SUCCESS.
    finish=False stops after part 0: a write still in progress."""
    part = LANDING / source / f"dt={day}"
    shutil.rmtree(part, ignore_errors=True)  # a rewrite removes the old marker first
    part.mkdir(parents=True, exist_ok=True)
    for n, amount in enumerate(amounts if finish else amounts[:1]):
        (part / f"part-{n}.csv").write_text(f"amount\n{amount}\n")
    if finish:
        (part / "_SUCCESS").touch()


# --8<-- [end:land]


# --8<-- [start:fingerprint]
def fingerprint(files: dict[tuple[str, str], bytes]) -> str:
    """What an output is built from: every input file's name and content."""
    digest = hashlib.sha256()
    for (source, name), data in sorted(files.items()):
        digest.update(f"{source}/{name}".encode() + data)
    return digest.hexdigest()[:12]


# --8<-- [end:fingerprint]


def read_inputs(day: str) -> dict[tuple[str, str], bytes]:
    """Every file of the day's input partitions, read once: (source, file name) -> bytes.
    Each source is listed once and its _SUCCESS is read after its parts: a rewrite that starts before
    the marker is read removes it, unless the rewrite also finishes before that read."""
    while during:
        during.pop(0)()
    return {
        (source, path.name): path.read_bytes()
        for source in REQUIRED
        for path in sorted((LANDING / source / f"dt={day}").glob("*"), key=lambda p: (p.name == "_SUCCESS", p.name))
    }


def rows(files: dict[tuple[str, str], bytes], source: str) -> list[int]:
    """The amount column of one source's part files."""
    return [int(data.split()[1]) for (src, name), data in sorted(files.items()) if src == source and name != "_SUCCESS"]


# --8<-- [start:writer]
def write_output(day: str, files: dict[tuple[str, str], bytes]) -> None:
    """Replace the day's output, then mark it with the fingerprint of its inputs."""
    orders, revenue = len(rows(files, "orders")), sum(rows(files, "payments"))
    out = OUTPUT / f"dt={day}"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    (out / "revenue.csv").write_text(f"day,orders,revenue\n{day},{orders},{revenue}\n")
    (out / "_SUCCESS").write_text(fingerprint(files))
    # --8<-- [end:writer]
    writes[day] += 1
    if any((source, "_SUCCESS") not in files for source in REQUIRED):
        unfinished[day].append(revenue)


def invoke(run, label: str, *, upstream_during=None) -> None:
    """Run the job over the window as the scheduler does; echo its log, its exit status and what it wrote."""
    print(f"$ {COMMAND}  # {label}")
    if upstream_during:
        during.append(upstream_during)
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
    print("-- upstream will restate payments/dt=2026-09-29 while rerun 1 runs --")

    def restatement_starts() -> None:
        print("  [upstream, as the job starts reading] payments/dt=2026-09-29: rewrite begins")
        land("payments", "2026-09-29", amounts=(10, 25), finish=False)

    invoke(run, "rerun 1", upstream_during=restatement_starts)
    print("-- upstream: the restatement finishes; part-1.csv: amount 20 -> 25 --")
    land("payments", "2026-09-29", amounts=(10, 25))
    invoke(run, "rerun 2")

    revenue = [(OUTPUT / f"dt={day}" / "revenue.csv").read_text().split()[-1] for day in WINDOW]
    print(f"output days: {len(revenue)}, revenue: {' '.join(r.split(',')[-1] for r in revenue)}")
    print(f"writes: {sum(writes.values())} for {len(WINDOW)} days")
    for day, published in sorted(unfinished.items()):
        times = f"{len(published)} time" + "s" * (len(published) > 1)
        print(f"{day} published {times} from unfinished inputs, revenue {' '.join(map(str, published))}")
    if not unfinished:
        print("days published from unfinished inputs: none")
