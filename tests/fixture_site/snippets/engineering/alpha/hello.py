"""A fixture snippet: prints a small, deterministic table."""

rows = [("b", 2), ("a", 1)]
# --8<-- [start:shown]
for name, value in sorted(rows):
    print(f"{name}={value}")
# --8<-- [end:shown]
