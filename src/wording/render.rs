//! Rule → wording: the sentence an annex prints for a rule, in Vietnamese or English.

use rust_decimal::Decimal;

use super::canon::{canonical, lower_edge, upper_edge};
use super::parse::{ALSO, ANY_MISSING, DONE_AS, LEFT_OUT, ONE_MISSING, OVER, STATUSES};
use super::text::{decapitalize, en_num, vi_num};
use crate::docref::DocDate;
use crate::model::{BandDef, EmptyPolicy, NoCases, RuleDef, RuleKind, TaskStatus};
use crate::report::Lang;

/// Writes one rule; see [`crate::wording::render`].
pub(crate) fn render(rule: &RuleDef, max: Decimal, lang: Lang) -> String {
    let r = canonical(rule, max);
    let mut parts = match r.kind {
        RuleKind::Levels => levels(&r, lang),
        RuleKind::Check => check(&r, max, lang),
        RuleKind::RatioBands | RuleKind::CountBands => bands(&r, lang),
        RuleKind::Proportional => proportional(&r, lang),
        RuleKind::Deduction => deduction(&r, lang),
        RuleKind::PerItem => per_item(&r, lang),
        RuleKind::Survey => survey(&r, lang),
        RuleKind::Manual => vec![
            lang.pick(
                "Thẩm định chấm trực tiếp, từ 0 đến điểm tối đa",
                "points given directly by the appraiser, from 0 to the max",
            )
            .to_string(),
        ],
        RuleKind::Deadline => deadline(&r, max, lang),
    };
    parts.extend(options(&r, lang));
    parts.join("; ")
}

fn num(v: Decimal, lang: Lang) -> String {
    match lang {
        Lang::Vi => vi_num(v),
        Lang::En => en_num(v),
    }
}

fn pts(v: Decimal, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{} điểm", vi_num(v)),
        Lang::En if v == Decimal::ONE => "1 point".to_string(),
        Lang::En => format!("{} points", en_num(v)),
    }
}

fn levels(r: &RuleDef, lang: Lang) -> Vec<String> {
    r.levels
        .iter()
        .map(|l| format!("{}: {}", l.label, pts(l.points, lang)))
        .collect()
}

fn check(r: &RuleDef, max: Decimal, lang: Lang) -> Vec<String> {
    let (yes, no) = (r.points.unwrap_or(max), r.otherwise.unwrap_or_default());
    if r.conditions.is_empty() {
        let (a, b) = match lang {
            Lang::Vi => ("Đạt yêu cầu", "Không đạt yêu cầu"),
            Lang::En => ("met", "not met"),
        };
        return vec![
            format!("{a}: {}", pts(yes, lang)),
            format!("{b}: {}", pts(no, lang)),
        ];
    }
    let labels: Vec<String> = r
        .conditions
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if i == 0 {
                c.label.clone()
            } else {
                decapitalize(&c.label)
            }
        })
        .collect();
    let join = if labels.iter().any(|l| l.contains(" và ")) {
        ALSO
    } else {
        " và "
    };
    let missing = if labels.len() == 1 {
        ONE_MISSING
    } else {
        ANY_MISSING
    };
    match lang {
        Lang::Vi => vec![
            format!("{}: {}", labels.join(join), pts(yes, lang)),
            format!("{missing}: {}", pts(no, lang)),
        ],
        Lang::En => vec![
            format!("all of ({}): {}", labels.join("; "), pts(yes, lang)),
            format!("any missing: {}", pts(no, lang)),
        ],
    }
}

fn bands(r: &RuleDef, lang: Lang) -> Vec<String> {
    let count = r.kind == RuleKind::CountBands;
    let mut out = Vec::new();
    let mut prev: Option<&BandDef> = None;
    for b in &r.bands {
        let pay = match (b.points, b.proportional) {
            (_, Some(true)) => lang.pick("tỷ lệ × điểm tối đa", "share × max").to_string(),
            (p, _) => pts(p.unwrap_or_default(), lang),
        };
        out.push(format!("{}: {pay}", band_text(b, prev, count, lang)));
        prev = Some(b);
    }
    if count && r.bands.last().is_some_and(|b| lower_edge(b).is_some()) {
        let rest = lang.pick("Các trường hợp còn lại", "otherwise");
        out.push(format!(
            "{rest}: {}",
            pts(r.otherwise.unwrap_or_default(), lang)
        ));
    }
    out
}

