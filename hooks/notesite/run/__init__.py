"""Running one snippet in its own process: the fork server (zygote), the plain subprocess runner, the SQL runner."""
