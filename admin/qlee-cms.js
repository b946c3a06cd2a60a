// Before Decap CMS saves an entry: have the edit server (tools/edit.py) check it with
// the site's own validator (empty values left out, as in the file), and set `modified`.
// A failed check stops the save; Decap shows our German message.
(function () {
  "use strict";

  function isCollection(value) {
    return value !== null && typeof value === "object" && typeof value.toJS === "function";
  }

  function isBlank(value) {
    return value === undefined || value === null || value === "" || (isCollection(value) && value.size === 0);
  }

  // Fields the editor emptied would be written as "" or {}; the file should not have them.
  function prune(value) {
    if (!isCollection(value)) {
      return typeof value === "string" ? value.trim() === "" ? "" : value : value;
    }
    return value.map(prune).filter(function (item) { return !isBlank(item); });
  }

  CMS.registerEventListener({
    name: "preSave",
    handler: async function ({ entry }) {
      const data = prune(entry.get("data").delete("body"));
      const response = await fetch("pruefen", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          collection: entry.get("collection"),
          slug: entry.get("newRecord") ? "" : entry.get("slug"),
          newRecord: Boolean(entry.get("newRecord")),
          data: data.toJS(),
          body: entry.getIn(["data", "body"]) || "",
        }),
      });
      const answer = await response.json();
      if (!response.ok) {
        // A string, not an Error: the notice shows it without "Error:" before it.
        throw answer.message;
      }
      const saved = entry.get("data");
      return answer.modified ? saved.set("modified", answer.modified) : saved;
    },
  });
})();
