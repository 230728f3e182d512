// The form page: a form generated from the chosen rule set, scored by POST /score as figures
// are typed. Inputs are named "<leaf code>|<field>" ("1.1.2|numerator", "1.2|conditions.plan").
"use strict";

const LABELS = {
  numerator: "Tử số (numerator)", denominator: "Mẫu số (denominator)", percent: "Tỷ lệ % (percent)",
  count: "Số lượng (count)", points: "Điểm (points)", level: "Mức (level)", met: "Đạt (met)",
  date: "Ngày ban hành (date)",
};
let current = null; // { id, detail, leaves }
let lastCard = null;
let timer = null;

const $ = (sel) => document.querySelector(sel);
const el = (tag, attrs = {}, text) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
};
const vn = (s) => (s == null ? "–" : String(s).replace(".", ","));

async function getJson(url) {
  const r = await fetch(url);
  return r.json();
}

// The definition node of a code in the rule set as JSON (for level labels).
function findDef(obj, code) {
  if (!obj || typeof obj !== "object") return null;
  if (obj.code === code && obj.rule) return obj;
  for (const v of Object.values(obj)) {
    const f = findDef(v, code);
    if (f) return f;
  }
  return null;
}

// The first shape of a leaf's evidence that a form can fill (no lists).
function shapeOf(leafSchema) {
  const shapes = (leafSchema.oneOf || []).slice(1);
  return shapes.find((s) => Object.entries(s.properties || {})
    .every(([k, p]) => k === "note" || p.type !== "array")) || shapes[0];
}

function input(name, prop, def, field) {
  if (prop.enum) {
    const s = el("select", { name });
    s.append(el("option", { value: "" }, "—"));
    const levels = (def && def.rule && def.rule.levels) || [];
    for (const id of prop.enum) {
      const lv = levels.find((l) => l.id === id);
      s.append(el("option", { value: id }, lv ? lv.label : id));
    }
    return s;
  }
  if (prop.type === "boolean") {
    const s = el("select", { name, "data-bool": "1" });
    s.append(el("option", { value: "" }, "—"), el("option", { value: "true" }, "Có / đạt"), el("option", { value: "false" }, "Không"));
    return s;
  }
  if (field === "date") return el("input", { name, type: "date" });
  return el("input", { name, inputmode: "decimal", placeholder: "0" });
}

function fieldInputs(code, shape, def) {
  const box = el("div", { class: "inputs" });
  const order = ["level", "met", "numerator", "denominator", "percent", "count", "points"];
  const rank = (f) => (order.includes(f) ? order.indexOf(f) : order.length);
  const fields = Object.entries(shape.properties || {}).sort((a, b) => rank(a[0]) - rank(b[0]));
  for (const [field, prop] of fields) {
    if (field === "note") continue;
    if (prop.type === "object" && prop.properties) {
      for (const [sub, p] of Object.entries(prop.properties)) {
        const lab = el("label", {}, `${field === "answers" ? "Phương án" : "Điều kiện"} ${sub}`);
        lab.append(input(`${code}|${field}.${sub}`, p, def, sub));
        box.append(lab);
      }
      continue;
    }
    const lab = el("label", {}, LABELS[field] || field);
    lab.append(input(`${code}|${field}`, prop, def, field));
    box.append(lab);
  }
  return box;
}

function leafRow(node, schema, ruleset) {
  const row = el("div", { class: "leaf", "data-code": node.code });
  row.append(el("span", { class: "code" }, node.code));
  row.append(el("span", { class: "title" }, node.title));
  row.append(el("span", { class: "points", "data-points": node.code }, `– / ${vn(node.max)}`));
  const hint = `Tối đa ${vn(node.max)} điểm` + (node.evidence ? ` · Tài liệu: ${node.evidence}` : "");
  row.append(el("span", { class: "hint" }, hint));
  row.append(fieldInputs(node.code, shapeOf(schema), findDef(ruleset, node.code)));
  row.append(el("span", { class: "working", "data-working": node.code }));
  return row;
}

function buildForm(detail) {
  const form = $("#form");
  form.replaceChildren();
  const leafSchemas = detail.evidence_schema.properties.evidence.properties;
  let fs = null;
  for (const node of detail.nodes) {
    if (node.depth === 1) {
      fs = el("fieldset");
      fs.append(el("legend", {}, `${node.code}. ${node.title} (tối đa ${vn(node.max)})`));
      form.append(fs);
    }
    if (node.kind) fs.append(leafRow(node, leafSchemas[node.code], detail.ruleset));
    else if (node.depth > 1) fs.append(el("div", { class: "group" }, `${node.code} ${node.title}`));
  }
}

function fieldValue(inp) {
  if (inp.dataset.bool) return inp.value === "true";
  return inp.value.trim();
}

