# The kiosk's three commands. Each sets itself up: Debian packages (apt-get when
# run as root, otherwise a message naming them), a virtual environment in .venv,
# and the project installed editable. A second run only re-installs when
# pyproject.toml changed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
APT_STAMP := $(VENV)/.apt-stamp

# pcscd + vsmartcard-vpcd + pcsc-tools: the real PC/SC stack the eID tests and the demo use;
# opensc: a third-party client (BELPIC driver) the virtual eID is checked against;
# systemd for systemd-socket-activate, which starts the private pcscd.
# postgresql: initdb/pg_ctl for the backend tests' throwaway cluster on 127.0.0.1.
# cups-ipp-utils + dbus-daemon: ippeveprinter, the A4 IPP printer of the tests and the demo
# (it needs a D-Bus to start: it gets a private one). poppler-utils: pdftoppm/pdftotext
# read the sealed certificates back in the tests. nodejs: a JavaScript engine the polkit
# rule (systemd/kiosk-polkit.rules) is evaluated with in its test.
# libpcsclite-dev + swig: pyscard builds from source on Linux; linux-libc-dev: so does
# python-evdev (the headphone jack), from <linux/input.h>.
# The rest: what Qt needs to render offscreen, a font with accents, and Qt's X11 and
# Wayland platform plugins' own libraries for `make demo` on a desktop or under cage.
APT_PACKAGES := pcscd vsmartcard-vpcd libpcsclite-dev swig pcsc-tools systemd postgresql \
	libegl1 libgl1 libxkbcommon0 libfontconfig1 libglib2.0-0 libdbus-1-3 \
	fonts-dejavu-core libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxkbcommon-x11-0 \
	libwayland-cursor0 chromium cage espeak-ng strace cups-ipp-utils dbus-daemon poppler-utils \
	ghostscript opensc linux-libc-dev nodejs

export QT_QUICK_BACKEND := software

.PHONY: setup demo test bench lint clean

# The kiosk reads its texts from .mo files compiled from the .po sources (kiosk/i18n.py).
MO_FILES := $(patsubst %.po,%.mo,$(wildcard kiosk/locale/*/LC_MESSAGES/kiosk.po))

setup: $(STAMP) $(MO_FILES)

$(MO_FILES): %.mo: %.po $(STAMP)
	$(BIN)/python -m kiosk.i18n_tools compile

$(APT_STAMP): Makefile
	@missing=""; \
	for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian packages:$$missing"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -q && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing || exit 1; \
	  else \
	    echo "Missing Debian packages:$$missing"; \
	    echo "Install them first:  sudo apt-get install$$missing"; \
	    exit 1; \
	  fi; \
	fi
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "Python 3.11 or newer is needed as $(PYTHON) (Debian: apt-get install python3 python3-venv)"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || \
	  { echo "Could not create $(VENV): install python3-venv"; exit 1; }
	@touch $@

$(STAMP): pyproject.toml $(APT_STAMP)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	@touch $@

demo: setup
	$(BIN)/kiosk demo --out demo-out

# ruff and the import-linter contracts run inside the suite (tests/test_architecture.py).
# The 25 slowest tests are listed at the end: the suite's time budget is watched there.
# Two pytest-xdist workers, each taking whole test files (their module fixtures — one
# pcscd, one backend — stay shared within a file): most of the suite waits on
# subprocesses, sockets and devices, and on 2 cores it ran in 12–13 min instead of 21–23.
# TEST_WORKERS=0 runs it in one process.
TEST_WORKERS ?= 2
test: setup
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile \
		--durations=25

# Every bench runs even when one misses its target (exit 1) or breaks; the list of those
# that did not exit 0 comes last, and make fails if there is any.
bench: setup
	@failed=""; for b in bench/*.py; do \
	  QT_QPA_PLATFORM=offscreen $(BIN)/python $$b || failed="$$failed $$b"; \
	done; \
	if [ -n "$$failed" ]; then echo "benches that missed a target or failed:$$failed" >&2; exit 1; fi

lint: setup
	$(BIN)/ruff check .
	$(BIN)/lint-imports

# `make release`: one signed, versioned bundle in dist/ (kiosk/updates/bundle.py): the
# application wheel and every wheel it needs (a kiosk installs offline from it), a manifest
# pinning each file's SHA-256 and size, an Ed25519 signature over the manifest.
# RELEASE_KEY=path (from `kiosk release keygen --key path`); without it the bundle is
# unsigned and must go through `kiosk release sign`. Needs the package index for pip wheel.
.PHONY: release
RELEASE_KEY ?=
release: setup
	$(BIN)/kiosk release build --project . --out dist $(if $(RELEASE_KEY),--key $(RELEASE_KEY))

# `make fuzz`: the decoders of outside input (fuzz/targets.py) for longer than `make test`
# does: hypothesis with FUZZ_PROFILE=fuzz (20,000 examples a target, failures kept in
# .hypothesis/), then atheris (extra `fuzz`) for FUZZ_SECONDS a target; crashes in fuzz/crashes/.
.PHONY: fuzz audit
FUZZ_SECONDS ?= 60
fuzz: setup
	FUZZ_PROFILE=fuzz $(BIN)/python -m pytest tests/fuzz -p no:cacheprovider -o timeout=3600
	@$(BIN)/python -c 'import atheris' 2>/dev/null || $(BIN)/python -m pip install -q -e '.[test,fuzz]' \
	  || echo "atheris could not be installed: coverage-guided fuzzing SKIPPED"
	@if $(BIN)/python -c 'import atheris' 2>/dev/null; then \
	  FUZZ_SECONDS=$(FUZZ_SECONDS) $(BIN)/python -m fuzz.run; fi

# `make audit`: pip-audit over the exact installed dependency set (tests/security/
# dependency_audit.py). Exit 1: a known vulnerability with a fix; exit 3: NOT audited
# (pip-audit or its vulnerability service unavailable) -- never a silent pass. pip-audit
# lives in its own venv so its dependencies are not audited as ours. Not part of `make test`:
# it needs the vulnerability service, and a new advisory must not fail unrelated changes.
AUDIT_VENV := build/audit-venv
AUDIT_SERVICE ?= pypi
audit: setup
	@test -x $(AUDIT_VENV)/bin/pip-audit || \
	  { $(PYTHON) -m venv $(AUDIT_VENV) && $(AUDIT_VENV)/bin/pip install -q 'pip-audit>=2.7,<3'; } || \
	  { echo "NOT AUDITED: pip-audit could not be installed"; exit 3; }
	$(BIN)/python -m tests.security.dependency_audit --pip-audit $(AUDIT_VENV)/bin/pip-audit \
	  --service $(AUDIT_SERVICE)

clean:
	rm -rf $(VENV) demo-out .pytest_cache .ruff_cache .hypothesis
