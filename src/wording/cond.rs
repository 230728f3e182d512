//! Band conditions: "từ 80% đến dưới 95%", "trên 90%", "dưới 70%", "không quá 5%", "đạt
//! 100%", "từ 04 cuộc trở lên", "03 cuộc".

use rust_decimal::Decimal;

use super::Unreadable;
use super::text::{Num, low, negated, numbers};

/// The edges a condition states: lower and upper, each with whether it is inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Cond {
    pub(crate) lower: Option<(Decimal, bool)>,
    pub(crate) upper: Option<(Decimal, bool)>,
}

/// The words that may stand before the number of a band, and what they make of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    From,
    Above,
    Below,
    AtMost,
    Exactly,
}

const OPS: [(&str, Op); 10] = [
    ("không vượt quá", Op::AtMost),
    ("không quá", Op::AtMost),
    ("tối đa", Op::AtMost),
    ("từ", Op::From),
    ("trên", Op::Above),
    ("dưới", Op::Below),
    ("đạt", Op::Exactly),
    ("hoàn thành", Op::Exactly),
    ("thực hiện", Op::Exactly),
    ("bằng", Op::Exactly),
];

/// The operator that ends `before` (a whole word), and the filler before it.
fn op_before(before: &str) -> (Option<Op>, &str) {
    let b = before.trim_end();
    for (word, op) in OPS {
        if let Some(rest) = b.strip_suffix(word)
            && (rest.is_empty() || rest.ends_with(' ') || rest.ends_with('('))
        {
            return (Some(op), rest);
        }
    }
    (None, b)
}

/// Reads a band condition. `Ok(None)`: the text is not a band (a level's label, say).
/// `percent`: the edges are shares in %; otherwise counts.
pub(crate) fn band_cond(cond: &str, percent: bool) -> Result<Option<Cond>, Unreadable> {
    let l = low(cond);
    if l == "mọi tỷ lệ" || l == "mọi số lượng" {
        return Ok(Some(Cond::default()));
    }
    let nums = numbers(&l)?;
    // `31/01`: a date in a label, not a band.
    let dated = |n: &Num| {
        l.get(n.end..).is_some_and(|r| r.starts_with('/'))
            || l.get(..n.start).is_some_and(|r| r.ends_with('/'))
    };
    if nums.iter().any(dated) {
        return Ok(None);
    }
    let c = match nums.as_slice() {
        [] => return Ok(None),
        [n] => one(&l, *n, percent)?,
        [a, b] => two(&l, *a, *b)?,
        many if many
            .iter()
            .all(|n| op_before(slice(&l, 0, n.start)).0.is_none()) =>
        {
            return Ok(None);
        }
        _ => {
            return Err(Unreadable::new(
                cond,
                "điều kiện có quá hai số",
                "a condition with more than two numbers",
            ));
        }
    };
    Ok(c)
}

fn slice(l: &str, from: usize, to: usize) -> &str {
    l.get(from..to).unwrap_or_default()
}

/// The text after a number, without its `%`.
fn after(l: &str, end: usize) -> &str {
    let rest = l.get(end..).unwrap_or_default();
    rest.strip_prefix('%').unwrap_or(rest).trim()
}

fn one(l: &str, n: Num, percent: bool) -> Result<Option<Cond>, Unreadable> {
    let (op, filler) = op_before(slice(l, 0, n.start));
    let rest = after(l, n.end);
    let (rest_words, up, down) = match (rest.find("trở lên"), rest.find("trở xuống")) {
        (Some(i), _) => (slice(rest, 0, i), true, false),
        (_, Some(i)) => (slice(rest, 0, i), false, true),
        _ => (rest, false, false),
    };
    let bare = filler.trim().is_empty()
        && rest.split_whitespace().count() <= 2
        && !rest.contains([',', '(', ')']);
    let v = n.value;
    let cond = match (op, up, down) {
        (Some(Op::From) | None, true, false) => lower(v, true),
        (Some(Op::Above), true, false) => lower(v, false),
        (Some(Op::From) | None, false, true) => upper(v, true),
        (Some(Op::Above), false, false) => lower(v, false),
        (Some(Op::From), false, false) => lower(v, true),
        (Some(Op::Below), false, false) => upper(v, false),
        (Some(Op::AtMost), false, false) => upper(v, true),
        (Some(Op::Exactly), false, false) => exactly(l, v, percent)?,
        (None, false, false) if bare => exactly(l, v, percent)?,
        (None, false, false) => return Ok(None),
        _ => {
            return Err(Unreadable::new(
                l,
                "không đọc được cận của khoảng",
                "the edge of the band could not be read",
            ));
        }
    };
    not_negated(l, filler, rest_words)?;
    Ok(Some(cond))
}

