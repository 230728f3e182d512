//! Criteria as officials write them (cách chấm điểm): the wording of a rule ↔ the rule as data.
//!
//! An annex (phụ lục) prints each leaf's scoring rule as a Vietnamese sentence: "Hoàn thành
//! 100% kế hoạch: 2 điểm; từ 95% đến dưới 100%: 1,75 điểm; dưới 95%: 0 điểm". This module
//! reads such a sentence into a [`RuleDef`] ([`parse`]), writes a rule as that sentence in
//! Vietnamese or English ([`render`]), and checks that a set's `wording` fields say what its
//! rules say ([`check_wording`]).
//!
//! The parser never guesses: a phrase it does not know is refused with the clause and the
//! reason ([`Unreadable`]), and the leaf stays `manual` with its wording. It reads:
//!
//! | wording | rule |
//! |---|---|
//! | `Đạt 100%: 2 điểm; từ 80% đến dưới 100%: 1 điểm; dưới 80%: 0 điểm` | `ratio_bands` |
//! | `trên 90%`, `từ 70% - 90%`, `không quá 5%`, `từ 95% trở lên`, `… tỷ lệ × điểm tối đa` | `ratio_bands` edges / pay |
//! | `Tổ chức từ 04 cuộc trở lên: 2 điểm; 03 cuộc: 1,5 điểm; không tổ chức: 0 điểm` | `count_bands` |
//! | `Ban hành kịp thời: 1; Ban hành không kịp thời: 0,5; Không ban hành: 0` | `levels` |
//! | `Đạt yêu cầu: 1; Không đạt yêu cầu: 0` / `Có: 1; Không: 0` | `check` |
//! | `A và B: 1 điểm; Không A hoặc không B: 0 điểm` | `check` with conditions |
//! | `Mỗi văn bản chậm trừ 0,25 điểm; Điểm thấp nhất: -1 điểm` | `deduction` |
//! | `Mỗi sáng kiến được công nhận: 0,5 điểm, tối đa 2 điểm` | `per_item` |
//! | `Điểm = tỷ lệ × điểm tối đa` / `Điểm = tỷ lệ ÷ 50% × điểm tối đa` | `proportional` |
//! | `Ban hành đến hết ngày 31/01/2023: 1 điểm; Ban hành chậm: 0,5 điểm; …` | `deadline` |
//! | `Điều tra xã hội học: A = 100%, B = 60%, C = 20%, D = 0%` | `survey` |
//! | `Thẩm định chấm trực tiếp, từ 0 đến điểm tối đa` | `manual` |
//! | `Trường hợp không phát sinh: tính điểm tối đa` / `… : không tính điểm` / `… : 0 điểm` | `when_no_cases = "full"` / `"exclude"` / `"zero"` |
//!
//! Numbers use the decimal comma (`1,75`) and may have leading zeros (`04 cuộc`); a `.`
//! between digits is refused (Vietnamese writes it between thousands). Clauses are split at
//! `;` and at line breaks (multi-line cells), without their bullets.
//!
//! What a wording does not say is not compared: ids (`on_time`; the parser numbers them `l1`,
//! `c1`), English labels and `measure`. What is a default is left out on both sides
//! (`points` = max, `otherwise = 0`, `cap` = max, the A/B/C/D weights, `on_empty = "not_applicable"` (the older spelling of an unset `when_no_cases`)), and
//! so is a band edge that the band before implies ("trên 90%" then "từ 70% đến 90%": the
//! `at_most = 90` is implied). Count edges are whole: `above = 3` is `at_least = 4`.
//!
//! # Example
//! ```
//! use par_index::criteria::wording::{parse, render};
//! use par_index::{Decimal, report::Lang};
//! let max = Decimal::from(2);
//! let rule = parse("Hoàn thành 100% kế hoạch: 2 điểm; từ 95% đến dưới 100%: 1,75 điểm; \
//!                   từ 80% đến dưới 95%: 1 điểm; dưới 80%: 0 điểm", max)?;
//! assert_eq!(rule.kind.as_str(), "ratio_bands");
//! assert_eq!(rule.bands[1].at_least, Some(Decimal::from(95)));
//! assert_eq!(rule.bands[1].points, Some("1.75".parse()?));
//! assert_eq!(
//!     render(&rule, max, Lang::Vi),
//!     "Đạt 100%: 2 điểm; Từ 95% đến dưới 100%: 1,75 điểm; Từ 80% đến dưới 95%: 1 điểm; \
//!      Dưới 80%: 0 điểm"
//! );
//! assert_eq!(parse(&render(&rule, max, Lang::Vi), max)?, rule);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod canon;
mod check;
mod cond;
mod parse;
mod render;
mod text;

