//! Appraisal (thẩm định): the council's changes to a unit's self-assessment, in rounds, and the
//! scorecard that keeps the self-assessed points and each round's points side by side.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::{BTreeMap, HashMap};

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::adjust::{self, FinalTotal, PointsAdjustment};
use super::columns::{NodeColumns, Parents, columns};
use super::effect::{ChangeEffect, effect};
use super::input::{Appraisal, Change};
use crate::decimal::plain;
use crate::error::{CycleError, CycleIssue, CycleIssueCode, from_eval, join};
use crate::evaluate::{evaluate_with, numbers_with};
use crate::evidence::Evidence;
use crate::model::Sign;
use crate::path::DataPath;
use crate::rules::Working;
use crate::ruleset::RuleSet;
use crate::scorecard::Scorecard;

/// A scorecard after appraisal: the self-assessment, each round, the final result with bonus
/// and penalty, per-node columns and the list of changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AppraisedScorecard {
    /// The self-assessment (tự đánh giá), scored from the unit's evidence.
    pub self_assessed: Scorecard,
    /// The scorecard after each round, in order (round k applies rounds 1..=k).
    pub rounds: Vec<Scorecard>,
    /// Per node, in tree order: the columns of the official annex.
    pub columns: Vec<NodeColumns>,
    /// Every change, with its reason and effect.
    pub changes: Vec<ChangeEffect>,
    /// Bonus points (điểm thưởng), capped.
    pub bonus: PointsAdjustment,
    /// Penalty points (điểm phạt), capped.
    pub penalty: PointsAdjustment,
    /// The final total: areas + bonus − penalty, its index and class.
    pub total: FinalTotal,
}

impl AppraisedScorecard {
    /// The final scorecard of the areas: the last round's, or the self-assessment when there
    /// was no round.
    #[must_use]
    pub fn final_card(&self) -> &Scorecard {
        self.rounds.last().unwrap_or(&self.self_assessed)
    }

    /// The appraised scorecard as pretty JSON (decimals as strings).
    ///
    /// # Errors
    /// Only if serialization itself fails, which these types do not cause.
    pub fn to_json_string(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string_pretty(self)
    }

    /// The columns of the node with this code.
    #[must_use]
    pub fn columns(&self, code: &str) -> Option<&NodeColumns> {
        self.columns.iter().find(|c| c.code == code)
    }

    /// A self-assessment seen as an appraisal with no round, no bonus and no penalty: the
    /// form the reports are rendered from. Its total is the scorecard's (a plain scorecard is
    /// never rescaled for a missing survey; [`evaluate_appraised`] decides that).
    ///
    /// # Errors
    /// [`CycleError::Overflow`] if a column's sum overflows a decimal.
    pub fn from_self_assessment(card: Scorecard) -> Result<Self, CycleError> {
        let columns = columns(&Parents::of_card(&card), &card, &[], &card)?;
        let total = match &card.adjusted {
            Some(a) => FinalTotal::from_adjusted(&a.total),
            None => FinalTotal {
                areas: card.total.points,
                bonus: Decimal::ZERO,
                penalty: Decimal::ZERO,
                points: card.total.points,
                clamped: None,
                max: card.total.applicable_max,
                index: card.total.index,
                rescaled: false,
                classification: card.classification.clone(),
            },
        };
        let (bonus, penalty) = adjust::from_items(&card);
        Ok(AppraisedScorecard {
            self_assessed: card,
            rounds: Vec::new(),
            columns,
            changes: Vec::new(),
            bonus,
            penalty,
            total,
        })
    }
}

/// The state of the evidence as rounds are applied. The unit's evidence is borrowed until a
/// round replaces a leaf's (a batch of units without rounds copies none of it).
#[derive(Debug)]
struct State<'e> {
    evidence: Cow<'e, Evidence>,
    given: BTreeMap<String, (Decimal, Working)>,
    /// For a leaf or item whose evidence a round replaced: the round's position in the list,
    /// and where the evidence sits (`evidence`, `bonus`, `penalty`).
    source: HashMap<String, (usize, &'static str)>,
    /// The SHA-256 of `evidence`, once a scorecard has worked it out; emptied when a round
    /// replaces some of the evidence.
    digest: OnceCell<String>,
}

