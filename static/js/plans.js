// The plan builder. A set row that failed to save says so; a form marked data-reset-on-success is emptied after htmx saved it (the "Add a day"
// form stays on the page while the days above it are swapped), and its first field gets the focus back.
(function () {
  "use strict";

  // A set row whose save failed (a server error, no network) says so in its status; a refused value
  // comes back as the row with its errors (builder_set.html).
  function markNotSaved(row, message) {
    var status = row.querySelector(".set-status");
    if (status) {
      var note = document.createElement("small");
      note.className = "not-saved";
      note.setAttribute("role", "status");
      note.textContent = message;
      status.replaceChildren(note);
    }
  }

  // A value the browser refuses before sending (below a field's minimum, say): htmx does not send it, so the row
  // says why instead of keeping a blank or an older status.
  document.addEventListener("htmx:validation:halted", function (event) {
    var row = event.detail.elt;
    if (!(row instanceof HTMLFormElement) || !row.classList.contains("set-row")) {
      return;
    }
    var first = (event.detail.errors || [])[0];
    markNotSaved(row, "Not saved: " + (first && first.message ? first.message : "check the values"));
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    var row = event.detail.elt;
    if (event.detail.successful || !(row instanceof HTMLFormElement) || !row.classList.contains("set-row")) {
      return;
    }
    markNotSaved(row, "Not saved: try again");
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-reset-on-success")) {
      return;
    }
    if (event.detail.successful) {
      form.reset();
      var first = form.querySelector("input:not([type='hidden']), select, textarea");
      if (first) {
        first.focus();
      }
    }
  });
})();
