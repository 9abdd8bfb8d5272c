/* A searchable agency picker, as progressive enhancement: every <select data-searchable="placeholder"> gets a
   search box before it that hides the options not matching what is typed (marks and case ignored: "tu phap"
   finds "Sở Tư pháp"). Without JavaScript the plain select works. */
(function () {
  "use strict";
  function fold(text) {
    return text.replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function enhance(select) {
    var box = document.createElement("input");
    box.type = "search";
    box.className = "picker-search";
    box.id = select.id + "-search";
    box.placeholder = select.getAttribute("data-searchable") || "";
    box.setAttribute("aria-label", box.placeholder);
    box.setAttribute("aria-controls", select.id);
    box.autocomplete = "off";
    select.parentNode.insertBefore(box, select);
    // typing filters; it is not a choice of its own (a form that reloads on "change" must not react to it)
    box.addEventListener("change", function (evt) { evt.stopPropagation(); });
    var options = Array.prototype.slice.call(select.options);
    var folded = options.map(function (o) { return fold(o.text); });
    box.addEventListener("input", function () {
      var words = fold(box.value).split(/\s+/).filter(Boolean);
      var first = null;
      options.forEach(function (option, i) {
        var shown = !option.value || words.every(function (w) { return folded[i].indexOf(w) !== -1; });
        option.hidden = !shown;
        if (shown && option.value && first === null) { first = option; }
      });
      var current = select.options[select.selectedIndex];
      if (first && (!current || current.hidden || !current.value)) { select.value = first.value; }
    });
  }
  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("select[data-searchable]"), enhance);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
