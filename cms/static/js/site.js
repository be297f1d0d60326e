/* The public site works without this file; with it, a share box's link gets a
   "copy" button (the link stays selectable by hand where the clipboard is closed). */
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("input.copy-link").forEach(function (input) {
    input.addEventListener("focus", function () { input.select(); });
    if (!navigator.clipboard) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-button";
    button.textContent = input.dataset.copyLabel;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(input.value).then(function () {
        button.textContent = input.dataset.copiedLabel;
      }, function () { input.select(); });
    });
    input.insertAdjacentElement("afterend", button);
  });
});
