// Keyboard navigation for galleries: arrow keys move between pictures and update the
// address so each picture can be linked to.
document.querySelectorAll("[data-gallery]").forEach(function (gallery) {
  var items = Array.prototype.slice.call(gallery.querySelectorAll(".gallery-item"));
  gallery.addEventListener("keydown", function (event) {
    var index = items.indexOf(document.activeElement);
    if (index < 0) return;
    var next = event.key === "ArrowRight" ? index + 1 : event.key === "ArrowLeft" ? index - 1 : null;
    if (next === null || next < 0 || next >= items.length) return;
    event.preventDefault();
    items[next].focus();
    history.replaceState(null, "", "#" + items[next].id);
  });
});
