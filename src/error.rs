//! Errors, one type per phase: loading a rule set, reading evidence, evaluating.
//!
//! Every message leads with the path of the value at fault, quotes user values in backticks,
//! and says what was expected.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::PathBuf;

use crate::path::DataPath;

mod cycle;
mod umbrella;

pub use cycle::{CycleError, CycleIssue, CycleIssueCode};
pub(crate) use cycle::{from_eval, join};
pub use umbrella::{Error, Result};
mod text;

/// A rule set could not be loaded: unreadable, not TOML, of the wrong shape, or invalid.
#[derive(Debug, thiserror::Error, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum LoadError {
    /// The file could not be read.
    #[error("{}: cannot read the file: {source}", file.display())]
    Io {
        /// The file.
        file: PathBuf,
        /// What the system said (as text in JSON).
        #[serde(with = "io_text")]
        #[schemars(with = "String")]
        source: std::io::Error,
    },
    /// The text is not valid TOML.
    #[error("{}line {line}, column {column}: {message}", file_prefix(file.as_ref()))]
    Syntax {
        /// The file, when loaded from one.
        file: Option<PathBuf>,
        /// Line of the error, from 1.
        line: usize,
        /// Column of the error, from 1.
        column: usize,
        /// What the parser said.
        message: String,
    },
    /// The rule set has problems; every one found is listed.
    #[error("{}{}", file_prefix(file.as_ref()), Issues(issues))]
    Invalid {
        /// The file, when loaded from one.
        file: Option<PathBuf>,
        /// Every problem, in file order where lines are known.
        issues: Vec<ValidationIssue>,
    },
}

impl LoadError {
    /// The validation problems, when the error is [`LoadError::Invalid`]; empty otherwise.
    #[must_use]
    pub fn issues(&self) -> &[ValidationIssue] {
        match self {
            LoadError::Invalid { issues, .. } => issues,
            _ => &[],
        }
    }

    pub(crate) fn with_file(self, path: PathBuf) -> LoadError {
        match self {
            LoadError::Syntax {
                line,
                column,
                message,
                file,
            } => LoadError::Syntax {
                file: file.or(Some(path)),
                line,
                column,
                message,
            },
            LoadError::Invalid { issues, file } => LoadError::Invalid {
                file: file.or(Some(path)),
                issues,
            },
            other @ LoadError::Io { .. } => other,
        }
    }
}

fn file_prefix(file: Option<&PathBuf>) -> String {
    file.map(|f| format!("{}: ", f.display()))
        .unwrap_or_default()
}

struct Issues<'a>(&'a [ValidationIssue]);

impl fmt::Display for Issues<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.len();
        write!(
            f,
            "{n} problem{} in the rule set",
            if n == 1 { "" } else { "s" }
        )?;
        for issue in self.0 {
            write!(f, "\n  {issue}")?;
        }
        Ok(())
    }
}

/// What kind of problem a [`ValidationIssue`] is, for programs that react to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum IssueCode {
    /// A field the format does not have.
    UnknownField,
    /// A value of the wrong type, or a required field missing.
    WrongType,
    /// A decimal written as a TOML or JSON float.
    FloatDecimal,
    /// A text that must not be empty is empty.
    Empty,
    /// A number that must not be negative is negative.
    Negative,
    /// A number outside its allowed range.
    OutOfRange,
    /// Two nodes, levels, conditions or options share a code or id.
    Duplicate,
    /// A parent's max differs from the sum of its children's maxima.
    MaxMismatch,
    /// The areas, or the parts, do not add up to the scale.
    ScaleMismatch,
    /// A node has both a rule and children, or neither.
    NodeShape,
    /// A leaf without provenance.
    MissingProvenance,
    /// A field that the rule's kind does not use, or one it needs and lacks.
    RuleField,
    /// Points above the max (or below the minimum) of the leaf.
    PointsOutOfRange,
    /// Bands out of order.
    BandOrder,
    /// Bands that leave a value uncovered.
    BandGap,
    /// Bands that cover a value twice.
    BandOverlap,
    /// A band whose edges are contradictory (lower above upper, two lower edges, ...).
    BandEdges,
    /// Classification bands out of order, with gaps or overlaps.
    Classification,
    /// A size or depth limit was passed.
    Limit,
    /// A set that extends another (`extends`) names a set, or a node, that cannot be found.
    Extends,
}

