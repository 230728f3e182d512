//! Text helpers for wordings: clauses, numbers with a decimal comma, capitals.

use rust_decimal::Decimal;

use super::Unreadable;

/// Splits a wording into clauses at `;` and line breaks, without bullets (`-`, `+`, `•`) and
/// without a final `.`.
pub(crate) fn clauses(text: &str) -> Vec<String> {
    text.split([';', '\n', '\r'])
        .map(|c| {
            let c = c.trim();
            let c = c.trim_start_matches(['-', '+', '•', '*', '–']).trim();
            collapse(c.trim_end_matches(['.', ',']).trim())
        })
        .filter(|c| !c.is_empty())
        .collect()
}

/// Collapses runs of white space into one space.
pub(crate) fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lower case with collapsed spaces, for matching phrases.
pub(crate) fn low(s: &str) -> String {
    collapse(&s.to_lowercase())
}

/// The first letter in upper case (`có bố trí` → `Có bố trí`).
pub(crate) fn capitalize(s: &str) -> String {
    let s = collapse(s);
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The first letter in lower case unless the word is an acronym (`Có bố trí` → `có bố trí`,
/// `UBND` stays).
pub(crate) fn decapitalize(s: &str) -> String {
    let mut chars = s.chars();
    let (Some(first), second) = (chars.next(), chars.clone().next()) else {
        return s.to_string();
    };
    if second.is_some_and(char::is_uppercase) {
        return s.to_string();
    }
    first.to_lowercase().chain(chars).collect()
}

/// A number found in a text, with its byte span.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Num {
    pub(crate) value: Decimal,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

/// Every number in `s`: digits with an optional decimal comma (`1,75`, `04`), a minus sign
/// (`-1`, `−1`) when it stands before the digits. A `.` between digits is refused: Vietnamese
/// writes it between thousands, and a score with thousands is not a score.
pub(crate) fn numbers(s: &str) -> Result<Vec<Num>, Unreadable> {
    let bytes: Vec<(usize, char)> = s.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&(pos, c)) = bytes.get(i) {
        if !c.is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = minus_before(&bytes, i).unwrap_or(pos);
        let (text, next) = digits_from(&bytes, i);
        if let Some(&(_, '.')) = bytes.get(next)
            && bytes.get(next + 1).is_some_and(|(_, d)| d.is_ascii_digit())
        {
            return Err(Unreadable::new(
                s,
                "số có dấu chấm: viết phần thập phân bằng dấu phẩy (`1,5`)",
                "a number with a `.`: write decimals with a comma (`1,5`)",
            ));
        }
        let end = bytes.get(next).map_or(s.len(), |(p, _)| *p);
        let negative = start != pos;
        let value = to_decimal(&text, negative)
            .ok_or_else(|| Unreadable::new(s, "không đọc được số", "a number could not be read"))?;
        out.push(Num { value, start, end });
        i = next;
    }
    Ok(out)
}

/// The byte position of a minus sign right before the digit at `i`, when it is a sign and not
/// a dash between two numbers (`70%-90%`).
fn minus_before(chars: &[(usize, char)], i: usize) -> Option<usize> {
    let (pos, c) = *chars.get(i.checked_sub(1)?)?;
    if c != '-' && c != '−' {
        return None;
    }
    let before = i.checked_sub(2).and_then(|j| chars.get(j)).map(|(_, c)| *c);
    match before {
        None => Some(pos),
        Some(b) if b.is_whitespace() || b == ':' || b == '(' => Some(pos),
        Some(_) => None,
    }
}

/// The digits (and one decimal comma followed by digits) from `i`; returns them with `.` for
/// the comma, and the index after them.
fn digits_from(chars: &[(usize, char)], mut i: usize) -> (String, usize) {
    let mut text = String::new();
    let mut comma = false;
    while let Some(&(_, c)) = chars.get(i) {
        if c.is_ascii_digit() {
            text.push(c);
        } else if c == ',' && !comma && chars.get(i + 1).is_some_and(|(_, d)| d.is_ascii_digit()) {
            comma = true;
            text.push('.');
        } else {
            break;
        }
        i += 1;
    }
    (text, i)
}

fn to_decimal(text: &str, negative: bool) -> Option<Decimal> {
    let trimmed = text.trim_start_matches('0');
    let t = if trimmed.is_empty() || trimmed.starts_with('.') {
        format!("0{trimmed}")
    } else {
        trimmed.to_string()
    };
    let v = Decimal::from_str_exact(&t).ok()?.normalize();
    Some(if negative { -v } else { v })
}

/// A decimal as an annex writes it: decimal comma, no trailing zeros (`1,75`, `-1`, `20`).
pub(crate) fn vi_num(value: Decimal) -> String {
    crate::decimal::plain(value).replace('.', ",")
}

/// A decimal as English writes it (`1.75`).
pub(crate) fn en_num(value: Decimal) -> String {
    crate::decimal::plain(value)
}

/// Whether `text` holds a word of negation (`không`, `chưa`) as a whole word.
pub(crate) fn negated(text: &str) -> bool {
    low(text)
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w == "không" || w == "chưa")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nums(s: &str) -> Vec<String> {
        numbers(s)
            .unwrap_or_default()
            .iter()
            .map(|n| n.value.to_string())
            .collect()
    }

    #[test]
    fn numbers_read_commas_leading_zeros_and_signs() {
        assert_eq!(nums("từ 04 cuộc: 1,75 điểm"), ["4", "1.75"]);
        assert_eq!(nums("70%-90%"), ["70", "90"]);
        assert_eq!(nums("thấp nhất: -1 điểm"), ["-1"]);
        assert_eq!(nums("1,5, 2"), ["1.5", "2"]);
        assert!(numbers("1.5 điểm").is_err());
    }

    #[test]
    fn clauses_drop_bullets_and_full_stops() {
        assert_eq!(
            clauses("- Có: 1 điểm;\n- Không: 0 điểm."),
            ["Có: 1 điểm", "Không: 0 điểm"]
        );
    }

    #[test]
    fn capitals_keep_acronyms() {
        assert_eq!(capitalize("có bố trí"), "Có bố trí");
        assert_eq!(decapitalize("Có bố trí"), "có bố trí");
        assert_eq!(decapitalize("UBND tỉnh"), "UBND tỉnh");
    }
}
