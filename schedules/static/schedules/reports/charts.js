/* Charts of the committee's reports, drawn as SVG from the JSON the server embeds
   (<script id="report-charts" type="application/json">). No library, no network. */
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var BLUE = "#1f5f9e";
  var LIGHT = "#8fb6dc";
  var RED = "#c0392b";
  var GREY = "#5c6670";
  var ORANGE = "#d9822b";
  var FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
  var number = new Intl.NumberFormat("vi-VN");

  function el(name, attrs, parent, text) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (key) {
      node.setAttribute(key, attrs[key]);
    });
    if (text !== undefined) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }

  function svg(container, width, height) {
    container.textContent = "";
    // Drawn at its pixel size: text keeps its size, a narrower page shrinks it.
    return el("svg", {
      viewBox: "0 0 " + width + " " + height,
      width: width,
      height: height,
      style: "max-width: 100%; height: auto;",
      role: "img",
      "font-family": FONT,
      "font-size": 12,
      preserveAspectRatio: "xMidYMid meet",
    }, container);
  }

  function widthOf(container, fallback) {
    var width = Math.round(container.getBoundingClientRect().width);
    return Math.max(width || fallback, 320);
  }

  function tip(node, text) {
    el("title", {}, node, text);
  }

  /* A round step so that `ticks` steps cover the value (counts: whole steps). */
  function niceStep(value, ticks) {
    var raw = Math.max(value / ticks, 1);
    var power = Math.pow(10, Math.floor(Math.log10(raw)));
    var steps = [1, 2, 5, 10];
    for (var i = 0; i < steps.length; i++) {
      if (steps[i] * power >= raw) return steps[i] * power;
    }
    return 10 * power;
  }

  var units = {thousand: "k", million: "M"};

  function short(value) {
    var options = {maximumFractionDigits: 1};
    if (value >= 1e6) return (value / 1e6).toLocaleString("vi-VN", options) + " " + units.million;
    if (value >= 1e3) return (value / 1e3).toLocaleString("vi-VN", options) + " " + units.thousand;
    return number.format(value);
  }

  function empty(container, text) {
    container.textContent = "";
    var p = document.createElement("p");
    p.className = "chart-empty";
    p.textContent = text;
    container.appendChild(p);
  }

  /* Reach per day as bars, reach records as a line, 30/7 marked. */
  function timeline(container, days, text) {
    if (!days.length || !days.some(function (d) { return d.reach || d.records; })) {
      return empty(container, text.empty);
    }
    var W = widthOf(container, 900), H = 300, left = 60, right = 50, top = 24, bottom = 40;
    var root = svg(container, W, H);
    var plotW = W - left - right, plotH = H - top - bottom;
    var reachStep = niceStep(Math.max.apply(null, days.map(function (d) { return d.reach; })), 4);
    var recordStep = niceStep(Math.max.apply(null, days.map(function (d) { return d.records; })), 4);
    var maxReach = reachStep * 4, maxRecords = recordStep * 4;
    var anchorAt = days.findIndex(function (d) { return d.anchor; });
    var step = plotW / days.length;
    var y = function (v) { return top + plotH - (v / maxReach) * plotH; };
    var y2 = function (v) { return top + plotH - (v / maxRecords) * plotH; };

    for (var t = 0; t <= 4; t++) {
      var value = reachStep * t;
      el("line", {x1: left, x2: W - right, y1: y(value), y2: y(value), stroke: "#e3e6ea"}, root);
      el("text", {x: left - 6, y: y(value) + 4, "text-anchor": "end", fill: GREY}, root, short(value));
      el("text", {x: W - right + 6, y: y2(recordStep * t) + 4, fill: ORANGE}, root,
        short(recordStep * t));
    }
    days.forEach(function (d, i) {
      var x = left + i * step;
      if (d.anchor) {
        el("rect", {x: x - step * 0.5, y: top, width: step * 2, height: plotH, fill: "#fdecea"}, root);
      }
      var bar = el("rect", {
        x: x + step * 0.1, y: y(d.reach), width: Math.max(step * 0.8, 1),
        height: top + plotH - y(d.reach), fill: d.anchor ? RED : BLUE,
      }, root);
      tip(bar, d.label + ": " + number.format(d.reach) + " · " + number.format(d.records));
      // A date label needs about 44 pixels; none crowds the 30/7 label.
      var nearAnchor = anchorAt >= 0 && Math.abs(i - anchorAt) * step < 44 && !d.anchor;
      var every = Math.max(1, Math.ceil(44 / step / 7)) * 7;
      if (step >= 44) every = 1;
      if ((i % every === 0 && !nearAnchor) || d.anchor) {
        el("text", {x: x + step / 2, y: H - bottom + 16, "text-anchor": "middle",
          fill: d.anchor ? RED : GREY, "font-weight": d.anchor ? "bold" : "normal"}, root, d.label);
      }
    });
    var points = days.map(function (d, i) {
      return (left + i * step + step / 2).toFixed(1) + "," + y2(d.records).toFixed(1);
    });
    el("polyline", {points: points.join(" "), fill: "none", stroke: ORANGE, "stroke-width": 2}, root);
    days.forEach(function (d, i) {
      if (!d.anchor) return;
      var x = left + i * step + step / 2;
      el("line", {x1: x, x2: x, y1: top - 6, y2: top + plotH, stroke: RED,
        "stroke-dasharray": "4 3"}, root);
      el("text", {x: x + 4, y: top - 10, fill: RED, "font-weight": "bold"}, root, text.anchor);
    });
    el("line", {x1: left, x2: W - right, y1: top + plotH, y2: top + plotH, stroke: GREY}, root);
    var legend = el("g", {transform: "translate(" + left + "," + (H - 10) + ")"}, root);
    el("rect", {x: 0, y: -9, width: 12, height: 10, fill: BLUE}, legend);
    el("text", {x: 18, y: 0}, legend, text.reach);
    el("line", {x1: 180, x2: 200, y1: -4, y2: -4, stroke: ORANGE, "stroke-width": 2}, legend);
    el("text", {x: 206, y: 0}, legend, text.records);
  }

  /* Horizontal bars with the label on the left and the number on the right. */
  function bars(container, rows, text) {
    if (!rows.length) return empty(container, text.empty);
    var W = widthOf(container, 640), rowH = 28, top = 6;
    var left = Math.min(240, Math.round(W * 0.4)), right = 80;
    var H = top * 2 + rows.length * rowH;
    var room = Math.floor((left - 10) / 6.5);
    var root = svg(container, W, H);
    var max = Math.max.apply(null, rows.map(function (r) { return r.value; })) || 1;
    rows.forEach(function (r, i) {
      var y = top + i * rowH;
      var width = (r.value / max) * (W - left - right);
      var label = r.label.length > room ? r.label.slice(0, room - 1) + "…" : r.label;
      var name = el("text", {x: left - 8, y: y + 17, "text-anchor": "end", fill: "#222"}, root, label);
      tip(name, r.label);
      var bar = el("rect", {x: left, y: y + 5, width: Math.max(width, 1), height: rowH - 10,
        rx: 2, fill: i === 0 ? BLUE : LIGHT}, root);
      tip(bar, r.label + ": " + number.format(r.value));
      el("text", {x: left + width + 6, y: y + 17, fill: GREY}, root, number.format(r.value));
    });
  }

  /* Districts at their centroids, area proportional to reach, red when high-risk. */
  function bubbles(container, areas, text) {
    if (!areas.length) return empty(container, text.no_map);
    var W = widthOf(container, 640), pad = 50, legendH = 46;
    var lons = areas.map(function (a) { return a.lon; });
    var lats = areas.map(function (a) { return a.lat; });
    var minLon = Math.min.apply(null, lons), maxLon = Math.max.apply(null, lons);
    var minLat = Math.min.apply(null, lats), maxLat = Math.max.apply(null, lats);
    // Equal scale on both axes (roughly: a degree of longitude is shorter by cos(lat)).
    var cos = Math.cos(((minLat + maxLat) / 2) * Math.PI / 180);
    var spanX = Math.max((maxLon - minLon) * cos, 0.01), spanY = Math.max(maxLat - minLat, 0.01);
    var scale = Math.min((W - 2 * pad) / spanX, (W * 0.8 - 2 * pad) / spanY);
    var H = Math.round(spanY * scale + 2 * pad + legendH);
    var root = svg(container, W, H);
    var offX = (W - spanX * scale) / 2, offY = (H - legendH - spanY * scale) / 2;
    var x = function (lon) { return offX + (lon - minLon) * cos * scale; };
    var y = function (lat) { return offY + (maxLat - lat) * scale; };
    var max = Math.max.apply(null, areas.map(function (a) { return a.value; })) || 1;
    var radius = function (v) { return 3 + (W / 28) * Math.sqrt(v / max); };
    el("rect", {x: 1, y: 1, width: W - 2, height: H - legendH - 2, fill: "#f6f8fa",
      stroke: "#e3e6ea"}, root);
    var sorted = areas.slice().sort(function (a, b) { return b.value - a.value; });
    sorted.forEach(function (a) {
      var c = el("circle", {"class": "bubble", cx: x(a.lon), cy: y(a.lat), r: radius(a.value),
        fill: a.risk ? RED : BLUE, "fill-opacity": 0.55, stroke: a.risk ? RED : BLUE}, root);
      tip(c, a.label + ": " + number.format(a.value));
    });
    // Names under the bubbles, largest first; a name that would overlap one already
    // written is left out (the bubble's tooltip still names it).
    var placed = [];
    sorted.forEach(function (a) {
      var name = a.label.replace(/^(Huyện|Thị xã|Thành phố|Xã|Phường|Thị trấn) /, "");
      var box = {x: x(a.lon) - name.length * 2.9, y: y(a.lat) + radius(a.value) + 1,
        w: name.length * 5.8, h: 12};
      var clash = placed.some(function (o) {
        return box.x < o.x + o.w && o.x < box.x + box.w && box.y < o.y + o.h && o.y < box.y + box.h;
      });
      if (clash) return;
      placed.push(box);
      el("text", {x: x(a.lon), y: box.y + 10, "text-anchor": "middle", "font-size": 10,
        fill: "#333"}, root, name);
    });
    var legend = el("g", {transform: "translate(12," + (H - legendH + 18) + ")"}, root);
    el("circle", {cx: 6, cy: -4, r: 6, fill: RED, "fill-opacity": 0.55}, legend);
    el("text", {x: 18, y: 0}, legend, text.high_risk);
    el("circle", {cx: 186, cy: -4, r: 6, fill: BLUE, "fill-opacity": 0.55}, legend);
    el("text", {x: 198, y: 0}, legend, text.other);
    el("text", {x: 0, y: 18, fill: GREY}, legend, text.size);
  }

  function draw() {
    var source = document.getElementById("report-charts");
    if (!source) return;
    var data = JSON.parse(source.textContent);
    units = {thousand: data.text.thousand, million: data.text.million};
    document.querySelectorAll("[data-chart]").forEach(function (container) {
      var kind = container.getAttribute("data-chart");
      if (kind === "timeline") timeline(container, data.days, data.text);
      else if (kind === "channels") bars(container, data.channels, data.text);
      else if (kind === "units") bars(container, data.units, data.text);
      else if (kind === "map") bubbles(container, data.areas, data.text);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
  // Drawn at the container's pixel width, so redrawn when it changes.
  var pending;
  window.addEventListener("resize", function () {
    clearTimeout(pending);
    pending = setTimeout(draw, 200);
  });
  window.addEventListener("beforeprint", draw);
})();
