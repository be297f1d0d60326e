// Live character count (as a reader counts them) and reading time under variant texts.
(function () {
  // Grapheme clusters, as campaigns/text.py counts them on the server.
  var segmenter = window.Intl && Intl.Segmenter ? new Intl.Segmenter("vi", { granularity: "grapheme" }) : null;
  function visibleLength(text) {
    var normal = text.normalize("NFC");
    if (segmenter) return Array.from(segmenter.segment(normal)).length;
    return (normal.match(/\P{M}/gu) || []).length;
  }
  function update(note) {
    var area = document.getElementById(note.dataset.countedFor);
    if (!area) return;
    var text = area.value || "";
    var words = (text.match(/[\p{L}\p{M}\p{N}]+/gu) || []).length;
    var seconds = Math.ceil(words * 60 / Number(note.dataset.wpm));
    var length = visibleLength(text);
    var mm = Math.floor(seconds / 60), ss = String(seconds % 60).padStart(2, "0");
    note.textContent = length + " " + note.dataset.labelChars + " · " + mm + ":" + ss + " " + note.dataset.labelReading;
  }
  function bind(root) {
    root.querySelectorAll("p.counted-textarea").forEach(function (note) {
      if (note.dataset.bound) return;
      note.dataset.bound = "1";
      var area = document.getElementById(note.dataset.countedFor);
      if (area) area.addEventListener("input", function () { update(note); });
      update(note);
    });
  }
  document.addEventListener("DOMContentLoaded", function () { bind(document); });
  // Inline panels add variants after load.
  new MutationObserver(function () { bind(document); }).observe(document.documentElement, { childList: true, subtree: true });
})();
