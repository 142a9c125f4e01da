# borderlens: `make serve` builds and serves the app, `make test` runs every test.
# Both install what is missing first (scripts/setup.sh, idempotent, registries only).
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export TRUNK_SKIP_VERSION_CHECK := true
export CARGO_TERM_COLOR := never

.PHONY: setup build serve test test-native test-e2e lint fmt bench clean

setup:
	@bash scripts/setup.sh

# The deployable static site in dist/.
build: setup
	trunk build --offline

serve: build
	node scripts/serve.mjs dist

# Native unit tests, lint, the wasm build, then the browser end-to-end tests.
test: setup test-native lint build test-e2e

test-native:
	cargo test --workspace --exclude borderlens_worker --quiet

lint:
	cargo fmt --all -- --check
	cargo clippy -p borderlens_core --all-targets --quiet -- -D warnings
	cargo clippy -p borderlens -p borderlens_worker --target wasm32-unknown-unknown --quiet -- -D warnings

test-e2e:
	node --test --test-concurrency=1 tests/e2e/

fmt:
	cargo fmt --all

# Speed and size, recorded in docs/benchmarks.md (not part of `make test`).
bench: build
	bash scripts/bench.sh

clean:
	rm -rf dist target tests/output
