# One entry point for authors and CI. Every target first makes sure .venv matches requirements.txt.
#   make serve            live-reloading site on http://127.0.0.1:8000 (PORT=8001 make serve)
#   make test             every snippet, notebook, guard, bad-input test and the strict build
#   make build            the site, strictly, into site/
#   make accept [NOTE=x]  record what snippets (and notebooks) print now as their expected output
#   make verify NOTE=x    run only the snippets of note x
#   make new SECTION=engineering TITLE="…"  a note and its first snippet; make test passes as is

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.requirements.txt
PORT ?= 8000
NOTE ?=
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build accept verify new lint format clean durations merge-records

# The venv is stale when requirements.txt or .python-version changed since it was installed.
$(STAMP): requirements.txt .python-version
	@want=$$(cat .python-version); have=$$($(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])'); \
	if [ "$$have" != "$$want" ]; then \
	  echo "error: $(PYTHON) is Python $$have; this project needs $$want (.python-version)."; \
	  echo "       Install it (pyenv install $$want) or run: make PYTHON=python$$want $(MAKECMDGOALS)"; exit 1; fi
	@if [ -x $(BIN)/python ] && ! $(BIN)/python -c 'import sys; sys.exit(0 if "%d.%d" % sys.version_info[:2] == open(".python-version").read().strip() else 1)'; then \
	  echo "Python version changed: recreating $(VENV)"; rm -rf $(VENV); fi
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	cp requirements.txt $(STAMP)

# What a note's checks run: its snippets (snippets/<section>/<NOTE>/) and, for a notebook note, the notebook.
note_paths = $(if $(NOTE),$(or $(wildcard snippets/*/$(NOTE) docs/*/$(NOTE).ipynb),$(error no snippets/<section>/$(NOTE)/ folder and no docs/<section>/$(NOTE).ipynb: check NOTE=$(NOTE))),snippets docs)

serve: $(STAMP)
	$(BIN)/mkdocs serve --dirty --livereload --dev-addr 127.0.0.1:$(PORT)

# SHARDS=N SHARD=i: run the i-th of N parts of the suite, split by the durations in bench/test_durations.json
# (pytest-split), as each runner of CI's matrix does; `make durations` records them again.
DURATIONS := bench/test_durations.json
shard_args = $(if $(SHARDS),--splits $(SHARDS) --group $(SHARD) --durations-path $(DURATIONS) --splitting-algorithm least_duration)

test: $(STAMP)
	$(BIN)/python -m pytest -n auto --dist loadgroup $(shard_args)

durations: $(STAMP)
	$(BIN)/python -m pytest -n auto --dist loadgroup -p no:cacheprovider --store-durations --durations-path $(DURATIONS) --clean-durations

# CI's build job: one verification record from the parts its test shards uploaded (PARTS="a.json b.json").
merge-records: $(STAMP)
	PYTHONPATH=hooks $(BIN)/python -m notesite.record merge $(PARTS) --into .cache/notesite/verification.json

build: $(STAMP)
	$(BIN)/mkdocs build --strict

accept: $(STAMP)
	$(BIN)/python -m pytest --accept $(note_paths)

verify: $(STAMP)
	$(BIN)/python -m pytest $(note_paths)

# SECTION and TITLE reach the script through the environment (make exports command-line variables) rather
# than pasted into the shell command, so quotes, backquotes and backslashes in a title arrive as typed.
# Make itself still expands `$` in the value: a literal dollar sign is written `$$`.
new: $(STAMP)
	@$(BIN)/python hooks/new_note.py --section "$$SECTION" --title "$$TITLE"

lint: $(STAMP)
	$(BIN)/ruff check hooks tests snippets bench
	$(BIN)/ruff format --check hooks tests snippets bench

format: $(STAMP)
	$(BIN)/ruff format hooks tests snippets bench
	$(BIN)/ruff check --fix hooks tests snippets bench

clean:
	rm -rf site .cache .pytest_cache .ruff_cache

# Build (hooks vs bare Material vs Zensical, 100 to 1,000 notes), save-to-served latency under make serve (14 to
# 1,000 notes), verifier and CI-sharding benchmarks: a few minutes each; they print their tables and record them
# in bench/RESULTS.md. The sharding simulation reads the costs the last `make test` recorded.
.PHONY: bench
bench: $(STAMP)
	$(BIN)/python bench/build.py --record
	$(BIN)/python bench/serve_latency.py --record
	$(BIN)/python bench/verify.py --record
	$(BIN)/python bench/shards.py --record

# Lighthouse (npm, pinned in the script) on the built site served with gzip; figures go to bench/RESULTS.md.
.PHONY: bench-lighthouse
bench-lighthouse: $(STAMP)
	$(BIN)/python bench/lighthouse.py
