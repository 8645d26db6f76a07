// The trace view's waterfall: a row's toggle button folds and unfolds the rows of its subtree (the
// rows after it that are deeper). Without this script every row stays shown; span details open with
// <details> on their own. Keyboard: the toggle is a button (Enter/Space).
(function () {
  "use strict";

  function rowsBelow(row) {
    var depth = Number(row.dataset.depth);
    var out = [];
    for (var next = row.nextElementSibling; next && next.classList.contains("wf-row"); next = next.nextElementSibling) {
      if (Number(next.dataset.depth) <= depth) { break; }
      out.push(next);
    }
    return out;
  }

  function toggle(button) {
    var row = button.closest(".wf-row");
    var expand = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(expand));
    button.textContent = expand ? "▾" : "▸";
    button.setAttribute("aria-label", button.getAttribute("aria-label").replace(expand ? "Expand" : "Collapse", expand ? "Collapse" : "Expand"));
    row.setAttribute("aria-expanded", String(expand));
    var hiddenBelow = -1;
    rowsBelow(row).forEach(function (below) {
      // Unfolding shows the subtree again except what a folded descendant still hides.
      var depth = Number(below.dataset.depth);
      if (!expand) { below.hidden = true; return; }
      if (hiddenBelow >= 0 && depth > hiddenBelow) { return; }
      hiddenBelow = -1;
      below.hidden = false;
      var inner = below.querySelector(":scope > .wf-toggle");
      if (inner && inner.getAttribute("aria-expanded") === "false") { hiddenBelow = depth; }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".waterfall .wf-toggle").forEach(function (button) {
      button.addEventListener("click", function () { toggle(button); });
    });
  });
})();
