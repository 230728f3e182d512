//! Wording → rule: reads the sentence of an annex into a [`RuleDef`], or says why it cannot.

use rust_decimal::Decimal;

use super::Unreadable;
use super::canon::canonical;
use super::cond::{Cond, band_cond};
use super::text::{capitalize, clauses, low, numbers};
use crate::docref::DocDate;
use crate::model::{
    BandDef, ConditionDef, LevelDef, NoCases, RuleDef, RuleKind, TaskStatus, WeightDef,
};

/// The fixed phrase for "any condition missing" in a `check` with conditions.
pub(crate) const ANY_MISSING: &str = "Không đáp ứng một trong các điều kiện trên";

/// The fixed phrase for "the condition missing" in a `check` with one named condition.
pub(crate) const ONE_MISSING: &str = "Không đáp ứng điều kiện trên";

/// Joins conditions whose labels hold "và" themselves.
pub(crate) const ALSO: &str = ", đồng thời ";

/// The task statuses as annexes name them.
pub(crate) const STATUSES: [(&str, TaskStatus); 6] = [
    ("hoàn thành", TaskStatus::Done),
    ("hoàn thành chậm", TaskStatus::DoneLate),
    ("đang thực hiện", TaskStatus::InProgress),
    ("chưa đến thời điểm đánh giá", TaskStatus::NotYetDue),
    ("thực hiện thường xuyên", TaskStatus::Recurring),
    ("không hoàn thành", TaskStatus::NotDone),
];

/// Clause openings of the ratio options.
pub(crate) const DONE_AS: &str = "Nhiệm vụ được tính là hoàn thành";
pub(crate) const LEFT_OUT: &str = "Nhiệm vụ không tính vào tổng số";
pub(crate) const OVER: &str = "Tỷ lệ có thể vượt 100%";

/// The ratio options a wording states in clauses of their own.
#[derive(Debug, Default)]
struct Opts {
    when_no_cases: Option<NoCases>,
    done: Option<Vec<TaskStatus>>,
    exclude: Option<Vec<TaskStatus>>,
    allow_over: bool,
}

/// What a band or a level pays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pay {
    Fixed(Decimal),
    Share,
}

pub(crate) fn parse(text: &str, max: Decimal) -> Result<RuleDef, Unreadable> {
    let all = clauses(text);
    let mut opts = Opts::default();
    let mut body = Vec::new();
    for c in &all {
        if !option(c, &mut opts)? {
            body.push(c.as_str());
        }
    }
    if body.is_empty() {
        return Err(Unreadable::new(
            text,
            "không có cách chấm điểm",
            "no scoring rule in the wording",
        ));
    }
    let mut rule = body_rule(&body, max)?;
    apply(&mut rule, opts, text)?;
    Ok(canonical(&rule, max))
}

fn option(c: &str, o: &mut Opts) -> Result<bool, Unreadable> {
    let l = low(c);
    if l.contains("không phát sinh") {
        let tail = l
            .rsplit_once(':')
            .map(|(_, t)| t.trim())
            .unwrap_or_default();
        o.when_no_cases = Some(if tail.contains("điểm tối đa") {
            NoCases::Full
        } else if ["không tính", "không đánh giá", "không chấm"]
            .iter()
            .any(|w| tail.contains(w))
        {
            NoCases::Exclude
        } else if pay(tail, Decimal::ZERO).ok() == Some(Pay::Fixed(Decimal::ZERO)) {
            NoCases::Zero
        } else {
            return Err(Unreadable::new(
                c,
                "không rõ trường hợp không phát sinh được tính thế nào (điểm tối đa, không tính hay 0 điểm)",
                "what \"no case arose\" scores is not one of full points, not counted or 0",
            ));
        });
        return Ok(true);
    }
    if let Some(rest) = l.strip_prefix(&low(DONE_AS)) {
        o.done = Some(statuses(rest, c)?);
        return Ok(true);
    }
    if let Some(rest) = l.strip_prefix(&low(LEFT_OUT)) {
        o.exclude = Some(statuses(rest, c)?);
        return Ok(true);
    }
    if l == low(OVER) {
        o.allow_over = true;
        return Ok(true);
    }
    Ok(false)
}

