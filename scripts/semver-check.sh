#!/usr/bin/env bash
# Semver check of the public API (not run in CI: it needs the nightly toolchain's rustdoc JSON).
#
# Lists every public path (items, fields, variants, methods, trait impls) with
# scripts/public_api.py, and compares the list with api/public-api.txt as committed at the
# last version tag (v*):
# - a path that disappeared is a breaking change: the version in Cargo.toml must then be a new
#   0.x minor (0.1.3 → 0.2.0) — or a new major after 1.0 — than the tag's;
# - api/public-api.txt must equal the current list (`scripts/semver-check.sh --bless` rewrites it).
#
# Usage: scripts/semver-check.sh [--bless]
set -euo pipefail
cd "$(dirname "$0")/.."

cargo +nightly rustdoc -q -p par-index --lib --all-features -- -Z unstable-options --output-format json
python3 scripts/public_api.py target/doc/par_index.json > target/public-api.txt
if [[ "${1:-}" == "--bless" ]]; then
    cp target/public-api.txt api/public-api.txt
    echo "api/public-api.txt rewritten ($(wc -l < api/public-api.txt) paths)"
    exit 0
fi

status=0
if ! diff -q api/public-api.txt target/public-api.txt > /dev/null; then
    echo "api/public-api.txt is out of date (run scripts/semver-check.sh --bless and commit it):"
    diff api/public-api.txt target/public-api.txt | head -40
    status=1
fi

tag=$(git describe --tags --abbrev=0 --match 'v*' 2> /dev/null || true)
if [[ -z "$tag" ]]; then
    echo "no version tag yet: nothing to compare with"
    exit $status
fi
git show "$tag:api/public-api.txt" > target/public-api-tag.txt
removed=$(comm -23 target/public-api-tag.txt target/public-api.txt)
added=$(comm -13 target/public-api-tag.txt target/public-api.txt | wc -l)
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
old=${tag#v}
echo "public API against $tag: $(printf '%s' "$removed" | grep -c . || true) paths removed, $added added; version $old → $version"
if [[ -n "$removed" ]]; then
    IFS=. read -r omaj omin _ <<< "$old"
    IFS=. read -r nmaj nmin _ <<< "$version"
    if [[ "$omaj" == 0 && "$nmaj" == 0 && "$nmin" -le "$omin" ]] || [[ "$omaj" != 0 && "$nmaj" -le "$omaj" ]]; then
        echo "breaking: these paths are gone, so the version must move to a new $([[ $omaj == 0 ]] && echo minor || echo major):"
        printf '%s\n' "$removed" | head -40
        status=1
    fi
fi
exit $status
