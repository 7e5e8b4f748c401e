// Small UI helpers of every page. No inline script anywhere (the Content-Security-Policy forbids it),
// so pages opt in with data attributes:
// - <input data-timezone-autofill>: filled with the browser's time zone (sign-up forms);
// - after a refused form, the first field marked aria-invalid gets the focus (and scrolls into view);
// - <form data-confirm="Question?">: asks before the form is submitted, plain or htmx (this capturing
//   listener runs before htmx's own, and stops the event when the answer is no);
// - live events from realtime.js that change the client list become "fitnesspr:clients-changed",
//   which the Clients page sections listen to (hx-trigger) to refresh themselves;
// - <button data-copy="ID">: copies the value of the field with that id (a link to share), and says so.
(function () {
  "use strict";

  function browserTimeZone() {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    } catch (error) {
      return "";
    }
  }

  function fillTimeZones(root) {
    var zone = browserTimeZone();
    if (!zone) {
      return;
    }
    root.querySelectorAll("input[data-timezone-autofill]").forEach(function (input) {
      if (!input.value || input.value === "UTC") {
        input.value = zone;
      }
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement)) {
      return;
    }
    var question = form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  function copyField(button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    if (!field) {
      return;
    }
    var label = button.getAttribute("data-label") || button.textContent;
    button.setAttribute("data-label", label);
    function done(copied) {
      button.textContent = copied ? (button.getAttribute("data-copied-label") || "Copied") : "Select and copy";
      window.setTimeout(function () { button.textContent = label; }, 2000);
    }
    field.focus();
    field.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(function () { done(true); }, function () { done(false); });
      return;
    }
    var copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (error) {
      copied = false;
    }
    done(copied);
  }

  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element ? event.target.closest("button[data-copy]") : null;
    if (button) {
      event.preventDefault();
      copyField(button);
    }
  });

  document.addEventListener("focusin", function (event) {
    if (event.target instanceof HTMLInputElement && event.target.hasAttribute("data-select-on-focus")) {
      event.target.select();
    }
  });

  ["coaching.client_joined", "coaching.link_ended"].forEach(function (type) {
    document.addEventListener("fitnesspr:" + type, function () {
      document.dispatchEvent(new CustomEvent("fitnesspr:clients-changed"));
    });
  });

  function focusFirstError() {
    var field = document.querySelector("main :is(input, select, textarea)[aria-invalid='true']");
    if (field && typeof field.focus === "function") {
      field.focus();
    }
  }

  function ready() {
    fillTimeZones(document);
    focusFirstError();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
