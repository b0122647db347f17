"""A daily job whose required-input check names the missing partitions and prints a rerun for exactly them.

Upstream partitions are simulated as folders in the working directory: landing/<source>/dt=<day>/,
complete once they hold a _SUCCESS marker. Output partitions go to output/dt=<day>/.
"""

import argparse
import contextlib
import io
import shlex
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

JOB = "python -m jobs.daily_revenue"
REQUIRED = ("orders", "payments")
LANDING = Path("landing")
OUTPUT = Path("output")
writes = Counter()  # day -> how many times its output partition was written


def land(source: str, day: str, *, complete: bool = True) -> None:
    """Upstream delivers one partition; without the marker it is still being written."""
    part = LANDING / source / f"dt={day}"
    part.mkdir(parents=True, exist_ok=True)
    (part / "part-0.csv").write_text("id,amount\n1,10\n")
    if complete:
        (part / "_SUCCESS").touch()


def write_output(day: str) -> None:
    part = OUTPUT / f"dt={day}"
    part.mkdir(parents=True, exist_ok=True)
    # Replaces the partition, so a rerun of a day is idempotent.
    (part / "revenue.csv").write_text("day,revenue\n")
    writes[day] += 1


# --8<-- [start:check]
def missing_inputs(days: list[str]) -> list[tuple[str, str, str]]:
    """Every required partition of every day that is not ready, with the reason."""
    missing = []
    for day in days:
        for source in REQUIRED:
            part = LANDING / source / f"dt={day}"
            if not part.is_dir():
                missing.append((source, day, "absent"))
            elif not (part / "_SUCCESS").exists():
                missing.append((source, day, "no _SUCCESS marker"))
    return missing


def run(days: list[str]) -> int:
    missing = missing_inputs(days)  # checked for the whole window before any write
    blocked = sorted({day for _, day, _ in missing})
    ready = [day for day in days if day not in blocked]
    for day in ready:
        write_output(day)
    if not missing:
        print(f"OK: wrote {len(ready)} of {len(days)} days")
        return 0
    print(f"FAILED: {len(missing)} required partitions not ready")
    for source, day, reason in missing:
        print(f"  {source}/dt={day}: {reason}")
    print(f"wrote {len(ready)} of {len(days)} days; rerun exactly the blocked ones:")
    print(f"  {JOB} --dates {','.join(blocked)}")
    return 1


# --8<-- [end:check]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog=JOB)
    parser.add_argument("--from", dest="start", type=date.fromisoformat)
    parser.add_argument("--to", dest="end", type=date.fromisoformat)
    parser.add_argument("--dates", type=lambda text: text.split(","))
    args = parser.parse_args(argv)
    if args.dates:
        days = args.dates
    else:
        span = (args.end - args.start).days + 1
        days = [(args.start + timedelta(n)).isoformat() for n in range(span)]
    return run(days)


def invoke(command: str) -> str | None:
    """Run a command line as the scheduler would, echo its log, return the rerun command it printed."""
    print(f"$ {command}")
    log = io.StringIO()
    with contextlib.redirect_stdout(log):
        status = main(shlex.split(command)[3:])
    print(log.getvalue(), end="")
    print(f"exit status {status}")
    reruns = [line.strip() for line in log.getvalue().splitlines() if line.strip().startswith(JOB)]
    return reruns[0] if reruns else None


# The window 2026-09-28 .. 2026-10-04: upstream is late on two days, and one partition is half-written.
for n in range(7):
    day = (date(2026, 9, 28) + timedelta(n)).isoformat()
    if day != "2026-10-01":
        land("orders", day)
    if day not in ("2026-10-01", "2026-10-03"):
        land("payments", day)
land("payments", "2026-10-01", complete=False)

rerun = invoke(f"{JOB} --from 2026-09-28 --to 2026-10-04")

print("-- upstream finishes the three partitions --")
land("orders", "2026-10-01")
land("payments", "2026-10-01")
land("payments", "2026-10-03")

invoke(rerun)  # the command the failure printed, as printed

written = sorted(p.name for p in OUTPUT.iterdir())
print(f"output partitions: {len(written)} ({written[0]} .. {written[-1]})")
print(f"days written more than once: {sum(1 for n in writes.values() if n > 1)}")
