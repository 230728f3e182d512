//! The ranking report: the ranking by total index, the sub-index of every area with its rank,
//! and the summaries per classification.

use std::fmt::Write as _;

use super::number::{Lang, format_number};
use super::table::{Align, Table};
use crate::cycle::{BatchResult, RankRow, RankedBy, Stat};
use crate::model::TieBreak;

fn idx(i: Option<rust_decimal::Decimal>, lang: Lang) -> String {
    i.map(|i| format_number(i, Some(2), lang))
        .unwrap_or_default()
}

fn rank(r: &RankRow, lang: Lang) -> String {
    if r.tied {
        format!("{} ({})", r.rank, lang.pick("đồng hạng", "tied"))
    } else {
        r.rank.to_string()
    }
}

fn tie_text(tie: &TieBreak, lang: Lang) -> String {
    match tie {
        TieBreak::None => lang
            .pick(
                "không có; đơn vị bằng chỉ số thì đồng hạng",
                "none; units with equal indexes share a rank",
            )
            .to_string(),
        TieBreak::AppraisedPoints => lang
            .pick(
                "điểm thẩm định cao hơn xếp trên",
                "higher appraised points rank first",
            )
            .to_string(),
        TieBreak::Area { code } => match lang {
            Lang::Vi => format!("chỉ số thành phần lĩnh vực {code} cao hơn xếp trên"),
            Lang::En => format!("higher sub-index of area {code} ranks first"),
        },
    }
}

fn rescaled(result: &BatchResult, entry: usize) -> bool {
    result
        .units
        .get(entry)
        .is_some_and(|u| u.card.total.rescaled)
}

fn table(result: &BatchResult, lang: Lang, csv: bool) -> Table {
    let mut cols: Vec<(String, Align)> = vec![
        (lang.pick("Hạng", "Rank").into(), Align::Left),
        (lang.pick("Đơn vị", "Unit").into(), Align::Left),
        (lang.pick("Tổng điểm", "Points").into(), Align::Right),
        (lang.pick("Chỉ số (%)", "Index (%)").into(), Align::Right),
        (lang.pick("Xếp loại", "Class").into(), Align::Left),
    ];
    for r in &result.area_rankings {
        if let RankedBy::Area { code, .. } = &r.by {
            cols.push((
                format!("{} {code} (%)", lang.pick("Lĩnh vực", "Area")),
                Align::Right,
            ));
            if csv {
                cols.push((
                    format!("{} {code}", lang.pick("Hạng lĩnh vực", "Area rank")),
                    Align::Right,
                ));
            }
        }
    }
    let mut t = Table {
        header: cols,
        rows: Vec::new(),
    };
    let decimals = super::number::column_decimals(result.ranking.rows.iter().map(|r| r.points));
    for row in &result.ranking.rows {
        let mut cells = vec![
            if csv {
                row.rank.to_string()
            } else {
                rank(row, lang)
            },
            row.unit.clone(),
            format_number(row.points, Some(decimals), lang),
            if !csv && rescaled(result, row.entry) {
                format!("{}*", idx(row.index, lang))
            } else {
                idx(row.index, lang)
            },
            row.class.clone().unwrap_or_default(),
        ];
        for r in &result.area_rankings {
            let a = r.rows.iter().find(|a| a.entry == row.entry);
            let i = idx(a.and_then(|a| a.index), lang);
            let k = a.map(|a| a.rank.to_string()).unwrap_or_default();
            if csv {
                cells.push(i);
                cells.push(k);
            } else {
                cells.push(format!("{i} ({k})"));
            }
        }
        t.row(cells);
    }
    t
}

/// The ranking of a batch as Markdown: rank (tied units share it), unit, points, index, class,
/// each area's sub-index with its rank in brackets; the tie-break and the criteria set it
/// rests on; the summaries per classification (count, mean, median, min, max, rounded half-up
/// to 2 decimals).
///
/// # Example
/// ```
/// # use par_index::{assessment::Batch, report::Lang, RuleSet, assessment::score_batch, report::render_ranking_markdown};
/// # let rs = RuleSet::from_toml_str(r#"
/// # id = "demo"
/// # title = "Demo"
/// # level = "commune"
/// # years = { from = 2024 }
/// # scale = 10
/// # document = { number = "1/QĐ" }
/// # [[areas]]
/// # code = "1"
/// # title = "Kết quả"
/// # max = 10
/// # provenance = { document = "1/QĐ", verified = false }
/// # rule = { kind = "manual" }
/// # "#)?;
/// # let batch = Batch::from_json_str(r#"{ "units": [
/// #   { "unit": { "name": "Xã A", "level": "commune" }, "period": { "year": 2024 }, "evidence": { "1": { "points": "8.125" } } }
/// # ] }"#)?;
/// let md = render_ranking_markdown(&score_batch(&rs, &batch)?, Lang::Vi);
/// assert!(md.contains("| 1 | Xã A | 8,13 | 81,30 |  | 81,30 (1) |")); // 8.125 → 8.13 half-up
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn render_ranking_markdown(result: &BatchResult, lang: Lang) -> String {
    let mut out = String::new();
    write_ranking_heading(&mut out, result, lang);
    out.push_str(&table(result, lang, false).markdown());
    write_ranking_notes(&mut out, result, lang);
    write_class_summary(&mut out, result, lang);
    out
}

