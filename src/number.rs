//! Numbers as Vietnamese reports write them (số liệu báo cáo): `81,25%`, `4.857`,
//! `234.708.830.632 đồng`, `72,5%`, and plain `81.25`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;

use rust_decimal::Decimal;

/// A figure read from a report: its exact value, the precision it was written with, and
/// whether it is a percentage.
///
/// # Example
/// ```
/// use par_index::evidence::ReportedNumber;
///
/// let p: ReportedNumber = "81,25%".parse()?;
/// assert_eq!(p.value.to_string(), "81.25");
/// assert_eq!((p.decimals, p.percent), (2, true));
///
/// let n: ReportedNumber = "234.708.830.632 đồng".parse()?;
/// assert_eq!(n.value.to_string(), "234708830632");
/// assert_eq!(n.unit.as_deref(), Some("đồng"));
///
/// // one `.` and three digits: thousands, as in Vietnamese
/// assert_eq!("1.845".parse::<ReportedNumber>()?.value.to_string(), "1845");
/// assert_eq!("81.25".parse::<ReportedNumber>()?.value.to_string(), "81.25");
/// # Ok::<(), par_index::evidence::NumberError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportedNumber {
    /// The exact value (`81,25%` → 81.25).
    pub value: Decimal,
    /// Digits after the decimal point as written: the precision of the figure.
    pub decimals: u32,
    /// Whether it was written with `%`.
    pub percent: bool,
    /// A unit word written after the number (`đồng`, `hồ sơ`), when any.
    pub unit: Option<String>,
    /// The text as written.
    pub text: String,
}

/// A figure that could not be read as a number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize, JsonSchema)]
#[error("`{text}` is not a number as reports write it: {reason}")]
pub struct NumberError {
    /// The text.
    pub text: String,
    /// What is wrong.
    pub reason: String,
}

impl std::str::FromStr for ReportedNumber {
    type Err = NumberError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_reported(s)
    }
}

impl fmt::Display for ReportedNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// Reads a figure as Vietnamese reports write it.
///
/// # The rule for `.` and `,`
/// Vietnamese writing uses `.` to group thousands and `,` as the decimal point. A figure is
/// read as follows:
/// - with a `,`: the `,` is the decimal point (only one allowed) and every `.` before it groups
///   thousands (`1.234,5` = 1234.5);
/// - without a `,`, with two or more `.`: every `.` groups thousands, so each group after the
///   first has exactly three digits (`234.708.830.632`);
/// - without a `,`, with one `.` followed by exactly three digits: **thousands** (`1.845` =
///   one thousand eight hundred forty-five, `4.857` = 4857), the Vietnamese reading, because
///   reports write counts and amounts this way and rarely give three decimals;
/// - without a `,`, with one `.` followed by other than three digits: the decimal point
///   (`81.25`, `0.5`, `64.9`), so plain decimals are accepted too; so is a single `.` after a
///   leading `0` (`0.125`), which cannot group thousands.
///
/// Write `1,845` for the decimal 1.845. The number of digits after the decimal point is kept:
/// it is the precision the figure was reported with (`64,9%` has one decimal).
///
/// A trailing `%` marks a percentage; a trailing word (`đồng`, `hồ sơ`) is kept as the unit.
///
/// # Errors
/// [`NumberError`] for an empty text, stray characters, two decimal commas, or thousands
/// groups that are not three digits (`1.84.5`).
pub fn parse_reported(text: &str) -> Result<ReportedNumber, NumberError> {
    let err = |reason: &str| NumberError {
        text: text.to_string(),
        reason: reason.to_string(),
    };
    let t = text.trim();
    let end = t
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '+')))
        .map_or(t.len(), |(i, _)| i);
    let (body, rest) = t.split_at(end);
    let rest = rest.trim();
    let (percent, unit) = match rest.strip_prefix('%') {
        Some(after) if after.trim().is_empty() => (true, None),
        Some(_) => return Err(err("nothing may follow `%`")),
        None if rest.is_empty() => (false, None),
        None if rest.chars().all(|c| c.is_alphabetic() || c == ' ') => {
            (false, Some(rest.to_string()))
        }
        None => return Err(err("expected digits, `.` and `,`, then `%` or a unit word")),
    };
    let (negative, digits) = match body.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, body.strip_prefix('+').unwrap_or(body)),
    };
    if digits.is_empty() {
        return Err(err("no digits"));
    }
    if digits.contains(['-', '+']) {
        return Err(err("a sign only goes first"));
    }
    let (int_part, frac) = split_point(digits).map_err(|r| err(&r))?;
    let int_digits = ungroup(int_part).map_err(|r| err(&r))?;
    if frac.is_some_and(|f| f.is_empty() || !f.chars().all(|c| c.is_ascii_digit())) {
        return Err(err("expected digits after the decimal point"));
    }
    let frac = frac.unwrap_or("");
    let plain = format!(
        "{}{}{}{}",
        if negative { "-" } else { "" },
        int_digits,
        if frac.is_empty() { "" } else { "." },
        frac
    );
    let value = Decimal::from_str_exact(&plain).map_err(|_| err("too many digits"))?;
    Ok(ReportedNumber {
        value,
        decimals: u32::try_from(frac.len()).map_err(|_| err("too many digits"))?,
        percent,
        unit,
        text: text.to_string(),
    })
}

