/* The site's only script, small and optional (docs/design.md):
   - the theme: light, dark or the system's choice, remembered in this browser only (no account,
     no cookie); loaded in <head> so the chosen theme applies before the page paints;
   - the phone menu: on narrow screens the main navigation folds behind a "Menu" button.
   Without JavaScript the site follows prefers-color-scheme, the theme button stays hidden and
   the navigation is simply shown in full. */
(function () {
  "use strict";
  var KEY = "theme";
  var ORDER = ["", "light", "dark"];
  var LABELS = { "": "Theme: system", light: "Theme: light", dark: "Theme: dark" };
  var root = document.documentElement;

  function stored() {
    try {
      var value = window.localStorage.getItem(KEY);
      return value === "light" || value === "dark" ? value : "";
    } catch (error) {
      return "";
    }
  }

  function remember(choice) {
    try {
      if (choice) window.localStorage.setItem(KEY, choice);
      else window.localStorage.removeItem(KEY);
    } catch (error) {
      /* storage refused (private mode): the choice lasts for this page only */
    }
  }

  function apply(choice) {
    if (choice) root.setAttribute("data-theme", choice);
    else root.removeAttribute("data-theme");
  }

  apply(stored());
  root.classList.add("js");

  function menu() {
    var toggle = document.getElementById("menu-toggle");
    if (!toggle) return;
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") === "true";
      toggle.setAttribute("aria-expanded", open ? "false" : "true");
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
        toggle.setAttribute("aria-expanded", "false");
        toggle.focus();
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    menu();
    var button = document.getElementById("theme-toggle");
    if (!button) return;
    var current = stored();
    function show() {
      button.textContent = LABELS[current];
      button.setAttribute("title", "Change the colour theme: system, light or dark");
    }
    button.hidden = false;
    show();
    button.addEventListener("click", function () {
      current = ORDER[(ORDER.indexOf(current) + 1) % ORDER.length];
      remember(current);
      apply(current);
      show();
    });
  });
})();
