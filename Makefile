# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck bench install clean chromium

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	# Notebook outputs are stripped on commit (.gitattributes); harmless outside a git clone.
	-$(BIN)/nbstripout --install 2>/dev/null
	touch $(STAMP)

install: $(STAMP)

DEMO_OUT := runs/sibolga-2026-demo

demo: $(STAMP)
	$(BIN)/mutasi-opt solve scenarios/sibolga-2026.yaml --out $(DEMO_OUT) --force
	@echo "Run folder: $(DEMO_OUT)  (open $(DEMO_OUT)/report.html in a browser)"

test: $(STAMP) chromium
	$(BIN)/python -m pytest -q -n 2

# The browser tests (tests/browser) open the HTML reports in a headless Chromium: Debian's package,
# installed here when it is missing and the machine allows it (root with apt-get); without it they
# are skipped, saying why.
chromium:
	@if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
		|| [ -n "$$MUTASI_OPT_CHROMIUM" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing chromium for the browser tests"; \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
			|| echo "chromium could not be installed: the browser tests will be skipped"; \
	else \
		echo "no chromium, and no root with apt-get to install it: the browser tests will be skipped"; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
