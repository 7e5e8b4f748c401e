// The workout logger (templates/workouts/logging/logger.html). No inline script (CSP), so it works from
// data attributes:
// - [data-rest-timer]: the rest timer bar. It starts when an element with data-rest-start="<seconds>"
//   arrives (the exercise card htmx swaps in after a set is saved), or is on the page at load (after a
//   plain POST the logger is opened with ?rest=<seconds>). +15s and Skip buttons; a vibration and a
//   polite announcement when the rest is over.
// - after htmx swaps an exercise card in, its "Save set" button gets the focus (no keyboard pops up on
//   a phone, and one tap logs the next set); a newly added exercise (data-added) is scrolled into view.
// - [data-workout-clock]: the time since the workout started (data-started, Unix seconds).
// - form[data-finish-workout]: asks once before finishing a workout with no sets or with exercises left
//   without sets (a double click shows one dialog), then sends confirmed=1 so the server does not ask again.
// Times are computed from timestamps (the rest's end, the workout's start), never from counted ticks: a
// phone that slept shows the right time when the page comes back, and a rest that ended meanwhile is over.
(function () {
  "use strict";

  var audio = null;

  // A short beep made with WebAudio (no sound file). The context is created on a tap (Save set, +15s), as
  // browsers allow sound only after the user did something on the page.
  function unlockSound() {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!audio && Context) {
      try {
        audio = new Context();
      } catch (error) {
        audio = null;
      }
    }
    if (audio && audio.state === "suspended" && audio.resume) {
      audio.resume();
    }
  }

  function beep() {
    if (!audio) {
      return;
    }
    try {
      [0, 0.25].forEach(function (offset) {
        var oscillator = audio.createOscillator();
        var gain = audio.createGain();
        var at = audio.currentTime + offset;
        oscillator.type = "sine";
        oscillator.frequency.value = 880;
        gain.gain.setValueAtTime(0.0001, at);
        gain.gain.exponentialRampToValueAtTime(0.3, at + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.18);
        oscillator.connect(gain);
        gain.connect(audio.destination);
        oscillator.start(at);
        oscillator.stop(at + 0.2);
      });
    } catch (error) {
      // no sound: the vibration and the announcement remain
    }
  }

  var timer = null;
  var endsAt = 0;
  var tick = null;
  var hideLater = null;

  function format(seconds) {
    var whole = Math.max(0, Math.ceil(seconds));
    var hours = Math.floor(whole / 3600);
    var minutes = Math.floor((whole % 3600) / 60);
    var rest = whole % 60;
    var text = (rest < 10 ? "0" : "") + rest;
    if (hours) {
      return hours + ":" + (minutes < 10 ? "0" : "") + minutes + ":" + text;
    }
    return minutes + ":" + text;
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
    if (message) {
      beep();
      if (navigator.vibrate) {
        navigator.vibrate([200, 100, 200]);
      }
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

  // --- the workout clock ---
  var clock = null;

  function renderClock() {
    if (!clock) {
      return;
    }
    var started = parseInt(clock.getAttribute("data-started"), 10) * 1000;
    clock.textContent = format((Date.now() - started) / 1000);
  }

  // --- finishing: one question, once ---
  function untouchedExercises() {
    return Array.prototype.filter.call(document.querySelectorAll("#exercise-cards .exercise-card"), function (card) {
      return !card.querySelector(".set-row");
    }).map(function (card) {
      var name = card.querySelector(".exercise-card-head h2");
      return name ? name.firstChild.textContent.trim() : "";
    });
  }

  // On window, capturing: it runs before any other submit listener (app.js's confirm, htmx).
  window.addEventListener("submit", function (event) {
    var form = event.target;
    if (form instanceof HTMLFormElement && form.classList.contains("set-form")) {
      unlockSound(); // a set saved with the keyboard's Enter may start a rest too
    }
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-finish-workout")) {
      return;
    }
    if (form.hasAttribute("data-submitting")) {
      event.preventDefault();
      event.stopImmediatePropagation();
      return;
    }
    var cards = document.querySelectorAll("#exercise-cards .exercise-card").length;
    var untouched = untouchedExercises();
    var question = "";
    if (!document.querySelector("#exercise-cards .set-row")) {
      question = "No sets are logged. Finish this workout anyway?";
    } else if (untouched.length) {
      question = untouched.length + " of " + cards + " exercises have no sets (" + untouched.join(", ") +
        "). Finish anyway?";
    }
    if (question && !window.confirm(question)) {
      event.preventDefault();
      event.stopImmediatePropagation();
      return;
    }
    form.setAttribute("data-submitting", "");
    var confirmed = form.querySelector("[data-finish-confirmed]");
    if (confirmed) {
      confirmed.value = "1";
    }
  }, true);

  // a tap that saves a set (or adds rest) may start a rest: let its beep play later
  document.addEventListener("pointerdown", function (event) {
    if (event.target.closest && event.target.closest(".save-set, [data-rest-add]")) {
      unlockSound();
    }
  }, true);

  // back from sleep or another tab: show the right times at once (and end a rest that ended meanwhile)
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") {
      renderClock();
      if (tick !== null) {
        render();
      }
    }
  });

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
    clock = document.querySelector("[data-workout-clock]");
    if (clock) {
      renderClock();
      window.setInterval(renderClock, 1000);
    }
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
