//! The appraisal report: every change of every round with its reason, its effect on the leaf,
//! its area's sub-index and the total, the leaf's explanation after the change and its basis.

use std::fmt::Write as _;

use rust_decimal::Decimal;

use super::explain::explanation;
use super::number::{Lang, format_number, format_percent, pts};
use super::table::{Align, Table};
use crate::cycle::{AppraisedScorecard, OptMove};

fn signed(d: Option<Decimal>, lang: Lang) -> String {
    match d {
        Some(d) if d > Decimal::ZERO => format!("+{}", pts(d, lang)),
        Some(d) if d < Decimal::ZERO => format!("−{}", pts(d.abs(), lang)),
        Some(_) => "0".to_string(),
        None => String::new(),
    }
}

fn moved(m: OptMove, lang: Lang) -> String {
    let f = |x: Option<Decimal>| {
        x.map(|x| format_number(x, Some(2), lang))
            .unwrap_or_else(|| "–".to_string())
    };
    format!("{} → {}", f(m.before), f(m.after))
}

fn table(card: &AppraisedScorecard, lang: Lang) -> Table {
    let mut t = Table::new(&[
        (lang.pick("Lần", "Round"), Align::Right),
        (lang.pick("Mã", "Code"), Align::Left),
        (lang.pick("Tiêu chí", "Criterion"), Align::Left),
        (lang.pick("Trước", "Before"), Align::Right),
        (lang.pick("Sau", "After"), Align::Right),
        (lang.pick("Chênh lệch", "Change"), Align::Right),
        (
            lang.pick("Chỉ số lĩnh vực (%)", "Area sub-index (%)"),
            Align::Left,
        ),
        (lang.pick("Chỉ số tổng (%)", "Total index (%)"), Align::Left),
        (lang.pick("Lý do", "Reason"), Align::Left),
        (lang.pick("Giải thích", "Explanation"), Align::Left),
        (lang.pick("Căn cứ", "Legal basis"), Align::Left),
    ]);
    for c in &card.changes {
        let after_card = usize::try_from(c.round)
            .ok()
            .and_then(|r| r.checked_sub(1))
            .and_then(|r| card.rounds.get(r));
        let leaf = after_card
            .and_then(|k| k.node(&c.code))
            .and_then(|n| n.leaf.as_ref());
        let title = after_card
            .and_then(|k| k.node(&c.code))
            .map(|n| super::scorecard::title(n, lang).to_string())
            .unwrap_or_else(|| c.title.clone());
        t.row(vec![
            c.round.to_string(),
            c.code.clone(),
            title,
            pts(c.leaf.before, lang),
            pts(c.leaf.after, lang),
            signed(c.leaf.delta(), lang),
            format!("{}: {}", c.area, moved(c.area_index, lang)),
            moved(c.total_index, lang),
            c.reason.clone(),
            leaf.map(|l| explanation(&l.explanation, lang))
                .unwrap_or_default(),
            leaf.map(|l| super::scorecard::basis(&l.source, l.verified, lang))
                .unwrap_or_default(),
        ]);
    }
    t
}

