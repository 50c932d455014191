/* Articles: a "copy link" button beside each paragraph number. Without JavaScript the ¶ number
   itself is the permalink (#pN). */
(function () {
  "use strict";
  if (!navigator.clipboard) return;
  document.querySelectorAll(".article-body a.pnum").forEach(function (mark) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-link";
    button.textContent = "copy link";
    button.setAttribute("aria-label", "Copy the link to " + mark.textContent.replace("¶", "paragraph"));
    button.addEventListener("click", function () {
      var url = new URL(mark.getAttribute("href"), window.location.href).href;
      navigator.clipboard.writeText(url).then(function () {
        button.textContent = "copied";
        setTimeout(function () { button.textContent = "copy link"; }, 1500);
      });
    });
    mark.insertAdjacentElement("afterend", button);
  });
})();
