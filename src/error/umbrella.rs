//! The one error type every fallible function returns or converts into.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{CycleError, EvalError, EvidenceError, LoadError};
use crate::docref::{DateError, DocRefError};
use crate::model::NoSetInForce;
use crate::number::NumberError;

/// `Result` with par-index's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Any error par-index returns: a rule set that does not load, evidence that does not read or
/// does not fit, an appraisal or batch with problems, a bundled set that does not exist.
///
/// Each phase keeps its own precise type (returned by the functions of that phase, such as
/// [`LoadError`] by [`RuleSet::from_path`](crate::RuleSet::from_path)); every one converts into
/// `Error`, so `?` works across phases. Every variant names where the problem is: a file, a
/// line and column, or the path of the value at fault (`evidence["1.2"].numerator`).
///
/// In JSON an error is `{ "kind": ..., "error": { ... } }`, the inner object tagged by its own
/// `kind`; [`Error::to_json_value`] adds the message a person reads.
///
/// # Example
/// ```
/// use par_index::{Error, RuleSet};
///
/// let err = RuleSet::builtin("no-such-set").unwrap_err();
/// assert!(matches!(&err, Error::UnknownSet { id, .. } if id == "no-such-set"));
/// assert!(err.to_string().contains("vn-district-2023"));
/// let json = err.to_json_value();
/// assert_eq!(json["kind"], "unknown_set");
/// assert_eq!(json["error"]["id"], "no-such-set");
/// ```
#[derive(Debug, thiserror::Error, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", content = "error", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Error {
    /// A rule set could not be read, parsed or validated.
    #[error(transparent)]
    RuleSet(#[from] LoadError),
    /// An evidence, scenario or other JSON input could not be read.
    #[error(transparent)]
    Input(#[from] EvidenceError),
    /// The evidence does not fit the rule set, or a computation overflowed.
    #[error(transparent)]
    Evaluation(#[from] EvalError),
    /// An appraisal, a batch or the evidence in it has problems.
    #[error(transparent)]
    Cycle(#[from] CycleError),
    /// A document reference that could not be read.
    #[error(transparent)]
    DocRef(#[from] DocRefError),
    /// A date that could not be read.
    #[error(transparent)]
    Date(#[from] DateError),
    /// A figure that is not a number as reports write it.
    #[error(transparent)]
    Number(#[from] NumberError),
    /// No bundled criteria set has this id.
    #[error("`{id}` is not a bundled criteria set; the bundled sets are {}", known.join(", "))]
    UnknownSet {
        /// The id asked for.
        id: String,
        /// The ids of the bundled sets.
        known: Vec<String>,
    },
    /// No bundled criteria set scores a level in a year.
    #[error(transparent)]
    NoSetInForce(#[from] NoSetInForce),
    /// A test case (`cases/*.toml`) or a folder of them could not be read.
    #[error("{file}: {message}")]
    Case {
        /// The case file or folder.
        file: String,
        /// What is wrong.
        message: String,
    },
    /// A decimal written in a form par-index does not read.
    #[error("{message}")]
    Decimal {
        /// What is wrong.
        message: String,
    },
    /// Writing results failed (the writer given to
    /// [`score_batch_to_writer`](crate::assessment::score_batch_to_writer)); what it received is
    /// incomplete.
    #[error("writing results: {message}")]
    Write {
        /// What the writer reported.
        message: String,
    },
}

impl From<crate::cycle::BatchWriteError> for Error {
    fn from(e: crate::cycle::BatchWriteError) -> Error {
        match e {
            crate::cycle::BatchWriteError::Cycle(c) => Error::Cycle(c),
            crate::cycle::BatchWriteError::Io(io) => Error::Write {
                message: io.to_string(),
            },
        }
    }
}

impl Error {
    /// The error as JSON, with the message a person reads beside the data:
    /// `{ "kind": ..., "message": ..., "error": { ... } }`.
    #[must_use]
    pub fn to_json_value(&self) -> serde_json::Value {
        let mut value = serde_json::to_value(self).unwrap_or_default();
        if let Some(map) = value.as_object_mut() {
            map.insert("message".into(), self.to_string().into());
        }
        value
    }
}
