/* The plan page: save a step's or an item's status and note in place, and warn before
   leaving with changes not saved. Without this script every form still posts and the
   page reloads (progressive enhancement); the server answers JSON when asked for it. */
(function () {
  "use strict";
  var forms = Array.prototype.slice.call(document.querySelectorAll("form[data-plan-row]"));
  if (!forms.length || !window.fetch || !window.FormData) {
    return;
  }

  function statusLine(form) {
    return form.querySelector(".save-status");
  }

  function setDirty(form, dirty) {
    form.dataset.dirty = dirty ? "1" : "";
    statusLine(form).textContent = dirty ? "Unsaved changes" : statusLine(form).textContent;
  }

  function anyDirty() {
    return forms.some(function (form) { return form.dataset.dirty === "1"; });
  }

  function csrfToken(form) {
    var field = form.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function showErrors(form, errors) {
    var parts = [];
    Object.keys(errors || {}).forEach(function (name) {
      parts = parts.concat(errors[name]);
    });
    statusLine(form).textContent = "Not saved: " + (parts.join(" ") || "please try again.");
  }

  function saved(form, data) {
    var row = form.closest("li");
    if (row) {
      row.className = row.className.replace(/\bstatus-[a-z]+\b/, "status-" + data.status);
      var label = row.querySelector("[data-status-label]");
      if (label) {
        label.textContent = data.status_label;
      }
    }
    form.dataset.dirty = "";
    statusLine(form).textContent = data.message;
    showProgress(data);
  }

  function showProgress(data) {
    var box = document.getElementById("pace");
    if (!box || typeof data.progress !== "number") {
      return;
    }
    var value = box.querySelector(".score-value");
    var label = box.querySelector(".score-label");
    var bar = box.querySelector("progress");
    var shown = (Math.round(data.progress * 10) / 10) + "%";
    if (value) { value.textContent = shown; }
    if (label) { label.textContent = data.done + " of " + data.counted + " done (steps and items)"; }
    if (bar) { bar.value = data.progress; bar.textContent = shown; }
  }

  forms.forEach(function (form) {
    form.addEventListener("input", function () { setDirty(form, true); });
    form.addEventListener("change", function () { setDirty(form, true); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = form.querySelector("button[type=submit]");
      button.disabled = true;
      statusLine(form).textContent = "Saving…";
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { "Accept": "application/json", "X-CSRFToken": csrfToken(form) }
      }).then(function (response) {
        return response.json().then(function (data) {
          if (response.ok && data.saved) {
            saved(form, data);
          } else {
            showErrors(form, data.errors);
          }
        }, function () {
          statusLine(form).textContent = "Not saved: the server did not answer. Try again.";
        });
      }, function () {
        statusLine(form).textContent = "Not saved: no connection. Your changes are still here.";
      }).then(function () {
        button.disabled = false;
      });
    });
  });

  window.addEventListener("beforeunload", function (event) {
    if (anyDirty()) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
