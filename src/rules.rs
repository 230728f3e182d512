//! The rule kinds, one file each: how a rule is checked when a set is validated, what evidence
//! it takes, and how it scores.
//!
//! Every kind follows the same contract:
//! - `lower(def, max, path, issues)` turns the file's [`RuleDef`] into the typed rule, reporting
//!   every problem with its path;
//! - `score(&self, ctx, evidence)` turns the leaf's evidence into exact (unrounded) points and
//!   a [`Working`] that explains them, or an evidence problem naming its path.
//!
//! # Properties
//! For every kind, a validated rule scores within `[min, max]` of its leaf (min is 0 except for
//! a `deduction` rule with a negative `min_points`), and scores more favourable evidence no
//! lower (more tasks done, more meetings, fewer violations, better answers).

pub(crate) mod bands;
pub(crate) mod check;
pub(crate) mod count_bands;
pub(crate) mod deadline;
pub(crate) mod deduction;
pub(crate) mod levels;
pub(crate) mod manual;
pub(crate) mod per_item;
pub(crate) mod proportional;
pub(crate) mod ratio;
pub(crate) mod ratio_bands;
pub(crate) mod survey;
pub(crate) mod working;

use rust_decimal::Decimal;

use crate::error::{EvidenceIssue, EvidenceIssueCode, IssueCode, ValidationIssue};
use crate::evidence::LeafEvidence;
use crate::limits::Limits;
use crate::model::{RuleDef, RuleKind};
use crate::path::DataPath;

pub use working::{BandView, Share, ShareSource, Working};

/// A validated scoring rule.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Rule {
    Levels(levels::Levels),
    Check(check::Check),
    RatioBands(ratio_bands::RatioBands),
    CountBands(count_bands::CountBands),
    Proportional(proportional::Proportional),
    Deduction(deduction::Deduction),
    PerItem(per_item::PerItem),
    Survey(survey::Survey),
    Manual(manual::Manual),
    Deadline(deadline::Deadline),
}

/// What a rule made of a leaf's evidence; `W` is the [`Working`] when the rule was asked to
/// explain its points ([`Explained`]), `()` when not ([`Silent`]).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Outcome<W = Working> {
    /// Exact points, before rounding, and how they were reached.
    Points { points: Decimal, working: W },
    /// The evidence makes the leaf not applicable (nothing to count, by the rule's policy);
    /// `exclude` when the rule says the leaf leaves the maximum whatever the leaf's
    /// not-applicable policy (`when_no_cases = "exclude"`).
    NotApplicable { reason: String, exclude: bool },
}

/// Why a leaf could not be scored.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ScoreError {
    /// The evidence does not fit the rule.
    Evidence(EvidenceIssue),
    /// A computation overflowed the range of a decimal.
    Overflow,
}

impl From<EvidenceIssue> for ScoreError {
    fn from(issue: EvidenceIssue) -> Self {
        ScoreError::Evidence(issue)
    }
}

/// What a rule needs to score one leaf.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ctx<'a> {
    /// The leaf's max.
    pub(crate) max: Decimal,
    /// The path of the leaf's evidence, `evidence["1.1.4"]`.
    pub(crate) path: &'a DataPath,
    /// The rule's kind, for messages.
    pub(crate) kind: RuleKind,
}

impl Ctx<'_> {
    pub(crate) fn issue(
        &self,
        field: Option<&str>,
        code: EvidenceIssueCode,
        message: impl Into<String>,
    ) -> ScoreError {
        let path = match field {
            Some(f) => self.path.key(f),
            None => self.path.clone(),
        };
        ScoreError::Evidence(EvidenceIssue::new(path, code, message))
    }
}

/// Collects validation problems while a rule set is checked.
#[derive(Debug, Default)]
pub(crate) struct Issues {
    pub(crate) list: Vec<ValidationIssue>,
}

impl Issues {
    pub(crate) fn push(&mut self, path: DataPath, code: IssueCode, message: impl Into<String>) {
        self.list.push(ValidationIssue::new(path, code, message));
    }

