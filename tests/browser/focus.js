// tests/browser.rs: checks the focus ring of the element the keyboard just reached. Returns
// "" when it is fine, else what is wrong. The ring must be drawn (outline or box-shadow),
// contrast at least 3:1 with what is behind it, and not be clipped by a scrolling ancestor.
(function () {
  "use strict";
  var el = document.activeElement;
  if (!el || el === document.body) return "";
  function rgb(s) { var m = s.match(/[\d.]+/g); return m ? m.map(Number) : [0, 0, 0, 0]; }
  function lum(c) {
    var a = c.slice(0, 3).map(function (v) { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * a[0] + 0.7152 * a[1] + 0.0722 * a[2];
  }
  function behind(node) {
    for (var n = node.parentElement; n; n = n.parentElement) {
      var c = rgb(getComputedStyle(n).backgroundColor);
      if (c.length < 4 || c[3] > 0) return c;
    }
    return [255, 255, 255];
  }
  var name = el.tagName.toLowerCase() + (el.getAttribute("href") ? "[href=" + el.getAttribute("href") + "]" : "") + " \"" + (el.textContent || "").trim().slice(0, 20) + "\"";
  var cs = getComputedStyle(el);
  var width = cs.outlineStyle === "none" ? 0 : parseFloat(cs.outlineWidth);
  if (width < 2) return name + ": no focus ring (outline " + cs.outlineStyle + " " + cs.outlineWidth + ")";
  var a = lum(rgb(cs.outlineColor)), b = lum(behind(el));
  var ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  if (ratio < 3) return name + ": focus ring contrast " + ratio.toFixed(2) + ":1 (" + cs.outlineColor + ")";
  // The ring's outer edge: its width past the offset, which is negative for a ring drawn
  // inside its element (as in a scrolling table, where the box's edge would cut one outside).
  var grow = width + (parseFloat(cs.outlineOffset) || 0);
  var r = el.getBoundingClientRect();
  var ring = { l: r.left - grow, t: r.top - grow, r: r.right + grow, b: r.bottom + grow };
  for (var n = el.parentElement; n && n !== document.body; n = n.parentElement) {
    var ns = getComputedStyle(n);
    if (ns.overflowX === "visible" && ns.overflowY === "visible") continue;
    var box = n.getBoundingClientRect();
    if (ring.l < box.left - 0.5 || ring.r > box.right + 0.5 || ring.t < box.top - 0.5 && n.scrollTop === 0 || ring.b > box.bottom + 0.5 && n.scrollTop + n.clientHeight >= n.scrollHeight)
      return name + ": focus ring clipped by " + n.tagName.toLowerCase() + "." + (n.getAttribute("class") || "");
  }
  return "";
})()
