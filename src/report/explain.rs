//! A leaf's explanation in the report's language, rendered from the structured
//! [`Working`]: the English text is the scorecard's own; the Vietnamese is written here.

use rust_decimal::Decimal;

use super::number::{Lang, pts, share};
use crate::model::NoCases;
use crate::rules::{BandView, Share, ShareSource, Working};
use crate::scorecard::{Basis, Explanation};

/// The one-line explanation of a leaf in `lang`.
pub(crate) fn explanation(e: &Explanation, lang: Lang) -> String {
    if lang == Lang::En {
        return e.to_string();
    }
    let (p, m) = (pts(e.points, lang), pts(e.max, lang));
    match &e.basis {
        Basis::Scored { working: w } => format!("{} → {p}/{m} điểm", working(w)),
        Basis::MissingEvidence => format!("không có tài liệu kiểm chứng → 0/{m} điểm"),
        Basis::NotClaimed => format!("không kê khai → 0/{m} điểm"),
        Basis::NotApplicable {
            reason,
            full_points: true,
        } => format!("không đánh giá ({reason}) → đạt tối đa {m}/{m} điểm"),
        Basis::NotApplicable {
            reason,
            full_points: false,
        } => format!("không đánh giá ({reason}) → không tính vào điểm tối đa"),
    }
}

/// Common measures in Vietnamese; others are shown as written in the set.
pub(crate) fn measure(m: &str) -> &str {
    match m {
        "tasks" => "nhiệm vụ",
        "meetings" => "cuộc họp",
        "applications" => "hồ sơ",
        "cases" => "trường hợp",
        "respondents" => "người trả lời",
        "items" => "mục",
        "reports" => "báo cáo",
        other => other,
    }
}

fn v(d: Decimal) -> String {
    pts(d, Lang::Vi)
}

fn share_vi(s: &Share) -> String {
    let pct = share(s.percent, Lang::Vi);
    match (s.source, s.numerator, s.denominator) {
        (ShareSource::Tasks, Some(n), Some(d)) => {
            let what = measure(s.measure.as_deref().unwrap_or("tasks"));
            let excluded = if s.excluded > 0 {
                format!(" ({} không tính)", s.excluded)
            } else {
                String::new()
            };
            format!("{}/{} {what} hoàn thành{excluded} = {pct}%", v(n), v(d))
        }
        (_, Some(n), Some(d)) => format!("{}/{} = {pct}%", v(n), v(d)),
        _ => format!("{pct}%"),
    }
}

fn band_vi(b: &BandView) -> String {
    let u = &b.unit;
    let counts = u.is_empty();
    let val = |d: Decimal| format!("{}{u}", v(d));
    match (b.lower, b.upper) {
        (Some(a), Some(c)) if a == c => format!("đúng {}", val(a)),
        (Some(a), Some(c))
            if counts
                && b.lower_inclusive
                && !b.upper_inclusive
                && a.fract().is_zero()
                && a.checked_add(Decimal::ONE) == Some(c) =>
        {
            format!("đúng {}", val(a))
        }
        (Some(a), Some(c)) => {
            let from = if b.lower_inclusive {
                format!("từ {}", val(a))
            } else {
                format!("trên {}", val(a))
            };
            let to = if b.upper_inclusive {
                format!("đến {}", val(c))
            } else {
                format!("đến dưới {}", val(c))
            };
            format!("{from} {to}")
        }
        (Some(a), None) if b.lower_inclusive => format!("từ {} trở lên", val(a)),
        (Some(a), None) => format!("trên {}", val(a)),
        (None, Some(c)) if b.upper_inclusive => format!("từ {} trở xuống", val(c)),
        (None, Some(c)) => format!("dưới {}", val(c)),
        (None, None) => "mọi giá trị".to_string(),
    }
}

/// The working in Vietnamese, without the result.
pub(crate) fn working(w: &Working) -> String {
    match w {
        Working::Level { label, .. } => format!("mức “{label}”"),
        Working::Check { met: true, .. } => "đạt".to_string(),
        Working::Check { met: false, failed } if failed.is_empty() => "không đạt".to_string(),
        Working::Check { met: false, failed } => format!("không đạt: {}", failed.join("; ")),
        Working::RatioBand { share, band } => {
            let prop = if band.proportional {
                ", tỷ lệ × điểm tối đa"
            } else {
                ""
            };
            format!("{} → khung {}{prop}", share_vi(share), band_vi(band))
        }
        Working::Proportional {
            share: s,
            target,
            zero_below,
            factor,
        } => proportional_vi(s, *target, *zero_below, *factor),
        Working::CountBand {
            count,
            measure: m,
            band,
        } => count_band_vi(*count, m.as_deref(), band.as_ref()),
        Working::Deduction {
            count,
            per_item,
            measure: m,
            floored_at,
        } => deduction_vi(*count, *per_item, m.as_deref(), *floored_at),
        Working::PerItem {
            count,
            per_item,
            cap,
            measure: m,
        } => per_item_vi(*count, *per_item, *cap, m.as_deref()),
        Working::Survey {
            answers,
            weighted_percent,
        } => survey_vi(answers, *weighted_percent),
        Working::Given => "điểm chấm trực tiếp".to_string(),
        Working::Appraised { round, reason } => format!("thẩm định lần {round}: {reason}"),
        Working::Deadline {
            deadline,
            date,
            days_late,
            document,
            outcome,
        } => deadline_vi(
            deadline,
            date.as_deref(),
            *days_late,
            document.as_deref(),
            outcome,
        ),
        Working::Empty { policy, measure: m } => empty_vi(*policy, m.as_deref()),
    }
}

