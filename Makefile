# Two commands on a fresh machine: `make demo` and `make test`.
# Both create .venv when missing and install the pinned dependencies into it, once.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEMO_DB ?= demo.db

.PHONY: demo test lint bench clean browser train-events train-penta train-stories

$(BIN)/python:
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "dateline needs Python 3.11 or newer"'
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python requirements.lock pyproject.toml
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/dateline analyze "examples/*/" --db $(DEMO_DB) --quiet; status=$$?; \
	  [ $$status -le 1 ] || exit $$status
	$(BIN)/dateline stats --db $(DEMO_DB)
	@echo
	$(BIN)/dateline stories --db $(DEMO_DB)

# The web view's end-to-end tests drive Debian's Chromium (never a browser build of Playwright's own). Installed
# with apt when missing and we are root (CI is a fresh Debian machine); otherwise those tests skip and say why.
browser:
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing chromium with apt for the web view's browser tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	    || echo "could not install chromium: the browser tests will be skipped"; \
	fi

test: $(STAMP) browser
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

bench: $(STAMP)
	$(BIN)/python benchmarks/read.py
	$(BIN)/python benchmarks/parse.py
	$(BIN)/python benchmarks/web.py

# Refit src/dateline/resources/event_type_model.npz from the NGEC synthetic stories in ../shared/data (committed:
# `make test` never trains).
train-events: $(STAMP)
	$(BIN)/python scripts/train_event_model.py

# Refit src/dateline/resources/penta_model.npz (CAMEO PentaClass) from ../shared/data/events/conflibert_cameo
# (numpy alone; committed). Its honest figure is the 5-fold cross-validation `benchmarks/events.py` prints.
train-penta: $(STAMP)
	$(BIN)/python scripts/train_penta_model.py

# Refit src/dateline/resources/story_model.npz (the story linker's pair model) from the tune part of
# ../shared/data/stories and the generated development streams (numpy alone; committed). Its honest figures are the
# report part and the held-out generated stream that `benchmarks/stories.py` prints.
train-stories: $(STAMP)
	$(BIN)/python scripts/train_story_model.py

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