    /// Reports a number below zero; returns whether it was fine.
    pub(crate) fn non_negative(&mut self, path: &DataPath, value: Decimal) -> bool {
        if value.is_sign_negative() && !value.is_zero() {
            self.push(
                path.clone(),
                IssueCode::Negative,
                format!(
                    "`{}` is negative: expected 0 or more",
                    crate::decimal::plain(value)
                ),
            );
            false
        } else {
            true
        }
    }

    /// Reports points outside `[0, max]`.
    pub(crate) fn points_within(&mut self, path: &DataPath, points: Decimal, max: Decimal) {
        if self.non_negative(path, points) && points > max {
            self.push(
                path.clone(),
                IssueCode::PointsOutOfRange,
                format!(
                    "points `{}` are above the leaf's max `{}`",
                    crate::decimal::plain(points),
                    crate::decimal::plain(max)
                ),
            );
        }
    }

    pub(crate) fn too_many(&mut self, path: &DataPath, n: usize, limits: &Limits) -> bool {
        if n > limits.max_rule_items {
            self.push(
                path.clone(),
                IssueCode::Limit,
                format!(
                    "{n} items, more than the limit of {}",
                    limits.max_rule_items
                ),
            );
            true
        } else {
            false
        }
    }
}

/// The optional fields of a rule that are set, by their names in the file.
fn fields_set(def: &RuleDef) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut add = |set: bool, name: &'static str| {
        if set {
            out.push(name);
        }
    };
    add(!def.levels.is_empty(), "levels");
    add(!def.conditions.is_empty(), "conditions");
    add(def.points.is_some(), "points");
    add(def.otherwise.is_some(), "otherwise");
    add(!def.bands.is_empty(), "bands");
    add(def.done.is_some(), "done");
    add(def.exclude.is_some(), "exclude");
    add(def.on_empty.is_some(), "on_empty");
    add(def.when_no_cases.is_some(), "when_no_cases");
    add(def.allow_over.is_some(), "allow_over");
    add(def.target.is_some(), "target");
    add(def.zero_below.is_some(), "zero_below");
    add(def.per_item.is_some(), "per_item");
    add(def.min_points.is_some(), "min_points");
    add(def.cap.is_some(), "cap");
    add(!def.weights.is_empty(), "weights");
    add(def.deadline.is_some(), "deadline");
    add(def.late_until.is_some(), "late_until");
    add(def.on_time.is_some(), "on_time");
    add(def.late.is_some(), "late");
    add(def.not_issued.is_some(), "not_issued");
    out
}

/// The optional fields each kind takes (`measure` is taken by every kind).
fn fields_of(kind: RuleKind) -> &'static [&'static str] {
    match kind {
        RuleKind::Levels => &["levels"],
        RuleKind::Check => &["conditions", "points", "otherwise", "when_no_cases"],
        RuleKind::RatioBands => &[
            "bands",
            "done",
            "exclude",
            "when_no_cases",
            "on_empty",
            "allow_over",
        ],
        RuleKind::CountBands => &["bands", "otherwise"],
        RuleKind::Proportional => &[
            "target",
            "zero_below",
            "done",
            "exclude",
            "when_no_cases",
            "on_empty",
            "allow_over",
        ],
        RuleKind::Deduction => &["per_item", "min_points"],
        RuleKind::PerItem => &["per_item", "cap"],
        RuleKind::Survey => &["weights", "when_no_cases", "on_empty"],
        RuleKind::Manual => &[],
        RuleKind::Deadline => &["deadline", "late_until", "on_time", "late", "not_issued"],
    }
}

