/* Articles: a "cite" button beside each paragraph number and each note, which copies a citation
   with its locator and the paragraph's own address: "Author, n.d., ¶ 34. https://…/#p34".
   Without JavaScript the ¶ number itself is the permalink (#pN), and a note's is #fnN. */
(function () {
  "use strict";
  var body = document.querySelector(".article-body[data-cite]");
  if (!body || !navigator.clipboard) return;
  var short = body.getAttribute("data-cite");
  var canonical = document.querySelector('link[rel="canonical"]');
  var base = (canonical ? canonical.href : window.location.href).split("#")[0];

  function button(label, anchor, locator) {
    var text = short + ", " + locator + ". " + base + "#" + anchor;
    var cite = document.createElement("button");
    cite.type = "button";
    cite.className = "copy-link";
    cite.textContent = "cite";
    cite.title = text;
    cite.setAttribute("aria-label", "Copy a citation of " + label);
    cite.addEventListener("click", function () {
      navigator.clipboard.writeText(text).then(function () {
        cite.textContent = "copied";
        setTimeout(function () { cite.textContent = "cite"; }, 1500);
      });
    });
    return cite;
  }

  body.querySelectorAll("a.pnum").forEach(function (mark) {
    var anchor = mark.getAttribute("href").slice(1);
    var number = anchor.slice(1);
    mark.insertAdjacentElement("afterend", button("paragraph " + number, anchor, "¶ " + number));
  });
  body.querySelectorAll(".footnote li[id^='fn']").forEach(function (note) {
    var number = note.id.slice(2);
    if (!/^\d+$/.test(number)) return;  // a named note has no printed number to cite
    var last = note.lastElementChild || note;
    last.appendChild(document.createTextNode(" "));
    last.appendChild(button("note " + number, note.id, "n. " + number));
  });
})();
