//! Published results as batch cases: the 2023 and 2024 provincial PAR Index results that were
//! published (../shared/domain/methodology-2025.md §4.1, §4.2), scored under the sets in force
//! for those years, with their ranks and group summaries; and a publication that contradicts
//! itself, caught by the audit's `figures`. Every expected value is worked out by hand.

#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "test code: a failed unwrap is a failed test"
)]

use par_index::{
    Decimal, Evidence, RuleSet, analysis::AuditCheck, analysis::Severity, analysis::audit,
    assessment::Batch, assessment::score_batch, criteria::UnitLevel,
};

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// A batch of provinces, each with the given leaves (`"code": "points"`).
fn batch(set: &str, year: u16, units: &[(&str, &[(&str, &str)])]) -> Batch {
    let units: Vec<String> = units
        .iter()
        .map(|(name, leaves)| {
            let ev: Vec<String> = leaves
                .iter()
                .map(|(code, pts)| format!(r#""{code}": {{ "points": "{pts}" }}"#))
                .collect();
            format!(
                r#"{{ "unit": {{ "name": "{name}", "level": "province" }}, "period": {{ "year": {year} }},
                     "evidence": {{ {} }} }}"#,
                ev.join(", ")
            )
        })
        .collect();
    Batch::from_json_str(&format!(
        r#"{{ "ruleset": "{set}", "units": [{}] }}"#,
        units.join(", ")
    ))
    .unwrap()
}

fn ranks(result: &par_index::assessment::BatchResult) -> Vec<(usize, String, Decimal)> {
    result
        .ranking
        .rows
        .iter()
        .map(|r| (r.rank, r.unit.clone(), r.index.unwrap()))
        .collect()
}

/// (group, count) of every summary.
fn groups(result: &par_index::assessment::BatchResult) -> Vec<(String, usize)> {
    result
        .summaries
        .iter()
        .map(|s| (s.group.clone(), s.count))
        .collect()
}

#[test]
fn the_2024_provincial_results_rank_and_group_as_published() {
    let rs = RuleSet::builtin_for(UnitLevel::Province, 2024).unwrap();
    assert_eq!(rs.id(), "bnv-892-2024-province");
    // Published (268/QĐ-BNV, 28/3/2025): Hải Phòng 96.17 (1st), Bà Rịa – Vũng Tàu 93.35 (2nd),
    // Hà Nội 92.57 as printed (3rd), Sơn La 90.02 (12th), Lâm Đồng 83.1 (62nd). Listed out of
    // order so that the ranking has to sort them.
    let b = batch(
        rs.id(),
        2024,
        &[
            ("Sơn La", &[("CS", "90.02")]),
            ("Lâm Đồng", &[("CS", "83.1")]),
            ("Hải Phòng", &[("CS", "96.17")]),
            ("Hà Nội", &[("CS", "92.57")]),
            ("Bà Rịa – Vũng Tàu", &[("CS", "93.35")]),
        ],
    );
    let result = score_batch(&rs, &b).unwrap();
    assert_eq!(
        ranks(&result),
        [
            (1, "Hải Phòng".into(), d("96.17")),
            (2, "Bà Rịa – Vũng Tàu".into(), d("93.35")),
            (3, "Hà Nội".into(), d("92.57")),
            (4, "Sơn La".into(), d("90.02")),
            (5, "Lâm Đồng".into(), d("83.10")),
        ]
    );
    // Groups: A ≥ 90: Hải Phòng, BR-VT, Hà Nội, Sơn La = 4; B 80–<90: Lâm Đồng = 1 (the
    // published counts over 63 are A 13, B 50).
    assert_eq!(
        groups(&result),
        [("all".into(), 5), ("A".into(), 4), ("B".into(), 1)]
    );
    // Mean (96.17 + 93.35 + 92.57 + 90.02 + 83.1) / 5 = 455.21 / 5 = 91.042 → 91.04;
    // median 92.57. Group A: (96.17 + 93.35 + 92.57 + 90.02) / 4 = 372.11 / 4 = 93.0275 → 93.03.
    let all = &result.summaries[0];
    assert_eq!(all.mean.unwrap().exact, d("91.042"));
    assert_eq!(all.median.unwrap().exact, d("92.57"));
    assert_eq!(result.summaries[1].mean.unwrap().rounded, d("93.03"));
}

