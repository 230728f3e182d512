//! References to official documents (văn bản) in the form Vietnamese administration cites
//! them: `Kế hoạch số 05/KH-UBND ngày 12/01/2023 về cải cách hành chính ...`.
//!
//! A reference is: the kind (`Kế hoạch`, `Quyết định`, ...), `số`, the number and symbol (số
//! và ký hiệu), optionally `ngày D/M/YYYY`, then optionally `của <signer>` and `về <subject>`.
//! Three symbol forms are read:
//! - `05/KH-UBND`: number / document type - issuer (state documents);
//! - `61/2018/NĐ-CP`: number / year / type - issuer (legal documents carry their year);
//! - `35-CT/TU`: number - type / issuer (Party documents);
//! - for a `Công văn` (official letter), which has no type abbreviation, `1198/UBND-VX` is
//!   issuer - drafting unit.
//!
//! The type abbreviation must match the kind (`Kế hoạch` is `KH`, `Quyết định` is `QĐ`, ...),
//! and the date must be a calendar date (`31/02/2023` is refused).

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The kinds of official document (loại văn bản) a reference can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    /// Kế hoạch (plan), `KH`.
    Plan,
    /// Công văn (official letter): its symbol is issuer - unit.
    OfficialLetter,
    /// Quyết định (decision), `QĐ`.
    Decision,
    /// Nghị định (government decree), `NĐ`.
    Decree,
    /// Chỉ thị (directive), `CT`.
    Directive,
    /// Thông tư (ministerial circular), `TT`.
    Circular,
    /// Báo cáo (report), `BC`.
    Report,
    /// Nghị quyết (resolution), `NQ`.
    Resolution,
    /// Chương trình (programme), `CTr`.
    Programme,
    /// Thông báo (notice), `TB`.
    Notice,
    /// Hướng dẫn (guidance), `HD`.
    Guidance,
}

const KINDS: [(DocKind, &str, Option<&str>); 11] = [
    (DocKind::Plan, "kế hoạch", Some("KH")),
    (DocKind::OfficialLetter, "công văn", None),
    (DocKind::Decision, "quyết định", Some("QĐ")),
    (DocKind::Decree, "nghị định", Some("NĐ")),
    (DocKind::Directive, "chỉ thị", Some("CT")),
    (DocKind::Circular, "thông tư", Some("TT")),
    (DocKind::Report, "báo cáo", Some("BC")),
    (DocKind::Resolution, "nghị quyết", Some("NQ")),
    (DocKind::Programme, "chương trình", Some("CTr")),
    (DocKind::Notice, "thông báo", Some("TB")),
    (DocKind::Guidance, "hướng dẫn", Some("HD")),
];

impl DocKind {
    /// The Vietnamese name, lower case: `kế hoạch`.
    #[must_use]
    pub fn vietnamese(self) -> &'static str {
        KINDS
            .iter()
            .find(|(k, _, _)| *k == self)
            .map_or("", |(_, name, _)| name)
    }

    /// The type abbreviation in a symbol (`KH`); `None` for a `Công văn`.
    #[must_use]
    pub fn abbreviation(self) -> Option<&'static str> {
        KINDS
            .iter()
            .find(|(k, _, _)| *k == self)
            .and_then(|(_, _, a)| *a)
    }
}

/// A calendar date, checked (`31/02/2023` is not one).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
pub struct DocDate {
    /// Year.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day, 1–31 as the month allows.
    pub day: u8,
}