/// The appraisal of one unit as Markdown: the self-assessed and appraised totals, bonus and
/// penalty, then one row per change (round, leaf, points before and after, the area's
/// sub-index and the total index before and after that change alone, the reason, the leaf's
/// explanation after the round and its legal basis).
///
/// # Example
/// ```
/// # use par_index::{assessment::Appraisal, Evidence, report::Lang, RuleSet, assessment::evaluate_appraised, report::render_diff_markdown};
/// # let rs = RuleSet::from_toml_str(r#"
/// # id = "demo"
/// # title = "Demo"
/// # level = "commune"
/// # years = { from = 2024 }
/// # scale = 2
/// # document = { number = "1/QĐ" }
/// # [[areas]]
/// # code = "1"
/// # title = "Báo cáo"
/// # max = 2
/// # provenance = { document = "1/QĐ", clause = "mục 1", verified = true }
/// # rule = { kind = "manual" }
/// # "#)?;
/// # let ev = Evidence::from_json_str(r#"{"unit":{"name":"Xã A","level":"commune"},"period":{"year":2024},"evidence":{"1":{"points":"2"}}}"#)?;
/// let a = Appraisal::from_json_str(r#"{"rounds":[{"round":1,"changes":{"1":{"points":"1.5","reason":"thiếu 1 báo cáo"}}}]}"#)?;
/// let md = render_diff_markdown(&evaluate_appraised(&rs, &ev, &a)?, Lang::Vi);
/// assert!(md.contains("| 1 | 1 | Báo cáo | 2 | 1,5 | −0,5 | 1: 100,00 → 75,00 | 100,00 → 75,00 | thiếu 1 báo cáo |"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn render_diff_markdown(card: &AppraisedScorecard, lang: Lang) -> String {
    let mut out = String::new();
    let fin = card.final_card();
    let _ = writeln!(
        out,
        "# {}: {} — {}\n",
        lang.pick("Kết quả thẩm định", "Appraisal"),
        fin.unit.name,
        super::number::period_label(&fin.period, lang)
    );
    let pct = |i: Option<Decimal>| i.map(|i| format_percent(i, lang)).unwrap_or_default();
    let s = &card.self_assessed.total;
    let _ = writeln!(
        out,
        "{} {} ({}) → {} {} ({}); {} +{}, {} −{} → {} {} ({}).\n",
        lang.pick("Tự đánh giá", "Self-assessed"),
        pts(s.points, lang),
        pct(s.index),
        lang.pick("thẩm định", "appraised"),
        pts(fin.total.points, lang),
        pct(fin.total.index),
        lang.pick("thưởng", "bonus"),
        pts(card.bonus.counted, lang),
        lang.pick("phạt", "penalty"),
        pts(card.penalty.counted, lang),
        lang.pick("chỉ số", "index"),
        pts(card.total.points, lang),
        pct(card.total.index),
    );
    for (i, r) in card.rounds.iter().enumerate() {
        let _ = writeln!(
            out,
            "- {} {}: {} ({})",
            lang.pick("Lần", "Round"),
            i + 1,
            pts(r.total.points, lang),
            pct(r.total.index)
        );
    }
    if card.changes.is_empty() {
        out.push_str(lang.pick(
            "\nKhông có thay đổi: điểm tự đánh giá được công nhận.\n",
            "\nNo change: the self-assessment is accepted.\n",
        ));
        return out;
    }
    out.push('\n');
    out.push_str(&table(card, lang).markdown());
    out.push_str(lang.pick(
        "\nẢnh hưởng của mỗi thay đổi được tính riêng, trên kết quả của lần trước.\n",
        "\nEach change's effect is computed alone, on top of the previous round.\n",
    ));
    out
}

/// The appraisal changes as CSV, the columns of [`render_diff_markdown`]'s table.
///
/// # Example
/// ```
/// # use par_index::{assessment::Appraisal, Evidence, report::Lang, RuleSet, assessment::evaluate_appraised, report::render_diff_csv};
/// # let rs = RuleSet::from_toml_str(r#"
/// # id = "demo"
/// # title = "Demo"
/// # level = "commune"
/// # years = { from = 2024 }
/// # scale = 2
/// # document = { number = "1/QĐ" }
/// # [[areas]]
/// # code = "1"
/// # title = "Report"
/// # max = 2
/// # provenance = { document = "1/QĐ", verified = true }
/// # rule = { kind = "manual" }
/// # "#)?;
/// # let ev = Evidence::from_json_str(r#"{"unit":{"name":"A","level":"commune"},"period":{"year":2024},"evidence":{"1":{"points":"2"}}}"#)?;
/// let a = Appraisal::from_json_str(r#"{"rounds":[{"round":1,"changes":{"1":{"points":"1.5","reason":"one report missing"}}}]}"#)?;
/// let csv = render_diff_csv(&evaluate_appraised(&rs, &ev, &a)?, Lang::En);
/// assert!(csv.ends_with("1,1,Report,2,1.5,-0.5,1: 100.00 → 75.00,100.00 → 75.00,one report missing,set by appraisal round 1: one report missing → 1.5 of 2,1/QĐ\r\n"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn render_diff_csv(card: &AppraisedScorecard, lang: Lang) -> String {
    table(card, lang).csv()
}
