//! `diff`: two rule sets (criteria added, removed, re-weighted, rules changed), or two units'
//! evidence scored under one set (node by node).

use par_index::{
    analysis::NodeMove, analysis::RuleSetDiff, analysis::ScorecardComparison,
    analysis::compare_scorecards, analysis::diff_rulesets, evaluate,
};

use crate::args::{LangArg, SetArg};
use crate::fail::Failure;
use crate::input;
use crate::outcome::Outcome;

/// Compares `before` with `after`: evidence when both are `.json` files, else rule sets.
pub(crate) fn run(
    set: &SetArg,
    before: &str,
    after: &str,
    lang: LangArg,
) -> Result<Outcome, Failure> {
    if before.ends_with(".json") && after.ends_with(".json") {
        return scorecards(set, before, after, lang);
    }
    let a = input::ruleset_spec(before)?;
    let b = input::ruleset_spec(after)?;
    let d = diff_rulesets(a.def(), b.def());
    Outcome::of(ruleset_text(&d, lang), &d)
}

fn scorecards(set: &SetArg, before: &str, after: &str, lang: LangArg) -> Result<Outcome, Failure> {
    let ea = input::evidence(before)?;
    let eb = input::evidence(after)?;
    let rs = input::ruleset(set, Some(&ea))?;
    let ca = evaluate(&rs, &ea).map_err(|e| Failure::from(e).in_file(before))?;
    let cb = evaluate(&rs, &eb).map_err(|e| Failure::from(e).in_file(after))?;
    let cmp = compare_scorecards(&ca, &cb);
    Outcome::of(comparison_text(&cmp, lang), &cmp)
}

fn comparison_text(cmp: &ScorecardComparison, lang: LangArg) -> String {
    let mut text = String::new();
    for m in cmp.nodes.iter().chain(std::iter::once(&cmp.total)) {
        if m.points_delta().is_none_or(|d| !d.is_zero()) {
            text.push_str(&move_line(m));
        }
    }
    if text.is_empty() {
        text = match lang {
            LangArg::Vi => "Không có thay đổi\n",
            LangArg::En => "No change\n",
        }
        .to_string();
    }
    text
}

fn move_line(m: &NodeMove) -> String {
    let pts = |s: &Option<par_index::scoring::Score>| {
        s.as_ref()
            .map_or_else(|| "-".to_string(), |s| s.points.to_string())
    };
    let delta = m
        .points_delta()
        .map_or_else(String::new, |d| format!(" ({d:+})"));
    format!(
        "{} {}: {} → {}{delta}\n",
        m.code,
        m.title,
        pts(&m.before),
        pts(&m.after)
    )
}

fn ruleset_text(d: &RuleSetDiff, lang: LangArg) -> String {
    let vi = lang == LangArg::Vi;
    let mut text = String::new();
    let mut list = |vi_head: &str, en_head: &str, items: Vec<String>| {
        if !items.is_empty() {
            text.push_str(&format!(
                "{}: {}\n",
                if vi { vi_head } else { en_head },
                items.join(", ")
            ));
        }
    };
    list("Thêm", "Added", d.added.clone());
    list("Bỏ", "Removed", d.removed.clone());
    list(
        "Đổi điểm tối đa",
        "Re-weighted",
        d.reweighted
            .iter()
            .map(|r| format!("{} {} → {}", r.code, r.before, r.after))
            .collect(),
    );
    list("Đổi cách chấm", "Rules changed", d.rules_changed.clone());
    list("Đổi tên", "Retitled", d.retitled.clone());
    if text.is_empty() {
        text = if vi {
            "Không có khác biệt\n"
        } else {
            "No difference\n"
        }
        .to_string();
    }
    text
}