fn two(l: &str, a: Num, b: Num) -> Result<Option<Cond>, Unreadable> {
    let (op, filler) = op_before(slice(l, 0, a.start));
    let between = slice(l, a.end, b.start);
    let between = between.strip_prefix('%').unwrap_or(between).trim();
    let (unit, below) = if let Some(u) = between.strip_suffix("đến dưới") {
        (u, true)
    } else if let Some(u) = ["đến", "tới", "-", "–"]
        .iter()
        .find_map(|s| between.strip_suffix(s))
    {
        (u, false)
    } else if op.is_none() {
        return Ok(None);
    } else {
        return Err(Unreadable::new(
            l,
            "hai số không nối bằng \"đến\" hoặc \"-\"",
            "two numbers not joined by \"đến\" (to) or \"-\"",
        ));
    };
    let lower_inclusive = match op {
        Some(Op::From) | None => true,
        Some(Op::Above) => false,
        Some(_) => {
            return Err(Unreadable::new(
                l,
                "khoảng phải bắt đầu bằng \"từ\" hoặc \"trên\"",
                "a range starts with \"từ\" (from) or \"trên\" (over)",
            ));
        }
    };
    not_negated(l, filler, unit)?;
    not_negated(l, "", after(l, b.end))?;
    Ok(Some(Cond {
        lower: Some((a.value, lower_inclusive)),
        upper: Some((b.value, !below)),
    }))
}

fn lower(v: Decimal, inclusive: bool) -> Cond {
    Cond {
        lower: Some((v, inclusive)),
        upper: None,
    }
}

fn upper(v: Decimal, inclusive: bool) -> Cond {
    Cond {
        lower: None,
        upper: Some((v, inclusive)),
    }
}

/// "đạt 100%" is the top band; "03 cuộc" is exactly 3; "đạt 80%" alone says nothing of 81%.
fn exactly(l: &str, v: Decimal, percent: bool) -> Result<Cond, Unreadable> {
    if !percent {
        return Ok(Cond {
            lower: Some((v, true)),
            upper: Some((v, true)),
        });
    }
    if v == Decimal::ONE_HUNDRED {
        return Ok(lower(v, true));
    }
    Err(Unreadable::new(
        l,
        "tỷ lệ đúng bằng một mức (khác 100%) không xác định được khoảng: viết \"từ … đến dưới …\"",
        "a share of exactly one value (other than 100%) gives no band: write \"từ … đến dưới …\"",
    ))
}

fn not_negated(l: &str, before: &str, after: &str) -> Result<(), Unreadable> {
    if negated(before) || negated(after) {
        return Err(Unreadable::new(
            l,
            "điều kiện có từ phủ định (\"không\", \"chưa\") bên cạnh khoảng",
            "a condition with a negation (\"không\", \"chưa\") beside its band",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap_or_default()
    }

    fn c(text: &str, percent: bool) -> Option<Cond> {
        band_cond(text, percent).ok().flatten()
    }

    #[test]
    fn the_phrases_of_annexes() {
        let cases = [
            ("Hoàn thành 100% kế hoạch", Some((d("100"), true)), None),
            (
                "từ 95% đến dưới 100%",
                Some((d("95"), true)),
                Some((d("100"), false)),
            ),
            (
                "Thực hiện từ 70% - 90% kế hoạch",
                Some((d("70"), true)),
                Some((d("90"), true)),
            ),
            ("Thực hiện trên 90% kế hoạch", Some((d("90"), false)), None),
            ("Dưới 70% kế hoạch", None, Some((d("70"), false))),
            ("không quá 5%", None, Some((d("5"), true))),
            ("từ 12,5% trở lên", Some((d("12.5"), true)), None),
        ];
        for (text, lower, upper) in cases {
            assert_eq!(c(text, true), Some(Cond { lower, upper }), "{text}");
        }
        let four = Cond {
            lower: Some((d("4"), true)),
            upper: None,
        };
        assert_eq!(c("Tổ chức từ 04 cuộc trở lên", false), Some(four));
        let three = Cond {
            lower: Some((d("3"), true)),
            upper: Some((d("3"), true)),
        };
        assert_eq!(c("03 cuộc", false), Some(three));
    }

    #[test]
    fn labels_with_numbers_are_not_bands_and_odd_bands_are_refused() {
        assert_eq!(
            band_cond("100% cơ quan, đơn vị có đề án", true).ok(),
            Some(None)
        );
        assert_eq!(
            band_cond("Xử lý hoặc kiến nghị xử lý 100% vấn đề", true).ok(),
            Some(None)
        );
        assert!(band_cond("Không hoàn thành 100% kế hoạch", true).is_err());
        assert!(band_cond("đạt 80%", true).is_err());
        assert!(band_cond("từ 80% hoặc 90%", true).is_err());
    }
}
