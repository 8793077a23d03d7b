// cxsite's only script. The site reads fully without it.
//
// 1. The navigation is a <details> element: collapsed on narrow screens, opened here on wide ones.
// 2. Sortable tables without a framework: a table with class "sortable" sorts by a column when
// its heading (marked data-sort="text" or "num") is activated. Without script the table
// still reads in its original order.
// 3. A table's "scroll sideways" hint is hidden (class "fits") while its box has nothing to
// scroll, measured on load, on resize and when a <details> opens. Without script the hint
// shows wherever the stylesheet shows it.
(function () {
  "use strict";
  function key(cell, numeric) {
    var raw = cell.getAttribute("data-value");
    if (raw === null) raw = cell.textContent.trim();
    if (!numeric) return raw.toLowerCase();
    var n = parseFloat(raw);
    return isNaN(n) ? -Infinity : n;
  }
  function sort(table, col, numeric, th) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var asc = th.getAttribute("aria-sort") !== "ascending";
    rows.sort(function (a, b) {
      var x = key(a.cells[col], numeric), y = key(b.cells[col], numeric);
      if (x < y) return asc ? -1 : 1;
      if (x > y) return asc ? 1 : -1;
      return 0;
    });
    rows.forEach(function (r) { body.appendChild(r); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
  }
  function fitHints() {
    Array.prototype.forEach.call(document.querySelectorAll(".table-scroll"), function (box) {
      var hint = box.previousElementSibling;
      if (!hint || !hint.classList.contains("scroll-hint") || box.clientWidth === 0) return;
      hint.classList.toggle("fits", box.scrollWidth <= box.clientWidth + 1);
    });
  }
  var pending = false;
  function refit() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () { pending = false; fitHints(); });
  }
  window.addEventListener("resize", refit);
  // "toggle" does not bubble: listen while it is captured.
  document.addEventListener("toggle", refit, true);
  document.addEventListener("DOMContentLoaded", function () {
    var nav = document.getElementById("nav-toggle");
    if (nav && window.matchMedia("(min-width: 861px)").matches) nav.open = true;
    Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
        var kind = th.getAttribute("data-sort");
        if (!kind) return;
        var button = document.createElement("button");
        button.type = "button";
        button.className = "sort";
        while (th.firstChild) button.appendChild(th.firstChild);
        th.appendChild(button);
        button.addEventListener("click", function () { sort(table, col, kind === "num", th); });
      });
    });
    // Measured once the sort buttons (which widen a heading) are in.
    fitHints();
  });
  // ... and again once everything (fonts included) is in.
  window.addEventListener("load", refit);
})();
