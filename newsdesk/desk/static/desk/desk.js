// Small behaviours shared by desk pages: the story list's search as you type, and the
// wire queue's keys (j/k/o/a/u/s/r), seen marks, story suggestions and live arrivals.
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

  // --- wire queue: keys, mark seen, add to a story, live arrivals -----------------------------
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
    var csrfToken = function () {
      var field = queue.querySelector("input[name=csrfmiddlewaretoken]");
      return field ? field.value : "";
    };
    // Seen or not seen, in place: the queue keeps its place and its selection.
    var toggleSeen = function (form) {
      var group = form.closest(".wire-group");
      var button = form.querySelector("button");
      var body = new FormData(form);
      if (button.name) body.append(button.name, button.value);
      fetch(form.action, { method: "POST", body: body, credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { return r.json(); })
        .then(function (data) {
          group.classList.toggle("seen", data.seen);
          group.querySelector(".seen-mark").hidden = !data.seen;
          if (data.seen) { button.name = "unseen"; button.value = "1"; button.textContent = button.dataset.labelUnseen; }
          else { button.removeAttribute("name"); button.removeAttribute("value"); button.textContent = button.dataset.labelSeen; }
        });
    };
    queue.addEventListener("submit", function (event) {
      var form = event.target;
      if (form.matches("[data-seen]")) { event.preventDefault(); toggleSeen(form); }
    });
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
      } else if (group && event.key === "s") {
        event.preventDefault(); toggleSeen(group.querySelector("form[data-seen]"));
      } else if (group && event.key === "u") {
        var update = group.querySelector("details[data-update]");
        if (update) { event.preventDefault(); update.open = true; update.querySelector("[data-find]").focus(); }
      }
    });
    queue.addEventListener("focusin", function (event) {
      var group = event.target.closest(".wire-group");
      if (group) current = groups().indexOf(group);
    });

    // Suggestions for "add to a story as an update": stories by number or headline words.
    var suggestions = document.getElementById("story-suggestions");
    var findTimer = null;
    queue.addEventListener("input", function (event) {
      if (!event.target.matches("[data-find]") || !suggestions) return;
      var text = event.target.value.trim();
      clearTimeout(findTimer);
      if (text.length < 2 || /^\d+ · /.test(text)) return;
      findTimer = setTimeout(function () {
        fetch(suggestions.dataset.url + "?q=" + encodeURIComponent(text), { credentials: "same-origin" })
          .then(function (r) { return r.json(); })
          .then(function (data) {
            suggestions.textContent = "";
            data.stories.forEach(function (story) {
              var option = document.createElement("option");
              option.value = story.id + " · " + story.headline;
              option.label = story.state;
              suggestions.append(option);
            });
          });
      }, 150);
    });

    // New items arrive at the top of the queue while it is open: a small request every few
    // seconds returns the entries of what came since, and a status line says so.
    var arrivals = document.getElementById("wire-arrivals");
    if (arrivals && arrivals.dataset.url) {
      var since = arrivals.dataset.since;
      var back = location.pathname + location.search;
      setInterval(function () {
        fetch(arrivals.dataset.url + since + "&back=" + encodeURIComponent(back), { credentials: "same-origin" })
          .then(function (r) { return r.json(); })
          .then(function (data) {
            since = data.newest;
            if (!data.new) return;
            var selected = groups()[current];
            var holder = document.createElement("template");
            holder.innerHTML = data.html;
            var fresh = Array.from(holder.content.querySelectorAll(".wire-group"));
            fresh.forEach(function (group) {
              // A new version of a story already listed replaces its entry.
              if (group.dataset.group) {
                queue.querySelectorAll('.wire-group[data-group="' + group.dataset.group + '"]').forEach(function (old) { old.remove(); });
              }
              queue.querySelectorAll('.wire-group[data-item="' + group.dataset.item + '"]').forEach(function (old) { old.remove(); });
            });
            var empty = queue.querySelector(".queue-empty");
            if (empty) empty.remove();
            queue.prepend(holder.content);
            current = selected ? groups().indexOf(selected) : -1;
            arrivals.textContent = fresh.length === 1 ? arrivals.dataset.one : fresh.length + " " + arrivals.dataset.many;
          }).catch(function () {});
      }, 10000);
    }
  }
});
