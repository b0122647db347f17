missing = sorted({"2026-01-02", "2026-01-01"})
print("missing partitions:", ", ".join(missing))
