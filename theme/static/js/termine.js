/* Event lists stay current between builds: entries whose end (data-end) has
   passed on the reader's clock are removed, and a registration button
   (data-until) gives way to the text a later build would show. Optional:
   without this script the pages show the state of the build. */
(function () {
  "use strict";
  var now = Date.now();
  var passed = function (el, name) {
    var at = Date.parse(el.getAttribute(name));
    return !isNaN(at) && at <= now;
  };
  var entries = document.querySelectorAll("li[data-end]");
  var removed = 0;
  entries.forEach(function (entry) {
    if (!passed(entry, "data-end")) return;
    var list = entry.parentNode;
    list.removeChild(entry);
    removed += 1;
    if (!list.querySelector("li")) {
      (list.closest(".event-month") || list).remove();
    }
  });
  if (removed && !document.querySelector("li[data-end]")) {
    document.querySelectorAll(".events-empty").forEach(function (text) {
      text.hidden = false;
    });
  }
  document.querySelectorAll("[data-until]").forEach(function (box) {
    if (!passed(box, "data-until")) return;
    box.textContent = "Die Anmeldung ist geschlossen.";
    box.removeAttribute("data-until");
  });
})();
