/* The public site works without this file. With it, a share box gets a "copy"
   button once opened (nothing runs before then), and the link stays selectable. */
"use strict";
document.addEventListener("toggle", function (event) {
  var box = event.target;
  if (!box.open || !box.classList || !box.classList.contains("share")) return;
  var input = box.querySelector("input.copy-link");
  if (!input || input.dataset.ready) return;
  input.dataset.ready = "1";
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
}, true);
