#!/usr/bin/env bash
# Runs every fuzz target for a given time, one after the other, then minimizes its corpus and
# prints a summary table (target, seconds, executions, corpus files, crashes).
#
#   scripts/fuzz.sh [seconds-per-target] [target...]     (default 600 s, every target)
#
# Needs cargo-fuzz and a nightly toolchain (`cargo install --locked cargo-fuzz`). Not run in
# CI. Runs at `nice -n 15`, one process (libFuzzer's default of one job), no sanitizer
# (`-s none`: the crate forbids unsafe code; debug assertions and overflow checks stay on).
# A target's corpus starts from the repository's own files (scripts/fuzz_seeds.py) when
# fuzz/corpus/<target> is empty; crashes land in fuzz/artifacts/<target>/.
# Environment: FUZZ_MAX_FILES (default 300) caps a minimized corpus (a random sample of it,
# the repository's seeds kept).
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-600}
shift || true
all=(load_ruleset load_evidence evaluate roundtrip render audit_gaps what_if appraisal batch
     annex_csv annex_xlsx cli)
targets=("${@:-${all[@]}}")
max_files=${FUZZ_MAX_FILES:-300}
fuzz="nice -n 15 cargo +nightly fuzz"
summary=fuzz/summary.md
[ -f "$summary" ] || printf '| target | seconds | executions | corpus files | corpus KB | crashes |\n|---|---|---|---|---|---|\n' > "$summary"
rows=()
for t in "${targets[@]}"; do
    corpus=fuzz/corpus/$t
    if [ -z "$(ls -A "$corpus" 2>/dev/null)" ]; then
        python3 scripts/fuzz_seeds.py "$t" "$corpus"
    fi
    log=fuzz/artifacts/$t.log
    mkdir -p "fuzz/artifacts/$t"
    echo "== $t: $secs s" >&2
    # libFuzzer exits non-zero on a crash; the table reports it, the loop goes on.
    (cd fuzz && $fuzz run -s none "$t" "corpus/$t" -- -max_total_time="$secs" \
        -max_len=65536 -rss_limit_mb=2048 -timeout=20 -print_final_stats=1) > "$log" 2>&1 || true
    execs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1)
    crashes=$(find "fuzz/artifacts/$t" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'oom-*' -o -name 'timeout-*' \) | wc -l)
    (cd fuzz && $fuzz cmin -s none "$t" "corpus/$t" -- -max_len=65536 -rss_limit_mb=2048 -timeout=20) \
        >> "$log" 2>&1 || true
    # Keep the committed corpus small: a random sample of the minimized corpus, then the
    # seeds from the repository's files again (they are few, and the real shapes).
    ls -1 "$corpus" | shuf | tail -n +"$((max_files + 1))" | sed "s|^|$corpus/|" | xargs -r rm -f
    python3 scripts/fuzz_seeds.py "$t" "$corpus"
    files=$(ls -1 "$corpus" | wc -l)
    kb=$(du -sk "$corpus" | cut -f1)
    row="| \`$t\` | $secs | ${execs:-?} | $files | $kb | $crashes |"
    rows+=("$row")
    echo "$row" >> "$summary"
done
printf '\n| target | seconds | executions | corpus files | corpus KB | crashes |\n|---|---|---|---|---|---|\n'
printf '%s\n' "${rows[@]}"
