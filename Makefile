# ИЗКТ: two commands for a fresh machine.
#   make run   — installs what is missing, builds, starts http://127.0.0.1:3000
#   make test  — installs what the tests need, runs every test
# Both are idempotent and fast when everything is already there.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

CARGO_LEPTOS_VERSION := 0.3.10
WASM_BINDGEN_VERSION := 0.2.130
AIOSMTPD_VERSION := 1.4.6
SURREAL_VERSION := 3.3.5
# What cargo-leptos' debug build compiles with: `cargo test` with the same
# flags and LEPTOS_OUTPUT_NAME (read by leptos at compile time) reuses that
# build instead of compiling everything again (and leaves target/debug/izkt
# as cargo-leptos built it, which the end-to-end tests run).
TEST_ENV := RUSTFLAGS="--cfg erase_components" LEPTOS_OUTPUT_NAME=izkt
TOOLS := $(CURDIR)/.tools
# SurrealDB's server, for the test of IZKT_DB=ws://… (tools/surreal-server),
# installed once per machine beside cargo-leptos, outside the checkout.
SURREAL_ROOT := $(HOME)/.cache/izkt/surreal-$(SURREAL_VERSION)
SURREAL := $(SURREAL_ROOT)/bin/surreal

.PHONY: run test tools test-tools build release run-release test-rust test-e2e clean-data

run: build
	./target/debug/izkt serve

build: tools
	cargo leptos build

# An optimised build for deployment (WASM size-optimised with wasm-opt from
# npm's binaryen; Debian's wasm-opt breaks the bundle), with its own site
# directory so that it and the debug build do not overwrite each other.
RELEASE_SITE := target/site-release

release: tools
	@[ -x "$(TOOLS)/npm/node_modules/.bin/wasm-opt" ] || npm install --no-audit --no-fund --prefix "$(TOOLS)/npm" binaryen@132.0.0
	PATH="$(TOOLS)/npm/node_modules/.bin:$$PATH" LEPTOS_SITE_ROOT=$(RELEASE_SITE) cargo leptos build --release

run-release: release
	LEPTOS_SITE_ROOT=$(RELEASE_SITE) ./target/release/izkt serve

tools:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@cargo leptos --version 2>/dev/null | grep -q "$(CARGO_LEPTOS_VERSION)" || cargo install cargo-leptos --locked --version $(CARGO_LEPTOS_VERSION)
	@wasm-bindgen --version 2>/dev/null | grep -q "$(WASM_BINDGEN_VERSION)" || cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION)

test-tools: tools
	@command -v chromium >/dev/null || { apt-get update && apt-get install -y chromium; }
	@[ -x "$(TOOLS)/venv/bin/python" ] || python3 -m venv "$(TOOLS)/venv"
	@"$(TOOLS)/venv/bin/python" -c "import aiosmtpd" 2>/dev/null || "$(TOOLS)/venv/bin/pip" install --quiet "aiosmtpd==$(AIOSMTPD_VERSION)"
	@cd end2end && { [ -d node_modules/@playwright/test ] && [ -d node_modules/@axe-core/playwright ] || npm ci --no-audit --no-fund; }
	@"$(SURREAL)" version 2>/dev/null | grep -q "^$(SURREAL_VERSION) " || { \
	  cargo install --locked --debug --path tools/surreal-server --root "$(SURREAL_ROOT)" --target-dir target/surreal-server; }

test: build test-tools test-rust test-e2e

# Both packages in one run, so that features unify as in the server build.
test-rust:
	$(TEST_ENV) IZKT_TEST_PYTHON="$(TOOLS)/venv/bin/python" IZKT_TEST_SURREAL="$(SURREAL)" cargo test -p app -p izkt --features app/ssr

# The binary the browser tests run is cargo-leptos' (re-linked from cache
# when a test build replaced it).
test-e2e:
	cargo leptos build
	cd end2end && npx playwright test

clean-data:
	rm -rf data
