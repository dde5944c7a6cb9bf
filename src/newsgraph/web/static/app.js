// TYPE_COLORS and typeColor (one colour per PLOVER type) come from colors.js, loaded first.
// The map can colour by ACLED event type instead (the "Colour by" filter).
const ACLED_COLORS = {
  "Battles": "#a50f15", "Violence against civilians": "#e15759",
  "Explosions/Remote violence": "#f28e2b", "Riots": "#b07aa1", "Protests": "#4e79a7",
  "Strategic developments": "#59a14f",
};
const NO_ACLED = "no ACLED type";
function colourBy() { return form.elements.colour ? form.elements.colour.value : ""; }
// The key an event is coloured by (a GeoJSON feature's properties or a JSON event).
function colourKey(e) { return colourBy() === "acled" ? (e.acled_event_type || NO_ACLED) : e.type; }
function keyColor(key) { return colourBy() === "acled" ? (ACLED_COLORS[key] || "#555") : typeColor(key); }
document.querySelectorAll(".type-dot[data-type]").forEach((el) => {
  el.style.background = typeColor(el.dataset.type);
});

// The map & timeline page: filters -> /events (JSON, GeoJSON) and /events/timeline.
const PAGE = 25;
const MODALITIES = ["asserted", "reported", "ordered", "threatened", "planned", "hypothetical", "negated", "denied", "historical"];
const state = { offset: 0, features: [], land: null, view: { k: 1, x: 0, y: 0 } };
const form = document.getElementById("filters");

