# Two commands on a fresh machine: `make site` and `make test`. Each sets up what it needs.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: site test validate bench serve clean browser-deps

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
test: $(STAMP) browser-deps
	$(PY) -m pytest -n 2 --dist loadgroup

browser-deps:
	@command -v chromium >/dev/null 2>&1 || ( \
	  echo "Installing Debian's chromium for the browser tests…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null )

## Benchmarks (synthetic data in a temporary folder): prints `name: value` lines.
bench: $(STAMP)
	$(PY) -m scripts.bench

serve: site
	$(PY) -m http.server --directory site 8000 --bind 127.0.0.1

## Remove the built site, earlier builds and the caches (.cache/ keeps one entry per input ever built; nothing
## prunes it, so it grows with every data change).
clean:
	rm -rf site .site-builds .build .cache
