//! The command line: flags, subcommands and their help, with an example for each.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const EXIT_CODES: &str = "\
Exit codes / Mã thoát:
  0  ok
  1  input rejected: a bad rule set, evidence, appraisal, batch or scenario (errors name the path)
  2  usage error: unknown flag or subcommand, missing argument, unknown set id
  3  it ran, but the audit found mismatches or a test case failed

Inputs are files, or `-` for standard input. With --json every output, errors included, is one
JSON document on standard output; an error is {\"error\": {\"kind\", \"exit\", \"message\", \"issues\": [{\"path\", \"line\", \"message\"}]}}.";

/// `par-index`: the PAR Index (Chỉ số cải cách hành chính) from the command line.
#[derive(Debug, Parser)]
#[command(name = "par-index", version, about, after_help = EXIT_CODES)]
pub(crate) struct Cli {
    /// Write every output, errors included, as JSON with a stable shape.
    #[arg(long, global = true)]
    pub(crate) json: bool,
    /// The language of human-readable output: vi (tiếng Việt, the default) or en.
    #[arg(long, global = true, value_enum, default_value_t = LangArg::Vi)]
    pub(crate) lang: LangArg,
    /// What to do.
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// The language of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum LangArg {
    /// Tiếng Việt: decimal comma, `81,25%`.
    Vi,
    /// English.
    En,
}

impl LangArg {
    /// The library's language.
    pub(crate) fn lang(self) -> par_index::report::Lang {
        match self {
            LangArg::Vi => par_index::report::Lang::Vi,
            LangArg::En => par_index::report::Lang::En,
        }
    }
}

/// The output format of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// Plain text (in Vietnamese: the Markdown report, which reads as text).
    Text,
    /// A Markdown report.
    Markdown,
    /// JSON (as --json).
    Json,
    /// CSV for Excel (starts with a UTF-8 BOM).
    Csv,
}

