// Live progress on a report job page: polls the job's JSON status every second and updates the
// bar, the message, the error and the download links in place. Without JavaScript the page
// refreshes itself instead (a <meta http-equiv="refresh"> inside <noscript>).
(function () {
  "use strict";

  var POLL_MILLISECONDS = 1000;
  var RETRY_MILLISECONDS = 3000;

  function find(panel, name) {
    return panel.querySelector("[data-report-" + name + "]") || document.querySelector("[data-report-" + name + "]");
  }

  function showFiles(panel, files) {
    var list = find(panel, "files");
    var template = list.getAttribute("data-download-label") || "%s";
    list.replaceChildren();
    files.forEach(function (file) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = file.url;
      link.setAttribute("download", "");
      link.textContent = template.replace("%s", file.label);
      var meta = document.createElement("span");
      meta.className = "meta";
      meta.textContent = " " + file.filename + " · " + file.size;
      item.append(link, meta);
      list.append(item);
    });
    find(panel, "no-files").hidden = files.length > 0;
  }

  function show(panel, job) {
    var status = find(panel, "status");
    status.textContent = job.status_label;
    status.className = "report-status report-status--" + job.status;
    find(panel, "progress-bar").value = job.progress;
    find(panel, "progress").textContent = job.progress + "%";
    find(panel, "progress-message").textContent = job.progress_message;
    find(panel, "error-text").textContent = job.error;
    find(panel, "error").hidden = !job.error;
    find(panel, "started").textContent = job.started_at;
    find(panel, "finished").textContent = job.finished_at;
    if (job.finished) {
      var next = find(panel, "next");
      if (next && job.next_page) {
        find(panel, "next-link").href = job.next_page;
        next.hidden = false;
      }
      if (find(panel, "files")) {
        showFiles(panel, job.files);
      }
      var rerun = find(panel, "rerun");
      if (rerun) {
        rerun.hidden = false;
      }
      panel.setAttribute("data-finished", "true");
    }
  }

  function poll(panel) {
    fetch(panel.getAttribute("data-status-url"), {
      credentials: "same-origin",
      cache: "no-store",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("status " + response.status);
        }
        return response.json();
      })
      .then(function (job) {
        show(panel, job);
        if (!job.finished) {
          window.setTimeout(poll, POLL_MILLISECONDS, panel);
        }
      })
      .catch(function () {
        window.setTimeout(poll, RETRY_MILLISECONDS, panel);
      });
  }

  document.querySelectorAll("[data-report-job]").forEach(function (panel) {
    if (panel.getAttribute("data-finished") !== "true") {
      window.setTimeout(poll, POLL_MILLISECONDS, panel);
    }
  });
})();
