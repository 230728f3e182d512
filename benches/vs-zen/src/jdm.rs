//! Generates a JDM decision graph (zen-engine's JSON format) from a par-index rule set, and
//! converts par-index evidence into the input that graph reads.
//!
//! The graph: input → one expression node computing every share (ratio shares, met-all
//! conditions, weighted survey percentages) → one decision table per leaf (hit policy
//! `first`, rows = the rule's bands or levels, output `points.<leaf>`) → output.
//!
//! Leaf codes become identifiers: `1.2.3` → `l1_2_3`. The input is
//! `{ "e": { "l1_2_3": { ... } } }` with, per kind: `level`; `met`; `c` (conditions);
//! `num` + `den` (ratios: task lists are counted and a percentage p becomes
//! p×100 / 10000 here, outside the timed loop, so zen reads whole numbers only); `count`;
//! one count per survey option; `points`; `day` (deadline rules: the issue date as days since
//! 1970-01-01, or null when none was issued).

use par_index::criteria::{BandDef, NodeDef, RuleDef, RuleKind, TaskStatus};
use par_index::{Decimal, evidence::DocDate, evidence::DocRef, Evidence, evidence::LeafEvidence, RuleSet};
use serde_json::{Value, json};

#[path = "../../support/synth.rs"]
#[allow(
    dead_code,
    reason = "shared with benches/engine.rs, which uses more of it"
)]
mod synth;

/// Synthetic evidence for every leaf of `rs`, deterministic in `seed`
/// (`benches/support/synth.rs`).
pub fn evidence(rs: &RuleSet, seed: u64) -> Evidence {
    synth::evidence(rs, seed)
}

/// The identifier of a leaf code.
pub fn ident(code: &str) -> String {
    format!("l{}", code.replace('.', "_"))
}

/// A decimal as JDM expression text, without trailing zeros.
fn d(v: Decimal) -> String {
    v.normalize().to_string()
}

/// Every leaf of the set, in tree order.
pub fn leaves(rs: &RuleSet) -> Vec<(&NodeDef, &RuleDef)> {
    let mut out = Vec::new();
    for area in &rs.def().areas {
        synth::leaves(area, &mut |n, r| out.push((n, r)));
    }
    out
}

/// A JDM graph under construction: its nodes and edges as JSON.
struct Graph {
    nodes: Vec<Value>,
    edges: Vec<Value>,
}

impl Graph {
    /// Adds a node of JDM type `kind`, with its `content` when it has one.
    fn node(&mut self, id: &str, kind: &str, content: Option<Value>) {
        let mut n = json!({ "id": id, "name": id, "type": kind, "position": { "x": 0, "y": 0 } });
        if let Some(c) = content {
            n["content"] = c;
        }
        self.nodes.push(n);
    }

    /// Adds an edge from node `from` to node `to`.
    fn edge(&mut self, from: &str, to: &str) {
        let id = format!("{from}->{to}");
        self.edges
            .push(json!({ "id": id, "sourceId": from, "targetId": to, "type": "edge" }));
    }
}

/// The JDM graph equivalent to `rs`, as JSON.
pub fn graph(rs: &RuleSet) -> Value {
    let mut g = Graph {
        nodes: vec![],
        edges: vec![],
    };
    g.node("input", "inputNode", None);
    g.node("output", "outputNode", None);
    let mut exprs = Vec::new();
    for (node, rule) in leaves(rs) {
        if let Some(e) = share_expression(node, rule) {
            exprs.push(json!({ "id": format!("x_{}", ident(&node.code)), "key": format!("s.{}", ident(&node.code)), "value": e }));
        }
    }
    g.node(
        "shares",
        "expressionNode",
        Some(json!({ "expressions": exprs, "passThrough": true, "inputField": null, "outputPath": null, "executionMode": "single" })),
    );
    g.edge("input", "shares");
    for (node, rule) in leaves(rs) {
        let id = format!("t_{}", ident(&node.code));
        g.node(&id, "decisionTableNode", Some(table(node, rule)));
        g.edge("shares", &id);
        g.edge(&id, "output");
    }
    json!({ "nodes": g.nodes, "edges": g.edges })
}

