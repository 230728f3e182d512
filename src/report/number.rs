//! Numbers as people read them: Vietnamese `81,25%`, `4.857`, `234.708.830.632`; English
//! `81.25%`, `4,857`.

use rust_decimal::Decimal;

use crate::decimal::{RoundingMode, fixed, plain};

/// The language of a report. Vietnamese is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Lang {
    /// Tiếng Việt: decimal comma, `.` between thousands.
    #[default]
    Vi,
    /// English: decimal point, `,` between thousands.
    En,
}

impl Lang {
    /// Picks the Vietnamese or the English text.
    pub(crate) fn pick<'a>(self, vi: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
}

/// Writes a decimal for a reader: thousands grouped, the language's decimal mark, and either
/// exactly `decimals` places (rounded half-up) or, with `None`, the value's own digits without
/// trailing zeros.
///
/// # Example
/// ```
/// use par_index::{report::Lang, report::format_number};
/// let d = |s: &str| par_index::scoring::parse_decimal(s).unwrap();
/// assert_eq!(format_number(d("4857"), None, Lang::Vi), "4.857");
/// assert_eq!(format_number(d("234708830632"), None, Lang::Vi), "234.708.830.632");
/// assert_eq!(format_number(d("81.25"), Some(2), Lang::Vi), "81,25");
/// assert_eq!(format_number(d("1234.5"), Some(2), Lang::En), "1,234.50");
/// assert_eq!(format_number(d("0.125"), Some(2), Lang::Vi), "0,13"); // half-up
/// ```
#[must_use]
pub fn format_number(value: Decimal, decimals: Option<u32>, lang: Lang) -> String {
    let text = match decimals {
        Some(n) => fixed(RoundingMode::HalfUp.round(value, n), n),
        None => plain(value),
    };
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let (group, mark) = match lang {
        Lang::Vi => ('.', ','),
        Lang::En => (',', '.'),
    };
    let mut out = String::from(sign);
    let len = int.chars().count();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (len - i) % 3 == 0 {
            out.push(group);
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(mark);
        out.push_str(frac);
    }
    out
}

/// A percentage with 2 decimals (half-up) and `%`: `81,25%` in Vietnamese, `81.25%` in English.
///
/// # Example
/// ```
/// use par_index::{report::Lang, report::format_percent};
/// let x = par_index::scoring::parse_decimal("81.25")?;
/// assert_eq!(format_percent(x, Lang::Vi), "81,25%");
/// assert_eq!(format_percent(x, Lang::En), "81.25%");
/// # Ok::<(), par_index::Error>(())
/// ```
#[must_use]
pub fn format_percent(value: Decimal, lang: Lang) -> String {
    format!("{}%", format_number(value, Some(2), lang))
}

/// Points: the value's own digits, grouped (`14,5`, `1.234,25`).
pub(crate) fn pts(value: Decimal, lang: Lang) -> String {
    format_number(value, None, lang)
}

/// A period as a heading says it: `năm 2023`, `quý III năm 2023`, `tháng 3 năm 2023`;
/// `year 2023`, `Q3 2023`, `03/2023`.
pub(crate) fn period_label(period: &crate::evidence::Period, lang: Lang) -> String {
    const ROMAN: [&str; 4] = ["I", "II", "III", "IV"];
    let y = period.year;
    match (period.quarter, period.month, lang) {
        (Some(q), _, Lang::Vi) => {
            let roman = usize::from(q)
                .checked_sub(1)
                .and_then(|i| ROMAN.get(i))
                .map_or_else(|| q.to_string(), |r| (*r).to_string());
            format!("quý {roman} năm {y}")
        }
        (Some(q), _, Lang::En) => format!("Q{q} {y}"),
        (None, Some(m), Lang::Vi) => format!("tháng {m} năm {y}"),
        (None, Some(m), Lang::En) => format!("{m:02}/{y}"),
        (None, None, Lang::Vi) => format!("năm {y}"),
        (None, None, Lang::En) => format!("year {y}"),
    }
}

/// `text` in parentheses, unless it is already wrapped in them: a document written
/// `(dựng lại, ...)` is shown once, never as `((dựng lại, ...))`.
pub(crate) fn in_parens(text: &str) -> String {
    if text.starts_with('(') && text.ends_with(')') {
        text.to_string()
    } else {
        format!("({text})")
    }
}

/// Values of one column written alike: as many decimals as the longest needs (`44,20` beside
/// `46,09`, never `44,2`).
pub(crate) fn column_decimals(values: impl IntoIterator<Item = Decimal>) -> u32 {
    values
        .into_iter()
        .map(|v| v.normalize().scale())
        .max()
        .unwrap_or(0)
}

/// A share for an explanation: 2 decimals, without a `,00` tail on whole numbers.
pub(crate) fn share(value: Decimal, lang: Lang) -> String {
    let r = RoundingMode::HalfUp.round(value, 2);
    if r.fract().is_zero() {
        format_number(r, None, lang)
    } else {
        format_number(r, Some(2), lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap_or_default()
    }

    #[test]
    fn vietnamese_and_english_numbers() {
        for (x, dp, vi, en) in [
            ("81.25", Some(2), "81,25", "81.25"),
            ("4857", None, "4.857", "4,857"),
            ("234708830632", None, "234.708.830.632", "234,708,830,632"),
            ("100", Some(2), "100,00", "100.00"),
            ("999", None, "999", "999"),
            ("1000", None, "1.000", "1,000"),
            ("-1234.5", None, "-1.234,5", "-1,234.5"),
            ("0.125", Some(2), "0,13", "0.13"), // half-up, not half-even (0.12)
            ("83.335", Some(2), "83,34", "83.34"), // half-up
            ("0", Some(2), "0,00", "0.00"),
            ("14.50", None, "14,5", "14.5"),
        ] {
            assert_eq!(format_number(d(x), dp, Lang::Vi), vi, "{x}");
            assert_eq!(format_number(d(x), dp, Lang::En), en, "{x}");
        }
        assert_eq!(format_percent(d("81.25"), Lang::Vi), "81,25%");
        assert_eq!(share(d("83.3333"), Lang::Vi), "83,33");
        assert_eq!(share(d("110"), Lang::Vi), "110");
    }

    #[test]
    fn parentheses_are_added_unless_the_text_is_already_wrapped_in_them() {
        assert_eq!(in_parens("1/QĐ"), "(1/QĐ)");
        assert_eq!(in_parens("(dựng lại)"), "(dựng lại)");
        // Opened or closed at one end only: not wrapped, so wrapped once more.
        assert_eq!(in_parens("(dựng lại"), "((dựng lại)");
        assert_eq!(in_parens("số 1 (sửa đổi)"), "(số 1 (sửa đổi))");
    }
}
