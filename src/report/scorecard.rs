//! The scorecard report: the official annex columns, explanations and legal basis.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::ReportSource;
use super::explain::explanation;
use super::number::{Lang, format_percent, pts};
use super::table::{Align, Table};
use crate::cycle::AppraisedScorecard;
use crate::error::Error;
use crate::model::{Part, Sign};
use crate::scorecard::{ClampAt, ItemResult, NodeResult, Scorecard};

/// Which parts have leaves at or below each node.
pub(crate) fn parts_below(card: &Scorecard) -> HashMap<String, (bool, bool)> {
    let mut out: HashMap<String, (bool, bool)> = HashMap::new();
    for n in &card.nodes {
        let Some(leaf) = &n.leaf else { continue };
        let mut cur = Some(n);
        let mut guard = card.nodes.len();
        while let Some(node) = cur {
            let slot = out.entry(node.code.to_string()).or_default();
            match leaf.part {
                Part::Appraised => slot.0 = true,
                Part::Survey => slot.1 = true,
            }
            guard = guard.saturating_sub(1);
            cur = if guard == 0 {
                None
            } else {
                node.parent.as_deref().and_then(|p| card.node(p))
            };
        }
    }
    out
}

pub(crate) fn title(n: &NodeResult, lang: Lang) -> &str {
    match (lang, &n.title_en) {
        (Lang::En, Some(t)) => t,
        _ => &n.title,
    }
}

fn idx(i: Option<rust_decimal::Decimal>, lang: Lang) -> String {
    i.map(|i| super::number::format_number(i, Some(2), lang))
        .unwrap_or_default()
}

fn annex(card: &AppraisedScorecard, lang: Lang, extra: bool) -> Table {
    let mut cols = vec![
        (lang.pick("STT", "Code"), Align::Left),
        (
            lang.pick(
                "Lĩnh vực/Tiêu chí/Tiêu chí thành phần",
                "Area/Criterion/Sub-criterion",
            ),
            Align::Left,
        ),
        (lang.pick("Điểm tối đa", "Max"), Align::Right),
        (lang.pick("Tự đánh giá", "Self-assessed"), Align::Right),
        (lang.pick("Thẩm định", "Appraised"), Align::Right),
        (lang.pick("Điều tra XHH", "Survey"), Align::Right),
        (lang.pick("Điểm đạt", "Points"), Align::Right),
        (lang.pick("Chỉ số (%)", "Index (%)"), Align::Right),
    ];
    if extra {
        cols.push((lang.pick("Giải thích", "Explanation"), Align::Left));
        cols.push((lang.pick("Căn cứ", "Legal basis"), Align::Left));
    }
    let mut t = Table::new(&cols);
    let fin = card.final_card();
    let below = parts_below(fin);
    let appraised_done = !card.rounds.is_empty();
    for (n, c) in fin.nodes.iter().zip(&card.columns) {
        let (has_a, has_s) = below.get(&*n.code).copied().unwrap_or_default();
        let show = |on: bool, v| if on { pts(v, lang) } else { String::new() };
        let name = if n.depth == 1 && !extra {
            format!("**{}**", title(n, lang))
        } else {
            title(n, lang).to_string()
        };
        let mut row = vec![
            n.code.to_string(),
            name,
            pts(c.max, lang),
            show(has_a, c.self_assessed),
            show(has_a && appraised_done, c.appraised),
            show(has_s, c.survey),
            pts(c.points, lang),
            idx(c.index, lang),
        ];
        if extra {
            match &n.leaf {
                Some(l) => {
                    row.push(explanation(&l.explanation, lang));
                    row.push(basis(&l.source, l.verified, lang));
                }
                None => row.extend([String::new(), String::new()]),
            }
        }
        t.row(row);
    }
    totals(card, lang, extra, &mut t);
    t
}

pub(crate) fn basis(source: &str, verified: bool, lang: Lang) -> String {
    if verified {
        source.to_string()
    } else {
        format!(
            "{source} ({})",
            lang.pick("chưa đối chiếu văn bản", "not checked against the text")
        )
    }
}

fn totals(card: &AppraisedScorecard, lang: Lang, extra: bool, t: &mut Table) {
    let fin = card.final_card();
    let tot = &card.total;
    let blank = |n: usize| vec![String::new(); n];
    let bold = |s: String| if extra { s } else { format!("**{s}**") };
    let mut areas = vec![
        String::new(),
        bold(
            lang.pick("Tổng điểm các lĩnh vực", "Areas total")
                .to_string(),
        ),
        pts(fin.total.max, lang),
    ];
    areas.extend(blank(3));
    areas.push(pts(fin.total.points, lang));
    areas.push(idx(fin.total.index, lang));
    t.row(pad(areas, extra));
    item_rows(card, lang, extra, t);
    sum_rows(card, lang, extra, t);
    let mut row = vec![
        String::new(),
        bold(lang.pick("Chỉ số CCHC", "PAR Index").to_string()),
        pts(tot.max, lang),
    ];
    row.extend(blank(3));
    row.push(bold(pts(tot.points, lang)));
    row.push(bold(idx(tot.index, lang)));
    t.row(pad(row, extra));
}

