//! A set that extends another (`extends`): framework → province → a ward's additions,
//! validated as a whole, scored, diffed, with the file of every node; every figure by hand.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failed unwrap is a failed test"
)]

use par_index::{Evidence, RuleSet, analysis::diff_rulesets, evaluate};

const DIR: &str = "tests/fixtures/extends";

fn load(name: &str) -> RuleSet {
    RuleSet::from_path(format!("{DIR}/{name}.toml")).unwrap()
}

fn origin(rs: &RuleSet, code: &str) -> String {
    fn find<'a>(
        nodes: &'a [par_index::criteria::NodeDef],
        code: &str,
    ) -> Option<&'a par_index::criteria::NodeDef> {
        nodes.iter().find_map(|n| {
            (n.code == code)
                .then_some(n)
                .or_else(|| find(&n.criteria, code))
        })
    }
    find(&rs.def().areas, code).unwrap().origin.clone().unwrap()
}

#[test]
fn a_set_extended_twice_validates_with_the_file_of_every_node() {
    let ward = load("ward");
    assert_eq!(ward.id(), "ward");
    assert_eq!(ward.def().title, "Bộ tiêu chí của phường");
    // the province restated the decision, the ward did not: the province's stays
    assert_eq!(ward.def().document.number, "02/QĐ-UBND");
    assert_eq!(origin(&ward, "1.1"), "province.toml");
    assert_eq!(origin(&ward, "2"), "framework.toml");
    assert_eq!(origin(&ward, "2.1"), "framework.toml");
    assert_eq!(origin(&ward, "2.1.2"), "ward.toml");
    assert_eq!(origin(&ward, "2.3"), "province.toml");
    // 2.1 became a parent: its rule is gone, its children add up to its 3 points
    let codes: Vec<&str> = ward.def().areas[1]
        .criteria
        .iter()
        .map(|n| n.code.as_str())
        .collect();
    assert_eq!(codes, ["2.1", "2.3"]);
    assert!(ward.def().areas[1].criteria[0].rule.is_none());
}

#[test]
fn the_extended_set_scores() {
    let ward = load("ward");
    let evidence = Evidence::from_json_str(
        r#"{ "unit": { "name": "Phường Thử", "level": "commune" }, "period": { "year": 2025 },
             "evidence": { "1.1": { "met": true }, "1.2": { "met": false },
                           "2.1.1": { "met": true }, "2.1.2": { "met": true },
                           "2.3": { "met": false } } }"#,
    )
    .unwrap();
    let card = evaluate(&ward, &evidence).unwrap();
    let points = |code: &str| {
        card.node(code)
            .unwrap()
            .score
            .points
            .normalize()
            .to_string()
    };
    // area 1 = 1.1 (2) + 1.2 (0) = 2; 2.1 = 1 + 2 = 3; area 2 = 3 + 2.3 (0) = 3
    assert_eq!(points("1"), "2");
    assert_eq!(points("2.1"), "3");
    assert_eq!(points("2"), "3");
    // total 2 + 3 = 5 of 10 → 50%
    assert_eq!(card.total.points.normalize().to_string(), "5");
    assert_eq!(card.total.index.unwrap().normalize().to_string(), "50");
}

#[test]
fn each_step_of_the_chain_diffs() {
    let (framework, province, ward) = (load("framework"), load("province"), load("ward"));
    let d = diff_rulesets(framework.def(), province.def());
    assert_eq!(d.added, ["1.1", "1.2", "2.3"]);
    assert_eq!(d.removed, ["2.2"]);
    // area 1 was a check, now a parent
    assert_eq!(d.rules_changed, ["1"]);
    let d = diff_rulesets(province.def(), ward.def());
    assert_eq!(d.added, ["2.1.1", "2.1.2"]);
    assert!(d.removed.is_empty());
    assert_eq!(d.rules_changed, ["2.1"]);
}

#[test]
fn errors_name_the_file_and_path_of_a_bad_node() {
    let e = RuleSet::from_path(format!("{DIR}/bad-ward.toml")).unwrap_err();
    let text = e.to_string();
    assert!(text.contains("bad-ward.toml"), "{text}");
    let issues: Vec<String> = e.issues().iter().map(ToString::to_string).collect();
    assert_eq!(issues.len(), 1, "{issues:?}");
    assert!(
        issues[0].starts_with("remove[0] (line 5): no node `9.9` in the extended set `province`"),
        "{issues:?}"
    );
}

