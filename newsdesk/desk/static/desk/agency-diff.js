// The agency copy beside the story, compared with the story as the editor rewrites it: each
// of the agency's words that the story still uses, in a run of three words or more, is
// marked "kept"; a summary line says how much is kept. Three-word runs (not single words)
// so that "the" or "said" do not count, and runs (not a word-by-word diff) so that moved
// paragraphs still count as kept: the question is "how much of their wording is still
// ours to credit or rewrite", not "what changed where".
document.addEventListener("DOMContentLoaded", function () {
  var copy = document.getElementById("agency-body");
  var panel = document.getElementById("agency-diff");
  var form = document.getElementById("story-form");
  if (!copy || !panel || !form) return;
  var toggle = document.getElementById("agency-diff-on");
  var summary = document.getElementById("agency-diff-summary");
  var RUN = 3;
  var WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

  // Each word of the agency's headline and body in a span of its own, once; compared run
  // by run within each of them (a run does not go on from the headline into the body).
  var parts = [];
  [document.querySelector(".agency-headline"), copy].forEach(function (root) {
    if (!root) return;
    var spans = [];
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var texts = [];
    while (walker.nextNode()) texts.push(walker.currentNode);
    texts.forEach(function (node) {
      var text = node.nodeValue, at = 0, pieces = document.createDocumentFragment(), match;
      WORD.lastIndex = 0;
      while ((match = WORD.exec(text))) {
        pieces.append(text.slice(at, match.index));
        var span = document.createElement("span");
        span.className = "w";
        span.textContent = match[0];
        pieces.append(span);
        spans.push(span);
        at = match.index + match[0].length;
      }
      pieces.append(text.slice(at));
      node.replaceWith(pieces);
    });
    parts.push({ spans: spans, words: spans.map(function (span) { return span.textContent.toLowerCase(); }) });
  });

  // The story's headline, standfirst and body, each a list of words.
  function storyFields() {
    var editor = window.deskEditor;
    var body = "";
    if (editor) body = editor.getText({ blockSeparator: "\n" });
    else {
      var field = form.querySelector("[name=body]");
      body = field ? new DOMParser().parseFromString(field.value, "text/html").body.textContent : "";
    }
    var fields = ["headline", "standfirst"].map(function (name) {
      var input = form.querySelector("[name=" + name + "]");
      return input ? input.value : "";
    });
    fields.push(body);
    return fields.map(function (text) { return text.toLowerCase().match(WORD) || []; });
  }

  function compare() {
    var runs = new Set();
    storyFields().forEach(function (words) {
      for (var i = 0; i + RUN <= words.length; i++) runs.add(words.slice(i, i + RUN).join(" "));
    });
    var count = 0, total = 0;
    parts.forEach(function (part) {
      var kept = new Array(part.words.length).fill(false);
      for (var j = 0; j + RUN <= part.words.length; j++) {
        if (runs.has(part.words.slice(j, j + RUN).join(" "))) {
          for (var k = j; k < j + RUN; k++) kept[k] = true;
        }
      }
      part.spans.forEach(function (span, n) {
        span.classList.toggle("kept", kept[n]);
        if (kept[n]) count++;
      });
      total += part.spans.length;
    });
    summary.textContent = panel.dataset.summary
      .replace("%(kept)s", count).replace("%(total)s", total)
      .replace("%(percent)s", total ? Math.round((100 * count) / total) : 0).replace("%%", "%");
  }

  // After typing pauses: a 10,000-word story is compared in a few milliseconds, but not on
  // every keystroke.
  var timer = null;
  function later() { clearTimeout(timer); timer = setTimeout(compare, 300); }
  form.addEventListener("input", later);
  document.addEventListener("prose-editor:ready", function (event) {
    event.detail.editor.on("update", later);
    compare();
  });
  toggle.addEventListener("change", function () { copy.closest("section").classList.toggle("diff-off", !toggle.checked); });
  compare();
});
