# ИЗКТ: two commands for a fresh machine.
#   make run   — installs what is missing, builds, starts http://127.0.0.1:3000
#   make test  — installs what the tests need, runs every test
# Both are idempotent and fast when everything is already there.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

CARGO_LEPTOS_VERSION := 0.3.10
WASM_BINDGEN_VERSION := 0.2.130
AIOSMTPD_VERSION := 1.4.6
# The flags of cargo-leptos' debug build: `cargo test` with the same flags
# reuses its compiled dependencies instead of building everything twice.
TEST_RUSTFLAGS := --cfg erase_components
TOOLS := $(CURDIR)/.tools

.PHONY: run test tools test-tools build test-rust test-e2e clean-data

run: build
	./target/debug/izkt serve

build: tools
	cargo leptos build

tools:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@cargo leptos --version 2>/dev/null | grep -q "$(CARGO_LEPTOS_VERSION)" || cargo install cargo-leptos --locked --version $(CARGO_LEPTOS_VERSION)
	@wasm-bindgen --version 2>/dev/null | grep -q "$(WASM_BINDGEN_VERSION)" || cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION)

test-tools: tools
	@command -v chromium >/dev/null || { apt-get update && apt-get install -y chromium; }
	@[ -x "$(TOOLS)/venv/bin/python" ] || python3 -m venv "$(TOOLS)/venv"
	@"$(TOOLS)/venv/bin/python" -c "import aiosmtpd" 2>/dev/null || "$(TOOLS)/venv/bin/pip" install --quiet "aiosmtpd==$(AIOSMTPD_VERSION)"
	@cd end2end && { [ -d node_modules/@playwright/test ] && [ -d node_modules/@axe-core/playwright ] || npm ci --no-audit --no-fund; }

test: build test-tools test-rust test-e2e

test-rust:
	RUSTFLAGS="$(TEST_RUSTFLAGS)" cargo test -p app --features ssr
	RUSTFLAGS="$(TEST_RUSTFLAGS)" IZKT_TEST_PYTHON="$(TOOLS)/venv/bin/python" cargo test -p izkt

test-e2e:
	cd end2end && npx playwright test

clean-data:
	rm -rf data
