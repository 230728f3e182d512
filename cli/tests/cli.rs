//! End-to-end tests of the `par-index` binary: every subcommand's output and errors against
//! reviewed snapshots (`tests/cmd/*.toml`, run by trycmd; regenerate with
//! `TRYCMD=overwrite cargo test -p par-index-cli --test cli`), and `--json` errors parsed.

use assert_cmd::Command;
use serde_json::Value;

#[test]
fn snapshots() {
    trycmd::TestCases::new().case("tests/cmd/*.toml");
}

fn par_index() -> Command {
    let mut cmd = Command::cargo_bin("par-index").unwrap_or_else(|e| unreachable!("{e}"));
    cmd.current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."));
    cmd
}

fn json_of(out: &[u8]) -> Value {
    serde_json::from_slice(out).unwrap_or_else(|e| unreachable!("not JSON: {e}"))
}

#[test]
fn json_errors_parse_with_their_paths_and_exit_codes() {
    // A numerator above its denominator is refused (exit 1), with the path of the field.
    let out = par_index()
        .args(["--json", "score", "--builtin", "vn-district-2023", "-"])
        .write_stdin(r#"{"unit":{"name":"X","level":"district"},"period":{"year":2023},"evidence":{"1.1.2":{"numerator":17,"denominator":16}}}"#)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v = json_of(&out);
    assert_eq!(v["error"]["exit"], 1);
    assert_eq!(
        v["error"]["issues"][0]["path"],
        r#"evidence["1.1.2"].numerator"#
    );
    // A usage error (exit 2) is JSON too.
    let out = par_index()
        .args(["--json", "score"])
        .assert()
        .code(2)
        .get_output()
        .stdout
        .clone();
    assert_eq!(json_of(&out)["error"]["kind"], "usage");
    // An unknown bundled set is a usage error naming it.
    let out = par_index()
        .args([
            "--json",
            "score",
            "--builtin",
            "nope",
            "examples/data/duyen-hai-2023-q3.json",
        ])
        .assert()
        .code(2)
        .get_output()
        .stdout
        .clone();
    assert!(
        json_of(&out)["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("`nope`"))
    );
}

#[test]
fn json_score_of_the_sample_gives_the_hand_computed_total() {
    // criteria/vn-district-2023/cases/01-duyen-hai-2023-q3.toml:
    // total = 5.17 + 2 + 14 + 4 + 6.5 + 2.2 + 12 + 0 = 45.87 of 100 → class D.
    let out = par_index()
        .args([
            "--json",
            "score",
            "--builtin",
            "vn-district-2023",
            "examples/data/duyen-hai-2023-q3.json",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v = json_of(&out);
    assert_eq!(v["total"]["points"], "45.87");
    assert_eq!(v["classification"]["label"], "D");
}

#[test]
fn every_subcommand_has_help_with_an_example() {
    for sub in [
        "score", "check", "sets", "test", "appraise", "rank", "audit", "gaps", "whatif", "diff",
        "schema", "serve",
    ] {
        let out = par_index()
            .args([sub, "--help"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let text = String::from_utf8_lossy(&out);
        assert!(text.contains("par-index "), "{sub} --help has no example");
    }
}
