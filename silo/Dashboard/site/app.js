// The dashboard: a page per hash route, each drawn from the API with the credential kept for this browser tab.
"use strict";
const main = document.getElementById("main");
const tokenKey = "samples.token";

function token() { return sessionStorage.getItem(tokenKey); }

async function api(path, { anonymous = false } = {}) {
  const headers = { Accept: "application/json" };
  if (!anonymous && token()) headers.Authorization = "Bearer " + token();
  const response = await fetch(path, { headers });
  if (!response.ok) {
    let detail = response.statusText;
    try { const p = await response.json(); detail = p.detail || p.title || detail; } catch { /* not JSON */ }
    const error = new Error(`${response.status} ${detail}`);
    error.status = response.status;
    throw error;
  }
  return response.json();
}

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attributes)) {
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (k === "style") Object.assign(node.style, v); // CSSOM: the Content-Security-Policy refuses style attributes
    else if (v !== undefined && v !== null) node.setAttribute(k, v);
  }
  for (const c of children.flat()) node.append(c instanceof Node ? c : document.createTextNode(c ?? ""));
  return node;
}

function table(headers, rows, rowClass) {
  return el("table", {},
    el("thead", {}, el("tr", {}, headers.map(h => el("th", {}, h)))),
    el("tbody", {}, rows.map(r => el("tr", { class: rowClass ? rowClass(r) : "" }, r.cells.map(c => el("td", {}, c))))));
}

function figure(label, value, id) {
  return el("div", { class: "figure" }, el("div", { class: "value", "data-testid": id }, String(value)), el("div", { class: "label" }, label));
}

