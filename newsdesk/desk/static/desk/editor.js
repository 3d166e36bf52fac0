// The story editor page: "also editing" heartbeat, headline count, Ctrl/Cmd+S, bylines,
// the media picker, and drafts kept on the server while typing (autosave). Loaded before
// the rich-text editor's modules so that it hears the editor's "ready" event.
var deskEditor = null;
document.addEventListener("prose-editor:ready", function (event) {
  deskEditor = event.detail.editor;
  // The editable area is named by the field's label for screen readers.
  var props = deskEditor.options.editorProps || {};
  var attributes = Object.assign({}, props.attributes, {
    role: "textbox", "aria-multiline": "true", "aria-labelledby": "body-label",
  });
  deskEditor.setOptions({ editorProps: Object.assign({}, props, { attributes: attributes }) });
});

document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("story-form");
  if (!form) return;
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;

  // --- "X is also editing" -------------------------------------------------------------
  var presence = document.getElementById("presence");
  function post(url, fields) {
    var body = new FormData();
    body.append("csrfmiddlewaretoken", csrf);
    Object.keys(fields || {}).forEach(function (k) { body.append(k, fields[k]); });
    return fetch(url, { method: "POST", body: body, credentials: "same-origin" });
  }
  if (presence) {
    setInterval(function () {
      post(presence.dataset.url).then(function (r) { return r.json(); }).then(function (data) {
        presence.textContent = data.others.length
          ? interpolate(ngettext("%(names)s is also editing this story.", "%(names)s are also editing this story.", data.others.length), { names: data.others.join(", ") }, true)
          : "";
      }).catch(function () {});
    }, 30000);
    // Closing the page frees the story at once instead of after the heartbeat times out.
    window.addEventListener("pagehide", function () {
      var body = new FormData();
      body.append("csrfmiddlewaretoken", csrf);
      body.append("leave", "1");
      navigator.sendBeacon(presence.dataset.url, body);
    });
  }

  // --- headline length -------------------------------------------------------------------
  var headline = form.querySelector("[name=headline]");
  var count = document.getElementById("headline-count");
  function showCount() {
    count.textContent = interpolate(gettext("%(used)s / %(limit)s characters"), { used: headline.value.length, limit: headline.maxLength }, true);
  }
  if (headline && count) { headline.addEventListener("input", showCount); showCount(); }

  // --- Ctrl/Cmd+S saves ------------------------------------------------------------------
  var saving = false;
  form.addEventListener("submit", function () { saving = true; });
  document.addEventListener("keydown", function (event) {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "s") {
      event.preventDefault();
      form.requestSubmit(form.ownerDocument.querySelector("button[name=save]"));
    }
  });

  // --- bylines ---------------------------------------------------------------------------
  var bylines = document.getElementById("bylines");
  var list = document.getElementById("byline-list");
  var search = document.getElementById("byline-search");
  var results = document.getElementById("byline-results");
  var emptyNote = bylines.querySelector(".byline-empty");
  function changed() { form.dispatchEvent(new Event("input", { bubbles: true })); }
  function refreshBylines() { emptyNote.hidden = list.children.length > 0; }
  function addPerson(person) {
    if (list.querySelector('li[data-id="' + person.id + '"]')) return;
    var li = document.createElement("li");
    li.dataset.id = person.id;
    var input = document.createElement("input");
    input.type = "hidden"; input.name = "bylines"; input.value = person.id;
    var name = document.createElement("span");
    name.className = "name"; name.textContent = person.name;
    li.append(input, name);
    [["-1", "↑", gettext("Move %(name)s earlier")], ["1", "↓", gettext("Move %(name)s later")]].forEach(function (b) {
      var button = document.createElement("button");
      button.type = "button"; button.dataset.move = b[0]; button.textContent = b[1];
      button.setAttribute("aria-label", interpolate(b[2], { name: person.name }, true));
      li.append(button);
    });
    var remove = document.createElement("button");
    remove.type = "button"; remove.dataset.remove = ""; remove.textContent = gettext("Remove");
    remove.setAttribute("aria-label", interpolate(gettext("Remove %(name)s from the bylines"), { name: person.name }, true));
    li.append(remove);
    list.append(li);
    refreshBylines(); changed();
  }
  list.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button) return;
    var li = button.closest("li");
    if (button.hasAttribute("data-remove")) {
      li.remove(); search.focus();
    } else if (button.dataset.move === "-1" && li.previousElementSibling) {
      li.parentNode.insertBefore(li, li.previousElementSibling); button.focus();
    } else if (button.dataset.move === "1" && li.nextElementSibling) {
      li.parentNode.insertBefore(li.nextElementSibling, li); button.focus();
    }
    refreshBylines(); changed();
  });
  function resultButton(label, onChoose) {
    var li = document.createElement("li");
    var button = document.createElement("button");
    button.type = "button"; button.textContent = label;
    button.addEventListener("click", onChoose);
    li.append(button);
    results.append(li);
  }
  var searchTimer = null;
  search.addEventListener("input", function () {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(function () {
      var text = search.value.trim();
      results.textContent = "";
      if (!text) return;
      fetch(bylines.dataset.search + "?q=" + encodeURIComponent(text), { credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (data) {
          if (search.value.trim() !== text) return;
          results.textContent = "";
          data.people.forEach(function (person) {
            resultButton(person.role ? interpolate(gettext("Add %(name)s (%(role)s)"), person, true) : interpolate(gettext("Add %(name)s"), person, true), function () {
              addPerson(person); search.value = ""; results.textContent = ""; search.focus();
            });
          });
          var exact = data.people.some(function (p) { return p.name.toLowerCase() === text.toLowerCase(); });
          if (data.can_create && !exact) {
            resultButton(interpolate(gettext("Add “%(name)s” as a new person"), { name: text }, true), function () {
              post(bylines.dataset.create, { name: text }).then(function (r) { return r.json(); }).then(function (reply) {
                if (reply.person) { addPerson(reply.person); search.value = ""; results.textContent = ""; search.focus(); }
              });
            });
          }
          if (!results.children.length) {
            var li = document.createElement("li");
            li.textContent = gettext("Nobody by that name.");
            results.append(li);
          }
        });
    }, 150);
  });
  search.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {  // Enter takes the first suggestion instead of saving
      event.preventDefault();
      var first = results.querySelector("button");
      if (first) first.click();
    } else if (event.key === "ArrowDown") {
      var next = results.querySelector("button");
      if (next) { event.preventDefault(); next.focus(); }
    }
  });

  // --- tags: suggestions for the name being typed after the last comma --------------------
  var tagsInput = form.querySelector("[name=tags]");
  var tagList = document.getElementById("tag-suggestions");
  var tagTimer = null;
  if (tagsInput && tagList) {
    tagsInput.addEventListener("input", function () {
      clearTimeout(tagTimer);
      tagTimer = setTimeout(function () {
        var value = tagsInput.value;
        var cut = value.lastIndexOf(",") + 1;
        var before = value.slice(0, cut) + (cut ? " " : "");
        var typed = value.slice(cut).trim();
        if (!typed) { tagList.textContent = ""; return; }
        fetch(tagList.dataset.url + "?q=" + encodeURIComponent(typed), { credentials: "same-origin" })
          .then(function (r) { return r.json(); })
          .then(function (data) {
            tagList.textContent = "";
            data.tags.forEach(function (name) {
              var option = document.createElement("option");
              option.value = before + name;
              tagList.append(option);
            });
          });
      }, 150);
    });
  }

  // --- the media picker --------------------------------------------------------------------
  var picker = document.getElementById("picker");
  var pickerResults = document.getElementById("picker-results");
  var pickerSearch = document.getElementById("picker-q");
  var pickerMode = "featured";
  function loadPictures() {
    fetch(picker.dataset.url + "?q=" + encodeURIComponent(pickerSearch.value.trim()), { credentials: "same-origin" })
      .then(function (r) { return r.text(); })
      .then(function (html) { pickerResults.innerHTML = html; });
  }
  document.querySelectorAll("[data-picker]").forEach(function (button) {
    button.addEventListener("click", function () {
      pickerMode = button.dataset.picker;
      loadPictures();
      picker.showModal();
      pickerSearch.focus();
    });
  });
  var pickerTimer = null;
  pickerSearch.addEventListener("input", function () {
    clearTimeout(pickerTimer);
    pickerTimer = setTimeout(loadPictures, 150);
  });
  function setField(name, value) {
    var field = form.querySelector("[name=" + name + "]");
    if (field) field.value = value;
  }
  function choose(data) {
    if (pickerMode === "featured") {
      setField("featured_image", data.id);
      setField("picture_alt", data.alt || "");
      setField("picture_credit", data.credit || "");
      var caption = form.querySelector("[name=featured_caption]");
      if (caption && !caption.value) caption.placeholder = data.caption || "";
      var thumb = document.getElementById("featured-thumb");
      thumb.src = data.thumb; thumb.hidden = false;
      document.getElementById("featured-name").textContent = data.title;
      document.getElementById("featured-clear").hidden = false;
      changed();
    } else if (pickerMode === "insert" && deskEditor) {
      deskEditor.chain().focus().setImage({ src: data.src, alt: data.alt }).run();
    } else if (pickerMode === "gallery") {
      document.getElementById("gallery-image").value = data.id;
      document.getElementById("gallery-add").submit();
    }
    picker.close();
  }
  pickerResults.addEventListener("click", function (event) {
    var button = event.target.closest("button.pick");
    if (button) choose(button.dataset);
  });
  var clear = document.getElementById("featured-clear");
  clear.addEventListener("click", function () {
    setField("featured_image", "");
    setField("picture_alt", ""); setField("picture_credit", "");
    document.getElementById("featured-thumb").hidden = true;
    document.getElementById("featured-name").textContent = gettext("No featured picture.");
    clear.hidden = true;
    changed();
  });
  var upload = document.getElementById("picker-upload");
  if (upload) {
    upload.addEventListener("submit", function (event) {
      event.preventDefault();
      var error = document.getElementById("picker-error");
      error.textContent = "";
      fetch(upload.action, { method: "POST", body: new FormData(upload), credentials: "same-origin" })
        .then(function (r) { return r.text().then(function (text) { return { ok: r.ok, text: text }; }); })
        .then(function (reply) {
          if (!reply.ok) { error.textContent = reply.text || gettext("The picture could not be uploaded."); return; }
          pickerResults.innerHTML = reply.text;
          upload.reset();
          var first = pickerResults.querySelector("button.pick");
          if (first) first.focus();
        });
    });
  }

  // --- gallery order by drag (the arrow buttons do the same by keyboard) ---------------------
  var gallery = document.getElementById("gallery-list");
  if (gallery && window.Sortable) {
    window.Sortable.create(gallery, {
      animation: 150,
      onEnd: function (event) {
        var steps = event.newIndex - event.oldIndex;
        if (!steps) return;
        // The gallery service moves a picture one place at a time; a drag is that many moves.
        var url = event.item.dataset.moveUrl;
        var direction = steps < 0 ? "up" : "down";
        var chain = Promise.resolve();
        for (var i = 0; i < Math.abs(steps); i++) {
          chain = chain.then(function () { return post(url, { direction: direction }); });
        }
        chain.then(function () { location.reload(); });
      },
    });
  }

  // --- autosave: the form kept on the server while typing ------------------------------------
  // Saving to the story makes a revision and bumps its version; an editor typing for an hour
  // would make hundreds. The unsaved state is sent to a draft of this story and editor
  // instead, and offered back when the story is opened again (after a closed tab, a crash,
  // on another computer) until it is saved.
  var status = document.getElementById("autosave-status");
  var keptData = document.getElementById("kept-draft");
  var kept = keptData ? JSON.parse(keptData.textContent) : null;
  function formState() {
    var state = {};
    new FormData(form).forEach(function (value, name) {
      if (name === "csrfmiddlewaretoken" || name === "submission" || name === "version") return;
      (state[name] = state[name] || []).push(value);
    });
    if (deskEditor) state.body = [deskEditor.getHTML()];
    state._names = Array.prototype.map.call(list.querySelectorAll(".name"), function (n) { return n.textContent; });
    return state;
  }
  // What the server sent, to tell a real change from none. The body is taken from the
  // rich-text editor once it is ready (it normalises the HTML it was given).
  var dirty = false, sending = false;
  var initial = formState();
  function editorReady(editor) {
    initial.body = [editor.getHTML()];
    editor.on("update", function () { dirty = true; });
  }
  if (deskEditor) editorReady(deskEditor);
  else document.addEventListener("prose-editor:ready", function (event) { editorReady(event.detail.editor); });
  form.addEventListener("input", function () { dirty = true; });
  setInterval(function () {
    if (!dirty || saving || sending) return;
    dirty = false;
    var state = formState();
    var same = JSON.stringify(state) === JSON.stringify(initial);
    var fields = same ? { discard: "1" } : { state: JSON.stringify(state), version: form.querySelector("[name=version]").value };
    sending = true;
    post(form.dataset.draftUrl, fields)
      .then(function (r) { return r.json().then(function (reply) { return { ok: r.ok, reply: reply }; }); })
      .then(function (answer) {
        if (!answer.ok) { status.textContent = form.dataset.draftFailed + " " + (answer.reply.error || ""); dirty = true; return; }
        if (!same) status.textContent = form.dataset.draftSaved + " " + new Date().toLocaleTimeString();
      })
      .catch(function () { dirty = true; })  // offline for a moment: try again at the next tick
      .then(function () { sending = false; });
  }, 3000);
  var offer = document.getElementById("autosave-offer");
  if (kept && kept.state) {
    offer.hidden = false;
    offer.querySelector("[data-when]").textContent = new Date(kept.at).toLocaleString();
    offer.querySelector("[data-restore]").addEventListener("click", function () {
      var state = kept.state;
      // Based on the version it was typed over: if someone saved since, saving this shows
      // the conflict and both texts instead of overwriting theirs.
      setField("version", kept.version);
      ["headline", "standfirst", "featured_caption", "picture_alt", "picture_credit", "source_url", "language", "section", "kind", "featured_image", "tags"].forEach(function (name) {
        if (state[name]) setField(name, state[name][0]);
      });
      if (state.body && deskEditor) deskEditor.commands.setContent(state.body[0]);
      else if (state.body) setField("body", state.body[0]);
      list.textContent = "";
      (state.bylines || []).forEach(function (id, i) { addPerson({ id: id, name: (state._names || [])[i] || id }); });
      refreshBylines();
      if (headline && count) showCount();
      offer.hidden = true;
      status.textContent = form.dataset.draftRestored;
      headline.focus();
    });
    offer.querySelector("[data-discard]").addEventListener("click", function () {
      post(form.dataset.draftUrl, { discard: "1" });
      offer.hidden = true; headline.focus();
    });
  }
});