impl DocDate {
    /// A date, when it is one on the calendar.
    #[must_use]
    pub fn new(year: u16, month: u8, day: u8) -> Option<DocDate> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (day >= 1 && day <= days).then_some(DocDate { year, month, day })
    }

    /// Reads `YYYY-MM-DD`.
    ///
    /// # Errors
    /// A message saying what is wrong.
    pub fn parse_iso(text: &str) -> Result<DocDate, DateError> {
        Self::iso(text).map_err(|message| DateError {
            text: text.to_string(),
            message,
        })
    }

    fn iso(text: &str) -> Result<DocDate, String> {
        let bad = || format!("`{text}` is not a date: expected `YYYY-MM-DD`, e.g. `2023-01-15`");
        let mut it = text.split('-');
        let (Some(y), Some(m), Some(d), None) = (it.next(), it.next(), it.next(), it.next()) else {
            return Err(bad());
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(bad());
        }
        let (y, m, d) = (
            num(y).ok_or_else(bad)?,
            num(m).ok_or_else(bad)?,
            num(d).ok_or_else(bad)?,
        );
        date_of(y, m, d).ok_or_else(|| format!("`{text}` is not a calendar date"))
    }

    /// Reads `D/M/YYYY` as Vietnamese documents write it (`12/01/2023`, `9/10/2021`).
    ///
    /// # Errors
    /// A message saying what is wrong.
    pub fn parse_dmy(text: &str) -> Result<DocDate, DateError> {
        Self::dmy(text).map_err(|message| DateError {
            text: text.to_string(),
            message,
        })
    }

    fn dmy(text: &str) -> Result<DocDate, String> {
        let bad = || format!("`{text}` is not a date: expected `D/M/YYYY`, e.g. `12/01/2023`");
        let mut it = text.split('/');
        let (Some(d), Some(m), Some(y), None) = (it.next(), it.next(), it.next(), it.next()) else {
            return Err(bad());
        };
        if y.len() != 4 || !(1..=2).contains(&d.len()) || !(1..=2).contains(&m.len()) {
            return Err(bad());
        }
        let (y, m, d) = (
            num(y).ok_or_else(bad)?,
            num(m).ok_or_else(bad)?,
            num(d).ok_or_else(bad)?,
        );
        date_of(y, m, d).ok_or_else(|| format!("`{text}` is not a calendar date"))
    }

    /// Days since 1970-01-01 (negative before), for counting days between dates.
    #[must_use]
    pub fn days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let mp = if m > 2 { m - 3 } else { m + 9 };
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }
}