fn statuses(list: &str, clause: &str) -> Result<Vec<TaskStatus>, Unreadable> {
    let list = list.trim().trim_start_matches(':');
    list.split(',')
        .map(|s| {
            let s = s.trim();
            STATUSES
                .iter()
                .find(|(name, _)| *name == s)
                .map(|(_, st)| *st)
                .ok_or_else(|| {
                    Unreadable::new(
                        clause,
                        format!("không rõ tình trạng nhiệm vụ `{s}`"),
                        format!("unknown task status `{s}`"),
                    )
                })
        })
        .collect()
}

fn apply(rule: &mut RuleDef, o: Opts, text: &str) -> Result<(), Unreadable> {
    let ratio = matches!(rule.kind, RuleKind::RatioBands | RuleKind::Proportional);
    let takes_empty = ratio || matches!(rule.kind, RuleKind::Survey | RuleKind::Check);
    let wrong = (o.when_no_cases.is_some() && !takes_empty)
        || ((o.done.is_some() || o.exclude.is_some() || o.allow_over) && !ratio);
    if wrong {
        return Err(Unreadable::new(
            text,
            format!(
                "các điều khoản về tỷ lệ không áp dụng cho quy tắc `{}`",
                rule.kind
            ),
            format!("ratio clauses do not apply to a `{}` rule", rule.kind),
        ));
    }
    rule.when_no_cases = o.when_no_cases;
    rule.done = o.done;
    rule.exclude = o.exclude;
    rule.allow_over = o.allow_over.then_some(true);
    Ok(())
}

fn body_rule(body: &[&str], max: Decimal) -> Result<RuleDef, Unreadable> {
    let first = low(body.first().copied().unwrap_or_default());
    if body.len() == 1 && first.contains("chấm trực tiếp") {
        return Ok(RuleDef::of_kind(RuleKind::Manual));
    }
    if first.starts_with("điều tra xã hội học") {
        return survey(body);
    }
    if first.starts_with("điểm") && first.contains("tỷ lệ") && first.contains('=') {
        return proportional(body, max);
    }
    let per_item = |c: &&str| {
        let l = low(c);
        l.starts_with("mỗi ") || l.contains(" mỗi ") || l.starts_with("trừ ") || l.contains(" trừ ")
    };
    if body.iter().any(per_item) {
        return deduction(body, max);
    }
    if body.iter().any(|c| find_date(c).is_some()) {
        return deadline(body, max);
    }
    let pairs = body
        .iter()
        .map(|c| split_pay(c))
        .collect::<Result<Vec<_>, _>>()?;
    bands_or_labels(&pairs, max)
}

/// `condition: points` at the last `:`.
fn split_pay(c: &str) -> Result<(&str, &str), Unreadable> {
    match c.rsplit_once(':') {
        Some((cond, p)) if !cond.trim().is_empty() => Ok((cond.trim(), p.trim())),
        _ => Err(Unreadable::new(
            c,
            "không có dấu \":\" giữa điều kiện và số điểm",
            "no `:` between the condition and its points",
        )),
    }
}

fn pay(text: &str, max: Decimal) -> Result<Pay, Unreadable> {
    let l = low(text);
    let t = ["được ", "tính "]
        .iter()
        .fold(l.as_str(), |t, p| t.strip_prefix(p).unwrap_or(t))
        .trim();
    if t == "điểm tối đa" {
        return Ok(Pay::Fixed(max));
    }
    if t.contains("tỷ lệ") && t.contains("điểm tối đa") && t.contains(['×', 'x', '*']) {
        return Ok(Pay::Share);
    }
    let t = t.strip_suffix("điểm").unwrap_or(t).trim();
    match numbers(t)?.as_slice() {
        [n] if n.start == 0 && n.end == t.len() => Ok(Pay::Fixed(n.value)),
        _ => Err(Unreadable::new(
            text,
            "không đọc được số điểm",
            "the points could not be read",
        )),
    }
}