/// What the expression node computes for a leaf, when its table needs a share.
fn share_expression(node: &NodeDef, rule: &RuleDef) -> Option<String> {
    let e = format!("e.{}", ident(&node.code));
    match rule.kind {
        RuleKind::RatioBands => Some(format!("{e}.num * 100 / {e}.den")),
        RuleKind::Proportional if rule.target.is_some() || rule.zero_below.is_some() => {
            Some(format!("{e}.num * 100 / {e}.den"))
        }
        RuleKind::Check if !rule.conditions.is_empty() => Some(
            rule.conditions
                .iter()
                .map(|c| format!("{e}.c.{} == true", c.id))
                .collect::<Vec<_>>()
                .join(" and "),
        ),
        RuleKind::Survey => {
            let w = weights(rule);
            let sum = w
                .iter()
                .map(|(o, p)| format!("{e}.{o} * {}", d(*p)))
                .collect::<Vec<_>>();
            let n = w
                .iter()
                .map(|(o, _)| format!("{e}.{o}"))
                .collect::<Vec<_>>();
            Some(format!("({}) / ({})", sum.join(" + "), n.join(" + ")))
        }
        _ => None,
    }
}

/// The survey options and their percentages: the rule's own, or the default A/B/C/D.
fn weights(rule: &RuleDef) -> Vec<(String, Decimal)> {
    if rule.weights.is_empty() {
        [("A", 100), ("B", 60), ("C", 20), ("D", 0)]
            .map(|(o, p)| (o.to_string(), Decimal::from(p)))
            .to_vec()
    } else {
        rule.weights
            .iter()
            .map(|w| (w.option.clone(), w.percent))
            .collect()
    }
}

/// A decision table with at most one input column and one output column.
fn table_of(leaf: &str, input: Option<String>, rows: Vec<(String, String)>) -> Value {
    let inputs: Vec<Value> = input
        .iter()
        .map(|f| json!({ "id": "in", "name": "in", "field": f }))
        .collect();
    let rules: Vec<Value> = rows
        .into_iter()
        .enumerate()
        .map(|(i, (when, then))| {
            let mut r = json!({ "_id": format!("r{i}"), "out": then });
            if input.is_some() {
                r["in"] = json!(when);
            }
            r
        })
        .collect();
    json!({
        "hitPolicy": "first",
        "inputs": inputs,
        "outputs": [{ "id": "out", "name": "points", "field": format!("points.{leaf}") }],
        "rules": rules,
        "passThrough": false, "inputField": null, "outputPath": null, "executionMode": "single",
    })
}

/// The decision-table test of a band's lower edge (empty: any value).
fn band_test(b: &BandDef) -> String {
    match (b.at_least, b.above) {
        (Some(v), _) => format!(">= {}", d(v)),
        (None, Some(v)) => format!("> {}", d(v)),
        (None, None) => String::new(),
    }
}

/// The decision table that gives a leaf its points.
fn table(node: &NodeDef, rule: &RuleDef) -> Value {
    let id = ident(&node.code);
    let e = format!("e.{id}");
    let s = format!("s.{id}");
    let max = d(node.max);
    let share_times_max = format!("{e}.num * {max} / {e}.den");
    match rule.kind {
        RuleKind::Levels => {
            let rows = rule
                .levels
                .iter()
                .map(|l| (format!("'{}'", l.id), d(l.points)));
            table_of(&id, Some(format!("{e}.level")), rows.collect())
        }
        RuleKind::Check => {
            let field = if rule.conditions.is_empty() {
                format!("{e}.met")
            } else {
                s
            };
            let met = rule.points.map_or(max.clone(), d);
            let otherwise = d(rule.otherwise.unwrap_or_default());
            table_of(
                &id,
                Some(field),
                vec![("true".into(), met), (String::new(), otherwise)],
            )
        }
        RuleKind::RatioBands => {
            let rows = rule.bands.iter().map(|b| {
                let pay = match b.points {
                    Some(p) => d(p),
                    None => share_times_max.clone(),
                };
                (band_test(b), pay)
            });
            table_of(&id, Some(s), rows.collect())
        }
        RuleKind::CountBands => {
            let mut rows: Vec<(String, String)> = rule
                .bands
                .iter()
                .map(|b| (band_test(b), d(b.points.unwrap_or_default())))
                .collect();
            rows.push((String::new(), d(rule.otherwise.unwrap_or_default())));
            table_of(&id, Some(format!("{e}.count")), rows)
        }
        RuleKind::Proportional => {
            let mut rows = Vec::new();
            if let Some(z) = rule.zero_below {
                rows.push((format!("< {}", d(z)), "0".to_string()));
            }
            if let Some(t) = rule.target {
                rows.push((format!(">= {}", d(t)), max.clone()));
                rows.push((String::new(), format!("{share_times_max} * 100 / {}", d(t))));
            } else {
                rows.push((String::new(), share_times_max));
            }
            let input = (rule.target.is_some() || rule.zero_below.is_some()).then_some(s);
            table_of(&id, input, rows)
        }
        RuleKind::Deduction => {
            let per = rule.per_item.unwrap_or_default();
            let min = rule.min_points.unwrap_or_default();
            // floored when max - count × per < min, i.e. count > (max - min) / per
            let limit = (node.max - min) / per;
            let rows = vec![
                (format!("> {}", d(limit)), d(min)),
                (String::new(), format!("{max} - {e}.count * {}", d(per))),
            ];
            table_of(&id, Some(format!("{e}.count")), rows)
        }
        RuleKind::PerItem => {
            let per = rule.per_item.unwrap_or_default();
            let cap = rule.cap.unwrap_or(node.max);
            // capped when count × per > cap, i.e. count > cap / per
            let limit = cap / per;
            let rows = vec![
                (format!("> {}", d(limit)), d(cap)),
                (String::new(), format!("{e}.count * {}", d(per))),
            ];
            table_of(&id, Some(format!("{e}.count")), rows)
        }
        RuleKind::Survey => table_of(
            &id,
            None,
            vec![(String::new(), format!("{s} * {max} / 100"))],
        ),
        RuleKind::Manual => table_of(&id, None, vec![(String::new(), format!("{e}.points"))]),
        RuleKind::Deadline => {
            let on_time = rule.on_time.map_or(max, d);
            let late = d(rule.late.unwrap_or_default());
            let not_issued = d(rule.not_issued.unwrap_or_default());
            let mut rows = vec![
                ("null".to_string(), not_issued.clone()),
                (format!("<= {}", day(rule.deadline.as_deref())), on_time),
            ];
            match rule.late_until.as_deref() {
                Some(until) => {
                    rows.push((format!("<= {}", day(Some(until))), late));
                    rows.push((String::new(), not_issued));
                }
                None => rows.push((String::new(), late)),
            }
            table_of(&id, Some(format!("{e}.day")), rows)
        }
    }
}

