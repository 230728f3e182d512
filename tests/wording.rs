//! Wording ↔ rule: the phrases of annexes read as the rules computed by hand, the refusals,
//! the round trip over generated rules and over every bundled leaf, and `check_wording` on
//! every bundled set.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failed unwrap is a failed test"
)]

use std::path::Path;

use par_index::criteria::wording::{WordingProblem, canonical, check_wording, parse, render};
use par_index::criteria::{NodeDef, RuleDef, RuleKind};
use par_index::testkit::{leaf_max, rule_def, worded_rule};
use par_index::{Decimal, criteria::RuleSetDef, report::Lang};
use proptest::prelude::*;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn bundled() -> Vec<RuleSetDef> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("criteria");
    let mut sets: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path().join("ruleset.toml"))
        .filter(|p| p.is_file())
        .collect();
    sets.sort();
    sets.iter()
        .map(|p| toml::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
        .collect()
}

fn leaves<'a>(n: &'a NodeDef, out: &mut Vec<&'a NodeDef>) {
    if n.criteria.is_empty() {
        out.push(n);
    }
    for c in &n.criteria {
        leaves(c, out);
    }
}

/// (at_least, above, below, at_most, points) of each band, as text.
fn edges(r: &RuleDef) -> Vec<[Option<String>; 5]> {
    let s = |v: Option<Decimal>| v.map(|x| x.normalize().to_string());
    r.bands
        .iter()
        .map(|b| {
            [
                s(b.at_least),
                s(b.above),
                s(b.below),
                s(b.at_most),
                s(b.points),
            ]
        })
        .collect()
}

fn o(s: &str) -> Option<String> {
    Some(s.to_string())
}

#[test]
fn plan_completion_bands_with_decimal_commas() {
    // The issue's first example, max 2: 100% → 2; [95, 100) → 1.75; [80, 95) → 1; < 80 → 0.
    // The `below` edges are implied by the band before, so the canonical rule leaves them out.
    let r = parse(
        "Hoàn thành 100% kế hoạch: 2 điểm; từ 95% đến dưới 100%: 1,75 điểm; \
         từ 80% đến dưới 95%: 1 điểm; dưới 80%: 0 điểm",
        d("2"),
    )
    .unwrap();
    assert_eq!(r.kind, RuleKind::RatioBands);
    assert_eq!(
        edges(&r),
        [
            [o("100"), None, None, None, o("2")],
            [o("95"), None, None, None, o("1.75")],
            [o("80"), None, None, None, o("1")],
            [None, None, None, None, o("0")],
        ]
    );
}

#[test]
fn meetings_counted_with_leading_zeros() {
    // "từ 04 cuộc trở lên: 2; 03 cuộc: 1,5; 02 cuộc: 1; 01 cuộc: 0,5; không tổ chức: 0":
    // ≥ 4 → 2, exactly 3 → 1.5 (at_least 3, below 4 implied), …, 0 meetings → otherwise 0.
    let r = parse(
        "Tổ chức từ 04 cuộc trở lên: 2 điểm; 03 cuộc: 1,5 điểm; 02 cuộc: 1 điểm; \
         01 cuộc: 0,5 điểm; không tổ chức: 0 điểm",
        d("2"),
    )
    .unwrap();
    assert_eq!(r.kind, RuleKind::CountBands);
    assert_eq!(
        edges(&r),
        [
            [o("4"), None, None, None, o("2")],
            [o("3"), None, None, None, o("1.5")],
            [o("2"), None, None, None, o("1")],
            [o("1"), None, None, None, o("0.5")],
        ]
    );
    assert_eq!(r.otherwise, None, "0 is the default");
}

#[test]
fn levels_checks_deductions_and_no_case() {
    let r = parse(
        "Ban hành đúng thời hạn: 1 điểm; ban hành chậm: 0,5 điểm; không ban hành: 0 điểm",
        d("1"),
    )
    .unwrap();
    assert_eq!(r.kind, RuleKind::Levels);
    let pts: Vec<Decimal> = r.levels.iter().map(|l| l.points).collect();
    assert_eq!(pts, [d("1"), d("0.5"), d("0")]);
    assert_eq!(r.levels[1].label, "Ban hành chậm");

    let r = parse("Có: 1 điểm; không: 0 điểm", d("1")).unwrap();
    assert_eq!(
        (r.kind, r.points, r.otherwise),
        (RuleKind::Check, None, None)
    );

    let r = parse("Mỗi văn bản chậm trừ 0,25 điểm", d("1")).unwrap();
    assert_eq!((r.kind, r.per_item), (RuleKind::Deduction, Some(d("0.25"))));
    // "trừ tối đa 1,5 điểm" of a 2-point leaf: the floor is 2 − 1.5 = 0.5.
    let r = parse(
        "Mỗi hồ sơ trễ hạn trừ 0,5 điểm, trừ tối đa 1,5 điểm",
        d("2"),
    )
    .unwrap();
    assert_eq!(r.min_points, Some(d("0.5")));

    // Per item: 0.5 each, the items together at most 2 of the leaf's 3.
    let r = parse(
        "Mỗi sáng kiến được công nhận: 0,5 điểm, tối đa 2 điểm",
        d("3"),
    )
    .unwrap();
    assert_eq!(
        (r.kind, r.per_item, r.cap),
        (RuleKind::PerItem, Some(d("0.5")), Some(d("2")))
    );
    // A cap equal to the max is the default.
    let r = parse("Mỗi sáng kiến được 1 điểm, tối đa 2 điểm", d("2")).unwrap();
    assert_eq!((r.per_item, r.cap), (Some(d("1")), None));

    let r = parse(
        "Điểm = tỷ lệ × điểm tối đa; Trường hợp không phát sinh nhiệm vụ: tính điểm tối đa",
        d("2"),
    )
    .unwrap();
    assert_eq!(r.kind, RuleKind::Proportional);
    assert_eq!(r.when_no_cases, Some(par_index::criteria::NoCases::Full));
    // "không tính điểm" leaves the maximum; "0 điểm" scores 0; a check takes the clause too.
    let r = parse(
        "Đạt yêu cầu: 1 điểm; Không đạt yêu cầu: 0 điểm; Trường hợp không phát sinh: không tính điểm",
        d("1"),
    )
    .unwrap();
    assert_eq!(r.kind, RuleKind::Check);
    assert_eq!(r.when_no_cases, Some(par_index::criteria::NoCases::Exclude));
    let r = parse(
        "Điểm = tỷ lệ × điểm tối đa; Trường hợp không phát sinh: 0 điểm",
        d("2"),
    )
    .unwrap();
    assert_eq!(r.when_no_cases, Some(par_index::criteria::NoCases::Zero));
}

