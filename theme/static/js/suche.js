/* Starts Pagefind's search interface on /suche/ and runs the query of the
   address (?q=…), which the search field in every page's header sends.
   Its stylesheet loads here, not in <head>: only the interface needs it, and
   the page's own text shows without waiting for it. */
(function () {
  "use strict";
  var box = document.getElementById("suche");
  var start = function () {
    var ui = new PagefindUI({ element: "#suche", showSubResults: true, showImages: false });
    var query = new URLSearchParams(window.location.search).get("q");
    if (query) ui.triggerSearch(query);
  };
  var sheet = document.createElement("link");
  sheet.rel = "stylesheet";
  sheet.href = box.getAttribute("data-styles");
  sheet.onload = sheet.onerror = start;
  document.head.appendChild(sheet);
})();