/// Splits the integer part from the decimals by the rule of the module.
fn split_point(digits: &str) -> Result<(&str, Option<&str>), String> {
    let commas = digits.matches(',').count();
    if commas > 1 {
        return Err("more than one `,` (the decimal point)".to_string());
    }
    if let Some((int, frac)) = digits.split_once(',') {
        if frac.contains('.') {
            return Err("a `.` after the decimal `,`".to_string());
        }
        return Ok((int, Some(frac)));
    }
    let dots = digits.matches('.').count();
    match digits.split_once('.') {
        // `0.125` cannot be thousands: a leading 0 makes the `.` a decimal point.
        Some((int, frac)) if dots == 1 && (frac.len() != 3 || int.starts_with('0')) => {
            Ok((int, Some(frac)))
        }
        _ => Ok((digits, None)),
    }
}

/// Removes thousands dots, checking the groups: 1 to 3 digits first, then 3 each.
fn ungroup(int_part: &str) -> Result<String, String> {
    let mut groups = int_part.split('.');
    let first = groups.next().unwrap_or("");
    if first.is_empty() || !first.chars().all(|c| c.is_ascii_digit()) {
        return Err("expected digits before the first `.` or `,`".to_string());
    }
    let mut out = first.to_string();
    let mut grouped = false;
    for g in groups {
        grouped = true;
        if g.len() != 3 || !g.chars().all(|c| c.is_ascii_digit()) {
            return Err(format!(
                "thousands groups have three digits, but `{g}` has {}",
                g.chars().count()
            ));
        }
        out.push_str(g);
    }
    if grouped && first.len() > 3 {
        return Err(format!(
            "the first thousands group has 1 to 3 digits, but `{first}` has {}",
            first.len()
        ));
    }
    Ok(out)
}

