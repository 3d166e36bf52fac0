// The live stream: type, Ctrl+Enter, next. Posts without leaving the page, keeps the draft
// in this browser until it is posted (a closed tab loses nothing), and polls the list so
// entries other editors post appear. Without this script every form still posts.
(function () {
  "use strict";
  var stream = document.getElementById("live-stream");
  var form = document.getElementById("live-compose");
  var status = document.getElementById("compose-status");
  var problem = document.getElementById("compose-error");
  var POLL_MS = (Number(stream.getAttribute("data-poll")) || 3) * 1000;

  function send(target) {
    return fetch(target.action, {
      method: "POST", body: new FormData(target), headers: { "X-Live-Stream": "1" },
      credentials: "same-origin",
    }).then(function (response) {
      return response.text().then(function (text) {
        if (!response.ok) throw new Error(text || response.statusText);
        return text;
      });
    });
  }

  function busy() {
    // Never replace the list under an editor's hands (an open edit form, a focused control).
    return stream.querySelector("details[open]") ||
      (stream.contains(document.activeElement) && document.activeElement !== stream);
  }

  function showList(html, force) {
    if (!force && busy()) return;
    if (stream.innerHTML.trim() !== html.trim()) stream.innerHTML = html;
  }

  function say(text) { if (status) status.textContent = text; }
  function complain(text) { if (problem) problem.textContent = text; else window.alert(text); }

  if (form) {
    var key = form.getAttribute("data-draft-key");
    var fields = ["title", "body", "key_event", "pinned"].map(function (name) { return form.elements[name]; });
    var saveDraft = function () {
      var draft = {};
      fields.forEach(function (f) { draft[f.name] = f.type === "checkbox" ? f.checked : f.value; });
      try { localStorage.setItem(key, JSON.stringify(draft)); } catch (e) { /* storage off */ }
    };
    try {
      var kept = JSON.parse(localStorage.getItem(key) || "null");
      if (kept && !form.elements.body.value) {
        fields.forEach(function (f) { if (f.type === "checkbox") f.checked = !!kept[f.name]; else f.value = kept[f.name] || ""; });
        if (kept.body) say(status.getAttribute("data-restored"));
      }
    } catch (e) { /* a broken draft is dropped */ }
    form.addEventListener("input", saveDraft);
    form.addEventListener("change", saveDraft);
    form.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      complain("");
      say(status.getAttribute("data-posting"));
      send(form).then(function (html) {
        showList(html, true);
        form.reset();
        try { localStorage.removeItem(key); } catch (e) { /* storage off */ }
        say(status.getAttribute("data-posted"));
        form.elements.body.focus();
      }).catch(function (error) {
        say("");
        complain(error.message);  // the text stays in the form
      });
    });
  }

  stream.setAttribute("tabindex", "-1");
  stream.addEventListener("submit", function (event) {
    var target = event.target.closest("[data-live-action]");
    if (!target) return;
    event.preventDefault();
    var question = target.getAttribute("data-confirm");
    if (question && !window.confirm(question)) return;
    send(target).then(function (html) {
      showList(html, true);
      stream.focus();
    }).catch(function (error) { complain(error.message); });
  });

  function poll() {
    fetch(stream.getAttribute("data-url"), { credentials: "same-origin", headers: { "X-Live-Stream": "1" } })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) { showList(html, false); })
      .catch(function () { /* the next poll catches up */ })
      .then(function () { setTimeout(poll, document.hidden ? POLL_MS * 5 : POLL_MS); });
  }
  setTimeout(poll, POLL_MS);
})();
