// Buttons marked data-print print the page (an inline onclick would break the
// Content-Security-Policy).
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-print]");
  if (button) window.print();
});