/// Writes a decimal the Vietnamese way with `decimals` places: `89.2938` at 2 → `89,29`,
/// `4857` → `4.857`.
pub(crate) fn vn_format(value: Decimal, decimals: u32) -> String {
    let mut v = crate::decimal::RoundingMode::HalfUp.round(value, decimals);
    v.rescale(decimals);
    let s = v.abs().to_string();
    let (int, frac) = s.split_once('.').unwrap_or((s.as_str(), ""));
    let mut grouped = String::new();
    let n = int.len();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (n - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    let sign = if v.is_sign_negative() && !v.is_zero() {
        "-"
    } else {
        ""
    };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped},{frac}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_and_plain_forms() {
        // (text, value, decimals, percent, unit)
        for (text, value, decimals, percent, unit) in [
            ("81,25%", "81.25", 2, true, None),
            ("64,9%", "64.9", 1, true, None),
            ("0,2%", "0.2", 1, true, None),
            ("100%", "100", 0, true, None),
            ("72,5 %", "72.5", 1, true, None),
            ("4.857", "4857", 0, false, None),
            ("1.845", "1845", 0, false, None),
            ("38.072.000.000", "38072000000", 0, false, None),
            (
                "234.708.830.632 đồng",
                "234708830632",
                0,
                false,
                Some("đồng"),
            ),
            ("4.857 hồ sơ", "4857", 0, false, Some("hồ sơ")),
            ("1.234,5", "1234.5", 1, false, None),
            ("1,845", "1.845", 3, false, None),
            ("81.25", "81.25", 2, false, None),
            ("81.25%", "81.25", 2, true, None),
            ("0.5", "0.5", 1, false, None),
            ("0.125", "0.125", 3, false, None),
            ("124", "124", 0, false, None),
            ("-0,25", "-0.25", 2, false, None),
            ("  10  ", "10", 0, false, None),
        ] {
            let n = parse_reported(text).unwrap();
            assert_eq!(n.value, value.parse::<Decimal>().unwrap(), "{text}");
            assert_eq!(n.decimals, decimals, "{text}");
            assert_eq!(n.percent, percent, "{text}");
            assert_eq!(n.unit.as_deref(), unit, "{text}");
        }
    }

    #[test]
    fn malformed_forms_are_refused_with_a_reason() {
        for (text, reason) in [
            ("", "no digits"),
            ("%", "no digits"),
            (
                "1.84.5",
                "thousands groups have three digits, but `84` has 2",
            ),
            (
                "1.8450.000",
                "thousands groups have three digits, but `8450` has 4",
            ),
            (
                "1234.567.000",
                "the first thousands group has 1 to 3 digits, but `1234` has 4",
            ),
            ("1,2,3", "more than one `,` (the decimal point)"),
            ("1,23.4", "a `.` after the decimal `,`"),
            ("12%x", "nothing may follow `%`"),
            ("12,", "expected digits after the decimal point"),
            ("1-2", "a sign only goes first"),
            (
                "12 (x)",
                "expected digits, `.` and `,`, then `%` or a unit word",
            ),
            (".5", "expected digits before the first `.` or `,`"),
        ] {
            let e = parse_reported(text).unwrap_err();
            assert_eq!(e.reason, reason, "{text}");
        }
    }

    proptest::proptest! {
        /// What `vn_format` writes, `parse_reported` reads back exactly, with its precision.
        #[test]
        fn written_figures_read_back(mantissa in -10_i64.pow(15)..10_i64.pow(15), scale in 0_u32..6, decimals in 0_u32..6) {
            let x = Decimal::new(mantissa, scale);
            let text = vn_format(x, decimals);
            let n = parse_reported(&text).unwrap();
            proptest::prop_assert_eq!(n.value, crate::decimal::RoundingMode::HalfUp.round(x, decimals));
            proptest::prop_assert_eq!(n.decimals, decimals);
        }

        /// No text makes the parser panic.
        #[test]
        fn any_text_is_read_or_refused(text in "\\PC{0,24}") {
            let _ = parse_reported(&text);
        }
    }

    #[test]
    fn formats_the_vietnamese_way_with_half_up() {
        // 4337/4857 × 100 = 89.29380...
        let x = Decimal::from(433_700) / Decimal::from(4857);
        assert_eq!(vn_format(x, 2), "89,29");
        assert_eq!(vn_format(Decimal::from(4857), 0), "4.857");
        assert_eq!(
            vn_format(Decimal::from(234_708_830_632_i64), 0),
            "234.708.830.632"
        );
        // 0.125 half-up → 0,13 (not the banker's 0,12)
        assert_eq!(vn_format("0.125".parse().unwrap(), 2), "0,13");
        assert_eq!(vn_format(Decimal::from(100), 0), "100");
    }
}