/// One problem found in a rule set, with the path of the value at fault and its line in the
/// file when known.
///
/// # Example
/// ```
/// let err = par_index::RuleSet::from_toml_str(r#"
/// id = "x"
/// title = "x"
/// level = "district"
/// years = { from = 2023 }
/// scale = "0.5"
/// document = { number = "1/QĐ" }
/// [[areas]]
/// code = "1"
/// title = "Area"
/// max = 0.5
/// rule = { kind = "manual" }
/// provenance = { document = "1/QĐ", verified = false }
/// "#).unwrap_err();
/// let issue = &err.issues()[0];
/// assert_eq!(issue.path.to_string(), "areas[0].max");
/// assert_eq!(issue.line, Some(11));
/// assert!(issue.message.contains("written as a float"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ValidationIssue {
    /// Where the problem is, e.g. `areas[2].criteria[1].rule.bands[0]`.
    pub path: DataPath,
    /// The line in the file, from 1, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// What kind of problem it is.
    pub code: IssueCode,
    /// What is wrong and what was expected.
    pub message: String,
}

impl ValidationIssue {
    pub(crate) fn new(path: DataPath, code: IssueCode, message: impl Into<String>) -> Self {
        ValidationIssue {
            path,
            line: None,
            code,
            message: message.into(),
        }
    }
}

impl fmt::Display for ValidationIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{} (line {line}): {}", self.path, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

/// An evidence file could not be read: not JSON, or of the wrong shape.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum EvidenceError {
    /// Malformed JSON, an unknown field, a key given twice or a value of the wrong type.
    #[error("{}{path} (line {line}, column {column}): {message}", file_prefix(file.as_ref()))]
    Json {
        /// The file, when read from one.
        file: Option<PathBuf>,
        /// Where the value at fault is.
        path: DataPath,
        /// Line, from 1.
        line: usize,
        /// Column, from 1.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// The file could not be read.
    #[error("{}: cannot read the file: {message}", file.display())]
    Io {
        /// The file.
        file: PathBuf,
        /// What the system said.
        message: String,
    },
    /// The text is larger than [`Limits::max_file_bytes`](crate::criteria::Limits::max_file_bytes).
    #[error("the evidence has {bytes} bytes, more than the limit `max_file_bytes` of {limit}")]
    TooLarge {
        /// The size of the text.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
    /// A value past one of the [`Limits`](crate::criteria::Limits), found before it was read: nesting,
    /// a string's length, or the entries of a list.
    #[error(
        "{}{path} (line {line}, column {column}): {value} is more than the limit `{limit}` of {max}",
        file_prefix(file.as_ref())
    )]
    Limit {
        /// The file, when read from one.
        file: Option<PathBuf>,
        /// Where the value is (`unit.name`, `set`).
        path: DataPath,
        /// Line, from 1.
        line: usize,
        /// Column, from 1.
        column: usize,
        /// The [`Limits`](crate::criteria::Limits) field, e.g. `max_string_len`.
        limit: String,
        /// The value found: bytes of a string, depth, or the first entry past the limit.
        value: usize,
        /// The limit.
        max: usize,
    },
}

impl EvidenceError {
    /// The error for a JSON fault.
    pub(crate) fn from_json_fault(f: crate::json::JsonFault) -> EvidenceError {
        match f.limit {
            Some(hit) => EvidenceError::Limit {
                file: None,
                path: f.path,
                line: f.line,
                column: f.column,
                limit: hit.name.to_string(),
                value: hit.value,
                max: hit.max,
            },
            None => EvidenceError::Json {
                file: None,
                path: f.path,
                line: f.line,
                column: f.column,
                message: f.message,
            },
        }
    }
}

impl EvidenceError {
    pub(crate) fn with_file(mut self, file: &std::path::Path) -> EvidenceError {
        if let EvidenceError::Json { file: f, .. } | EvidenceError::Limit { file: f, .. } =
            &mut self
        {
            *f = Some(file.to_path_buf());
        }
        self
    }
}

/// What kind of problem an [`EvidenceIssue`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EvidenceIssueCode {
    /// A code the rule set does not have.
    UnknownCode,
    /// Evidence given for a node that has children: evidence goes to leaves.
    NotALeaf,
    /// A value whose fields do not fit the leaf's rule kind.
    WrongShape,
    /// A level, condition or answer option the rule does not define.
    UnknownOption,
    /// A numerator above its denominator.
    NumeratorAboveDenominator,
    /// A negative count or amount.
    Negative,
    /// A count that is not a whole number.
    NotWhole,
    /// Points or a percentage outside the allowed range.
    OutOfRange,
    /// The unit's level is not the level the set scores.
    LevelMismatch,
    /// The period's year is not one the set applies to.
    YearOutOfRange,
    /// The evidence names another rule set.
    RuleSetMismatch,
    /// A reported figure that is not a number as reports write it.
    MalformedNumber,
    /// A cited document or a date that does not parse.
    MalformedDocument,
    /// Two figures (or scenario entries) with one id or code.
    Duplicate,
    /// A value past the [`Limits`](crate::criteria::Limits): too many entries or tasks, a number too
    /// large.
    Limit,
}

