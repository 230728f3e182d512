//! Reproducible results (engine version and content hashes on every scorecard) and input
//! limits (each with a clear error past it).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failed unwrap is a failed test"
)]

use par_index::criteria::digest::{canonical_json, evidence_sha256, ruleset_sha256};
use par_index::{
    Evidence, RuleSet, criteria::IssueCode, criteria::Limits, evaluate, evidence::EvidenceError,
    evidence::EvidenceIssueCode, scoring::evaluate_with_limits,
};

const ALL_KINDS: &str = include_str!("fixtures/all-kinds.toml");
const ALL_KINDS_EVIDENCE: &str = include_str!("fixtures/all-kinds.evidence.json");

#[test]
fn scorecards_record_the_engine_and_the_hashes_of_their_inputs() {
    let rs = RuleSet::from_toml_str(ALL_KINDS).unwrap();
    let ev = Evidence::from_json_str(ALL_KINDS_EVIDENCE).unwrap();
    let card = evaluate(&rs, &ev).unwrap();
    assert_eq!(
        card.engine,
        format!("par-index {}", env!("CARGO_PKG_VERSION"))
    );
    // The hash is the SHA-256 of the compact JSON of the set as written / of the evidence.
    assert_eq!(card.ruleset.sha256, ruleset_sha256(rs.def()));
    assert_eq!(card.evidence_sha256, evidence_sha256(&ev));
    // Checked outside Rust: `sha256sum` of the canonical bytes, which Python's
    // `json.dumps(json.load(f), separators=(",", ":"), ensure_ascii=False)` reproduces.
    assert_eq!(
        card.ruleset.sha256,
        "78151de27f358552cbfcd2cf1c2486cb5ad9d658b39680f876e513fb9a673af0"
    );
    assert_eq!(
        card.evidence_sha256,
        "e7fae71f7efb69093bd75b4186f2087a9af3dfffe56b5369c0770922d3f2f1f8"
    );
    let json = card.to_json_string().unwrap();
    assert!(json.contains(&format!("\"sha256\": \"{}\"", card.ruleset.sha256)));
    assert!(json.contains(&format!(
        "\"evidence_sha256\": \"{}\"",
        card.evidence_sha256
    )));
}

#[test]
fn the_canonical_form_is_compact_json_of_the_content() {
    let ev = Evidence::from_json_str(
        r#"{ "unit": { "name": "X", "level": "district" }, "period": { "year": 2023 },
             "evidence": { "2": { "points": "1.50" }, "1": { "met": true } } }"#,
    )
    .unwrap();
    assert_eq!(
        String::from_utf8(canonical_json(&ev)).unwrap(),
        r#"{"unit":{"name":"X","level":"district"},"period":{"year":2023},"evidence":{"1":{"met":true},"2":{"points":"1.5"}}}"#
    );
    // Layout, key order and trailing zeros do not change the hash; content does.
    let same = Evidence::from_json_str(
        r#"{"period":{"year":2023},"evidence":{"1":{"met":true},"2":{"points":"1.5"}},"unit":{"level":"district","name":"X"}}"#,
    )
    .unwrap();
    assert_eq!(evidence_sha256(&ev), evidence_sha256(&same));
    let mut other = ev.clone();
    other.evidence.get_mut("1").unwrap().met = Some(false);
    assert_ne!(evidence_sha256(&ev), evidence_sha256(&other));

    let rs = RuleSet::from_toml_str(ALL_KINDS).unwrap();
    let relaid = RuleSet::from_toml_str(&rs.to_toml_string().unwrap()).unwrap();
    assert_eq!(ruleset_sha256(rs.def()), ruleset_sha256(relaid.def()));
    let mut def = rs.def().clone();
    def.areas[0].criteria[0].criteria[0].title.push('!');
    assert_ne!(ruleset_sha256(rs.def()), ruleset_sha256(&def));
}

