/* Site search: a small UI over the index that MkDocs' search plugin writes.
   Without JavaScript the box sends the query to search/, which lists every name to find in the page.
   With it, results show as one types (arrow keys move through them, Enter opens one), and
   search/?q=… shows them all. Names match across scripts (Cyrillic is read in Latin letters,
   accents are dropped), and a name one letter off ("Jonnson" for "Jonsson") is still found. */
(function () {
  "use strict";
  var form = document.querySelector("form.search");
  if (!form || !window.fetch) return;
  var input = form.querySelector("input");
  // The results list lives only where the script does (an empty box would be markup for nothing).
  var results = document.createElement("div");
  results.className = "search-results";
  results.setAttribute("role", "region");
  results.setAttribute("aria-live", "polite");
  results.setAttribute("aria-label", "Search results");
  form.appendChild(results);
  var base = (form.getAttribute("data-base") || ".").replace(/\/$/, "");
  var docs = null;
  var names = {};  // page location -> its title and other names, folded (from titles.json)
  var titles = null;
  var full = null;

  var CYRILLIC = {"а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "ё": "e", "є": "ye",
    "ж": "zh", "з": "z", "и": "i", "і": "i", "ї": "yi", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ў": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya"};
  function fold(text) {
    var lower = (text || "").toLowerCase();
    var out = "";
    for (var i = 0; i < lower.length; i++) {
      var c = lower.charAt(i);
      out += Object.prototype.hasOwnProperty.call(CYRILLIC, c) ? CYRILLIC[c] : c;
    }
    return out.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }
  function words(text) { return text.split(/[^\p{L}\p{N}]+/u).filter(Boolean); }
  // At most one letter added, dropped or changed.
  function nearly(a, b) {
    if (Math.abs(a.length - b.length) > 1) return false;
    var i = 0, j = 0, edits = 0;
    while (i < a.length && j < b.length) {
      if (a.charAt(i) === b.charAt(j)) { i++; j++; continue; }
      if (++edits > 1) return false;
      if (a.length > b.length) i++;
      else if (a.length < b.length) j++;
      else { i++; j++; }
    }
    return edits + (a.length - i) + (b.length - j) <= 1;
  }
  function prepare(index, fromTitles) {
    return index.docs.map(function (doc) {
      var text = doc.text.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ");
      if (fromTitles) {
        names[doc.location] = [doc.title].concat(doc.text ? doc.text.split(" · ") : []).map(fold);
      }
      var own = names[doc.location] || [fold(doc.title)];
      return { location: doc.location, title: doc.title, text: text, ftitle: fold(doc.title),
               ftext: fold(text), names: own, nameWords: words(own.join(" ")) };
    });
  }
  function fetchIndex(attribute) {
    return fetch(form.getAttribute(attribute)).then(function (response) { return response.json(); });
  }
  // Two steps, both only once a search starts: the page titles and names (small: the first
  // results come from it), then the full text of every page.
  function loadTitles() {
    if (!titles) {
      titles = fetchIndex("data-titles").then(function (index) {
        var prepared = prepare(index, true);
        if (!docs) docs = prepared;
      });
    }
    return titles;
  }
  function loadFull() {
    if (!full) {
      full = loadTitles().then(function () { return fetchIndex("data-index"); })
        .then(function (index) { docs = prepare(index, false); });
    }
    return full;
  }
  var ENTITY = /^(organizations|countries|people)\/[^\/#]+\/$/;
  // A page whose name is the query comes first, then one whose name starts with it, then pages
  // that name every word of it; organization, country and person pages before other pages.
  function score(doc, terms, query) {
    var total = 0;
    for (var i = 0; i < terms.length; i++) {
      var term = terms[i];
      var inName = doc.names.some(function (name) { return name.indexOf(term) !== -1; });
      var inTitle = doc.ftitle.indexOf(term) !== -1;
      var inText = doc.ftext.indexOf(term) !== -1;
      if (inName || inTitle || inText) {
        total += (inTitle ? 10 : 0) + (inName ? 8 : 0) + (inText ? 1 : 0);
      } else if (term.length >= 5 && doc.nameWords.some(function (word) { return nearly(term, word); })) {
        total += 4;
      } else {
        return 0;
      }
    }
    if (doc.names.indexOf(query) !== -1) total += 1000;
    else if (doc.names.some(function (name) { return name.indexOf(query) === 0; })) total += 100;
    if (ENTITY.test(doc.location)) total += 5;
    return total + (doc.location.indexOf("#") === -1 ? 2 : 0);
  }
  function excerpt(doc, term) {
    var at = doc.ftext.indexOf(term);
    if (at === -1) return doc.text.slice(0, 120);
    var start = Math.max(0, at - 50);
    return (start > 0 ? "…" : "") + doc.text.slice(start, at + 90) + "…";
  }
  function show(query, target, limit) {
    var folded = fold(query).trim().replace(/\s+/g, " ");
    var terms = folded.split(" ").filter(Boolean);
    // The full index re-ranks the first results: a reader's place among them is kept.
    var focused = Array.prototype.indexOf.call(target.querySelectorAll("a"), document.activeElement);
    target.textContent = "";
    if (!terms.length) return;
    var hits = docs.map(function (doc) { return { doc: doc, score: score(doc, terms, folded) }; })
      .filter(function (hit) { return hit.score > 0; })
      .sort(function (a, b) { return b.score - a.score || a.doc.title.localeCompare(b.doc.title); });
    var seen = {};
    var list = document.createElement("ol");
    for (var i = 0; i < hits.length && list.children.length < limit; i++) {
      var doc = hits[i].doc;
      var page = doc.location.split("#")[0];
      if (seen[page]) continue;
      seen[page] = true;
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = base + "/" + doc.location;
      link.textContent = doc.title;
      var text = document.createElement("span");
      text.className = "excerpt";
      text.textContent = excerpt(doc, terms[0]);
      item.appendChild(link);
      item.appendChild(text);
      list.appendChild(item);
    }
    if (list.children.length) {
      target.appendChild(list);
      var links = list.querySelectorAll("a");
      if (focused !== -1) links[Math.min(focused, links.length - 1)].focus();
    } else {
      var none = document.createElement("p");
      none.textContent = "Nothing found for “" + query + "”.";
      target.appendChild(none);
    }
  }
  function search(box, target, limit) {
    var query = box.value;
    loadTitles().then(function () {
      if (box.value === query) show(query, target, limit);
      return loadFull();
    }).then(function () { if (box.value === query) show(query, target, limit); });
  }
  // Arrow keys move between the box and the result links; Escape clears and returns to the box.
  function keyboard(box, target) {
    function move(event) {
      var links = Array.prototype.slice.call(target.querySelectorAll("a"));
      var at = links.indexOf(document.activeElement);
      if (event.key === "ArrowDown" && links.length) {
        event.preventDefault();
        links[Math.min(at + 1, links.length - 1)].focus();
      } else if (event.key === "ArrowUp" && at !== -1) {
        event.preventDefault();
        (at === 0 ? box : links[at - 1]).focus();
      } else if (event.key === "Escape") {
        box.value = "";
        target.textContent = "";
        box.focus();
      }
    }
    box.addEventListener("keydown", move);
    target.addEventListener("keydown", move);
  }
  input.addEventListener("input", function () { search(input, results, 12); });
  keyboard(input, results);
  // Enter in the box opens the first result; with none yet, the results page (search/?q=…).
  form.addEventListener("submit", function (event) {
    var first = results.querySelector("a");
    if (first) {
      event.preventDefault();
      window.location.href = first.href;
    }
  });

  var page = document.querySelector("form.search-page");
  if (page) {
    var pageInput = page.querySelector("input");
    var pageResults = document.querySelector(".search-page-results");
    page.hidden = false;
    var query = new URLSearchParams(window.location.search).get("q") || "";
    pageInput.value = query;
    if (query) search(pageInput, pageResults, 100);
    pageInput.addEventListener("input", function () {
      var url = new URL(window.location.href);
      url.searchParams.set("q", pageInput.value);
      window.history.replaceState(null, "", url);
      search(pageInput, pageResults, 100);
    });
    keyboard(pageInput, pageResults);
    page.addEventListener("submit", function (event) { event.preventDefault(); search(pageInput, pageResults, 100); });
  }
})();
