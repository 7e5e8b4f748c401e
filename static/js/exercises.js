// The exercise library page. The live search (an htmx GET form, see templates/workouts/exercises/list.html)
// drops its empty filters from the request, so the address bar it updates (hx-push-url) shows only the
// filters in use: /exercises/?q=bench rather than /exercises/?q=bench&muscle=&equipment=&...
(function () {
  "use strict";

  document.addEventListener("htmx:configRequest", function (event) {
    var form = event.detail.elt;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-drop-empty-params")) {
      return;
    }
    var parameters = event.detail.parameters;
    Object.keys(parameters).forEach(function (name) {
      if (parameters[name] === "") {
        delete parameters[name];
      }
    });
  });
})();
