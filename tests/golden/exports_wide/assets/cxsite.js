// cxsite's only script. The site reads fully without it.
//
// 1. The navigation is a <details> element: collapsed on narrow screens, opened here on wide
// ones, its current entry scrolled into view.
// 2. Sortable tables without a framework: a table with class "sortable" sorts by a column when
// its heading (marked data-sort="text" or "num") is activated. Without script the table
// still reads in its original order. A table written in a column's order carries aria-sort on
// that heading from the page itself; activating it turns the order round, any other heading
// sorts ascending first, and aria-sort moves to the heading sorted by.
// 3. A table's "scroll sideways" hint shows (class "scrolls") at any width while its box has
// something to scroll, and is hidden (class "fits") while it has not; measured on load, on
// resize and when a <details> opens. Without script the hint shows wherever the stylesheet
// shows it (on a phone). The box's scroll padding is set to its sticky key column's width, so
// that a control focused by Tab is not scrolled under that column, and a focused control is
// brought wholly into view with its focus ring.
(function () {
  "use strict";
  // A cell's sort key, or null for a cell without a figure ("withheld", "no answers", blank).
  function key(cell, numeric) {
    if (!cell) return null;
    var raw = cell.getAttribute("data-value");
    if (raw === null) raw = cell.textContent.trim();
    if (!numeric) return raw === "" ? null : raw.toLowerCase();
    var n = parseFloat(raw);
    return isNaN(n) ? null : n;
  }
  function sort(table, col, numeric, th) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var asc = th.getAttribute("aria-sort") !== "ascending";
    rows.sort(function (a, b) {
      var x = key(a.cells[col], numeric), y = key(b.cells[col], numeric);
      // Rows without a figure go last whichever way the table is sorted.
      if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
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
      // A control reached by Tab is scrolled into view clear of the sticky key column, not
      // under it: the box's scroll padding is that column's width.
      var keyCell = box.querySelector("tbody tr > th:first-child");
      if (keyCell && keyCell.offsetWidth) box.style.scrollPaddingLeft = keyCell.offsetWidth + "px";
      var hint = box.previousElementSibling;
      if (!hint || !hint.classList.contains("scroll-hint") || box.clientWidth === 0) return;
      var fits = box.scrollWidth <= box.clientWidth + 1;
      hint.classList.toggle("fits", fits);
      hint.classList.toggle("scrolls", !fits);
    });
  }
  // A control reached by Tab inside a box that scrolls sideways is brought wholly into view
  // with room for its focus ring: clear of the box's edges and of the sticky key column. The
  // browser scrolls only as far as the control's first line (a heading's link on two lines
  // stayed half past the edge) and flush with the edge, where the box clipped the ring.
  var RING = 6;
  function ringInView(el) {
    var box = el.closest && el.closest(".table-scroll");
    if (!box || box === el || box.scrollWidth <= box.clientWidth + 1) return;
    var r = el.getBoundingClientRect(), b = box.getBoundingClientRect();
    var left = b.left + box.clientLeft, right = left + box.clientWidth;
    var cell = el.closest("th, td"), key = box.querySelector("tbody tr > th:first-child");
    if (key && cell && getComputedStyle(cell).position !== "sticky" && getComputedStyle(key).position === "sticky")
      left = Math.max(left, key.getBoundingClientRect().right);
    if (r.right + RING > right) box.scrollLeft += Math.min(r.right + RING - right, r.left - RING - left);
    else if (r.left - RING < left) box.scrollLeft -= left - (r.left - RING);
  }
  document.addEventListener("focusin", function (e) {
    ringInView(e.target);
    // ... and again once the browser has scrolled it its own way.
    window.requestAnimationFrame(function () { if (document.activeElement === e.target) ringInView(e.target); });
  });
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
    // A menu taller than its sticky box scrolls: the current page's entry is brought into
    // view (to a third of the box), not left below its lower edge.
    var side = document.querySelector(".sidenav"), here = side && side.querySelector('[aria-current="page"]');
    if (here && side.scrollHeight > side.clientHeight + 1) {
      var off = here.getBoundingClientRect().top - side.getBoundingClientRect().top;
      if (off < 0 || off + here.offsetHeight > side.clientHeight) side.scrollTop += off - side.clientHeight / 3;
    }
    Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
        var kind = th.getAttribute("data-sort");
        if (!kind) return;
        var button = document.createElement("button");
        button.type = "button";
        button.className = "sort";
        // Chromium does not paint a button in the table heading it repeats on each printed
        // sheet (from the second on, a league's columns had no names): paper gets the
        // heading's words as plain text instead, hidden from screen readers (they read the
        // button) and from the screen.
        var label = document.createElement("span");
        label.className = "print-label";
        label.setAttribute("aria-hidden", "true");
        label.textContent = th.textContent;
        while (th.firstChild) button.appendChild(th.firstChild);
        th.appendChild(label);
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