impl Rule {
    /// Checks a rule as written and turns it into the typed rule; `None` when it has problems
    /// (all of them reported).
    pub(crate) fn lower(
        def: &RuleDef,
        max: Decimal,
        path: &DataPath,
        issues: &mut Issues,
        limits: &Limits,
    ) -> Option<Rule> {
        let allowed = fields_of(def.kind);
        let mut ok = true;
        for field in fields_set(def) {
            if !allowed.contains(&field) {
                ok = false;
                issues.push(
                    path.key(field),
                    IssueCode::RuleField,
                    format!(
                        "`{field}` does not apply to a `{}` rule, which takes {}",
                        def.kind,
                        list_fields(allowed)
                    ),
                );
            }
        }
        let rule = match def.kind {
            RuleKind::Levels => {
                levels::Levels::lower(def, max, path, issues, limits).map(Rule::Levels)
            }
            RuleKind::Check => check::Check::lower(def, max, path, issues, limits).map(Rule::Check),
            RuleKind::RatioBands => {
                ratio_bands::RatioBands::lower(def, max, path, issues, limits).map(Rule::RatioBands)
            }
            RuleKind::CountBands => {
                count_bands::CountBands::lower(def, max, path, issues, limits).map(Rule::CountBands)
            }
            RuleKind::Proportional => {
                proportional::Proportional::lower(def, path, issues).map(Rule::Proportional)
            }
            RuleKind::Deduction => {
                deduction::Deduction::lower(def, max, path, issues).map(Rule::Deduction)
            }
            RuleKind::PerItem => {
                per_item::PerItem::lower(def, max, path, issues).map(Rule::PerItem)
            }
            RuleKind::Survey => survey::Survey::lower(def, path, issues, limits).map(Rule::Survey),
            RuleKind::Manual => Some(Rule::Manual(manual::Manual)),
            RuleKind::Deadline => {
                deadline::Deadline::lower(def, max, path, issues).map(Rule::Deadline)
            }
        };
        if ok { rule } else { None }
    }

    /// The kind of the rule.
    pub(crate) fn kind(&self) -> RuleKind {
        match self {
            Rule::Levels(_) => RuleKind::Levels,
            Rule::Check(_) => RuleKind::Check,
            Rule::RatioBands(_) => RuleKind::RatioBands,
            Rule::CountBands(_) => RuleKind::CountBands,
            Rule::Proportional(_) => RuleKind::Proportional,
            Rule::Deduction(_) => RuleKind::Deduction,
            Rule::PerItem(_) => RuleKind::PerItem,
            Rule::Survey(_) => RuleKind::Survey,
            Rule::Manual(_) => RuleKind::Manual,
            Rule::Deadline(_) => RuleKind::Deadline,
        }
    }

    /// The ratio options of a `ratio_bands` or `proportional` rule: how it counts a share.
    pub(crate) fn ratio_options(&self) -> Option<&ratio::RatioOptions> {
        match self {
            Rule::RatioBands(r) => Some(&r.opts),
            Rule::Proportional(r) => Some(&r.opts),
            _ => None,
        }
    }

    /// The lowest points the rule can give: a `deduction` rule's `min_points`, else 0.
    pub(crate) fn floor(&self) -> Decimal {
        match self {
            Rule::Deduction(d) => d.min_points,
            _ => Decimal::ZERO,
        }
    }