function el(tag, attrs = {}, text) {
  const node = document.createElementNS(tag === "svg" || ["circle", "rect", "text", "g", "line", "title"].includes(tag) ? "http://www.w3.org/2000/svg" : "http://www.w3.org/1999/xhtml", tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

// The filters for the API; `address` adds the display choices (colour) kept in the URL.
function params(address = false) {
  const p = new URLSearchParams();
  for (const [k, v] of new FormData(form).entries()) if (v && (address || k !== "colour")) p.append(k, v);
  return p;
}

async function getJSON(url) {
  const response = await fetch(url, { credentials: "same-origin" });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error ? body.error.message : response.statusText);
  return body;
}

async function loadFacets() {
  const facets = await getJSON("/facets");
  const fill = (id, items, label) => {
    const select = document.getElementById(id);
    for (const item of items) select.append(el("option", { value: item.value }, `${label ? label(item.value) : item.value} (${item.n})`));
  };
  fill("f-type", facets.types);
  fill("f-country", facets.countries);
  fill("f-outlet", facets.outlets);
  fill("f-theme", facets.themes || [], (theme) => theme.toLowerCase().replaceAll("_", " "));
  const present = new Set(facets.modalities.map((m) => m.value));
  const box = document.getElementById("f-modality");
  for (const m of MODALITIES.filter((m) => present.has(m))) {
    const label = el("label");
    label.append(el("input", { type: "checkbox", name: "modality", value: m }), document.createTextNode(m));
    box.append(label);
  }
  state.types = facets.types.map((t) => t.value);
  // Filters given in the address (a shared link) fill the form.
  const given = new URLSearchParams(location.search);
  for (const [k, v] of given.entries()) {
    const field = form.elements[k];
    if (!field) continue;
    if (field instanceof RadioNodeList || field.type === "checkbox") {
      form.querySelectorAll(`[name="${k}"]`).forEach((box) => { if (box.value === v) box.checked = true; });
    } else field.value = v;
  }
}

// ---- map: equirectangular projection; land from GeoNames places, drawn once per view ----
const canvas = document.getElementById("map");
const svg = document.getElementById("markers");

function size() { const r = canvas.getBoundingClientRect(); return { w: r.width, h: r.height }; }
function project(lon, lat) {
  const { w, h } = size();
  const s = Math.min(w / 360, h / 170) * state.view.k;
  return [w / 2 + (lon - state.view.x) * s, h / 2 - (lat - state.view.y) * s, s];
}

function drawLand() {
  const { w, h } = size();
  const ratio = window.devicePixelRatio || 1;
  canvas.width = w * ratio; canvas.height = h * ratio;
  const ctx = canvas.getContext("2d");
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.fillStyle = "#dbe7f3"; ctx.fillRect(0, 0, w, h);
  ctx.strokeStyle = "rgba(255,255,255,.7)"; ctx.lineWidth = 1;
  for (let lon = -180; lon <= 180; lon += 30) { const [x1, y1] = project(lon, 85); const [x2, y2] = project(lon, -85); ctx.beginPath(); ctx.moveTo(x1, y1); ctx.lineTo(x2, y2); ctx.stroke(); }
  for (let lat = -60; lat <= 80; lat += 30) { const [x1, y1] = project(-180, lat); const [x2, y2] = project(180, lat); ctx.beginPath(); ctx.moveTo(x1, y1); ctx.lineTo(x2, y2); ctx.stroke(); }
  if (!state.land) return;
  ctx.fillStyle = "#b9c4b0";
  const c = state.land.cell;
  for (const [lon, lat] of state.land.cells) {
    const [x, y, s] = project(lon, lat + c);
    const d = c * s;
    if (x > w || y > h || x + d < 0 || y + d < 0) continue;
    ctx.fillRect(x, y, d + 0.6, d + 0.6);
  }
}

function drawMarkers() {
  svg.replaceChildren();
  const { w, h } = size();
  const cells = new Map();
  const grid = 22; // px: events closer than this on screen are clustered
  for (const f of state.features) {
    const [lon, lat] = f.geometry.coordinates;
    const [x, y] = project(lon, lat);
    if (x < -20 || y < -20 || x > w + 20 || y > h + 20) continue;
    const key = `${Math.round(x / grid)}:${Math.round(y / grid)}`;
    if (!cells.has(key)) cells.set(key, { x: 0, y: 0, items: [] });
    const cell = cells.get(key);
    cell.x += x; cell.y += y; cell.items.push(f);
  }
  for (const cell of cells.values()) {
    const n = cell.items.length;
    const x = cell.x / n, y = cell.y / n;
    const counts = {};
    for (const f of cell.items) { const key = colourKey(f.properties); counts[key] = (counts[key] || 0) + 1; }
    const main = Object.entries(counts).sort((a, b) => b[1] - a[1])[0][0];
    const g = el("g", { class: "marker", "data-count": n });
    const circle = el("circle", { cx: x, cy: y, r: n === 1 ? 7 : Math.min(9 + Math.sqrt(n) * 2.5, 24), fill: keyColor(main) });
    if (n === 1) {
      const f = cell.items[0];
      if (!["asserted", "reported"].includes(f.properties.modality)) { circle.setAttribute("stroke-dasharray", "3 2"); circle.setAttribute("fill-opacity", ".45"); }
      circle.setAttribute("data-event", f.id);
    }
    g.append(circle);
    if (n > 1) g.append(el("text", { x, y }, String(n)));
    g.addEventListener("mouseenter", () => showTip(x, y, cell.items));
    g.addEventListener("mouseleave", () => { document.getElementById("tooltip").hidden = true; });
    g.addEventListener("click", (e) => {
      e.stopPropagation();
      if (n === 1) location.href = `/ui/events/${encodeURIComponent(cell.items[0].id)}`;
      else { const [lon, lat] = cell.items[0].geometry.coordinates; state.view = { k: Math.min(state.view.k * 3, 200), x: lon, y: lat }; redraw(); }
    });
    svg.append(g);
  }
}

function showTip(x, y, items) {
  const tip = document.getElementById("tooltip");
  tip.replaceChildren();
  for (const f of items.slice(0, 6)) {
    const p = f.properties;
    tip.append(el("div", {}, `${p.date || "?"} · ${p.type}${p.mode ? "/" + p.mode : ""}${colourBy() === "acled" && p.acled_event_type ? " (" + p.acled_event_type + ")" : ""} [${p.modality}] · ${p.place_name || ""} — “${p.trigger}”`));
  }
  if (items.length > 6) tip.append(el("div", {}, `… and ${items.length - 6} more (click to zoom)`));
  tip.style.left = `${Math.min(x + 12, size().w - 330)}px`; tip.style.top = `${y + 12}px`;
  tip.hidden = false;
}

function drawLegend() {
  const legend = document.getElementById("map-legend");
  legend.replaceChildren();
  const keys = colourBy() === "acled"
    ? [...new Set(state.features.map((f) => colourKey(f.properties)))].sort()
    : (state.types || []);
  for (const key of keys) {
    const span = el("span", {}, key);
    span.style.setProperty("--c", keyColor(key));
    legend.append(span);
  }
}

// Colour by another scheme: markers, legend and list, without asking the server again.
function recolour() {
  const p = params(true);
  history.replaceState(null, "", p.toString() ? `?${p}` : location.pathname);
  drawMarkers(); drawLegend();
  document.querySelectorAll("#event-list .type-dot[data-key]").forEach((dot) => { dot.style.background = keyColor(dot.dataset.key); });
  document.body.dataset.colour = colourBy() || "plover";
}

function redraw() { drawLand(); drawMarkers(); }

function enablePanZoom() {
  let drag = null;
  svg.addEventListener("mousedown", (e) => { drag = { x: e.clientX, y: e.clientY, vx: state.view.x, vy: state.view.y }; svg.classList.add("dragging"); });
  window.addEventListener("mouseup", () => { drag = null; svg.classList.remove("dragging"); });
  window.addEventListener("mousemove", (e) => {
    if (!drag) return;
    const [, , s] = project(0, 0);
    state.view.x = drag.vx - (e.clientX - drag.x) / s;
    state.view.y = drag.vy + (e.clientY - drag.y) / s;
    redraw();
  });
  svg.addEventListener("wheel", (e) => { e.preventDefault(); zoom(e.deltaY < 0 ? 1.4 : 1 / 1.4); }, { passive: false });
  document.getElementById("zoom-in").onclick = () => zoom(1.6);
  document.getElementById("zoom-out").onclick = () => zoom(1 / 1.6);
  document.getElementById("zoom-reset").onclick = () => { state.view = { k: 1, x: 0, y: 0 }; redraw(); };
  window.addEventListener("resize", redraw);
}
function zoom(f) { state.view.k = Math.max(1, Math.min(state.view.k * f, 200)); redraw(); }

function fitToEvents() {
  if (!state.features.length) { state.view = { k: 1, x: 0, y: 0 }; return; }
  const lons = state.features.map((f) => f.geometry.coordinates[0]);
  const lats = state.features.map((f) => f.geometry.coordinates[1]);
  const [minX, maxX, minY, maxY] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const k = Math.max(1, Math.min(360 / Math.max(maxX - minX + 20, 1), 170 / Math.max(maxY - minY + 20, 1), 6));
  state.view = { k, x: (minX + maxX) / 2, y: (minY + maxY) / 2 };
}

// ---- timeline: stacked bars, one per day, coloured by type ----
function drawTimeline(days) {
  const tl = document.getElementById("timeline");
  tl.replaceChildren();
  const w = tl.getBoundingClientRect().width, h = 140, pad = 22;
  const byDay = new Map();
  for (const d of days) { if (!byDay.has(d.date)) byDay.set(d.date, []); byDay.get(d.date).push(d); }
  const dates = [...byDay.keys()].sort();
  document.getElementById("timeline-note").textContent = dates.length ? `${dates[0]} – ${dates[dates.length - 1]}` : "no dated events";
  if (!dates.length) return;
  const first = new Date(dates[0]), last = new Date(dates[dates.length - 1]);
  const span = Math.max(1, Math.round((last - first) / 86400000) + 1);
  const max = Math.max(...[...byDay.values()].map((list) => list.reduce((a, d) => a + d.n, 0)));
  const bw = Math.max(2, (w - 2 * pad) / span - 1);
  for (const [date, list] of byDay) {
    const i = Math.round((new Date(date) - first) / 86400000);
    const x = pad + i * ((w - 2 * pad) / span);
    let y = h - pad;
    for (const d of list) {
      const bh = (d.n / max) * (h - 2 * pad);
      y -= bh;
      const rect = el("rect", { x, y, width: bw, height: bh, fill: typeColor(d.type), "data-date": date });
      rect.append(el("title", {}, `${date}: ${d.n} ${d.type}`));
      rect.addEventListener("click", () => { form.elements.since.value = date; form.elements.until.value = date; apply(); });
      tl.append(rect);
    }
  }
  tl.append(el("text", { x: pad, y: h - 6 }, dates[0]));
  tl.append(el("text", { x: w - pad, y: h - 6, "text-anchor": "end" }, dates[dates.length - 1]));
  tl.append(el("text", { x: 4, y: pad }, String(max)));
}

// ---- list ----
async function loadList() {
  const p = params(); p.set("limit", PAGE); p.set("offset", state.offset);
  const data = await getJSON(`/events?${p}`);
  const body = document.querySelector("#event-list tbody");
  body.replaceChildren();
  for (const e of data.events) {
    const tr = el("tr");
    const type = el("td"); const dot = el("span", { class: "type-dot", "data-key": colourKey(e) }); dot.style.background = keyColor(colourKey(e));
    const link = el("a", { href: `/ui/events/${encodeURIComponent(e.id)}` }, `${e.type}${e.mode ? "/" + e.mode : ""}`);
    type.append(dot, link);
    const modality = el("td"); modality.append(el("span", { class: `badge modality-${e.modality}` }, e.modality));
    const actors = e.actors.map((a) => `${a.role === "source" ? "▸" : "◂"} ${a.entity_name || a.text}`).join("; ");
    const article = el("td"); article.append(el("a", { href: `/ui/documents/${e.document_id}` }, e.title || e.document_id));
    tr.append(el("td", {}, e.date || ""), type, modality, el("td", {}, e.place_name || ""), el("td", {}, actors), article);
    body.append(tr);
  }
  document.getElementById("event-total").textContent = `${data.total} matching`;
  document.getElementById("page-info").textContent = data.total ? `${data.offset + 1}–${data.offset + data.events.length} of ${data.total}` : "";
  document.getElementById("prev").disabled = state.offset === 0;
  document.getElementById("next").disabled = !data.next;
}

async function apply() {
  state.offset = 0;
  const p = params();
  const address = params(true);
  history.replaceState(null, "", address.toString() ? `?${address}` : location.pathname);
  try {
    const [geo, timeline] = await Promise.all([
      getJSON(`/events?format=geojson&limit=5000&${p}`), getJSON(`/events/timeline?${p}`),
    ]);
    state.features = geo.features;
    fitToEvents();
    redraw();
    drawLegend();
    drawTimeline(timeline.days);
    await loadList();
    document.body.dataset.loaded = "true";
  } catch (error) {
    document.getElementById("event-total").textContent = `error: ${error.message}`;
  }
}

form.addEventListener("submit", (e) => { e.preventDefault(); apply(); });
form.addEventListener("reset", () => setTimeout(apply, 0));
form.addEventListener("change", (e) => { if (e.target.name === "colour") recolour(); else if (e.target.tagName === "SELECT" || e.target.type === "checkbox") apply(); });
document.getElementById("prev").onclick = () => { state.offset = Math.max(0, state.offset - PAGE); loadList(); };
document.getElementById("next").onclick = () => { state.offset += PAGE; loadList(); };

(async () => {
  enablePanZoom();
  const landRequest = getJSON("/ui/basemap.json").then((land) => { state.land = land; redraw(); document.body.dataset.land = "true"; });
  await loadFacets();
  await apply();
  await landRequest;
})();