/// The bonus and penalty sums, with their caps.
fn sum_rows(card: &AppraisedScorecard, lang: Lang, extra: bool, t: &mut Table) {
    let blank = |n: usize| vec![String::new(); n];
    let fin = card.final_card();
    let declared = fin.adjusted.is_some();
    for (label_vi, label_en, adj, sign) in [
        ("Điểm thưởng", "Bonus", &card.bonus, "+"),
        (
            if declared {
                "Điểm trừ"
            } else {
                "Điểm phạt"
            },
            "Penalty",
            &card.penalty,
            "−",
        ),
    ] {
        let (label, cap) = match adj.cap {
            Some(cap) => (
                format!(
                    "{} ({} {})",
                    lang.pick(label_vi, label_en),
                    lang.pick("tối đa", "at most"),
                    pts(cap, lang)
                ),
                pts(cap, lang),
            ),
            None if declared => (lang.pick(label_vi, label_en).to_string(), String::new()),
            None => continue,
        };
        let mut row = vec![String::new(), label, cap];
        row.extend(blank(3));
        row.push(format!("{sign}{}", pts(adj.counted, lang)));
        row.push(String::new());
        t.row(pad(row, extra));
    }
}

/// One row per bonus and penalty item the set declares: its cap, the self-assessed and
/// appraised points, the points counted with their sign.
fn item_rows(card: &AppraisedScorecard, lang: Lang, extra: bool, t: &mut Table) {
    let Some(fin) = &card.final_card().adjusted else {
        return;
    };
    let own = card.self_assessed.adjusted.as_ref();
    let appraised_done = !card.rounds.is_empty();
    for item in fin.bonus.items.iter().chain(&fin.penalty.items) {
        let sign = if item.sign == Sign::Bonus { "+" } else { "−" };
        let self_pts = own.and_then(|a| a.item(&item.code)).map(|i| i.points);
        let mut row = vec![
            item.code.to_string(),
            format!(
                "{}: {}",
                sign_label(item.sign, lang),
                item_title(item, lang)
            ),
            pts(item.max, lang),
            self_pts.map(|p| pts(p, lang)).unwrap_or_default(),
            if appraised_done {
                pts(item.points, lang)
            } else {
                String::new()
            },
            String::new(),
            format!("{sign}{}", pts(item.points, lang)),
            String::new(),
        ];
        if extra {
            row.push(explanation(&item.leaf.explanation, lang));
            row.push(basis(&item.leaf.source, item.leaf.verified, lang));
        }
        t.row(row);
    }
}

fn sign_label(sign: Sign, lang: Lang) -> &'static str {
    match sign {
        Sign::Bonus => lang.pick("Điểm thưởng", "Bonus"),
        Sign::Penalty => lang.pick("Điểm trừ", "Penalty"),
    }
}

fn item_title(item: &ItemResult, lang: Lang) -> &str {
    match (lang, &item.title_en) {
        (Lang::En, Some(t)) => t,
        _ => &item.title,
    }
}

/// A sentence saying the total was brought to the maximum or to 0, when it was.
fn clamp_note(card: &AppraisedScorecard, lang: Lang, out: &mut String) {
    let Some(c) = card.total.clamped else { return };
    let (from, max) = (pts(c.unclamped, lang), pts(card.total.max, lang));
    let _ = writeln!(
        out,
        "\n{}",
        match (c.at, lang) {
            (ClampAt::Max, Lang::Vi) => format!(
                "Tổng điểm {from} vượt điểm tối đa {max}: tính bằng {max} (bộ tiêu chí không cho vượt thang điểm)."
            ),
            (ClampAt::Max, Lang::En) => format!(
                "The total {from} is above the maximum {max}: counted as {max} (the set does not allow more)."
            ),
            (ClampAt::Zero, Lang::Vi) =>
                format!("Tổng điểm {from} dưới 0: tính bằng 0 (bộ tiêu chí không cho điểm âm)."),
            (ClampAt::Zero, Lang::En) =>
                format!("The total {from} is below 0: counted as 0 (the set does not allow less)."),
        }
    );
}

fn pad(mut row: Vec<String>, extra: bool) -> Vec<String> {
    if extra {
        row.extend([String::new(), String::new()]);
    }
    row
}