fn fixed(text: &str, max: Decimal) -> Result<Decimal, Unreadable> {
    match pay(text, max)? {
        Pay::Fixed(v) => Ok(v),
        Pay::Share => Err(Unreadable::new(
            text,
            "điểm theo tỷ lệ chỉ dùng cho khoảng tỷ lệ",
            "share × max pays only in a band of shares",
        )),
    }
}

fn bands_or_labels(pairs: &[(&str, &str)], max: Decimal) -> Result<RuleDef, Unreadable> {
    let percent = pairs
        .iter()
        .any(|(c, _)| c.contains('%') || low(c).contains("tỷ lệ"));
    let conds = pairs
        .iter()
        .map(|(c, _)| band_cond(c, percent))
        .collect::<Result<Vec<_>, _>>()?;
    if conds.iter().any(Option::is_some) {
        return bands(pairs, &conds, percent, max);
    }
    if let Some(r) = check(pairs, max)? {
        return Ok(r);
    }
    levels(pairs, max)
}

fn bands(
    pairs: &[(&str, &str)],
    conds: &[Option<Cond>],
    percent: bool,
    max: Decimal,
) -> Result<RuleDef, Unreadable> {
    let kind = if percent {
        RuleKind::RatioBands
    } else {
        RuleKind::CountBands
    };
    let mut rule = RuleDef::of_kind(kind);
    let last = pairs.len().saturating_sub(1);
    for (i, ((cond, p), c)) in pairs.iter().zip(conds).enumerate() {
        let pay = pay(p, max)?;
        let band = match c {
            Some(c) => band_of(*c, pay),
            None if i == last && (low(cond).contains("còn lại") || !percent) => {
                if percent {
                    band_of(Cond::default(), pay)
                } else {
                    rule.otherwise = Some(fixed(p, max)?);
                    continue;
                }
            }
            None => {
                return Err(Unreadable::new(
                    *cond,
                    "điều kiện không phải một khoảng, trong khi các điều kiện khác là khoảng",
                    "this condition is not a band while the others are",
                ));
            }
        };
        if !percent && band.proportional.is_some() {
            return Err(Unreadable::new(
                *p,
                "khoảng số lượng không tính điểm theo tỷ lệ",
                "a band of counts does not pay share × max",
            ));
        }
        rule.bands.push(band);
    }
    Ok(rule)
}

fn band_of(c: Cond, pay: Pay) -> BandDef {
    let (at_least, above) = match c.lower {
        Some((v, true)) => (Some(v), None),
        Some((v, false)) => (None, Some(v)),
        None => (None, None),
    };
    let (at_most, below) = match c.upper {
        Some((v, true)) => (Some(v), None),
        Some((v, false)) => (None, Some(v)),
        None => (None, None),
    };
    let (points, proportional) = match pay {
        Pay::Fixed(v) => (Some(v), None),
        Pay::Share => (None, Some(true)),
    };
    BandDef {
        at_least,
        above,
        below,
        at_most,
        points,
        proportional,
    }
}

/// "Đạt yêu cầu: 1; Không đạt yêu cầu: 0", "Có: 1; Không: 0", and "A và B: 1; Không A hoặc
/// không B: 0".
fn check(pairs: &[(&str, &str)], max: Decimal) -> Result<Option<RuleDef>, Unreadable> {
    let [(c1, p1), (c2, p2)] = pairs else {
        return Ok(None);
    };
    let (l1, l2) = (low(c1), low(c2));
    let yes_no = l2 == format!("không {l1}") || (l1 == "có" && l2 == "không");
    let parts: Vec<&str> = if l2 == low(ONE_MISSING) {
        vec![*c1]
    } else if c1.contains(ALSO) {
        c1.split(ALSO).collect()
    } else {
        c1.split(" và ").collect()
    };
    let all_of = (parts.len() >= 2
        && l2.starts_with("không ")
        && (l2 == low(ANY_MISSING) || l2.split(" hoặc ").count() == parts.len()))
        || l2 == low(ONE_MISSING);
    if !yes_no && !all_of {
        return Ok(None);
    }
    let conditions = if yes_no {
        vec![]
    } else {
        parts
            .iter()
            .enumerate()
            .map(|(i, label)| ConditionDef {
                id: format!("c{}", i + 1),
                label: capitalize(label),
                label_en: None,
            })
            .collect()
    };
    Ok(Some(RuleDef {
        conditions,
        points: Some(fixed(p1, max)?),
        otherwise: Some(fixed(p2, max)?),
        ..RuleDef::of_kind(RuleKind::Check)
    }))
}

