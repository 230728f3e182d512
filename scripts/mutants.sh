#!/usr/bin/env bash
# Mutation testing of the library with cargo-mutants, one slice of src at a time: the files a
# glob matches are mutated in one run (one build of the tree), each mutant tested by the unit
# tests and the integration tests that exercise that part (no doctests).
# Not run in CI. Writes mutants.out/<slice>/ and appends a per-module table (caught, missed,
# unviable, timeout, % caught of the viable) to mutants-summary.md.
#
#   scripts/mutants.sh [module-glob...]    e.g. 'src/rules/*.rs' 'src/limits.rs src/evidence.rs'
#
# One argument is one slice (one build); several globs in one argument, spaced, share it.
#
# Without a glob it runs the slices most at risk, in order. Needs `cargo install cargo-mutants`.
# Environment: MUTANTS_TIMEOUT (seconds per test run, default 240), MUTANTS_JOBS (mutants
# built and tested at once, default 1), MUTANTS_NICE (default 15).
set -euo pipefail
cd "$(dirname "$0")/.."
slices=("$@")
[ ${#slices[@]} -gt 0 ] || slices=(src/evidence.rs src/evidence/bounds.rs src/json.rs
    src/limits.rs 'src/cycle/*.rs' src/evaluate.rs 'src/rules/*.rs')

# The integration tests that exercise a module (the unit tests always run).
tests_for() {
    case "$1" in
        src/rules/*|src/rules.rs) echo mutants engine rule_edges criteria floor sample ;;
        src/cycle/*|src/cycle.rs) echo mutants cycle reports floor roundtrip published batch_stream bonus json_input whatif audit gap ;;
        src/evidence*|src/json.rs|src/limits.rs) echo mutants json_input hostile engine trust ;;
        src/evaluate*) echo mutants engine criteria floor rule_edges sample trust docref messages bonus json_input gap ;;
        src/audit*|src/gap*|src/whatif.rs) echo audit gap whatif engine mutants bonus ;;
        src/report*) echo mutants reports vietnamese roundtrip bonus cycle sample ;;
        src/scorecard*|src/points.rs|src/digest.rs) echo mutants engine bonus roundtrip trust sample floor json_input schema ;;
        src/validate*|src/load.rs|src/extend.rs|src/ruleset.rs|src/cases.rs|src/builtin.rs|src/open.rs)
            echo mutants engine criteria hostile messages extends layers published sample rule_edges cycle ;;
        src/json/*|src/path.rs) echo mutants json_input hostile engine trust messages schema ;;
        src/error*|src/model*|src/schema.rs) echo mutants messages hostile schema roundtrip engine cycle criteria ;;
        src/wording*|src/docref.rs) echo wording docref criteria published mutants ;;
        src/testkit/strategies.rs) echo properties floor wording ;;
        src/testkit*) echo properties floor ;;
        *) echo mutants engine criteria cycle json_input hostile ;;
    esac
}

[ -f mutants-summary.md ] || printf '%s\n\n%s\n%s\n' \
    '# Mutation testing: per-module results (scripts/mutants.sh; a timeout counts as caught)' \
    '| slice | file | mutants | caught | missed | unviable | timeout | % caught of viable | slice seconds |' \
    '|---|---|---|---|---|---|---|---|---|' > mutants-summary.md
for glob in "${slices[@]}"; do
    # shellcheck disable=SC2206 # the glob is meant to expand
    files=($glob)
    slug=$(echo "$glob" | tr '/*. ' '____' | sed 's/__*/_/g; s/^_//; s/_$//')
    out=mutants.out/$slug
    args=(--package par-index --jobs "${MUTANTS_JOBS:-1}" --test-tool cargo --timeout "${MUTANTS_TIMEOUT:-240}"
          --output "$out")
    for f in "${files[@]}"; do args+=(--file "$f"); done
    # The property-testing kit is compiled only with its feature.
    case "${files[0]}" in src/testkit*) args+=(--features proptest) ;; esac
    # The test selection goes to every cargo call (`-C`), so the build phase builds only the
    # selected test targets, not all thirty; without debug info, linking them is quicker.
    test_args=(--cargo-arg=--lib)
    for t in $(tests_for "${files[0]}"); do test_args+=("--cargo-arg=--test=$t"); done
    args+=("${test_args[@]}")
    echo "== $glob: ${files[*]} (tests: ${test_args[*]})" >&2
    mkdir -p mutants.out
    start=$(date +%s)
    CARGO_PROFILE_DEV_DEBUG=0 nice -n "${MUTANTS_NICE:-15}" cargo mutants "${args[@]}" \
        > "$out.log" 2>&1 || true
    secs=$(( $(date +%s) - start ))
    python3 scripts/mutants_summary.py "$out/mutants.out/outcomes.json" "$glob" "$secs" \
        | tee -a mutants-summary.md
done
