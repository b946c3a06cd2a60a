/* The place filter of the event lists: shows the choice (hidden without this
   script) and hides entries elsewhere, and months left empty. The choice is
   kept in the address (?ort=…), so it can be shared and survives a reload. */
(function () {
  "use strict";
  var box = document.querySelector("[data-place-filter]");
  if (!box) return;
  var select = box.querySelector("select");
  var apply = function () {
    var place = select.value;
    document.querySelectorAll("li[data-orte]").forEach(function (entry) {
      entry.hidden = place !== "" && entry.getAttribute("data-orte").split("|").indexOf(place) < 0;
    });
    document.querySelectorAll(".event-month").forEach(function (month) {
      month.hidden = !month.querySelector("li[data-orte]:not([hidden])");
    });
    var url = new URL(window.location.href);
    if (place) url.searchParams.set("ort", place); else url.searchParams.delete("ort");
    window.history.replaceState(null, "", url);
  };
  var wanted = new URLSearchParams(window.location.search).get("ort");
  if (wanted && select.querySelector('option[value="' + CSS.escape(wanted) + '"]')) select.value = wanted;
  select.addEventListener("change", apply);
  box.hidden = false;
  if (select.value) apply();
})();
