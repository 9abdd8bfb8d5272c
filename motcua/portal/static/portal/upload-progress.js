/* Component uploads (online filing) with htmx: the progress bar of the bytes sent, and what happens when the
   server refuses the file. A file because the Content-Security-Policy runs no inline script.

   htmx swaps nothing on a 4xx reply by default, so a refused upload (wrong type, a renamed program, a file over
   the limit: 422 with the page fragment that names the problem) would leave a full progress bar and no word.
   A 422 carrying our fragment is swapped like a 200; any other failure (413 from the body limit, 403, 5xx,
   network) resets the bar and writes the server's message (its role="alert" paragraph) or a general one in an
   alert next to the form. */
(function () {
  "use strict";

  function formOf(evt) {
    var elt = evt.detail && evt.detail.elt ? evt.detail.elt : evt.target;
    return elt && elt.closest ? elt.closest("form") : null;
  }

  function reset(form) {
    var bar = form && form.querySelector("progress");
    if (bar) {
      bar.value = 0;
      bar.hidden = true;
    }
  }

  function say(form, text) {
    if (!form) {
      return;
    }
    var box = form.querySelector("[data-upload-status]");
    if (!box) {
      box = document.createElement("p");
      box.setAttribute("data-upload-status", "");
      box.setAttribute("role", "alert");
      box.className = "field-error";
      form.appendChild(box);
    }
    box.textContent = text;
  }

  function serverMessage(xhr) {
    if (!xhr || !xhr.responseText || !window.DOMParser) {
      return "";
    }
    var doc = new DOMParser().parseFromString(xhr.responseText, "text/html");
    var alert = doc.querySelector("[role=alert]");
    return alert ? alert.textContent.trim() : "";
  }

  document.addEventListener("htmx:xhr:progress", function (evt) {
    var form = formOf(evt);
    var bar = form && form.querySelector("progress");
    if (bar && evt.detail.lengthComputable) {
      bar.hidden = false;
      bar.value = Math.round(evt.detail.loaded / evt.detail.total * 100);
    }
  });

  document.addEventListener("htmx:beforeSwap", function (evt) {
    var xhr = evt.detail.xhr;
    if (xhr && xhr.status === 422 && xhr.responseText) {
      evt.detail.shouldSwap = true;
      evt.detail.isError = false;
    }
  });

  document.addEventListener("htmx:responseError", function (evt) {
    var form = formOf(evt);
    var xhr = evt.detail.xhr;
    reset(form);
    var fallback = form ? form.getAttribute("data-error-" + (xhr && xhr.status === 413 ? "too-large" : "failed")) : "";
    say(form, serverMessage(xhr) || fallback || (xhr ? xhr.status + " " + xhr.statusText : ""));
  });

  document.addEventListener("htmx:sendError", function (evt) {
    var form = formOf(evt);
    reset(form);
    say(form, form ? form.getAttribute("data-error-failed") || "" : "");
  });
})();
