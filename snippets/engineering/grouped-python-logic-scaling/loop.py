# snippet: timeout=60
"""The 7-day count as one pass with two pointers, and its work counted next to the original's."""

import pandas as pd
from _workloads import WORKLOADS, customers, make_events, workload
from reproduce import WEEK, count_work

moves = []  # one entry per call of the loop: how many times its two pointers moved


# --8<-- [start:loop]
def events_last_7d_loop(events: pd.DataFrame) -> pd.Series:
    """One pass over rows sorted by key and time: each row enters the window once and leaves once."""
    ordered = events.sort_values(["customer_id", "ts"])
    keys, times = ordered["customer_id"].tolist(), ordered["ts"].tolist()
    counts, left = [], 0
    for right, (key, t) in enumerate(zip(keys, times)):
        while keys[left] != key or times[left] < t - WEEK:  # drop rows of the previous key or too old
            left += 1
        counts.append(right - left + 1)
    moves.append(len(counts) + left)  # the right edge moved once per row, the left edge `left` times
    return pd.Series(counts, index=ordered["event_id"], name="events_7d").sort_index()


# --8<-- [end:loop]

if __name__ == "__main__":
    # --8<-- [start:cost]
    print(f"{'workload':<11}{'rows':>6}{'original_scans':>16}{'loop_moves':>12}")
    for name in WORKLOADS:
        events = workload(name)
        scanned = sum(n for _, n in count_work(events))  # the original function, counted
        events_last_7d_loop(events)
        print(f"{name:<11}{len(events):>6,}{scanned:>16,}{moves[-1]:>12,}")

    print(f"\n{'UNKNOWN rows':>12}{'original_scans':>16}{'growth':>8}{'loop_moves':>12}{'growth':>8}")
    before = None
    for unknown_rows in (125, 250, 500):
        events = make_events({**{c: 10 for c in customers(25)}, "UNKNOWN": unknown_rows})
        scanned = max(count_work(events))[1]  # the original's call that got the UNKNOWN group
        events_last_7d_loop(events[events["customer_id"] == "UNKNOWN"])  # the loop over the same rows
        now = (scanned, moves[-1])
        growth = [f"{a / b:>7.1f}x" if before else " " * 8 for a, b in zip(now, before or now)]
        print(f"{unknown_rows:>12}{now[0]:>16,}{growth[0]}{now[1]:>12,}{growth[1]}".rstrip())
        before = now
    # --8<-- [end:cost]
