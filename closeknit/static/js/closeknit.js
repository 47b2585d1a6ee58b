// closeknit's small progressive enhancements. Every page works without this file.
(function () {
  "use strict";

  // Quick exit: leave at once and replace this page in the history, so Back doesn't return.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-quick-exit]");
    if (!link) return;
    event.preventDefault();
    document.body.hidden = true;
    window.location.replace(link.href);
  });

  // Pre-fill time-zone selects from the browser, unless the person already chose one.
  function detectTimeZone() {
    var zone;
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
    if (!zone) return;
    document.querySelectorAll("select[data-detect-time-zone]").forEach(function (select) {
      if (select.dataset.detected || (select.value && select.value !== "UTC")) return;
      if (Array.prototype.some.call(select.options, function (o) { return o.value === zone; })) {
        select.value = zone;
        select.dataset.detected = "1";
      }
    });
  }

  // Copy buttons: <button data-copy="#element-id">.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-copy]");
    if (!button) return;
    var source = document.querySelector(button.getAttribute("data-copy"));
    if (!source || !navigator.clipboard) return;
    navigator.clipboard.writeText(source.value || source.textContent.trim()).then(function () {
      var label = button.textContent;
      button.textContent = button.getAttribute("data-copied") || "Copied";
      setTimeout(function () { button.textContent = label; }, 2000);
    });
  });

  document.addEventListener("DOMContentLoaded", detectTimeZone);
  document.addEventListener("htmx:afterSwap", detectTimeZone);
})();
