// Small behaviours shared by desk pages: the story list's search as you type, and the
// wire queue's keys (j/k/o/a/r) and arrivals.
document.addEventListener("DOMContentLoaded", function () {
  // --- story list: filters apply as you type or choose ----------------------------------------
  var filters = document.querySelector("form[data-live-search]");
  var rows = document.getElementById("story-rows");
  if (filters && rows) {
    var timer = null, asked = 0;
    var refresh = function () {
      var params = new URLSearchParams(new FormData(filters));
      Array.from(params.keys()).forEach(function (k) { if (!params.get(k)) params.delete(k); });
      var query = params.toString();
      var ticket = ++asked;
      params.set("partial", "1");
      fetch("?" + params.toString(), { credentials: "same-origin" })
        .then(function (r) { return r.text(); })
        .then(function (html) {
          if (ticket !== asked) return;  // an older answer arriving late
          rows.innerHTML = html;
          history.replaceState(null, "", query ? "?" + query : location.pathname);
        });
    };
    filters.addEventListener("input", function (event) {
      clearTimeout(timer);
      timer = setTimeout(refresh, event.target.type === "search" || event.target.type === "text" ? 200 : 0);
    });
  }

  // --- wire queue keys -------------------------------------------------------------------------
  var queue = document.getElementById("wire-queue");
  if (queue) {
    var groups = function () { return Array.from(queue.querySelectorAll(".wire-group")); };
    var current = -1;
    var select = function (index) {
      var all = groups();
      if (!all.length) return;
      current = Math.max(0, Math.min(index, all.length - 1));
      all.forEach(function (g, i) { g.setAttribute("aria-current", i === current ? "true" : "false"); });
      all[current].focus();
      all[current].scrollIntoView({ block: "nearest" });
    };
    document.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      var target = event.target;
      if (target.closest("input, textarea, select, [contenteditable]")) return;
      var group = groups()[current];
      if (event.key === "j") { event.preventDefault(); select(current + 1); }
      else if (event.key === "k") { event.preventDefault(); select(current - 1); }
      else if (group && event.key === "o") { event.preventDefault(); group.querySelector("[data-open]").click(); }
      else if (group && event.key === "a") {
        var accept = group.querySelector("form[data-accept]");
        if (accept) { event.preventDefault(); accept.requestSubmit(); }
      } else if (group && event.key === "r") {
        var reject = group.querySelector("form[data-reject]");
        if (reject) { event.preventDefault(); reject.requestSubmit(); }
      }
    });
    queue.addEventListener("focusin", function (event) {
      var group = event.target.closest(".wire-group");
      if (group) current = groups().indexOf(group);
    });
    var arrivals = document.getElementById("wire-arrivals");
    if (arrivals) {
      setInterval(function () {
        fetch(arrivals.dataset.url, { credentials: "same-origin" })
          .then(function (r) { return r.json(); })
          .then(function (data) {
            if (!data.new) return;
            arrivals.textContent = "";
            var link = document.createElement("a");
            link.href = location.href;
            link.textContent = interpolate(ngettext("%(count)s new item arrived: show them", "%(count)s new items arrived: show them", data.new), { count: data.new }, true);
            arrivals.append(link);
          }).catch(function () {});
      }, 30000);
    }
  }
});
