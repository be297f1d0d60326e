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
    var first = el("text", {x: 18, y: 0}, legend, text.reach);
    var second = el("g", {}, legend);
    el("line", {x1: 0, x2: 20, y1: -4, y2: -4, stroke: ORANGE, "stroke-width": 2}, second);
    var label = el("text", {x: 26, y: 0}, second, text.records);
    // Side by side where both fit, else the second on a line of its own.
    var at = Math.max(180, 18 + first.getBBox().width + 24);
    if (left + at + 26 + label.getBBox().width > W - 4) {
      second.setAttribute("transform", "translate(0,18)");
      grow(root, 18);
    } else {
      second.setAttribute("transform", "translate(" + at + ",0)");
    }
  }

  /* Make room under a drawn chart. */
  function grow(root, extra) {
    var box = root.getAttribute("viewBox").split(" ").map(Number);
    box[3] += extra;
    root.setAttribute("viewBox", box.join(" "));
    root.setAttribute("height", box[3]);
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

  function overlaps(p, q) {
    return p.x < q.x + q.w && q.x < p.x + p.w && p.y < q.y + q.h && q.y < p.y + p.h;
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
    var frame = {x: 1, y: 1, w: W - 2, h: H - legendH - 2};
    el("rect", {"class": "map-frame", x: frame.x, y: frame.y, width: frame.w,
      height: frame.h, fill: "#f6f8fa", stroke: "#e3e6ea"}, root);
    var sorted = areas.slice().sort(function (a, b) { return b.value - a.value; });
    var spots = sorted.map(function (a) {
      return {x: x(a.lon), y: y(a.lat), r: radius(a.value)};
    });
    sorted.forEach(function (a, i) {
      var c = el("circle", {"class": "bubble", cx: spots[i].x, cy: spots[i].y, r: spots[i].r,
        fill: a.risk ? RED : BLUE, "fill-opacity": 0.55, stroke: a.risk ? RED : BLUE}, root);
      tip(c, a.label + ": " + number.format(a.value));
    });
    labels(root, sorted, spots, frame);
    var legend = el("g", {transform: "translate(12," + (H - legendH + 18) + ")"}, root);
    el("circle", {cx: 6, cy: -4, r: 6, fill: RED, "fill-opacity": 0.55}, legend);
    el("text", {x: 18, y: 0}, legend, text.high_risk);
    var other = el("g", {transform: "translate(180,0)"}, legend);
    el("circle", {cx: 6, cy: -4, r: 6, fill: BLUE, "fill-opacity": 0.55}, other);
    var otherLabel = el("text", {x: 18, y: 0}, other, text.other);
    var size = el("text", {x: 0, y: 18, fill: GREY}, legend, text.size);
    // On a narrow map the second key goes under the first, the note under both.
    if (12 + 180 + 18 + otherLabel.getBBox().width > W - 4) {
      other.setAttribute("transform", "translate(0,18)");
      size.setAttribute("y", 36);
      grow(root, 18);
    }
  }

  /* Names beside the bubbles, largest bubble first, each at the first of a few places
     (below, above, right, left, then the corners) that stays inside the map, touches
     no name already written and hides no other bubble's middle. Boxes are the drawn
     text's own size, so nothing is guessed from the number of letters. A name with no
     such place is left out: its bubble's tooltip still names it. */
  function labels(root, areas, spots, frame) {
    var room = 2, placed = [];
    function inside(box) {
      return box.x >= frame.x && box.y >= frame.y && box.x + box.w <= frame.x + frame.w &&
        box.y + box.h <= frame.y + frame.h;
    }
    function hidesAMiddle(box, own) {
      return spots.some(function (c, i) {
        if (i === own) return false;
        var nx = Math.max(box.x, Math.min(c.x, box.x + box.w));
        var ny = Math.max(box.y, Math.min(c.y, box.y + box.h));
        var keep = Math.max(c.r * 0.5, 3);
        return (nx - c.x) * (nx - c.x) + (ny - c.y) * (ny - c.y) < keep * keep;
      });
    }
    areas.forEach(function (a, i) {
      var name = a.label.replace(/^(Huyện|Thị xã|Thành phố|Xã|Phường|Thị trấn) /, "");
      // A halo in the map's colour keeps a name legible where it crosses a bubble.
      var node = el("text", {"class": "map-label", x: 0, y: 0, "font-size": 10,
        fill: "#222", stroke: "#f6f8fa", "stroke-width": 3, "stroke-linejoin": "round",
        "paint-order": "stroke"}, root, name);
      var size = node.getBBox();
      var w = size.width + 2 * room, h = size.height + room;
      var c = spots[i], d = c.r * 0.72;
      var candidates = [
        [c.x - w / 2, c.y + c.r + 1], [c.x - w / 2, c.y - c.r - 1 - h],
        [c.x + c.r + 2, c.y - h / 2], [c.x - c.r - 2 - w, c.y - h / 2],
        [c.x + d, c.y + d], [c.x - d - w, c.y + d],
        [c.x + d, c.y - d - h], [c.x - d - w, c.y - d - h],
      ];
      var spot = null;
      candidates.some(function (at) {
        var box = {x: at[0], y: at[1], w: w, h: h};
        if (!inside(box) || hidesAMiddle(box, i)) return false;
        if (placed.some(function (other) { return overlaps(box, other); })) return false;
        spot = box;
        return true;
      });
      if (!spot) {
        root.removeChild(node);
        return;
      }
      placed.push(spot);
      node.setAttribute("x", spot.x + room);
      node.setAttribute("y", spot.y + room / 2 - size.y);
      tip(node, a.label + ": " + number.format(a.value));
    });
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
