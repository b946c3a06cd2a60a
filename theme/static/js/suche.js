/* Starts Pagefind's search interface on /suche/ and runs the query of the
   address (?q=…), which the search field in every page's header sends. */
(function () {
  "use strict";
  var ui = new PagefindUI({ element: "#suche", showSubResults: true, showImages: false });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) ui.triggerSearch(query);
})();