#[test]
fn deadlines_and_multi_line_cells() {
    let r = parse(
        "- Ban hành đến hết ngày 31/01/2023: 1 điểm\n- Ban hành chậm: 0,5 điểm\n- Không ban hành: 0 điểm",
        d("1"),
    )
    .unwrap();
    assert_eq!(r.kind, RuleKind::Deadline);
    assert_eq!(r.deadline.as_deref(), Some("2023-01-31"));
    assert_eq!(
        (r.on_time, r.late, r.not_issued),
        (None, Some(d("0.5")), None)
    );
}

#[test]
fn what_the_parser_refuses_and_why() {
    let refused = [
        (
            "Thực hiện tốt: 1 điểm; dưới 50%: 0 điểm",
            "không phải một khoảng",
        ),
        ("Không hoàn thành 100% kế hoạch: 0 điểm", "phủ định"),
        ("Đạt 80%: 1 điểm", "đúng bằng"),
        ("Ban hành trước ngày 15/01/2023: 1 điểm", "trước ngày"),
        ("Mỗi sáng kiến: 0,5 điểm, tối đa hai điểm", "mỗi trường hợp"),
        ("Đạt 1.5 điểm: 1", "dấu chấm"),
        ("Thực hiện theo hướng dẫn của Sở Nội vụ", "dấu \":\""),
        ("Từ 80% đến 90% hoặc 95%: 1 điểm", "quá hai số"),
        (
            "Trường hợp không phát sinh: tuỳ trường hợp; Có: 1; Không: 0",
            "không phát sinh",
        ),
    ];
    for (text, why) in refused {
        let e = parse(text, d("2")).expect_err(text);
        assert!(e.to_string().contains(why), "{text}: {e}");
    }
}

#[test]
fn every_bundled_set_agrees_with_its_wording() {
    let sets = bundled();
    assert!(sets.len() >= 4);
    let worded: usize = sets
        .iter()
        .map(|s| {
            let mut l = Vec::new();
            s.areas.iter().for_each(|a| leaves(a, &mut l));
            l.iter().filter(|n| n.wording.is_some()).count()
        })
        .sum();
    assert!(worded >= 5, "Cà Mau area 1 carries its wording");
    for set in &sets {
        let findings = check_wording(set);
        assert!(findings.is_empty(), "{}: {findings:#?}", set.id);
    }
}

#[test]
fn a_wording_that_disagrees_is_reported_with_both_rules() {
    let mut set = bundled()
        .into_iter()
        .find(|s| s.id == "ca-mau-1880-2013")
        .unwrap();
    let leaf = &mut set.areas[0].criteria[0].criteria[3];
    assert_eq!(leaf.code, "1.1.4");
    leaf.wording = Some(
        "Thực hiện trên 90% kế hoạch: 2; Thực hiện từ 70% đến dưới 90% kế hoạch: 1; \
         Dưới 70% kế hoạch: 0"
            .into(),
    );
    let findings = check_wording(&set);
    assert_eq!(findings.len(), 1);
    let f = &findings[0];
    assert_eq!(f.code, "1.1.4");
    assert_eq!(f.path.to_string(), "areas[0].criteria[0].criteria[3]");
    assert!(matches!(f.problem, WordingProblem::Differs { .. }));
    let text = f.to_string();
    // Exactly 90% scores 0 by the changed wording, 1 by the rule: both are named.
    assert!(text.contains("Từ 70% đến dưới 90%"), "{text}");
    assert!(text.contains("Từ 70% đến 90%: 1 điểm"), "{text}");
}