/// Which rule set: a file or folder, or a bundled set.
#[derive(Debug, Clone, Args)]
pub(crate) struct SetArg {
    /// A rule set: `ruleset.toml`, a folder holding one (criteria/<id>), or `-`.
    #[arg(long, value_name = "FILE", conflicts_with = "builtin")]
    pub(crate) ruleset: Option<String>,
    /// A bundled rule set by id (see `par-index sets`). Without either flag, the set named by
    /// the evidence's `ruleset` field.
    #[arg(long, value_name = "ID")]
    pub(crate) builtin: Option<String>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Score evidence into a scorecard (tính điểm).
    #[command(
        after_help = "Example:\n  par-index score --builtin vn-district-2023 examples/data/duyen-hai-2023-q3.json\n  par-index score --builtin vn-district-2023 --format csv - < evidence.json > scorecard.csv\n  par-index score --builtin vn-district-2023 --points examples/data/duyen-hai-2023-q3.json"
    )]
    Score {
        #[command(flatten)]
        set: SetArg,
        /// The evidence (JSON), or `-`.
        evidence: String,
        /// The output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Write only the numbers, as JSON: every node's points by code, each area's
        /// sub-index, the total, the class and the leaves without evidence (a points card).
        #[arg(long, conflicts_with = "format")]
        points: bool,
    },
    /// Check rule sets: every problem with its file, line and path (kiểm tra bộ tiêu chí).
    #[command(
        after_help = "Example:\n  par-index check criteria/vn-district-2023 criteria/ca-mau-1880-2013/ruleset.toml"
    )]
    Check {
        /// Rule-set files or folders, or `-`.
        #[arg(required = true)]
        paths: Vec<String>,
    },
    /// List the bundled rule sets with level, years, scale and verified share.
    #[command(after_help = "Example:\n  par-index sets --lang en")]
    Sets,
    /// Run a rule-set folder's test cases (`cases/*.toml`).
    #[command(after_help = "Example:\n  par-index test criteria/vn-district-2023")]
    Test {
        /// A criteria folder holding `ruleset.toml` and `cases/`.
        folder: PathBuf,
    },
    /// Apply appraisal rounds, bonus and penalty (thẩm định) to a unit's evidence.
    #[command(
        after_help = "Example:\n  par-index appraise --ruleset tests/fixtures/cycle.toml tests/fixtures/cycle.evidence.json tests/fixtures/cycle.appraisal.json"
    )]
    Appraise {
        #[command(flatten)]
        set: SetArg,
        /// The evidence (JSON), or `-`.
        evidence: String,
        /// The appraisal record (JSON), or `-`.
        appraisal: String,
        /// The output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Score and rank a batch of units: a folder of evidence files or a batch JSON (xếp hạng).
    #[command(
        after_help = "Example:\n  par-index rank --ruleset tests/fixtures/cycle.toml examples/data/batch"
    )]
    Rank {
        #[command(flatten)]
        set: SetArg,
        /// A folder of evidence files (*.json), a batch JSON ({\"units\": [...]}), or `-`.
        batch: String,
        /// The output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Recompute the figures a unit reported (kiểm tra số liệu); exit 3 on a mismatch.
    #[command(
        after_help = "Example:\n  par-index audit --builtin vn-district-2023 examples/data/duyen-hai-2023-q3.json"
    )]
    Audit {
        #[command(flatten)]
        set: SetArg,
        /// The evidence (JSON), or `-`.
        evidence: String,
    },
    /// Where the missing points are, and a plan (phân tích điểm còn thiếu).
    #[command(
        after_help = "Example:\n  par-index gaps --builtin vn-district-2023 --top 5 examples/data/duyen-hai-2023-q3.json"
    )]
    Gaps {
        #[command(flatten)]
        set: SetArg,
        /// The evidence (JSON), or `-`.
        evidence: String,
        /// How many steps of the plan to print.
        #[arg(long, default_value_t = 10)]
        top: usize,
    },
    /// Score a scenario against the evidence (giả định).
    #[command(
        after_help = "Example:\n  echo '{\"set\": {\"1.1.3\": {\"numerator\": 36}}}' | par-index whatif --builtin vn-district-2023 examples/data/duyen-hai-2023-q3.json -"
    )]
    Whatif {
        #[command(flatten)]
        set: SetArg,
        /// The base evidence (JSON), or `-`.
        evidence: String,
        /// The scenario (JSON: `set`, `replace`, `remove`), or `-`.
        scenario: String,
    },
    /// Compare two rule sets (TOML files, folders or `builtin:ID`), or two units' evidence
    /// scored under one set (two .json files).
    #[command(
        after_help = "Examples:\n  par-index diff builtin:bnv-2948-2017-province builtin:bnv-876-2022-province\n  par-index diff --builtin vn-district-2023 before.json after.json"
    )]
    Diff {
        #[command(flatten)]
        set: SetArg,
        /// The earlier rule set or evidence.
        before: String,
        /// The later rule set or evidence.
        after: String,
    },
    /// Print a JSON Schema: ruleset, evidence, scorecard, or evidence-for (with --builtin/--ruleset).
    #[command(after_help = "Example:\n  par-index schema evidence-for --builtin vn-district-2023")]
    Schema {
        /// Which schema.
        #[arg(value_enum)]
        name: SchemaName,
        #[command(flatten)]
        set: SetArg,
    },
    /// Serve the scoring API and the form page over HTTP (dịch vụ chấm điểm).
    #[command(
        after_help = "Example:\n  par-index serve --bind 127.0.0.1:8080 --sets criteria\n  curl -X POST 'http://127.0.0.1:8080/score?set=vn-district-2023' --data-binary @examples/data/duyen-hai-2023-q3.json"
    )]
    Serve(ServeArgs),
    /// Read an annex table (phụ lục, CSV or XLSX) into a rule set: the TOML on standard output,
    /// what could not be read (with row numbers) on standard error.
    #[command(
        after_help = "Example:\n  par-index import --id tinh-mau-district-2025 phu-luc.xlsx > criteria/tinh-mau-district-2025/ruleset.toml"
    )]
    Import {
        /// The annex: a `.csv` or `.xlsx` file in the official layout.
        annex: String,
        /// The set's id (`criteria/<id>/`).
        #[arg(long, default_value = "imported-annex")]
        id: String,
        /// The level of units it scores: ministry, province, department, district, commune.
        #[arg(long, default_value = "district")]
        level: String,
        /// The first assessment year, when the annex's heading does not say "năm YYYY".
        #[arg(long)]
        year: Option<u16>,
    },
    /// Print a rule set as the annex (Markdown, CSV or XLSX), or as the unit's
    /// self-assessment form (XLSX, `--form`).
    #[command(
        after_help = "Examples:\n  par-index export --builtin ca-mau-1880-2013 --format markdown\n  par-index export --builtin vn-commune-2025 --format xlsx --out phu-luc.xlsx\n  par-index export --builtin vn-commune-2025 --form --out bieu-tu-danh-gia.xlsx"
    )]
    Export {
        #[command(flatten)]
        set: SetArg,
        /// markdown or csv (printed), xlsx (needs --out).
        #[arg(long, value_enum, default_value = "markdown")]
        format: ExportFormat,
        /// The self-assessment form (biểu tự đánh giá) instead of the annex; always XLSX.
        #[arg(long)]
        form: bool,
        /// Write to this file instead of standard output (required for XLSX).
        #[arg(long, value_name = "FILE")]
        out: Option<String>,
    },
}

/// The format of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ExportFormat {
    /// The annex as a Markdown table.
    Markdown,
    /// The annex as CSV for Excel (UTF-8 with a BOM).
    Csv,
    /// The annex as an XLSX workbook, A4 landscape.
    Xlsx,
}

/// Which JSON Schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum SchemaName {
    /// A rule set as written.
    Ruleset,
    /// Any evidence.
    Evidence,
    /// A scorecard.
    Scorecard,
    /// The evidence one rule set takes.
    EvidenceFor,
}

/// The flags of `serve`.
#[derive(Debug, Clone, Args)]
pub(crate) struct ServeArgs {
    /// The address to listen on (port 0: any free port, printed on start).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub(crate) bind: String,
    /// A folder of rule sets to serve besides the bundled ones (criteria/<id>/ruleset.toml or *.toml).
    #[arg(long, value_name = "DIR")]
    pub(crate) sets: Option<PathBuf>,
    /// The longest a request may take, in seconds.
    #[arg(long, default_value_t = 10)]
    pub(crate) timeout: u64,
    /// The largest request body, in bytes.
    #[arg(long, default_value_t = 4 * 1024 * 1024)]
    pub(crate) max_body: usize,
}
