//! Rendering results for people: [`render_text`], a plain-text tree with the working of every
//! leaf; and Markdown and CSV reports of a scorecard after appraisal, a ranking and an
//! appraisal, in Vietnamese by default (`81,25%`, `4.857`) or English, with each leaf's
//! explanation and legal basis.

mod diff;
mod explain;
mod number;
mod ranking;
mod scorecard;
mod table;

pub use diff::{render_diff_csv, render_diff_markdown};
pub(crate) use explain::measure as measure_vi;
pub use number::{Lang, format_number, format_percent};
pub use ranking::{render_ranking_csv, render_ranking_markdown};
pub use scorecard::{render_scorecard_csv, render_scorecard_markdown};

use std::borrow::Cow;
use std::fmt::Write as _;

use rust_decimal::Decimal;

use crate::cycle::AppraisedScorecard;
use crate::decimal::fixed;
use crate::error::Error;
use crate::scorecard::{NodeStatus, Scorecard};

/// What a scorecard report is rendered from: a [`Scorecard`] (a self-assessment, shown as an
/// appraisal with no round) or an [`AppraisedScorecard`].
///
/// [`render_scorecard_markdown`] and [`render_scorecard_csv`] take either.
pub trait ReportSource {
    /// The appraised form of the result.
    ///
    /// # Errors
    /// [`Error::Cycle`] if a column's sum overflows a decimal.
    fn to_appraised(&self) -> Result<Cow<'_, AppraisedScorecard>, Error>;
}

impl ReportSource for AppraisedScorecard {
    fn to_appraised(&self) -> Result<Cow<'_, AppraisedScorecard>, Error> {
        Ok(Cow::Borrowed(self))
    }
}

impl ReportSource for Scorecard {
    fn to_appraised(&self) -> Result<Cow<'_, AppraisedScorecard>, Error> {
        Ok(Cow::Owned(AppraisedScorecard::from_self_assessment(
            self.clone(),
        )?))
    }
}

/// Renders a scorecard as plain text: a header, the tree with points / max and index, the
/// explanation under each leaf, the total and class, the parts, the findings and the
/// provenance line.
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
/// # let ev = Evidence::from_json_str(r#"{"unit":{"name":"Xã A","level":"commune"},"period":{"year":2024},"evidence":{"1":{"met":true}}}"#)?;
/// let text = par_index::report::render_text(&evaluate(&rs, &ev)?);
/// assert!(text.contains("Total: 1.00 / 1.00"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn render_text(card: &Scorecard) -> String {
    card.to_text(Lang::En)
}

impl Scorecard {
    /// Renders the scorecard as plain text in `lang`: in Vietnamese with the decimal comma
    /// (`81,25%`) and the explanations written from the structured working; in English as
    /// [`render_text`].
    ///
    /// # Example
    /// ```
    /// # use par_index::{Evidence, report::Lang, RuleSet, evaluate};
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
    /// # let ev = Evidence::from_json_str(r#"{"unit":{"name":"Xã A","level":"commune"},"period":{"year":2024},"evidence":{"1":{"met":true}}}"#)?;
    /// let text = evaluate(&rs, &ev)?.to_text(Lang::Vi);
    /// assert!(text.contains("Tổng: 1,00 / 1,00, chỉ số 100,00%"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn to_text(&self, lang: Lang) -> String {
        let mut out = String::new();
        header(self, lang, &mut out);
        tree(self, lang, &mut out);
        totals(self, lang, &mut out);
        findings(self, lang, &mut out);
        out
    }
}

fn level_vi(level: crate::model::UnitLevel) -> &'static str {
    use crate::model::UnitLevel;
    match level {
        UnitLevel::Ministry => "bộ, ngành",
        UnitLevel::Province => "cấp tỉnh",
        UnitLevel::Department => "sở, ngành",
        UnitLevel::District => "cấp huyện",
        UnitLevel::Commune => "cấp xã",
    }
}

