// What tests/browser.rs asks of every page, evaluated in the page over the DevTools protocol.
// Returns a list of problems (strings); an empty list is a pass. Not shipped with the site.
(function () {
  "use strict";
  var problems = [];
  var MIN_PX = 11;
  function say(s) { if (problems.length < 40) problems.push(s); }
  function where(el) {
    var s = el.tagName.toLowerCase();
    if (el.id) s += "#" + el.id;
    else if (el.getAttribute && el.getAttribute("class")) s += "." + el.getAttribute("class").split(/\s+/).join(".");
    var p = el.closest("figure[id],section,figure,main");
    if (p && p !== el) s = (p.id ? "#" + p.id : p.tagName.toLowerCase()) + " " + s;
    return s;
  }
  function shown(el) {
    var r = el.getBoundingClientRect();
    if (r.width < 2 || r.height < 2) return false;
    var cs = getComputedStyle(el);
    return cs.visibility !== "hidden" && cs.opacity !== "0";
  }
  function srOnly(el) { return !!el.closest(".sr, .skip"); }
  // Whether characters start..end of text node `node` are drawn on more than one line.
  function onSeveralLines(node, start, end) {
    var range = document.createRange();
    range.setStart(node, start);
    range.setEnd(node, end);
    var tops = Array.prototype.map.call(range.getClientRects(), function (r) { return Math.round(r.top); });
    return tops.some(function (t) { return Math.abs(t - tops[0]) > 2; });
  }
  // Each text node of the page that is drawn as HTML text (not SVG, not screen-reader only).
  function eachShownText(fn) {
    var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      var node = walker.currentNode, host = node.parentElement;
      if (host && !(host instanceof SVGElement) && !srOnly(host) && shown(host)) fn(node, host);
    }
  }

  // 1. No text smaller than 11 CSS px as drawn (an SVG's text counts at its scaled size).
  var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  var seen = new Set();
  while (walker.nextNode()) {
    var t = walker.currentNode;
    if (!t.nodeValue.trim()) continue;
    var el = t.parentElement;
    if (!el || seen.has(el) || srOnly(el) || el.closest("title,script,style")) continue;
    seen.add(el);
    if (!shown(el)) continue;
    var size = parseFloat(getComputedStyle(el).fontSize);
    if (el instanceof SVGElement && el.getScreenCTM) {
      var m = el.getScreenCTM();
      if (m) size *= Math.sqrt(Math.abs(m.a * m.d - m.b * m.c));
    }
    if (size < MIN_PX - 0.05) say("text at " + size.toFixed(1) + "px: \"" + t.nodeValue.trim().slice(0, 30) + "\" in " + where(el));
  }

  // 2. Nothing overflows its box unannounced. A box that scrolls sideways must say so: it is
  // focusable (tabindex), named, and shows a .scroll-hint. A box that clips (overflow hidden)
  // must not be hiding text.
  Array.prototype.forEach.call(document.querySelectorAll("body *"), function (el) {
    if (srOnly(el) || el instanceof SVGElement) return;
    if (el.scrollWidth <= el.clientWidth + 1 || el.clientWidth === 0) return;
    var cs = getComputedStyle(el);
    if (cs.overflowX === "auto" || cs.overflowX === "scroll") {
      var hint = el.querySelector(".scroll-hint") || (el.nextElementSibling && el.nextElementSibling.matches(".scroll-hint") ? el.nextElementSibling : null)
        || (el.previousElementSibling && el.previousElementSibling.matches(".scroll-hint") ? el.previousElementSibling : null);
      var named = el.getAttribute("aria-label") || el.getAttribute("aria-labelledby");
      if (!hint || !shown(hint) || el.getAttribute("tabindex") !== "0" || !named)
        say(where(el) + " scrolls sideways (" + el.scrollWidth + " in " + el.clientWidth + "px) without a scroll hint, a name and tabindex=0");
    } else if ((cs.overflowX === "hidden" || cs.overflowX === "clip") && el.textContent.trim()) {
      say(where(el) + " clips its text (" + el.scrollWidth + " in " + el.clientWidth + "px)");
    } else if (/^T[DH]$/.test(el.tagName) && cs.display !== "table-cell" && el.textContent.trim()) {
      // A table's cell laid out as a card's box (a phone's stacked table) whose text runs out
      // of it past the edge of the box that clips the table: cut off, with nothing to say
      // that the rest is there. (Text that runs into room beside it is seen whole.)
      var clip = el.parentElement;
      while (clip && getComputedStyle(clip).overflowX === "visible") clip = clip.parentElement;
      var range = document.createRange();
      range.selectNodeContents(el);
      var text = range.getBoundingClientRect(), box = clip ? clip.getBoundingClientRect() : { left: 0, right: document.documentElement.clientWidth };
      if (text.right > box.right + 1 || text.left < box.left - 1)
        say(where(el) + " is cut off at its table's edge (" + Math.round(text.left) + "–" + Math.round(text.right) + " in " + Math.round(box.left) + "–" + Math.round(box.right) + " px): \"" + el.textContent.trim().slice(0, 30) + "\"");
    }
  });
  // The page itself never pans sideways. Measured against the layout viewport (clientWidth):
  // in a phone's emulation innerWidth grows to what overflows (the stars' screen-reader text
  // escaping a scroll box widened the store league and innerWidth with it).
  var vw = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > vw)
    say("content is " + (document.documentElement.scrollWidth - vw) + "px wider than the viewport");

  // 3. No number cut mid-way by an ellipsis ("n = 1,24…", "3,99…") in a chart.
  Array.prototype.forEach.call(document.querySelectorAll("svg text"), function (el) {
    if (/[0-9.,]…/.test(el.textContent)) say("a number cut by an ellipsis: \"" + el.textContent + "\"");
    // ... nor a negative one written with a hyphen where the tables write a minus ("-50").
    if (/(^|[\s(])-[0-9]/.test(el.textContent)) say("a negative number with a hyphen for its minus: \"" + el.textContent.trim() + "\"");
  });

  // 4. Every chart has a text alternative that carries its numbers.
  Array.prototype.forEach.call(document.querySelectorAll("main svg"), function (svg) {
    // The table is in the chart's box (a .map, figure or section) or right after it.
    var alt = null;
    [svg.closest(".map"), svg.closest("figure"), svg.closest("section")].forEach(function (box) {
      if (alt || !box) return;
      alt = box.querySelector("table");
      var next = box.nextElementSibling;
      if (!alt && next) alt = next.matches("table") ? next : next.querySelector("table");
    });
    if (!alt || !/[0-9]/.test(alt.textContent)) say(where(svg) + " has no table of its numbers");
  });
  // 5. A count is never broken across lines ("n =" at a line's end, "34,805" on the next).
  eachShownText(function (node, host) {
    var re = /\bn[ \u00a0]=[ \u00a0][0-9][0-9,.]*/g, m;
    while ((m = re.exec(node.nodeValue))) {
      if (onSeveralLines(node, m.index, m.index + m[0].length))
        say("a count broken across lines: \"" + m[0] + "\" in " + where(host));
    }
  });

  // 6. A KPI tile keeps its order of weight: no line under the number is louder than the
  // interval (the whole data's figure and notes are context, not the headline).
  Array.prototype.forEach.call(document.querySelectorAll(".tile"), function (tile) {
    var ci = tile.querySelector(".tile-ci");
    if (!ci) return;
    var ciSize = parseFloat(getComputedStyle(ci).fontSize);
    Array.prototype.forEach.call(tile.children, function (line) {
      if (line.matches(".tile-label, .tile-value, .tile-ci") || !shown(line)) return;
      var size = parseFloat(getComputedStyle(line).fontSize);
      if (size > ciSize + 0.1) say(where(line) + " is louder (" + size + "px) than the tile's interval (" + ciSize + "px)");
    });
  });

  // 7. A table's key column (sticky, with its own ground) sits on the same ground as its cells.
  function ground(el) {
    for (var n = el; n; n = n.parentElement) {
      var c = getComputedStyle(n).backgroundColor;
      if (c !== "rgba(0, 0, 0, 0)" && c !== "transparent") return c;
    }
    return "rgb(255, 255, 255)";
  }
  Array.prototype.forEach.call(document.querySelectorAll("main table"), function (table) {
    var row = table.tBodies[0] && table.tBodies[0].rows[0];
    var th = row && row.querySelector("th"), td = row && row.querySelector("td");
    if (!th || !td || !shown(th) || getComputedStyle(th).position !== "sticky") return;
    var a = ground(th), b = ground(td);
    if (a !== b && !td.className.match(/\bh[0-9x]\b/)) say(where(table) + ": its key column's ground (" + a + ") differs from its cells' (" + b + ")");
  });

  // 8. A name in a column heading (a link to its page) is written as it is named: the headings'
  // small capitals would turn "App home" into "APP HOME" and "iPhone" into "IPHONE".
  Array.prototype.forEach.call(document.querySelectorAll("main thead th a"), function (a) {
    if (shown(a) && getComputedStyle(a).textTransform !== "none")
      say("a name in a column heading is transformed (" + getComputedStyle(a).textTransform + "): \"" + a.textContent.trim().slice(0, 30) + "\"");
  });

  // 9. Every column of a table says something and lines up under its heading: no column empty
  // in every row (a heading over nothing), no cells aligned apart from their heading (a
  // right-aligned "Stars" over left-aligned stars left a gap across the table).
  function side(el) { var a = getComputedStyle(el).textAlign; return a === "right" || a === "end" ? "right" : a === "center" ? "center" : "left"; }
  Array.prototype.forEach.call(document.querySelectorAll("main table"), function (table) {
    if (!table.tHead || !table.tBodies[0] || table.querySelector("[colspan]")) return;
    var heads = table.tHead.rows[0].cells, rows = Array.prototype.slice.call(table.tBodies[0].rows);
    if (rows.length < 2) return;
    Array.prototype.forEach.call(heads, function (th, i) {
      if (i === 0 || !shown(th)) return;
      var cells = rows.map(function (r) { return r.cells[i]; }).filter(Boolean);
      if (cells.every(function (c) { return !c.textContent.trim() && !c.querySelector("*"); }))
        say(where(table) + ": column \"" + th.textContent.trim() + "\" is empty in every row");
      var first = cells.filter(function (c) { return c.textContent.trim(); })[0];
      if (first && side(first) !== side(th))
        say(where(table) + ": column \"" + th.textContent.trim() + "\" is aligned " + side(first) + " under a heading aligned " + side(th));
    });
  });

  // 10. A "scroll sideways" hint shows only beside a box that has something to scroll.
  Array.prototype.forEach.call(document.querySelectorAll(".scroll-hint"), function (hint) {
    var box = hint.nextElementSibling;
    if (!shown(hint) || !box || !box.matches(".table-scroll") || box.clientWidth === 0) return;
    if (box.scrollWidth <= box.clientWidth + 1)
      say(where(box) + ": a scroll hint shows beside a table that fits (" + box.scrollWidth + " in " + box.clientWidth + "px)");
  });

  // 11. A period's name in a KPI tile ("Nov 2026", "Q3 2026", "Week 7 2026", "2026年11月",
  // "2026年第3季度") is one line box, never "Nov" at a line's end and "2026" on the next.
  var period = /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Q[1-4]|Week [0-9]+|W[0-9]+)[ \u00a0][0-9]{4}\b|[0-9]{4}年(?:[0-9]{1,2}月|第[0-9]+(?:季度|周))/g;
  Array.prototype.forEach.call(document.querySelectorAll(".tile"), function (tile) {
    var pw = document.createTreeWalker(tile, NodeFilter.SHOW_TEXT);
    while (pw.nextNode()) {
      var node = pw.currentNode, host = node.parentElement, m;
      if (!host || !shown(host)) continue;
      period.lastIndex = 0;
      while ((m = period.exec(node.nodeValue))) {
        if (onSeveralLines(node, m.index, m.index + m[0].length))
          say("a period's name broken across lines: \"" + m[0] + "\" in " + where(host));
      }
    }
  });

  // 12. A row of KPI tiles has no empty column (three tiles in a grid of four left one).
  Array.prototype.forEach.call(document.querySelectorAll(".tiles"), function (row) {
    if (!shown(row) || !row.children.length) return;
    var cols = getComputedStyle(row).gridTemplateColumns.split(/\s+/).filter(function (c) { return parseFloat(c) > 0; }).length;
    if (cols > row.children.length)
      say(where(row) + ": " + row.children.length + " tile(s) in " + cols + " columns leave an empty one");
  });

  // 13. A bracketed interval in a number cell ("(+3.8 – +10.7)") is on one line: the cell breaks
  // before it, never inside it.
  Array.prototype.forEach.call(document.querySelectorAll("main td.num"), function (td) {
    var node = td.firstChild;
    if (!node || node.nodeType !== 3 || !shown(td)) return;
    var at = node.nodeValue.indexOf("("), end = node.nodeValue.indexOf(")", at);
    if (at < 0 || end < 0) return;
    if (onSeveralLines(node, at, end + 1))
      say("an interval broken across lines: \"" + node.nodeValue.slice(at, end + 1) + "\" in " + where(td));
  });

  // 14. A comment is laid out in its own direction (Arabic or Hebrew right to left): every
  // verbatim has dir="auto".
  Array.prototype.forEach.call(document.querySelectorAll(".comment q"), function (q) {
    if (q.getAttribute("dir") !== "auto") say(where(q) + ": a comment without dir=\"auto\"");
  });

  // 14b. A verbatim's date ("2025-03-14") is not broken at its hyphen onto two lines.
  Array.prototype.forEach.call(document.querySelectorAll(".comment .meta"), function (meta) {
    if (!shown(meta)) return;
    var date = Array.prototype.filter.call(meta.querySelectorAll("span"), function (s) { return /^\d{4}-\d{2}(-\d{2})?$/.test(s.textContent.trim()); })[0];
    if (date && lines(date) > 1) say(where(date) + ": a comment's date broken over two lines: \"" + date.textContent.trim() + "\"");
  });

  // 14c. Anywhere in the page's text, a date, month or phone-like number joined by hyphens
  // ("2024-03-05", "2025-13-40", "138-0013-8000") is not broken at a hyphen onto two lines: a
  // browser may break after any hyphen, and "2024-" over "03-05" reads as two figures.
  eachShownText(function (node, host) {
    var re = /\d+(?:-\d+)+/g, m;
    while ((m = re.exec(node.nodeValue))) {
      if (m[0].length <= 24 && onSeveralLines(node, m.index, m.index + m[0].length))
        say("a date or number broken at a hyphen: \"" + m[0] + "\" in " + where(host));
    }
  });

  // 15. A link whose text is only a symbol ("→") has a name a screen reader can say.
  Array.prototype.forEach.call(document.querySelectorAll("main a[href]"), function (a) {
    if (/[\p{L}\p{N}]/u.test(a.textContent) || a.querySelector("svg, img")) return;
    if (!(a.getAttribute("aria-label") || "").trim()) say(where(a) + ": a link named only \"" + a.textContent.trim() + "\"");
  });

  // 16. No table without rows (a heading over nothing), and no breakdown whose every row
  // shows no figure for a reason they share: a multi-select question's options (they count the
  // same respondents; every option withheld showed six rows of "withheld", n = 60), or rows
  // with no answers at all. That reason is one line instead.
  Array.prototype.forEach.call(document.querySelectorAll("main table"), function (table) {
    if (!table.tHead || !shown(table)) return;
    var rows = Array.prototype.reduce.call(table.tBodies, function (k, b) { return k + b.rows.length; }, 0);
    if (!rows) { say(where(table) + ": a table with no rows"); return; }
    if (!table.matches(".bars") || rows < 2) return;
    var why = Array.prototype.map.call(table.tBodies[0].rows, function (r) {
      var v = r.cells[1], n = r.cells[r.cells.length - 1];
      return r.querySelector(".dot") || !v || !n ? null : v.textContent.trim() + "|" + n.textContent.trim();
    });
    var shared = !!table.closest("figure[id^='choice-']") || (why[0] !== null && /\|0$/.test(why[0]));
    if (shared && why.every(function (w) { return w !== null && w === why[0]; }))
      say(where(table) + ": no row shows a figure, all for one reason (\"" + why[0].split("|")[0] + "\"): say it once instead");
  });

  // 17. Names keep room to be read on a phone. A league's name cell of more than three lines
  // ("S104 / 杭州上城店 / Hangzhou / Shangcheng") is a column crushed; the table scrolls instead.
  // A breakdown's name of more than two lines ("Preferred / channel: / mini- / program" in a
  // column beside the bars) is one too: on a phone each name has a line of its own.
  function lines(el) {
    // Its text's lines, not the cell's height (a row is as tall as its tallest cell): the
    // distinct tops of the text's boxes (a line's Chinese and Latin runs differ by a pixel or two).
    var range = document.createRange();
    range.selectNodeContents(el);
    var rects = Array.prototype.filter.call(range.getClientRects(), function (r) { return r.width > 0 && r.height > 0; });
    var tops = rects.map(function (r) { return r.top; }).sort(function (a, b) { return a - b; });
    var n = 0, last = -Infinity, gap = rects.length ? 0.6 * Math.min.apply(null, rects.map(function (r) { return r.height; })) : 0;
    tops.forEach(function (t) { if (t > last + gap) { n++; last = t; } });
    return n;
  }
  Array.prototype.forEach.call(document.querySelectorAll("#league tbody th"), function (th) {
    if (!shown(th)) return;
    var n = lines(th);
    if (n > 3) say(where(th) + ": a league name on " + n + " lines: \"" + th.textContent.trim().slice(0, 30) + "\"");
  });
  // What customers say: a theme's or question's name, or a question's top themes, on more
  // than two lines is a column crushed beside the figures.
  Array.prototype.forEach.call(document.querySelectorAll(".voc-themes tbody th, .voc-questions tbody th, .voc-questions tbody td:last-child"), function (cell) {
    if (!shown(cell) || cell.textContent.trim().length > 80) return;
    var n = lines(cell);
    if (n > 2) say(where(cell) + ": what customers say on " + n + " lines: \"" + cell.textContent.trim().slice(0, 30) + "\"");
  });
  Array.prototype.forEach.call(document.querySelectorAll("table.bars tbody th bdi"), function (name) {
    if (!shown(name) || name.textContent.trim().length > 60) return;
    var n = lines(name);
    if (n > 2) say(where(name) + ": a breakdown's name on " + n + " lines: \"" + name.textContent.trim().slice(0, 30) + "\"");
  });
  // Any other table that scrolls sideways anyway: a name in its key column or a text cell on
  // more than two lines (up to 24 characters: "门店招牌 Store signage") or three (up to 40:
  // "Preferred channel: mini-program" read on four) is a column crushed for nothing.
  Array.prototype.forEach.call(document.querySelectorAll(".table-scroll"), function (box) {
    if (box.scrollWidth <= box.clientWidth + 1 || box.querySelector("#league")) return;
    Array.prototype.forEach.call(box.querySelectorAll("table:not(.bars) tbody th, table:not(.bars) tbody td:not(.num)"), function (cell) {
      var text = cell.textContent.trim();
      if (!shown(cell) || text.length > 40 || cell.querySelector("ul, ol, svg")) return;
      var n = lines(cell), most = text.length <= 24 ? 2 : 3;
      if (n > most) say(where(cell) + ": a short name on " + n + " lines in a table that scrolls anyway: \"" + text.slice(0, 30) + "\"");
    });
  });
  // 18. A sortable heading keeps its words for print: Chromium paints no button in the heading
  // it repeats on each printed sheet (a league's columns were nameless from the second sheet
  // on), so beside the sort button there is a print label with the same words.
  Array.prototype.forEach.call(document.querySelectorAll("main th > button.sort"), function (b) {
    var label = b.parentNode.querySelector(".print-label");
    if (!label || label.textContent.trim() !== b.textContent.trim())
      say(where(b.parentNode) + ": a sort button without a print label of its words (\"" + b.textContent.trim() + "\")");
  });
  // 19. No empty section: a box that says nothing (no text, no chart) is a gap on the page
  // and, when named, a landmark a screen reader announces over nothing (the summary of a
  // project of comments alone had an empty "Key figures" region under its heading).
  Array.prototype.forEach.call(document.querySelectorAll("main section"), function (sec) {
    if (!sec.textContent.trim() && !sec.querySelector("svg, img, canvas"))
      say(where(sec) + ": an empty section");
  });
  // 20. No word broken inside itself: a Latin word of up to 14 letters split over two lines
  // reads as two words ("Store environme|nt" in the heat map's narrow theme column on a
  // phone, where Chromium on Linux has no hyphenation dictionary to draw a hyphen). Longer
  // runs (codes, pasted addresses) may break; so may Chinese, which has no spaces to break at.
  eachShownText(function (node, host) {
    var re = /\b[A-Za-z]{4,14}\b/g, m;
    while ((m = re.exec(node.nodeValue))) {
      if (onSeveralLines(node, m.index, m.index + m[0].length))
        say("a word broken across lines: \"" + m[0] + "\" in " + where(host));
    }
  });
  // 22. No Chinese word broken inside a column heading: a heading's run of two to six Han
  // characters (a name's Chinese part, "小程序浏览") split over two lines reads as two words
  // ("小程序浏/览" in the theme heat map at 1280 px). A heading breaks at its spaces instead.
  Array.prototype.forEach.call(document.querySelectorAll("thead th"), function (th) {
    if (!shown(th) || srOnly(th)) return;
    var walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      var node = walker.currentNode, re = /[\u4e00-\u9fff]{2,6}/g, m;
      if (node.parentElement && node.parentElement.closest(".sr")) continue;
      while ((m = re.exec(node.nodeValue))) {
        if (onSeveralLines(node, m.index, m.index + m[0].length))
          say("a Chinese word broken across lines in a heading: \"" + m[0] + "\" in " + where(th));
      }
    }
  });
  // 21. A control of a sideways-scrolling table, reached by the keyboard, is in view: not
  // under the table's sticky key column (a league's sort buttons were scrolled to sit 58–83 %
  // under the "Name" column on a phone). Each is focused as Tab would, measured, and the box
  // put back where it was.
  Array.prototype.forEach.call(document.querySelectorAll(".table-scroll"), function (box) {
    if (box.scrollWidth <= box.clientWidth + 1) return;
    var keyCell = box.querySelector("tbody tr > th:first-child");
    if (!keyCell || getComputedStyle(keyCell).position !== "sticky") return;
    var left = box.scrollLeft;
    Array.prototype.forEach.call(box.querySelectorAll("thead a, thead button, tbody td a"), function (el) {
      var cell = el.closest("th, td");
      if (!shown(el) || cell && getComputedStyle(cell).position === "sticky") return;
      el.focus();
      var r = el.getBoundingClientRect(), k = keyCell.getBoundingClientRect();
      var under = Math.max(0, Math.min(r.right, k.right) - Math.max(r.left, k.left));
      if (r.width > 0 && under / r.width > 0.2)
        say(where(el) + ": a focused control " + Math.round(100 * under / r.width) + "% under the sticky key column (\"" + el.textContent.trim().slice(0, 20) + "\")");
      el.blur();
    });
    box.scrollLeft = left;
  });
  // 23. A control of a table that scrolls sideways, focused as Tab would, is wholly in view
  // with its focus ring: inside the box and clear of the sticky key column. Chromium leaves a
  // control where it is when 32 px of it show (a heat map's heading link stayed half past
  // the box's edge, its ring cut off). The site's ring is drawn inside its control
  // (outline-offset −3px), so the control's box is the ring's; a ring drawn outside is added.
  Array.prototype.forEach.call(document.querySelectorAll(".table-scroll"), function (box) {
    if (box.scrollWidth <= box.clientWidth + 1 || !shown(box)) return;
    var left0 = box.scrollLeft, keyCell = box.querySelector("tbody tr > th:first-child");
    var sticky = keyCell && getComputedStyle(keyCell).position === "sticky";
    Array.prototype.forEach.call(box.querySelectorAll("a[href], button"), function (el) {
      if (!shown(el)) return;
      el.focus();
      var cs = getComputedStyle(el), grow = 0;
      if (cs.outlineStyle !== "none") grow = Math.max(0, parseFloat(cs.outlineWidth) + (parseFloat(cs.outlineOffset) || 0));
      var r = el.getBoundingClientRect(), b = box.getBoundingClientRect();
      var left = b.left + box.clientLeft, right = left + box.clientWidth;
      var cell = el.closest("th, td");
      if (sticky && cell && getComputedStyle(cell).position !== "sticky") left = Math.max(left, keyCell.getBoundingClientRect().right);
      if (r.left - grow < left - 0.5 || r.right + grow > right + 0.5)
        say(where(el) + ": a focused control's ring is cut by its scrolling table (\"" + el.textContent.trim().slice(0, 20) + "\": " + Math.round(r.left) + "–" + Math.round(r.right) + " px in " + Math.round(left) + "–" + Math.round(right) + ")");
      el.blur();
    });
    box.scrollLeft = left0;
  });
  // 24. On a laptop (1280 px and up) the themes heat map fits its column: sixteen touchpoints
  // scrolled sideways at 1440 px.
  if (window.innerWidth >= 1280) {
    Array.prototype.forEach.call(document.querySelectorAll(".table-scroll"), function (box) {
      if (box.querySelector("table.heatmap") && box.scrollWidth > box.clientWidth + 1)
        say("the heat map scrolls sideways at " + window.innerWidth + " px (" + box.scrollWidth + " in " + box.clientWidth + "px)");
    });
  }
  // 25. On a phone every figure of a table's rows is on the screen without scrolling sideways
  // (a store league's NPS and the key drivers' priority were past its edge, behind the sticky
  // names). Only the matrices, a column per touchpoint or per period, scroll.
  if (window.innerWidth <= 560) {
    Array.prototype.forEach.call(document.querySelectorAll("main table"), function (table) {
      // (A team's markdown page's own table scrolls under its hint: it has no column names
      // for its cells to carry.)
      if (!shown(table) || table.matches(".heatmap") || table.closest("#theme-trends, details.numbers, .prose")) return;
      var row = table.tBodies[0] && table.tBodies[0].rows[0];
      if (!row) return;
      Array.prototype.forEach.call(row.cells, function (cell, i) {
        if (!shown(cell)) return;
        var r = cell.getBoundingClientRect();
        if (r.right > vw + 0.5 || r.left < -0.5) {
          var head = table.tHead && table.tHead.rows[0].cells[i];
          say(where(table) + ": column \"" + (head ? head.textContent.trim().slice(0, 20) : i) + "\" is off the screen on a phone (" + Math.round(r.left) + "–" + Math.round(r.right) + " px of " + vw + ")");
        }
      });
    });
  }
  // 26. An interval is never broken between its ends ("(−0.41 –" at a line's end, "−0.12)" on
  // the next), in a table or in a sentence: a range of two numbers round a dash, or an
  // interval's "low to high" in words.
  var ranges = [/(?<![\d.,\-\/])[−+]?\d[\d.,]*%?[ \u00a0]+[–—~]\u2060?[ \u00a0]+[−+]?\d[\d.,]*%?(?![\d\-\/])/g,
    /(?:interval|区间) [−+-]?\d[\d.,]*%?[ \u00a0](?:to|至)[ \u00a0][−+-]?\d[\d.,]*%?/g];
  eachShownText(function (node, host) {
    ranges.forEach(function (re) {
      re.lastIndex = 0;
      var m;
      while ((m = re.exec(node.nodeValue))) {
        var at = m[0].search(/[−+\d]/);
        if (onSeveralLines(node, m.index + at, m.index + m[0].length))
          say("an interval broken across lines: \"" + m[0].slice(at) + "\" in " + where(host));
      }
    });
  });
  return problems;
})()
