//! Errors as plain text in Vietnamese or English. In Vietnamese each problem is named in
//! Vietnamese from its kind, and the detail (which quotes the values at fault) follows in
//! parentheses as the engine wrote it.

use std::fmt::Write as _;

use super::{
    EvalError, EvidenceError, EvidenceIssue, EvidenceIssueCode, IssueCode, LoadError,
    ValidationIssue,
};
use crate::report::Lang;

fn problems(n: usize, what_vi: &str) -> String {
    format!("{n} lỗi trong {what_vi}:")
}

impl EvalError {
    /// The error as plain text in `lang`; in English, as its `Display`.
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
    /// let ev = Evidence::from_json_str(r#"{"unit":{"name":"A","level":"commune"},"period":{"year":2024},"evidence":{"2":{"met":true}}}"#)?;
    /// let text = evaluate(&rs, &ev).unwrap_err().to_text(Lang::Vi);
    /// assert!(text.starts_with("1 lỗi trong tài liệu kiểm chứng:\n  - evidence[\"2\"]: mã không có trong bộ tiêu chí"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn to_text(&self, lang: Lang) -> String {
        match (self, lang) {
            (_, Lang::En) => self.to_string(),
            (EvalError::Evidence { issues }, Lang::Vi) => {
                let mut out = problems(issues.len(), "tài liệu kiểm chứng");
                for i in issues {
                    let _ = write!(out, "\n  - {}", evidence_issue_vi(i));
                }
                out
            }
            (EvalError::Overflow { path }, Lang::Vi) => {
                format!("{path}: phép tính vượt phạm vi của số thập phân")
            }
        }
    }
}

fn evidence_issue_vi(i: &EvidenceIssue) -> String {
    let what = match i.code {
        EvidenceIssueCode::UnknownCode => "mã không có trong bộ tiêu chí",
        EvidenceIssueCode::NotALeaf => {
            "tiêu chí này có tiêu chí con: tài liệu kiểm chứng ghi cho tiêu chí con"
        }
        EvidenceIssueCode::WrongShape => "dữ liệu không đúng dạng quy tắc chấm điểm cần",
        EvidenceIssueCode::UnknownOption => "lựa chọn không có trong quy tắc chấm điểm",
        EvidenceIssueCode::NumeratorAboveDenominator => "tử số lớn hơn mẫu số",
        EvidenceIssueCode::Negative => "số âm: cần từ 0 trở lên",
        EvidenceIssueCode::NotWhole => "số đếm phải là số nguyên",
        EvidenceIssueCode::OutOfRange => "điểm hoặc tỷ lệ ngoài phạm vi cho phép",
        EvidenceIssueCode::LevelMismatch => "cấp của đơn vị khác cấp bộ tiêu chí đánh giá",
        EvidenceIssueCode::YearOutOfRange => "năm đánh giá ngoài thời gian áp dụng bộ tiêu chí",
        EvidenceIssueCode::RuleSetMismatch => "tài liệu được lập cho bộ tiêu chí khác",
        EvidenceIssueCode::MalformedNumber => "số liệu báo cáo không đọc được",
        EvidenceIssueCode::MalformedDocument => "văn bản hoặc ngày tháng không đọc được",
        EvidenceIssueCode::Duplicate => "trùng mã hoặc trùng định danh",
        EvidenceIssueCode::Limit => "vượt giới hạn cho phép",
    };
    format!("{}: {what} ({})", i.path, i.message)
}

