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
/// let text = par_index::render_text(&evaluate(&rs, &ev)?);
/// assert!(text.contains("Total: 1.00 / 1.00"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn render_text(card: &Scorecard) -> String {
    let mut out = String::new();
    header(card, &mut out);
    tree(card, &mut out);
    totals(card, &mut out);
    findings(card, &mut out);
    out
}

fn header(card: &Scorecard, out: &mut String) {
    let _ = writeln!(
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
    );
    let _ = writeln!(
        out,
        "Rule set: {} ({}), {}",
        card.ruleset.id, card.ruleset.document, card.ruleset.title
    );
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{:<10} {:<56} {:>15} {:>8}",
        "Code", "Title", "Points / Max", "Index"
    );
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

fn two(d: Decimal) -> String {
    fixed(crate::RoundingMode::HalfUp.round(d, 2), 2)
}

fn tree(card: &Scorecard, out: &mut String) {
    for n in &card.nodes {
        let indent = "  ".repeat(n.depth.saturating_sub(1));
        let code = format!("{indent}{}", n.code);
        let title_width = 56usize.saturating_sub(indent.len());
        let title = format!("{indent}{}", truncate(&n.title, title_width));
        let index = n
            .score
            .index
            .map_or_else(|| "n/a".to_string(), |i| format!("{}%", fixed(i, 2)));
        let mark = match n.status {
            NodeStatus::Scored => "",
            NodeStatus::MissingEvidence => " !",
            NodeStatus::NotApplicable => " -",
        };
        let _ = writeln!(
            out,
            "{:<10} {:<56} {:>15} {:>8}{mark}",
            code,
            title,
            format!("{} / {}", two(n.score.points), two(n.score.max)),
            index
        );
        if let Some(leaf) = &n.leaf {
            let verified = if leaf.verified { "" } else { " [unverified]" };
            let _ = writeln!(out, "{:<10} {indent}  ↳ {}{verified}", "", leaf.explanation);
        }
    }
}

fn totals(card: &Scorecard, out: &mut String) {
    let t = &card.total;
    let _ = writeln!(out);
    let mut line = format!("Total: {} / {}", two(t.points), two(t.max));
    if t.applicable_max != t.max {
        let _ = write!(line, " (applicable maximum {})", two(t.applicable_max));
    }
    match t.index {
        Some(i) => {
            let _ = write!(line, ", index {}%", fixed(i, 2));
        }
        None => line.push_str(", index n/a"),
    }
    match &card.classification {
        Some(c) => {
            let _ = write!(line, ", class {}", c.label);
            if let Some(name) = &c.name {
                let _ = write!(line, " ({name})");
            }
        }
        None => line.push_str(", no class reached"),
    }
    let _ = writeln!(out, "{line}");
    if !card.parts.is_empty() {
        let parts: Vec<String> = card
            .parts
            .iter()
            .map(|p| format!("{} {} / {}", p.part, two(p.score.points), two(p.score.max)))
            .collect();
        let _ = writeln!(out, "Parts: {}", parts.join("; "));
    }
    let areas: Vec<String> = card
        .areas()
        .map(|a| {
            format!(
                "{} {}",
                a.code,
                a.score
                    .index
                    .map_or_else(|| "n/a".to_string(), |i| format!("{}%", fixed(i, 2)))
            )
        })
        .collect();
    let _ = writeln!(out, "Sub-indexes: {}", areas.join("; "));
    let _ = writeln!(out, "Provenance: {}", card.provenance);
}

fn findings(card: &Scorecard, out: &mut String) {
    if card.findings.is_empty() {
        return;
    }
    let _ = writeln!(out, "\nFindings ({}):", card.findings.len());
    for f in &card.findings {
        let _ = writeln!(out, "  - {f}");
    }
}