/// The zen input for one unit's evidence (done outside any timed loop).
pub fn input(rs: &RuleSet, ev: &Evidence) -> Value {
    let mut e = serde_json::Map::new();
    for (node, rule) in leaves(rs) {
        if let Some(v) = ev.evidence.get(&node.code) {
            e.insert(ident(&node.code), leaf_input(rule, v));
        }
    }
    json!({ "e": e })
}

/// A decimal as a JSON number.
fn num(v: Decimal) -> Value {
    serde_json::from_str(&d(v)).unwrap_or(Value::Null)
}

/// The zen input of one leaf, in the shape its rule kind reads.
fn leaf_input(rule: &RuleDef, v: &LeafEvidence) -> Value {
    match rule.kind {
        RuleKind::Levels => json!({ "level": v.level }),
        RuleKind::Check if rule.conditions.is_empty() => json!({ "met": v.met }),
        RuleKind::Check => json!({ "c": v.conditions }),
        RuleKind::RatioBands | RuleKind::Proportional => {
            let done = rule
                .done
                .clone()
                .unwrap_or(vec![TaskStatus::Done, TaskStatus::DoneLate]);
            let exclude = rule.exclude.clone().unwrap_or_default();
            let (n, dd) = if let Some(tasks) = &v.tasks {
                let counted = tasks.iter().filter(|t| !exclude.contains(&t.status));
                let n = counted.clone().filter(|t| done.contains(&t.status)).count();
                (Decimal::from(n), Decimal::from(counted.count()))
            } else if let Some(p) = v.percent {
                (p * Decimal::ONE_HUNDRED, Decimal::from(10_000))
            } else {
                (
                    v.numerator.unwrap_or_default(),
                    v.denominator.unwrap_or_default(),
                )
            };
            json!({ "num": num(n), "den": num(dd) })
        }
        RuleKind::CountBands | RuleKind::Deduction | RuleKind::PerItem => {
            json!({ "count": num(v.count.unwrap_or_default()) })
        }
        RuleKind::Survey => json!(v.answers),
        RuleKind::Manual => json!({ "points": num(v.points.unwrap_or_default()) }),
        RuleKind::Deadline => {
            // the date, else the first cited document that parses with one (as par-index scores)
            let date = v
                .date
                .as_deref()
                .and_then(|t| DocDate::parse_iso(t).ok())
                .or_else(|| {
                    v.documents
                        .iter()
                        .flatten()
                        .find_map(|t| DocRef::parse(t).ok().and_then(|r| r.date))
                });
            json!({ "day": date.map(DocDate::days) })
        }
    }
}

/// A rule's `YYYY-MM-DD` date as days since 1970-01-01, the form the deadline tables compare.
fn day(date: Option<&str>) -> i64 {
    let text = date.expect("a validated deadline rule has its dates");
    DocDate::parse_iso(text).expect("a validated date").days()
}
