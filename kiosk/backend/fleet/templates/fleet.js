// Refreshes the page's content every data-refresh-s seconds (0: never), without a
// full reload; skipped while someone is typing in a form. Keeps working if a fetch fails.
(function () {
  "use strict";
  var seconds = parseInt(document.body.getAttribute("data-refresh-s") || "0", 10);
  if (!seconds) { return; }
  function busy() {
    var el = document.activeElement;
    return el && (el.tagName === "TEXTAREA" || el.tagName === "INPUT");
  }
  function refresh() {
    if (busy()) { return; }
    fetch(window.location.href, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (response.redirected || !response.ok) { throw new Error("HTTP " + response.status); }
        return response.text();
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("content");
        var current = document.getElementById("content");
        if (fresh && current && !busy()) { current.innerHTML = fresh.innerHTML; }
      })
      .catch(function () { /* offline or logged out: the next try may work */ });
  }
  window.setInterval(refresh, seconds * 1000);
}());
