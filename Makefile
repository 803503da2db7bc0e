# renda — the two commands: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test install browser install-test-tools lint format messages clean audit

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

run: install
	mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@echo "renda: http://$(HOST):$(PORT)/"
	$(PY) manage.py db_worker --queue-name '*' & worker=$$!; \
	trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	$(PY) manage.py runserver --noreload $(HOST):$(PORT)

# Debian's Chromium for the browser tests (Playwright drives it; it never downloads a browser).
browser:
	@command -v chromium >/dev/null 2>&1 || test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; \
	  else echo "chromium is missing: install Debian's chromium package to run the browser tests"; fi; }


# The PDF tests convert a report with LibreOffice: as root, install it (and a Chinese font)
# when soffice is missing. Elsewhere they are skipped, except under CI=true, where they fail.
install-test-tools:
	@command -v soffice >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing LibreOffice for the PDF tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      --no-install-recommends libreoffice-writer-nogui fonts-wqy-microhei >/dev/null; \
	  else echo "soffice not found and not root: the PDF tests will not run"; fi; }

test: install browser install-test-tools
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) scripts/supply_chain.py
	$(PY) -m pytest -n auto --dist load -q

# Supply chain: bandit (fails on high severity) and pip-audit --strict (fails on a known
# vulnerability; says plainly when no vulnerability source is reachable and nothing was audited).
audit: install
	$(PY) scripts/supply_chain.py

lint: install
	$(PY) -m ruff check .

format: install
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

# Extract and compile translations (needs GNU gettext: apt-get install gettext).
messages: install
	$(PY) manage.py makemessages -l zh_Hans -l en --ignore=.venv --ignore=var
	$(PY) manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) var
