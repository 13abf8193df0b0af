#!/usr/bin/env bash
# The Python environment of the CLI benchmark and the SQL tests: target/venv with DuckDB, and
# with `--spark` PySpark as well (make test-spark; it also needs a Java 17 runtime, which this
# script installs from Debian when missing). Idempotent: with everything present it returns at
# once. Nothing else uses Python packages: `make test` runs the SQL test only when the venv
# exists (`.ci/setup` creates it).
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=target/venv
DUCKDB_VERSION=1.5.6
PYSPARK_VERSION=3.5.8
sudo_if_needed() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c "import duckdb, sys; sys.exit(duckdb.__version__ != '$DUCKDB_VERSION')" 2>/dev/null; then
  echo "venv: duckdb $DUCKDB_VERSION" >&2
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "duckdb==$DUCKDB_VERSION"
fi
if [ "${1:-}" = "--spark" ]; then
  if ! java -version 2>&1 | grep -q 'version "17'; then
    echo "venv: openjdk-17-jre-headless from Debian" >&2
    sudo_if_needed apt-get update
    sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y openjdk-17-jre-headless
  fi
  if ! "$VENV/bin/python" -c "import pyspark, sys; sys.exit(pyspark.__version__ != '$PYSPARK_VERSION')" 2>/dev/null; then
    echo "venv: pyspark $PYSPARK_VERSION (about 300 MB)" >&2
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "pyspark==$PYSPARK_VERSION"
  fi
fi
