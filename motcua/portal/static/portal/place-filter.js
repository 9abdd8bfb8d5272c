/* The "Find the agency" box of online filing: with JavaScript the list of agencies filters as one types (without
   diacritics or case: "hoan kiem" finds "Hoàn Kiếm"); without it the box is a GET form that filters on the server.
   The chosen agency always stays in the list. A file because the Content-Security-Policy runs no inline script. */
(function () {
  "use strict";

  function fold(text) {
    return (text || "").replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }

  function setUp(box) {
    var select = document.getElementById(box.getAttribute("data-filter-select"));
    if (!select) {
      return;
    }
    var form = box.form;
    var button = form && form.querySelector("[data-filter-button]");
    var status = form && form.querySelector("[data-filter-status]");
    if (button) {
      button.hidden = true;
    }
    if (form) {
      form.addEventListener("submit", function (evt) {
        evt.preventDefault();
        select.focus();
      });
    }
    function apply() {
      var needle = fold(box.value);
      var shown = 0;
      var total = 0;
      Array.prototype.forEach.call(select.options, function (option) {
        if (!option.value) {
          return;
        }
        total += 1;
        var keep = !needle || option.selected || fold(option.text).indexOf(needle) !== -1;
        option.hidden = !keep;
        option.disabled = !keep;
        if (keep) {
          shown += 1;
        }
      });
      if (status) {
        status.textContent = needle ? shown + " / " + total : "";
      }
    }
    box.addEventListener("input", apply);
    apply();
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("input[data-filter-select]"), setUp);
  });
})();
