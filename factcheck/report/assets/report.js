// factcheck report: severity and kind filters, and a click on a highlight jumps to its finding.
(function () {
  "use strict";
  var boxes = Array.prototype.slice.call(document.querySelectorAll(".filters input[type=checkbox]"));

  function apply() {
    var off = {};
    boxes.forEach(function (box) {
      if (!box.checked) { off[box.name + ":" + box.value] = true; }
    });
    document.querySelectorAll("[data-sev][data-kind]").forEach(function (el) {
      var hidden = off["sev:" + el.dataset.sev] || off["kind:" + el.dataset.kind];
      el.classList.toggle("filtered", Boolean(hidden));
    });
  }

  boxes.forEach(function (box) { box.addEventListener("change", apply); });
  document.addEventListener("click", function (event) {
    var mark = event.target.closest("mark[data-target]");
    if (mark && !mark.classList.contains("filtered") && !event.target.closest("a")) {
      window.location.hash = mark.dataset.target;
    }
  });
  apply();
})();