/// Writes the ranking's title, its basis (căn cứ: document and period) and its tie-break.
fn write_ranking_heading(out: &mut String, result: &BatchResult, lang: Lang) {
    let _ = writeln!(
        out,
        "# {} — `{}` ({} {})\n",
        lang.pick("Xếp hạng chỉ số cải cách hành chính", "PAR Index ranking"),
        result.ruleset,
        result.units.len(),
        lang.pick("đơn vị", "units")
    );
    if let Some(u) = result.units.first() {
        let fin = u.card.final_card();
        let _ = writeln!(
            out,
            "{}: {} {}, {}.\n",
            lang.pick("Căn cứ", "Basis"),
            fin.ruleset.document,
            super::number::in_parens(&fin.ruleset.title),
            super::number::period_label(&fin.period, lang)
        );
    }
    let _ = writeln!(
        out,
        "{}: {}.\n",
        lang.pick("Tiêu chí phụ khi bằng chỉ số", "Tie-break"),
        tie_text(&result.ranking.tie_break, lang)
    );
}

/// Writes the notes under the ranking table: the no-survey footnote and the areas' codes.
fn write_ranking_notes(out: &mut String, result: &BatchResult, lang: Lang) {
    if result.units.iter().any(|u| u.card.total.rescaled) {
        out.push_str(lang.pick(
            "\n\\* Không có điều tra xã hội học: chỉ số quy về thang điểm 100 từ phần thẩm định.\n",
            "\n\\* No survey: the index is the appraised part brought to the scale.\n",
        ));
    }
    let areas: Vec<String> = result
        .area_rankings
        .iter()
        .filter_map(|r| match &r.by {
            RankedBy::Area { code, title } => Some(format!("{code}: {title}")),
            RankedBy::Total => None,
        })
        .collect();
    if !areas.is_empty() {
        let _ = writeln!(
            out,
            "\n{}: {}.",
            lang.pick("Lĩnh vực", "Areas"),
            areas.join("; ")
        );
    }
}

/// Writes the summary per class (thống kê theo xếp loại): count, mean, median, min and max.
fn write_class_summary(out: &mut String, result: &BatchResult, lang: Lang) {
    let _ = writeln!(
        out,
        "\n## {}\n",
        lang.pick("Thống kê theo xếp loại", "Summary per class")
    );
    let mut t = Table::new(&[
        (lang.pick("Nhóm", "Group"), Align::Left),
        (lang.pick("Số đơn vị", "Units"), Align::Right),
        (lang.pick("Trung bình", "Mean"), Align::Right),
        (lang.pick("Trung vị", "Median"), Align::Right),
        (lang.pick("Thấp nhất", "Min"), Align::Right),
        (lang.pick("Cao nhất", "Max"), Align::Right),
    ]);
    let s = |x: Option<Stat>| {
        x.map(|x| format_number(x.rounded, Some(2), lang))
            .unwrap_or_default()
    };
    for sum in &result.summaries {
        let group = match sum.group.as_str() {
            "all" => lang.pick("Tất cả", "All").to_string(),
            "none" => lang.pick("Chưa xếp loại", "No class").to_string(),
            g => g.to_string(),
        };
        t.row(vec![
            group,
            sum.count.to_string(),
            s(sum.mean),
            s(sum.median),
            s(sum.min),
            s(sum.max),
        ]);
    }
    out.push_str(&t.markdown());
}

/// The ranking as CSV: rank, unit, points, index, class, then each area's sub-index and rank.
///
/// # Example
/// ```
/// # use par_index::{assessment::Batch, report::Lang, RuleSet, assessment::score_batch, report::render_ranking_csv};
/// # let rs = RuleSet::from_toml_str(r#"
/// # id = "demo"
/// # title = "Demo"
/// # level = "commune"
/// # years = { from = 2024 }
/// # scale = 10
/// # document = { number = "1/QĐ" }
/// # [[areas]]
/// # code = "1"
/// # title = "Kết quả"
/// # max = 10
/// # provenance = { document = "1/QĐ", verified = false }
/// # rule = { kind = "manual" }
/// # "#)?;
/// # let batch = Batch::from_json_str(r#"{ "units": [
/// #   { "unit": { "name": "Xã A", "level": "commune" }, "period": { "year": 2024 }, "evidence": { "1": { "points": "8.125" } } }
/// # ] }"#)?;
/// let csv = render_ranking_csv(&score_batch(&rs, &batch)?, Lang::Vi);
/// assert_eq!(csv, "Hạng,Đơn vị,Tổng điểm,Chỉ số (%),Xếp loại,Lĩnh vực 1 (%),Hạng lĩnh vực 1\r\n1,Xã A,\"8,13\",\"81,30\",,\"81,30\",1\r\n");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn render_ranking_csv(result: &BatchResult, lang: Lang) -> String {
    table(result, lang, true).csv()
}
