// Slugs in plain ASCII for Vietnamese titles: "Thử nghiệm đường dây" → "thu-nghiem-duong-day".
// Wagtail's own urlify, with WAGTAIL_ALLOW_UNICODE_SLUGS = False, drops the accented
// letters ("th-nghim") and spells "đ" as "dj". The title reaches the slug field in
// the detail of a w-sync event, and a typed slug on its blur; both are folded first,
// the way campaigns/text.py folds them on the server, and Wagtail does the rest.
(function () {
  function fold(text) {
    return text
      .replace(/đ/g, "d")
      .replace(/Đ/g, "D")
      .normalize("NFD")
      .replace(/\p{M}/gu, "");
  }
  function isSlugField(element) {
    var controllers = (element && element.getAttribute && element.getAttribute("data-controller")) || "";
    return controllers.split(/\s+/).indexOf("w-slug") !== -1;
  }
  function foldDetail(event) {
    if (isSlugField(event.target) && event.detail && typeof event.detail.value === "string") {
      event.detail.value = fold(event.detail.value);
    }
  }
  // Capture phase: these run before the slug field's own handlers.
  document.addEventListener("w-sync:check", foldDetail, true);
  document.addEventListener("w-sync:apply", foldDetail, true);
  document.addEventListener(
    "blur",
    function (event) {
      var field = event.target;
      if (!isSlugField(field)) return;
      if (field.defaultValue && field.value === field.defaultValue) {
        // A slug already given keeps its address: neither folded here nor stripped
        // of its accents by Wagtail's own handler.
        event.stopPropagation();
        return;
      }
      field.value = fold(field.value);
    },
    true
  );
})();