#[test]
fn the_2023_provincial_results_rank_and_group_as_published() {
    let rs = RuleSet::builtin_for(UnitLevel::Province, 2023).unwrap();
    assert_eq!(rs.id(), "bnv-876-2022-province");
    // Published 17/4/2024: the top five Quảng Ninh 92.18, Hải Phòng 91.87, Hà Nội 91.43,
    // Bắc Giang 91.16, Bà Rịa – Vũng Tàu 91.03; Ninh Bình 88.72 (11th); An Giang 81.32 (63rd).
    // Only totals are published: the split TĐ = total − 30, XHH = 30 is hypothetical (each TĐ
    // stays within its 68).
    let unit = |name, tđ, total| (name, tđ, total);
    let rows = [
        unit("An Giang", "51.32", "81.32"),
        unit("Quảng Ninh", "62.18", "92.18"),
        unit("Ninh Bình", "58.72", "88.72"),
        unit("Hải Phòng", "61.87", "91.87"),
        unit("Bà Rịa – Vũng Tàu", "61.03", "91.03"),
        unit("Hà Nội", "61.43", "91.43"),
        unit("Bắc Giang", "61.16", "91.16"),
    ];
    let leaves: Vec<[(&str, &str); 2]> = rows
        .iter()
        .map(|(_, tđ, _)| [("TĐ", *tđ), ("XHH", "30")])
        .collect();
    let units: Vec<(&str, &[(&str, &str)])> = rows
        .iter()
        .zip(&leaves)
        .map(|((name, _, _), l)| (*name, &l[..]))
        .collect();
    let result = score_batch(&rs, &batch(rs.id(), 2023, &units)).unwrap();
    let got: Vec<(usize, String, String)> = ranks(&result)
        .into_iter()
        .map(|(r, n, i)| (r, n, i.to_string()))
        .collect();
    let want: Vec<(usize, String, String)> = [
        (1, "Quảng Ninh", "92.18"),
        (2, "Hải Phòng", "91.87"),
        (3, "Hà Nội", "91.43"),
        (4, "Bắc Giang", "91.16"),
        (5, "Bà Rịa – Vũng Tàu", "91.03"),
        (6, "Ninh Bình", "88.72"),
        (7, "An Giang", "81.32"),
    ]
    .iter()
    .map(|(r, n, i)| (*r, (*n).to_string(), (*i).to_string()))
    .collect();
    assert_eq!(got, want);
    // A: the top five; B: Ninh Bình and An Giang; C: none.
    assert_eq!(
        groups(&result),
        [
            ("all".into(), 7),
            ("A".into(), 5),
            ("B".into(), 2),
            ("C".into(), 0)
        ]
    );
    // (92.18 + 91.87 + 91.43 + 91.16 + 91.03 + 88.72 + 81.32) / 7 = 627.71 / 7 = 89.6728… → 89.67
    assert_eq!(result.summaries[0].mean.unwrap().rounded, d("89.67"));
    assert_eq!(result.summaries[0].median.unwrap().exact, d("91.16"));
}

