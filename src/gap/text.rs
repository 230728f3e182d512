//! The gaps and the plan as plain text, in Vietnamese or English.

use std::fmt::Write as _;

use rust_decimal::Decimal;

use super::{EvidenceChange, GapReport};
use crate::report::{Lang, format_number, measure_vi};

impl GapReport {
    /// Renders the analysis as plain text in `lang`: the points now, the most still
    /// attainable, then the plan, one step a line.
    ///
    /// # Example
    /// ```
    /// # use par_index::{Evidence, report::Lang, RuleSet, analysis::gaps};
    /// # let rs = RuleSet::from_toml_str(r#"
    /// # id = "demo"
    /// # title = "Demo"
    /// # level = "district"
    /// # years = { from = 2023 }
    /// # scale = 1
    /// # document = { number = "01/QĐ-UBND" }
    /// # [[areas]]
    /// # code = "1"
    /// # title = "Báo cáo"
    /// # max = 1
    /// # provenance = { document = "01/QĐ-UBND", verified = false }
    /// # rule = { kind = "check" }
    /// # "#)?;
    /// let ev = Evidence::from_json_str(r#"{"unit":{"name":"A","level":"district"},"period":{"year":2023}}"#)?;
    /// let text = gaps(&rs, &ev)?.to_text(Lang::Vi);
    /// assert!(text.contains("- 1 Báo cáo: bổ sung tài liệu kiểm chứng"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn to_text(&self, lang: Lang) -> String {
        let mut out = String::new();
        let index = |i: Option<Decimal>| {
            i.map_or_else(
                || lang.pick("không áp dụng", "n/a").to_string(),
                |i| format!("{}%", format_number(i, Some(2), lang)),
            )
        };
        let num = |d: Decimal| format_number(d, None, lang);
        let a = &self.attainable;
        let _ = match lang {
            Lang::Vi => writeln!(
                out,
                "Phân tích điểm còn thiếu ({}đến ngày {}): {} điểm, chỉ số {}\nCó thể đạt tối đa: {} / {} điểm, chỉ số {} ({} tiêu chí đã chốt, {} tiêu chí còn thay đổi được)\nKế hoạch:",
                if self.provisional {
                    "tạm tính, "
                } else {
                    ""
                },
                date_vi(&self.as_of),
                num(self.points),
                index(self.index),
                num(a.points),
                num(a.applicable_max),
                index(a.index),
                a.final_leaves,
                a.open_leaves
            ),
            Lang::En => writeln!(
                out,
                "Gaps ({}as of {}): {} points, index {}\nAttainable: {} / {} points, index {} ({} final leaves, {} open)\nPlan:",
                if self.provisional {
                    "provisional, "
                } else {
                    ""
                },
                self.as_of,
                num(self.points),
                index(self.index),
                num(a.points),
                num(a.applicable_max),
                index(a.index),
                a.final_leaves,
                a.open_leaves
            ),
        };
        for i in &self.plan {
            let change = match lang {
                Lang::Vi => change_vi(&i.step.change),
                Lang::En => i.step.change.to_string(),
            };
            let (gain, after) = (num(i.step.gain), num(i.step.points_after));
            let _ = writeln!(
                out,
                "  - {} {}: {change}: +{gain} (→ {after})",
                i.code, i.title
            );
        }
        out
    }
}

/// `YYYY-MM-DD` as `DD/MM/YYYY`; anything else as written.
fn date_vi(iso: &str) -> String {
    let mut parts = iso.split('-');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(y), Some(m), Some(d)) => format!("{d}/{m}/{y}"),
        _ => iso.to_string(),
    }
}

fn change_vi(change: &EvidenceChange) -> String {
    let n = |d: Decimal| format_number(d, None, Lang::Vi);
    let m = |m: &Option<String>, default: &'static str| {
        m.as_deref().map_or(default, measure_vi).to_string()
    };
    let diff = |a: Decimal, b: Decimal| a.checked_sub(b).map_or_else(|| "rất nhiều".into(), n);
    match change {
        EvidenceChange::Numerator {
            from,
            to,
            of,
            measure,
        } => format!(
            "{} hoàn thành {} → {} trên {} (thêm {})",
            m(measure, "mục"),
            n(*from),
            n(*to),
            n(*of),
            diff(*to, *from)
        ),
        EvidenceChange::Share { from, to } => format!("tỷ lệ {}% → {}%", n(*from), n(*to)),
        EvidenceChange::More { from, to, measure } => format!(
            "{} {} → {} (thêm {})",
            m(measure, "số lượng"),
            n(*from),
            n(*to),
            diff(*to, *from)
        ),
        EvidenceChange::Fewer { from, to, measure } => format!(
            "{} {} → {} (bớt {})",
            m(measure, "số lượng"),
            n(*from),
            n(*to),
            diff(*from, *to)
        ),
        EvidenceChange::Level { from, to, label } => format!("kết quả `{from}` → `{to}` ({label})"),
        EvidenceChange::Meet { conditions } if conditions.is_empty() => "đáp ứng tiêu chí".into(),
        EvidenceChange::Meet { conditions } => format!("đáp ứng: {}", conditions.join("; ")),
        EvidenceChange::Issue { outcome, deadline } => {
            let outcome = match outcome.as_str() {
                "on_time" => "đúng hạn",
                "late" => "chậm",
                other => other,
            };
            format!("ban hành văn bản (hạn {}): {outcome}", date_vi(deadline))
        }
        EvidenceChange::Supply => "bổ sung tài liệu kiểm chứng (không có thì tính 0 điểm)".into(),
        EvidenceChange::Cite => "dẫn văn bản kiểm chứng".into(),
    }
}
