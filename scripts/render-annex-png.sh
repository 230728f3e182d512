#!/bin/sh
# Renders page 1 of the printed annex (export_annex_xlsx) to PNG with LibreOffice headless, to
# look at the print layout (A4 landscape, header row repeated, Vietnamese numbers).
# Needs: apt-get install -y libreoffice-calc poppler-utils. Not run in CI.
#
# Usage: scripts/render-annex-png.sh [IN] [OUT.png]
#   IN: a ruleset.toml, or an annex .csv/.xlsx (default: the annex crate's fixture)
#   OUT: default docs/annex-page1.png
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
in=${1:-$root/annex/tests/fixtures/annex.csv}
out=${2:-$root/docs/annex-page1.png}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cargo run --quiet --manifest-path "$root/Cargo.toml" -p par-index-annex --example print-annex -- \
    "$in" "$tmp/phu-luc.xlsx" "$tmp/bieu-tu-danh-gia.xlsx"
soffice --headless --convert-to pdf --outdir "$tmp" "$tmp/phu-luc.xlsx" >/dev/null
pdftoppm -png -r 100 -f 1 -l 1 -singlefile "$tmp/phu-luc.pdf" "$tmp/page"
cp "$tmp/page.png" "$out"
echo "$out ($(pdfinfo "$tmp/phu-luc.pdf" | sed -n 's/^Pages: *//p') pages)"