use rust_decimal::Decimal;

use crate::model::RuleDef;
use crate::report::Lang;

pub use check::{WordingFinding, WordingProblem, check_wording};

/// A wording the parser cannot read, with the clause and why (không đọc được cách chấm).
///
/// `Display` gives the Vietnamese reason, then the English one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("không đọc được `{clause}`: {vi} (cannot read it: {en})")]
pub struct Unreadable {
    /// The clause (or the whole wording) that could not be read.
    pub clause: String,
    /// Why, in Vietnamese.
    pub vi: String,
    /// Why, in English.
    pub en: String,
}

impl Unreadable {
    pub(crate) fn new(
        clause: impl Into<String>,
        vi: impl Into<String>,
        en: impl Into<String>,
    ) -> Self {
        Unreadable {
            clause: clause.into(),
            vi: vi.into(),
            en: en.into(),
        }
    }
}

/// Reads the wording of a leaf whose maximum is `max` into its rule, in canonical form (see
/// the module docs); `max` gives "điểm tối đa" its value.
///
/// # Errors
/// [`Unreadable`] naming the clause and the reason, for any phrase the parser does not know
/// or that could be read two ways.
///
/// # Example
/// ```
/// use par_index::criteria::wording::parse;
/// use par_index::Decimal;
/// let rule = parse("Có: 1 điểm; Không: 0 điểm", Decimal::ONE)?;
/// assert_eq!(rule.kind.as_str(), "check");
/// let refused = parse("Thực hiện tốt: 1 điểm; dưới 50%: 0 điểm", Decimal::ONE).unwrap_err();
/// assert!(refused.to_string().contains("Thực hiện tốt"));
/// # Ok::<(), par_index::criteria::wording::Unreadable>(())
/// ```
pub fn parse(wording: &str, max: Decimal) -> Result<RuleDef, Unreadable> {
    parse::parse(wording, max)
}

/// Writes a rule as the sentence an annex prints, in Vietnamese (decimal comma) or English.
///
/// For every rule that validates, [`parse`] of the Vietnamese sentence gives back
/// [`canonical`] of the rule.
///
/// # Example
/// ```
/// use par_index::criteria::{RuleDef, RuleKind};
/// use par_index::criteria::wording::render;
/// use par_index::{Decimal, report::Lang};
/// let rule = RuleDef {
///     per_item: Some("0.25".parse()?),
///     ..RuleDef::of_kind(RuleKind::Deduction)
/// };
/// assert_eq!(render(&rule, Decimal::ONE, Lang::Vi), "Mỗi trường hợp trừ 0,25 điểm");
/// assert_eq!(render(&rule, Decimal::ONE, Lang::En), "the max, minus 0.25 points per item");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn render(rule: &RuleDef, max: Decimal, lang: Lang) -> String {
    render::render(rule, max, lang)
}

/// The rule as its wording determines it: ids numbered (`l1`, `c1`), English labels and
/// `measure` left out, defaults and implied band edges left out, labels capitalised. Two
/// rules with the same canonical form score every evidence alike.
#[must_use]
pub fn canonical(rule: &RuleDef, max: Decimal) -> RuleDef {
    canon::canonical(rule, max)
}

/// Whether two rules say the same as far as a wording can say it: equal [`canonical`] forms.
#[must_use]
pub fn same_rule(a: &RuleDef, b: &RuleDef, max: Decimal) -> bool {
    canonical(a, max) == canonical(b, max)
}