fn levels(pairs: &[(&str, &str)], max: Decimal) -> Result<RuleDef, Unreadable> {
    let levels = pairs
        .iter()
        .enumerate()
        .map(|(i, (label, p))| {
            Ok(LevelDef {
                id: format!("l{}", i + 1),
                label: capitalize(label),
                label_en: None,
                points: fixed(p, max)?,
            })
        })
        .collect::<Result<Vec<_>, Unreadable>>()?;
    Ok(RuleDef {
        levels,
        ..RuleDef::of_kind(RuleKind::Levels)
    })
}

/// The first `D/M/YYYY` date in a text.
pub(crate) fn find_date(text: &str) -> Option<DocDate> {
    text.split(|c: char| c.is_whitespace() || "(),:;".contains(c))
        .find_map(|w| DocDate::parse_dmy(w.trim_end_matches('.')).ok())
}

fn deadline(body: &[&str], max: Decimal) -> Result<RuleDef, Unreadable> {
    let mut rule = RuleDef::of_kind(RuleKind::Deadline);
    for (i, c) in body.iter().enumerate() {
        let (cond, p) = split_pay(c)?;
        let l = low(cond);
        let points = fixed(p, max)?;
        if i == 0 {
            if l.contains("trước ngày") && !l.contains("trước hoặc trong ngày") {
                return Err(Unreadable::new(
                    cond,
                    "\"trước ngày\" không rõ ngày đó có còn đúng hạn không: viết \"đến hết ngày …\"",
                    "\"before\" a day leaves unclear whether that day is on time: write \"đến hết ngày …\" (by the end of)",
                ));
            }
            let date = find_date(cond).ok_or_else(|| {
                Unreadable::new(
                    cond,
                    "không có thời hạn (ngày/tháng/năm)",
                    "no deadline (D/M/YYYY)",
                )
            })?;
            rule.deadline = Some(date.to_string());
            rule.on_time = Some(points);
        } else if l.contains("không ban hành") {
            rule.not_issued = Some(points);
        } else if ["chậm", "không kịp thời", "quá hạn", "không đúng hạn"]
            .iter()
            .any(|w| l.contains(w))
        {
            rule.late = Some(points);
            rule.late_until = find_date(cond).map(|d| d.to_string());
        } else {
            return Err(Unreadable::new(
                cond,
                "không rõ trường hợp nào (đúng hạn, chậm, không ban hành)",
                "not one of on time, late, not issued",
            ));
        }
    }
    Ok(rule)
}

fn deduction(body: &[&str], max: Decimal) -> Result<RuleDef, Unreadable> {
    let first = body.first().copied().unwrap_or_default();
    let l = low(first);
    let Some(at) = l.find("trừ") else {
        return per_item(body, max);
    };
    let after = l.get(at..).unwrap_or_default();
    let nums = numbers(after)?;
    let (Some(per), true) = (nums.first(), l.contains("mỗi")) else {
        return Err(Unreadable::new(
            first,
            "không rõ số điểm trừ cho mỗi trường hợp",
            "the points taken off per item are not clear",
        ));
    };
    let mut rule = RuleDef {
        per_item: Some(per.value),
        ..RuleDef::of_kind(RuleKind::Deduction)
    };
    if let Some(cap) = nums.get(1)
        && after.contains("tối đa")
    {
        rule.min_points = Some(max - cap.value);
    }
    for c in body.iter().skip(1) {
        let (cond, p) = split_pay(c)?;
        let l = low(cond);
        if l == "điểm thấp nhất" || l == "điểm tối thiểu" {
            rule.min_points = Some(fixed(p, max)?);
        } else {
            return Err(Unreadable::new(
                *c,
                "không đọc được điều khoản này của quy tắc trừ điểm",
                "a clause of a deduction rule that could not be read",
            ));
        }
    }
    Ok(rule)
}

