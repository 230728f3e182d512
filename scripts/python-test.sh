#!/usr/bin/env bash
# Builds the Python package (python/, PyO3 + maturin, abi3 wheel), installs the wheel in a
# fresh venv and runs its pytest tests. Needs python3 (3.9+) with venv, and PyPI for maturin
# and pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${PAR_INDEX_VENV:-target/py-venv}"
rm -rf "$venv"
python3 -m venv "$venv"
"$venv/bin/pip" install -q --disable-pip-version-check "maturin>=1.5,<2" pytest
rm -rf target/wheels
"$venv/bin/maturin" build -q -m python/Cargo.toml -o target/wheels
"$venv/bin/pip" install -q --disable-pip-version-check target/wheels/par_index-*.whl
"$venv/bin/pytest" -q -p no:cacheprovider python/tests  # from the root, so that the installed wheel is imported