fn band_text(b: &BandDef, prev: Option<&BandDef>, count: bool, lang: Lang) -> String {
    let lower = lower_edge(b);
    let upper = upper_edge(b).or_else(|| prev.and_then(lower_edge).map(|(v, i)| (v, !i)));
    let v = |x: Decimal| match (count, lang) {
        (false, _) => format!("{}%", num(x, lang)),
        (true, Lang::Vi) => format!("{} lần", num(x, lang)),
        (true, Lang::En) => num(x, lang),
    };
    if count
        && let (Some((n, true)), Some((m, false))) = (lower, upper)
        && n.fract().is_zero()
        && m == n + Decimal::ONE
    {
        return v(n);
    }
    let vi = lang == Lang::Vi;
    match (lower, upper) {
        (Some((x, true)), None) if !count && prev.is_none() && x == Decimal::ONE_HUNDRED => {
            lang.pick("Đạt 100%", "100%").to_string()
        }
        (Some((x, true)), None) if vi => format!("Từ {} trở lên", v(x)),
        (Some((x, true)), None) => format!("{} or more", v(x)),
        (Some((x, false)), None) => format!("{} {}", lang.pick("Trên", "over"), v(x)),
        (Some((x, li)), Some((y, ui))) if vi => format!(
            "{} {} đến {}{}",
            if li { "Từ" } else { "Trên" },
            v(x),
            if ui { "" } else { "dưới " },
            v(y)
        ),
        (Some((x, li)), Some((y, ui))) => format!(
            "{}{} to {}{}",
            if li { "" } else { "over " },
            v(x),
            if ui { "" } else { "under " },
            v(y)
        ),
        (None, Some((y, false))) => format!("{} {}", lang.pick("Dưới", "under"), v(y)),
        (None, Some((y, true))) => format!("{} {}", lang.pick("Không quá", "at most"), v(y)),
        (None, None) => match (count, lang) {
            (false, Lang::Vi) => "Mọi tỷ lệ".to_string(),
            (true, Lang::Vi) => "Mọi số lượng".to_string(),
            (_, Lang::En) => "any value".to_string(),
        },
    }
}

fn proportional(r: &RuleDef, lang: Lang) -> Vec<String> {
    let mut out = vec![match (r.target, lang) {
        (None, Lang::Vi) => "Điểm = tỷ lệ × điểm tối đa".to_string(),
        (None, Lang::En) => "points = share × max".to_string(),
        (Some(t), Lang::Vi) => format!(
            "Điểm = tỷ lệ ÷ {}% × điểm tối đa, không vượt quá điểm tối đa",
            vi_num(t)
        ),
        (Some(t), Lang::En) => format!("points = share ÷ {}% × max, at most the max", en_num(t)),
    }];
    if let Some(z) = r.zero_below {
        let share = lang.pick("Tỷ lệ dưới", "share under");
        out.push(format!(
            "{share} {}%: {}",
            num(z, lang),
            pts(Decimal::ZERO, lang)
        ));
    }
    out
}

fn deduction(r: &RuleDef, lang: Lang) -> Vec<String> {
    let per = r.per_item.unwrap_or_default();
    let mut out = vec![match lang {
        Lang::Vi => format!("Mỗi trường hợp trừ {} điểm", vi_num(per)),
        Lang::En => format!("the max, minus {} per item", pts(per, lang)),
    }];
    if let Some(m) = r.min_points {
        let floor = lang.pick("Điểm thấp nhất", "lowest score");
        out.push(format!("{floor}: {}", pts(m, lang)));
    }
    out
}

fn per_item(r: &RuleDef, lang: Lang) -> Vec<String> {
    let per = pts(r.per_item.unwrap_or_default(), lang);
    let cap = r.cap.map(|c| pts(c, lang));
    vec![match (lang, cap) {
        (Lang::Vi, None) => format!("Mỗi trường hợp: {per}"),
        (Lang::Vi, Some(c)) => format!("Mỗi trường hợp: {per}, tối đa {c}"),
        (Lang::En, None) => format!("{per} per item, up to the max"),
        (Lang::En, Some(c)) => format!("{per} per item, at most {c}"),
    }]
}