#[test]
fn a_disagreement_names_the_defaults_with_the_leafs_max() {
    let mut set = bundled()
        .into_iter()
        .find(|s| s.id == "ca-mau-1880-2013")
        .unwrap();
    // 1.1.3 (max 1) is a yes/no check: 1 when met. A wording that pays 0,5 disagrees.
    let leaf = &mut set.areas[0].criteria[0].criteria[2];
    assert_eq!(leaf.code, "1.1.3");
    leaf.wording = Some("Đạt yêu cầu: 0,5; Không đạt yêu cầu: 0".into());
    let text = check_wording(&set)[0].to_string();
    assert!(
        text.contains("`Đạt yêu cầu: 0,5 điểm; Không đạt yêu cầu: 0 điểm`"),
        "{text}"
    );
    assert!(
        text.contains("`Đạt yêu cầu: 1 điểm; Không đạt yêu cầu: 0 điểm`"),
        "{text}"
    );
}

#[test]
fn every_bundled_leaf_reads_back_from_its_rendered_wording() {
    for set in bundled() {
        let mut l = Vec::new();
        set.areas.iter().for_each(|a| leaves(a, &mut l));
        for leaf in l {
            let rule = leaf.rule.as_ref().unwrap();
            let text = render(rule, leaf.max, Lang::Vi);
            let back = parse(&text, leaf.max)
                .unwrap_or_else(|e| panic!("{} {}: {text}: {e}", set.id, leaf.code));
            assert_eq!(
                back,
                canonical(rule, leaf.max),
                "{} {}: {text}",
                set.id,
                leaf.code
            );
            assert!(!render(rule, leaf.max, Lang::En).is_empty());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn parse_of_render_is_the_rule((max, rule) in leaf_max().prop_flat_map(|m| (Just(m), worded_rule(m)))) {
        let text = render(&rule, max, Lang::Vi);
        prop_assert_eq!(parse(&text, max), Ok(rule), "{}", text);
    }

    #[test]
    fn parse_of_render_is_the_canonical_rule((max, rule) in leaf_max().prop_flat_map(|m| (Just(m), rule_def(m)))) {
        let text = render(&rule, max, Lang::Vi);
        prop_assert_eq!(parse(&text, max), Ok(canonical(&rule, max)), "{}", text);
    }
}

/// A rule from its TOML fields, as a set's `rule = { … }` writes them.
fn rule(fields: &str) -> RuleDef {
    toml::from_str(fields).unwrap()
}

/// The canonical form of `ratio_bands`: an upper edge of 100% on the first band says nothing
/// (a share is at most 100%) and is left out, unless the rule allows shares over 100%, where it
/// is a real edge; `allow_over = false` is the default and is left out, so the 100% edge goes
/// too. Each band's upper edge that the band before implies (`below 90` after `at_least 90`)
/// is left out.
#[test]
fn canonical_ratio_bands_leave_out_only_the_edges_that_say_nothing() {
    let bands =
        r#"bands = [{ at_least = 90, at_most = 100, points = 1 }, { below = 90, points = 0 }]"#;
    let plain = canonical(&rule(&format!("kind = \"ratio_bands\"\n{bands}")), d("1"));
    assert_eq!(
        edges(&plain),
        vec![
            [o("90"), None, None, None, o("1")],
            [None, None, None, None, o("0")],
        ]
    );
    assert_eq!(plain.allow_over, None);
    let not_over = canonical(
        &rule(&format!(
            "kind = \"ratio_bands\"\nallow_over = false\n{bands}"
        )),
        d("1"),
    );
    assert_eq!(not_over, plain);
    let over = canonical(
        &rule(&format!(
            "kind = \"ratio_bands\"\nallow_over = true\n{bands}"
        )),
        d("1"),
    );
    assert_eq!(over.allow_over, Some(true));
    assert_eq!(
        edges(&over),
        vec![
            [o("90"), None, None, o("100"), o("1")],
            [None, None, None, None, o("0")],
        ]
    );
}

/// Task statuses: `done = ["done_late", "done"]` is the default list in another order and is
/// left out; `done = ["done"]` is not the default and stays. The older `on_empty` becomes the
/// `when_no_cases` it means, unless `when_no_cases` is given, which then wins.
#[test]
fn canonical_ratio_options_are_compared_by_meaning() {
    use par_index::criteria::{NoCases, TaskStatus};
    let bands = "bands = [{ at_least = 100, points = 1 }]";
    let with = |extra: &str| {
        canonical(
            &rule(&format!("kind = \"ratio_bands\"\n{extra}\n{bands}")),
            d("1"),
        )
    };
    assert_eq!(with(r#"done = ["done_late", "done"]"#).done, None);
    assert_eq!(
        with(r#"done = ["done"]"#).done,
        Some(vec![TaskStatus::Done])
    );
    assert_eq!(with("exclude = []").exclude, None);
    for (extra, no_cases) in [
        (r#"on_empty = "full_points""#, Some(NoCases::Full)),
        (r#"on_empty = "zero""#, Some(NoCases::Zero)),
        (r#"on_empty = "not_applicable""#, None),
        (
            "on_empty = \"full_points\"\nwhen_no_cases = \"exclude\"",
            Some(NoCases::Exclude),
        ),
        (
            "on_empty = \"zero\"\nwhen_no_cases = \"exclude\"",
            Some(NoCases::Exclude),
        ),
    ] {
        let r = with(extra);
        assert_eq!((r.when_no_cases, r.on_empty), (no_cases, None), "{extra}");
    }
}

/// Defaults by kind: a deduction's floor of 0 is the default and is left out (a floor of -1
/// is not); a survey's weights equal to the default A 100%, B 60%, C 20%, D 0% are left out,
/// but B at 70%, or only three of the four, are not the default and stay.
#[test]
fn canonical_leaves_out_a_zero_floor_and_the_default_weights() {
    let floor = |v: &str| {
        canonical(
            &rule(&format!(
                "kind = \"deduction\"\nper_item = \"0.25\"\nmin_points = \"{v}\""
            )),
            d("1"),
        )
        .min_points
    };
    assert_eq!(floor("0"), None);
    assert_eq!(floor("-1"), Some(d("-1")));
    let weights = |w: &str| {
        let r = canonical(
            &rule(&format!("kind = \"survey\"\nweights = [{w}]")),
            d("2"),
        );
        r.weights
            .iter()
            .map(|w| format!("{} {}", w.option, w.percent))
            .collect::<Vec<_>>()
    };
    let abcd = |b: u32| {
        format!(
            r#"{{ option = "A", percent = 100 }}, {{ option = "B", percent = {b} }}, {{ option = "C", percent = 20 }}, {{ option = "D", percent = 0 }}"#
        )
    };
    assert!(weights(&abcd(60)).is_empty());
    assert_eq!(weights(&abcd(70)), ["A 100", "B 70", "C 20", "D 0"]);
    assert_eq!(
        weights(
            r#"{ option = "A", percent = 100 }, { option = "B", percent = 60 }, { option = "C", percent = 20 }"#
        ),
        ["A 100", "B 60", "C 20"]
    );
}

/// `same_rule`: a check that writes its default points (the max) and its default 0 says the
/// same as one that leaves them out; a check that gives 0.5 when not met does not.
#[test]
fn same_rule_compares_canonical_forms() {
    use par_index::criteria::wording::same_rule;
    let bare = rule(r#"kind = "check""#);
    let written = rule("kind = \"check\"\npoints = 1\notherwise = 0");
    let half = rule("kind = \"check\"\notherwise = \"0.5\"");
    assert!(same_rule(&bare, &written, d("1")));
    assert!(!same_rule(&bare, &half, d("1")));
    // With a max of 2, `points = 1` is no longer the default.
    assert!(!same_rule(&bare, &written, d("2")));
}

/// Count edges are whole numbers: `above 3` is `at_least 4`, and `at_most 3` is `below 4`,
/// which the band before (`at_least 4`) implies, so it is left out; a count edge with a
/// fraction (`above 2.5`) is kept as written.
#[test]
fn canonical_count_edges_are_whole() {
    let r = canonical(
        &rule(
            "kind = \"count_bands\"\nbands = [{ above = 3, points = 2 }, \
             { at_least = 1, at_most = 3, points = 1 }, { points = 0 }]",
        ),
        d("2"),
    );
    assert_eq!(
        edges(&r),
        vec![
            [o("4"), None, None, None, o("2")],
            [o("1"), None, None, None, o("1")],
            [None, None, None, None, o("0")],
        ]
    );
    let r = canonical(
        &rule("kind = \"count_bands\"\nbands = [{ above = \"2.5\", points = 2 }, { points = 0 }]"),
        d("2"),
    );
    assert_eq!(
        edges(&r),
        vec![
            [None, o("2.5"), None, None, o("2")],
            [None, None, None, None, o("0")]
        ]
    );
}

// Mutation survivors of src/wording/{cond,parse,render,text,check}.rs

/// The refusal of a wording: (clause, Vietnamese reason, English reason).
fn refusal(text: &str, max: &str) -> (String, String, String) {
    let e = parse(text, d(max)).expect_err(text);
    (e.clause, e.vi, e.en)
}

/// (label, points) of each level, as text.
fn level_points(r: &RuleDef) -> Vec<(String, String)> {
    r.levels
        .iter()
        .map(|l| (l.label.clone(), l.points.normalize().to_string()))
        .collect()
}

/// Band edges written with "trở lên" / "trở xuống", or with "từ" alone: "98% trở lên" (no
/// "từ") is at least 98; "trên 90% trở lên" is over 90 (the "trở lên" adds nothing); "từ 2%
/// trở xuống" is at most 2, an upper edge, not a lower one; "đạt từ 80%" without "trở lên" is
/// at least 80.
#[test]
fn band_edges_with_tro_len_tro_xuong_and_a_bare_tu() {
    // Max 1: ≥ 98 → 1; [90, 98) → 0.5; < 90 → 0. The `below` edges are implied.
    let r = parse(
        "Tỷ lệ hồ sơ giải quyết đúng hạn 98% trở lên: 1 điểm; Từ 90% đến dưới 98%: 0,5 điểm; \
         Dưới 90%: 0 điểm",
        d("1"),
    )
    .unwrap();
    assert_eq!(r.kind, RuleKind::RatioBands);
    assert_eq!(
        edges(&r),
        [
            [o("98"), None, None, None, o("1")],
            [o("90"), None, None, None, o("0.5")],
            [None, None, None, None, o("0")],
        ]
    );
    // Max 2: > 90 → 2; [70, 90] → 1 (at most 90 implied by "over 90"); < 70 → 0.
    let r = parse(
        "Thực hiện trên 90% kế hoạch trở lên: 2 điểm; Từ 70% đến 90%: 1 điểm; Dưới 70%: 0 điểm",
        d("2"),
    )
    .unwrap();
    assert_eq!(
        edges(&r),
        [
            [None, o("90"), None, None, o("2")],
            [o("70"), None, None, None, o("1")],
            [None, None, None, None, o("0")],
        ]
    );
    // Late files, max 1: ≤ 2 → 1; (2, 5] → 0.5; > 5 → 0. The first band's upper edge of 2%
    // is not the 100% every share stays under, so it stays.
    let r = parse(
        "Tỷ lệ hồ sơ trễ hạn từ 2% trở xuống: 1 điểm; Trên 2% đến 5%: 0,5 điểm; Trên 5%: 0 điểm",
        d("1"),
    )
    .unwrap();
    assert_eq!(
        edges(&r),
        [
            [None, None, None, o("2"), o("1")],
            [None, o("2"), None, o("5"), o("0.5")],
            [None, o("5"), None, None, o("0")],
        ]
    );
    let r = parse(
        "Đạt từ 80% kế hoạch: 1 điểm; Dưới 80% kế hoạch: 0 điểm",
        d("1"),
    )
    .unwrap();
    assert_eq!(
        edges(&r),
        [
            [o("80"), None, None, None, o("1")],
            [None, None, None, None, o("0")],
        ]
    );
}

/// "12/12 chỉ tiêu" is a tally in a label, not a band of two numbers: the two clauses are
/// the yes/no of a check, which pays the max (1) when all twelve targets are met.
#[test]
fn a_tally_with_a_slash_in_a_label_is_not_a_band() {
    let r = parse(
        "Hoàn thành 12/12 chỉ tiêu: 1 điểm; Không hoàn thành 12/12 chỉ tiêu: 0 điểm",
        d("1"),
    )
    .unwrap();
    assert_eq!(
        (r.kind, r.points, r.otherwise, r.conditions.len()),
        (RuleKind::Check, None, None, 0)
    );
}

/// A ratio band rule ends in a band or in "các trường hợp còn lại" (any share); a last clause
/// that is a label ("Không thực hiện") is refused. A count band rule may end in a label: it
/// is what every other count pays (`otherwise`, here the default 0).
#[test]
fn the_last_clause_of_a_band_rule() {
    let r = parse(
        "Từ 90% trở lên: 1 điểm; Các trường hợp còn lại: 0,5 điểm",
        d("1"),
    )
    .unwrap();
    assert_eq!(
        edges(&r),
        [
            [o("90"), None, None, None, o("1")],
            [None, None, None, None, o("0.5")],
        ]
    );
    assert_eq!(
        refusal("Từ 90% trở lên: 1 điểm; Không thực hiện: 0 điểm", "1"),
        (
            "Không thực hiện".to_string(),
            "điều kiện không phải một khoảng, trong khi các điều kiện khác là khoảng".to_string(),
            "this condition is not a band while the others are".to_string(),
        )
    );
    let r = parse(
        "Tổ chức từ 02 cuộc trở lên: 1 điểm; Không tổ chức: 0 điểm",
        d("1"),
    )
    .unwrap();
    assert_eq!(r.kind, RuleKind::CountBands);
    assert_eq!(edges(&r), [[o("2"), None, None, None, o("1")]]);
    assert_eq!(r.otherwise, None);
}

/// The ratio clauses go with the kinds that take them: "không phát sinh" with ratios, surveys
/// and checks, task statuses and "có thể vượt 100%" with ratios only. A deduction with "không
/// phát sinh", a check with the statuses counted as done, are refused, naming the whole
/// wording and the kind.
#[test]
fn ratio_clauses_on_other_kinds_are_refused() {
    let text = "Mỗi văn bản ban hành chậm trừ 0,25 điểm; \
                Trường hợp không phát sinh: tính điểm tối đa";
    assert_eq!(
        refusal(text, "1"),
        (
            text.to_string(),
            "các điều khoản về tỷ lệ không áp dụng cho quy tắc `deduction`".to_string(),
            "ratio clauses do not apply to a `deduction` rule".to_string(),
        )
    );
    let text = "Đạt yêu cầu: 1 điểm; Không đạt yêu cầu: 0 điểm; \
                Nhiệm vụ được tính là hoàn thành: hoàn thành, hoàn thành chậm";
    assert_eq!(
        refusal(text, "1"),
        (
            text.to_string(),
            "các điều khoản về tỷ lệ không áp dụng cho quy tắc `check`".to_string(),
            "ratio clauses do not apply to a `check` rule".to_string(),
        )
    );
    let text = "Điều tra xã hội học: A = 100%, B = 60%, C = 20%, D = 0%; \
                Nhiệm vụ không tính vào tổng số: chưa đến thời điểm đánh giá";
    assert_eq!(
        refusal(text, "2"),
        (
            text.to_string(),
            "các điều khoản về tỷ lệ không áp dụng cho quy tắc `survey`".to_string(),
            "ratio clauses do not apply to a `survey` rule".to_string(),
        )
    );
    let text = "Ban hành kịp thời: 1 điểm; Không ban hành: 0 điểm; Tỷ lệ có thể vượt 100%";
    assert_eq!(
        refusal(text, "1"),
        (
            text.to_string(),
            "các điều khoản về tỷ lệ không áp dụng cho quy tắc `levels`".to_string(),
            "ratio clauses do not apply to a `levels` rule".to_string(),
        )
    );
}

/// Which phrases make a formula, a deduction or a per-item rule. A first clause with "=" is
/// a formula only if it starts with "Điểm" and speaks of the "tỷ lệ": "Điểm tự đánh giá =
/// điểm thẩm định" is a level's label. "mỗi" inside a clause ("Đối với mỗi sáng kiến") makes
/// a per-item rule; "trừ" inside a clause makes a deduction, which needs "mỗi" somewhere
/// ("0,25 điểm/mỗi văn bản") and is refused without it. After the deduction, only the floor
/// ("Điểm tối thiểu" or "Điểm thấp nhất") is read.
#[test]
fn formulas_deductions_and_per_item_rules_by_their_phrases() {
    let r = parse(
        "Điểm tự đánh giá = điểm thẩm định: 1 điểm; \
         Điểm tự đánh giá cao hơn điểm thẩm định: 0 điểm",
        d("1"),
    )
    .unwrap();
    assert_eq!(r.kind, RuleKind::Levels);
    assert_eq!(
        level_points(&r),
        [
            (
                "Điểm tự đánh giá = điểm thẩm định".to_string(),
                "1".to_string()
            ),
            (
                "Điểm tự đánh giá cao hơn điểm thẩm định".to_string(),
                "0".to_string()
            ),
        ]
    );
    // 0.5 per initiative, at most 2 of the leaf's 3.
    let r = parse(
        "Đối với mỗi sáng kiến được công nhận: 0,5 điểm, tối đa 2 điểm",
        d("3"),
    )
    .unwrap();
    assert_eq!(
        (r.kind, r.per_item, r.cap),
        (RuleKind::PerItem, Some(d("0.5")), Some(d("2")))
    );
    let r = parse("Văn bản ban hành chậm trừ 0,25 điểm/mỗi văn bản", d("1")).unwrap();
    assert_eq!(
        (r.kind, r.per_item, r.min_points),
        (RuleKind::Deduction, Some(d("0.25")), None)
    );
    assert_eq!(
        refusal("Văn bản ban hành chậm trừ 0,25 điểm", "1"),
        (
            "Văn bản ban hành chậm trừ 0,25 điểm".to_string(),
            "không rõ số điểm trừ cho mỗi trường hợp".to_string(),
            "the points taken off per item are not clear".to_string(),
        )
    );
    // The floor of a 1-point leaf at -1: up to eight late documents count.
    let r = parse(
        "Mỗi văn bản chậm trừ 0,25 điểm; Điểm tối thiểu: -1 điểm",
        d("1"),
    )
    .unwrap();
    assert_eq!((r.per_item, r.min_points), (Some(d("0.25")), Some(d("-1"))));
    assert_eq!(
        refusal(
            "Mỗi văn bản chậm trừ 0,25 điểm; Văn bản đúng hạn: 1 điểm",
            "1"
        ),
        (
            "Văn bản đúng hạn: 1 điểm".to_string(),
            "không đọc được điều khoản này của quy tắc trừ điểm".to_string(),
            "a clause of a deduction rule that could not be read".to_string(),
        )
    );
}

/// What a clause pays is a number of points, the max, or "tỷ lệ × điểm tối đa": "tỷ lệ × 2
/// điểm" (the max written as a number), "tối đa 1 điểm", "0, điểm" (a comma with no decimals)
/// and a clause with no condition before its ":" are refused, and so is a survey answer whose
/// share is not a bare "N%".
#[test]
fn points_and_survey_shares_are_read_only_as_written_out() {
    let unreadable_points = |clause: &str| {
        (
            clause.to_string(),
            "không đọc được số điểm".to_string(),
            "the points could not be read".to_string(),
        )
    };
    assert_eq!(
        refusal("Đạt 100%: 2 điểm; Dưới 100%: tỷ lệ × 2 điểm", "2"),
        unreadable_points("tỷ lệ × 2 điểm")
    );
    assert_eq!(
        refusal("Có: tối đa 1 điểm; Không: 0 điểm", "1"),
        unreadable_points("tối đa 1 điểm")
    );
    assert_eq!(
        refusal("Có: 1 điểm thưởng; Không: 0 điểm", "1"),
        unreadable_points("1 điểm thưởng")
    );
    // A decimal comma with no digit after it ("0,5" with the 5 lost) is not read as 0.
    assert_eq!(
        refusal("Ban hành kịp thời: 1 điểm; Ban hành chậm: 0, điểm", "1"),
        unreadable_points("0, điểm")
    );
    assert_eq!(
        refusal("Ban hành kịp thời: 1 điểm; : 0 điểm", "1"),
        (
            ": 0 điểm".to_string(),
            "không có dấu \":\" giữa điều kiện và số điểm".to_string(),
            "no `:` between the condition and its points".to_string(),
        )
    );
    assert_eq!(
        refusal(
            "Điều tra xã hội học: A = 100%, B = 60%, C = 20%, D = dưới 20%",
            "2"
        ),
        (
            "D = dưới 20%".to_string(),
            "phương án trả lời viết là `A = 100%`".to_string(),
            "an answer option is written `A = 100%`".to_string(),
        )
    );
}

/// A check is "X: …; Không X: …", "Có: …; Không: …", or conditions joined by "và" against
/// "Không A hoặc không B" (or the fixed phrases). Other pairs of clauses are two levels:
/// "Có / Chưa có", "Đạt yêu cầu / Không đạt", and "A và B / Chỉ có A" (which pays 0.5).
#[test]
fn pairs_of_clauses_that_are_levels_not_checks() {
    let pairs = [
        ("Có: 1 điểm; Chưa có: 0 điểm", ["Có", "Chưa có"], ["1", "0"]),
        (
            "Đạt yêu cầu: 1 điểm; Không đạt: 0 điểm",
            ["Đạt yêu cầu", "Không đạt"],
            ["1", "0"],
        ),
        (
            "Có kế hoạch và có báo cáo kết quả: 1 điểm; Chỉ có kế hoạch: 0,5 điểm",
            ["Có kế hoạch và có báo cáo kết quả", "Chỉ có kế hoạch"],
            ["1", "0.5"],
        ),
    ];
    for (text, labels, points) in pairs {
        let r = parse(text, d("1")).unwrap();
        assert_eq!(r.kind, RuleKind::Levels, "{text}");
        let want: Vec<(String, String)> = labels
            .iter()
            .zip(points)
            .map(|(l, p)| (l.to_string(), p.to_string()))
            .collect();
        assert_eq!(level_points(&r), want, "{text}");
    }
}

/// The formula "điểm = tỷ lệ ÷ chỉ tiêu × điểm tối đa": the target is a share, written with
/// `%`, and the division may be "÷", " / " or "chia". After the formula, a line defining the
/// share ("Tỷ lệ = …", without numbers) is skipped, and "Tỷ lệ dưới Z%: 0 điểm" sets the share
/// under which the leaf scores 0; any other line is refused, and so is a floor that pays more
/// than 0.
#[test]
fn the_formula_its_target_and_the_lines_after_it() {
    for text in [
        "Điểm = tỷ lệ / 80% × điểm tối đa",
        "Điểm = tỷ lệ chia 80% × điểm tối đa",
    ] {
        let r = parse(text, d("2")).unwrap();
        assert_eq!(
            (r.kind, r.target, r.zero_below),
            (RuleKind::Proportional, Some(d("80")), None),
            "{text}"
        );
    }
    let formula = |clause: &str| {
        (
            clause.to_string(),
            "không đọc được công thức (điểm = tỷ lệ × điểm tối đa, hoặc tỷ lệ ÷ chỉ tiêu %)"
                .to_string(),
            "the formula could not be read (points = share × max, or share ÷ target %)".to_string(),
        )
    };
    // "÷ 80" without `%`: 80 of what?
    assert_eq!(
        refusal("Điểm = tỷ lệ ÷ 80 × điểm tối đa", "2"),
        formula("Điểm = tỷ lệ ÷ 80 × điểm tối đa")
    );
    let r = parse(
        "Điểm = tỷ lệ × điểm tối đa;          Tỷ lệ = số hồ sơ giải quyết đúng hạn / tổng số hồ sơ tiếp nhận;          Tỷ lệ dưới 50%: 0 điểm",
        d("2"),
    )
    .unwrap();
    assert_eq!(
        (r.kind, r.target, r.zero_below),
        (RuleKind::Proportional, None, Some(d("50")))
    );
    assert_eq!(
        refusal(
            "Điểm = tỷ lệ × điểm tối đa; Tỷ lệ tính trên tổng số hồ sơ tiếp nhận",
            "2"
        ),
        (
            "Tỷ lệ tính trên tổng số hồ sơ tiếp nhận".to_string(),
            "không có dấu \":\" giữa điều kiện và số điểm".to_string(),
            "no `:` between the condition and its points".to_string(),
        )
    );
    assert_eq!(
        refusal("Điểm = tỷ lệ × điểm tối đa; Tỷ lệ dưới 50%: 0,5 điểm", "2"),
        (
            "Tỷ lệ dưới 50%: 0,5 điểm".to_string(),
            "chỉ đọc được \"tỷ lệ dưới Z%: 0 điểm\" sau công thức".to_string(),
            "only \"share below Z%: 0 points\" is read after the formula".to_string(),
        )
    );
}

/// English points: "1 point", but "0.5 points" and "0 points"; the labels of levels stay as
/// written (in Vietnamese, the wording has no English labels).
#[test]
fn english_points_are_singular_only_for_one() {
    let r = parse(
        "Ban hành kịp thời: 1 điểm; Ban hành chậm: 0,5 điểm; Không ban hành: 0 điểm",
        d("1"),
    )
    .unwrap();
    assert_eq!(
        render(&r, d("1"), Lang::En),
        "Ban hành kịp thời: 1 point; Ban hành chậm: 0.5 points; Không ban hành: 0 points"
    );
    assert_eq!(
        render(&r, d("1"), Lang::Vi),
        "Ban hành kịp thời: 1 điểm; Ban hành chậm: 0,5 điểm; Không ban hành: 0 điểm"
    );
}

/// A check with conditions is written with its first condition capitalised and the others in
/// lower case after "và" (an acronym such as "UBND" keeps its capitals), then the fixed phrase
/// for a condition missing; in English, the conditions are listed after "all of".
#[test]
fn a_check_with_conditions_is_written_as_one_sentence() {
    let r = parse(
        "Có kế hoạch và có báo cáo kết quả: 1 điểm; \
         Không có kế hoạch hoặc không có báo cáo kết quả: 0 điểm",
        d("1"),
    )
    .unwrap();
    let labels: Vec<&str> = r.conditions.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, ["Có kế hoạch", "Có báo cáo kết quả"]);
    assert_eq!(
        render(&r, d("1"), Lang::Vi),
        "Có kế hoạch và có báo cáo kết quả: 1 điểm; \
         Không đáp ứng một trong các điều kiện trên: 0 điểm"
    );
    assert_eq!(
        render(&r, d("1"), Lang::En),
        "all of (Có kế hoạch; có báo cáo kết quả): 1 point; any missing: 0 points"
    );
    let r = parse(
        "Có kế hoạch và UBND tỉnh phê duyệt: 1 điểm; \
         Không có kế hoạch hoặc UBND tỉnh không phê duyệt: 0 điểm",
        d("1"),
    )
    .unwrap();
    assert_eq!(
        render(&r, d("1"), Lang::Vi),
        "Có kế hoạch và UBND tỉnh phê duyệt: 1 điểm; \
         Không đáp ứng một trong các điều kiện trên: 0 điểm"
    );
}

/// Bands written back, in Vietnamese and English: a first band of "100% or more" is "Đạt
/// 100%"; a band's upper edge comes from the band before; a band of whole counts one wide is
/// the count itself ("3 lần"); count bands end with what every other count pays ("Các trường
/// hợp còn lại"), ratio bands do not, even when their last band has a lower edge.
#[test]
fn bands_are_written_back_with_their_edges() {
    let r = parse(
        "Hoàn thành 100% kế hoạch: 2 điểm; từ 95% đến dưới 100%: 1,75 điểm; \
         từ 80% đến dưới 95%: 1 điểm; dưới 80%: 0 điểm",
        d("2"),
    )
    .unwrap();
    assert_eq!(
        render(&r, d("2"), Lang::Vi),
        "Đạt 100%: 2 điểm; Từ 95% đến dưới 100%: 1,75 điểm; Từ 80% đến dưới 95%: 1 điểm; \
         Dưới 80%: 0 điểm"
    );
    assert_eq!(
        render(&r, d("2"), Lang::En),
        "100%: 2 points; 95% to under 100%: 1.75 points; 80% to under 95%: 1 point; \
         under 80%: 0 points"
    );
    let r = parse(
        "Tổ chức từ 04 cuộc trở lên: 2 điểm; 03 cuộc: 1,5 điểm; 02 cuộc: 1 điểm; \
         01 cuộc: 0,5 điểm; không tổ chức: 0 điểm",
        d("2"),
    )
    .unwrap();
    assert_eq!(
        render(&r, d("2"), Lang::Vi),
        "Từ 4 lần trở lên: 2 điểm; 3 lần: 1,5 điểm; 2 lần: 1 điểm; 1 lần: 0,5 điểm; \
         Các trường hợp còn lại: 0 điểm"
    );
    assert_eq!(
        render(&r, d("2"), Lang::En),
        "4 or more: 2 points; 3: 1.5 points; 2: 1 point; 1: 0.5 points; otherwise: 0 points"
    );
    // The last band has a lower edge (50%), but a ratio rule gets no "còn lại" clause.
    let r = parse(
        "Từ 80% trở lên: 1 điểm; Từ 50% đến dưới 80%: 0,5 điểm",
        d("1"),
    )
    .unwrap();
    assert_eq!(
        render(&r, d("1"), Lang::Vi),
        "Từ 80% trở lên: 1 điểm; Từ 50% đến dưới 80%: 0,5 điểm"
    );
    assert_eq!(
        render(&r, d("1"), Lang::En),
        "80% or more: 1 point; 50% to under 80%: 0.5 points"
    );
}

/// A full stop right after a number, not followed by a digit, is not a decimal point: a
/// multi-line cell with numbered items ("1. …") reads as levels, the item numbers kept in the
/// labels; "1.5" (a `.` between digits) is still refused, naming the number.
#[test]
fn a_numbered_item_is_not_a_decimal() {
    let r = parse(
        "1. Ban hành kịp thời: 1 điểm\n2. Ban hành chậm: 0,5 điểm\n3. Không ban hành: 0 điểm",
        d("1"),
    )
    .unwrap();
    assert_eq!(r.kind, RuleKind::Levels);
    assert_eq!(
        level_points(&r),
        [
            ("1. Ban hành kịp thời".to_string(), "1".to_string()),
            ("2. Ban hành chậm".to_string(), "0.5".to_string()),
            ("3. Không ban hành".to_string(), "0".to_string()),
        ]
    );
    assert_eq!(
        refusal("Ban hành kịp thời: 1.5 điểm; Không ban hành: 0 điểm", "2"),
        (
            "1.5".to_string(),
            "số có dấu chấm: viết phần thập phân bằng dấu phẩy (`1,5`)".to_string(),
            "a number with a `.`: write decimals with a comma (`1,5`)".to_string(),
        )
    );
}

/// A minus sign right after an opening bracket is the number's sign: a change against last
/// year written "(-5%)" is a lower edge of −5%, not 5%. Max 1: ≥ 0 → 1; [−5, 0) → 0.5 (the
/// upper edge implied by the band before); the rest → 0.
#[test]
fn a_negative_share_in_brackets_keeps_its_sign() {
    let r = parse(
        "Từ 0% trở lên: 1 điểm; Từ (-5%) đến dưới 0%: 0,5 điểm; \
         Các trường hợp còn lại: 0 điểm",
        d("1"),
    )
    .unwrap();
    assert_eq!(
        edges(&r),
        [
            [o("0"), None, None, None, o("1")],
            [o("-5"), None, None, None, o("0.5")],
            [None, None, None, None, o("0")],
        ]
    );
}
