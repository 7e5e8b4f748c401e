// The plan builder: a form marked data-reset-on-success is emptied after htmx saved it (the "Add a day"
// form stays on the page while the days above it are swapped), and its first field gets the focus back.
(function () {
  "use strict";

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
