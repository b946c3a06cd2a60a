/* When the reader's clock is past the build (optional): ended entries
   (data-end) move to "Inzwischen beendet", or leave data-show lists for
   hidden spares; the grid's "today" follows the clock; data-gone goes,
   data-from appears, data-until swaps the button for a text. */
(function () {
  "use strict";
  var d = document, now = Date.now(), box = d.querySelector(".events-ended"), lists = 0;
  var all = function (css, fn, root) { (root || d).querySelectorAll(css).forEach(fn); };
  var passed = function (el, name) { return Date.parse(el.getAttribute(name)) <= now; };
  all("ol[data-events]", function (list) {
    var show = +list.getAttribute("data-show");
    lists += 1;
    all("li[data-end]", function (li) {
      if (!passed(li, "data-end")) return;
      if (show || !box) return li.remove();
      var mark = d.createElement("span");
      mark.className = "badge";
      mark.textContent = "hat stattgefunden";
      li.querySelector("p").prepend(mark);
      box.querySelector("ol").append(li);
      box.hidden = false;
    }, list);
    all("li", function (li, n) { li.hidden = show && n >= show; }, list);
    if (!list.querySelector("li")) (list.closest(".event-month") || list).remove();
  });
  if (lists && !d.querySelector("ol[data-events] li")) all(".events-empty", function (p) { p.hidden = false; });
  all("table[data-tz]", function (table) {
    var today = new Date(now).toLocaleDateString("sv", { timeZone: table.getAttribute("data-tz") });
    all("td", function (td) {
      var day = td.querySelector("time");
      if (day && day.getAttribute("datetime") == today) td.setAttribute("aria-current", "date");
      else td.removeAttribute("aria-current");
    }, table);
  });
  all("[data-gone]", function (el) { if (passed(el, "data-gone")) el.remove(); });
  all("[data-from]", function (el) { if (passed(el, "data-from")) el.hidden = false; });
  all("[data-until]", function (el) {
    if (passed(el, "data-until")) el.textContent = "Die Anmeldung ist geschlossen.";
  });
})();
