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
    return el("svg", {
      viewBox: "0 0 " + width + " " + height,
      width: "100%",
      role: "img",
      "font-family": FONT,
      "font-size": 12,
      preserveAspectRatio: "xMidYMid meet",
    }, container);
  }

  function tip(node, text) {
    el("title", {}, node, text);
  }

  function niceMax(value) {
    if (value <= 0) return 1;
    var power = Math.pow(10, Math.floor(Math.log10(value)));
    var steps = [1, 2, 2.5, 5, 10];
    for (var i = 0; i < steps.length; i++) {
      if (steps[i] * power >= value) return steps[i] * power;
    }
    return 10 * power;
  }

  function short(value) {
    if (value >= 1e6) return (value / 1e6).toLocaleString("vi-VN", {maximumFractionDigits: 1}) + " tr";
    if (value >= 1e3) return (value / 1e3).toLocaleString("vi-VN", {maximumFractionDigits: 1}) + " N";
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
    var W = 900, H = 300, left = 60, right = 50, top = 24, bottom = 40;
    var root = svg(container, W, H);
    var plotW = W - left - right, plotH = H - top - bottom;
    var maxReach = niceMax(Math.max.apply(null, days.map(function (d) { return d.reach; })));
    var maxRecords = niceMax(Math.max.apply(null, days.map(function (d) { return d.records; })));
    var step = plotW / days.length;
    var y = function (v) { return top + plotH - (v / maxReach) * plotH; };
    var y2 = function (v) { return top + plotH - (v / maxRecords) * plotH; };

    for (var t = 0; t <= 4; t++) {
      var value = (maxReach / 4) * t;
      el("line", {x1: left, x2: W - right, y1: y(value), y2: y(value), stroke: "#e3e6ea"}, root);
      el("text", {x: left - 6, y: y(value) + 4, "text-anchor": "end", fill: GREY}, root, short(value));
      el("text", {x: W - right + 6, y: y2((maxRecords / 4) * t) + 4, fill: ORANGE}, root,
        short((maxRecords / 4) * t));
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
      if (i % 7 === 0 || d.anchor) {
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
    var rowH = 26, left = 230, right = 80, top = 8;
    var W = 640, H = top * 2 + rows.length * rowH;
    var root = svg(container, W, H);
    var max = Math.max.apply(null, rows.map(function (r) { return r.value; })) || 1;
    rows.forEach(function (r, i) {
      var y = top + i * rowH;
      var width = (r.value / max) * (W - left - right);
      var label = r.label.length > 34 ? r.label.slice(0, 33) + "…" : r.label;
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
    var W = 640, H = 520, pad = 60;
    var root = svg(container, W, H);
    var lons = areas.map(function (a) { return a.lon; });
    var lats = areas.map(function (a) { return a.lat; });
    var minLon = Math.min.apply(null, lons), maxLon = Math.max.apply(null, lons);
    var minLat = Math.min.apply(null, lats), maxLat = Math.max.apply(null, lats);
    // Equal scale on both axes (roughly: a degree of longitude is shorter by cos(lat)).
    var cos = Math.cos(((minLat + maxLat) / 2) * Math.PI / 180);
    var spanX = Math.max((maxLon - minLon) * cos, 0.01), spanY = Math.max(maxLat - minLat, 0.01);
    var scale = Math.min((W - 2 * pad) / spanX, (H - 2 * pad - 30) / spanY);
    var offX = (W - spanX * scale) / 2, offY = (H - 30 - spanY * scale) / 2;
    var x = function (lon) { return offX + (lon - minLon) * cos * scale; };
    var y = function (lat) { return offY + (maxLat - lat) * scale; };
    var max = Math.max.apply(null, areas.map(function (a) { return a.value; })) || 1;
    var radius = function (v) { return 4 + 30 * Math.sqrt(v / max); };
    el("rect", {x: 1, y: 1, width: W - 2, height: H - 32, fill: "#f6f8fa", stroke: "#e3e6ea"}, root);
    var sorted = areas.slice().sort(function (a, b) { return b.value - a.value; });
    sorted.forEach(function (a) {
      var c = el("circle", {cx: x(a.lon), cy: y(a.lat), r: radius(a.value),
        fill: a.risk ? RED : BLUE, "fill-opacity": 0.55, stroke: a.risk ? RED : BLUE}, root);
      tip(c, a.label + ": " + number.format(a.value));
    });
    sorted.forEach(function (a) {
      var name = a.label.replace(/^(Huyện|Thị xã|Thành phố|Xã|Phường|Thị trấn) /, "");
      el("text", {x: x(a.lon), y: y(a.lat) + radius(a.value) + 11, "text-anchor": "middle",
        "font-size": 10, fill: "#333"}, root, name);
    });
    var legend = el("g", {transform: "translate(12," + (H - 10) + ")"}, root);
    el("circle", {cx: 6, cy: -4, r: 6, fill: RED, "fill-opacity": 0.55}, legend);
    el("text", {x: 18, y: 0}, legend, text.high_risk);
    el("circle", {cx: 186, cy: -4, r: 6, fill: BLUE, "fill-opacity": 0.55}, legend);
    el("text", {x: 198, y: 0}, legend, text.other);
    el("text", {x: W - 24, y: 0, "text-anchor": "end", fill: GREY}, legend, text.size);
  }

  function draw() {
    var source = document.getElementById("report-charts");
    if (!source) return;
    var data = JSON.parse(source.textContent);
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
})();