fn heading(card: &AppraisedScorecard, lang: Lang, out: &mut String) {
    let fin = card.final_card();
    let _ = writeln!(
        out,
        "# {}: {} — {}\n",
        lang.pick("Chỉ số cải cách hành chính", "PAR Index"),
        fin.unit.name,
        super::number::period_label(&fin.period, lang)
    );
    let _ = writeln!(
        out,
        "{}: `{}` {}, {}\n",
        lang.pick("Bộ tiêu chí", "Criteria set"),
        fin.ruleset.id,
        super::number::in_parens(&fin.ruleset.document),
        fin.ruleset.title
    );
}

/// The scorecard of one unit after appraisal as Markdown: the official annex columns (STT |
/// Lĩnh vực/Tiêu chí/Tiêu chí thành phần | Điểm tối đa | Tự đánh giá | Thẩm định | Điều tra XHH
/// | Điểm đạt | Chỉ số (%)), bonus, penalty and the index, then each leaf's explanation with its
/// legal basis (căn cứ), bonus and penalty reasons, and the findings.
///
/// "Thẩm định" is the final appraised points (the last round); it is blank without an
/// appraisal. "Tự đánh giá" and "Thẩm định" cover the appraised leaves, "Điều tra XHH" the
/// survey leaves.
///
/// # Example
/// ```
/// # use par_index::{assessment::Appraisal, Evidence, report::Lang, RuleSet, assessment::evaluate_appraised, report::render_scorecard_markdown};
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
/// # provenance = { document = "1/QĐ", clause = "mục 1", verified = true }
/// # rule = { kind = "check" }
/// # "#)?;
/// # let ev = Evidence::from_json_str(r#"{"unit":{"name":"Xã A","level":"commune"},"period":{"year":2024},"evidence":{"1":{"met":true}}}"#)?;
/// let card = evaluate_appraised(&rs, &ev, &Appraisal::default())?;
/// let md = render_scorecard_markdown(&card, Lang::Vi)?;
/// assert!(md.contains("| STT | Lĩnh vực/Tiêu chí/Tiêu chí thành phần | Điểm tối đa |"));
/// assert!(md.contains("- **1** Báo cáo: đạt → 1/1 điểm. Căn cứ: 1/QĐ, mục 1"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`Error::Cycle`] if a column's sum overflows a decimal (only when given a [`Scorecard`]).
pub fn render_scorecard_markdown(card: &impl ReportSource, lang: Lang) -> Result<String, Error> {
    Ok(scorecard_markdown(&*card.to_appraised()?, lang))
}

fn scorecard_markdown(card: &AppraisedScorecard, lang: Lang) -> String {
    let mut out = String::new();
    heading(card, lang, &mut out);
    out.push_str(&annex(card, lang, false).markdown());
    let tot = &card.total;
    out.push('\n');
    if let Some(i) = tot.index {
        let _ = write!(
            out,
            "{} {}",
            lang.pick("Chỉ số:", "Index:"),
            format_percent(i, lang)
        );
    }
    match &tot.classification {
        Some(c) => {
            let _ = write!(out, "; {} {}", lang.pick("xếp loại", "class"), c.label);
            if let Some(name) = &c.name {
                let _ = write!(out, " ({name})");
            }
        }
        None => out.push_str(lang.pick("; chưa đạt xếp loại nào", "; no class reached")),
    }
    out.push_str(".\n");
    if tot.rescaled {
        let _ = writeln!(
            out,
            "\n{} {} ÷ {} × 100.",
            lang.pick(
                "Không có điều tra xã hội học: chỉ số quy về thang điểm 100 từ phần thẩm định,",
                "No survey: the index is the appraised part brought to the scale,"
            ),
            pts(tot.points, lang),
            pts(tot.max, lang)
        );
    }
    clamp_note(card, lang, &mut out);
    if card.final_card().provisional {
        out.push_str(lang.pick(
            "\nKết quả tạm tính: chỉ số được đánh giá theo năm.\n",
            "\nProvisional: the index is annual.\n",
        ));
    }
    explanations(card, lang, &mut out);
    adjustments(card, lang, &mut out);
    findings(card, lang, &mut out);
    out
}

