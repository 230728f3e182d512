//! Failures of a command or a request: what went wrong, the exit code, and every problem with
//! the path of the value at fault, as text or as stable JSON.

use par_index::{
    assessment::CycleError, criteria::LoadError, evidence::EvidenceError, scoring::EvalError,
};
use serde::Serialize;
use serde_json::{Value, json};

/// Exit code: input rejected (a bad rule set, evidence, appraisal, batch or scenario).
pub(crate) const EXIT_INPUT: u8 = 1;
/// Exit code: a usage error (unknown flag, missing argument, unknown set id).
pub(crate) const EXIT_USAGE: u8 = 2;

/// One problem, with the path of the value at fault.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct Issue {
    /// The file the problem is in, when it came from one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) file: Option<String>,
    /// Where: `evidence["1.1.2"].numerator`, `areas[2].max`.
    pub(crate) path: String,
    /// The line in the file, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) line: Option<usize>,
    /// What is wrong and what was expected.
    pub(crate) message: String,
}

/// A failure: its kind (`ruleset`, `evidence`, `appraisal`, `usage`, `io`, `not_found`,
/// `internal`), exit code, message and issues.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct Failure {
    /// A stable word for the kind of failure.
    pub(crate) kind: &'static str,
    /// The exit code of the command.
    pub(crate) exit: u8,
    /// One line saying what failed.
    pub(crate) message: String,
    /// Every problem found, with its path.
    pub(crate) issues: Vec<Issue>,
}

impl Failure {
    /// A failure without issues.
    pub(crate) fn new(kind: &'static str, exit: u8, message: impl Into<String>) -> Failure {
        Failure {
            kind,
            exit,
            message: message.into(),
            issues: Vec::new(),
        }
    }

    /// A usage error (exit 2).
    pub(crate) fn usage(message: impl Into<String>) -> Failure {
        Failure::new("usage", EXIT_USAGE, message)
    }

    /// The same failure with clap's full message as its one issue.
    pub(crate) fn with_detail(mut self, detail: &str) -> Failure {
        self.issues
            .push(issue(String::new(), None, detail.trim().to_string()));
        self
    }

    /// A file or stream that could not be read (exit 1).
    pub(crate) fn io(name: &str, err: &std::io::Error) -> Failure {
        Failure::new("io", EXIT_INPUT, format!("{name}: cannot read: {err}"))
    }

    /// The same failure with `name: ` before its message (the file it came from).
    pub(crate) fn in_file(mut self, name: &str) -> Failure {
        self.message = format!("{name}: {}", self.message);
        for issue in &mut self.issues {
            issue.file = Some(name.to_string());
        }
        self
    }

    /// The same failure with every issue path under `prefix` (`evidence`, `appraisal`): a
    /// request of the service carries several inputs in one body.
    #[cfg(feature = "serve")]
    pub(crate) fn under(mut self, prefix: &str) -> Failure {
        for issue in &mut self.issues {
            issue.line = None;
            issue.path = if issue.path.is_empty() || issue.path == "(document)" {
                prefix.to_string()
            } else if issue.path.starts_with('[') {
                format!("{prefix}{}", issue.path)
            } else {
                format!("{prefix}.{}", issue.path)
            };
        }
        self
    }

    /// The stable JSON form: `{"error": {"kind", "exit", "message", "issues": [{"path", "line"?, "message"}]}}`.
    pub(crate) fn to_json(&self) -> Value {
        json!({ "error": self })
    }

    /// The human-readable form: the message, then one issue a line.
    pub(crate) fn to_text(&self, vi: bool) -> String {
        let head = if vi { "Lỗi" } else { "Error" };
        let mut out = format!("{head}: {}\n", self.message);
        for i in &self.issues {
            if let Some(file) = &i.file {
                out.push_str(&format!("  {file}:"));
            }
            match i.line {
                Some(line) => out.push_str(&format!("  {} (line {line}): {}\n", i.path, i.message)),
                None => out.push_str(&format!("  {}: {}\n", i.path, i.message)),
            }
        }
        out
    }
}

fn issue(path: String, line: Option<usize>, message: String) -> Issue {
    Issue {
        file: None,
        path,
        line,
        message,
    }
}

impl From<LoadError> for Failure {
    fn from(e: LoadError) -> Failure {
        let mut f = Failure::new("ruleset", EXIT_INPUT, "the rule set was rejected");
        f.issues = match &e {
            LoadError::Invalid { issues, .. } => issues
                .iter()
                .map(|i| issue(i.path.to_string(), i.line, i.message.clone()))
                .collect(),
            LoadError::Syntax {
                line,
                column,
                message,
                ..
            } => vec![issue(
                String::new(),
                Some(*line),
                format!("column {column}: {message}"),
            )],
            _ => Vec::new(),
        };
        if f.issues.is_empty() {
            f.message = e.to_string();
        }
        f
    }
}

impl From<EvidenceError> for Failure {
    fn from(e: EvidenceError) -> Failure {
        let mut f = Failure::new("evidence", EXIT_INPUT, "the evidence was rejected");
        match &e {
            EvidenceError::Json {
                path,
                line,
                message,
                ..
            } => f.issues = vec![issue(path.to_string(), Some(*line), message.clone())],
            _ => f.message = e.to_string(),
        }
        f
    }
}

impl From<EvalError> for Failure {
    fn from(e: EvalError) -> Failure {
        let mut f = Failure::new(
            "evidence",
            EXIT_INPUT,
            "the evidence does not fit the rule set",
        );
        f.issues = e
            .issues()
            .iter()
            .map(|i| issue(i.path.to_string(), None, i.message.clone()))
            .collect();
        if f.issues.is_empty() {
            f.message = e.to_string();
        }
        f
    }
}

impl From<CycleError> for Failure {
    fn from(e: CycleError) -> Failure {
        let mut f = Failure::new("input", EXIT_INPUT, "the input was rejected");
        f.issues = e
            .issues()
            .iter()
            .map(|i| issue(i.path.to_string(), None, i.message.clone()))
            .collect();
        if f.issues.is_empty() {
            f.message = e.to_string();
        }
        f
    }
}

impl From<par_index::Error> for Failure {
    fn from(e: par_index::Error) -> Failure {
        match e {
            par_index::Error::RuleSet(e) => e.into(),
            par_index::Error::Input(e) => e.into(),
            par_index::Error::Evaluation(e) => e.into(),
            par_index::Error::Cycle(e) => e.into(),
            par_index::Error::UnknownSet { .. } => Failure::usage(e.to_string()),
            other => Failure::new("input", EXIT_INPUT, other.to_string()),
        }
    }
}

impl From<serde_json::Error> for Failure {
    fn from(e: serde_json::Error) -> Failure {
        Failure::new("internal", EXIT_INPUT, format!("cannot write JSON: {e}"))
    }
}