fn survey(body: &[&str]) -> Result<RuleDef, Unreadable> {
    let [first] = body else {
        return Err(Unreadable::new(
            body.join("; "),
            "quy tắc điều tra xã hội học chỉ có một câu",
            "a survey rule is one clause",
        ));
    };
    let mut rule = RuleDef::of_kind(RuleKind::Survey);
    let Some((_, list)) = first.split_once(':') else {
        return Ok(rule);
    };
    for item in list.split(", ") {
        let bad = || {
            Unreadable::new(
                item,
                "phương án trả lời viết là `A = 100%`",
                "an answer option is written `A = 100%`",
            )
        };
        let (option, pct) = item.split_once('=').ok_or_else(bad)?;
        let pct = pct.trim().strip_suffix('%').ok_or_else(bad)?.trim();
        let percent = match numbers(pct)?.as_slice() {
            [n] if n.start == 0 && n.end == pct.len() => n.value,
            _ => return Err(bad()),
        };
        rule.weights.push(WeightDef {
            option: option.trim().to_string(),
            percent,
        });
    }
    Ok(rule)
}

fn proportional(body: &[&str], max: Decimal) -> Result<RuleDef, Unreadable> {
    let first = body.first().copied().unwrap_or_default();
    let l = low(first);
    let mut rule = RuleDef::of_kind(RuleKind::Proportional);
    let nums = numbers(&l)?;
    let divided = l.contains('÷') || l.contains(" / ") || l.contains("chia");
    match (nums.as_slice(), divided) {
        ([], false) => {}
        ([t], true) if l.get(t.end..).is_some_and(|r| r.starts_with('%')) => {
            rule.target = Some(t.value);
        }
        _ => {
            return Err(Unreadable::new(
                first,
                "không đọc được công thức (điểm = tỷ lệ × điểm tối đa, hoặc tỷ lệ ÷ chỉ tiêu %)",
                "the formula could not be read (points = share × max, or share ÷ target %)",
            ));
        }
    }
    for c in body.iter().skip(1) {
        let lc = low(c);
        if lc.starts_with("tỷ lệ =") && numbers(&lc)?.is_empty() {
            continue;
        }
        let (cond, p) = split_pay(c)?;
        let floor = band_cond(cond, true)?;
        match (floor, fixed(p, max)?) {
            (
                Some(Cond {
                    lower: None,
                    upper: Some((z, false)),
                }),
                v,
            ) if v.is_zero() => {
                rule.zero_below = Some(z);
            }
            _ => {
                return Err(Unreadable::new(
                    *c,
                    "chỉ đọc được \"tỷ lệ dưới Z%: 0 điểm\" sau công thức",
                    "only \"share below Z%: 0 points\" is read after the formula",
                ));
            }
        }
    }
    Ok(rule)
}

/// "Mỗi sáng kiến được công nhận: 0,5 điểm, tối đa 2 điểm" (or "… được 0,5 điểm …").
fn per_item(body: &[&str], max: Decimal) -> Result<RuleDef, Unreadable> {
    let bad = |c: &str| {
        Unreadable::new(
            c,
            "không đọc được số điểm cho mỗi trường hợp (\"Mỗi …: 0,5 điểm, tối đa 2 điểm\")",
            "the points per item could not be read (\"Mỗi …: 0,5 điểm, tối đa 2 điểm\")",
        )
    };
    let [first] = body else {
        return Err(bad(&body.join("; ")));
    };
    let l = low(first);
    let tail = match (l.rsplit_once(':'), l.split_once(" được ")) {
        (Some((head, t)), _) if head.contains("mỗi") => t,
        (None, Some((head, t))) if head.contains("mỗi") => t,
        _ => return Err(bad(first)),
    };
    let (per, cap) = match ["tối đa", "không quá"]
        .iter()
        .find_map(|w| tail.split_once(&format!(", {w}")))
    {
        Some((p, c)) => (p, Some(c)),
        None => (tail, None),
    };
    Ok(RuleDef {
        per_item: Some(fixed(per, max).map_err(|_| bad(first))?),
        cap: cap
            .map(|c| fixed(c, max))
            .transpose()
            .map_err(|_| bad(first))?,
        ..RuleDef::of_kind(RuleKind::PerItem)
    })
}