impl State<'_> {
    fn apply(&mut self, rs: &RuleSet, at: usize, number: u32, code: &str, change: &Change) {
        let reason = change.reason.clone().unwrap_or_default();
        if let Some(ev) = &change.evidence {
            let evidence = self.evidence.to_mut();
            self.digest = OnceCell::new();
            let (map, section) = match rs.item(code).map(|(s, _)| s) {
                None => (&mut evidence.evidence, "evidence"),
                Some(Sign::Bonus) => (&mut evidence.bonus, "bonus"),
                Some(Sign::Penalty) => (&mut evidence.penalty, "penalty"),
            };
            map.insert(code.to_string(), ev.clone());
            self.given.remove(code);
            self.source.insert(code.to_string(), (at, section));
        } else if let Some(points) = change.points {
            let working = Working::Appraised {
                round: number,
                reason,
            };
            self.given.insert(code.to_string(), (points, working));
        }
    }

    /// A copy to apply one change to, borrowing this state's evidence until the change
    /// replaces some of it.
    fn alone(&self) -> State<'_> {
        State {
            evidence: Cow::Borrowed(&*self.evidence),
            given: self.given.clone(),
            source: self.source.clone(),
            digest: OnceCell::new(),
        }
    }

    /// The effect of `change`, already applied to this state alone, on top of `before`.
    fn effect(
        &self,
        rs: &RuleSet,
        round: u32,
        code: &str,
        change: &Change,
        before: &Scorecard,
    ) -> Result<ChangeEffect, CycleError> {
        numbers_with(rs, &self.evidence, &self.given)
            .and_then(|after| effect(round, code, change, before, &after))
            .map_err(|e| from_eval(e, &|p: &DataPath| self.remap(p)))
    }

    fn score(&self, rs: &RuleSet) -> Result<Scorecard, CycleError> {
        evaluate_with(rs, &self.evidence, &self.given, &self.digest)
            .map_err(|e| from_eval(e, &|p: &DataPath| self.remap(p)))
    }

    /// `evidence["1.1.4"].numerator` → `appraisal.rounds[0].changes["1.1.4"].evidence.numerator`
    /// when round 1 gave that evidence.
    fn remap(&self, path: &DataPath) -> DataPath {
        for (code, (at, section)) in &self.source {
            let ev = DataPath::root().key(*section).key(code.clone());
            if path.starts_with(&ev) {
                let rest: Vec<_> = path.segments().iter().skip(2).cloned().collect();
                let mut tail = DataPath::root();
                for s in rest {
                    tail = match s {
                        crate::path::Segment::Key(k) => tail.key(k),
                        crate::path::Segment::Index(i) => tail.index(i),
                    };
                }
                let to = change_path(*at, code).key("evidence");
                return join(&to, &tail);
            }
        }
        path.clone()
    }
}

fn change_path(at: usize, code: &str) -> DataPath {
    DataPath::root()
        .key("appraisal")
        .key("rounds")
        .index(at)
        .key("changes")
        .key(code.to_string())
}

/// Scores a unit's self-assessment, then each appraisal round, then bonus and penalty.
///
/// Round k is scored with the changes of rounds 1..=k applied in order, so a leaf's final
/// points are those of the last round that changed it, else the self-score. A change gives
/// replacement evidence, scored by the leaf's rule, or points within [floor, max]. The total is
/// areas + bonus − penalty (each capped by the set); its index is total ÷ applicable maximum ×
/// 100, or, when the set says `survey_optional = "rescale"` and no survey leaf has evidence,
/// total ÷ applicable appraised maximum × 100.
///
/// # Errors
/// [`CycleError::Invalid`] listing every problem: rounds out of order or duplicated, a change
/// for a code the set lacks or for a parent, with both or neither of `evidence` and `points`,
/// points outside [floor, max], no reason; bonus or penalty the set has no cap for, negative or
/// without a reason; any problem of the evidence (replacement evidence is reported at its
/// round: `appraisal.rounds[0].changes["1.1"].evidence.numerator`).
/// [`CycleError::Overflow`] if a number leaves the range of a decimal.
///
/// # Example
/// ```
/// use par_index::{assessment::Appraisal, Evidence, RuleSet, assessment::evaluate_appraised};
///
/// let rs = RuleSet::from_toml_str(r#"
/// id = "demo"
/// title = "Demo"
/// level = "commune"
/// years = { from = 2024 }
/// scale = 2
/// document = { number = "1/QĐ" }
/// [[areas]]
/// code = "1"
/// title = "Chỉ đạo, điều hành"
/// max = 2
/// provenance = { document = "1/QĐ", clause = "mục 1", verified = false }
/// [[areas.criteria]]
/// code = "1.1"
/// title = "Kế hoạch CCHC"
/// max = 1
/// rule = { kind = "check" }
/// [[areas.criteria]]
/// code = "1.2"
/// title = "Báo cáo"
/// max = 1
/// rule = { kind = "check" }
/// "#)?;
/// let ev = Evidence::from_json_str(r#"{"unit":{"name":"Xã A","level":"commune"},
///   "period":{"year":2024},"evidence":{"1.1":{"met":true},"1.2":{"met":true}}}"#)?;
/// let a = Appraisal::from_json_str(r#"{"rounds":[{"round":1,"changes":{
///   "1.2":{"points":"0.5","reason":"báo cáo thiếu nội dung"}}}]}"#)?;
/// let card = evaluate_appraised(&rs, &ev, &a)?;
/// // self 1 + 1 = 2 (100%); round 1 sets 1.2 to 0.5: 1.5 of 2 = 75%
/// assert_eq!(card.self_assessed.total.points.to_string(), "2");
/// assert_eq!(card.total.points.to_string(), "1.5");
/// assert_eq!(card.total.index.unwrap().to_string(), "75.00");
/// assert_eq!(card.changes[0].leaf.delta().unwrap().to_string(), "-0.5");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn evaluate_appraised(
    rs: &RuleSet,
    ev: &Evidence,
    appraisal: &Appraisal,
) -> Result<AppraisedScorecard, CycleError> {
    let mut issues = check_rounds(rs, appraisal);
    let (bonus, penalty) = adjust::check(rs, appraisal, &mut issues);
    if !issues.is_empty() {
        return Err(CycleError::Invalid { issues });
    }
    let mut state = State {
        evidence: Cow::Borrowed(ev),
        given: BTreeMap::new(),
        source: HashMap::new(),
        digest: OnceCell::new(),
    };
    let self_assessed = state.score(rs)?;
    let mut rounds: Vec<Scorecard> = Vec::new();
    let mut changes = Vec::new();
    for (at, round) in appraisal.rounds.iter().enumerate() {
        let before = rounds.last().unwrap_or(&self_assessed);
        for (code, change) in &round.changes {
            // The change alone needs only numbers: no scorecard, explanation or digest.
            let mut alone = state.alone();
            alone.apply(rs, at, round.round, code, change);
            changes.push(alone.effect(rs, round.round, code, change, before)?);
        }
        for (code, change) in &round.changes {
            state.apply(rs, at, round.round, code, change);
        }
        rounds.push(state.score(rs)?);
    }
    let final_card = rounds.last().unwrap_or(&self_assessed);
    let columns = columns(&Parents::of_set(rs), &self_assessed, &rounds, final_card)?;
    let (bonus, penalty) = if rs.tree().items.is_empty() {
        (bonus, penalty)
    } else {
        adjust::from_items(final_card)
    };
    let total = adjust::total(rs, final_card, &bonus, &penalty)?;
    Ok(AppraisedScorecard {
        self_assessed,
        rounds,
        columns,
        changes,
        bonus,
        penalty,
        total,
    })
}