#[test]
fn a_bad_node_added_by_the_ward_is_named_with_its_file() {
    let text = std::fs::read_to_string(format!("{DIR}/bad-ward.toml"))
        .unwrap()
        .replace("remove = [\"9.9\"]\n", "");
    let dir = std::env::temp_dir().join(format!("par-index-extends-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for f in ["framework.toml", "province.toml"] {
        std::fs::copy(format!("{DIR}/{f}"), dir.join(f)).unwrap();
    }
    std::fs::write(dir.join("bad-ward.toml"), text).unwrap();
    let e = RuleSet::from_path(dir.join("bad-ward.toml")).unwrap_err();
    let issues: Vec<String> = e.issues().iter().map(ToString::to_string).collect();
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(
        issues
            .iter()
            .any(|i| i.starts_with("areas[1].criteria[0].criteria[1].rule")
                && i.ends_with("(node `2.1.2` from `bad-ward.toml`)")),
        "{issues:?}"
    );
}

#[test]
fn an_unknown_base_is_named() {
    let e = RuleSet::from_toml_str("id = \"x\"\nextends = \"no-such-set\"\n").unwrap_err();
    assert_eq!(
        e.issues()[0].to_string(),
        "extends: no set `no-such-set` beside this file (`no-such-set.toml`, \
         `no-such-set/ruleset.toml`) nor bundled"
    );
}

/// A ward's set that adds leaf 1.3.1 (max 1) under 1.3 of the bundled commune set.
const PHUONG: &str = r#"
id = "phuong-mau-2025"
extends = "vn-commune-2025"
[[add]]
parent = "1.3"
[[add.criteria]]
code = "1.3.1"
title = "Kế hoạch được ban hành đúng hạn"
max = "1"
provenance = { document = "15/QĐ-UBND", verified = false }
rule = { kind = "check" }
"#;

#[test]
fn a_bundled_set_extends_from_text() {
    // 1.3 is worth 1: one child of 0.5 leaves it 0.5 short
    let short = PHUONG.replace("max = \"1\"", "max = \"0.5\"");
    let e = RuleSet::from_toml_str(&short).unwrap_err();
    assert!(
        e.issues().iter().any(|i| i
            .to_string()
            .ends_with("(node `1.3` from `builtin:vn-commune-2025`)")),
        "{:?}",
        e.issues()
    );
    let rs = RuleSet::from_toml_str(PHUONG).unwrap();
    assert_eq!(origin(&rs, "1.3.1"), "phuong-mau-2025");
    assert_eq!(origin(&rs, "1.1"), "builtin:vn-commune-2025");
}

#[test]
fn sets_that_extend_each_other_are_refused() {
    let dir = std::env::temp_dir().join(format!("par-index-extends-loop-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a.toml"), "id = \"a\"\nextends = \"b\"\n").unwrap();
    std::fs::write(dir.join("b.toml"), "id = \"b\"\nextends = \"a\"\n").unwrap();
    let e = RuleSet::from_path(dir.join("a.toml")).unwrap_err();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(
        e.issues()[0].to_string(),
        "extends: more than 8 sets extend one another from here"
    );
}

/// A float in a set is refused even when the set is otherwise valid, in a set that extends
/// another as in one that does not: the float is read as its text to find every other
/// problem, and the load still fails on it (kills the `issues.is_empty()` guards of
/// `ruleset_from_toml_in` and `extended` → `true`; a valid extension still loads, which kills
/// the latter → `false`).
/// The issues refusing `text`, as text.
fn issues_of(text: &str) -> Vec<String> {
    RuleSet::from_toml_str(text)
        .unwrap_err()
        .issues()
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn a_float_is_refused_in_an_extension_and_in_a_plain_set() {
    let ext = PHUONG;
    assert!(RuleSet::from_toml_str(ext).is_ok());
    let float = ext.replace("max = \"1\"", "max = 1.0");
    let issues = issues_of(&float);
    assert_eq!(
        issues,
        [
            "add[0].criteria[0].max (line 9): `1.0` is written as a float: write decimals as strings, e.g. \"1.0\""
        ]
    );
    let plain = r#"
id = "one"
title = "One"
level = "commune"
years = { from = 2025 }
scale = 1.0
document = { number = "01" }
[[areas]]
code = "1"
title = "Leaf"
max = "1"
provenance = { document = "01", verified = false }
rule = { kind = "check" }
"#;
    let issues = issues_of(plain);
    assert_eq!(
        issues,
        ["scale (line 6): `1.0` is written as a float: write decimals as strings, e.g. \"1.0\""]
    );
}
