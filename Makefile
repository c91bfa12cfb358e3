# Two commands on a fresh machine: `make demo` and `make test`.
# Both create .venv when missing and install the pinned dependencies into it, once.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEMO_DB ?= demo.db

.PHONY: demo test lint bench clean browser train-events train-roles train-types train-penta train-acled train-happening train-quotes train-quote-kinds train-framing train-geo train-places train-dates train-realness train-stories

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

# Refit every event model (committed: `make test` never trains): the happening detector first (the other models
# read the events it lets through), the role models, then the event-type model, the place and date choosers, then
# the realness model (which reads what they decided), and last the PentaClass and ACLED sub-event models, which read
# the events the realness model keeps and their confidence (the PentaClass model also reads the event-type model's
# output as features). Fitted before it, as they were until 2026-12-08, they read the previous realness model's
# events, and a second run of this target changed them; in this order they read the one they run with. (The realness
# trainer reads the shipped ACLED coder only to check its floor keeps the gold sets' events.)
train-events: $(STAMP) train-happening train-roles train-types train-places train-dates train-realness train-penta train-acled

# Refit src/dateline/resources/event_type_model.npz from the NGEC synthetic stories in ../shared/data.
train-types: $(STAMP) train-happening train-roles
	$(BIN)/python scripts/train_event_model.py

# Refit src/dateline/resources/happening_model.npz, the detector of clauses that report a happening, from ACLED
# notes, NGEC stories, hand-labelled clauses and the tune parts of the scored sets (committed; `make test` never
# trains). Its held-out figures: `python benchmarks/happening.py`.
train-happening: $(STAMP)
	$(BIN)/python scripts/train_happening_model.py

# Refit src/dateline/resources/{source,target}_model.npz, the choosers of who did an event and to whom, from
# ConfliBERT's CAMEO role tags and the PLOVER GSR tune part (scikit-learn at training time only; committed; a minute
# or two, most of it the parse).
train-roles: $(STAMP) train-happening
	$(BIN)/python scripts/train_role_models.py

# Refit src/dateline/resources/acled_model.npz from ACLED's coder notes, the CASE-2021 tune part, the PentaClass
# tune part's non-events and the NGEC story openings whose mode names a sub-event (scikit-learn, deterministic; about
# 15 minutes of CPU: the parse, and a cross-validation over five draws of the folds, settings compared draw by draw).
train-acled: $(STAMP) train-happening train-roles train-types train-realness
	$(BIN)/python scripts/train_acled_model.py

# Refit src/dateline/resources/penta_model.npz (CAMEO PentaClass) from the tune part (splits/pentaclass.tsv) of
# ../shared/data/events/conflibert_cameo (numpy alone; committed). `benchmarks/events.py` prints its report figure.
train-penta: $(STAMP) train-happening train-roles train-types train-realness
	$(BIN)/python scripts/train_penta_model.py

# Refit src/dateline/resources/quote_model.npz (the attribution tagger), attribution_model.npz (the candidate
# chooser, its threshold chosen by cross-validation) and quote_kind_model.npz (which quotes in marks are fragments
# of a reported clause) from the tune part of PolNeAR in ../shared/data/quotes/polnear (scikit-learn at training
# time only; committed). Its honest figure is `benchmarks/quotes.py` on the report part; `--folds 3` prints a
# cross-validation inside tune. `make train-quote-kinds` refits the kind model alone (under a minute).
train-quotes: $(STAMP)
	$(BIN)/python scripts/train_quote_model.py
	$(BIN)/python scripts/train_quote_kind_model.py

train-quote-kinds: $(STAMP)
	$(BIN)/python scripts/train_quote_kind_model.py

# Refit src/dateline/resources/framing_model.npz, the framing span tagger, from the tune part of
# ../shared/data/framing/ptc (splits/ptc.tsv); scikit-learn at training time only, numpy at run time (committed).
train-framing: $(STAMP)
	$(BIN)/python scripts/train_framing_model.py

# Refit src/dateline/resources/toponym_model.npz (the places stage's candidate ranker) from the tune parts of
# ../shared/data/geo, and rewrite their split manifests under splits/ (committed). benchmarks/geo.py scores report.
train-geo: $(STAMP)
	$(BIN)/python scripts/train_geo_ranker.py

# Refit src/dateline/resources/place_model.npz (which of a sentence's places is its event's) from the tune part of
# ../shared/data/events/event_location (splits/event_location.tsv); scikit-learn at training time only, numpy at
# run time (committed). Its report figure: `python benchmarks/when_where.py`.
train-places: $(STAMP)
	$(BIN)/python scripts/train_place_model.py

# Refit src/dateline/resources/anchor_model.npz (which time, the publication day or no day dates an event) from the
# TLINKs of the tune part of ../shared/data/time/tbaq (splits/tempeval3.tsv); scikit-learn at training time only,
# numpy at run time (committed; about a minute). Its report figure: `python benchmarks/anchoring.py`.
train-dates: $(STAMP)
	$(BIN)/python scripts/train_anchor_model.py

# Refit src/dateline/resources/realness_model.npz (how likely a coded event is real: its confidence, and below 0.5
# it is left out) from the hand audit's tune judgments (benchmarks/audit/judged_tune.tsv, labelled_tune.tsv) and
# the events the pipeline codes now in those articles; scikit-learn at training time only (committed; two minutes).
# Its held-out measure is a fresh round of the hand audit: `python benchmarks/event_audit.py --sample report --round N`.
train-realness: $(STAMP) train-happening train-roles train-types train-places train-dates
	$(BIN)/python scripts/train_realness_model.py

# Refit src/dateline/resources/story_model.npz (the story linker's pair model) from the tune part of
# ../shared/data/stories and the generated streams, seeds 1-3 and 5-7 (boosted trees fitted with scikit-learn,
# stored as plain arrays that numpy alone reads; committed), its threshold chosen by cross-validation over the
# streams, the real tune part cut into halves three ways (about 20 minutes on a shared machine). Its honest figures
# are the report part and the held-out generated stream (seed 8) that `benchmarks/stories.py` prints.
train-stories: $(STAMP)
	$(BIN)/python scripts/train_story_model.py

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