    /// The values where the rule's result may change: band edges (in % or items), a
    /// proportional rule's target and floor.
    #[cfg_attr(
        not(feature = "proptest"),
        expect(dead_code, reason = "used by the testkit")
    )]
    pub(crate) fn edges(&self) -> Vec<Decimal> {
        let band_edges = |bands: &[bands::Band]| -> Vec<Decimal> {
            bands
                .iter()
                .flat_map(|b| [b.lower, b.upper])
                .flatten()
                .map(|e| e.value)
                .collect()
        };
        match self {
            Rule::RatioBands(r) => band_edges(&r.bands),
            Rule::CountBands(r) => band_edges(&r.bands),
            Rule::Proportional(r) => r.target.into_iter().chain(r.zero_below).collect(),
            // The count from which the cap holds the points.
            Rule::PerItem(r) => r
                .cap
                .checked_div(r.per_item)
                .map(|c| c.ceil())
                .into_iter()
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Scores a leaf's evidence (not marked not applicable) into exact points, with the
    /// working that explains them.
    pub(crate) fn score(&self, ctx: &Ctx<'_>, ev: &LeafEvidence) -> Result<Outcome, ScoreError> {
        self.score_as::<Explained>(ctx, ev)
    }

    /// [`Rule::score`], building the working only when `E` asks for it: the same checks and
    /// the same points either way.
    pub(crate) fn score_as<E: Explain>(
        &self,
        ctx: &Ctx<'_>,
        ev: &LeafEvidence,
    ) -> Result<Outcome<E::Working>, ScoreError> {
        match self {
            Rule::Levels(r) => r.score::<E>(ctx, ev),
            Rule::Check(r) => r.score::<E>(ctx, ev),
            Rule::RatioBands(r) => r.score::<E>(ctx, ev),
            Rule::CountBands(r) => r.score::<E>(ctx, ev),
            Rule::Proportional(r) => r.score::<E>(ctx, ev),
            Rule::Deduction(r) => r.score::<E>(ctx, ev),
            Rule::PerItem(r) => r.score::<E>(ctx, ev),
            Rule::Survey(r) => r.score::<E>(ctx, ev),
            Rule::Manual(r) => r.score::<E>(ctx, ev),
            Rule::Deadline(r) => r.score::<E>(ctx, ev),
        }
    }
}

/// Whether a rule explains its points: [`Explained`] builds the [`Working`] a scorecard shows;
/// [`Silent`] builds nothing, for callers that need only the numbers (batches, forms that
/// re-score on every change). Each rule is compiled once for each.
pub(crate) trait Explain {
    /// What a rule returns beside its points.
    type Working;
    /// Whether the caller keeps each leaf's result and the findings (a scorecard does).
    const KEEP: bool;
    /// The basis of a leaf's result, when the caller keeps it.
    fn keep(basis: crate::scorecard::Basis<Self::Working>) -> Option<crate::scorecard::Basis>;
    /// Builds the working, or skips building it.
    fn working(
        build: impl FnOnce() -> Result<Working, ScoreError>,
    ) -> Result<Self::Working, ScoreError>;
}

/// Rules build their [`Working`].
pub(crate) struct Explained;

impl Explain for Explained {
    type Working = Working;
    const KEEP: bool = true;
    fn keep(basis: crate::scorecard::Basis) -> Option<crate::scorecard::Basis> {
        Some(basis)
    }
    fn working(build: impl FnOnce() -> Result<Working, ScoreError>) -> Result<Working, ScoreError> {
        build()
    }
}

/// Rules compute the points only.
pub(crate) struct Silent;

impl Explain for Silent {
    type Working = ();
    const KEEP: bool = false;
    fn keep(_: crate::scorecard::Basis<()>) -> Option<crate::scorecard::Basis> {
        None
    }
    fn working(_: impl FnOnce() -> Result<Working, ScoreError>) -> Result<(), ScoreError> {
        Ok(())
    }
}

fn list_fields(fields: &[&str]) -> String {
    if fields.is_empty() {
        "no other fields".to_string()
    } else {
        fields
            .iter()
            .map(|f| format!("`{f}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A set of a leaf's evidence fields (besides `note`, `not_applicable`, `documents` and
/// `reported`), one bit each: which are given, which a kind takes. Checking a leaf's shape is
/// a mask, not a string search; this runs for every leaf of every evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SetFields(u16);

/// The names of the fields, bit by bit.
const FIELD_NAMES: [&str; 12] = [
    "level",
    "met",
    "conditions",
    "numerator",
    "denominator",
    "tasks",
    "percent",
    "count",
    "answers",
    "points",
    "date",
    "no_cases",
];

impl SetFields {
    pub(crate) const LEVEL: SetFields = SetFields(1);
    pub(crate) const MET: SetFields = SetFields(1 << 1);
    pub(crate) const CONDITIONS: SetFields = SetFields(1 << 2);
    pub(crate) const NUMERATOR: SetFields = SetFields(1 << 3);
    pub(crate) const DENOMINATOR: SetFields = SetFields(1 << 4);
    pub(crate) const TASKS: SetFields = SetFields(1 << 5);
    pub(crate) const PERCENT: SetFields = SetFields(1 << 6);
    pub(crate) const COUNT: SetFields = SetFields(1 << 7);
    pub(crate) const ANSWERS: SetFields = SetFields(1 << 8);
    pub(crate) const POINTS: SetFields = SetFields(1 << 9);
    pub(crate) const DATE: SetFields = SetFields(1 << 10);
    pub(crate) const NO_CASES: SetFields = SetFields(1 << 11);

    /// Both sets.
    pub(crate) const fn with(self, other: SetFields) -> SetFields {
        SetFields(self.0 | other.0)
    }

    /// The fields of `self` that are not in `other`.
    pub(crate) const fn without(self, other: SetFields) -> SetFields {
        SetFields(self.0 & !other.0)
    }

    pub(crate) fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The names of the fields in the set, in declaration order.
    pub(crate) fn iter(self) -> impl Iterator<Item = &'static str> {
        FIELD_NAMES
            .iter()
            .enumerate()
            .filter(move |(bit, _)| self.0 & (1 << bit) != 0)
            .map(|(_, name)| *name)
    }
}

/// The evidence fields of a leaf that are set (besides `note` and `not_applicable`).
pub(crate) fn evidence_fields(ev: &LeafEvidence) -> SetFields {
    let mut out = SetFields(0);
    for (set, field) in [
        (ev.level.is_some(), SetFields::LEVEL),
        (ev.met.is_some(), SetFields::MET),
        (ev.conditions.is_some(), SetFields::CONDITIONS),
        (ev.numerator.is_some(), SetFields::NUMERATOR),
        (ev.denominator.is_some(), SetFields::DENOMINATOR),
        (ev.tasks.is_some(), SetFields::TASKS),
        (ev.percent.is_some(), SetFields::PERCENT),
        (ev.count.is_some(), SetFields::COUNT),
        (ev.answers.is_some(), SetFields::ANSWERS),
        (ev.points.is_some(), SetFields::POINTS),
        (ev.date.is_some(), SetFields::DATE),
        (ev.no_cases.is_some(), SetFields::NO_CASES),
    ] {
        if set {
            out = out.with(field);
        }
    }
    out
}

/// Refuses evidence fields that a kind does not take; `expected` says what it takes.
pub(crate) fn only_fields(
    ctx: &Ctx<'_>,
    ev: &LeafEvidence,
    allowed: SetFields,
    expected: &str,
) -> Result<(), ScoreError> {
    let set = evidence_fields(ev);
    if let Some(bad) = set.without(allowed).iter().next() {
        return Err(ctx.issue(
            Some(bad),
            EvidenceIssueCode::WrongShape,
            format!(
                "`{bad}` does not fit a `{}` leaf, which takes {expected}",
                ctx.kind
            ),
        ));
    }
    if set.without(SetFields::NO_CASES).is_empty() && ev.no_cases != Some(true) {
        return Err(ctx.issue(
            None,
            EvidenceIssueCode::WrongShape,
            format!("no value given: a `{}` leaf takes {expected}", ctx.kind),
        ));
    }
    Ok(())
}

/// Reads a count: a whole number, 0 or more.
pub(crate) fn whole_count(
    ctx: &Ctx<'_>,
    field: &str,
    value: Decimal,
) -> Result<Decimal, ScoreError> {
    if value.is_sign_negative() && !value.is_zero() {
        return Err(ctx.issue(
            Some(field),
            EvidenceIssueCode::Negative,
            format!(
                "`{}` is negative: a count is 0 or more",
                crate::decimal::plain(value)
            ),
        ));
    }
    if !value.fract().is_zero() {
        return Err(ctx.issue(
            Some(field),
            EvidenceIssueCode::NotWhole,
            format!(
                "`{}` is not a whole number: a count is 0, 1, 2, ...",
                crate::decimal::plain(value)
            ),
        ));
    }
    Ok(value)
}

/// What a rule says a unit with nothing to count scores, read from `when_no_cases` or the
/// deprecated `on_empty` (`None`: the leaf is not applicable under its own policy). Giving both
/// is a problem.
pub(crate) fn no_cases_policy(
    def: &RuleDef,
    path: &DataPath,
    issues: &mut Issues,
) -> Option<crate::model::NoCases> {
    use crate::model::{EmptyPolicy, NoCases};
    match (def.when_no_cases, def.on_empty) {
        (Some(w), Some(_)) => {
            issues.push(
                path.key("on_empty"),
                IssueCode::RuleField,
                "`on_empty` is the old name of `when_no_cases`: give only `when_no_cases`",
            );
            Some(w)
        }
        (Some(w), None) => Some(w),
        (None, Some(EmptyPolicy::NotApplicable) | None) => None,
        (None, Some(EmptyPolicy::Zero)) => Some(NoCases::Zero),
        (None, Some(EmptyPolicy::FullPoints)) => Some(NoCases::Full),
    }
}

/// Whether the evidence says no case arose (`"no_cases": true`); an error when it gives
/// another value beside it.
pub(crate) fn claims_no_cases(ctx: &Ctx<'_>, ev: &LeafEvidence) -> Result<bool, ScoreError> {
    if ev.no_cases != Some(true) {
        return Ok(false);
    }
    if let Some(other) = evidence_fields(ev)
        .without(SetFields::NO_CASES)
        .iter()
        .next()
    {
        return Err(ctx.issue(
            Some(other),
            EvidenceIssueCode::WrongShape,
            format!("`no_cases = true` says nothing arose to count: give no `{other}` beside it"),
        ));
    }
    Ok(true)
}

/// What a leaf with nothing to count scores under `policy`: not applicable (the leaf's own
/// policy, or excluded), 0 or the max, with `working` for the points.
pub(crate) fn no_cases_outcome<E: Explain>(
    ctx: &Ctx<'_>,
    policy: Option<crate::model::NoCases>,
    reason: impl FnOnce() -> String,
    working: impl FnOnce(crate::model::NoCases) -> Working,
) -> Result<Outcome<E::Working>, ScoreError> {
    use crate::model::NoCases;
    let (points, p) = match policy {
        None => {
            return Ok(Outcome::NotApplicable {
                reason: reason(),
                exclude: false,
            });
        }
        Some(NoCases::Exclude) => {
            return Ok(Outcome::NotApplicable {
                reason: reason(),
                exclude: true,
            });
        }
        Some(p @ NoCases::Zero) => (Decimal::ZERO, p),
        Some(p @ NoCases::Full) => (ctx.max, p),
    };
    Ok(Outcome::Points {
        points,
        working: E::working(|| Ok(working(p)))?,
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A rule of `kind` with no optional field set.
    #[test]
    fn fields_of_another_kind_are_reported() {
        let def = RuleDef {
            bands: vec![crate::model::BandDef::default()],
            ..RuleDef::of_kind(RuleKind::Levels)
        };
        let mut issues = Issues::default();
        let r = Rule::lower(
            &def,
            Decimal::ONE,
            &DataPath::root().key("rule"),
            &mut issues,
            &Limits::default(),
        );
        assert!(r.is_none());
        assert_eq!(
            issues.list[0].to_string(),
            "rule.bands: `bands` does not apply to a `levels` rule, which takes `levels`"
        );
    }

    /// The rule of leaf `1` of a one-leaf set of max 2.
    fn leaf_rule(rule: &str) -> Rule {
        let rs = crate::RuleSet::from_toml_str(&format!(
            r#"
id = "one-leaf"
title = "One leaf"
level = "district"
years = {{ from = 2023 }}
scale = "2"
document = {{ number = "01" }}
[[areas]]
code = "1"
title = "Leaf"
max = "2"
provenance = {{ document = "01", verified = false }}
rule = {rule}
"#
        ))
        .unwrap();
        let tree = rs.tree();
        let i = *tree.index.get("1").unwrap();
        tree.nodes[i].leaf.as_ref().unwrap().rule.clone()
    }

    /// `ratio_bands` and `proportional` rules count a share with their own options (here
    /// `allow_over`); other kinds have none (kills `ratio_options` → `None` and its two arms
    /// deleted).
    #[test]
    fn ratio_rules_expose_their_ratio_options() {
        let bands = leaf_rule(
            r#"{ kind = "ratio_bands", allow_over = true, bands = [{ at_least = "120", points = "2" }, { points = "0" }] }"#,
        );
        assert!(bands.ratio_options().unwrap().allow_over);
        let prop = leaf_rule(r#"{ kind = "proportional", allow_over = true }"#);
        assert!(prop.ratio_options().unwrap().allow_over);
        let plain = leaf_rule(r#"{ kind = "proportional" }"#);
        assert!(!plain.ratio_options().unwrap().allow_over);
        let counts =
            leaf_rule(r#"{ kind = "count_bands", bands = [{ at_least = 1, points = "2" }] }"#);
        assert!(counts.ratio_options().is_none());
    }

    /// The values where a rule's result may change, by hand (kills `edges` → `vec![]`,
    /// `vec![0]` and each of its arms deleted).
    #[cfg(feature = "proptest")]
    #[test]
    fn edges_are_band_edges_targets_floors_and_the_count_reaching_the_cap() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        let ds = |v: &[&str]| v.iter().map(|s| d(s)).collect::<Vec<_>>();
        // (90, 100] implied at_most 100; [70, 90]; [·, 70) implied below 70
        let bands = leaf_rule(
            r#"{ kind = "ratio_bands", bands = [{ above = "90", points = "2" }, { at_least = "70", at_most = "90", points = "1" }, { points = "0" }] }"#,
        );
        assert_eq!(bands.edges(), ds(&["90", "100", "70", "90", "70"]));
        // [4, ·) has no top for counts; [3, 4) implied below 4
        let counts = leaf_rule(
            r#"{ kind = "count_bands", bands = [{ at_least = 4, points = "2" }, { at_least = 3, points = "1" }] }"#,
        );
        assert_eq!(counts.edges(), ds(&["4", "3", "4"]));
        let prop = leaf_rule(r#"{ kind = "proportional", target = "80", zero_below = "20" }"#);
        assert_eq!(prop.edges(), ds(&["80", "20"]));
        // 2 ÷ 0.75 = 2.67 → from 3 items the cap holds
        let per_item = leaf_rule(r#"{ kind = "per_item", per_item = "0.75", cap = "2" }"#);
        assert_eq!(per_item.edges(), ds(&["3"]));
        assert_eq!(leaf_rule(r#"{ kind = "manual" }"#).edges(), []);
    }

    fn lowers(def: &RuleDef) -> (bool, Vec<String>) {
        let mut issues = Issues::default();
        let r = Rule::lower(
            def,
            Decimal::TWO,
            &DataPath::root().key("rule"),
            &mut issues,
            &Limits::default(),
        );
        (
            r.is_some(),
            issues.list.iter().map(ToString::to_string).collect(),
        )
    }

    /// A ratio rule whose options have a problem is not lowered, even when a later option
    /// check passes: `done = []` (kills `&=` → `|=` in `RatioOptions::lower`).
    #[test]
    fn ratio_options_with_a_problem_give_no_rule() {
        let def = RuleDef {
            done: Some(vec![]),
            ..RuleDef::of_kind(RuleKind::Proportional)
        };
        assert_eq!(
            lowers(&def),
            (
                false,
                vec!["rule.done: `done` names no status: no task could ever count as done".into()]
            )
        );
    }

    /// A `proportional` rule with a negative `zero_below` is not lowered (kills `&=` → `|=` in
    /// `Proportional::lower`).
    #[test]
    fn a_negative_zero_below_gives_no_rule() {
        let def = RuleDef {
            zero_below: Some(Decimal::NEGATIVE_ONE),
            ..RuleDef::of_kind(RuleKind::Proportional)
        };
        assert_eq!(
            lowers(&def),
            (
                false,
                vec!["rule.zero_below: `-1` is negative: expected 0 or more".into()]
            )
        );
    }
}
