// The workout logger (templates/workouts/logging/logger.html). No inline script (CSP), so it works from
// data attributes:
// - [data-rest-timer]: the rest timer bar. It starts when an element with data-rest-start="<seconds>"
//   arrives (the exercise card htmx swaps in after a set is saved), or is on the page at load (after a
//   plain POST the logger is opened with ?rest=<seconds>). +15s and Skip buttons; a vibration and a
//   polite announcement when the rest is over.
// - after htmx swaps an exercise card in, its "Save set" button gets the focus (no keyboard pops up on
//   a phone, and one tap logs the next set); a newly added exercise (data-added) is scrolled into view.
(function () {
  "use strict";

  var timer = null;
  var endsAt = 0;
  var tick = null;
  var hideLater = null;

  function format(seconds) {
    var whole = Math.max(0, Math.ceil(seconds));
    var minutes = Math.floor(whole / 60);
    var rest = whole % 60;
    return minutes + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function part(name) {
    return timer ? timer.querySelector("[" + name + "]") : null;
  }

  function render() {
    var left = (endsAt - Date.now()) / 1000;
    var remaining = part("data-rest-remaining");
    if (remaining) {
      remaining.textContent = format(left);
    }
    if (left <= 0) {
      stop("Rest over: time for the next set.");
    }
  }

  function stop(message) {
    window.clearInterval(tick);
    tick = null;
    var status = part("data-rest-status");
    if (status) {
      status.textContent = message || "";
    }
    if (message && navigator.vibrate) {
      navigator.vibrate([200, 100, 200]);
    }
    timer.classList.toggle("rest-over", Boolean(message));
    window.clearTimeout(hideLater);
    hideLater = window.setTimeout(function () {
      timer.hidden = true;
      timer.classList.remove("rest-over");
    }, message ? 4000 : 0);
  }

  function start(seconds) {
    if (!timer || !(seconds > 0)) {
      return;
    }
    window.clearTimeout(hideLater);
    endsAt = Date.now() + seconds * 1000;
    timer.hidden = false;
    timer.classList.remove("rest-over");
    var status = part("data-rest-status");
    if (status) {
      status.textContent = "Rest " + format(seconds) + " started.";
    }
    window.clearInterval(tick);
    tick = window.setInterval(render, 250);
    render();
  }

  function startFrom(element) {
    if (element && element.getAttribute) {
      var seconds = parseInt(element.getAttribute("data-rest-start"), 10);
      element.removeAttribute("data-rest-start");
      start(seconds);
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-rest-add], [data-rest-skip]") : null;
    if (!button || !timer) {
      return;
    }
    if (button.hasAttribute("data-rest-skip")) {
      stop("");
      return;
    }
    var extra = parseInt(button.getAttribute("data-rest-add"), 10) || 0;
    if (tick === null) {
      start(extra);
    } else {
      endsAt += extra * 1000;
      render();
    }
  });

  // htmx:load fires for every element htmx adds, e.g. the exercise card after a set is saved.
  document.addEventListener("htmx:load", function (event) {
    var element = event.detail && event.detail.elt;
    if (!element || !element.matches || !element.matches(".exercise-card")) {
      return;
    }
    if (element.hasAttribute("data-added")) {
      // a newly added exercise: bring it into view
      element.removeAttribute("data-added");
      element.scrollIntoView({ block: "start", behavior: "smooth" });
      return;
    }
    if (element.hasAttribute("data-rest-start")) {
      startFrom(element);
      var save = element.querySelector(".save-set");
      if (save) {
        save.focus({ preventScroll: true });
      }
    }
  });

  function ready() {
    timer = document.querySelector("[data-rest-timer]");
    if (timer && timer.hasAttribute("data-rest-start")) {
      startFrom(timer);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
