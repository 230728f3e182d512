//! The scoring rule of a leaf, as written in a file.
//!
//! A rule is one table with a `kind` and the fields of that kind. The file format keeps one
//! flat table so that every misplaced field can be reported together; the typed rules live in
//! [`crate::rules`], one file per kind.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::decimal::{Dec, DecOpt};

/// The kinds of scoring rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RuleKind {
    /// Named outcomes with points: "issued on time: 1; late: 0.5; not issued: 0".
    Levels,
    /// Yes/no, or all of several named conditions: "tasks identified AND funded: 1".
    Check,
    /// A share a/b against ordered bands with explicit edges.
    RatioBands,
    /// A count against bands: "4 meetings: 20; 3: 15; 2: 10; 1: 5; otherwise 0".
    CountBands,
    /// Share × max, optionally against a target and with a floor.
    Proportional,
    /// Max minus a fixed amount per counted item, never below a minimum (0 by default).
    Deduction,
    /// A fixed amount per counted item, up to a cap (the leaf's max by default): the mirror of
    /// `deduction` ("mỗi sáng kiến được công nhận: 0,5 điểm, tối đa 2 điểm").
    PerItem,
    /// Survey answers per option with weights (A/B/C/D = 100/60/20/0%), or survey points.
    Survey,
    /// Points given directly by an appraiser within [0, max].
    Manual,
    /// A document issued by a deadline the set declares: on time / late / not issued.
    Deadline,
}

impl RuleKind {
    /// The name used in files (`ratio_bands`, ...).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            RuleKind::Levels => "levels",
            RuleKind::Check => "check",
            RuleKind::RatioBands => "ratio_bands",
            RuleKind::CountBands => "count_bands",
            RuleKind::Proportional => "proportional",
            RuleKind::Deduction => "deduction",
            RuleKind::PerItem => "per_item",
            RuleKind::Survey => "survey",
            RuleKind::Manual => "manual",
            RuleKind::Deadline => "deadline",
        }
    }
}

