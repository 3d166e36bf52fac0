// A live blog's page keeps itself current: it polls the page-cached updates fragment,
// announces "N new updates" instead of moving the text under the reader's eyes, applies
// edits and removals in place, backs off while the tab is hidden and stops for good once
// the blog is archived. Without this script a reload shows the newest entries.
(function () {
  "use strict";
  var blog = document.querySelector("[data-live-updates]");
  if (!blog) return;
  var list = blog.querySelector("[data-live-list]");
  var button = blog.querySelector("[data-live-new]");
  var visibleDelay = Math.max(1, Number(blog.getAttribute("data-live-poll")) || 10) * 1000;
  var HIDDEN_FIRST = 30000, HIDDEN_MAX = 300000;
  var hiddenDelay = HIDDEN_FIRST;
  var waiting = [];  // new entries not shown yet, newest first
  var timer = null;
  var stopped = blog.getAttribute("data-live-state") === "archived";

  function stamp(node) { return node.getAttribute("data-stamp"); }
  function byId(root) {
    var map = {};
    root.querySelectorAll(":scope > li[id]").forEach(function (li) { map[li.id] = li; });
    return map;
  }

  function announce() {
    if (!waiting.length) { button.hidden = true; return; }
    var words = button.getAttribute(waiting.length === 1 ? "data-one" : "data-many");
    button.textContent = words.replace("{n}", waiting.length);
    button.hidden = false;
  }

  function showWaiting() {
    var first = null;
    for (var i = waiting.length - 1; i >= 0; i--) {
      list.insertBefore(waiting[i], list.firstChild);
      first = waiting[i];
    }
    waiting = [];
    announce();
    if (first) { first.setAttribute("tabindex", "-1"); first.focus(); }
  }

  function applyList(fresh) {
    var shown = byId(list), incoming = byId(fresh);
    var freshItems = fresh.querySelectorAll(":scope > li[id]");
    var oldest = freshItems.length ? freshItems[freshItems.length - 1] : null;
    var queued = {};
    waiting.forEach(function (li) { queued[li.id] = li; });
    var reachedShown = false, news = [];
    freshItems.forEach(function (li) {
      if (shown[li.id]) {
        reachedShown = true;
        if (stamp(shown[li.id]) !== stamp(li)) shown[li.id].replaceWith(li.cloneNode(true));
      } else if (!reachedShown) {
        news.push(li);  // newer than anything shown
      }
    });
    waiting = news.map(function (li) { return queued[li.id] && stamp(queued[li.id]) === stamp(li) ? queued[li.id] : li.cloneNode(true); });
    // Entries the fragment's window covers but no longer holds were deleted (or pinned).
    if (oldest) {
      var inWindow = true;
      list.querySelectorAll(":scope > li[id]").forEach(function (li) {
        if (!inWindow) return;
        if (li.id === oldest.id) { inWindow = false; return; }
        if (!incoming[li.id]) li.remove();
      });
    } else {
      list.querySelectorAll(":scope > li[id]").forEach(function (li) { li.remove(); });
    }
    announce();
  }

  function applyParts(fresh) {
    blog.querySelectorAll("[data-live-part]").forEach(function (part) {
      var replacement = fresh.querySelector('[data-live-part="' + part.getAttribute("data-live-part") + '"]');
      if (replacement && replacement.innerHTML !== part.innerHTML) part.replaceWith(replacement.cloneNode(true));
    });
    var slot = document.querySelector("[data-breaking-slot]");
    var freshSlot = fresh.querySelector("[data-breaking-slot]");
    if (slot && freshSlot) {
      var was = slot.querySelector("[data-breaking]"), now = freshSlot.querySelector("[data-breaking]");
      var wasId = was && was.getAttribute("data-breaking"), nowId = now && now.getAttribute("data-breaking");
      if (wasId !== nowId && (now || was)) {
        slot.innerHTML = freshSlot.innerHTML;
        if (window.newsdeskBreaking) window.newsdeskBreaking(slot);
      }
    }
  }

  function archive() {
    stopped = true;
    blog.setAttribute("data-live-state", "archived");
    var heading = blog.querySelector("#live-heading");
    if (heading) heading.textContent = heading.getAttribute("data-ended");
  }

  function poll() {
    timer = null;
    if (stopped) return;
    // "no-cache": the browser revalidates (a 304 from the page cache when nothing changed).
    fetch(blog.getAttribute("data-live-updates"), { cache: "no-cache", credentials: "omit" })
      .then(function (response) {
        // A blog taken down (unpublished, trashed) answers 404, uncached: stop asking.
        if (response.status === 404 || response.status === 410) stopped = true;
        return response.ok ? response.text() : Promise.reject(response.status);
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        var state = fresh.querySelector("[data-live-state]");
        applyParts(fresh);
        applyList(fresh.querySelector("[data-live-list]"));
        if (state && state.getAttribute("data-live-state") === "archived") archive();
      })
      .catch(function () { /* a missed poll: the next one catches up */ })
      .then(schedule);
  }

  function schedule() {
    if (stopped || timer) return;
    var delay = visibleDelay;
    if (document.hidden) { delay = hiddenDelay; hiddenDelay = Math.min(hiddenDelay * 2, HIDDEN_MAX); }
    timer = setTimeout(poll, delay);
  }

  document.addEventListener("visibilitychange", function () {
    if (document.hidden || stopped) return;
    hiddenDelay = HIDDEN_FIRST;
    if (timer) { clearTimeout(timer); timer = null; }
    poll();  // back in view: catch up at once
  });

  button.addEventListener("click", showWaiting);

  // Older entries: appended a slice at a time from the same page readers without JS open.
  blog.addEventListener("click", function (event) {
    var link = event.target.closest("[data-live-older]");
    if (!link) return;
    event.preventDefault();
    fetch(link.href).then(function (r) { return r.text(); }).then(function (html) {
      var page = new DOMParser().parseFromString(html, "text/html");
      var items = page.querySelectorAll("[data-live-list] > li[id]");
      var first = null;
      items.forEach(function (li) {
        if (!document.getElementById(li.id)) { var copy = document.importNode(li, true); list.appendChild(copy); first = first || copy; }
      });
      var next = page.querySelector("[data-live-older]");
      if (next) link.href = next.href; else link.parentNode.remove();
      if (first) { first.setAttribute("tabindex", "-1"); first.focus(); }
    });
  });

  window.newsdeskLive = { stop: function () { stopped = true; }, isPolling: function () { return !stopped; } };
  schedule();
})();