/// ` tasks` after a count, in Vietnamese, when the rule names what it counts.
fn what_vi(m: Option<&str>) -> String {
    m.map(|m| format!(" {}", measure(m))).unwrap_or_default()
}

fn proportional_vi(
    s: &Share,
    target: Option<Decimal>,
    zero_below: Option<Decimal>,
    factor: Decimal,
) -> String {
    let base = share_vi(s);
    if let Some(z) = zero_below
        && s.percent < z
    {
        return format!("{base}, dưới ngưỡng {}%", v(z));
    }
    match target {
        Some(t) if factor >= Decimal::ONE => format!("{base}, đạt chỉ tiêu {}%", v(t)),
        Some(t) => format!(
            "{base} ÷ chỉ tiêu {}% = {}%",
            v(t),
            share(
                factor.checked_mul(Decimal::ONE_HUNDRED).unwrap_or_default(),
                Lang::Vi
            )
        ),
        None => format!("{base}, tỷ lệ × điểm tối đa"),
    }
}

fn count_band_vi(count: Decimal, m: Option<&str>, band: Option<&BandView>) -> String {
    let what = what_vi(m);
    match band {
        Some(b) => format!("{}{what} → khung {}", v(count), band_vi(b)),
        None => format!("{}{what} → dưới mọi khung", v(count)),
    }
}

fn deduction_vi(
    count: Decimal,
    per_item: Decimal,
    m: Option<&str>,
    floored_at: Option<Decimal>,
) -> String {
    let floor = floored_at
        .map(|f| format!(", không thấp hơn {}", v(f)))
        .unwrap_or_default();
    format!(
        "{}{} × {} điểm trừ vào điểm tối đa{floor}",
        v(count),
        what_vi(m),
        v(per_item)
    )
}

fn per_item_vi(count: Decimal, per_item: Decimal, cap: Decimal, m: Option<&str>) -> String {
    let raw = count.saturating_mul(per_item);
    format!(
        "{}{} × {} = {}, tối đa {}",
        v(count),
        what_vi(m),
        v(per_item),
        v(raw),
        v(cap)
    )
}

fn survey_vi(answers: &std::collections::BTreeMap<String, u64>, weighted: Decimal) -> String {
    let n: u64 = answers.values().sum();
    let parts: Vec<String> = answers
        .iter()
        .filter(|(_, c)| **c > 0)
        .map(|(o, c)| format!("{o} {c}"))
        .collect();
    format!(
        "{n} phiếu ({}) → bình quân {}% điểm tối đa",
        parts.join(", "),
        share(weighted, Lang::Vi)
    )
}

fn deadline_vi(
    deadline: &str,
    date: Option<&str>,
    days_late: Option<i64>,
    document: Option<&str>,
    outcome: &str,
) -> String {
    let mut t = match (date, days_late) {
        (Some(d), Some(n)) if n > 0 => {
            format!("ban hành ngày {d}, chậm {n} ngày so với hạn {deadline}")
        }
        (Some(d), _) => format!("ban hành ngày {d}, đúng hạn {deadline}"),
        (None, _) => format!("chưa ban hành (hạn {deadline})"),
    };
    if let Some(doc) = document {
        t.push_str(&format!(" ({doc})"));
    }
    let vi = match outcome {
        "on_time" => "đúng hạn",
        "late" => "chậm",
        "too_late" => "quá hạn",
        "not_issued" => "không ban hành",
        other => other,
    };
    format!("{t} → {vi}")
}

fn empty_vi(policy: NoCases, m: Option<&str>) -> String {
    let Some(m) = m else {
        return match policy {
            NoCases::Zero => "trường hợp không phát sinh: 0 điểm",
            NoCases::Full => "trường hợp không phát sinh: tính điểm tối đa",
            NoCases::Exclude => "trường hợp không phát sinh: không tính vào điểm tối đa",
        }
        .to_string();
    };
    let what = measure(m);
    match policy {
        NoCases::Zero => format!("0/0 {what}: mẫu số bằng 0, chấm 0 điểm"),
        NoCases::Full => format!("0/0 {what}: không phát sinh, đạt điểm tối đa"),
        NoCases::Exclude => format!("0/0 {what}: không tính vào điểm tối đa"),
    }
}

