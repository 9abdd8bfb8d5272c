/* The progress bar of a component upload (online filing): htmx reports the bytes sent, the form's <progress>
   shows them. A file because the Content-Security-Policy runs no inline script. */
(function () {
  "use strict";
  document.addEventListener("htmx:xhr:progress", function (evt) {
    var form = evt.target.closest ? evt.target.closest("form") : null;
    var bar = form && form.querySelector("progress");
    if (bar && evt.detail.lengthComputable) {
      bar.hidden = false;
      bar.value = Math.round(evt.detail.loaded / evt.detail.total * 100);
    }
  });
})();
