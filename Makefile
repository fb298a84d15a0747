# The two commands a newcomer needs: `make site` (build the site) and `make test` (run every test).
# Both create .venv and install the pinned dependencies on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SITE_URL ?=
TODAY ?=
ADDR ?= 127.0.0.1:8000

.PHONY: site shard merge serve test fuzz check bench audit golden locale-extract locale-update locale-init clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[test]'
	touch $(STAMP)

site: $(STAMP)  ## Build the bilingual site into site/ (French at /, English at /en/); TODAY=YYYY-MM-DD sets the reference date
	$(BIN)/briefing build $(if $(SITE_URL),--site-url $(SITE_URL)) $(if $(TODAY),--today $(TODAY))

SHARD ?= 1/1
PARTS ?= $(wildcard parts/*)

shard: $(STAMP)  ## One share of a sharded build, into parts/K: make shard SHARD=2/3 (then make merge)
	$(BIN)/briefing build --shard $(SHARD) --shard-dir parts/$(firstword $(subst /, ,$(SHARD))) $(if $(SITE_URL),--site-url $(SITE_URL)) $(if $(TODAY),--today $(TODAY))

merge: $(STAMP)  ## The site from the shares in parts/ (or PARTS="dir ..."), as one build would make it
	$(BIN)/briefing merge $(if $(SITE_URL),--site-url $(SITE_URL)) $(if $(TODAY),--today $(TODAY)) $(PARTS)

serve: $(STAMP)  ## Preview the site; edits to seeds, templates, content and catalogs reload the page
	$(BIN)/briefing serve --dev-addr $(ADDR)

check: $(STAMP)  ## Every check the build runs before rendering: facts, pages, catalogs, languages (warnings for past checkpoints)
	$(BIN)/briefing check

test: $(STAMP)  ## Every test: unit, golden, built site, browser
	$(BIN)/pytest

FUZZ_EXAMPLES ?= 5000

fuzz: $(STAMP)  ## The long fuzz run: 5,000 mutations of the seeds (make test runs 300); FUZZ_SEED=N replays a run
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest -q tests/test_fuzz.py

golden: $(STAMP)  ## Regenerate the golden files in tests/golden/ (pages, data, per-language mkdocs.yml, sitemap) after an intended change
	UPDATE_GOLDEN=1 $(BIN)/pytest tests/test_golden.py

CACHE_EDITS ?= 40

bench: $(STAMP)  ## Measure build cost and scaling; rewrites benchmarks/RESULTS.md (BENCH_ARGS=--quick or --smoke: short runs, reported in benchmarks/.work/); then 40 random edits, each cached build compared with a cold one
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)
	CACHE_EDITS=$(CACHE_EDITS) $(BIN)/pytest -q -p no:cacheprovider tests/test_cache.py -k after_each_edit

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

audit: $(STAMP) node_modules/.installed  ## Lighthouse (mobile) on 10 pages with Debian's Chromium; rewrites benchmarks/LIGHTHOUSE.md (slow: ~7 min; AUDIT_ARGS=--runs 1 is quicker)
	$(BIN)/python benchmarks/audit.py $(AUDIT_ARGS)

POT ?= locales/messages.pot
LOCALES ?= locales

locale-extract: $(STAMP)  ## Re-extract interface strings into locales/messages.pot (POT=file writes elsewhere)
	$(BIN)/pybabel extract -F babel.cfg -o $(POT) --no-location --sort-output \
	  --omit-header -k N_ -k pgettext_noop:1c,2 --no-wrap .

locale-update: locale-extract  ## Merge new strings into every language's .po (LOCALES=folder for another project's)
	$(BIN)/pybabel update -i $(POT) -d $(LOCALES) --no-wrap --omit-header --ignore-obsolete

locale-init: locale-extract  ## Start a catalog for a new language: make locale-init LANG=de [LOCALES=examples/trilingual/locales]
	$(BIN)/pybabel init -i $(POT) -d $(LOCALES) -l $(LANG) --no-wrap

clean:  ## Remove the build folder (and its cache), the site and a sharded build's parts
	rm -rf .build site parts
