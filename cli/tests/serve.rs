//! The service over real HTTP: the binary is started on a free port (`--bind 127.0.0.1:0`),
//! and each test speaks HTTP/1.1 to it.

use std::io::{BufRead as _, BufReader};
use std::process::{Child, Command, Stdio};

use serde_json::{Value, json};

struct Server {
    child: Child,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start() -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_par-index"))
        .args([
            "serve",
            "--bind",
            "127.0.0.1:0",
            "--max-body",
            "200000",
            "--sets",
        ])
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures"))
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| unreachable!("cannot start: {e}"));
    let stdout = child.stdout.take().unwrap_or_else(|| unreachable!());
    let mut line = String::new();
    let _ = BufReader::new(stdout).read_line(&mut line);
    let base = line
        .trim()
        .rsplit(' ')
        .next()
        .unwrap_or_default()
        .trim_end_matches('/')
        .to_string();
    Server { child, base }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

fn post(s: &Server, path: &str, body: &str) -> (u16, Value) {
    let mut r = agent()
        .post(format!("{}{path}", s.base))
        .send(body)
        .unwrap_or_else(|e| unreachable!("{e}"));
    let status = r.status().as_u16();
    (
        status,
        r.body_mut()
            .read_json()
            .unwrap_or_else(|e| unreachable!("{e}")),
    )
}

fn get(s: &Server, path: &str) -> (u16, Value) {
    let mut r = agent()
        .get(format!("{}{path}", s.base))
        .call()
        .unwrap_or_else(|e| unreachable!("{e}"));
    let status = r.status().as_u16();
    (
        status,
        r.body_mut()
            .read_json()
            .unwrap_or_else(|e| unreachable!("{e}")),
    )
}

const SAMPLE: &str = include_str!("../../examples/data/duyen-hai-2023-q3.json");

#[test]
fn score_the_sample_over_http() {
    let s = start();
    // Hand-computed in criteria/vn-district-2023/cases/01-duyen-hai-2023-q3.toml:
    // 5.17 + 2 + 14 + 4 + 6.5 + 2.2 + 12 + 0 = 45.87 of 100 → index 45.87, class D.
    let (status, card) = post(&s, "/score?set=vn-district-2023", SAMPLE);
    assert_eq!(status, 200);
    assert_eq!(card["total"]["points"], "45.87");
    assert_eq!(card["classification"]["label"], "D");
    // Without ?set=, the evidence's own `ruleset` names the set.
    let (status, card) = post(&s, "/score", SAMPLE);
    assert_eq!(
        (status, card["total"]["index"].clone()),
        (200, json!("45.87"))
    );
}

#[test]
fn the_points_of_the_sample_over_http() {
    let s = start();
    // The same numbers as /score: 45.87 of 100, class D; 1.1.2 13 of 16 tasks = 81.25%,
    // band 80% to under 100% → 0.5 of 1; area 1: 5.17 of 12 → 5.17 ÷ 12 × 100 = 43.083… →
    // sub-index 43.08.
    let (status, card) = post(&s, "/points?set=vn-district-2023", SAMPLE);
    assert_eq!(status, 200);
    assert_eq!(card["total"]["points"], "45.87");
    assert_eq!(card["classification"]["label"], "D");
    let nodes = card["nodes"].as_array().unwrap();
    let node = |code: &str| nodes.iter().find(|n| n["code"] == code).unwrap().clone();
    assert_eq!(node("1.1.2")["points"], "0.5");
    assert_eq!(node("1.1.2")["max"], "1");
    assert!(node("1.1.2").get("index").is_none());
    assert_eq!(node("1")["points"], "5.17");
    assert_eq!(node("1")["index"], "43.08");
    // What has no evidence is listed, and its status says so.
    assert!(
        card["missing_evidence"]
            .as_array()
            .unwrap()
            .contains(&json!("1.3.2"))
    );
    assert_eq!(node("1.3.2")["status"], "missing_evidence");
    // No text: no titles, explanations or findings.
    assert!(node("1.1.2").get("title").is_none() && card.get("findings").is_none());
}

