// The Hevy settings page: live progress of a sync from the `hevy.sync_progress` events (realtime.js
// dispatches them as "fitnesspr:hevy.sync_progress" on document). When the sync finishes, the list of
// syncs refreshes itself (htmx listens for "fitnesspr:hevy-sync-finished"); while a sync is queued or
// running it also polls (every 2 s), and the progress line follows the newest run it shows.
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

  function show(data) {
    var area = document.getElementById("hevy-progress");
    if (!area) {
      return false;
    }
    area.setAttribute("data-run-id", String(data.run_id || ""));
    area.setAttribute("data-status", String(data.status || ""));
    var line = document.createElement("p");
    line.textContent = describe(data);
    area.replaceChildren(line);
    return true;
  }

  document.addEventListener("fitnesspr:hevy.sync_progress", function (event) {
    var data = event.detail || {};
    if (show(data) && data.finished) {
      document.dispatchEvent(new CustomEvent("fitnesspr:hevy-sync-finished"));
    }
  });

  // The list of syncs was refreshed (it polls while a sync is queued or running): when its newest run is the one
  // the progress line follows, the line follows it too. Without the WebSocket, this is how progress shows.
  document.addEventListener("htmx:load", function (event) {
    var section = event.target;
    var area = document.getElementById("hevy-progress");
    if (!section || section.id !== "hevy-sync-section" || !area) {
      return;
    }
    var runId = section.getAttribute("data-run-id");
    if (!runId || runId !== area.getAttribute("data-run-id")) {
      return;
    }
    show({
      run_id: runId,
      status: section.getAttribute("data-run-status"),
      pages: Number(section.getAttribute("data-run-pages")),
      created: Number(section.getAttribute("data-run-created")),
      updated: Number(section.getAttribute("data-run-updated")),
      deleted: Number(section.getAttribute("data-run-deleted")),
      error: section.getAttribute("data-run-error"),
    });
  });

  // Connecting a key waits for Hevy to answer (a few seconds at most): the button says so and cannot be pressed twice.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form || form.id !== "hevy-key-form" || event.defaultPrevented) {
      return;
    }
    var button = form.querySelector("button[data-busy-text]");
    if (button) {
      button.setAttribute("data-idle-text", button.textContent);
      button.textContent = button.getAttribute("data-busy-text");
      button.setAttribute("aria-busy", "true");
      button.disabled = true;
    }
  });

  // Back to a page the browser kept in memory: the button works again.
  window.addEventListener("pageshow", function (event) {
    var button = event.persisted && document.querySelector("#hevy-key-form button[data-idle-text]");
    if (button) {
      button.textContent = button.getAttribute("data-idle-text");
      button.removeAttribute("aria-busy");
      button.disabled = false;
    }
  });

  document.addEventListener("fitnesspr:hevy.connection_invalid", function () {
    document.dispatchEvent(new CustomEvent("fitnesspr:hevy-sync-finished"));
  });
})();