#[test]
fn a_publication_that_contradicts_itself_is_caught_by_the_audit() {
    // Hà Nội 2024 as printed: "92.57%, ranking third ... an increase of 1.32 percentage points
    // compared to 2023 and 2.99 percentage points compared to 2022 ... 4.38 percentage points
    // higher than the average". With 2023 = 91.43, 2022 = 89.58 and the 2024 mean 88.37:
    //   91.43 + 1.32 = 92.75 ≠ 92.57 (major: 0.18 off)
    //   89.58 + 2.99 = 92.57 (agrees)
    //   88.37 + 4.38 = 92.75 ≠ 92.57 (major)
    // The audit points at the printed total (`value`) that its parts do not reach.
    // And the 2024 regional table: Bắc Trung Bộ và DHMT 88.51 "+1.58" on a printed 2023 base of
    // 87.72: 87.72 + 1.58 = 89.30 ≠ 88.51.
    let rs = RuleSet::builtin("bnv-892-2024-province").unwrap();
    let ev = Evidence::from_json_str(
        r#"{
      "unit": { "name": "Hà Nội", "level": "province" },
      "period": { "year": 2024 },
      "evidence": { "CS": { "points": "92.57" } },
      "figures": [
        { "id": "vs-2023", "value": "92,57", "parts": { "2023": "91,43", "tăng": "1,32" },
          "text": "an increase of 1.32 percentage points compared to 2023" },
        { "id": "vs-2022", "value": "92,57", "parts": { "2022": "89,58", "tăng": "2,99" },
          "text": "and 2.99 percentage points compared to 2022" },
        { "id": "vs-mean", "value": "92,57", "parts": { "bình quân": "88,37", "cao hơn": "4,38" },
          "text": "4.38 percentage points higher than the average" },
        { "id": "btb-dhmt", "value": "88,51", "parts": { "2023": "87,72", "tăng": "1,58" },
          "text": "BTB&DHMT 88.51 (+1.58, 2023: 87.72)" }
      ]
    }"#,
    )
    .unwrap();
    let report = audit(&rs, &ev).unwrap();
    let found: Vec<(String, AuditCheck, Severity, Option<Decimal>)> = report
        .findings
        .iter()
        .map(|f| (f.path.to_string(), f.check, f.severity, f.exact))
        .collect();
    assert_eq!(
        found,
        [
            (
                "figures[0].value".into(),
                AuditCheck::Sum,
                Severity::Major,
                Some(d("92.75"))
            ),
            (
                "figures[2].value".into(),
                AuditCheck::Sum,
                Severity::Major,
                Some(d("92.75"))
            ),
            (
                "figures[3].value".into(),
                AuditCheck::Sum,
                Severity::Major,
                Some(d("89.30"))
            ),
        ]
    );
}

/// A commune-level set holding the published total, with the groups Hải Phòng ranks in.
const HAI_PHONG_2025: &str = r#"
id = "hai-phong-2025-totals"
title = "Kết quả Chỉ số CCHC 2025 (tổng điểm công bố)"
level = "commune"
years = { from = 2025, to = 2025 }
scale = "100"
document = { number = "(công bố 9/1/2026)" }
ranking_groups = [
  { id = "phuong", label = "Phường" },
  { id = "xa", label = "Xã, đặc khu" },
  { id = "thi_diem", label = "Đơn vị thí điểm (chấm, không xếp hạng)", ranked = false },
]
[[areas]]
code = "CS"
title = "Tổng điểm"
max = "100"
provenance = { document = "(công bố 9/1/2026)", verified = false, basis = "published totals recorded directly" }
rule = { kind = "manual" }
"#;

fn unit(name: &str, group: &str, points: &str) -> String {
    format!(
        r#"{{ "unit": {{ "name": "{name}", "level": "commune" }}, "period": {{ "year": 2025 }},
             "group": "{group}", "evidence": {{ "CS": {{ "points": "{points}" }} }} }}"#
    )
}