impl LoadError {
    /// The error as plain text in `lang`; in English, as its `Display`.
    #[must_use]
    pub fn to_text(&self, lang: Lang) -> String {
        let file = |f: Option<&std::path::PathBuf>| {
            f.map(|f| format!("{}: ", f.display())).unwrap_or_default()
        };
        match (self, lang) {
            (_, Lang::En) => self.to_string(),
            (LoadError::Io { file, source }, Lang::Vi) => {
                format!("{}: không đọc được tệp ({source})", file.display())
            }
            (
                LoadError::Syntax {
                    file: f,
                    line,
                    column,
                    message,
                },
                Lang::Vi,
            ) => format!(
                "{}dòng {line}, cột {column}: tệp không đúng cú pháp TOML ({message})",
                file(f.as_ref())
            ),
            (LoadError::Invalid { file: f, issues }, Lang::Vi) => {
                let mut out = file(f.as_ref());
                out.push_str(&problems(issues.len(), "bộ tiêu chí"));
                for i in issues {
                    let _ = write!(out, "\n  - {}", validation_issue_vi(i));
                }
                out
            }
        }
    }
}

fn validation_issue_vi(i: &ValidationIssue) -> String {
    let what = match i.code {
        IssueCode::UnknownField => "trường không có trong định dạng",
        IssueCode::WrongType => "giá trị sai kiểu",
        IssueCode::FloatDecimal => {
            "số thập phân phải viết trong dấu ngoặc kép, không viết dạng số thực"
        }
        IssueCode::Empty => "giá trị trống",
        IssueCode::Negative => "số âm",
        IssueCode::OutOfRange => "giá trị ngoài phạm vi cho phép",
        IssueCode::Duplicate => "trùng lặp",
        IssueCode::MaxMismatch => "điểm tối đa không bằng tổng điểm các tiêu chí con",
        IssueCode::ScaleMismatch => "tổng điểm các lĩnh vực không bằng thang điểm",
        IssueCode::Extends => "không tìm thấy bộ tiêu chí hoặc tiêu chí được bổ sung, thay thế",
        IssueCode::NodeShape => "tiêu chí không đúng cấu trúc",
        IssueCode::MissingProvenance => "thiếu căn cứ (provenance)",
        IssueCode::RuleField => "quy tắc chấm điểm thiếu hoặc thừa trường",
        IssueCode::PointsOutOfRange => "điểm ngoài khoảng từ 0 đến điểm tối đa",
        IssueCode::BandOrder => "các khung không theo thứ tự từ cao xuống thấp",
        IssueCode::BandGap => "các khung để hở một khoảng giá trị",
        IssueCode::BandOverlap => "các khung chồng lên nhau",
        IssueCode::BandEdges => "cận của khung không hợp lệ",
        IssueCode::Classification => "thang xếp loại không hợp lệ",
        IssueCode::Limit => "vượt giới hạn cho phép",
    };
    match i.line {
        Some(line) => format!("{} (dòng {line}): {what} ({})", i.path, i.message),
        None => format!("{}: {what} ({})", i.path, i.message),
    }
}

impl EvidenceError {
    /// The error as plain text in `lang`; in English, as its `Display`.
    #[must_use]
    pub fn to_text(&self, lang: Lang) -> String {
        match (self, lang) {
            (_, Lang::En) => self.to_string(),
            (
                EvidenceError::Json {
                    file,
                    path,
                    line,
                    column,
                    message,
                },
                Lang::Vi,
            ) => format!(
                "{}{path} (dòng {line}, cột {column}): tài liệu kiểm chứng không đọc được ({message})",
                file.as_ref()
                    .map(|f| format!("{}: ", f.display()))
                    .unwrap_or_default()
            ),
            (EvidenceError::Io { file, message }, Lang::Vi) => {
                format!("{}: không đọc được tệp ({message})", file.display())
            }
            (EvidenceError::TooLarge { bytes, limit }, Lang::Vi) => {
                format!("tài liệu kiểm chứng có {bytes} byte, vượt giới hạn {limit} byte")
            }
            (
                EvidenceError::Limit {
                    file,
                    path,
                    line,
                    column,
                    limit,
                    value,
                    max,
                },
                Lang::Vi,
            ) => format!(
                "{}{path} (dòng {line}, cột {column}): {value} vượt giới hạn `{limit}` là {max}",
                file.as_ref()
                    .map(|f| format!("{}: ", f.display()))
                    .unwrap_or_default()
            ),
        }
    }
}