fn num(s: &str) -> Option<u32> {
    (!s.is_empty() && s.chars().all(|c| c.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

fn date_of(y: u32, m: u32, d: u32) -> Option<DocDate> {
    DocDate::new(
        u16::try_from(y).ok()?,
        u8::try_from(m).ok()?,
        u8::try_from(d).ok()?,
    )
}

impl fmt::Display for DocDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A parsed reference to an official document.
///
/// # Example
/// ```
/// use par_index::{evidence::DocKind, evidence::DocRef};
///
/// let r = DocRef::parse("Kế hoạch số 05/KH-UBND ngày 12/01/2023 về cải cách hành chính")?;
/// assert_eq!(r.kind, DocKind::Plan);
/// assert_eq!((r.number, r.symbol.as_str(), r.issuer.as_str()), (5, "KH-UBND", "UBND"));
/// assert_eq!(r.date.unwrap().to_string(), "2023-01-12");
/// assert_eq!(r.subject.as_deref(), Some("cải cách hành chính"));
///
/// let d = DocRef::parse("Nghị định số 61/2018/NĐ-CP ngày 23/4/2018")?;
/// assert_eq!((d.year, d.issuer.as_str()), (Some(2018), "CP"));
///
/// assert!(DocRef::parse("Kế hoạch số 05/KH-UBND ngày 31/02/2023").is_err());
/// # Ok::<(), par_index::evidence::DocRefError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DocRef {
    /// The kind of document.
    pub kind: DocKind,
    /// The number (số).
    pub number: u32,
    /// The year written in the number, for legal documents (`61/2018/NĐ-CP` → 2018).
    pub year: Option<u16>,
    /// The symbol (ký hiệu) after the number: `KH-UBND`, `UBND-VX`, `CT/TU`.
    pub symbol: String,
    /// The issuing body's abbreviation, from the symbol: `UBND`, `CP`, `TTg`, `TU`, `BNV`.
    pub issuer: String,
    /// For a `Công văn`, the drafting unit after the issuer (`VX` in `UBND-VX`).
    pub unit: Option<String>,
    /// The date of issue (ngày ban hành), when given.
    pub date: Option<DocDate>,
    /// Who signed or issued it, as written after `của`.
    pub signer: Option<String>,
    /// What it is about, as written after `về`.
    pub subject: Option<String>,
}

/// A date that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize, JsonSchema)]
#[error("{message}")]
pub struct DateError {
    /// The text.
    pub text: String,
    /// What is wrong and what was expected, naming the text.
    pub message: String,
}

/// A reference that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize, JsonSchema)]
#[error("`{text}` is not a document reference: {reason}")]
pub struct DocRefError {
    /// The text.
    pub text: String,
    /// What is wrong and what was expected.
    pub reason: String,
}

impl DocRef {
    /// Parses a reference.
    ///
    /// A reference is: the kind (`Kế hoạch`, `Quyết định`, ...), `số`, the number and symbol (số
    /// và ký hiệu), optionally `ngày D/M/YYYY`, then optionally `của <signer>` and `về <subject>`.
    /// Three symbol forms are read:
    /// - `05/KH-UBND`: number / document type - issuer (state documents);
    /// - `61/2018/NĐ-CP`: number / year / type - issuer (legal documents carry their year);
    /// - `35-CT/TU`: number - type / issuer (Party documents);
    /// - for a `Công văn` (official letter), which has no type abbreviation, `1198/UBND-VX` is
    ///   issuer - drafting unit.
    ///
    /// The type abbreviation must match the kind (`Kế hoạch` is `KH`, `Quyết định` is `QĐ`, ...),
    /// and the date must be a calendar date (`31/02/2023` is refused).
    ///
    /// # Errors
    /// [`DocRefError`] for an unknown kind, no `số`, a number or symbol that is not of the forms
    /// above, a type abbreviation that contradicts the kind, or a date that is not a calendar
    /// date.
    pub fn parse(text: &str) -> Result<DocRef, DocRefError> {
        parse(text).map_err(|reason| DocRefError {
            text: text.to_string(),
            reason,
        })
    }
}

fn parse(text: &str) -> Result<DocRef, String> {
    let t = text.trim();
    let (head, after) = split_word(t, "số")
        .ok_or("expected `<kind> số <number>/<symbol>`, e.g. `Kế hoạch số 05/KH-UBND`")?;
    let kind_text = head.trim().to_lowercase();
    let kind = KINDS
        .iter()
        .find(|(_, name, _)| *name == kind_text)
        .map(|(k, _, _)| *k)
        .ok_or_else(|| {
            format!(
                "unknown kind `{}`: expected one of {}",
                head.trim(),
                KINDS
                    .iter()
                    .map(|(_, n, _)| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })?;
    let after = after.trim_start();
    let (token, rest) = after.split_once(char::is_whitespace).unwrap_or((after, ""));
    let token = token.trim_end_matches([',', ';', '.', ')']);
    let mut r = symbol(kind, token)?;
    let mut rest = rest.trim();
    if let Some((_, after_date)) = split_word(rest, "ngày").filter(|(h, _)| h.trim().is_empty()) {
        let after_date = after_date.trim_start();
        let (d, tail) = after_date
            .split_once(char::is_whitespace)
            .unwrap_or((after_date, ""));
        r.date = Some(DocDate::dmy(d.trim_end_matches([',', ';', '.', ')']))?);
        rest = tail.trim();
    }
    if let Some(signer) = rest.strip_prefix("của ") {
        match split_word(signer, "về") {
            Some((who, about)) => {
                r.signer = Some(who.trim().to_string());
                r.subject = non_empty(about);
            }
            None => r.signer = non_empty(signer),
        }
    } else {
        r.subject = non_empty(rest.strip_prefix("về ").unwrap_or(rest));
    }
    Ok(r)
}

fn non_empty(s: &str) -> Option<String> {
    let s = s.trim().trim_end_matches(['.', ';', ',']);
    (!s.is_empty()).then(|| s.to_string())
}

/// Splits at the first whole word `word`: (before, after).
fn split_word<'a>(text: &'a str, word: &str) -> Option<(&'a str, &'a str)> {
    let mut from = 0;
    while let Some(i) = text
        .get(from..)
        .and_then(|s| s.find(word))
        .map(|i| i + from)
    {
        let before_ok = text
            .get(..i)
            .is_some_and(|b| b.is_empty() || b.ends_with(' '));
        let after = text.get(i + word.len()..).unwrap_or("");
        if before_ok && (after.is_empty() || after.starts_with(' ')) {
            return Some((text.get(..i).unwrap_or(""), after));
        }
        from = i + word.len();
    }
    None
}

/// Reads the number and symbol: `05/KH-UBND`, `61/2018/NĐ-CP`, `35-CT/TU`, `1198/UBND-VX`.
fn symbol(kind: DocKind, token: &str) -> Result<DocRef, String> {
    let bad = |why: &str| format!("`{token}` {why}");
    let (first, rest) = token
        .split_once('/')
        .ok_or_else(|| bad("has no `/`: expected a number and symbol such as `05/KH-UBND`"))?;
    let (number, year, doc_type, issuer, unit, symbol) = if let Some((n, ty)) =
        first.split_once('-')
    {
        // Party form: 35-CT/TU
        (n, None, Some(ty), rest, None, format!("{ty}/{rest}"))
    } else {
        let (year, sym) = match rest.split_once('/') {
            Some((y, s)) if y.len() == 4 && y.chars().all(|c| c.is_ascii_digit()) => (Some(y), s),
            Some(_) => return Err(bad("has a part between `/` that is not a year")),
            None => (None, rest),
        };
        let (a, b) = sym
            .split_once('-')
            .ok_or_else(|| bad("has no `-` in its symbol: expected e.g. `KH-UBND` or `UBND-VX`"))?;
        if kind == DocKind::OfficialLetter {
            (first, year, None, a, Some(b), sym.to_string())
        } else {
            (first, year, Some(a), b, None, sym.to_string())
        }
    };
    let number = (!number.is_empty() && number.len() <= 6)
        .then(|| num(number))
        .flatten()
        .ok_or_else(|| bad("does not start with a number"))?;
    if issuer.is_empty() || unit.is_some_and(str::is_empty) {
        return Err(bad("has an empty part in its symbol"));
    }
    if let (Some(ty), Some(want)) = (doc_type, kind.abbreviation())
        && ty != want
    {
        return Err(format!(
            "the symbol `{symbol}` is of type `{ty}`, but a {} is `{want}`",
            kind.vietnamese()
        ));
    }
    if kind == DocKind::OfficialLetter && doc_type.is_some() {
        return Err(bad("is a Party symbol, which a `công văn` does not have"));
    }
    Ok(DocRef {
        kind,
        number,
        year: year.and_then(|y| y.parse().ok()),
        symbol,
        issuer: issuer.to_string(),
        unit: unit.map(str::to_string),
        date: None,
        signer: None,
        subject: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// No text makes the parser panic, however it slices.
        #[test]
        fn any_text_is_read_or_refused(text in "\\PC{0,40}") {
            let _ = DocRef::parse(&text);
        }

        /// Near-references: the real form with one character changed.
        #[test]
        fn mutated_references_are_read_or_refused(i in 0_usize..60, c in proptest::char::any()) {
            let base = "Kế hoạch số 05/KH-UBND ngày 12/01/2023 về cải cách hành chính";
            let text: String = base
                .chars()
                .enumerate()
                .map(|(j, x)| if j == i { c } else { x })
                .collect();
            let _ = DocRef::parse(&text);
        }

        /// Every calendar date reads back from its Vietnamese and ISO forms.
        #[test]
        fn dates_read_back(y in 1900_u16..2100, m in 1_u8..=12, d in 1_u8..=31) {
            if let Some(date) = DocDate::new(y, m, d) {
                proptest::prop_assert_eq!(DocDate::parse_dmy(&format!("{d}/{m}/{y}")), Ok(date));
                proptest::prop_assert_eq!(DocDate::parse_iso(&date.to_string()), Ok(date));
                // consecutive days are one apart
                if let Some(next) = DocDate::new(y, m, d + 1) {
                    proptest::prop_assert_eq!(next.days() - date.days(), 1);
                }
            }
        }
    }
}
