//! What a subcommand produced: the human-readable text, the JSON, and the exit code.

use serde::Serialize;
use serde_json::Value;

use crate::fail::Failure;

/// The output of a subcommand that ran.
#[derive(Debug)]
pub(crate) struct Outcome {
    /// The text printed without --json.
    pub(crate) text: String,
    /// The JSON printed with --json.
    pub(crate) json: Value,
    /// 0, or 3 when the audit found mismatches or a case failed.
    pub(crate) exit: u8,
    /// Printed on standard error without --json (what `import` could not read).
    pub(crate) notes: String,
}

/// Exit code: it ran, but the audit found mismatches or a test case failed.
pub(crate) const EXIT_FAILED: u8 = 3;

impl Outcome {
    /// An outcome with exit code 0.
    pub(crate) fn ok(text: String, json: Value) -> Outcome {
        Outcome {
            text,
            json,
            exit: 0,
            notes: String::new(),
        }
    }

    /// An outcome whose JSON is `value` serialized.
    pub(crate) fn of<T: Serialize>(text: String, value: &T) -> Result<Outcome, Failure> {
        Ok(Outcome::ok(text, serde_json::to_value(value)?))
    }

    /// The same outcome with exit code 3 when `failed`.
    pub(crate) fn failed_if(mut self, failed: bool) -> Outcome {
        if failed {
            self.exit = EXIT_FAILED;
        }
        self
    }
}

/// Pretty JSON text with a final newline.
pub(crate) fn pretty(value: &Value) -> String {
    let mut s = serde_json::to_string_pretty(value).unwrap_or_else(|_| "null".to_string());
    s.push('\n');
    s
}
