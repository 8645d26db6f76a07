// The load page's live figures: while the shown run is going, poll /load/runs/<id>.json every
// second and redraw its figures and charts; when it ends, reload the page so the runs table has
// its summary. Without this script the page refreshes itself (a <noscript> refresh) instead.
(function () {
  "use strict";

  function fixed(v, digits) { return v == null ? "–" : Number(v).toFixed(digits); }

  function update(run) {
    var t = run.total;
    var text = {
      "live-state": run.state,
      "live-elapsed": fixed(t.elapsedSeconds, 1) + " s",
      "live-users": String(t.users),
      "live-requests": String(t.requests),
      "live-rate": fixed(t.requestsPerSecond, 1),
      "live-failures": t.failures + " (" + fixed(t.requests ? 100 * t.failures / t.requests : 0, 1) + " %)",
      "live-latency": [t.p50Ms, t.p95Ms, t.p99Ms, t.maxMs].map(function (v) { return fixed(v, 2); }).join(" / ")
    };
    Object.keys(text).forEach(function (id) {
      var el = document.getElementById(id);
      if (el) { el.textContent = text[id]; }
    });
    redraw("rate-chart", run.rateChart);
    redraw("latency-chart", run.latencyChart);
  }

  function redraw(id, spec) {
    var el = document.getElementById(id);
    if (!el || !window.Sightline) { return; }
    if (el.uplot) { el.uplot.destroy(); el.uplot = null; }
    el.dataset.chart = JSON.stringify(spec);
    window.Sightline.drawChart(el);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var live = document.getElementById("live");
    if (!live || live.dataset.state !== "running") { return; }
    var url = "/load/runs/" + encodeURIComponent(live.dataset.liveRun) + ".json";
    var timer = window.setInterval(function () {
      fetch(url, { cache: "no-store" }).then(function (response) {
        if (!response.ok) { throw new Error("load run: HTTP " + response.status); }
        return response.json();
      }).then(function (run) {
        update(run);
        if (run.state !== "running") {
          window.clearInterval(timer);
          window.location.reload();
        }
      }).catch(function (e) { console.warn(e); });
    }, 1000);
  });
})();
