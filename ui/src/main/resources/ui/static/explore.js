// The metrics explorer's query box: suggestions for metric names, label names and label values from
// Sightline's Prometheus-compatible API, in an ARIA combobox (arrow keys move, Enter or Tab accepts,
// Escape closes). Without this script the box is a plain input and the form still submits.
(function () {
  "use strict";

  var FUNCTIONS = ["sum", "avg", "min", "max", "count", "topk", "bottomk", "quantile", "rate", "irate", "increase",
    "delta", "histogram_quantile", "avg_over_time", "max_over_time", "min_over_time", "sum_over_time", "abs",
    "clamp_min", "clamp_max", "label_replace", "absent", "time", "vector", "scalar", "sort", "sort_desc"];
  var MAX_SHOWN = 20;
  var cache = {};

  function fetchList(url) {
    if (!cache[url]) {
      cache[url] = fetch(url, { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { data: [] }; })
        .then(function (body) { return Array.isArray(body.data) ? body.data : []; })
        .catch(function () { delete cache[url]; return []; });
    }
    return cache[url];
  }

  function selectorOf(metric) {
    return metric ? "&match[]=" + encodeURIComponent("{__name__=\"" + metric + "\"}") : "";
  }

  // What the word at the caret is: {kind: "metric"|"label"|"value", prefix, start, metric, label, quoted}.
  function context(text, caret) {
    var before = text.slice(0, caret);
    var value = /([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*("?)((?:[^"\\]|\\.)*)$/.exec(before);
    var open = before.lastIndexOf("{"), close = before.lastIndexOf("}");
    var metricBefore = function (at) {
      var m = /([a-zA-Z_:][a-zA-Z0-9_:]*)\s*$/.exec(before.slice(0, at));
      return m ? m[1] : "";
    };
    if (open > close) {
      var metric = metricBefore(open);
      if (value && before.lastIndexOf(value[0]) > open) {
        return { kind: "value", prefix: value[4], start: caret - value[4].length, metric: metric, label: value[1],
          quoted: value[3] === "\"" };
      }
      var name = /([a-zA-Z_][a-zA-Z0-9_]*)?$/.exec(before)[0];
      return { kind: "label", prefix: name, start: caret - name.length, metric: metric };
    }
    var grouping = /\b(by|without)\s*\(([^)]*)$/.exec(before);
    if (grouping) {
      var label = /([a-zA-Z_][a-zA-Z0-9_]*)?$/.exec(before)[0];
      return { kind: "label", prefix: label, start: caret - label.length, metric: "" };
    }
    var word = /([a-zA-Z_:][a-zA-Z0-9_:]*)?$/.exec(before)[0];
    return { kind: "metric", prefix: word, start: caret - word.length };
  }

  function candidates(ctx) {
    if (ctx.kind === "metric") {
      if (ctx.prefix === "") { return Promise.resolve([]); }
      return fetchList("/api/v1/label/__name__/values").then(function (names) { return FUNCTIONS.concat(names); });
    }
    if (ctx.kind === "label") {
      return fetchList("/api/v1/labels?" + selectorOf(ctx.metric).slice(1)).then(function (names) {
        return names.filter(function (n) { return n !== "__name__"; });
      });
    }
    return fetchList("/api/v1/label/" + encodeURIComponent(ctx.label) + "/values?" + selectorOf(ctx.metric).slice(1));
  }

  function rank(list, prefix) {
    var lower = prefix.toLowerCase(), starts = [], contains = [];
    list.forEach(function (item) {
      var l = String(item).toLowerCase();
      if (l === lower) { return; }
      if (l.indexOf(lower) === 0) { starts.push(item); } else if (lower && l.indexOf(lower) > 0) { contains.push(item); }
    });
    return starts.concat(contains).slice(0, MAX_SHOWN);
  }

  function escapeValue(v) {
    return String(v).replace(/\\/g, "\\\\").replace(/"/g, "\\\"");
  }

  function attach(input) {
    var list = document.getElementById(input.getAttribute("aria-controls"));
    var hint = document.getElementById("query-hint");
    var items = [], active = -1, ctx = null, generation = 0;

    function close() {
      list.hidden = true;
      list.textContent = "";
      items = [];
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function show(found) {
      list.textContent = "";
      items = found;
      active = -1;
      if (found.length === 0) { close(); return; }
      found.forEach(function (item, i) {
        var li = document.createElement("li");
        li.id = "query-suggestion-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.textContent = item;
        li.addEventListener("mousedown", function (e) { e.preventDefault(); accept(i); });
        list.appendChild(li);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      if (hint) { hint.textContent = found.length + " suggestions"; }
    }

    function highlight(i) {
      var options = list.children;
      if (active >= 0 && options[active]) { options[active].setAttribute("aria-selected", "false"); }
      active = i;
      if (options[i]) {
        options[i].setAttribute("aria-selected", "true");
        options[i].scrollIntoView({ block: "nearest" });
        input.setAttribute("aria-activedescendant", options[i].id);
      }
    }

    function accept(i) {
      var chosen = items[i];
      if (chosen == null || !ctx) { return; }
      var text = input.value, caret = input.selectionStart;
      var insert = chosen;
      if (ctx.kind === "value") {
        insert = (ctx.quoted ? "" : "\"") + escapeValue(chosen) + "\"";
        if (text.charAt(caret) === "\"") { caret += 1; }
      }
      input.value = text.slice(0, ctx.start) + insert + text.slice(caret);
      var at = ctx.start + insert.length;
      input.setSelectionRange(at, at);
      close();
      input.focus();
    }

    function update() {
      var mine = ++generation;
      ctx = context(input.value, input.selectionStart);
      candidates(ctx).then(function (list) {
        if (mine === generation) { show(rank(list, ctx.prefix)); }
      });
    }

    input.addEventListener("input", update);
    input.addEventListener("blur", function () { setTimeout(close, 100); });
    input.addEventListener("keydown", function (e) {
      if (list.hidden) {
        if (e.key === "ArrowDown" && e.altKey) { update(); e.preventDefault(); }
        return;
      }
      if (e.key === "ArrowDown") { highlight((active + 1) % items.length); e.preventDefault(); }
      else if (e.key === "ArrowUp") { highlight(active <= 0 ? items.length - 1 : active - 1); e.preventDefault(); }
      else if ((e.key === "Enter" || e.key === "Tab") && active >= 0) { accept(active); e.preventDefault(); }
      else if (e.key === "Escape") { close(); e.preventDefault(); }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var input = document.getElementById("query");
    if (input) { attach(input); }
  });
})();