#[test]
fn hai_phong_2025_wards_and_communes_rank_in_their_own_groups() {
    let rs = RuleSet::from_toml_str(HAI_PHONG_2025).unwrap();
    // Published: phường Hồng Bàng 95.8 (1st), Hải An 95.77 (2nd), Hồng An 95.57 (3rd). The
    // communes' points were not published (only their order): the two below are synthetic,
    // and so is the unranked pilot unit.
    let units = [
        unit("Xã A (giả định)", "xa", "96"),
        unit("Phường Hồng An", "phuong", "95.57"),
        unit("Phường Hồng Bàng", "phuong", "95.8"),
        unit("Đơn vị thí điểm (giả định)", "thi_diem", "99"),
        unit("Phường Hải An", "phuong", "95.77"),
        unit("Xã B (giả định)", "xa", "90.5"),
    ];
    let b = Batch::from_json_str(&format!(r#"{{ "units": [{}] }}"#, units.join(", "))).unwrap();
    let result = score_batch(&rs, &b).unwrap();
    let rows = |r: &par_index::assessment::Ranking| -> Vec<(usize, String, usize)> {
        r.rows
            .iter()
            .map(|x| (x.rank, x.unit.clone(), x.entry))
            .collect()
    };
    // Wards among themselves: 95.8 > 95.77 > 95.57; `entry` is the place in the whole batch.
    let phuong = &result.groups[0];
    assert_eq!(phuong.group.id, "phuong");
    assert_eq!(
        rows(phuong.ranking.as_ref().unwrap()),
        [
            (1, "Phường Hồng Bàng".into(), 2),
            (2, "Phường Hải An".into(), 4),
            (3, "Phường Hồng An".into(), 1)
        ]
    );
    // (95.8 + 95.77 + 95.57) / 3 = 287.14 / 3 = 95.7133… → 95.71
    assert_eq!(phuong.summaries[0].count, 3);
    assert_eq!(phuong.summaries[0].mean.unwrap().rounded, d("95.71"));
    let xa = &result.groups[1];
    assert_eq!(
        rows(xa.ranking.as_ref().unwrap()),
        [
            (1, "Xã A (giả định)".into(), 0),
            (2, "Xã B (giả định)".into(), 5)
        ]
    );
    // The pilot unit is scored and summarised, never ranked: not in its group, not overall.
    let pilot = &result.groups[2];
    assert!(pilot.ranking.is_none());
    assert_eq!(pilot.summaries[0].count, 1);
    assert_eq!(pilot.summaries[0].max.unwrap().exact, d("99"));
    assert_eq!(
        rows(&result.ranking),
        [
            (1, "Xã A (giả định)".into(), 0),
            (2, "Phường Hồng Bàng".into(), 2),
            (3, "Phường Hải An".into(), 4),
            (4, "Phường Hồng An".into(), 1),
            (5, "Xã B (giả định)".into(), 5)
        ]
    );
}

#[test]
fn a_unit_must_name_a_declared_group() {
    let rs = RuleSet::from_toml_str(HAI_PHONG_2025).unwrap();
    let no_group = r#"{ "unit": { "name": "Xã C", "level": "commune" }, "period": { "year": 2025 },
                        "evidence": { "CS": { "points": "80" } } }"#;
    let units = [unit("Phường D", "quan", "90"), no_group.to_string()];
    let b = Batch::from_json_str(&format!(r#"{{ "units": [{}] }}"#, units.join(", "))).unwrap();
    let e = score_batch(&rs, &b).unwrap_err();
    let issues: Vec<String> = e.issues().iter().map(ToString::to_string).collect();
    assert_eq!(
        issues,
        [
            "units[0].group: unknown group `quan`: expected one of `phuong`, `xa`, `thi_diem`",
            "units[1].group: no `group`: the batch ranks in groups, name one of `phuong`, `xa`, `thi_diem`"
        ]
    );
    // A batch may declare its own groups, replacing the set's.
    let b = Batch::from_json_str(&format!(
        r#"{{ "groups": [{{ "id": "quan", "label": "Quận cũ" }}], "units": [{}] }}"#,
        unit("Phường D", "quan", "90")
    ))
    .unwrap();
    let result = score_batch(&rs, &b).unwrap();
    assert_eq!(result.groups.len(), 1);
    assert_eq!(result.groups[0].group.label, "Quận cũ");
}