function route() {
  const [page, query] = (location.hash.replace(/^#\//, "") || "progress").split("?");
  return { page, params: new URLSearchParams(query || "") };
}

// Pages that need no credential: the public results list (一公开).
const publicPages = new Set(["results"]);

async function render() {
  const { page, params } = route();
  document.querySelectorAll("nav a").forEach(a => a.classList.toggle("active", a.dataset.page === page));
  await renderWho();
  main.replaceChildren();
  if (!publicPages.has(page) && !token()) return renderLogin();
  if (token()) await renderCalendarNotice();
  try {
    await (pages[page] || pages.progress)(params);
  } catch (e) {
    if (e.status === 401) { sessionStorage.removeItem(tokenKey); return renderLogin("The credential was refused (401); paste a valid one."); }
    main.append(el("div", { class: "error", "data-testid": "error" }, e.message));
  }
}

async function renderWho() {
  const who = document.getElementById("who");
  who.replaceChildren();
  if (!token()) return;
  try {
    const me = await api("/api/whoami");
    who.append(`${me.name} · ${me.role}`, el("button", { onclick: () => { sessionStorage.removeItem(tokenKey); render(); } }, "退出 Log out"));
  } catch { /* the page says why */ }
}

// From 1 October, a missing next year of the working calendar is announced: deadlines that reach it are flagged.
async function renderCalendarNotice() {
  try {
    const calendar = await api("/api/calendar");
    if (calendar.notice) main.append(el("div", { class: "notice", role: "status", "data-testid": "calendar-notice" }, "工作日历 Working calendar: ", calendar.notice));
  } catch { /* the page itself says what is wrong */ }
}

function renderLogin(message) {
  const input = el("input", { type: "password", name: "token", placeholder: "smp_KEYID.SECRET", autocomplete: "off" });
  main.append(el("div", { class: "card" },
    el("h2", {}, "登录 Log in"),
    message ? el("p", { class: "error" }, message) : "",
    el("p", {}, "Paste your API credential (the command line's SAMPLES_TOKEN). It stays in this browser tab only."),
    el("form", { class: "inline", onsubmit: e => { e.preventDefault(); sessionStorage.setItem(tokenKey, input.value.trim()); render(); } },
      input, " ", el("button", { type: "submit" }, "登录 Log in")),
    el("p", {}, el("a", { href: "#/results" }, "一公开: the public results need no login"))));
}

async function plansFromDraws() {
  const index = await api("/api/public/draws", { anonymous: true });
  return [...new Set(index.map(d => d.drawId.split(":")[0]))].sort();
}

async function planPicker(params, page) {
  const plans = await plansFromDraws();
  const plan = params.get("plan") || plans[0] || "";
  const select = el("select", { name: "plan", onchange: e => { location.hash = `#/${page}?plan=${encodeURIComponent(e.target.value)}`; } },
    plans.map(p => el("option", p === plan ? { value: p, selected: "" } : { value: p }, p)));
  main.append(el("p", {}, "计划 Plan: ", select));
  return plan;
}

function bars(title, rows, id) {
  const width = 640, rowHeight = 22, label = 150, max = Math.max(1, ...rows.map(r => r.concluded));
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("width", width);
  svg.setAttribute("height", Math.max(1, rows.length) * rowHeight + 10);
  svg.setAttribute("data-testid", id);
  rows.forEach((r, i) => {
    const y = i * rowHeight + 4;
    const scale = (width - label - 60) / max;
    const add = (tag, attrs, text) => {
      const n = document.createElementNS("http://www.w3.org/2000/svg", tag);
      for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
      if (text !== undefined) n.textContent = text;
      svg.append(n);
    };
    add("text", { x: 0, y: y + 13 }, r.key);
    add("rect", { class: "bar", x: label, y, width: Math.max(1, r.concluded * scale), height: rowHeight - 6 });
    add("rect", { class: "bar failed", x: label, y, width: r.failed * scale, height: rowHeight - 6 });
    add("text", { x: label + r.concluded * scale + 6, y: y + 13, "data-key": r.key }, `${r.concluded}${r.failed ? ` (${r.failed} 不合格)` : ""}`);
  });
  return el("div", { class: "card" }, el("h2", {}, title), rows.length ? svg : el("p", { class: "muted" }, "No concluded batch yet."));
}

const pages = {
  async progress(params) {
    const plan = await planPicker(params, "progress");
    if (!plan) return main.append(el("p", {}, "No plan has a draw yet."));
    const p = await api(`/api/plans/${encodeURIComponent(plan)}/progress`);
    const share = p.goal ? Math.min(100, Math.round(100 * p.concluded / p.goal)) : 0;
    main.append(
      el("h2", {}, `目标进度 Progress toward the goal: ${plan}`),
      el("div", { class: "figures" },
        figure("已出结论批次 Batches concluded", p.concluded, "concluded"),
        figure("目标 Goal", p.goal, "goal"),
        figure("不合格 Failed", p.failed, "failed"),
        figure("预计完成 Goal reached on", p.pace.reachedOn || "—", "reached-on"),
        figure("重点监管企业覆盖 Key-supervised covered", `${p.coverage.keySupervisedCovered} / ${p.coverage.keySupervised}`, "key-covered"),
        figure("许可企业覆盖 Licensed covered", `${p.coverage.licensedCovered} / ${p.coverage.licensed}`, "licensed-covered")),
      el("div", { class: "card" }, el("div", { class: "goalbar", title: `${share}%` }, el("div", { style: { width: `${share}%` } })),
        el("p", { class: "muted" }, p.pace.perDay ? `Pace ${p.pace.perDay.toFixed(2)} a day (${p.pace.basis})` : "No pace yet: nothing concluded in the last 30 days.")),
      bars("按品类 By category", p.byCategory, "by-category"),
      bars("按地区 By region", p.byRegion, "by-region"),
      bars("按月份 By month", p.byMonth, "by-month"));
  },

  async overdue() {
    const rows = await api("/api/tasks/overdue");
    main.append(el("h2", {}, `逾期任务 Overdue tasks (${rows.length})`),
      rows.length === 0 ? el("p", { class: "ok", "data-testid": "overdue-none" }, "Nothing is overdue.") :
        table(["任务 Task", "阶段 Stage", "期限 Due", "责任方 Owner", "事项 What", "逾期 Overdue"],
          rows.map(r => ({ cells: [r.taskId, r.stage, r.dueOn || r.dueFlag || "", r.dueOwner || "", r.dueWhat || "", (r.overdue || []).join("; ")] })),
          () => "overdue"));
    main.querySelector("table")?.setAttribute("data-testid", "overdue-table");
  },

  async draws() {
    const index = await api("/api/public/draws", { anonymous: true });
    const rows = index.map(d => {
      const result = el("div", { "data-testid": `verify-${d.drawId}` });
      const button = d.step === "drawn"
        ? el("button", { "data-draw": d.drawId, onclick: () => verifyDraw(d, result) }, "在浏览器中验证 Verify here")
        : el("span", { class: "muted" }, "not drawn yet");
      return { cells: [d.drawId, d.step, d.committedAt, d.revealedAt || "", d.outsideEntropy ? "yes" : "no", d.late ? "late" : "", el("div", {}, button, result)] };
    });
    main.append(el("h2", {}, `抽取 Draws (${index.length})`),
      el("p", { class: "muted" }, "Verification runs in this browser from the public bundle and frames: the server is not asked whether its draw was right."),
      table(["抽取 Draw", "Step", "Committed", "Revealed", "Outside entropy", "Late", "验证 Verification"], rows));
  },

  async fairness(params) {
    const plan = await planPicker(params, "fairness");
    if (!plan) return main.append(el("p", {}, "No plan has a draw yet."));
    const r = await api(`/api/plans/${encodeURIComponent(plan)}/fairness`);
    const test = (name, t) => ({ cells: [name, String(t.rounds), t.statistic.toFixed(2), t.degreesOfFreedom.toFixed(1), t.pValue.toFixed(4), String(t.cellsTested), String(t.smallExpected)] });
    main.append(el("h2", {}, `公平性 Fairness report: ${plan}`),
      table(["抽取 Draw", "Date", "Status", "Problems", "First problem", "Contributions"],
        r.draws.map(d => ({ cells: [d.drawId, d.drawDate, d.status, String(d.problems), d.firstProblem || "", String(d.contributions)] }))),
      el("h2", {}, "选择检验 Selection tests (chi-square)"),
      table(["Test", "Rounds", "Statistic", "df", "p-value", "Cells", "Small expected"],
        [test("Enterprises 企业", r.enterprises), test("Inspector seats 检查人员席位", r.inspectors), test("Stream emissions 抽取流", r.inspectorEmissions)]),
      el("h2", {}, "分层 Strata"),
      table(["Stratum", "Rounds", "Members", "Expected", "Selected", "Alternates used"],
        r.strata.map(s => ({ cells: [s.stratum, String(s.rounds), String(s.lastMembers), String(s.expected), String(s.selected), String(s.alternatesUsed)] }))));
    main.querySelectorAll("table")[1]?.setAttribute("data-testid", "fairness-tests");
  },

  async results() {
    const rows = await api("/api/results", { anonymous: true });
    main.append(el("h2", {}, `抽查结果公示 Public results (一公开) (${rows.length})`),
      el("p", { class: "muted" }, "Published within 20 working days of the conclusion (企业信息公示暂行条例 Art 6); a late publication is marked."),
      rows.length === 0 ? el("p", { "data-testid": "results-none" }, "No result has been published yet.") :
        table(["公示日期 Published", "企业 Enterprise (USCC)", "品类 Category", "地区 Region", "批次 Batch", "结论 Outcome", "逾期公示 Late"],
          rows.map(r => ({ cells: [r.publishedOn, r.enterprise, r.category, r.region, r.batchId || "", r.outcome === "pass" ? "合格 pass" : r.outcome === "fail" ? "不合格 fail" : (r.outcome || ""), r.late ? "late 逾期" : ""] }))));
    main.querySelector("table")?.setAttribute("data-testid", "results-table");
  },
};

async function verifyDraw(entry, into) {
  into.replaceChildren(el("span", { class: "muted" }, "checking…"));
  try {
    const bundle = await api(`/api/public/draws/${encodeURIComponent(entry.drawId)}/bundle`, { anonymous: true });
    let targets = bundle.frames && bundle.frames.targets;
    if (targets == null) {
      const response = await fetch(`/api/public/draws/${encodeURIComponent(entry.drawId)}/frames/targets.csv`);
      targets = response.ok ? await response.text() : null;
    }
    await new Promise(r => setTimeout(r)); // let "checking…" show before the hashing starts
    const checks = DrawCheck.run(bundle, targets, entry);
    const failed = checks.filter(c => c.ok === false).length;
    into.replaceChildren(
      el("div", { class: failed ? "bad" : "ok", "data-testid": "verdict" }, failed ? `✗ ${failed} check(s) failed` : "✓ verified in this browser"),
      el("ul", { class: "checks" }, checks.map(c => el("li", {}, c.ok === null ? "· " : c.ok ? "✓ " : "✗ ", el("b", {}, c.name), ": ", c.detail || ""))));
  } catch (e) {
    into.replaceChildren(el("div", { class: "bad" }, e.message));
  }
}

window.addEventListener("hashchange", render);
render();
