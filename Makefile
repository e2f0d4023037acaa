# Two commands on a fresh machine: `make site` and `make test`. Each sets up what it needs.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: site test test-properdocs validate bench mutation serve clean browser-deps

$(STAMP): requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	touch $(STAMP)

## Build site/ from the shipped datasets (validate → generate → mkdocs build --strict → swap).
site: $(STAMP)
	$(PY) -m scripts build

## Validate every dataset and print every problem.
validate: $(STAMP)
	$(PY) -m scripts validate

## Run every test, the browser tests included (installs Debian's chromium when missing).
## Every test, then the built-site tests again on a site built by the second engine, ProperDocs (scripts/engine.py):
## twins, search in both languages without diacritics, CSP, requests to other hosts, page weight.
test: $(STAMP) browser-deps
	$(PY) -m pytest -n 2 --dist loadgroup
	$(MAKE) --no-print-directory test-properdocs

ENGINE_TESTS = tests/test_site.py tests/test_i18n.py tests/browser/test_search.py tests/browser/test_csp.py \
	tests/browser/test_requests.py
test-properdocs: $(STAMP) browser-deps
	SITE_ENGINE=properdocs $(PY) -m pytest -n 2 -q $(ENGINE_TESTS)

browser-deps:
	@command -v chromium >/dev/null 2>&1 || ( \
	  echo "Installing Debian's chromium for the browser tests…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null )

## Benchmarks (synthetic data in a temporary folder): prints `name: value` lines.
bench: $(STAMP)
	$(PY) -m scripts.bench

## Mutation testing (mutmut) of the code that decides what readers are told and what input is refused: prints
## `mutation-score-<module>: N` per module and `mutation-score-total: N`. Not part of `make test` (it takes longer).
## One module, with its surviving mutants: make mutation MODULE=progress (modules: python -m scripts.mutation --list).
mutation: $(STAMP)
	$(PY) -m scripts.mutation $(MODULE)

serve: site
	$(PY) -m http.server --directory site 8000 --bind 127.0.0.1

## Remove the built site, earlier builds and the cache (each build already cuts .cache/ back to CACHE_MAX_MB,
## 2,048 MB by default, least recently used first: scripts/cache.py).
clean:
	rm -rf site .site-builds .build .cache
