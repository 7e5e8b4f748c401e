// The Hevy settings page: live progress of a sync from the `hevy.sync_progress` events (realtime.js
// dispatches them as "fitnesspr:hevy.sync_progress" on document). When the sync finishes, the list of
// syncs refreshes itself (htmx listens for "fitnesspr:hevy-sync-finished").
(function () {
  "use strict";

  var STATUS_TEXT = { queued: "queued", running: "running", succeeded: "finished", failed: "failed" };

  function describe(data) {
    var text = "Sync " + (STATUS_TEXT[data.status] || String(data.status || "")) + ": " +
      (data.pages || 0) + " pages, " + (data.created || 0) + " new, " + (data.updated || 0) +
      " updated, " + (data.deleted || 0) + " deleted.";
    if (data.error) {
      text += " " + String(data.error);
    }
    return text;
  }

  document.addEventListener("fitnesspr:hevy.sync_progress", function (event) {
    var area = document.getElementById("hevy-progress");
    var data = event.detail || {};
    if (!area) {
      return;
    }
    area.setAttribute("data-run-id", String(data.run_id || ""));
    area.setAttribute("data-status", String(data.status || ""));
    var line = document.createElement("p");
    line.textContent = describe(data);
    area.replaceChildren(line);
    if (data.finished) {
      document.dispatchEvent(new CustomEvent("fitnesspr:hevy-sync-finished"));
    }
  });

  document.addEventListener("fitnesspr:hevy.connection_invalid", function () {
    document.dispatchEvent(new CustomEvent("fitnesspr:hevy-sync-finished"));
  });
})();
