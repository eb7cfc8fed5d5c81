/* Check-in page: show matching participants while staff type, without reloading the page.
   The form still works without this script (a GET submit); buttons are ordinary POST forms. */
(function () {
  "use strict";
  var DEBOUNCE_MILLISECONDS = 200;

  function start() {
    var form = document.querySelector("[data-check-in-search]");
    var results = document.getElementById("check-in-results");
    if (!form || !results || !window.fetch) { return; }
    var input = form.querySelector('input[name="q"]');
    var timer = null;
    var latestRequest = 0;

    function showResults() {
      var query = input.value.trim();
      var requestNumber = ++latestRequest;
      var url = form.getAttribute("action") || window.location.pathname;
      var parameters = new URLSearchParams({ q: query, partial: "1" });
      fetch(url + "?" + parameters.toString(), { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
        .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
        .then(function (html) {
          // An older, slower answer must not replace the results of what was typed since.
          if (requestNumber !== latestRequest) { return; }
          results.innerHTML = html;
          results.setAttribute("data-query", query);
          window.history.replaceState(null, "", query ? "?" + new URLSearchParams({ q: query }).toString() : url);
        })
        .catch(function () { /* the search button still works */ });
    }

    // A ticket scanned on this page (check-in-scanner.js) changes a row: show it as it is now.
    document.addEventListener("check-in:changed", showResults);
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(showResults, DEBOUNCE_MILLISECONDS);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      window.clearTimeout(timer);
      showResults();
    });
    // After a check-in from the search the kept search has the cursor, at its end, so that staff can
    // keep typing; otherwise the ticket field has it (the template's autofocus), where a hand-held
    // scanner types.
    if (input.value) {
      input.focus();
      input.setSelectionRange(input.value.length, input.value.length);
    }
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
