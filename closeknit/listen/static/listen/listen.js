// Listen's small enhancements. Every page works without this file: the time left is also
// written on the page by the server, and every button is a plain form.
(function () {
  "use strict";

  function format(seconds) {
    var minutes = Math.floor(seconds / 60);
    var rest = seconds % 60;
    return minutes + ":" + (rest < 10 ? "0" : "") + rest;
  }

  // The turn timer: counts down from the seconds the server said were left, so the two
  // phones agree without trusting either clock. It never moves the floor on by itself.
  function startTimers(root) {
    var scope = root && root.querySelectorAll ? root : document;
    var found = Array.prototype.slice.call(scope.querySelectorAll("[data-listen-timer]"));
    if (scope.matches && scope.matches("[data-listen-timer]")) found.push(scope);
    found.forEach(function (element) {
      if (element.dataset.started) return;
      var remaining = parseInt(element.dataset.remaining, 10);
      if (isNaN(remaining)) return;
      element.dataset.started = "1";
      var deadline = Date.now() + remaining * 1000;
      var timer = element.closest(".timer");
      var status = timer && timer.querySelector(".timer__status");
      var interval = null;
      function tick() {
        if (!document.body.contains(element)) {
          clearInterval(interval);
          return;
        }
        var left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
        element.textContent = format(left);
        if (left === 0) {
          clearInterval(interval);
          if (timer) timer.classList.add("timer--done");
          if (status && !status.textContent.trim()) status.textContent = element.dataset.doneText || "";
        }
      }
      interval = setInterval(tick, 1000);
      tick();
    });
  }

  document.addEventListener("DOMContentLoaded", function () { startTimers(document); });
  document.addEventListener("htmx:load", function (event) { startTimers(event.target); });
  // A refused step (400 or 409) comes back as the floor card with its message; base.html's
  // htmx responseHandling swaps 4xx responses in place, as a page without JS would show them.
})();
