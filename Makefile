# Two commands for a new user: `make run` opens the dashboard, `make test` runs every check;
# `make check` is the quick loop while working (the same checks, the slow tests left out).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8501
DATA   ?=
# The dashboard answers on this computer only; ADDRESS=0.0.0.0 serves it to the network.
ADDRESS ?= 127.0.0.1
# CURATE=1 adds the Curate page, which writes to the corpus folder.
CURATE ?=
# The browser tests drive this Chromium (Debian's package); Playwright's downloads are not used.
CHROMIUM ?= $(or $(PERSPECTIVES_CHROMIUM),/usr/bin/chromium)

.PHONY: run check test static format docs bench screenshots clean chromium

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || { \
	  echo "python3 -m venv failed; installing python3-venv (needs root)"; \
	  apt-get update -qq && apt-get install -y -qq python3-venv && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(BIN)/python -m pip install -q -e ".[test]"
	touch $@

# Headless: no first-run e-mail prompt and no browser tab forced open; open the URL it prints.
APP_ARGS = $(if $(DATA),--data $(DATA)) $(if $(filter 1 yes true,$(CURATE)),--curate)

run: $(VENV)/.installed
	@echo "Perspectives: open http://$(ADDRESS):$(PORT) in your browser (Ctrl+C stops it)"
	$(BIN)/streamlit run app.py --server.headless true --server.address $(ADDRESS) \
	  --server.port $(PORT) --browser.gatherUsageStats false \
	  $(if $(strip $(APP_ARGS)),-- $(strip $(APP_ARGS)))

chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Chromium not found at $(CHROMIUM); installing Debian's chromium package"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium \
	      && test -x "$(CHROMIUM)"; \
	  else \
	    echo "Chromium not found at $(CHROMIUM). The browser tests need it:" >&2; \
	    echo "  sudo apt-get install chromium   (Debian), then run make test again," >&2; \
	    echo "  or set PERSPECTIVES_CHROMIUM to a Chromium or Chrome binary." >&2; \
	    exit 1; \
	  fi; \
	fi

static: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/cog --check docs/corpus-format.md
	$(BIN)/mypy

# The tests that tests/conftest.py marks app (AppTest), browser, perf or bench are left out, and
# Hypothesis tries fewer examples: under a minute, without Chromium.
check: static
	HYPOTHESIS_PROFILE=dev $(BIN)/python -m pytest -q \
	  -m "not app and not browser and not perf and not bench"

test: static chromium
	PERSPECTIVES_CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest --durations=25

# Figures, not pass/fail: prints a table and writes bench/results.json. BENCH_ARGS=--quick for a
# tenth-size run, --skip-browser to leave out the real-browser sections.
bench: $(VENV)/.installed-test chromium
	PERSPECTIVES_CHROMIUM=$(CHROMIUM) $(BIN)/python bench/run.py $(BENCH_ARGS)

# The README's pictures of every page, taken from the running app on the embedded corpus, and
# of Compare and the source reader on tests/fixtures/languages.
screenshots: $(VENV)/.installed-test chromium
	PERSPECTIVES_CHROMIUM=$(CHROMIUM) $(BIN)/python docs/screenshots.py
	PERSPECTIVES_CHROMIUM=$(CHROMIUM) $(BIN)/python docs/screenshots.py --languages

format: $(VENV)/.installed-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The guide's tables come from perspectives/schema.py; rewrite them after changing it.
docs: $(VENV)/.installed-test
	$(BIN)/cog -r docs/corpus-format.md

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis test-artifacts