fn survey(r: &RuleDef, lang: Lang) -> Vec<String> {
    let weights: Vec<(String, Decimal)> = if r.weights.is_empty() {
        crate::rules::survey::default_weights()
    } else {
        r.weights
            .iter()
            .map(|w| (w.option.clone(), w.percent))
            .collect()
    };
    let list: Vec<String> = weights
        .iter()
        .map(|(o, p)| format!("{o} = {}%", num(*p, lang)))
        .collect();
    let head = lang.pick("Điều tra xã hội học", "survey, share of the max per answer");
    vec![format!("{head}: {}", list.join(", "))]
}

fn dmy(iso: &str) -> String {
    DocDate::parse_iso(iso).map_or_else(
        |_| iso.to_string(),
        |d| format!("{:02}/{:02}/{:04}", d.day, d.month, d.year),
    )
}

fn deadline(r: &RuleDef, max: Decimal, lang: Lang) -> Vec<String> {
    let d = dmy(r.deadline.as_deref().unwrap_or_default());
    let (on_time, late, none) = (
        r.on_time.unwrap_or(max),
        r.late.unwrap_or_default(),
        r.not_issued.unwrap_or_default(),
    );
    let vi = lang == Lang::Vi;
    let mut out = vec![if vi {
        format!("Ban hành đến hết ngày {d}: {}", pts(on_time, lang))
    } else {
        format!("issued by {d}: {}", pts(on_time, lang))
    }];
    match (&r.late_until, vi) {
        (Some(u), true) => {
            let u = dmy(u);
            out.push(format!(
                "Ban hành chậm, đến hết ngày {u}: {}",
                pts(late, lang)
            ));
            out.push(format!(
                "Ban hành sau ngày {u} hoặc không ban hành: {}",
                pts(none, lang)
            ));
        }
        (Some(u), false) => {
            let u = dmy(u);
            out.push(format!("late, by {u}: {}", pts(late, lang)));
            out.push(format!("after {u} or not issued: {}", pts(none, lang)));
        }
        (None, _) => {
            out.push(format!(
                "{}: {}",
                lang.pick("Ban hành chậm", "late"),
                pts(late, lang)
            ));
            out.push(format!(
                "{}: {}",
                lang.pick("Không ban hành", "not issued"),
                pts(none, lang)
            ));
        }
    }
    out
}

fn status_names(list: &[TaskStatus], lang: Lang) -> String {
    list.iter()
        .map(|s| match lang {
            Lang::Vi => STATUSES
                .iter()
                .find(|(_, st)| st == s)
                .map_or(s.as_str(), |(n, _)| n)
                .to_string(),
            Lang::En => s.as_str().replace('_', " "),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn options(r: &RuleDef, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(done) = &r.done {
        let head = lang.pick(DONE_AS, "tasks counted as done");
        out.push(format!("{head}: {}", status_names(done, lang)));
    }
    if let Some(ex) = &r.exclude {
        let head = lang.pick(LEFT_OUT, "tasks left out of the total");
        out.push(format!("{head}: {}", status_names(ex, lang)));
    }
    if r.allow_over == Some(true) {
        out.push(lang.pick(OVER, "the share may pass 100%").to_string());
    }
    let old = |p: EmptyPolicy| match p {
        EmptyPolicy::FullPoints => Some(NoCases::Full),
        EmptyPolicy::Zero => Some(NoCases::Zero),
        EmptyPolicy::NotApplicable => None,
    };
    let empty = match r.when_no_cases.or_else(|| r.on_empty.and_then(old)) {
        Some(NoCases::Full) => lang.pick("tính điểm tối đa", "full points"),
        Some(NoCases::Zero) => lang.pick("0 điểm", "0 points"),
        Some(NoCases::Exclude) => lang.pick("không tính điểm", "not counted"),
        None => return out,
    };
    let head = lang.pick("Trường hợp không phát sinh", "no case arose");
    out.push(format!("{head}: {empty}"));
    out
}
