// Region tree: filter by name (with or without Vietnamese accents), count what is chosen.
// Delegated from the document, so variant forms added later work too.
(function () {
  function fold(text) {
    return text.replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD")
      .replace(/\p{M}/gu, "").toLowerCase().split(/\s+/).filter(Boolean).join(" ");
  }
  function filter(tree, query) {
    var wanted = fold(query);
    var items = tree.querySelectorAll("li[data-folded]");
    var shown = 0;
    items.forEach(function (item) { item.hidden = wanted !== ""; });
    items.forEach(function (item) {
      if (wanted === "" || item.dataset.folded.indexOf(wanted) === -1) return;
      shown += 1;
      // A match shows with its ancestors and its communes, all opened to be seen.
      item.querySelectorAll("li").forEach(function (child) { child.hidden = false; });
      var own = item.querySelector(":scope > details");
      if (own) own.open = true;
      for (var node = item; node && node !== tree; node = node.parentElement) {
        if (node.tagName === "LI") node.hidden = false;
        if (node.tagName === "DETAILS") node.open = true;
      }
    });
    tree.querySelector(".region-tree__none").hidden = wanted === "" || shown > 0;
  }
  function count(tree) {
    var label = tree.querySelector(".region-tree__count");
    var chosen = tree.querySelectorAll("input[type=checkbox]:checked").length;
    label.textContent = label.dataset.template.replace("{n}", chosen);
  }
  document.addEventListener("input", function (event) {
    var tree = event.target.closest("[data-region-tree]");
    if (tree && event.target.classList.contains("region-tree__filter")) filter(tree, event.target.value);
  });
  document.addEventListener("change", function (event) {
    var tree = event.target.closest("[data-region-tree]");
    if (tree && event.target.type === "checkbox") count(tree);
  });
  // Enter in the filter box must not submit the page form.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.classList.contains("region-tree__filter")) event.preventDefault();
  });
})();
