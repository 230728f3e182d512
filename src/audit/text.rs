//! The audit as plain text, in Vietnamese or English.

use std::fmt::Write as _;

use super::{AuditCheck, AuditFinding, AuditReport, Severity};
use crate::report::Lang;

impl AuditReport {
    /// Renders the audit as plain text in `lang`: a count line, then one line per mismatch
    /// (in Vietnamese: `báo cáo ghi ..., tính lại được ...`).
    ///
    /// # Example
    /// ```
    /// # use par_index::{Evidence, report::Lang, RuleSet, analysis::audit};
    /// # let rs = RuleSet::from_toml_str(r#"
    /// # id = "demo"
    /// # title = "Demo"
    /// # level = "district"
    /// # years = { from = 2023 }
    /// # scale = 1
    /// # document = { number = "01/QĐ-UBND" }
    /// # [[areas]]
    /// # code = "1"
    /// # title = "Hồ sơ trực tuyến"
    /// # max = 1
    /// # provenance = { document = "01/QĐ-UBND", verified = false }
    /// # rule = { kind = "proportional" }
    /// # "#)?;
    /// let ev = Evidence::from_json_str(r#"{"unit":{"name":"A","level":"district"},"period":{"year":2023},
    ///   "evidence":{"1":{"numerator":4337,"denominator":4857,"reported":{"percent":"89,92%"}}}}"#)?;
    /// let text = audit(&rs, &ev)?.to_text(Lang::Vi);
    /// assert!(text.contains("báo cáo ghi `89,92%`, tính lại được `89,29%`"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn to_text(&self, lang: Lang) -> String {
        let mut out = match lang {
            Lang::Vi => format!(
                "Kiểm tra số liệu: {} phép kiểm tra, {} số liệu không khớp\n",
                self.checked,
                self.findings.len()
            ),
            Lang::En => format!(
                "Audit: {} check{}, {} mismatch{}\n",
                self.checked,
                if self.checked == 1 { "" } else { "s" },
                self.findings.len(),
                if self.findings.len() == 1 { "" } else { "es" }
            ),
        };
        for f in &self.findings {
            let _ = match lang {
                Lang::Vi => writeln!(out, "  - {}", finding_vi(f)),
                Lang::En => writeln!(out, "  - {f}"),
            };
        }
        out
    }
}

fn finding_vi(f: &AuditFinding) -> String {
    let check = match f.check {
        AuditCheck::Percent => "tỷ lệ phần trăm",
        AuditCheck::Sum => "tổng các phần",
        AuditCheck::Count => "số đếm",
        AuditCheck::Document => "văn bản dẫn chứng",
    };
    let severity = match f.severity {
        Severity::Minor => "sai số làm tròn",
        Severity::Major => "sai số liệu",
    };
    format!(
        "{}: báo cáo ghi `{}`, tính lại được `{}` ({check}; {severity})",
        f.path, f.reported, f.computed
    )
}
