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

  function contents() {
    /* A guide's contents: open beside the text on wide screens (a folded "On this page" on
       phones), and the entry for the part being read marked aria-current="location". */
    var toc = document.getElementById("toc-details");
    if (!toc) return;
    if (window.matchMedia("(min-width: 52.01rem)").matches) toc.open = true;
    if (!("IntersectionObserver" in window)) return;
    var links = {};
    toc.querySelectorAll('a[href^="#"]').forEach(function (link) {
      links[link.getAttribute("href").slice(1)] = link;
    });
    var current = null;
    var observer = new IntersectionObserver(
      function (entries) {
        entries.forEach(function (entry) {
          if (!entry.isIntersecting) return;
          var link = links[entry.target.id];
          if (!link || link === current) return;
          if (current) current.removeAttribute("aria-current");
          link.setAttribute("aria-current", "location");
          current = link;
        });
      },
      { rootMargin: "0px 0px -75% 0px" }
    );
    Object.keys(links).forEach(function (id) {
      var target = document.getElementById(id);
      if (target) observer.observe(target);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    menu();
    contents();
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
