# snippet: timeout=60
"""A per-group Python function whose cost depends on the shape of the groups, not on the row count."""

import pandas as pd
from _workloads import WORKLOADS, customers, make_events, workload

WEEK = pd.Timedelta(days=7)


# --8<-- [start:function]
def events_last_7d(ts: pd.Series) -> pd.Series:
    """For each event: how many events of the same customer fall in [ts - 7 days, ts]."""
    times = ts.tolist()
    counts = []
    for t in times:
        start = t - WEEK
        counts.append(sum(1 for u in times if start <= u <= t))  # scans the whole group
    return pd.Series(counts, index=ts.index)


# --8<-- [end:function]

# --8<-- [start:measure]
calls = []  # one entry per real call of the function: (group size, rows it scanned)


class Instant:
    """A timestamp that counts its own comparisons. `t - WEEK` makes a window start, and
    every `start <= u` the scan evaluates is one row of the group examined."""

    scanned = 0

    def __init__(self, value, is_window_start=False):
        self.value, self.is_window_start = value, is_window_start

    def __sub__(self, delta):
        return Instant(self.value - delta, is_window_start=True)

    def __le__(self, other):
        if self.is_window_start:
            Instant.scanned += 1
        return self.value <= other.value


def counted(ts: pd.Series) -> pd.Series:
    before = Instant.scanned
    result = events_last_7d(ts)
    calls.append((len(ts), Instant.scanned - before))
    return result


def count_work(events: pd.DataFrame) -> list[tuple[int, int]]:
    """Run the unchanged function on timestamps that count the rows it scans."""
    calls.clear()
    instants = events.assign(ts=events["ts"].map(Instant))
    instants.groupby("customer_id")["ts"].transform(counted)
    return list(calls)


# --8<-- [end:measure]

if __name__ == "__main__":
    # --8<-- [start:run]
    print(f"{'workload':<11}{'rows':>6}{'calls':>7}{'largest':>9}{'rows_scanned':>14}")
    for name in WORKLOADS:
        events = workload(name)
        work = count_work(events)  # [(group size, rows scanned), ...], one per call
        scanned = sum(n for _, n in work)
        print(f"{name:<11}{len(events):>6,}{len(work):>7,}{max(work)[0]:>9,}{scanned:>14,}")

    print(f"\n{'UNKNOWN rows':>12}{'scanned in its call':>21}{'growth':>8}")
    previous = None
    for unknown_rows in (125, 250, 500):
        events = make_events({**{c: 10 for c in customers(25)}, "UNKNOWN": unknown_rows})
        scanned = max(count_work(events))[1]  # the call that got the UNKNOWN group
        growth = f"{scanned / previous:>7.1f}x" if previous else ""
        print(f"{unknown_rows:>12}{scanned:>21,}{growth}")
        previous = scanned
    # --8<-- [end:run]
