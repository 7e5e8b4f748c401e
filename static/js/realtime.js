// Live events for logged-in pages: one WebSocket to /ws/notifications/ (authenticated by the
// session cookie). Every server event {type, data} becomes a DOM event "fitnesspr:<type>" on
// document with `detail` = data, so page scripts only need document.addEventListener(...).
// Some events also show a toast in #toasts (an aria-live region of the base layout).
(function () {
  "use strict";

  var PATH = "/ws/notifications/";
  var CLOSE_UNAUTHENTICATED = 4401;
  var MIN_DELAY_MS = 1000;
  var MAX_DELAY_MS = 30000;
  // Below the usual 60 s idle timeout of reverse proxies, so an idle socket stays open.
  var PING_INTERVAL_MS = 25000;
  var TOAST_MS = 6000;
  var MAX_TOASTS = 4;
  var TOAST_TEXT = {
    "coaching.client_joined": "A new client joined you.",
    "coaching.link_ended": "A coaching link has ended.",
  };

  var socket = null;
  var delay = MIN_DELAY_MS;
  var reconnectTimer = null;
  var pingTimer = null;
  var stopped = false;

  function socketUrl() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    return scheme + window.location.host + PATH;
  }

  function toast(text) {
    var region = document.getElementById("toasts");
    if (!region || !text) {
      return null;
    }
    while (region.children.length >= MAX_TOASTS) {
      region.removeChild(region.firstElementChild);
    }
    var item = document.createElement("div");
    // No role here: #toasts is already the live region, a nested one would be announced twice.
    item.className = "toast";
    var message = document.createElement("span");
    message.className = "toast-message";
    message.textContent = String(text);
    var close = document.createElement("button");
    close.type = "button";
    close.className = "toast-close";
    close.setAttribute("aria-label", "Dismiss");
    close.textContent = "\u00d7";
    var remove = function () {
      if (item.parentNode) {
        item.parentNode.removeChild(item);
      }
    };
    close.addEventListener("click", remove);
    item.appendChild(message);
    item.appendChild(close);
    region.appendChild(item);
    window.setTimeout(remove, TOAST_MS);
    return item;
  }

  function toastTextFor(event) {
    var data = event.data || {};
    if (typeof data.message === "string" && data.message) {
      return data.message;
    }
    return TOAST_TEXT[event.type] || null;
  }

  function handle(event) {
    if (!event || typeof event.type !== "string" || event.type === "pong") {
      return;
    }
    if (event.type === "welcome") {
      delay = MIN_DELAY_MS;
    }
    document.dispatchEvent(new CustomEvent("fitnesspr:" + event.type, { detail: event.data || {} }));
    var text = toastTextFor(event);
    if (text) {
      toast(text);
    }
  }

  function scheduleReconnect() {
    if (stopped || reconnectTimer !== null) {
      return;
    }
    // Full jitter, so that every tab of every user does not reconnect at the same instant after a deploy.
    var wait = Math.round(delay / 2 + Math.random() * (delay / 2));
    delay = Math.min(delay * 2, MAX_DELAY_MS);
    reconnectTimer = window.setTimeout(function () {
      reconnectTimer = null;
      connect();
    }, wait);
  }

  function connect() {
    if (stopped || !("WebSocket" in window)) {
      return;
    }
    var current = new WebSocket(socketUrl());
    socket = current;
    current.addEventListener("open", function () {
      window.clearInterval(pingTimer);
      pingTimer = window.setInterval(function () {
        if (current.readyState === WebSocket.OPEN) {
          current.send(JSON.stringify({ type: "ping" }));
        }
      }, PING_INTERVAL_MS);
    });
    current.addEventListener("message", function (message) {
      var event;
      try {
        event = JSON.parse(message.data);
      } catch (error) {
        return;
      }
      handle(event);
    });
    current.addEventListener("close", function (closed) {
      if (socket !== current) {
        return;
      }
      socket = null;
      window.clearInterval(pingTimer);
      document.dispatchEvent(new CustomEvent("fitnesspr:disconnected", { detail: { code: closed.code } }));
      if (closed.code === CLOSE_UNAUTHENTICATED) {
        // The session is gone (logged out elsewhere or expired): retrying cannot help.
        stopped = true;
        return;
      }
      scheduleReconnect();
    });
  }

  // A phone that regains its network should not wait out a long backoff.
  window.addEventListener("online", function () {
    if (socket === null && !stopped) {
      window.clearTimeout(reconnectTimer);
      reconnectTimer = null;
      delay = MIN_DELAY_MS;
      connect();
    }
  });

  window.FitnessPr = window.FitnessPr || {};
  window.FitnessPr.toast = toast;

  connect();
})();
