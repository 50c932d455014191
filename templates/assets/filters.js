/* Enhancements for the member matrix and the timeline. Without JavaScript the year links, the
   full matrix and the full timeline are all there; these only add a slider and filters. */
(function () {
  "use strict";

  // Matrix: a year slider that goes to matrix/<year>/.
  var slider = document.querySelector(".year-slider");
  if (slider) {
    var range = slider.querySelector("input");
    var output = slider.querySelector("output");
    slider.hidden = false;
    range.addEventListener("input", function () { output.textContent = range.value; });
    range.addEventListener("change", function () {
      window.location.href = range.getAttribute("data-base") + range.value + "/";
    });
  }

  // Matrix: rows by region, columns chosen.
  var controls = document.querySelector(".matrix-controls");
  var table = document.querySelector("table.matrix");
  if (controls && table) {
    controls.hidden = false;
    var region = controls.querySelector(".region-filter");
    region.addEventListener("change", function () {
      table.querySelectorAll("tbody tr").forEach(function (row) {
        row.hidden = region.value !== "" && row.getAttribute("data-region") !== region.value;
      });
    });
    controls.querySelectorAll(".column-chooser input").forEach(function (box) {
      box.addEventListener("change", function () {
        // Column N of the organizations is cell N + 1 of every row (the first is the country).
        var index = Number(box.value) + 1;
        Array.prototype.forEach.call(table.rows, function (row) {
          if (row.cells[index]) row.cells[index].hidden = !box.checked;
        });
      });
    });
  }

  // Timeline: filter events by organization, country and kind.
  var filters = document.querySelector(".timeline-filters");
  if (filters) {
    filters.hidden = false;
    var selects = filters.querySelectorAll("select");
    var count = filters.querySelector(".filter-count");
    var apply = function () {
      var shown = 0;
      document.querySelectorAll("section.year").forEach(function (section) {
        var visible = 0;
        section.querySelectorAll("li[data-kind]").forEach(function (item) {
          var ok = true;
          selects.forEach(function (select) {
            var want = select.value;
            var key = select.getAttribute("data-filter");
            if (want && (" " + item.getAttribute("data-" + key) + " ").indexOf(" " + want + " ") === -1) ok = false;
          });
          item.hidden = !ok;
          if (ok) visible++;
        });
        section.hidden = visible === 0;
        shown += visible;
      });
      count.textContent = shown + " event" + (shown === 1 ? "" : "s");
    };
    selects.forEach(function (select) { select.addEventListener("change", apply); });
  }
})();