#[test]
fn bad_input_answers_json_with_the_path() {
    let s = start();
    let ev = r#"{"unit":{"name":"X","level":"district"},"period":{"year":2023},"evidence":{"1.1.2":{"numerator":17,"denominator":16}}}"#;
    let (status, err) = post(&s, "/score?set=vn-district-2023", ev);
    assert_eq!(status, 422);
    assert_eq!(
        err["error"]["issues"][0]["path"],
        r#"evidence["1.1.2"].numerator"#
    );
    let (status, err) = post(
        &s,
        "/whatif?set=vn-district-2023",
        &format!(r#"{{"evidence": {SAMPLE}, "scenario": {{"set": {{"9.9": {{"met": true}}}}}}}}"#),
    );
    assert_eq!(status, 422);
    assert_eq!(err["error"]["issues"][0]["path"], r#"scenario.set["9.9"]"#);
    let (status, _) = post(&s, "/score?set=nope", SAMPLE);
    assert_eq!(status, 404);
    let (status, _) = post(&s, "/score?set=vn-district-2023", "{ not json");
    assert_eq!(status, 422);
}

#[test]
fn every_route_answers() {
    let s = start();
    let (status, sets) = get(&s, "/sets");
    assert_eq!(status, 200);
    assert_eq!(
        sets["sets"].as_array().map(Vec::len),
        // The bundled sets, and the 4 of tests/fixtures (all-kinds, bonus-demo, cycle-test,
        // par-2012).
        Some(par_index::RuleSet::builtin_ids().len() + 4)
    );
    let (status, set) = get(&s, "/sets/vn-district-2023");
    assert_eq!((status, set["summary"]["leaves"].clone()), (200, json!(56)));
    let annex = set["annex_markdown"].as_str().unwrap_or_default();
    assert!(annex.starts_with("# PHỤ LỤC"), "{annex}");
    assert_eq!(get(&s, "/schemas/scorecard").0, 200);
    assert_eq!(get(&s, "/schemas/batch_result").1["title"], "BatchResult");
    assert_eq!(get(&s, "/schemas/nope").0, 404);
    let toml = include_str!("../../tests/fixtures/cycle.toml");
    assert_eq!(post(&s, "/check", toml).1["id"], "cycle-test");
    let (status, audit) = post(&s, "/audit?set=vn-district-2023", SAMPLE);
    // The report writes 89,92% for 4337/4857 = 89,29% (twice), 38.072 for 13.181 + 24.890 =
    // 38.071 million, and 77 posts for parts adding up to 79: 4 findings.
    assert_eq!(
        (status, audit["findings"].as_array().map(Vec::len)),
        (200, Some(4))
    );
    assert_eq!(post(&s, "/gaps?set=vn-district-2023", SAMPLE).0, 200);
    let pair = |k: &str, v: &str| format!(r#"{{"evidence": {SAMPLE}, "{k}": {v}}}"#);
    let (status, w) = post(
        &s,
        "/whatif?set=vn-district-2023",
        &pair("scenario", r#"{"set": {"1.1.3": {"numerator": 36}}}"#),
    );
    // 1.1.3: 30/36 → 1.67 of 2; 36/36 → 2: the total gains 0.33.
    assert_eq!(
        (status, w["total"]["after"]["points"].clone()),
        (200, json!("46.2"))
    );
    let ev = include_str!("../../tests/fixtures/cycle.evidence.json");
    let body = format!(
        r#"{{"evidence": {ev}, "appraisal": {}}}"#,
        include_str!("../../tests/fixtures/cycle.appraisal.json")
    );
    let (status, card) = post(&s, "/appraise?set=cycle-test", &body);
    // tests/fixtures/cycle.*: areas 8.06 after the rounds, + bonus 1 − penalty 0.5 = 8.56 of 10.
    assert_eq!(
        (status, card["total"]["points"].clone()),
        (200, json!("8.56"))
    );
    assert_eq!(post(&s, "/appraise?set=nope", &body).0, 404);
}

#[test]
fn rank_a_batch_over_http() {
    let s = start(); // --sets tests/fixtures serves `cycle-test`
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/batch");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    let units: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap_or_default())
        .collect();
    let (status, result) = post(
        &s,
        "/rank?set=cycle-test",
        &format!(r#"{{"units": [{}]}}"#, units.join(",")),
    );
    assert_eq!(status, 200);
    let rows = result["ranking"]["rows"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(rows.len(), 8);
    let dh = rows
        .iter()
        .find(|r| r["unit"] == "Thị xã Duyên Hải")
        .cloned()
        .unwrap_or_default();
    // Thị xã Duyên Hải (synthetic): 1.1 on time 1 + 1.2 33/36 = 91.67% > 90% → 2 + 1.3 manual 2
    // + 2.1 47/50 × 3 = 2.82 = 7.82; no survey, so rescaled to the appraised 8: 7.82 / 8 = 97.75%.
    assert_eq!(
        (dh["points"].clone(), dh["index"].clone()),
        (json!("7.82"), json!("97.75"))
    );
}

#[test]
fn limits_hold() {
    let s = start();
    let big = format!(r#"{{"pad": "{}"}}"#, "x".repeat(300_000));
    let r = agent()
        .post(format!("{}/score?set=vn-district-2023", s.base))
        .send(&big);
    assert_eq!(r.map(|r| r.status().as_u16()).unwrap_or(413), 413);
    assert_eq!(get(&s, "/no/such/route").0, 404);
}

#[test]
fn openapi_document_is_valid_and_lists_every_route() {
    let s = start();
    let (status, doc) = get(&s, "/openapi.json");
    assert_eq!(status, 200);
    let api: openapiv3::OpenAPI =
        serde_json::from_value(doc).unwrap_or_else(|e| unreachable!("invalid OpenAPI: {e}"));
    let paths: Vec<&str> = api.paths.paths.keys().map(String::as_str).collect();
    for route in [
        "/score",
        "/points",
        "/check",
        "/appraise",
        "/rank",
        "/audit",
        "/gaps",
        "/whatif",
        "/sets",
        "/sets/{id}",
        "/schemas/{name}",
        "/openapi.json",
    ] {
        assert!(paths.contains(&route), "{route} missing from {paths:?}");
    }
    let schemas = api.components.map(|c| c.schemas).unwrap_or_default();
    assert!(schemas.contains_key("Scorecard") && schemas.contains_key("Error"));
}

#[test]
fn the_form_page_is_served() {
    let s = start();
    let mut r = agent()
        .get(format!("{}/", s.base))
        .call()
        .unwrap_or_else(|e| unreachable!("{e}"));
    let html = r.body_mut().read_to_string().unwrap_or_default();
    assert!(html.contains("Chỉ số cải cách hành chính") && html.contains("/page.js"));
}

#[cfg(unix)]
#[test]
fn sigterm_stops_the_service_gracefully() {
    let mut s = start();
    assert_eq!(get(&s, "/sets").0, 200);
    let pid = s.child.id().to_string();
    let killed = Command::new("kill").args(["-TERM", &pid]).status();
    assert!(killed.is_ok_and(|k| k.success()));
    // Graceful shutdown: the process ends by itself, with exit code 0.
    let status = s.child.wait().unwrap_or_else(|e| unreachable!("{e}"));
    assert!(status.success(), "{status}");
}