#[cfg(test)]
mod tests {
    //! The Vietnamese wording of each kind of working, written out by hand (numbers with a
    //! decimal comma, `81,25`), so that no rule kind's line can go blank or change unnoticed.

    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap_or_default()
    }

    fn tasks(n: &str, of: &str, excluded: u64, percent: &str) -> Share {
        Share {
            source: ShareSource::Tasks,
            numerator: Some(d(n)),
            denominator: Some(d(of)),
            excluded,
            percent: d(percent),
            measure: None,
        }
    }

    #[test]
    fn a_task_share_names_the_tasks_and_those_not_counted() {
        // 13 of 16 tasks done = 81.25%; with 2 excluded, said so in brackets.
        let w = |excluded| Working::Proportional {
            share: tasks("13", "16", excluded, "81.25"),
            target: None,
            zero_below: None,
            factor: d("0.8125"),
        };
        assert_eq!(
            working(&w(0)),
            "13/16 nhiệm vụ hoàn thành = 81,25%, tỷ lệ × điểm tối đa"
        );
        assert_eq!(
            working(&w(2)),
            "13/16 nhiệm vụ hoàn thành (2 không tính) = 81,25%, tỷ lệ × điểm tối đa"
        );
    }

    #[test]
    fn a_proportional_share_against_its_target_and_its_floor() {
        let counts = |percent: &str| Share {
            source: ShareSource::Counts,
            numerator: Some(d("45")),
            denominator: Some(d("60")),
            excluded: 0,
            percent: d(percent),
            measure: None,
        };
        let w = |target, zero_below, factor| Working::Proportional {
            share: counts("75"),
            target,
            zero_below,
            factor,
        };
        // 45/60 = 75% against a target of 80%: 75 ÷ 80 = 93.75% of the max.
        assert_eq!(
            working(&w(Some(d("80")), None, d("0.9375"))),
            "45/60 = 75% ÷ chỉ tiêu 80% = 93,75%"
        );
        // Against a target of 70%: reached (factor 1).
        assert_eq!(
            working(&w(Some(d("70")), None, d("1"))),
            "45/60 = 75%, đạt chỉ tiêu 70%"
        );
        // Below a floor of 80%: 0; exactly at a floor of 75% is not below it.
        assert_eq!(
            working(&w(None, Some(d("80")), d("0"))),
            "45/60 = 75%, dưới ngưỡng 80%"
        );
        assert_eq!(
            working(&w(None, Some(d("75")), d("0.75"))),
            "45/60 = 75%, tỷ lệ × điểm tối đa"
        );
    }

    #[test]
    fn counts_deductions_and_items_in_vietnamese() {
        let band = BandView {
            lower: Some(d("3")),
            lower_inclusive: true,
            upper: None,
            upper_inclusive: false,
            unit: String::new(),
            proportional: false,
        };
        // 4 meetings, in the band "3 or more".
        let counted = working(&Working::CountBand {
            count: d("4"),
            measure: Some("meetings".into()),
            band: Some(band),
        });
        assert!(counted.starts_with("4 cuộc họp → khung "), "{counted}");
        assert_eq!(
            working(&Working::CountBand {
                count: d("1"),
                measure: None,
                band: None,
            }),
            "1 → dưới mọi khung"
        );
        // 3 late reports × 0.25 off the max, not below 0.5.
        assert_eq!(
            working(&Working::Deduction {
                count: d("3"),
                per_item: d("0.25"),
                measure: Some("reports".into()),
                floored_at: Some(d("0.5")),
            }),
            "3 báo cáo × 0,25 điểm trừ vào điểm tối đa, không thấp hơn 0,5"
        );
        // 5 initiatives × 0.5 = 2.5, at most 1.5 (a measure the list does not know stays as
        // written).
        assert_eq!(
            working(&Working::PerItem {
                count: d("5"),
                per_item: d("0.5"),
                cap: d("1.5"),
                measure: Some("sáng kiến".into()),
            }),
            "5 sáng kiến × 0,5 = 2,5, tối đa 1,5"
        );
    }

    #[test]
    fn a_deadline_on_time_late_and_not_issued() {
        let w = |date: Option<&str>, days_late, outcome: &str| Working::Deadline {
            deadline: "2024-01-31".into(),
            date: date.map(String::from),
            days_late,
            document: Some("12/KH-UBND".into()),
            outcome: outcome.into(),
        };
        // 10 February is 10 days after 31 January.
        assert_eq!(
            working(&w(Some("2024-02-10"), Some(10), "late")),
            "ban hành ngày 2024-02-10, chậm 10 ngày so với hạn 2024-01-31 (12/KH-UBND) → chậm"
        );
        // On the day itself: 0 days late is on time.
        assert_eq!(
            working(&w(Some("2024-01-31"), Some(0), "on_time")),
            "ban hành ngày 2024-01-31, đúng hạn 2024-01-31 (12/KH-UBND) → đúng hạn"
        );
        assert_eq!(
            working(&w(None, None, "not_issued")),
            "chưa ban hành (hạn 2024-01-31) (12/KH-UBND) → không ban hành"
        );
    }

    #[test]
    fn no_cases_with_and_without_a_measure() {
        assert_eq!(
            working(&Working::Empty {
                policy: NoCases::Full,
                measure: Some("applications".into()),
            }),
            "0/0 hồ sơ: không phát sinh, đạt điểm tối đa"
        );
        assert_eq!(
            working(&Working::Empty {
                policy: NoCases::Exclude,
                measure: None,
            }),
            "trường hợp không phát sinh: không tính vào điểm tối đa"
        );
    }

    fn band(lower: Option<&str>, li: bool, upper: Option<&str>, ui: bool, unit: &str) -> BandView {
        BandView {
            lower: lower.map(d),
            lower_inclusive: li,
            upper: upper.map(d),
            upper_inclusive: ui,
            unit: unit.into(),
            proportional: false,
        }
    }

    #[test]
    fn a_count_band_of_one_value_is_said_exactly_that_value() {
        // [3, 3] holds 3 alone; so does [3, 4) for a count (whole numbers), but not [3, 5)
        // (3 and 4), [3, 4] (3 and 4), (3, 4) (written as set: above 3, below 4) or [2.5, 3.5)
        // (a fractional edge: 3 alone, but written as set).
        for (b, text) in [
            (band(Some("3"), true, Some("3"), true, ""), "đúng 3"),
            (band(Some("3"), true, Some("4"), false, ""), "đúng 3"),
            (
                band(Some("3"), true, Some("5"), false, ""),
                "từ 3 đến dưới 5",
            ),
            (band(Some("3"), true, Some("4"), true, ""), "từ 3 đến 4"),
            (
                band(Some("3"), false, Some("4"), false, ""),
                "trên 3 đến dưới 4",
            ),
            (
                band(Some("2.5"), true, Some("3.5"), false, ""),
                "từ 2,5 đến dưới 3,5",
            ),
        ] {
            assert_eq!(band_vi(&b), text, "{b:?}");
        }
    }

    #[test]
    fn a_share_band_says_each_edge_included_or_not() {
        // A share is not a count: [80%, 81%) holds 80,5% too, so it is not "đúng 80%".
        for (b, text) in [
            (band(Some("100"), true, Some("100"), true, "%"), "đúng 100%"),
            (
                band(Some("80"), true, Some("81"), false, "%"),
                "từ 80% đến dưới 81%",
            ),
            (
                band(Some("80"), true, Some("100"), false, "%"),
                "từ 80% đến dưới 100%",
            ),
            (
                band(Some("80"), false, Some("100"), true, "%"),
                "trên 80% đến 100%",
            ),
            (band(Some("95"), true, None, false, "%"), "từ 95% trở lên"),
            (band(Some("80"), false, None, false, "%"), "trên 80%"),
            (band(None, false, Some("5"), true, "%"), "từ 5% trở xuống"),
            (band(None, false, Some("5"), false, "%"), "dưới 5%"),
            (
                band(Some("12.5"), true, None, false, "%"),
                "từ 12,5% trở lên",
            ),
            (band(None, false, None, false, "%"), "mọi giá trị"),
        ] {
            assert_eq!(band_vi(&b), text, "{b:?}");
        }
    }

    #[test]
    fn a_survey_lists_the_answers_given_and_not_those_without_votes() {
        // 6 × A (100%) + 4 × C (60%) over 10 ballots = (600 + 240) / 10 = 84%; B has no vote.
        let answers: std::collections::BTreeMap<String, u64> =
            [("A".into(), 6), ("B".into(), 0), ("C".into(), 4)].into();
        assert_eq!(
            working(&Working::Survey {
                answers,
                weighted_percent: d("84"),
            }),
            "10 phiếu (A 6, C 4) → bình quân 84% điểm tối đa"
        );
    }

    #[test]
    fn a_failed_check_lists_what_failed() {
        let w = |failed: Vec<String>| Working::Check { met: false, failed };
        assert_eq!(working(&w(Vec::new())), "không đạt");
        assert_eq!(working(&w(vec!["a".into(), "b".into()])), "không đạt: a; b");
    }
}