impl std::fmt::Display for RuleKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A scoring rule as written: its `kind` and the fields that kind uses.
///
/// Which fields each kind takes is listed in `docs/authoring.md` and checked by
/// [`validate`](crate::criteria::validate); a field that the kind does not use is a validation
/// error.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RuleDef {
    /// The kind of rule.
    pub kind: RuleKind,
    /// `levels`: the named outcomes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub levels: Vec<LevelDef>,
    /// `check`: the named conditions that must all hold (none: a single yes/no).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<ConditionDef>,
    /// `check`: points when met (default: the leaf's max).
    #[serde(default, with = "DecOpt", skip_serializing_if = "Option::is_none")]
    pub points: Option<Decimal>,
    /// `check`: points when not met; `count_bands`: points below the lowest band (default 0).
    #[serde(default, with = "DecOpt", skip_serializing_if = "Option::is_none")]
    pub otherwise: Option<Decimal>,
    /// `ratio_bands` (edges in %) and `count_bands` (edges in counted items): best band first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bands: Vec<BandDef>,
    /// Ratio rules: the task statuses that count as done (default `done`, `done_late`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done: Option<Vec<TaskStatus>>,
    /// Ratio rules: the task statuses that leave the denominator (default none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exclude: Option<Vec<TaskStatus>>,
    /// Ratio and survey rules: what an empty denominator scores. Deprecated: the name going
    /// forward is `when_no_cases` (`not_applicable` is leaving it unset, `zero` is `zero`,
    /// `full_points` is `full`); a rule may not give both.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_empty: Option<EmptyPolicy>,
    /// Ratio, proportional, survey and check rules: what a unit with nothing to count in the
    /// period scores ("trường hợp không phát sinh: tính điểm tối đa"): `full`, `exclude` or
    /// `zero`. Unset, the leaf is not applicable and its not-applicable policy decides.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when_no_cases: Option<NoCases>,
    /// Ratio rules: whether the numerator may exceed the denominator (revenue against the
    /// estimate); default false, and then it is an error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_over: Option<bool>,
    /// `proportional`: the target share in %; points = min(share ÷ target, 1) × max.
    #[serde(default, with = "DecOpt", skip_serializing_if = "Option::is_none")]
    pub target: Option<Decimal>,
    /// `proportional`: the share in % below which the leaf scores 0.
    #[serde(default, with = "DecOpt", skip_serializing_if = "Option::is_none")]
    pub zero_below: Option<Decimal>,
    /// `deduction`: points taken off per counted item; `per_item`: points given per counted
    /// item.
    #[serde(default, with = "DecOpt", skip_serializing_if = "Option::is_none")]
    pub per_item: Option<Decimal>,
    /// `deduction`: the lowest the leaf can score (default 0; may be negative when the set says
    /// a penalty can take the leaf below zero).
    #[serde(default, with = "DecOpt", skip_serializing_if = "Option::is_none")]
    pub min_points: Option<Decimal>,
    /// `per_item`: the most the items can score together (default the leaf's max; above 0 and
    /// at most the max).
    #[serde(default, with = "DecOpt", skip_serializing_if = "Option::is_none")]
    pub cap: Option<Decimal>,
    /// `survey`: weight of each answer option in % of the max (default A/B/C/D = 100/60/20/0).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub weights: Vec<WeightDef>,
    /// `deadline`: the last day a document counts as on time, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<String>,
    /// `deadline`: the last day a late document still scores `late`, `YYYY-MM-DD`; after it,
    /// the document scores `not_issued`. Without it, any date after the deadline is late.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub late_until: Option<String>,
    /// `deadline`: points when issued by the deadline (default the leaf's max).
    #[serde(default, with = "DecOpt", skip_serializing_if = "Option::is_none")]
    pub on_time: Option<Decimal>,
    /// `deadline`: points when issued after the deadline (default 0).
    #[serde(default, with = "DecOpt", skip_serializing_if = "Option::is_none")]
    pub late: Option<Decimal>,
    /// `deadline`: points when not issued, or issued after `late_until` (default 0).
    #[serde(default, with = "DecOpt", skip_serializing_if = "Option::is_none")]
    pub not_issued: Option<Decimal>,
    /// What is counted or measured, for explanations (`tasks`, `meetings`, `applications`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure: Option<String>,
}

impl RuleDef {
    /// A rule of this kind with no field set: the start of a rule built in code, or of a
    /// test.
    ///
    /// # Example
    /// ```
    /// use par_index::criteria::{RuleDef, RuleKind};
    /// let rule = RuleDef {
    ///     per_item: Some("0.25".parse()?),
    ///     ..RuleDef::of_kind(RuleKind::Deduction)
    /// };
    /// assert!(rule.bands.is_empty() && rule.min_points.is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn of_kind(kind: RuleKind) -> RuleDef {
        RuleDef {
            kind,
            levels: vec![],
            conditions: vec![],
            points: None,
            otherwise: None,
            bands: vec![],
            done: None,
            exclude: None,
            on_empty: None,
            when_no_cases: None,
            allow_over: None,
            target: None,
            zero_below: None,
            per_item: None,
            min_points: None,
            cap: None,
            weights: vec![],
            deadline: None,
            late_until: None,
            on_time: None,
            late: None,
            not_issued: None,
            measure: None,
        }
    }
}

/// One named outcome of a `levels` rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct LevelDef {
    /// Identifier used in evidence, e.g. `on_time`.
    pub id: String,
    /// Wording from the annex, e.g. `Ban hành kịp thời`.
    pub label: String,
    /// English gloss.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_en: Option<String>,
    /// Points for this outcome.
    #[serde(with = "Dec")]
    pub points: Decimal,
}

