//! A leaf's explanation in the report's language, rendered from the structured
//! [`Working`]: the English text is the scorecard's own; the Vietnamese is written here.

use rust_decimal::Decimal;

use super::number::{Lang, pts, share};
use crate::model::EmptyPolicy;
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
        } => {
            let base = share_vi(s);
            if let Some(z) = zero_below
                && s.percent < *z
            {
                return format!("{base}, dưới ngưỡng {}%", v(*z));
            }
            match target {
                Some(t) if *factor >= Decimal::ONE => format!("{base}, đạt chỉ tiêu {}%", v(*t)),
                Some(t) => format!(
                    "{base} ÷ chỉ tiêu {}% = {}%",
                    v(*t),
                    share(
                        factor.checked_mul(Decimal::ONE_HUNDRED).unwrap_or_default(),
                        Lang::Vi
                    )
                ),
                None => format!("{base}, tỷ lệ × điểm tối đa"),
            }
        }
        Working::CountBand {
            count,
            measure: m,
            band,
        } => {
            let what = m
                .as_deref()
                .map(|m| format!(" {}", measure(m)))
                .unwrap_or_default();
            match band {
                Some(b) => format!("{}{what} → khung {}", v(*count), band_vi(b)),
                None => format!("{}{what} → dưới mọi khung", v(*count)),
            }
        }
        Working::Deduction {
            count,
            per_item,
            measure: m,
            floored_at,
        } => {
            let what = m
                .as_deref()
                .map(|m| format!(" {}", measure(m)))
                .unwrap_or_default();
            let floor = floored_at
                .map(|f| format!(", không thấp hơn {}", v(f)))
                .unwrap_or_default();
            format!(
                "{}{what} × {} điểm trừ vào điểm tối đa{floor}",
                v(*count),
                v(*per_item)
            )
        }
        Working::PerItem {
            count,
            per_item,
            cap,
            measure: m,
        } => {
            let what = m
                .as_deref()
                .map(|m| format!(" {}", measure(m)))
                .unwrap_or_default();
            let raw = count.saturating_mul(*per_item);
            format!(
                "{}{what} × {} = {}, tối đa {}",
                v(*count),
                v(*per_item),
                v(raw),
                v(*cap)
            )
        }
        Working::Survey {
            answers,
            weighted_percent,
        } => {
            let n: u64 = answers.values().sum();
            let parts: Vec<String> = answers
                .iter()
                .filter(|(_, c)| **c > 0)
                .map(|(o, c)| format!("{o} {c}"))
                .collect();
            format!(
                "{n} phiếu ({}) → bình quân {}% điểm tối đa",
                parts.join(", "),
                share(*weighted_percent, Lang::Vi)
            )
        }
        Working::Given => "điểm chấm trực tiếp".to_string(),
        Working::Appraised { round, reason } => format!("thẩm định lần {round}: {reason}"),
        Working::Deadline {
            deadline,
            date,
            days_late,
            document,
            outcome,
        } => {
            let mut t = match (date, days_late) {
                (Some(d), Some(n)) if *n > 0 => {
                    format!("ban hành ngày {d}, chậm {n} ngày so với hạn {deadline}")
                }
                (Some(d), _) => format!("ban hành ngày {d}, đúng hạn {deadline}"),
                (None, _) => format!("chưa ban hành (hạn {deadline})"),
            };
            if let Some(doc) = document {
                t.push_str(&format!(" ({doc})"));
            }
            let vi = match outcome.as_str() {
                "on_time" => "đúng hạn",
                "late" => "chậm",
                "too_late" => "quá hạn",
                "not_issued" => "không ban hành",
                other => other,
            };
            format!("{t} → {vi}")
        }
        Working::Empty { policy, measure: m } => {
            let what = measure(m.as_deref().unwrap_or("items"));
            match policy {
                EmptyPolicy::Zero => format!("0/0 {what}: mẫu số bằng 0, chấm 0 điểm"),
                EmptyPolicy::FullPoints => {
                    format!("0/0 {what}: không phát sinh, đạt điểm tối đa")
                }
                EmptyPolicy::NotApplicable => format!("0/0 {what}: không đánh giá"),
            }
        }
    }
}
