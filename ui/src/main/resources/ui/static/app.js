// Sightline's shared script: charts (uPlot) from data the server wrote into the page, and drag to
// zoom a chart's time range into the URL. Pages work without it: every chart has a table beside it.
(function () {
  "use strict";

  // A chart element carries its data as JSON in data-chart:
  //   {"x": [unix seconds...], "series": [{"name": "...", "values": [number|null...]}...],
  //    "stacked": bool, "unit": "s"|"%"|"" , "bars": bool, "zoom": bool, "points": bool, "links": [url...]}
  // With "zoom" a drag selects a range and reloads the page with from/to set to it. With "points" the
  // series are drawn as points only (a scatter); with "links" a click opens the link of the nearest x.
  // A series with "points": true is drawn as points only and never stacked (e.g. exemplars); with
  // "links": [url|null...] (one per x) a click on one of its points opens that link.
  // An element with class "spark-chart" is a sparkline: no axes, legend or cursor, gaps bridged.
  function drawChart(el) {
    var spec;
    try { spec = JSON.parse(el.dataset.chart); } catch (e) { console.warn("bad chart data", e); return; }
    if (!spec.x || spec.x.length === 0) { return; }
    var palette = ["#1f5fbf", "#b3261e", "#1b7a3a", "#8a5a00", "#6b3fa0", "#00798c", "#c2185b", "#546e7a"];
    var series = [{}];
    var data = [spec.x];
    var stackedSum = null;
    spec.series.forEach(function (s, i) {
      var values = s.values;
      if (spec.stacked && !s.points) {
        stackedSum = stackedSum || spec.x.map(function () { return 0; });
        values = values.map(function (v, j) { if (v != null) { stackedSum[j] += v; } return v == null ? null : stackedSum[j]; });
      }
      data.push(values);
      var colour = s.colour || palette[i % palette.length];
      var opts = { label: s.name, stroke: colour, width: 1.5, value: format(spec.unit) };
      if (spec.stacked || spec.bars) { opts.fill = colour + "55"; }
      if (spec.bars) { opts.paths = uPlot.paths.bars({ size: [0.9, 40] }); opts.points = { show: false }; }
      if (spec.points) { opts.paths = function () { return null; }; opts.points = { show: true, size: 7, fill: colour }; }
      if (s.points) {
        opts.paths = function () { return null; };
        opts.fill = undefined;
        opts.points = { show: true, size: 8, width: 2, stroke: colour, fill: "#fff" };
      }
      series.push(opts);
    });
    if (spec.stacked) {
      // Each stacked series is drawn down to zero: draw the tallest (the running total) first, so the
      // lower layers stay visible on top of it. Point series (exemplars) keep their places.
      var stackedAt = [];
      spec.series.forEach(function (s, i) { if (!s.points) { stackedAt.push(i + 1); } });
      var reorderedSeries = series.slice(), reorderedData = data.slice();
      stackedAt.forEach(function (to, k) {
        var from = stackedAt[stackedAt.length - 1 - k];
        reorderedSeries[to] = series[from];
        reorderedData[to] = data[from];
      });
      series = reorderedSeries;
      data = reorderedData;
    }
    var spark = el.classList.contains("spark-chart");
    if (spark) {
      series.forEach(function (s, i) { if (i > 0) { s.spanGaps = true; s.points = { show: false }; s.fill = s.stroke + "22"; } });
    }
    var width = el.clientWidth || 600;
    var opts = {
      width: width, height: Number(el.dataset.height || 220), series: series,
      axes: [{}, { values: function (u, vals) { var f = format(spec.unit); return vals.map(function (v) { return f(u, v); }); }, size: 70 }],
      cursor: { drag: { x: !!spec.zoom, y: false } },
      legend: { live: true },
      hooks: {}
    };
    if (spec.unit === "%") {
      // Ratios: from 0, and a flat zero line reads 0-5%, not uPlot's 0-100 for flat data (×100 = 10000%).
      opts.scales = { y: { range: function (u, min, max) { return [0, max > 0 ? max * 1.1 : 0.05]; } } };
    }
    if (spark) {
      opts.axes = [{ show: false }, { show: false }];
      opts.legend = { show: false };
      opts.cursor = { show: false };
      opts.padding = [2, 2, 2, 2];
    }
    if (spec.bars && spec.x.length > 1) {
      // Bars are centred on their x: widen the x scale by half a bar each side so none is cut.
      var half = (spec.x[1] - spec.x[0]) / 2;
      opts.scales = opts.scales || {};
      opts.scales.x = { time: true, range: function (u, min, max) { return [min - half, max + half]; } };
    }
    if (spec.zoom) {
      opts.hooks.setSelect = [function (u) {
        if (u.select.width < 4) { return; }
        var from = Math.round(u.posToVal(u.select.left, "x") * 1000);
        var to = Math.round(u.posToVal(u.select.left + u.select.width, "x") * 1000);
        var url = new URL(window.location.href);
        url.searchParams.set("from", String(from));
        url.searchParams.set("to", String(to));
        window.location.assign(url.toString());
      }];
    }
    el.textContent = "";
    var plot = new uPlot(opts, data, el);
    if (spec.links) {
      plot.over.style.cursor = "pointer";
      plot.over.addEventListener("click", function () {
        var i = plot.cursor.idx;
        if (i != null && spec.links[i]) { window.location.assign(spec.links[i]); }
      });
    }
    followLinks(plot, spec);
    window.addEventListener("resize", function () { plot.setSize({ width: el.clientWidth || width, height: opts.height }); });
    el.uplot = plot;
  }

  // A click within a few pixels of a point of a series with "links" opens the point's link.
  function followLinks(plot, spec) {
    var linked = [];
    spec.series.forEach(function (s, i) { if (s.links) { linked.push(i); } });
    if (linked.length === 0) { return; }
    plot.over.addEventListener("click", function () {
      var idx = plot.cursor.idx;
      if (idx == null || (plot.select && plot.select.width > 3)) { return; }
      linked.forEach(function (i) {
        var link = spec.series[i].links[idx], value = plot.data[i + 1][idx];
        if (link && value != null && Math.abs(plot.valToPos(value, "y") - plot.cursor.top) < 10) {
          window.location.assign(link);
        }
      });
    });
  }

  function format(unit) {
    return function (u, v) {
      if (v == null) { return "–"; }
      if (unit === "%") { return (v * 100).toFixed(v < 0.1 ? 2 : 1) + "%"; }
      if (unit === "s") {
        if (v === 0) { return "0"; }
        if (Math.abs(v) < 1e-3) { return (v * 1e6).toFixed(0) + "µs"; }
        if (Math.abs(v) < 1) { return (v * 1e3).toFixed(v < 0.01 ? 2 : 0) + "ms"; }
        return v.toFixed(2) + "s";
      }
      var a = Math.abs(v);
      if (a >= 1e9) { return (v / 1e9).toFixed(2) + "G"; }
      if (a >= 1e6) { return (v / 1e6).toFixed(2) + "M"; }
      if (a >= 1e3) { return (v / 1e3).toFixed(2) + "k"; }
      return a < 10 && a !== Math.round(a) ? v.toFixed(3) : String(Math.round(v * 100) / 100);
    };
  }

  window.Sightline = { drawChart: drawChart, format: format };

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-chart]").forEach(drawChart);
  });
})();
