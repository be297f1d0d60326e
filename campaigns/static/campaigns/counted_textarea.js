// Live character count (as a reader counts them) and reading time under variant texts.
(function () {
  function visibleLength(text) {
    var count = 0;
    var glued = false;
    var normal = text.normalize("NFC");
    for (var i = 0; i < normal.length; i++) {
      var ch = normal[i];
      if (ch === "\u200d" || ch === "\ufe0e" || ch === "\ufe0f") { glued = true; continue; }
      if (/\p{M}/u.test(ch) || glued || (ch >= "\udc00" && ch <= "\udfff")) { glued = false; continue; }
      count += 1;
    }
    return count;
  }
  function update(note) {
    var area = document.getElementById(note.dataset.countedFor);
    if (!area) return;
    var text = area.value || "";
    var words = (text.match(/[\p{L}\p{N}_]+/gu) || []).length;
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