/// One named condition of a `check` rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ConditionDef {
    /// Identifier used in evidence, e.g. `funded`.
    pub id: String,
    /// Wording from the annex.
    pub label: String,
    /// English gloss.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_en: Option<String>,
}

/// One band of a `ratio_bands` or `count_bands` rule.
///
/// A band has a lower edge (`at_least` or `above`; the last band may have none, reaching down
/// to 0) and an upper edge (`below` or `at_most`; when absent, the band reaches up to the lower
/// edge of the band before it, or without limit for the first band). Its points are fixed
/// (`points`) or `proportional` (share × max).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct BandDef {
    /// Inclusive lower edge (≥).
    #[serde(default, with = "DecOpt", skip_serializing_if = "Option::is_none")]
    pub at_least: Option<Decimal>,
    /// Exclusive lower edge (>).
    #[serde(default, with = "DecOpt", skip_serializing_if = "Option::is_none")]
    pub above: Option<Decimal>,
    /// Exclusive upper edge (<).
    #[serde(default, with = "DecOpt", skip_serializing_if = "Option::is_none")]
    pub below: Option<Decimal>,
    /// Inclusive upper edge (≤).
    #[serde(default, with = "DecOpt", skip_serializing_if = "Option::is_none")]
    pub at_most: Option<Decimal>,
    /// Fixed points of the band.
    #[serde(default, with = "DecOpt", skip_serializing_if = "Option::is_none")]
    pub points: Option<Decimal>,
    /// `ratio_bands` only: the band scores share × max.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proportional: Option<bool>,
}

/// One answer option of a `survey` rule and its weight in % of the max.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct WeightDef {
    /// The option, e.g. `A`.
    pub option: String,
    /// Its weight in % of the max, e.g. `60`.
    #[serde(with = "Dec")]
    pub percent: Decimal,
}

/// The status of a planned task, in task-list evidence.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    /// Done (hoàn thành).
    Done,
    /// Done, but after its deadline (hoàn thành chậm).
    DoneLate,
    /// Under way (đang thực hiện).
    InProgress,
    /// Not due yet at the time of reporting (chưa đến thời điểm đánh giá).
    NotYetDue,
    /// A recurring task (thực hiện thường xuyên).
    Recurring,
    /// Not done (không hoàn thành).
    NotDone,
}

impl TaskStatus {
    /// The name used in files.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            TaskStatus::Done => "done",
            TaskStatus::DoneLate => "done_late",
            TaskStatus::InProgress => "in_progress",
            TaskStatus::NotYetDue => "not_yet_due",
            TaskStatus::Recurring => "recurring",
            TaskStatus::NotDone => "not_done",
        }
    }
}

/// What a unit with nothing to count scores under a rule (trường hợp không phát sinh): a ratio
/// of 0 of 0, a survey with no respondent, a check whose case did not arise.
///
/// # Example
/// ```
/// use par_index::criteria::NoCases;
/// let p: NoCases = serde_json::from_str(r#""full""#)?;
/// assert_eq!(p, NoCases::Full);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NoCases {
    /// Scores the leaf's max ("không phát sinh: tính điểm tối đa").
    Full,
    /// Leaves the maximum: the leaf is excluded, and its parent, area and total are scored
    /// out of what remains (index = points ÷ applicable maximum), whatever the leaf's
    /// not-applicable policy.
    Exclude,
    /// Scores 0.
    Zero,
}

impl NoCases {
    /// The name used in files.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            NoCases::Full => "full",
            NoCases::Exclude => "exclude",
            NoCases::Zero => "zero",
        }
    }
}

/// What a ratio or survey rule scores when its denominator is empty (0 of 0): the deprecated
/// `on_empty` field; new sets write [`NoCases`] as `when_no_cases`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EmptyPolicy {
    /// Treated as not applicable, following the leaf's not-applicable policy.
    #[default]
    NotApplicable,
    /// Scores 0.
    Zero,
    /// Scores the full max ("no case arose").
    FullPoints,
}
