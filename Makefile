# The two commands of the README. Both set up whatever is missing first (see .ci/setup).
PORT ?= 8080
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export TRUNK_OFFLINE := true

.PHONY: run test setup bench

## make run: build and serve the app on http://127.0.0.1:$(PORT) (PORT=9000 make run to change)
run: setup
	trunk serve --release --no-autoreload --address 127.0.0.1 --port $(PORT)

## make test: the full test suite, as CI runs it
test: setup
	bash .ci/test

setup:
	bash .ci/setup

## make bench: native criterion benchmarks and the browser benchmark (figures, not pass/fail)
bench: setup
	cargo bench -p tierwise-core
	trunk build --release
	node tests/bench/browser_bench.mjs
	node tests/bench/slider_fps.mjs
	node tests/bench/table_bench.mjs
