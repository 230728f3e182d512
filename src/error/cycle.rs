//! Errors of the assessment cycle: a bad appraisal record, a batch mixing sets or levels, or
//! evidence the engine refuses, each with the path of the value at fault.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{EvalError, EvidenceIssueCode};
use crate::path::{DataPath, Segment};

/// What kind of problem a [`CycleIssue`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CycleIssueCode {
    /// A code the rule set does not have.
    UnknownCode,
    /// A change, or evidence, on a node that has children.
    NotALeaf,
    /// Appraisal rounds not numbered 1, 2, ... in order.
    RoundOrder,
    /// The same appraisal round listed twice.
    DuplicateRound,
    /// A change without a reason, or a bonus or penalty without one.
    MissingReason,
    /// A value of the wrong shape (both `evidence` and `points`, or neither; malformed JSON).
    WrongShape,
    /// Points outside the allowed range.
    OutOfRange,
    /// Bonus or penalty points under a set that defines no cap for them.
    NotAllowed,
    /// A unit of another level than the set's.
    LevelMismatch,
    /// A unit prepared for another rule set, or a batch for another set.
    RuleSetMismatch,
    /// Units of another period in one batch.
    PeriodMismatch,
    /// The same unit twice in one batch.
    DuplicateUnit,
    /// Any other problem in the evidence, as the engine reported it.
    Evidence,
    /// A value past one of the [`Limits`](crate::criteria::Limits): the batch's size or units, the
    /// rounds or bonus and penalty items of an appraisal, nesting or a string's length.
    Limit,
}

/// One problem, with the path of the value at fault and what was expected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CycleIssue {
    /// Where the value at fault is, e.g. `appraisal.rounds[1].changes["1.1.4"].points`.
    pub path: DataPath,
    /// What kind of problem it is.
    pub code: CycleIssueCode,
    /// What is wrong and what was expected.
    pub message: String,
}

impl CycleIssue {
    pub(crate) fn new(path: DataPath, code: CycleIssueCode, message: impl Into<String>) -> Self {
        CycleIssue {
            path,
            code,
            message: message.into(),
        }
    }
}

impl fmt::Display for CycleIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// The cycle could not be computed: the input has problems (every one found is listed), or a
/// number overflowed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CycleError {
    /// The appraisal, batch or evidence has problems.
    #[error("{} problem{}{}", issues.len(), if issues.len() == 1 { "" } else { "s" }, IssueList(issues))]
    Invalid {
        /// Every problem found.
        issues: Vec<CycleIssue>,
    },
    /// A computation exceeded the range of a decimal.
    #[error("{path}: the computation overflows the range of a decimal")]
    Overflow {
        /// The value whose computation overflowed.
        path: DataPath,
    },
}

impl CycleError {
    /// The problems, when the error is [`CycleError::Invalid`]; empty otherwise.
    #[must_use]
    pub fn issues(&self) -> &[CycleIssue] {
        match self {
            CycleError::Invalid { issues } => issues,
            CycleError::Overflow { .. } => &[],
        }
    }

    /// The same error with every path placed under `prefix` (e.g. `units[3]`).
    pub(crate) fn under(self, prefix: &DataPath) -> CycleError {
        match self {
            CycleError::Invalid { issues } => CycleError::Invalid {
                issues: issues
                    .into_iter()
                    .map(|mut i| {
                        i.path = join(prefix, &i.path);
                        i
                    })
                    .collect(),
            },
            CycleError::Overflow { path } => CycleError::Overflow {
                path: join(prefix, &path),
            },
        }
    }
}

impl CycleError {
    /// The error as plain text in `lang`; in English, as its `Display`. In Vietnamese each
    /// problem is named from its kind, the engine's detail following in parentheses.
    #[must_use]
    pub fn to_text(&self, lang: crate::report::Lang) -> String {
        use std::fmt::Write as _;
        match (self, lang) {
            (_, crate::report::Lang::En) => self.to_string(),
            (CycleError::Invalid { issues }, crate::report::Lang::Vi) => {
                let mut out = format!("{} lỗi trong hồ sơ đánh giá:", issues.len());
                for i in issues {
                    let _ = write!(
                        out,
                        "\n  - {}: {} ({})",
                        i.path,
                        issue_vi(i.code),
                        i.message
                    );
                }
                out
            }
            (CycleError::Overflow { path }, crate::report::Lang::Vi) => {
                format!("{path}: phép tính vượt phạm vi của số thập phân")
            }
        }
    }
}

fn issue_vi(code: CycleIssueCode) -> &'static str {
    match code {
        CycleIssueCode::UnknownCode => "mã không có trong bộ tiêu chí",
        CycleIssueCode::NotALeaf => "tiêu chí này có tiêu chí con: thay đổi ghi cho tiêu chí con",
        CycleIssueCode::RoundOrder => "các lần thẩm định không theo thứ tự 1, 2, ...",
        CycleIssueCode::DuplicateRound => "trùng lần thẩm định",
        CycleIssueCode::MissingReason => "thiếu lý do thay đổi",
        CycleIssueCode::WrongShape => "dữ liệu không đúng dạng",
        CycleIssueCode::OutOfRange => "điểm ngoài phạm vi cho phép",
        CycleIssueCode::NotAllowed => "bộ tiêu chí không cho phép mục này",
        CycleIssueCode::LevelMismatch => "cấp của đơn vị khác cấp bộ tiêu chí đánh giá",
        CycleIssueCode::RuleSetMismatch => "hồ sơ được lập cho bộ tiêu chí khác",
        CycleIssueCode::PeriodMismatch => "năm đánh giá khác với các đơn vị khác",
        CycleIssueCode::DuplicateUnit => "đơn vị đã có trong danh sách",
        CycleIssueCode::Evidence => "tài liệu kiểm chứng không hợp lệ",
        CycleIssueCode::Limit => "vượt giới hạn cho phép",
    }
}

struct IssueList<'a>(&'a [CycleIssue]);

impl fmt::Display for IssueList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for issue in self.0 {
            write!(f, "\n  {issue}")?;
        }
        Ok(())
    }
}

/// `prefix` followed by `path`.
pub(crate) fn join(prefix: &DataPath, path: &DataPath) -> DataPath {
    let mut out = prefix.clone();
    for s in path.segments() {
        out = match s {
            Segment::Key(k) => out.key(k.clone()),
            Segment::Index(i) => out.index(*i),
        };
    }
    out
}

/// Turns an engine error into a cycle error; `remap` may move a path (evidence replaced by an
/// appraisal round is reported where the round gave it).
pub(crate) fn from_eval(e: EvalError, remap: &dyn Fn(&DataPath) -> DataPath) -> CycleError {
    match e {
        EvalError::Overflow { path } => CycleError::Overflow { path: remap(&path) },
        EvalError::Evidence { issues } => CycleError::Invalid {
            issues: issues
                .into_iter()
                .map(|i| {
                    let code = match i.code {
                        EvidenceIssueCode::UnknownCode => CycleIssueCode::UnknownCode,
                        EvidenceIssueCode::NotALeaf => CycleIssueCode::NotALeaf,
                        EvidenceIssueCode::LevelMismatch => CycleIssueCode::LevelMismatch,
                        EvidenceIssueCode::RuleSetMismatch => CycleIssueCode::RuleSetMismatch,
                        EvidenceIssueCode::OutOfRange => CycleIssueCode::OutOfRange,
                        _ => CycleIssueCode::Evidence,
                    };
                    CycleIssue::new(remap(&i.path), code, i.message)
                })
                .collect(),
        },
    }
}
