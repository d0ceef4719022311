// factcheck report: step through findings (j / k, Previous / Next), centre their evidence, filter.
(function () {
  "use strict";
  var all = Array.prototype.slice.call(document.querySelectorAll("[data-nav]"));
  var boxes = Array.prototype.slice.call(document.querySelectorAll(".filters input[type=checkbox]"));
  var list = document.querySelector(".findings .list");
  var position = document.getElementById("position");
  var current = null;

  function visible() {
    return all.filter(function (item) { return !item.classList.contains("filtered"); });
  }

  function marksOf(item) {
    return document.querySelectorAll('mark[data-target="' + item.id + '"], .pin[href="#' + item.id + '"]');
  }

  function firstMarks(item) {
    // The first piece of each span carries the id; speakers come after the evidence itself.
    return Array.prototype.slice.call(document.querySelectorAll('mark[id][data-target="' + item.id + '"]'))
      .filter(function (m) { return !m.classList.contains("speaker"); });
  }

  function showInList(item) {
    if (!list || !list.contains(item)) { return; }
    var box = list.getBoundingClientRect(), row = item.getBoundingClientRect();
    if (row.top < box.top || row.bottom > box.bottom) {
      list.scrollTop += row.top - box.top - (box.height - row.height) / 2;
    }
  }

  function centre(marks) {
    // Side by side, each article scrolls on its own: centring each mark in turn centres both.
    // Stacked (a phone), only one can sit in the middle: the candidate's, the retelling.
    var stacked = marks.length > 1 && getComputedStyle(marks[0].closest(".text")).overflowY !== "auto";
    var chosen = stacked ? marks.slice(-1) : marks;
    chosen.forEach(function (mark) { mark.scrollIntoView({ block: "center", inline: "nearest" }); });
    var focus = chosen[chosen.length - 1];
    if (focus) {
      focus.setAttribute("tabindex", "-1");
      focus.focus({ preventScroll: true });
    }
  }

  function select(item, scroll) {
    document.querySelectorAll(".current").forEach(function (el) { el.classList.remove("current"); });
    current = item;
    if (item) {
      item.classList.add("current");
      marksOf(item).forEach(function (el) { el.classList.add("current"); });
      showInList(item);
      if (scroll) { centre(firstMarks(item)); }
      try { history.replaceState(null, "", "#" + item.id); } catch (e) { /* file: pages may refuse */ }
    }
    count();
  }

  function count() {
    if (!position) { return; }
    var shown = visible();
    var at = current ? shown.indexOf(current) + 1 : 0;
    position.textContent = (at ? at : "–") + " / " + shown.length;
  }

  function step(by) {
    var shown = visible();
    if (!shown.length) { return; }
    var at = current ? shown.indexOf(current) : -1;
    var next = at < 0 ? (by > 0 ? 0 : shown.length - 1) : (at + by + shown.length) % shown.length;
    select(shown[next], true);
  }

  function apply() {
    var off = {};
    boxes.forEach(function (box) { if (!box.checked) { off[box.name + ":" + box.value] = true; } });
    document.querySelectorAll("[data-sev][data-kind]").forEach(function (el) {
      var hidden = off["sev:" + el.dataset.sev] || off["kind:" + el.dataset.kind];
      el.classList.toggle("filtered", Boolean(hidden));
    });
    if (current && current.classList.contains("filtered")) { select(null, false); }
    count();
  }

  function itemFor(id) {
    var el = id && document.getElementById(id);
    if (!el) { return null; }
    if (el.hasAttribute("data-nav")) { return el; }
    var target = el.getAttribute("data-target");
    return target ? document.getElementById(target) : null;
  }

  // Pins whose evidence starts on the same line are stacked, so that none hides another.
  function spreadPins() {
    var lineTop = null, lineDoc = null, shift = 0;
    document.querySelectorAll(".doc .pin").forEach(function (pin) {
      pin.style.marginTop = "";
      var top = pin.getBoundingClientRect().top, doc = pin.closest(".doc");
      if (doc === lineDoc && Math.abs(top - lineTop) < 4) { shift += 1; }
      else { shift = 0; lineTop = top; lineDoc = doc; }
      if (shift) { pin.style.marginTop = "calc(0.2em + " + (0.95 * shift) + "rem)"; }
    });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest('a[href^="#"]');
    var item = null;
    if (link) {
      item = itemFor(decodeURIComponent(link.getAttribute("href").slice(1)));
      if (!item) { return; }
      event.preventDefault();
      // A row's evidence link, a pin or a mark shows the evidence; a row elsewhere does too.
      select(item, true);
      if (link.classList.contains("pin")) { showInList(item); }
      return;
    }
    var mark = event.target.closest("mark[data-target]");
    if (mark && !mark.classList.contains("filtered")) {
      item = document.getElementById(mark.dataset.target);
      if (item) { select(item, false); }
      return;
    }
    var row = event.target.closest("[data-nav]");
    if (row && !event.target.closest("input, label")) { select(row, true); }
  });

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    if (event.target.closest && event.target.closest("input, textarea, select, [contenteditable]")) { return; }
    if (event.key === "j") { step(1); event.preventDefault(); }
    else if (event.key === "k") { step(-1); event.preventDefault(); }
    else if (event.key === "Escape") { select(null, false); }
  });

  boxes.forEach(function (box) { box.addEventListener("change", apply); });
  var prev = document.getElementById("prev"), next = document.getElementById("next");
  if (prev && next) {
    prev.addEventListener("click", function () { step(-1); });
    next.addEventListener("click", function () { step(1); });
    prev.parentNode.hidden = all.length === 0;
  }
  window.addEventListener("resize", spreadPins);
  apply();
  spreadPins();
  var start = itemFor(decodeURIComponent(location.hash.slice(1)));
  if (start) { select(start, true); }
})();
