// factcheck audit index: the filter box keeps the articles whose headline, file, language,
// verdict or finding kinds hold every word typed, and hides stories left empty.
(function () {
  "use strict";
  var box = document.getElementById("filter");
  var shown = document.getElementById("shown");
  var rows = Array.prototype.slice.call(document.querySelectorAll(".story .member"));
  var queue = Array.prototype.slice.call(document.querySelectorAll("#review .member"));

  function matches(row, words) {
    var text = row.getAttribute("data-search") || "";
    return words.every(function (word) { return text.indexOf(word) >= 0; });
  }

  function apply() {
    var words = box.value.toLocaleLowerCase().split(/\s+/).filter(Boolean);
    var count = 0;
    rows.concat(queue).forEach(function (row) {
      var keep = matches(row, words);
      row.hidden = !keep;
      if (keep && rows.indexOf(row) >= 0) { count += 1; }
    });
    document.querySelectorAll("section.story, section#review").forEach(function (section) {
      section.hidden = !section.querySelector(".member:not([hidden])");
    });
    shown.textContent = words.length ? count + " of " + rows.length + " articles shown" : "";
  }

  if (box) {
    box.addEventListener("input", apply);
    apply();
  }
})();
