// Sightline's shared script: charts (uPlot) from data the server wrote into the page, and drag to
// zoom a chart's time range into the URL. Pages work without it: every chart has a table beside it.
(function () {
  "use strict";

  // A chart element carries its data as JSON in data-chart:
  //   {"x": [unix seconds...], "series": [{"name": "...", "values": [number|null...]}...],
  //    "stacked": bool, "unit": "s"|"%"|"" , "bars": bool, "zoom": bool}
  // With "zoom" a drag selects a range and reloads the page with from/to set to it.
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
      if (spec.stacked) {
        stackedSum = stackedSum || spec.x.map(function () { return 0; });
        values = values.map(function (v, j) { if (v != null) { stackedSum[j] += v; } return v == null ? null : stackedSum[j]; });
      }
      data.push(values);
      var colour = s.colour || palette[i % palette.length];
      var opts = { label: s.name, stroke: colour, width: 1.5, value: format(spec.unit) };
      if (spec.stacked || spec.bars) { opts.fill = colour + "55"; }
      if (spec.bars) { opts.paths = uPlot.paths.bars({ size: [0.9, 40] }); }
      series.push(opts);
    });
    var width = el.clientWidth || 600;
    var opts = {
      width: width, height: Number(el.dataset.height || 220), series: series,
      axes: [{}, { values: function (u, vals) { var f = format(spec.unit); return vals.map(function (v) { return f(u, v); }); }, size: 70 }],
      cursor: { drag: { x: !!spec.zoom, y: false } },
      legend: { live: true },
      hooks: {}
    };
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
    window.addEventListener("resize", function () { plot.setSize({ width: el.clientWidth || width, height: opts.height }); });
    el.uplot = plot;
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