fn header(card: &Scorecard, lang: Lang, out: &mut String) {
    let _ = match lang {
        Lang::Vi => writeln!(
            out,
            "Bảng điểm Chỉ số CCHC: {} ({}), {}{}",
            card.unit.name,
            level_vi(card.unit.level),
            number::period_label(&card.period, lang),
            if card.provisional {
                " [tạm tính: chỉ số được đánh giá theo năm]"
            } else {
                ""
            }
        ),
        Lang::En => writeln!(
            out,
            "PAR Index scorecard: {} ({}), {}{}",
            card.unit.name,
            card.unit.level,
            card.period,
            if card.provisional {
                " [PROVISIONAL: the index is annual]"
            } else {
                ""
            }
        ),
    };
    let _ = writeln!(
        out,
        "{}: {} {}, {}",
        lang.pick("Bộ tiêu chí", "Rule set"),
        card.ruleset.id,
        number::in_parens(&card.ruleset.document),
        card.ruleset.title
    );
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{:<10} {:<56} {:>15} {:>8}",
        lang.pick("Mã", "Code"),
        lang.pick("Tiêu chí", "Title"),
        lang.pick("Điểm / Tối đa", "Points / Max"),
        lang.pick("Chỉ số", "Index")
    );
}

fn two(d: Decimal, lang: Lang) -> String {
    match lang {
        Lang::Vi => format_number(d, Some(2), lang),
        Lang::En => fixed(crate::decimal::RoundingMode::HalfUp.round(d, 2), 2),
    }
}

fn percent(i: Option<Decimal>, lang: Lang) -> String {
    i.map_or_else(
        || lang.pick("không áp dụng", "n/a").to_string(),
        |i| format!("{}%", two(i, lang)),
    )
}

fn tree(card: &Scorecard, lang: Lang, out: &mut String) {
    // One buffer for every cell that is padded: no string per node.
    let mut cell = String::new();
    for n in &card.nodes {
        let indent = 2 * n.depth.saturating_sub(1);
        cell.clear();
        push_spaces(&mut cell, indent);
        cell.push_str(&n.code);
        pad(out, &cell, 10, false);
        out.push(' ');
        cell.truncate(indent);
        push_truncated(&mut cell, &n.title, 56usize.saturating_sub(indent));
        pad(out, &cell, 56, false);
        out.push(' ');
        cell.clear();
        push_two(&mut cell, n.score.points, lang);
        cell.push_str(" / ");
        push_two(&mut cell, n.score.max, lang);
        pad(out, &cell, 15, true);
        out.push(' ');
        cell.clear();
        match n.score.index {
            Some(i) => {
                push_two(&mut cell, i, lang);
                cell.push('%');
            }
            None => cell.push_str(lang.pick("không áp dụng", "n/a")),
        }
        pad(out, &cell, 8, true);
        out.push_str(match n.status {
            NodeStatus::Scored => "",
            NodeStatus::MissingEvidence => " !",
            NodeStatus::NotApplicable => " -",
        });
        out.push('\n');
        if let Some(leaf) = &n.leaf {
            leaf_line(out, leaf, indent, lang);
        }
    }
}

/// The line under a leaf: its explanation, and whether its rule is verified.
fn leaf_line(out: &mut String, leaf: &crate::scorecard::LeafResult, indent: usize, lang: Lang) {
    let verified = match (leaf.verified, lang) {
        (true, _) => "",
        (false, Lang::Vi) => " [chưa đối chiếu văn bản]",
        (false, Lang::En) => " [unverified]",
    };
    push_spaces(out, 11 + indent);
    out.push_str("  ↳ ");
    let _ = match lang {
        Lang::En => write!(out, "{}", leaf.explanation),
        Lang::Vi => write!(out, "{}", explain::explanation(&leaf.explanation, lang)),
    };
    out.push_str(verified);
    out.push('\n');
}

/// Writes `cell` padded with spaces to `width` characters, on the left when `right`
/// (as `{:>width}` and `{:<width}` do).
fn pad(out: &mut String, cell: &str, width: usize, right: bool) {
    let fill = width.saturating_sub(cell.chars().count());
    if right {
        push_spaces(out, fill);
        out.push_str(cell);
    } else {
        out.push_str(cell);
        push_spaces(out, fill);
    }
}

/// Writes `n` spaces, a slice at a time rather than a `char` at a time.
fn push_spaces(out: &mut String, n: usize) {
    const SPACES: &str = "                                                                ";
    let mut left = n;
    while left > 0 {
        let take = left.min(SPACES.len());
        out.push_str(SPACES.get(..take).unwrap_or_default());
        left -= take;
    }
}

/// Writes `s`, cut to `n` characters with a closing `…` when longer.
fn push_truncated(out: &mut String, s: &str, n: usize) {
    match s.char_indices().nth(n) {
        None => out.push_str(s),
        Some(_) => {
            out.extend(s.chars().take(n.saturating_sub(1)));
            out.push('…');
        }
    }
}

