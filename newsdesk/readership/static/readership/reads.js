// Counts one read of the story on this page (one small POST, no cookie of ours, nothing
// stored about the reader) and fills the "Most read" box from its cached fragment.
(function () {
  "use strict";

  function countRead() {
    var beacon = document.querySelector("[data-read-beacon]");
    if (!beacon) return;
    var url = beacon.getAttribute("data-read-beacon");
    if (navigator.sendBeacon && navigator.sendBeacon(url)) return;
    fetch(url, { method: "POST", keepalive: true }).catch(function () {});
  }

  function fillMostRead() {
    var box = document.querySelector("[data-most-read]");
    if (!box) return;
    fetch(box.getAttribute("data-most-read"))
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html) box.querySelector(".most-read-lists").innerHTML = html;
      })
      .catch(function () {});  // the link to the most-read page stays
  }

  // A page the browser prerenders may never be seen: count it when it is shown.
  if (document.prerendering) {
    document.addEventListener("prerenderingchange", countRead, { once: true });
  } else {
    countRead();
  }
  fillMostRead();
})();