fn evidence(leaves: &str) -> Evidence {
    Evidence::from_json_str(&format!(
        r#"{{ "unit": {{ "name": "X", "level": "district" }}, "period": {{ "year": 2023 }},
             "evidence": {{ {leaves} }} }}"#
    ))
    .unwrap()
}

fn limit_issues(ev: &Evidence, limits: &Limits) -> Vec<String> {
    let rs = RuleSet::from_toml_str(ALL_KINDS).unwrap();
    let e = evaluate_with_limits(&rs, ev, limits).unwrap_err();
    assert!(
        e.issues()
            .iter()
            .all(|i| i.code == EvidenceIssueCode::Limit),
        "{e}"
    );
    e.issues().iter().map(ToString::to_string).collect()
}

#[test]
fn evidence_magnitudes_past_ten_to_the_fifteenth_are_refused() {
    let ev = evidence(
        r#""1.1.4": { "numerator": "1000000000000001", "denominator": "2000000000000000" },
           "1.2.2": { "count": "1000000000000000" },
           "2.3": { "count": "-1000000000000001" },
           "2.4": { "points": "1000000000000000.5" },
           "2.5": { "answers": { "A": 1000000000000001 } },
           "2.6": { "percent": "1000000000000000.01" }"#,
    );
    assert_eq!(
        limit_issues(&ev, &Limits::default()),
        [
            r#"evidence["1.1.4"].numerator: `1000000000000001` is larger than the limit of 1000000000000000"#,
            r#"evidence["1.1.4"].denominator: `2000000000000000` is larger than the limit of 1000000000000000"#,
            r#"evidence["2.3"].count: `-1000000000000001` is larger than the limit of 1000000000000000"#,
            r#"evidence["2.4"].points: `1000000000000000.5` is larger than the limit of 1000000000000000"#,
            r#"evidence["2.5"].answers.A: `1000000000000001` is larger than the limit of 1000000000000000"#,
            r#"evidence["2.6"].percent: `1000000000000000.01` is larger than the limit of 1000000000000000"#,
        ]
    );
    // 10^15 itself is within the limit: the 1.2.2 count above was not reported.
    let rs = RuleSet::from_toml_str(ALL_KINDS).unwrap();
    let card = evaluate(
        &rs,
        &evidence(r#""1.2.2": { "count": "1000000000000000" }"#),
    )
    .unwrap();
    assert_eq!(card.node("1.2.2").unwrap().score.points, 4.into());
}

#[test]
fn evaluate_points_refuses_what_evaluate_refuses_past_the_limits() {
    let rs = RuleSet::from_toml_str(ALL_KINDS).unwrap();
    let past = evidence(r#""2.4": { "points": "1000000000000000.5" }"#);
    let full = evaluate(&rs, &past).unwrap_err().to_string();
    let numbers = par_index::scoring::evaluate_points(&rs, &past)
        .unwrap_err()
        .to_string();
    assert_eq!(numbers, full);
    assert!(
        full.contains("is larger than the limit of 1000000000000000"),
        "{full}"
    );
    // Many digits, small value: 1.0000000000000000000001 has a 23-digit mantissa but is
    // far below 10^15, so it is within the limit (23 digits, 22 after the point).
    let fine =
        evidence(r#""1.2.2": { "count": "3" }, "2.6": { "percent": "1.0000000000000000000001" }"#);
    let points = par_index::scoring::evaluate_points(&rs, &fine).unwrap();
    assert_eq!(points.total, evaluate(&rs, &fine).unwrap().total.points);
}

#[test]
fn evidence_entries_and_tasks_are_limited() {
    let limits = Limits {
        max_evidence_entries: 2,
        max_tasks_per_leaf: 3,
        ..Limits::default()
    };
    let ev = evidence(
        r#""1.1.1": { "level": "late" }, "1.1.3": { "met": true }, "2.4": { "points": 1 }"#,
    );
    assert_eq!(
        limit_issues(&ev, &limits),
        ["evidence: 3 values, more than the limit of 2"]
    );
    let ev = evidence(
        r#""1.2.1": { "tasks": [ { "name": "a", "status": "done" }, { "name": "b", "status": "done" },
                                 { "name": "c", "status": "done" }, { "name": "d", "status": "done" } ] }"#,
    );
    assert_eq!(
        limit_issues(&ev, &limits),
        [r#"evidence["1.2.1"].tasks: 4 tasks, more than the limit of 3"#]
    );
    // At the limits, the evidence scores.
    let rs = RuleSet::from_toml_str(ALL_KINDS).unwrap();
    let two = evidence(r#""1.1.1": { "level": "late" }, "1.1.3": { "met": true }"#);
    assert!(evaluate_with_limits(&rs, &two, &limits).is_ok());
    let at = Limits {
        max_tasks_per_leaf: 4,
        ..limits
    };
    assert!(evaluate_with_limits(&rs, &ev, &at).is_ok());
}

#[test]
fn evidence_files_past_the_size_limit_are_refused_before_parsing() {
    let limits = Limits {
        max_file_bytes: 10,
        ..Limits::default()
    };
    let e = Evidence::from_json_str_with_limits(ALL_KINDS_EVIDENCE, &limits).unwrap_err();
    assert_eq!(
        e,
        EvidenceError::TooLarge {
            bytes: ALL_KINDS_EVIDENCE.len(),
            limit: 10
        }
    );
    assert_eq!(
        e.to_string(),
        format!(
            "the evidence has {} bytes, more than the limit `max_file_bytes` of 10",
            ALL_KINDS_EVIDENCE.len()
        )
    );
    let big = " ".repeat(4 * 1024 * 1024 + 1);
    assert!(matches!(
        Evidence::from_json_str(&big),
        Err(EvidenceError::TooLarge { .. })
    ));
}

fn load_issues(text: &str, limits: &Limits) -> Vec<String> {
    let e = RuleSet::from_toml_str_with_limits(text, limits).unwrap_err();
    let limit: Vec<String> = e
        .issues()
        .iter()
        .filter(|i| i.code == IssueCode::Limit)
        .map(ToString::to_string)
        .collect();
    assert!(!limit.is_empty(), "{e}");
    limit
}

#[test]
fn rule_set_limits_each_give_a_clear_error() {
    let d = Limits::default();
    assert_eq!(
        load_issues(
            ALL_KINDS,
            &Limits {
                max_file_bytes: 100,
                ..d
            }
        ),
        [format!(
            "(document): the file has {} bytes, more than the limit `max_file_bytes` of 100",
            ALL_KINDS.len()
        )]
    );
    assert_eq!(
        load_issues(ALL_KINDS, &Limits { max_nodes: 5, ..d }),
        ["areas[0].criteria[0].criteria[3] (line 55): the tree is more than the limit of 5 nodes"]
    );
    assert_eq!(
        load_issues(ALL_KINDS, &Limits { max_depth: 2, ..d }),
        [
            "areas[0].criteria[0].criteria[0] (line 29): the tree is deeper than the limit of 2 levels"
        ]
    );
    let long = load_issues(
        ALL_KINDS,
        &Limits {
            max_string_len: 40,
            ..d
        },
    );
    assert!(
        long.iter().all(|m| m.contains("more than the limit of 40")),
        "{long:?}"
    );
    assert_eq!(
        load_issues(
            ALL_KINDS,
            &Limits {
                max_rule_items: 2,
                ..d
            }
        ),
        [
            "areas[0].criteria[0].criteria[0].rule.levels (line 34): 3 items, more than the limit of 2",
            "areas[0].criteria[0].criteria[3].rule.bands (line 59): 3 items, more than the limit of 2",
            "areas[0].criteria[1].criteria[0].rule.bands (line 74): 3 items, more than the limit of 2",
            "areas[0].criteria[1].criteria[1].rule.bands (line 84): 4 items, more than the limit of 2",
            "areas[1].criteria[5].rule.bands (line 131): 3 items, more than the limit of 2",
        ]
    );
}
