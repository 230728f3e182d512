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
