// The story editor page: "X is also editing" heartbeat, and inserting library pictures
// into the rich-text editor. Loaded before the editor's modules so that it hears the
// editor's "ready" event.
var deskEditor = null;
document.addEventListener("prose-editor:ready", function (event) { deskEditor = event.detail.editor; });
document.addEventListener("DOMContentLoaded", function () {
  var csrf = document.querySelector("input[name=csrfmiddlewaretoken]");
  var presence = document.getElementById("presence");
  function beat() {
    if (!presence) return;
    var body = new FormData();
    body.append("csrfmiddlewaretoken", csrf.value);
    fetch(presence.dataset.url, { method: "POST", body: body, credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        presence.textContent = data.others.length
          ? data.others.join(", ") + (data.others.length === 1 ? " is" : " are") + " also editing this story."
          : "";
      })
      .catch(function () {});
  }
  if (presence) {
    setInterval(beat, 30000);
    // Closing the page frees the story at once instead of after the heartbeat times out.
    window.addEventListener("pagehide", function () {
      var body = new FormData();
      body.append("csrfmiddlewaretoken", csrf.value);
      body.append("leave", "1");
      navigator.sendBeacon(presence.dataset.url, body);
    });
  }

  document.querySelectorAll(".insert-image").forEach(function (button) {
    button.addEventListener("click", function () {
      if (!deskEditor) return;
      deskEditor.chain().focus().setImage({ src: button.dataset.src, alt: button.dataset.alt }).run();
    });
  });
});