fn check_rounds(rs: &RuleSet, appraisal: &Appraisal) -> Vec<CycleIssue> {
    let mut issues = Vec::new();
    let mut seen: Vec<u32> = Vec::new();
    let rounds = DataPath::root().key("appraisal").key("rounds");
    for (at, round) in appraisal.rounds.iter().enumerate() {
        let expected = u32::try_from(at).map_or(u32::MAX, |n| n.saturating_add(1));
        if seen.contains(&round.round) {
            issues.push(CycleIssue::new(
                rounds.index(at).key("round"),
                CycleIssueCode::DuplicateRound,
                format!("round `{}` is listed twice", round.round),
            ));
        } else if round.round != expected {
            issues.push(CycleIssue::new(
                rounds.index(at).key("round"),
                CycleIssueCode::RoundOrder,
                format!(
                    "round `{}` is out of order: expected round {expected} here (rounds are listed 1, 2, ... in order)",
                    round.round
                ),
            ));
        }
        seen.push(round.round);
        for (code, change) in &round.changes {
            check_change(rs, &change_path(at, code), code, change, &mut issues);
        }
    }
    issues
}

fn item_range(p: Decimal, max: Decimal, sign: Sign, code: &str) -> String {
    format!(
        "points `{}` are outside [0, {}] of {} item `{code}`",
        plain(p),
        plain(max),
        sign.as_str()
    )
}

fn check_change(
    rs: &RuleSet,
    path: &DataPath,
    code: &str,
    change: &Change,
    issues: &mut Vec<CycleIssue>,
) {
    let mut push = |p: DataPath, c, m: String| issues.push(CycleIssue::new(p, c, m));
    match rs.node(code) {
        None => match rs.item(code) {
            None => push(
                path.clone(),
                CycleIssueCode::UnknownCode,
                if rs.tree().items.is_empty() {
                    format!("`{}` has no criterion `{code}`", rs.id())
                } else {
                    format!(
                        "`{}` has no criterion, bonus or penalty item `{code}`",
                        rs.id()
                    )
                },
            ),
            Some((sign, item)) => {
                if let Some(p) = change.points
                    && (p < Decimal::ZERO || p > item.max)
                {
                    push(
                        path.key("points"),
                        CycleIssueCode::OutOfRange,
                        item_range(p, item.max, sign, code),
                    );
                }
            }
        },
        Some(n) if n.rule_kind().is_none() => push(
            path.clone(),
            CycleIssueCode::NotALeaf,
            format!("`{code}` is scored as the sum of its sub-criteria: change them instead"),
        ),
        Some(n) => {
            // Within [floor, max]: a deduction leaf's declared negative floor, else 0.
            if let Some(p) = change.points
                && (p < n.floor() || p > n.max())
            {
                push(
                    path.key("points"),
                    CycleIssueCode::OutOfRange,
                    format!(
                        "points `{}` are outside [{}, {}]",
                        plain(p),
                        plain(n.floor()),
                        plain(n.max())
                    ),
                );
            }
        }
    }
    if change.evidence.is_some() == change.points.is_some() {
        push(
            path.clone(),
            CycleIssueCode::WrongShape,
            "a change gives either `evidence` or `points`: expected exactly one".to_string(),
        );
    }
    if change.reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
        push(
            path.key("reason"),
            CycleIssueCode::MissingReason,
            "no reason given: every appraisal change states why".to_string(),
        );
    }
}
