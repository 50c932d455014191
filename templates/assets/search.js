/* Site search: a small UI over the index that MkDocs' search plugin writes.
   Progressive enhancement: without JavaScript the form stays hidden and every page is reached by links. */
(function () {
  "use strict";
  var form = document.querySelector("form.search");
  if (!form || !window.fetch) return;
  var input = form.querySelector("input");
  var results = form.querySelector(".search-results");
  var base = form.getAttribute("data-base") || ".";
  var docs = null;
  var titles = null;
  var full = null;

  function fold(text) {
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function prepare(index) {
    return index.docs.map(function (doc) {
      var text = doc.text.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ");
      return { location: doc.location, title: doc.title, text: text,
               ftitle: fold(doc.title), ftext: fold(text) };
    });
  }
  function fetchIndex(attribute) {
    return fetch(form.getAttribute(attribute)).then(function (response) { return response.json(); });
  }
  // Two steps, both only once a search starts: the page titles and names (small: the first
  // results come from it), then the full text of every page.
  function loadTitles() {
    if (!titles) {
      titles = fetchIndex("data-titles").then(function (index) { if (!docs) docs = prepare(index); });
    }
    return titles;
  }
  function loadFull() {
    if (!full) {
      full = fetchIndex("data-index").then(function (index) { docs = prepare(index); });
    }
    return full;
  }
  function score(doc, terms) {
    var total = 0;
    for (var i = 0; i < terms.length; i++) {
      var inTitle = doc.ftitle.indexOf(terms[i]) !== -1;
      var inText = doc.ftext.indexOf(terms[i]) !== -1;
      if (!inTitle && !inText) return 0;
      total += (inTitle ? 10 : 0) + (inText ? 1 : 0);
    }
    return total + (doc.location.indexOf("#") === -1 ? 2 : 0);
  }
  function excerpt(doc, term) {
    var at = doc.ftext.indexOf(term);
    if (at === -1) return doc.text.slice(0, 120);
    var start = Math.max(0, at - 50);
    return (start > 0 ? "…" : "") + doc.text.slice(start, at + 90) + "…";
  }
  function show(query) {
    var terms = fold(query).split(/\s+/).filter(Boolean);
    results.textContent = "";
    if (!terms.length) return;
    var hits = docs.map(function (doc) { return { doc: doc, score: score(doc, terms) }; })
      .filter(function (hit) { return hit.score > 0; })
      .sort(function (a, b) { return b.score - a.score || a.doc.title.localeCompare(b.doc.title); });
    var seen = {};
    var list = document.createElement("ol");
    for (var i = 0; i < hits.length && list.children.length < 12; i++) {
      var doc = hits[i].doc;
      var page = doc.location.split("#")[0];
      if (seen[page]) continue;
      seen[page] = true;
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = base.replace(/\/$/, "") + "/" + doc.location;
      link.textContent = doc.title;
      var text = document.createElement("span");
      text.className = "excerpt";
      text.textContent = excerpt(doc, terms[0]);
      item.appendChild(link);
      item.appendChild(text);
      list.appendChild(item);
    }
    if (list.children.length) {
      results.appendChild(list);
    } else {
      var none = document.createElement("p");
      none.textContent = "Nothing found for “" + query + "”.";
      results.appendChild(none);
    }
  }
  form.hidden = false;
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  input.addEventListener("input", function () {
    var query = input.value;
    loadTitles().then(function () {
      if (input.value === query) show(query);
      return loadFull();
    }).then(function () { if (input.value === query) show(query); });
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { input.value = ""; results.textContent = ""; }
  });
})();
