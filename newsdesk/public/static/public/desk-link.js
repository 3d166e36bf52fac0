// The footer's link to the desk, shown where someone signed in to the desk in this browser
// (the newsdesk_staff cookie the desk sets at sign-in and clears at sign-out). The page
// itself is the same cached file for every reader; only this browser-side step differs.
(function () {
  if (!/(?:^|;\s*)newsdesk_staff=1(?:;|$)/.test(document.cookie)) return;
  document.querySelectorAll(".desk-link").forEach(function (item) { item.hidden = false; });
})();
