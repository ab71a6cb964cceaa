# Journeylog: build, run and test. The README documents `make run` and `make test`.
#
# The desktop app is always built one way: `cargo build --release` with its default
# features (custom-protocol, so the UI is embedded), never `tauri build` and never debug
# for running. Switching profiles or feature sets rebuilds tauri (NOTES.md).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
export PATH := $(HOME)/.cargo/bin:$(PATH)

APP_BIN := $(CURDIR)/target/release/journeylog
XVFB := xvfb-run -a -s "-screen 0 1440x900x24"

# Prints a step header.
step = @printf '\n=== %s ===\n' "$(1)"

.PHONY: help deps ui app run test e2e bench screenshot

help:
	@echo "make run    build and start the desktop app (under Xvfb when there is no DISPLAY)"
	@echo "make test   every check: format, lint, unit, bindings, UI, real-window end to end"
	@echo "other targets: deps ui app e2e bench screenshot"

deps:
	$(call step,deps: scripts/install-deps.sh)
	scripts/install-deps.sh

# The UI is rebuilt only when its sources change: a rebuilt ui/dist has new mtimes, which
# makes Cargo recompile and re-link the app (a minute or more in release).
UI_SOURCES := $(shell find ui \( -path ui/node_modules -o -path ui/dist -o -path ui/tests \) \
  -prune -o -type f -print 2>/dev/null)

ui: ui/dist/index.html

ui/dist/index.html: $(UI_SOURCES)
	$(call step,ui: npm --prefix ui run build)
	npm --prefix ui run build
	touch $@

app: ui
	$(call step,app: cargo build --release -p journeylog-app)
	cargo build --release -p journeylog-app

run: deps app
	@if [[ -z "$${DISPLAY:-}" ]]; then \
	  echo "note: DISPLAY is empty, so the app runs under xvfb-run -a: no window will be visible"; \
	  $(XVFB) $(APP_BIN); \
	else \
	  $(APP_BIN); \
	fi

test: deps
	$(call step,cargo fmt --check)
	cargo fmt --all -- --check
	@# The desktop crate embeds ui/dist, so clippy and the tests need it built.
	$(MAKE) --no-print-directory ui
	$(call step,cargo clippy)
	cargo clippy --workspace --all-targets -- -D warnings
	$(call step,ui check)
	npm --prefix ui run check
	$(call step,Rust tests (with a private PostgreSQL: scripts/pg-test.sh))
	@trap 'scripts/pg-test.sh stop' EXIT; \
	eval "$$(scripts/pg-test.sh start)"; \
	if command -v cargo-nextest >/dev/null; then \
	  echo "+ cargo nextest run --workspace"; cargo nextest run --workspace; \
	else \
	  echo "+ cargo test --workspace"; cargo test --workspace; \
	fi
	@if command -v cargo-nextest >/dev/null; then \
	  echo "+ cargo test --workspace --doc"; cargo test --workspace --doc; \
	fi
	$(call step,bindings drift: scripts/check-bindings.sh)
	@if [[ -x scripts/check-bindings.sh ]]; then scripts/check-bindings.sh; \
	else echo "scripts/check-bindings.sh not there yet; skipped"; fi
	$(call step,ui unit tests)
	npm --prefix ui run test:unit
	$(call step,ui browser tests)
	npm --prefix ui run test:browser
	$(call step,real-window end to end)
	$(MAKE) --no-print-directory e2e

# journeylog.test.mjs (one install), sync.test.mjs and signoff.test.mjs (two installs
# and a real journeylog-server), export.test.mjs (the release jlog seeds the logbook and
# checks the files; xdotool answers the native save dialog). Binaries are looked up in
# CARGO_TARGET_DIR when it is set.
e2e: deps app
	$(call step,e2e: cargo build -p journeylog-server; cargo build --release -p journeylog-cli)
	cargo build -p journeylog-server
	cargo build --release -p journeylog-cli
	$(call step,e2e: tests/e2e under Xvfb with tauri-driver)
	cd tests/e2e && \
	  JOURNEYLOG_APP=$(abspath $(or $(CARGO_TARGET_DIR),$(CURDIR)/target))/release/journeylog \
	  JOURNEYLOG_SERVER_BIN=$(abspath $(or $(CARGO_TARGET_DIR),$(CURDIR)/target))/debug/journeylog-server \
	  $(XVFB) npm test

bench:
	$(call step,core benchmarks: cargo bench -p journeylog-core)
	cargo bench -p journeylog-core
	$(call step,sync benchmarks: cargo bench -p journeylog-tests --bench sync)
	cargo build --release -p journeylog-server
	cargo bench -p journeylog-tests --bench sync
	$(call step,sign-off benchmarks: cargo bench -p journeylog-tests --bench signoffs)
	cargo bench -p journeylog-tests --bench signoffs
	$(call step,app benchmarks: scripts/bench-app.sh)
	scripts/bench-app.sh

# A PNG of the app's window: make screenshot [DATA_DIR=dir] [OUT=file.png]
screenshot: app
	scripts/screenshot.sh $(or $(DATA_DIR),$(shell mktemp -d)) $(or $(OUT),screenshot.png)
