//! The `par-index` command in-process (`par_index_cli::run`), on files made of the input: the
//! first byte picks a command line (a template of every subcommand but `serve`, or tokens
//! from a vocabulary of flags and values), the second its flags (`--json`, `--lang en`, the
//! format); the rest, split at 0x00 bytes, is the rule set, the evidence and a third file
//! (appraisal, batch, scenario, test case). No panic; the exit code is 0 to 3; with `--json`
//! standard output is one JSON document, an error with its kind, exit code, message and
//! issues that each name a path; without it, a refusal is explained on standard error.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use serde_json::Value;

/// Command lines; `A` the rule set file, `B` the evidence, `C` the third file, `D` the folder
/// holding them (a criteria folder: `ruleset.toml` and `cases/c.toml`), `X` an annex as CSV
/// (the rule set's bytes), `Y` one as XLSX (all the bytes after the flags), `O` an output
/// file in the folder, `F` a report format.
const TEMPLATES: &[&str] = &[
    "score --ruleset A B --format F",
    "score --ruleset A --points B",
    "score --builtin vn-district-2023 B --format F",
    "score --builtin vn-commune-2025 B --format F",
    "score B",
    "check A",
    "check D",
    "test D",
    "appraise --ruleset A B C --format F",
    "rank --ruleset A C --format F",
    "audit --ruleset A B",
    "audit --builtin vn-district-2023 B",
    "gaps --ruleset A B --top 3",
    "whatif --ruleset A B C",
    "diff --ruleset A B C",
    "diff A D",
    "schema evidence-for --ruleset A",
    "schema scorecard",
    "import X --id fuzz --level commune --year 2025",
    "import Y --id fuzz --level province",
    "export --ruleset A --format markdown",
    "export --ruleset A --format csv",
    "export --ruleset A --format xlsx --out O",
    "export --ruleset A --form --out O",
    "sets",
];

/// Tokens a free-form command line is drawn from (never `serve`, never `-`: no server, no
/// standard input).
const VOCAB: &[&str] = &[
    "score", "check", "sets", "test", "appraise", "rank", "audit", "gaps", "whatif", "diff",
    "schema", "import", "export", "--ruleset", "--builtin", "--format", "--points", "--top",
    "--id", "--level", "--year", "--form", "--out", "--json", "--lang", "--help", "--version",
    "A", "B", "C", "D", "X", "Y", "O", "text", "markdown", "json", "csv", "xlsx", "en", "vi",
    "evidence-for", "scorecard", "ruleset", "evidence", "vn-district-2023", "vn-commune-2025",
    "builtin:vn-district-2023", "0", "3", "99999999999999999999", "commune", "district", "",
];

const FORMATS: [&str; 4] = ["text", "markdown", "json", "csv"];

/// The folder the files are written to, one per process.
fn dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let d = std::env::temp_dir().join(format!("par-index-fuzz-cli-{}", std::process::id()));
        std::fs::create_dir_all(d.join("cases")).expect("a temporary folder");
        d
    })
}

fn path(name: &str) -> String {
    dir().join(name).display().to_string()
}

fn token(t: &str, format: &str) -> String {
    match t {
        "A" => path("ruleset.toml"),
        "B" => path("b.json"),
        "C" => path("c.json"),
        "D" => dir().display().to_string(),
        "X" => path("annex.csv"),
        "Y" => path("annex.xlsx"),
        "O" => path("out.xlsx"),
        "F" => format.to_string(),
        other => other.to_string(),
    }
}

fuzz_target!(|data: &[u8]| {
    let [pick, flags, rest @ ..] = data else {
        return;
    };
    let mut parts = rest.splitn(3, |&b| b == 0);
    let (a, b, c) = (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    );
    for (name, bytes) in [
        ("ruleset.toml", a),
        ("annex.csv", a),
        // A workbook is a zip, full of 0x00 bytes: it is the whole rest.
        ("annex.xlsx", rest),
        ("b.json", b),
        ("c.json", c),
        ("cases/c.toml", c),
    ] {
        std::fs::write(dir().join(name), bytes).expect("a temporary file");
    }
    let _ = std::fs::remove_file(dir().join("out.xlsx"));
    let format = FORMATS[usize::from(flags >> 2) % FORMATS.len()];
    let mut args = vec!["par-index".to_string()];
    let json = flags & 1 == 1;
    if json {
        args.push("--json".into());
    }
    if flags & 2 == 2 {
        args.extend(["--lang".into(), "en".into()]);
    }
    // 25 of 32 values of the low bits pick a template; the other 7 a free-form line, whose
    // tokens the first bytes of the rule set pick (as many as the high bits say, 1 to 8).
    match TEMPLATES.get(usize::from(pick % 32)) {
        Some(t) => args.extend(t.split(' ').map(|t| token(t, format))),
        None => args.extend(
            a.iter()
                .take(usize::from(pick / 32) + 1)
                .map(|&i| token(VOCAB[usize::from(i) % VOCAB.len()], format)),
        ),
    }
    let json = json || args.iter().skip(1).any(|a| a == "--json");
    let ran = par_index_cli::run(&args);
    assert!(ran.exit <= 3, "exit {} for {args:?}", ran.exit);
    if json && !args.iter().any(|a| a == "--help" || a == "--version") {
        let v: Value = serde_json::from_str(&ran.stdout)
            .unwrap_or_else(|e| panic!("--json output is not JSON ({e}) for {args:?}: {}", ran.stdout));
        if matches!(ran.exit, 1 | 2) {
            let err = &v["error"];
            assert_eq!(err["exit"], u64::from(ran.exit), "{args:?}");
            assert!(err["kind"].is_string(), "{args:?}");
            assert!(err["message"].as_str().is_some_and(|m| !m.is_empty()), "{args:?}");
            let issues = err["issues"].as_array().expect("issues");
            for i in issues {
                assert!(i["path"].is_string() && i["message"].is_string(), "{args:?}: {i}");
            }
        } else {
            assert!(v.get("error").is_none(), "an error with exit {} for {args:?}", ran.exit);
        }
    } else if matches!(ran.exit, 1 | 2) && !json {
        assert!(!ran.stderr.trim().is_empty(), "a refusal without a word for {args:?}");
        assert!(ran.stdout.is_empty(), "a refusal with a report for {args:?}");
    }
});
