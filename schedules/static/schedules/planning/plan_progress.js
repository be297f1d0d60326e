// While a plan is being generated, follow its progress and reload when it ends.
(function () {
  var bar = document.getElementById("plan-progress");
  if (!bar) return;
  var percent = document.getElementById("plan-percent");
  var status = document.getElementById("plan-status");
  (function poll() {
    fetch(bar.dataset.progressUrl).then(function (r) { return r.json(); }).then(function (data) {
      bar.value = data.progress;
      percent.textContent = data.progress + "%";
      if (status && data.label) { status.textContent = data.label; }
      if (data.status === "ready" || data.status === "failed") { window.location.reload(); }
      else { setTimeout(poll, 1000); }
    });
  })();
})();
