/* Behaviour of the base layout, in a file because the Content-Security-Policy runs no inline script.
   A <select data-submit-on-change> sends its form when a choice is made (the language switch); without JavaScript
   the form's <noscript> button does it. */
(function () {
  "use strict";
  document.addEventListener("change", function (evt) {
    var select = evt.target;
    if (select.matches && select.matches("select[data-submit-on-change]") && select.form) {
      select.form.submit();
    }
  });
})();
