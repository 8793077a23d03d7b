// cxsite serve: live reload. Served only by `cxsite serve` at /__cxsite/livereload.js and
// never written into a built site. Long-polls /__cxsite/poll; reloads the page after a
// successful rebuild and shows a failed rebuild's error in an overlay (as text, never HTML).
(function () {
  "use strict";
  var generation = null;
  function overlay(message) {
    var box = document.getElementById("__cxsite_overlay");
    if (!message) {
      if (box) box.parentNode.removeChild(box);
      return;
    }
    if (!box) {
      box = document.createElement("div");
      box.id = "__cxsite_overlay";
      box.setAttribute("role", "alert");
      var s = box.style;
      s.position = "fixed"; s.left = "0"; s.right = "0"; s.bottom = "0"; s.maxHeight = "60vh";
      s.overflow = "auto"; s.zIndex = "2147483647"; s.background = "#fff5f5";
      s.borderTop = "4px solid #b2182b"; s.padding = "1em 1.5em"; s.color = "#222";
      s.font = "14px/1.4 system-ui, sans-serif"; s.boxShadow = "0 -2px 12px rgba(0,0,0,.2)";
      (document.body || document.documentElement).appendChild(box);
    }
    box.textContent = "";
    var title = document.createElement("strong");
    title.textContent = "cxsite: the rebuild failed. This is the last good site; fix the project and it reloads.";
    var pre = document.createElement("pre");
    pre.style.whiteSpace = "pre-wrap";
    pre.style.margin = "0.5em 0 0";
    pre.textContent = message;
    box.appendChild(title);
    box.appendChild(pre);
  }
  function poll() {
    var url = "/__cxsite/poll" + (generation === null ? "" : "?since=" + generation);
    fetch(url, { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (state) {
        if (generation !== null && state.generation !== generation && !state.error) {
          window.location.reload();
          return;
        }
        generation = state.generation;
        overlay(state.error);
        poll();
      })
      .catch(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
