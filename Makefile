# The two commands of the README. Both set up whatever is missing first (see .ci/setup).
PORT ?= 8080
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export TRUNK_OFFLINE := true

.PHONY: run test setup bench bench-peers bench-cli test-spark

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
	node tests/bench/big_table.mjs
	node tests/bench/table_bench.mjs
	cargo build --release -p tierwise-cli
	node tests/bench/clv_bench.mjs
	node tests/bench/export_bench.mjs
	node tests/bench/first_visit.mjs
	node tests/bench/legacy_bench.mjs

## make bench-peers: the first import a user sees (fresh profile, returning, warm) of the 1M- and
## 100k-row logs and a 100k-row XLSX, beside DuckDB-WASM, PapaParse and SheetJS in the same
## browser (tests/bench/cold_peers.mjs; figures and targets, not pass/fail). The peers are
## installed into target/bench-peers only, never by make setup or make test.
bench-peers: setup target/bench-peers/node_modules/.package-lock.json
	trunk build --release
	node tests/bench/cold_peers.mjs

target/bench-peers/node_modules/.package-lock.json: tests/bench/peers/package.json tests/bench/peers/package-lock.json
	mkdir -p target/bench-peers
	cp tests/bench/peers/package.json tests/bench/peers/package-lock.json target/bench-peers/
	cd target/bench-peers && npm ci --no-audit --no-fund
	touch $@

## make bench-cli: the tierwise CLI against DuckDB (Python, in target/venv) on the generated
## 1M- and 10M-row logs: times, the ratio, the CLI's memory (figures, not pass/fail)
bench-cli:
	bash tools/venv.sh
	cargo build --release -p tierwise-cli
	target/venv/bin/python tests/bench/cli_vs_duckdb.py

## make test-spark: sql/rollup.spark.sql in PySpark local mode (installs Java 17 and pyspark
## into target/venv the first time) on the sample log and the 1M-row log, compared with the
## app's own import of the same logs. Not part of make test.
test-spark: target/bench/log_1000000.csv
	bash tools/venv.sh --spark
	cargo build --release -p tierwise-cli
	target/venv/bin/python tests/sql/check_rollup.py --spark public/sample/orders.csv \
	  public/sample/orders.csv@2026-03-31 target/bench/log_1000000.csv \
	  target/bench/log_1000000.csv@2025-06-30

target/bench/log_1000000.csv:
	mkdir -p target/bench
	node tests/bench/gen_log.mjs $@ 1000000 100000
