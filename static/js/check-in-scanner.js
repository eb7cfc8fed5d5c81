/* Check-in page: read ticket and badge QR codes with the device's camera (static/vendor/jsqr) and
   check their holders in without leaving the page. The ticket form beside it works without this
   script, and with hand-held scanners, which type the code and press Enter. */
(function () {
  "use strict";
  // The same code seen again within this time is the same ticket still in front of the camera.
  var SAME_CODE_PAUSE_MILLISECONDS = 3000;

  function start() {
    var form = document.querySelector("[data-scan-form]");
    var result = document.querySelector("[data-scan-result]");
    if (!form || !result || !window.fetch || !window.FormData) { return; }
    var input = form.querySelector('input[name="ticket"]');
    var checkedInCount = document.querySelector(".check-in-counts__checked-in");

    function show(answer) {
      result.textContent = answer.message;
      result.className = "check-in-scan__result " + (answer.checked_in ? "is-checked-in" : "is-refused");
      if (checkedInCount && answer.counts) { checkedInCount.textContent = answer.counts.checked_in; }
      if (answer.checked_in) { document.dispatchEvent(new CustomEvent("check-in:changed")); }
    }

    function send(code) {
      var data = new FormData(form);
      data.set("ticket", code);
      return fetch(form.action, { method: "POST", body: data, credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          if (response.ok) { return response.json().then(show); }
          // Signed out (the session ended) or the page's CSRF token went stale: the code was not sent.
          var expired = response.status === 401 || response.status === 403;
          show({ checked_in: false, message: form.getAttribute(expired ? "data-expired" : "data-failed") });
        })
        .catch(function () { show({ checked_in: false, message: form.getAttribute("data-failed") }); });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      send(input.value.trim()).then(function () { input.value = ""; input.focus(); });
    });

    var camera = document.querySelector("[data-check-in-scanner]");
    if (!camera || !window.jsQR || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) { return; }
    camera.hidden = false;
    var video = camera.querySelector("[data-scanner-video]");
    var startButton = camera.querySelector("[data-scanner-start]");
    var stopButton = camera.querySelector("[data-scanner-stop]");
    var canvas = document.createElement("canvas");
    var context = canvas.getContext("2d", { willReadFrequently: true });
    var stream = null;
    var lastCode = "";
    var lastSeenAt = 0;
    var sending = false;

    function readFrame() {
      if (!stream) { return; }
      if (video.readyState === video.HAVE_ENOUGH_DATA && !sending) {
        canvas.width = video.videoWidth;
        canvas.height = video.videoHeight;
        context.drawImage(video, 0, 0, canvas.width, canvas.height);
        var frame = context.getImageData(0, 0, canvas.width, canvas.height);
        var code = window.jsQR(frame.data, frame.width, frame.height, { inversionAttempts: "dontInvert" });
        var now = Date.now();
        if (code && code.data && (code.data !== lastCode || now - lastSeenAt > SAME_CODE_PAUSE_MILLISECONDS)) {
          sending = true;
          lastCode = code.data;
          send(code.data).then(function () { sending = false; });
        }
        if (code && code.data === lastCode) { lastSeenAt = now; }
      }
      window.requestAnimationFrame(readFrame);
    }

    function stop() {
      if (stream) { stream.getTracks().forEach(function (track) { track.stop(); }); }
      stream = null;
      video.hidden = true;
      stopButton.hidden = true;
      startButton.hidden = false;
    }

    startButton.addEventListener("click", function () {
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false })
        .then(function (opened) {
          stream = opened;
          video.srcObject = opened;
          video.hidden = false;
          startButton.hidden = true;
          stopButton.hidden = false;
          return video.play();
        })
        .then(function () { window.requestAnimationFrame(readFrame); })
        .catch(function () { stop(); show({ checked_in: false, message: camera.getAttribute("data-no-camera") }); });
    });
    stopButton.addEventListener("click", stop);
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