function leafEvidence(code) {
  const value = {};
  let any = false;
  for (const inp of document.querySelectorAll(`[name^="${CSS.escape(code)}|"]`)) {
    const path = inp.name.split("|")[1].split(".");
    const filled = inp.value !== "";
    any = any || filled;
    if (path.length === 2) {
      value[path[0]] = value[path[0]] || {};
      if (filled || inp.dataset.bool) value[path[0]][path[1]] = filled ? fieldValue(inp) : false;
    } else if (filled) value[path[0]] = fieldValue(inp);
  }
  return any ? value : null;
}

function evidence() {
  const period = { year: Number($("#year").value) };
  if ($("#quarter").value) period.quarter = Number($("#quarter").value);
  const ev = {};
  for (const node of current.detail.nodes.filter((n) => n.kind)) {
    const v = leafEvidence(node.code);
    if (v) ev[node.code] = v;
  }
  return {
    unit: { name: $("#unit-name").value || "Đơn vị", level: current.detail.summary.level },
    period, ruleset: current.id, evidence: ev,
  };
}

function showCard(card) {
  lastCard = card;
  $("#total").textContent = vn(card.total.points);
  $("#max").textContent = vn(card.total.max);
  $("#index").textContent = card.total.index == null ? "–" : `${vn(card.total.index)}%`;
  $("#class").textContent = card.classification ? `${card.classification.label} (${card.classification.name || ""})` : "–";
  $("#provisional").textContent = card.provisional ? "Kết quả tạm tính (chưa đủ năm)" : "";
  const body = $("#areas tbody");
  body.replaceChildren();
  for (const n of card.nodes) {
    if (n.leaf) {
      const p = document.querySelector(`[data-points="${CSS.escape(n.code)}"]`);
      if (p) p.textContent = `${vn(n.score.points)} / ${vn(n.score.max)}`;
      const w = document.querySelector(`[data-working="${CSS.escape(n.code)}"]`);
      if (w) w.textContent = n.leaf.explanation || "";
    }
    if (n.depth === 1) {
      const tr = el("tr");
      tr.append(el("td", {}, `${n.code}. ${n.title}`), el("td", {}, vn(n.score.points)), el("td", {}, n.score.index == null ? "–" : vn(n.score.index)));
      body.append(tr);
    }
  }
}

function showErrors(err) {
  const list = $("#errors");
  list.replaceChildren();
  document.querySelectorAll(".leaf.bad").forEach((r) => r.classList.remove("bad"));
  if (!err) return;
  list.append(el("li", {}, err.message));
  for (const i of err.issues || []) {
    list.append(el("li", {}, `${i.path}: ${i.message}`));
    const m = /evidence\["([^"]+)"\]/.exec(i.path);
    const row = m && document.querySelector(`.leaf[data-code="${CSS.escape(m[1])}"]`);
    if (row) row.classList.add("bad");
  }
}

async function score() {
  const r = await fetch(`/score?set=${encodeURIComponent(current.id)}`, {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(evidence()),
  });
  const body = await r.json();
  if (r.ok) { showErrors(null); showCard(body); } else showErrors(body.error);
  document.body.dataset.scored = String(Number(document.body.dataset.scored || 0) + 1);
}

function scheduleScore() {
  clearTimeout(timer);
  timer = setTimeout(score, 150);
}

function save(name, type, text) {
  const a = el("a", { href: URL.createObjectURL(new Blob([text], { type })), download: name });
  document.body.append(a);
  a.click();
  a.remove();
}

async function download(kind) {
  const base = `${current.id}-${$("#year").value}`;
  const ev = JSON.stringify(evidence(), null, 2);
  if (kind === "evidence") return save(`${base}-evidence.json`, "application/json", ev);
  if (kind === "json") return save(`${base}-scorecard.json`, "application/json", JSON.stringify(lastCard, null, 2));
  const r = await fetch(`/score?set=${encodeURIComponent(current.id)}&format=${kind}`, { method: "POST", body: ev });
  const ext = kind === "csv" ? "csv" : "md";
  save(`${base}-scorecard.${ext}`, kind === "csv" ? "text/csv" : "text/markdown", await r.text());
}

async function pickSet(id) {
  const detail = await getJson(`/sets/${encodeURIComponent(id)}`);
  current = { id, detail };
  $("#year").value = detail.summary.to || detail.summary.from;
  buildForm(detail);
  await score();
}

async function start() {
  const { sets } = await getJson("/sets");
  const select = $("#set");
  for (const s of sets) select.append(el("option", { value: s.id }, `${s.id} — ${s.title}`));
  const wanted = new URLSearchParams(location.search).get("set");
  if (wanted) select.value = wanted;
  select.addEventListener("change", () => pickSet(select.value));
  for (const sel of ["#form", "header"]) {
    $(sel).addEventListener("input", (e) => { if (e.target.id !== "set") scheduleScore(); });
  }
  document.querySelectorAll("[data-download]").forEach((b) => b.addEventListener("click", () => download(b.dataset.download)));
  await pickSet(select.value);
  document.body.dataset.ready = "1";
}

start();