/// Writes [`two`] of `d` without a string of its own in English.
fn push_two(out: &mut String, d: Decimal, lang: Lang) {
    match lang {
        Lang::Vi => out.push_str(&format_number(d, Some(2), lang)),
        Lang::En => {
            let mut v = crate::decimal::RoundingMode::HalfUp.round(d, 2);
            v.rescale(2);
            let _ = write!(out, "{}", crate::decimal::Fast(v));
        }
    }
}

fn totals(card: &Scorecard, lang: Lang, out: &mut String) {
    let t = &card.total;
    let _ = writeln!(out);
    let mut line = format!(
        "{}: {} / {}",
        lang.pick("Tổng", "Total"),
        two(t.points, lang),
        two(t.max, lang)
    );
    if t.applicable_max != t.max {
        let what = lang.pick("tối đa áp dụng", "applicable maximum");
        let _ = write!(line, " ({what} {})", two(t.applicable_max, lang));
    }
    let _ = write!(
        line,
        ", {} {}",
        lang.pick("chỉ số", "index"),
        percent(t.index, lang)
    );
    match &card.classification {
        Some(c) => {
            let _ = write!(line, ", {} {}", lang.pick("xếp loại", "class"), c.label);
            if let Some(name) = &c.name {
                let _ = write!(line, " ({name})");
            }
        }
        None => line.push_str(lang.pick(", chưa đạt xếp loại", ", no class reached")),
    }
    let _ = writeln!(out, "{line}");
    parts_and_areas(card, lang, out);
}

fn parts_and_areas(card: &Scorecard, lang: Lang, out: &mut String) {
    if !card.parts.is_empty() {
        let parts: Vec<String> = card
            .parts
            .iter()
            .map(|p| {
                let name = match (p.part, lang) {
                    (crate::model::Part::Appraised, Lang::Vi) => "thẩm định".to_string(),
                    (crate::model::Part::Survey, Lang::Vi) => "điều tra XHH".to_string(),
                    (part, Lang::En) => part.to_string(),
                };
                let (points, max) = (two(p.score.points, lang), two(p.score.max, lang));
                format!("{name} {points} / {max}")
            })
            .collect();
        let _ = writeln!(
            out,
            "{}: {}",
            lang.pick("Các phần", "Parts"),
            parts.join("; ")
        );
    }
    let areas: Vec<String> = card
        .areas()
        .map(|a| format!("{} {}", a.code, percent(a.score.index, lang)))
        .collect();
    let what = lang.pick("Chỉ số thành phần", "Sub-indexes");
    let _ = writeln!(out, "{what}: {}", areas.join("; "));
    let _ = match lang {
        Lang::Vi => writeln!(out, "Nguồn gốc: {}", provenance_vi(&card.provenance)),
        Lang::En => writeln!(out, "Provenance: {}", card.provenance),
    };
}

fn provenance_vi(p: &crate::scorecard::ProvenanceSummary) -> String {
    if p.unverified_leaves == 0 {
        return format!("cả {} tiêu chí đã được đối chiếu với văn bản gốc", p.leaves);
    }
    format!(
        "{}/{} tiêu chí chưa được đối chiếu với văn bản gốc ({} điểm tối đa, {} điểm đạt)",
        p.unverified_leaves,
        p.leaves,
        format_number(p.unverified_max, None, Lang::Vi),
        format_number(p.unverified_points, None, Lang::Vi)
    )
}

fn findings(card: &Scorecard, lang: Lang, out: &mut String) {
    if card.findings.is_empty() {
        return;
    }
    let what = lang.pick("Phát hiện", "Findings");
    let _ = writeln!(out, "\n{what} ({}):", card.findings.len());
    for f in &card.findings {
        let _ = match lang {
            Lang::Vi => writeln!(out, "  - {}: {}", f.path, finding_vi(f)),
            Lang::En => writeln!(out, "  - {f}"),
        };
    }
}

fn finding_vi(f: &crate::scorecard::Finding) -> &'static str {
    use crate::scorecard::FindingKind;
    match f.kind {
        FindingKind::MissingEvidence => "không có tài liệu kiểm chứng: tính 0 điểm và báo cáo",
        FindingKind::NotApplicable => "không đánh giá: không tính vào điểm tối đa",
        FindingKind::DocumentsMissing => {
            "không dẫn văn bản kiểm chứng: điểm bị giới hạn theo bộ tiêu chí"
        }
    }
}