/// One problem in evidence, found while evaluating it against a rule set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct EvidenceIssue {
    /// Where the value at fault is, e.g. `evidence["1.1.4"].numerator`.
    pub path: DataPath,
    /// What kind of problem it is.
    pub code: EvidenceIssueCode,
    /// What is wrong and what was expected.
    pub message: String,
    /// The evidence file, once [located](EvalError::locate) with a file named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<PathBuf>,
    /// The line of the value (or of its nearest ancestor present), from 1, once
    /// [located](EvalError::locate).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// Its column, from 1, once [located](EvalError::locate).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
}

impl EvidenceIssue {
    pub(crate) fn new(path: DataPath, code: EvidenceIssueCode, message: impl Into<String>) -> Self {
        EvidenceIssue {
            path,
            code,
            message: message.into(),
            file: None,
            line: None,
            column: None,
        }
    }
}

impl fmt::Display for EvidenceIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", file_prefix(self.file.as_ref()), self.path)?;
        if let (Some(line), Some(column)) = (self.line, self.column) {
            write!(f, " (line {line}, column {column})")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Evaluation failed: the evidence does not fit the rule set, or a number overflowed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EvalError {
    /// The evidence has problems; every one found is listed.
    #[error("{} problem{} in the evidence{}", issues.len(), if issues.len() == 1 { "" } else { "s" }, EvidenceList(issues))]
    Evidence {
        /// Every problem found.
        issues: Vec<EvidenceIssue>,
    },
    /// A computation exceeded the range of a decimal.
    #[error("{path}: the computation overflows the range of a decimal")]
    Overflow {
        /// The value whose computation overflowed.
        path: DataPath,
    },
}

impl EvalError {
    /// The evidence problems, when the error is [`EvalError::Evidence`]; empty otherwise.
    #[must_use]
    pub fn issues(&self) -> &[EvidenceIssue] {
        match self {
            EvalError::Evidence { issues } => issues,
            EvalError::Overflow { .. } => &[],
        }
    }

    /// Each problem with the line and column of its value in `text`, the evidence JSON it was
    /// read from (or of the nearest enclosing value, for a field that is missing), and with
    /// `file` when given: the message then names all four.
    ///
    /// # Example
    /// ```
    /// # use par_index::{Evidence, RuleSet, evaluate};
    /// # let rs = RuleSet::from_toml_str(r#"
    /// # id = "demo"
    /// # title = "Demo"
    /// # level = "commune"
    /// # years = { from = 2024 }
    /// # scale = 1
    /// # document = { number = "1/QĐ" }
    /// # [[areas]]
    /// # code = "1"
    /// # title = "Báo cáo"
    /// # max = 1
    /// # provenance = { document = "1/QĐ", verified = true }
    /// # rule = { kind = "check" }
    /// # "#)?;
    /// let text = "{\"unit\":{\"name\":\"A\",\"level\":\"commune\"},\"period\":{\"year\":2024},\n\"evidence\":{\"2\":{\"met\":true}}}";
    /// let err = evaluate(&rs, &Evidence::from_json_str(text)?).unwrap_err();
    /// let err = err.locate(text, Some(std::path::Path::new("a.json")));
    /// assert!(err.to_string().contains("a.json: evidence[\"2\"] (line 2, column 13)"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn locate(self, text: &str, file: Option<&std::path::Path>) -> EvalError {
        match self {
            EvalError::Evidence { issues } => EvalError::Evidence {
                issues: issues
                    .into_iter()
                    .map(|mut i| {
                        let at = crate::json::position_of(text, &i.path);
                        i.line = at.map(|(l, _)| l);
                        i.column = at.map(|(_, c)| c);
                        i.file = file.map(std::path::Path::to_path_buf);
                        i
                    })
                    .collect(),
            },
            overflow @ EvalError::Overflow { .. } => overflow,
        }
    }
}

struct EvidenceList<'a>(&'a [EvidenceIssue]);

impl fmt::Display for EvidenceList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for issue in self.0 {
            write!(f, "\n  {issue}")?;
        }
        Ok(())
    }
}

/// An `std::io::Error` written as its message, and read back as one of kind `Other`.
mod io_text {
    pub(super) fn serialize<S: serde::Serializer>(
        e: &std::io::Error,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.collect_str(e)
    }

    pub(super) fn deserialize<'de, D: serde::Deserializer<'de>>(
        d: D,
    ) -> Result<std::io::Error, D::Error> {
        let text = <String as serde::Deserialize>::deserialize(d)?;
        Ok(std::io::Error::other(text))
    }
}
