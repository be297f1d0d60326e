// Buttons marked data-copy copy the address in the field they name to the
// clipboard and say so for a moment. No inline script: the admin's
// Content-Security-Policy allows scripts from this site only.
(function () {
  "use strict";

  function selectAndCopy(field) {
    field.focus();
    field.select();
    field.setSelectionRange(0, field.value.length);
    try {
      return document.execCommand("copy");
    } catch (error) {
      return false;
    }
  }

  function say(button, text) {
    var label = button.querySelector("[data-copy-label]") || button;
    var before = button.getAttribute("data-copy-idle") || label.textContent;
    button.setAttribute("data-copy-idle", before);
    label.textContent = text;
    clearTimeout(button._copyTimer);
    button._copyTimer = setTimeout(function () {
      label.textContent = before;
    }, 2500);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) return;
    event.preventDefault();
    var field = document.getElementById(button.getAttribute("data-copy"));
    if (!field) return;
    var done = button.getAttribute("data-copy-done");
    var failed = button.getAttribute("data-copy-failed");
    // The clipboard API needs a secure context (https or 127.0.0.1); elsewhere the
    // selected text is copied the older way, or left selected for Ctrl+C.
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(
        function () { say(button, done); },
        function () { say(button, selectAndCopy(field) ? done : failed); }
      );
    } else {
      say(button, selectAndCopy(field) ? done : failed);
    }
  });
})();
