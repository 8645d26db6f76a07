// The logs page's scripts: label autocompletion in the LogQL input, and the live tail over Loki's
// /loki/api/v1/tail WebSocket. The page reads without them. Data from the server or the tail is only
// ever put into the page with textContent and attributes, never as markup.
(function () {
  "use strict";

  var page = document.getElementById("logs-page");
  if (!page) { return; }

  // ---- Autocompletion: label names after "{" or ",", values after name=, name!=, name=~, name!~ ----
  var input = document.getElementById("query");
  var list = document.getElementById("label-suggestions");
  var cache = {};
  var active = -1;
  var items = [];
  var context = null;

  function timeParams() {
    var start = page.dataset.start || "";
    return start ? "?start=" + encodeURIComponent(start) : "";
  }

  function fetchList(path) {
    if (cache[path]) { return Promise.resolve(cache[path]); }
    return fetch(path + timeParams(), { headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : { data: [] }; })
      .then(function (body) { cache[path] = body.data || []; return cache[path]; })
      .catch(function () { return []; });
  }

  // Where the caret is inside the selector: {kind: "name"|"value", prefix, from, name}, or null.
  function caretContext() {
    var text = input.value.slice(0, input.selectionStart);
    var open = text.lastIndexOf("{");
    if (open < 0 || text.lastIndexOf("}") > open) { return null; }
    var inside = text.slice(open + 1);
    var value = /([A-Za-z_][A-Za-z0-9_]*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)$/.exec(inside);
    if (value) {
      return { kind: "value", name: value[1], prefix: value[3], from: input.selectionStart - value[3].length };
    }
    var name = /(?:^|,)\s*([A-Za-z0-9_]*)$/.exec(inside);
    if (name) {
      return { kind: "name", prefix: name[1], from: input.selectionStart - name[1].length };
    }
    return null;
  }

  function suggest() {
    context = caretContext();
    if (!context) { close(); return; }
    var wanted = context;
    var path = wanted.kind === "name" ? "/loki/api/v1/labels"
      : "/loki/api/v1/label/" + encodeURIComponent(wanted.name) + "/values";
    fetchList(path).then(function (values) {
      if (context !== wanted) { return; }
      show(values.filter(function (v) { return v.indexOf(wanted.prefix) === 0 && v !== wanted.prefix; }).slice(0, 50));
    });
  }

  function show(values) {
    list.textContent = "";
    items = values;
    active = values.length ? 0 : -1;
    values.forEach(function (v, i) {
      var li = document.createElement("li");
      li.id = "suggestion-" + i;
      li.setAttribute("role", "option");
      li.textContent = v;
      li.addEventListener("mousedown", function (e) { e.preventDefault(); accept(i); });
      list.appendChild(li);
    });
    list.hidden = values.length === 0;
    input.setAttribute("aria-expanded", values.length ? "true" : "false");
    mark();
  }

  function mark() {
    Array.prototype.forEach.call(list.children, function (li, i) {
      li.setAttribute("aria-selected", i === active ? "true" : "false");
      if (i === active) { li.scrollIntoView({ block: "nearest" }); }
    });
    if (active >= 0) { input.setAttribute("aria-activedescendant", "suggestion-" + active); }
    else { input.removeAttribute("aria-activedescendant"); }
  }

  function close() {
    list.hidden = true;
    list.textContent = "";
    items = [];
    active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function accept(i) {
    if (!context || i < 0 || i >= items.length) { return; }
    var value = items[i];
    var kind = context.kind;
    var end = input.selectionStart;
    var inserted = context.kind === "name" ? value + "=\""
      : value.replace(/\\/g, "\\\\").replace(/"/g, "\\\"") + "\"";
    input.value = input.value.slice(0, context.from) + inserted + input.value.slice(end);
    var caret = context.from + inserted.length;
    input.setSelectionRange(caret, caret);
    close();
    input.focus();
    if (kind === "name") { suggest(); }
  }

  if (input && list) {
    input.addEventListener("input", suggest);
    input.addEventListener("click", suggest);
    input.addEventListener("blur", function () { setTimeout(close, 150); });
    input.addEventListener("keydown", function (e) {
      if (list.hidden) {
        if (e.key === " " && e.ctrlKey) { e.preventDefault(); suggest(); }
        return;
      }
      if (e.key === "ArrowDown") { e.preventDefault(); active = (active + 1) % items.length; mark(); }
      else if (e.key === "ArrowUp") { e.preventDefault(); active = (active - 1 + items.length) % items.length; mark(); }
      else if (e.key === "Enter" || e.key === "Tab") { if (active >= 0) { e.preventDefault(); accept(active); } }
      else if (e.key === "Escape") { e.preventDefault(); close(); }
    });
  }

  // ---- Click a volume bar to zoom into its window (app.js already zooms on a drag) ----
  document.addEventListener("DOMContentLoaded", function () {
    var chart = document.getElementById("volume-chart");
    var plot = chart && chart.uplot;
    if (!plot || plot.data[0].length < 2) { return; }
    var x = plot.data[0];
    var half = (x[1] - x[0]) / 2;
    plot.over.addEventListener("click", function () {
      if (plot.select.width >= 4 || plot.cursor.idx == null) { return; }
      var url = new URL(window.location.href);
      url.searchParams.set("from", String(Math.round((x[plot.cursor.idx] - half) * 1000)));
      url.searchParams.set("to", String(Math.round((x[plot.cursor.idx] + half) * 1000)));
      url.searchParams.delete("before");
      url.searchParams.delete("skip");
      window.location.assign(url.toString());
    });
  });

  // ---- Live tail ----
  var controls = document.getElementById("tail-controls");
  var toggle = document.getElementById("tail-toggle");
  var status = document.getElementById("tail-status");
  var lines = document.getElementById("log-lines");
  var socket = null;
  var wanted = false;
  var newestNanos = null;
  var since = null;
  var maxTailed = 500;

  function setStatus(text) { status.textContent = text; }

  function start() {
    if (socket) { return; }
    var logql = page.dataset.logql;
    if (!logql) { setStatus("no query to tail"); return; }
    var url = new URL("/loki/api/v1/tail", window.location.href);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    url.searchParams.set("query", logql);
    // From when the tail was first turned on, or just after the newest line it showed: a tail
    // reopened after the page was hidden catches up (look-back) without showing a line twice.
    if (!since) { since = String(Date.now()) + "000000"; }
    url.searchParams.set("start", newestNanos ? (BigInt(newestNanos) + BigInt(1)).toString() : since);
    url.searchParams.set("limit", "100");
    socket = new WebSocket(url.toString());
    setStatus("connecting…");
    socket.onopen = function () { setStatus("live: new lines appear at the top"); };
    socket.onmessage = function (event) {
      var message;
      try { message = JSON.parse(event.data); } catch (e) { return; }
      (message.streams || []).forEach(function (stream) {
        (stream.values || []).forEach(function (value) { prepend(stream.stream || {}, value[0], value[1]); });
      });
      if (message.dropped_entries && message.dropped_entries.length) {
        setStatus("live: " + message.dropped_entries.length + " lines dropped (too many to show)");
      }
    };
    socket.onclose = function (event) {
      socket = null;
      if (wanted && !document.hidden) { setStatus("tail closed" + (event.reason ? ": " + event.reason : "") + "; retrying…"); setTimeout(function () { if (wanted && !document.hidden) { start(); } }, 3000); }
    };
    socket.onerror = function () { setStatus("tail connection failed"); };
  }

  function stop(text) {
    if (socket) { var s = socket; socket = null; s.onclose = null; s.close(); }
    setStatus(text);
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) { el.className = className; }
    if (text != null) { el.textContent = text; }
    return el;
  }

  function isoTime(nanos) {
    var ms = Number(nanos.slice(0, -6) || "0");
    var iso = new Date(ms).toISOString();
    return iso.slice(0, 19) + "." + nanos.slice(-9) + "Z";
  }

  function prepend(labels, nanos, line) {
    if (newestNanos === null || (nanos.length > newestNanos.length || (nanos.length === newestNanos.length && nanos > newestNanos))) {
      newestNanos = nanos;
    }
    var level = labels.level || "unknown";
    var li = element("li", "log tailed");
    var details = element("details");
    var summary = element("summary");
    summary.appendChild(element("span", "time", isoTime(nanos)));
    summary.appendChild(document.createTextNode(" "));
    summary.appendChild(element("span", "sev sev-" + level.replace(/[^a-z]/g, ""), labels.severity_text || level.toUpperCase()));
    summary.appendChild(document.createTextNode(" "));
    summary.appendChild(element("span", "svc", labels.service_name || ""));
    summary.appendChild(document.createTextNode(" "));
    summary.appendChild(element("span", "log-line", line));
    details.appendChild(summary);
    var detail = element("div", "log-detail");
    var links = element("p", "log-links");
    var range = new URL(window.location.href).searchParams;
    var rangeQuery = "from=" + encodeURIComponent(range.get("from") || "now-1h") + "&to=" + encodeURIComponent(range.get("to") || "now");
    if (labels.trace_id) {
      var trace = element("a", "trace-link", "Trace " + labels.trace_id.slice(0, 8));
      trace.href = "/traces/" + encodeURIComponent(labels.trace_id) + "?" + rangeQuery;
      links.appendChild(trace);
    }
    var ctx = element("a", "context-link", "Show context");
    ctx.href = "/logs/context?service=" + encodeURIComponent(labels.service_name || "") + "&ts=" + encodeURIComponent(nanos) + "&" + rangeQuery;
    links.appendChild(ctx);
    detail.appendChild(links);
    detail.appendChild(element("h3", null, "Labels"));
    var dl = element("dl", "kv labels");
    Object.keys(labels).sort().forEach(function (name) {
      dl.appendChild(element("dt", null, name));
      dl.appendChild(element("dd", null, labels[name]));
    });
    detail.appendChild(dl);
    details.appendChild(detail);
    li.appendChild(details);
    lines.insertBefore(li, lines.firstChild);
    var tailed = lines.querySelectorAll("li.tailed");
    for (var i = maxTailed; i < tailed.length; i++) { tailed[i].remove(); }
  }

  if (controls && toggle && lines && "WebSocket" in window) {
    controls.hidden = false;
    toggle.addEventListener("click", function () {
      wanted = !wanted;
      toggle.setAttribute("aria-pressed", wanted ? "true" : "false");
      toggle.textContent = wanted ? "Stop live tail" : "Live tail";
      if (wanted) { start(); } else { stop("stopped"); }
    });
    document.addEventListener("visibilitychange", function () {
      if (!wanted) { return; }
      if (document.hidden) { stop("paused while the page is hidden"); } else { start(); }
    });
    window.addEventListener("pagehide", function () { stop(""); });
  }
})();