fn explanations(card: &AppraisedScorecard, lang: Lang, out: &mut String) {
    let _ = writeln!(
        out,
        "\n## {}\n",
        lang.pick("Giải thích và căn cứ", "Explanations and legal basis")
    );
    for n in &card.final_card().nodes {
        let Some(l) = &n.leaf else { continue };
        let _ = writeln!(
            out,
            "- **{}** {}: {}. {}: {}",
            n.code,
            title(n, lang),
            explanation(&l.explanation, lang),
            lang.pick("Căn cứ", "Basis"),
            basis(&l.source, l.verified, lang)
        );
    }
    if let Some(a) = &card.final_card().adjusted {
        for item in a.bonus.items.iter().chain(&a.penalty.items) {
            let _ = writeln!(
                out,
                "- **{}** {}: {}: {}. {}: {}",
                item.code,
                sign_label(item.sign, lang),
                item_title(item, lang),
                explanation(&item.leaf.explanation, lang),
                lang.pick("Căn cứ", "Basis"),
                basis(&item.leaf.source, item.leaf.verified, lang)
            );
        }
    }
    let prov = &card.final_card().provenance;
    if prov.unverified_leaves > 0 {
        let _ = writeln!(
            out,
            "\n{}",
            match lang {
                Lang::Vi => format!(
                    "{}/{} tiêu chí chưa được đối chiếu với văn bản gốc ({} điểm tối đa, {} điểm đạt).",
                    prov.unverified_leaves,
                    prov.leaves,
                    pts(prov.unverified_max, lang),
                    pts(prov.unverified_points, lang)
                ),
                Lang::En => format!("{prov}."),
            }
        );
    }
}

fn adjustments(card: &AppraisedScorecard, lang: Lang, out: &mut String) {
    if card.bonus.items.is_empty() && card.penalty.items.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "\n## {}\n",
        lang.pick("Điểm thưởng, điểm phạt", "Bonus and penalty")
    );
    for (label, adj) in [
        (lang.pick("Thưởng", "Bonus"), &card.bonus),
        (lang.pick("Phạt", "Penalty"), &card.penalty),
    ] {
        for item in &adj.items {
            let _ = writeln!(
                out,
                "- {label} {}: {}",
                pts(item.points, lang),
                item.reason.as_deref().unwrap_or_default()
            );
        }
        if adj.capped() {
            let _ = writeln!(
                out,
                "- {label}: {} {} {} {}",
                pts(adj.claimed, lang),
                lang.pick("vượt mức tối đa, chỉ tính", "exceeds the cap; counted"),
                pts(adj.counted, lang),
                lang.pick("điểm", "points")
            );
        }
    }
}

fn findings(card: &AppraisedScorecard, lang: Lang, out: &mut String) {
    let f = &card.final_card().findings;
    if f.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n## {}\n", lang.pick("Lưu ý", "Findings"));
    for finding in f {
        let _ = writeln!(out, "- {finding}");
    }
}

/// The scorecard as CSV: the annex columns, every round's appraised points, the explanation and
/// the legal basis of each leaf, then the totals. Numbers in the report's language, quoted
/// where they hold a comma (`"81,25"`), with an ASCII `-` for minus; lines end with CRLF
/// (RFC 4180).
///
/// # Example
/// ```
/// # use par_index::{assessment::Appraisal, Evidence, report::Lang, RuleSet, assessment::evaluate_appraised, report::render_scorecard_csv};
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
/// let card = evaluate_appraised(&rs, &ev, &Appraisal::default())?;
/// let csv = render_scorecard_csv(&card, Lang::En)?;
/// assert!(csv.starts_with("Code,Area/Criterion/Sub-criterion,Max,Self-assessed,Appraised,Survey,Points,Index (%),Explanation,Legal basis\r\n"));
/// assert!(csv.contains("1,Báo cáo,1,1,,,1,100.00,met → 1 of 1,1/QĐ\r\n"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`Error::Cycle`] if a column's sum overflows a decimal (only when given a [`Scorecard`]).
pub fn render_scorecard_csv(card: &impl ReportSource, lang: Lang) -> Result<String, Error> {
    Ok(scorecard_csv(&*card.to_appraised()?, lang))
}

fn scorecard_csv(card: &AppraisedScorecard, lang: Lang) -> String {
    let mut t = annex(card, lang, true);
    if card.rounds.len() > 1 {
        for (i, _) in card.rounds.iter().enumerate() {
            t.header.push((
                format!(
                    "{} {}",
                    lang.pick("Thẩm định lần", "Appraisal round"),
                    i + 1
                ),
                Align::Right,
            ));
        }
        let below = parts_below(card.final_card());
        for (r, row) in t.rows.iter_mut().enumerate() {
            // only nodes with appraised leaves below have appraisal columns; total rows none
            let col = card
                .columns
                .get(r)
                .filter(|c| below.get(&c.code).is_some_and(|b| b.0));
            for k in 0..card.rounds.len() {
                let v = col
                    .and_then(|c| c.rounds.get(k))
                    .map(|v| pts(*v, lang))
                    .unwrap_or_default();
                row.push(v);
            }
        }
    }
    t.csv()
}
