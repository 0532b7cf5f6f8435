// The explorer page: reads the embedded data and draws every view. Data text only ever reaches
// the page as text (textContent, text nodes, canvas labels), never as HTML; links only as
// http(s) addresses. Routing is the URL's hash: "#model:qwen2-5" opens a card, "#papers" a view.
"use strict";
(function () {
  const D = JSON.parse(document.getElementById("atlas-data").textContent);
  const N = D.nodes;
  const kindOf = (i) => D.kinds[N[i].k];
  const keyOf = (i) => kindOf(i) + ":" + N[i].id;
  const byKey = new Map(N.map((_, i) => [keyOf(i), i]));
  const kindIndex = (name) => D.kinds.indexOf(name);
  const rel = (name) => D.relations.findIndex((r) => r[0] === name);

  // Adjacency in edge order: out[i] and inc[i] hold [relation, node] pairs.
  const out = N.map(() => []), inc = N.map(() => []);
  for (let e = 0; e < D.edges.length; e += 3) {
    const [s, r, t] = [D.edges[e], D.edges[e + 1], D.edges[e + 2]];
    out[s].push([r, t]);
    inc[t].push([r, s]);
  }
  const targets = (i, relation) => out[i].filter(([r]) => r === relation).map(([, m]) => m);
  const sources = (i, relation) => inc[i].filter(([r]) => r === relation).map(([, m]) => m);

  // ---- DOM helpers: children are nodes or strings, and strings become text nodes.
  function el(tag, props, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (k === "text") e.textContent = v;
      else if (k === "class") e.className = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else if (v !== null && v !== undefined && v !== false) e.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c);
    return e;
  }
  const $ = (id) => document.getElementById(id);
  // A link to an entry's card.
  const entryLink = (i) => el("a", { href: "#" + keyOf(i), text: N[i].n });
  // A link out, for web addresses only.
  function webLink(url, label) {
    let u;
    try { u = new URL(url); } catch (_) { return el("span", { text: url }); }
    if (u.protocol !== "http:" && u.protocol !== "https:") return el("span", { text: url });
    return el("a", { href: u.href, rel: "noopener noreferrer", target: "_blank", text: label });
  }
  const swatch = (colour) => { const s = el("span", { class: "swatch", "aria-hidden": "true" }); s.style.background = colour; return s; };
  const month = (m) => Math.floor(m / 12) + "-" + String((m % 12) + 1).padStart(2, "0");
  const attr = (i, name) => N[i].a[name];
  // Month ticks on whole steps of the calendar (every 6 months: January and July), fewer than 10.
  function monthTicks(scale) {
    const step = [1, 2, 3, 6, 12, 24, 60].find((s) => (scale.max - scale.min) / s < 10) || 120;
    const ticks = [];
    for (let m = Math.ceil(scale.min / step) * step; m <= scale.max; m += step) ticks.push({ value: m });
    scale.ticks = ticks;
  }
  const names = (list) => list.map((m) => N[m].n).join(", ");

  // ---- Search: the CLI's name keys (exported per entry) and Fuse.js for small typos.
  // The query gets the same key as names do: letters and digits only, lower case (model::name_key).
  const nameKey = (s) => Array.from(s).filter((c) => /[\p{Alphabetic}\p{N}]/u.test(c)).join("").toLowerCase();
  const exact = new Map();
  N.forEach((n, i) => n.s.forEach((k, j) => {
    if (!exact.has(k)) exact.set(k, []);
    exact.get(k).push([i, j === 0 ? 0 : 1]);
  }));
  const docs = N.map((n, i) => ({ i, s: n.s, t: String(n.a.title || "") }));
  const fuseKeys = new Fuse(docs, { keys: ["s"], includeScore: true, threshold: 0.34, ignoreLocation: true });
  const fuseTitles = new Fuse(docs, { keys: ["t"], includeScore: true, threshold: 0.3, ignoreLocation: true, minMatchCharLength: 3 });
  function search(q) {
    const key = nameKey(q);
    if (!key) return [];
    const best = new Map();
    const add = (i, score) => { if (!best.has(i) || best.get(i) > score) best.set(i, score); };
    if (byKey.has(q.trim())) add(byKey.get(q.trim()), -3);
    (exact.get(key) || []).forEach(([i, secondary]) => add(i, secondary ? -1 : -2));
    fuseKeys.search(key, { limit: 30 }).forEach((r) => add(r.item.i, r.score));
    if (q.trim().length >= 3) fuseTitles.search(q.trim(), { limit: 30 }).forEach((r) => add(r.item.i, r.score + 0.05));
    return [...best.entries()].sort((a, b) => a[1] - b[1] || a[0] - b[0]).slice(0, 12).map(([i]) => i);
  }
  window.edgeAtlasSearch = search;

  const q = $("q"), results = $("results");
  let active = -1, shown = [];
  function closeResults() { results.hidden = true; q.setAttribute("aria-expanded", "false"); q.removeAttribute("aria-activedescendant"); active = -1; }
  function setActive(k) {
    active = k;
    [...results.children].forEach((li, j) => li.setAttribute("aria-selected", j === k ? "true" : "false"));
    if (k >= 0) { q.setAttribute("aria-activedescendant", "r-" + k); results.children[k].scrollIntoView({ block: "nearest" }); }
  }
  function open(i) { closeResults(); q.value = ""; location.hash = keyOf(i); }
  function renderResults() {
    shown = search(q.value);
    results.replaceChildren(...shown.map((i, k) => el("li", { id: "r-" + k, role: "option", "aria-selected": "false", onclick: () => open(i) },
      swatch(N[i].c), el("span", { text: N[i].n }), el("span", { class: "kind", text: kindOf(i) }),
      N[i].a.title && N[i].a.title !== N[i].n ? el("span", { class: "sub", text: N[i].a.title }) : null)));
    if (!shown.length && q.value.trim()) results.append(el("li", { role: "option", "aria-disabled": "true", text: "No entry matches" }));
    results.hidden = !q.value.trim();
    q.setAttribute("aria-expanded", String(!results.hidden));
    setActive(shown.length ? 0 : -1);
  }
  let timer = 0;
  q.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(renderResults, N.length > 3000 ? 120 : 30); });
  q.addEventListener("keydown", (ev) => {
    if (ev.key === "ArrowDown" && shown.length) { ev.preventDefault(); setActive((active + 1) % shown.length); }
    else if (ev.key === "ArrowUp" && shown.length) { ev.preventDefault(); setActive((active - 1 + shown.length) % shown.length); }
    else if (ev.key === "Enter") { clearTimeout(timer); if (results.hidden) renderResults(); if (shown.length) open(shown[Math.max(active, 0)]); }
    else if (ev.key === "Escape") closeResults();
  });
  q.addEventListener("blur", () => setTimeout(closeResults, 150));
  document.addEventListener("keydown", (ev) => {
    if (ev.key === "/" && document.activeElement !== q && !/INPUT|SELECT|TEXTAREA/.test(document.activeElement.tagName)) { ev.preventDefault(); q.focus(); }
  });

  // ---- The emergence timeline.
  const T = D.timeline;
  const rMul = 0.62; // the figure is 2100 px wide; the page's plot is about 1300
  const edgeClass = (i) => ({ yes: "yes", devices: "yes", unknown: "unknown", no: "no" })[attr(i, "edge")] || "no";
  const orgName = (o) => (o >= 0 ? N[o].n : "no organisation");
  let timeline = null;
  function timelineData() {
    const org = $("f-org").value, family = $("f-family").value;
    const edges = { yes: $("f-edge-yes").checked, unknown: $("f-edge-unknown").checked, no: $("f-edge-no").checked };
    const groups = new Map();
    const listed = [];
    for (const [i, m, sizes, radii, home, labels] of T.dots) {
      if (!edges[edgeClass(i)]) continue;
      if (org !== "" && !targets(i, rel("released_by")).includes(+org)) continue;
      if (family !== "" && !targets(i, rel("member_of")).includes(+family)) continue;
      if (!groups.has(home)) groups.set(home, []);
      sizes.forEach((p, j) => groups.get(home).push({ x: m, y: p, r: radii[j] * rMul, i, size: labels[j] }));
      listed.push(i);
    }
    const datasets = [...groups.entries()].sort((a, b) => orgName(a[0]).localeCompare(orgName(b[0]))).map(([home, data]) => {
      const colour = home >= 0 ? N[home].c : "#9aa5b1";
      return {
        label: orgName(home), data, borderColor: colour, borderWidth: 1.5,
        backgroundColor: (ctx) => (ctx.raw && edgeClass(ctx.raw.i) === "unknown" ? "rgba(255,255,255,0)" : ctx.raw && edgeClass(ctx.raw.i) === "no" ? colour + "55" : colour + "cc"),
      };
    });
    return { datasets, listed };
  }
  function drawTimeline() {
    const { datasets, listed } = timelineData();
    const count = datasets.reduce((n, d) => n + d.data.length, 0);
    $("timeline-count").textContent = count + " dots, " + listed.length + " releases";
    $("timeline-list").replaceChildren(...listed.slice().sort((a, b) => N[a].n.localeCompare(N[b].n)).slice(0, 2000)
      .map((i) => el("li", {}, entryLink(i), " ", el("span", { class: "kind", text: String(attr(i, "released") || "") }))));
    if (timeline) { timeline.data.datasets = datasets; timeline.update("none"); return; }
    const months = T.dots.map((d) => d[1]);
    const [lo, hi] = [Math.min(...months) - 2, Math.max(...months) + 2];
    const sizes = T.dots.flatMap((d) => d[2]);
    const tickLabel = new Map(T.ticks.map(([v, l]) => [v, l]));
    timeline = new Chart($("timeline"), {
      type: "bubble",
      data: { datasets },
      options: {
        animation: false, maintainAspectRatio: false, responsive: true,
        interaction: { mode: "nearest", intersect: true },
        scales: {
          x: { type: "linear", min: T.since !== null ? Math.max(lo, T.since - 2) : lo, max: hi, afterBuildTicks: monthTicks, ticks: { callback: (v) => month(v), maxRotation: 0 }, title: { display: true, text: "release month" } },
          y: {
            type: "logarithmic", min: Math.min(...sizes) * 0.6, max: Math.max(...sizes) * 1.6,
            afterBuildTicks: (scale) => { scale.ticks = T.ticks.map(([v]) => ({ value: v })); },
            ticks: { callback: (v) => tickLabel.get(v) || "" }, title: { display: true, text: "parameters" },
          },
        },
        plugins: {
          legend: { position: "bottom", labels: { boxWidth: 10, usePointStyle: true } },
          tooltip: {
            callbacks: {
              title: (items) => N[items[0].raw.i].n,
              label: (item) => {
                const i = item.raw.i;
                const lines = ["this dot: " + item.raw.size + " parameters", "organisation: " + (names(targets(i, rel("released_by"))) || "—"), "sizes: " + (attr(i, "sizes") || ""), "released: " + (attr(i, "released") || "")];
                const fam = targets(i, rel("member_of"));
                if (fam.length) lines.push("family: " + names(fam));
                if (edgeClass(i) !== "yes") lines.push("edge: " + attr(i, "edge"));
                (N[i].u || []).forEach(([t, url]) => { try { lines.push(D.links[t] + ": " + new URL(url).host); } catch (_) { /* not shown */ } });
                return lines;
              },
            },
          },
          zoom: {
            limits: { x: { min: lo, max: hi, minRange: 3 } },
            zoom: { wheel: { enabled: true }, drag: { enabled: true, threshold: 8 }, mode: "x" },
            pan: { enabled: false, mode: "x" },
          },
        },
        onClick: (_, elements) => { if (elements.length) { const d = timeline.data.datasets[elements[0].datasetIndex].data[elements[0].index]; location.hash = keyOf(d.i); } },
        onHover: (ev, elements) => { ev.native.target.style.cursor = elements.length ? "pointer" : "default"; },
      },
    });
  }
  function setUpTimeline() {
    const released = new Set(T.dots.map((d) => d[0]));
    const orgs = new Set(), families = new Set();
    released.forEach((i) => { targets(i, rel("released_by")).forEach((o) => orgs.add(o)); targets(i, rel("member_of")).forEach((f) => families.add(f)); });
    const options = (set) => [...set].sort((a, b) => N[a].n.localeCompare(N[b].n)).map((i) => el("option", { value: String(i), text: N[i].n }));
    $("f-org").append(...options(orgs));
    $("f-family").append(...options(families));
    for (const id of ["f-org", "f-family", "f-edge-yes", "f-edge-unknown", "f-edge-no"]) $(id).addEventListener("change", drawTimeline);
    $("z-in").addEventListener("click", () => timeline.zoom(1.25));
    $("z-out").addEventListener("click", () => timeline.zoom(0.8));
    $("z-left").addEventListener("click", () => timeline.pan({ x: 120 }, undefined, "none"));
    $("z-right").addEventListener("click", () => timeline.pan({ x: -120 }, undefined, "none"));
    $("z-reset").addEventListener("click", () => timeline.resetZoom());
    drawTimeline();
  }

  // ---- Tables: sortable headers; cell values are text, numbers or nodes.
  function table(target, columns, rows, limit) {
    let sortBy = -1, dir = 1;
    const render = () => {
      const sorted = rows.slice();
      if (sortBy >= 0) {
        const key = columns[sortBy].sort;
        sorted.sort((a, b) => { const x = key(a), y = key(b); return (x === "" || x === undefined) - (y === "" || y === undefined) || (x < y ? -dir : x > y ? dir : 0); });
      }
      const head = el("tr", {}, columns.map((c, k) => el("th", { scope: "col", "aria-sort": k === sortBy ? (dir > 0 ? "ascending" : "descending") : null },
        c.sort ? el("button", { type: "button", onclick: () => { dir = sortBy === k ? -dir : 1; sortBy = k; render(); } }, c.title, k === sortBy ? (dir > 0 ? " ▲" : " ▼") : "") : c.title)));
      const body = sorted.slice(0, limit).map((r) => el("tr", {}, columns.map((c) => { const v = c.cell(r); return el("td", { class: c.num ? "num" : null }, v); })));
      const more = sorted.length > limit ? [el("tr", {}, el("td", { colspan: String(columns.length), text: "… and " + (sorted.length - limit) + " more: filter to narrow." }))] : [];
      target.replaceChildren(el("thead", {}, head), el("tbody", {}, body, more));
    };
    render();
  }
  const linksTo = (list) => list.flatMap((m, k) => (k ? [", ", entryLink(m)] : [entryLink(m)]));
  const text = (v) => (v === undefined || v === null ? "" : String(v));
  const ofKind = (kind) => N.map((_, i) => i).filter((i) => N[i].k === kindIndex(kind));

  function setUpPapers() {
    const techniques = ofKind("technique");
    const sub = rel("subtopic_of"), covers = rel("covers");
    const byNumber = (a, b) => text(attr(a, "number")).localeCompare(text(attr(b, "number")), undefined, { numeric: true }) || N[a].n.localeCompare(N[b].n);
    const depth = (t) => { let d = 0; for (let p = targets(t, sub)[0]; p !== undefined && d < 20; p = targets(p, sub)[0]) d++; return d; };
    $("p-section").append(...techniques.sort(byNumber).map((t) => el("option", { value: String(t), text: "\u00a0\u00a0".repeat(depth(t)) + text(attr(t, "number")) + " " + N[t].n })));
    const below = (t) => { const all = new Set([t]); const stack = [t]; while (stack.length) sources(stack.pop(), sub).forEach((c) => { if (!all.has(c)) { all.add(c); stack.push(c); } }); return all; };
    const draw = () => {
      const section = $("p-section").value, needle = $("p-text").value.trim().toLowerCase();
      const within = section === "" ? null : below(+section);
      const rows = ofKind("paper").filter((p) => (!within || targets(p, covers).some((t) => within.has(t)))
        && (!needle || [N[p].n, attr(p, "title"), attr(p, "venue")].some((v) => text(v).toLowerCase().includes(needle))));
      $("p-count").textContent = rows.length + " papers";
      table($("p-table"), [
        { title: "Title", cell: (p) => entryLink(p), sort: (p) => text(attr(p, "title") || N[p].n).toLowerCase() },
        { title: "Venue", cell: (p) => text(attr(p, "venue")), sort: (p) => text(attr(p, "venue")).toLowerCase() },
        { title: "Date", cell: (p) => text(attr(p, "published")), sort: (p) => text(attr(p, "published")) },
        { title: "Sections", cell: (p) => linksTo(targets(p, covers)) },
        { title: "Framework", cell: (p) => linksTo(targets(p, rel("implements"))) },
      ], rows, 1000);
    };
    $("p-section").addEventListener("change", draw);
    $("p-text").addEventListener("input", draw);
    draw();
  }

  let topsChart = null;
  function setUpChips() {
    const chips = ofKind("chip");
    table($("c-table"), [
      { title: "Chip", cell: (c) => entryLink(c), sort: (c) => N[c].n.toLowerCase() },
      { title: "Vendor", cell: (c) => linksTo(targets(c, rel("made_by"))), sort: (c) => names(targets(c, rel("made_by"))).toLowerCase() },
      { title: "Line", cell: (c) => text(attr(c, "line")), sort: (c) => text(attr(c, "line")) },
      { title: "TOPS", num: true, cell: (c) => (attr(c, "tops") === undefined ? "" : attr(c, "tops_min") !== attr(c, "tops") ? attr(c, "tops_min") + "–" + attr(c, "tops") : String(attr(c, "tops"))), sort: (c) => (attr(c, "tops") === undefined ? "" : attr(c, "tops")) },
      { title: "Memory", cell: (c) => text(attr(c, "memory")) },
      { title: "Released", cell: (c) => text(attr(c, "released")), sort: (c) => text(attr(c, "released")) },
      { title: "Devices", cell: (c) => linksTo(targets(c, rel("ships_in"))) },
    ], chips, 1000);
    // The TOPS chart: one line per product line, in the figure's colours; ranges as bars.
    const lines = new Map();
    const lineColour = new Map(D.chip_lines);
    for (const c of chips) {
      const r = attr(c, "released"), t = attr(c, "tops");
      if (!r || t === undefined || !/^\d{4}-\d{2}$/.test(r)) continue;
      const key = text(attr(c, "line")) || N[c].n;
      if (!lines.has(key)) lines.set(key, { colour: lineColour.get(key) || N[c].c, points: [] });
      const m = +r.slice(0, 4) * 12 + +r.slice(5) - 1;
      lines.get(key).points.push({ x: m, y: t, low: attr(c, "tops_min"), i: c });
    }
    const datasets = [...lines.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([label, l]) => ({
      label, data: l.points.sort((a, b) => a.x - b.x), borderColor: l.colour, backgroundColor: l.colour, showLine: true, pointRadius: 4, borderWidth: 2,
    }));
    topsChart = new Chart($("tops"), {
      type: "scatter", data: { datasets },
      options: {
        animation: false, maintainAspectRatio: false,
        scales: { x: { type: "linear", afterBuildTicks: monthTicks, ticks: { callback: (v) => month(v), maxRotation: 0 }, title: { display: true, text: "release month" } }, y: { beginAtZero: true, title: { display: true, text: "peak TOPS" } } },
        plugins: {
          legend: { position: "bottom", labels: { boxWidth: 10 } },
          tooltip: { callbacks: { title: (items) => N[items[0].raw.i].n, label: (it) => (it.raw.low !== it.raw.y ? it.raw.low + "–" : "") + it.raw.y + " TOPS, " + month(it.raw.x) } },
          zoom: { zoom: { wheel: { enabled: true }, mode: "x" } },
        },
        onClick: (_, e) => { if (e.length) location.hash = keyOf(topsChart.data.datasets[e[0].datasetIndex].data[e[0].index].i); },
      },
      plugins: [{
        id: "ranges",
        afterDatasetsDraw: (chart) => {
          const ctx = chart.ctx, x = chart.scales.x, y = chart.scales.y;
          chart.data.datasets.forEach((d, k) => {
            if (!chart.isDatasetVisible(k)) return;
            ctx.save(); ctx.strokeStyle = d.borderColor; ctx.lineWidth = 5; ctx.globalAlpha = 0.5;
            d.data.filter((p) => p.low !== undefined && p.low !== p.y).forEach((p) => { ctx.beginPath(); ctx.moveTo(x.getPixelForValue(p.x), y.getPixelForValue(p.low)); ctx.lineTo(x.getPixelForValue(p.x), y.getPixelForValue(p.y)); ctx.stroke(); });
            ctx.restore();
          });
        },
      }],
    });
  }

  function setUpFrameworks() {
    const yes = (v) => (v ? "yes" : "no");
    table($("fw-table"), [
      { title: "Framework", cell: (f) => entryLink(f), sort: (f) => N[f].n.toLowerCase() },
      { title: "Organisation", cell: (f) => linksTo(targets(f, rel("released_by"))) },
      { title: "Open source", cell: (f) => yes(attr(f, "open_source")), sort: (f) => yes(attr(f, "open_source")) },
      { title: "Vendor SDK", cell: (f) => yes(attr(f, "vendor_sdk")), sort: (f) => yes(attr(f, "vendor_sdk")) },
      { title: "Backends", cell: (f) => linksTo(targets(f, rel("uses_backend"))), sort: (f) => targets(f, rel("uses_backend")).length },
      { title: "Targets", cell: (f) => linksTo(targets(f, rel("targets"))), sort: (f) => targets(f, rel("targets")).length },
      { title: "Supports", num: true, cell: (f) => String(targets(f, rel("supports")).length), sort: (f) => targets(f, rel("supports")).length },
    ], ofKind("framework"), 1000);
  }

  function setUpFormats() {
    const formats = ofKind("format");
    const props = ["safe", "zero_copy", "lazy_loading", "no_file_size_limit", "layout_control", "flexibility", "bf16_fp8"];
    const mark = { yes: "✔ yes", no: "✗ no", partial: "~ partial", unknown: "? unknown" };
    table($("fmt-table"), [
      { title: "Format", cell: (f) => entryLink(f), sort: (f) => N[f].n.toLowerCase() },
      { title: "Organisation", cell: (f) => linksTo(targets(f, rel("released_by"))) },
      ...props.map((p) => ({ title: p.replace(/_/g, " "), cell: (f) => mark[attr(f, p)] || text(attr(f, p)), sort: (f) => text(attr(f, p)) })),
    ], formats, 1000);
  }

  // ---- The entry card.
  function card(i) {
    const n = N[i];
    // max_params repeats params; tops_min is the low end of the TOPS range.
    const visible = Object.entries(n.a).filter(([k]) => k !== "max_params" && k !== "tops_min")
      .map(([k, v]) => [k, k === "tops" && n.a.tops_min !== undefined && n.a.tops_min !== v ? n.a.tops_min + "–" + v : v]);
    const attrs = visible.flatMap(([k, v]) => [el("dt", { text: k.replace(/_/g, " ") }), el("dd", { text: typeof v === "boolean" ? (v ? "yes" : "no") : String(v) })]);
    const groups = [];
    for (const [list, side] of [[out[i], 0], [inc[i], 1]]) {
      D.relations.forEach((labels, r) => {
        const members = list.filter(([x]) => x === r).map(([, m]) => m);
        if (members.length) groups.push(el("section", {}, el("h3", { text: labels[side].replace(/_/g, " ") + " (" + members.length + ")" }),
          el("ul", {}, members.slice(0, 500).map((m) => el("li", {}, entryLink(m), " ", el("span", { class: "kind", text: kindOf(m) }))),
            members.length > 500 ? el("li", { text: "… and " + (members.length - 500) + " more" }) : null)));
      });
    }
    const related = (n.r || []).map(([m, score, parts]) => el("li", {}, entryLink(m), " ", el("span", { class: "kind", text: kindOf(m) + " · " + score.toFixed(3) }), el("br"),
      el("span", { class: "reason", text: parts.map((k) => D.reasons[k]).join("; ") })));
    $("card").replaceChildren(...[
      el("div", { class: "card-head" }, swatch(n.c), el("h1", { id: "card-title", tabindex: "-1", text: n.n }), el("span", { class: "kind", text: keyOf(i) })),
      attrs.length ? el("dl", { class: "attrs" }, attrs) : null,
      (n.u || []).length ? el("ul", { class: "links", "aria-label": "Links" }, n.u.map(([t, url]) => el("li", {}, webLink(url, D.links[t] + " ↗")))) : null,
      groups.length ? el("h2", { text: "Relations" }) : null,
      el("div", { class: "relations" }, groups),
      related.length ? el("h2", { text: "Related entries" }) : null,
      related.length ? el("ol", { class: "related", "aria-label": "Related entries" }, related) : null,
    ].filter(Boolean));
    document.title = n.n + " · edge-atlas";
  }

  // ---- The neighbourhood graph of the open entry, as a radial tree: the entry in the middle,
  // its neighbours on a ring, each in a sector as wide as its share of the second ring, whose
  // nodes sit in their parent's sector. d3-force then only moves nodes apart where labels
  // collide. Drawn as SVG: labels are text nodes, nodes are links to their cards.
  const GRAPH_MAX = 80;
  const SVG = "http://www.w3.org/2000/svg";
  const svg = (tag, attrs) => { const e = document.createElementNS(SVG, tag); for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v); return e; };
  let graphOf = -1;
  function neighbourhood(i) {
    const hops = +document.querySelector("input[name=hops]:checked").value;
    const dist = new Map([[i, 0]]);
    const children = new Map([[i, []]]);
    let frontier = [i], total = 0;
    for (let h = 1; h <= hops; h++) {
      const next = [];
      for (const j of frontier) for (const [, m] of out[j].concat(inc[j])) {
        if (dist.has(m)) continue;
        total++;
        if (dist.size < GRAPH_MAX) { dist.set(m, h); children.get(j).push(m); children.set(m, []); next.push(m); }
      }
      frontier = next;
    }
    const shown = dist.size - 1;
    $("graph-note").textContent = shown + " neighbours" + (total > shown ? " of " + total + " (the first in relation order)" : "") + ". Each node opens its card.";
    // Laid out in a circle, then stretched to the wide box: rings become ellipses.
    const W = 960, H = hops === 2 ? 760 : 520, R = H / 2 - 40, stretch = (W / 2 - 90) / R;
    const ring = (hop) => (hop * R) / hops;
    const nodes = [...dist.keys()].map((j) => ({ j, hop: dist.get(j), label: N[j].n.length > 26 ? N[j].n.slice(0, 25) + "…" : N[j].n }));
    const index = new Map(nodes.map((d, k) => [d.j, k]));
    const place = (j, angle) => { const d = nodes[index.get(j)]; d.x = ring(d.hop) * Math.cos(angle); d.y = ring(d.hop) * Math.sin(angle); };
    place(i, 0);
    const first = children.get(i);
    const weight = (j) => Math.max(1, children.get(j).length);
    const sum = first.reduce((n, j) => n + weight(j), 0);
    let at = -Math.PI / 2;
    for (const j of first) {
      const sector = (2 * Math.PI * weight(j)) / sum;
      place(j, at + sector / 2);
      children.get(j).forEach((m, k, all) => place(m, at + ((k + 0.5) * sector) / all.length));
      at += sector;
    }
    nodes[0].fx = 0; nodes[0].fy = 0;
    d3.forceSimulation(nodes)
      .alpha(0.3)
      .force("radial", d3.forceRadial((d) => ring(d.hop), 0, 0).strength(0.6))
      .force("collide", d3.forceCollide((d) => (d.hop === 0 ? 40 : 8 + d.label.length * 1.4)).strength(0.7))
      .stop()
      .tick(120);
    nodes.forEach((d) => { d.x *= stretch; });
    const links = [];
    for (const d of nodes) for (const [r, m] of out[d.j]) if (index.has(m) && m !== d.j) links.push({ source: d, target: nodes[index.get(m)], r });
    const root = svg("svg", { viewBox: [-W / 2, -H / 2, W, H].join(" "), width: "100%", "aria-label": "Neighbourhood of " + N[i].n });
    const fit = (v, lim) => Math.max(-lim, Math.min(lim, v));
    nodes.forEach((d) => { d.x = fit(d.x, W / 2 - 70); d.y = fit(d.y, H / 2 - 24); });
    for (let h = 1; h <= hops; h++) root.append(svg("ellipse", { cx: 0, cy: 0, rx: ring(h) * stretch, ry: ring(h), fill: "none", stroke: "#e4e8ec", "stroke-dasharray": "4 4" }));
    for (const l of links) {
      const line = svg("line", { x1: l.source.x, y1: l.source.y, x2: l.target.x, y2: l.target.y, stroke: "#aab3bd", "stroke-width": 1 });
      const title = svg("title"); title.textContent = N[l.source.j].n + " " + D.relations[l.r][0] + " " + N[l.target.j].n; line.append(title);
      root.append(line);
    }
    for (const d of nodes) {
      const a = svg("a", { href: "#" + keyOf(d.j), class: "gnode" });
      const title = svg("title"); title.textContent = N[d.j].n + " (" + kindOf(d.j) + ")";
      const r = d.hop === 0 ? 11 : 7;
      const label = svg("text", { x: d.x, y: d.y + r + 11, "text-anchor": "middle", "font-size": d.hop === 0 ? 14 : 11, "font-weight": d.hop === 0 ? "bold" : "normal", fill: "#1b1f24", stroke: "#fff", "stroke-width": 3, "paint-order": "stroke" });
      label.textContent = d.label;
      a.append(title, svg("circle", { cx: d.x, cy: d.y, r, fill: N[d.j].c, stroke: "#39414a", "stroke-width": d.hop === 0 ? 2 : 1 }), label);
      root.append(a);
    }
    $("graph").replaceChildren(root);
    graphOf = i;
  }
  document.querySelectorAll("input[name=hops]").forEach((r) => r.addEventListener("change", () => { if (graphOf >= 0) neighbourhood(graphOf); }));

  // ---- The map of the field: every entry where the build's layout put it (the exports' x and
  // y), drawn by sigma.js over a graphology graph; nodes sized by relations and coloured as
  // the build was asked (D.map.colour_by). sigma draws labels on a canvas, as text.
  let mapView = null;
  const COLOURED_BY = { community: "community (Louvain), each of the biggest named after its most related entry", kind: "kind", organisation: "organisation (a model's first, a chip's vendor); the rest by kind" };
  function setUpMap() {
    if (!D.map) { $("map-note").textContent = "This page was built without a layout (build --layout none): it has no map."; $("map").hidden = true; return; }
    const graph = new graphology.Graph({ type: "directed", multi: true });
    N.forEach((n, i) => graph.addNode(String(i), { x: n.x, y: n.y, size: 2 + 1.5 * Math.sqrt(out[i].length + inc[i].length), color: n.m, label: n.n }));
    for (let e = 0; e < D.edges.length; e += 3) if (D.edges[e] !== D.edges[e + 2]) graph.addEdge(String(D.edges[e]), String(D.edges[e + 2]), { size: 0.6, color: "#c9ced4" });
    mapView = new Sigma(graph, $("map"), { defaultEdgeType: "line", labelRenderedSizeThreshold: 7, labelDensity: 0.5, labelFont: "system-ui, sans-serif", allowInvalidContainer: true });
    mapView.on("clickNode", ({ node }) => { location.hash = keyOf(+node); });
    mapView.on("enterNode", () => { $("map").style.cursor = "pointer"; });
    mapView.on("leaveNode", () => { $("map").style.cursor = ""; });
    $("map-legend").replaceChildren(el("li", { class: "kind", text: "Coloured by " + (COLOURED_BY[D.map.colour_by] || D.map.colour_by) + ":" }),
      ...D.map.legend.map(([name, colour]) => el("li", {}, swatch(colour), " ", name)));
    window.edgeAtlasMap = mapView;
  }

  // ---- Views and routing.
  const VIEWS = ["timeline", "map", "papers", "chips", "frameworks", "formats"];
  const setUp = { timeline: setUpTimeline, map: setUpMap, papers: setUpPapers, chips: setUpChips, frameworks: setUpFrameworks, formats: setUpFormats };
  const ready = new Set();
  function show(view) {
    document.querySelectorAll("main > section").forEach((s) => { s.hidden = s.dataset.view !== view; });
    document.querySelectorAll("nav a").forEach((a) => { if (a.dataset.view === view) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current"); });
    if (setUp[view] && !ready.has(view)) { ready.add(view); setUp[view](); }
    // A view shown again may have another size than when it was last drawn.
    else if (view === "map" && mapView) mapView.refresh();
  }
  function route() {
    const h = decodeURIComponent(location.hash.slice(1));
    if (byKey.has(h)) {
      const i = byKey.get(h);
      show("entry");
      card(i);
      neighbourhood(i);
      $("card-title").focus({ preventScroll: true });
      window.scrollTo(0, 0);
    } else {
      const view = VIEWS.includes(h) ? h : "timeline";
      show(view);
      document.title = "edge-atlas: the Awesome-Edge-LLMs list, explorable";
    }
  }
  window.addEventListener("hashchange", route);
  $("footer").textContent = N.length + " entries and " + D.edges.length / 3 + " relations from the Awesome-Edge-LLMs list, built by edge-atlas. This page works offline: everything it shows is inside it.";
  route();
  document.documentElement.dataset.ready = String(Math.round(performance.now()));
})();
