/* KIPP: what every page may use. A countdown (an element with data-closes-at, an ISO time) ticks each
   second until the window closes; the server renders its first text, so nothing depends on this. */
(function () {
  "use strict";
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function tick(el) {
    var left = Math.floor((Date.parse(el.dataset.closesAt) - Date.now()) / 1000);
    var out = el.querySelector("strong");
    if (!out) return;
    if (left <= 0) { out.textContent = el.dataset.closed || "0"; return; }
    var days = Math.floor(left / 86400), rest = left % 86400;
    out.textContent = (days ? days + " " + (el.dataset.days || "hari") + " " : "") +
      pad(Math.floor(rest / 3600)) + ":" + pad(Math.floor(rest % 3600 / 60)) + ":" + pad(rest % 60);
    setTimeout(function () { tick(el); }, 1000);
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-closes-at]").forEach(tick);
  });
})();
