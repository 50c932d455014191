/* Enhancements for the member matrix and the timeline. Without JavaScript the year links, the
   full matrix and the full timeline are all there; these only add a slider and filters. */
(function () {
  "use strict";

  // Matrix: the filters live in the address (?region=…&hide=org,org), so that a filtered matrix
  // can be shared and the year links and the slider keep the filters from year to year.
  var params = new URLSearchParams(window.location.search);
  function keepQuery(href) {
    var url = new URL(href, window.location.href);
    url.search = params.toString();
    return url.href;
  }
  function yearLinks() {
    document.querySelectorAll("nav.years a").forEach(function (link) { link.href = keepQuery(link.href); });
  }

  // Matrix: a year slider that goes to matrix/<year>/ once the reader stops moving it.
  var slider = document.querySelector(".year-slider");
  if (slider) {
    var range = slider.querySelector("input");
    var output = slider.querySelector("output");
    var pending = null;
    slider.hidden = false;
    range.addEventListener("input", function () { output.textContent = range.value; });
    range.addEventListener("change", function () {
      window.clearTimeout(pending);
      pending = window.setTimeout(function () {
        window.location.href = keepQuery(range.getAttribute("data-base") + range.value + "/");
      }, 700);
    });
  }

  // Matrix: rows by region, columns chosen, and the totals of what is shown.
  var controls = document.querySelector(".matrix-controls");
  var table = document.querySelector("table.matrix");
  if (controls && table) {
    controls.hidden = false;
    var region = controls.querySelector(".region-filter");
    var boxes = Array.prototype.slice.call(controls.querySelectorAll(".column-chooser input"));
    var counted = (table.getAttribute("data-counted") || "").split(" ").map(function (s) { return "st-" + s; });
    var totals = table.tFoot ? table.tFoot.rows[0] : null;
    var countText = controls.querySelector(".filter-count");
    var apply = function () {
      var shownRows = 0;
      table.querySelectorAll("tbody").forEach(function (group) {
        var hide = region.value !== "" && group.getAttribute("data-region") !== region.value;
        group.hidden = hide;
        if (!hide) shownRows += group.rows.length - 1;
      });
      var shownColumns = 0;
      boxes.forEach(function (box) {
        var index = Number(box.getAttribute("data-col"));
        var members = 0;
        if (box.checked) shownColumns++;
        Array.prototype.forEach.call(table.rows, function (row) {
          var cell = row.cells[index];
          if (!cell || row.classList.contains("region-row")) return;
          cell.hidden = !box.checked;
          var group = row.parentNode;
          if (group.tagName === "TBODY" && !group.hidden && counted.some(function (c) { return cell.classList.contains(c); })) members++;
        });
        if (totals && totals.cells[index]) totals.cells[index].textContent = members;
      });
      table.querySelectorAll(".region-row th").forEach(function (th) { th.colSpan = shownColumns + 1; });
      countText.textContent = shownRows + " countries, " + shownColumns + " organizations shown; the totals count what is shown.";
      if (region.value) params.set("region", region.value); else params.delete("region");
      var hidden = boxes.filter(function (box) { return !box.checked; }).map(function (box) { return box.value; });
      if (hidden.length) params.set("hide", hidden.join(",")); else params.delete("hide");
      window.history.replaceState(null, "", keepQuery(window.location.pathname) + window.location.hash);
      yearLinks();
    };
    if (params.get("region")) region.value = params.get("region");
    var hide = (params.get("hide") || "").split(",");
    boxes.forEach(function (box) { if (hide.indexOf(box.value) !== -1) box.checked = false; });
    var picker = controls.querySelector("details.column-picker");
    if (picker && boxes.some(function (box) { return !box.checked; })) picker.open = true;  // shows what is left out
    region.addEventListener("change", apply);
    boxes.forEach(function (box) { box.addEventListener("change", apply); });
    apply();
  } else if (slider) {
    yearLinks();
  }

  // Changes: only the years between two the reader picks, kept in the address (?from=…&to=…).
  var changeRange = document.querySelector(".change-range");
  if (changeRange) {
    changeRange.hidden = false;
    var ends = { from: changeRange.querySelector("[data-range=from]"), to: changeRange.querySelector("[data-range=to]") };
    var asked = new URLSearchParams(window.location.search);
    Object.keys(ends).forEach(function (key) {
      var value = asked.get(key);
      if (value && ends[key].querySelector('option[value="' + CSS.escape(value) + '"]')) ends[key].value = value;
    });
    var showRange = function () {
      var from = Number(ends.from.value), to = Number(ends.to.value);
      if (from > to) { var swap = from; from = to; to = swap; }
      var shown = 0;
      document.querySelectorAll("section.change-year").forEach(function (section) {
        var year = Number(section.getAttribute("data-year"));
        section.hidden = year < from || year > to;
        if (!section.hidden) shown += section.querySelectorAll("li").length;
      });
      changeRange.querySelector(".filter-count").textContent = shown + " change" + (shown === 1 ? "" : "s") + ", " + from + "–" + to;
      window.history.replaceState(null, "", window.location.pathname + "?from=" + from + "&to=" + to + window.location.hash);
    };
    ends.from.addEventListener("change", showRange);
    ends.to.addEventListener("change", showRange);
    if (asked.get("from") || asked.get("to")) showRange();
  }

  // Timeline: filter events by organization, country and kind; the filters live in the address
  // (?org=…&country=…&kind=…), and the year links lead only to the years left.
  var filters = document.querySelector(".timeline-filters");
  if (filters) {
    filters.hidden = false;
    var selects = filters.querySelectorAll("select");
    var count = filters.querySelector(".filter-count");
    var wanted = new URLSearchParams(window.location.search);
    selects.forEach(function (select) {
      var value = wanted.get(select.getAttribute("data-filter"));
      if (value && select.querySelector('option[value="' + CSS.escape(value) + '"]')) select.value = value;
    });
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
        var heading = section.querySelector("h2");
        var link = heading && document.querySelector('nav.years a[href="#' + heading.id + '"]');
        if (link) link.hidden = section.hidden;
        shown += visible;
      });
      count.textContent = shown + " event" + (shown === 1 ? "" : "s");
      var query = new URLSearchParams();
      selects.forEach(function (select) { if (select.value) query.set(select.getAttribute("data-filter"), select.value); });
      var search = query.toString();
      window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
    };
    selects.forEach(function (select) { select.addEventListener("change", apply); });
    apply();
  }
})();
