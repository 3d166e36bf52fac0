// The breaking-news banner: a reader who dismissed an alert does not see it again (the
// alert's id is remembered in this browser only: no cookie, cached pages stay the same
// for everyone), and an alert past its expiry is hidden before the server purges it.
(function () {
  "use strict";
  var KEY = "newsdesk.dismissedAlert";

  function remembered() {
    try { return window.localStorage.getItem(KEY); } catch (e) { return null; }
  }

  function apply(root) {
    var banner = (root || document).querySelector("[data-breaking]");
    if (!banner) return;
    var expires = banner.getAttribute("data-expires");
    if (remembered() === banner.getAttribute("data-breaking") ||
        (expires && Date.parse(expires) <= Date.now())) {
      banner.remove();
      return;
    }
    var button = banner.querySelector("[data-breaking-dismiss]");
    button.hidden = false;
    button.addEventListener("click", function () {
      try { window.localStorage.setItem(KEY, banner.getAttribute("data-breaking")); } catch (e) { /* private mode */ }
      banner.remove();
    });
  }

  window.newsdeskBreaking = apply;
  var here = document.currentScript && document.currentScript.closest("[data-breaking-slot]");
  if (here) apply(here);
})();
